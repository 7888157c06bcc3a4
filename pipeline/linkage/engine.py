"""Splink (DuckDB backend) from plain comparison specs: prepare columns, train (EM), predict.

A comparison spec is ``(column, kind)``; kinds are ``name``, ``date``, ``exact``, ``number``,
``text`` (any CSV) plus ``age_range`` and ``date_range`` (our ``record`` table: ``<col>_low`` /
``<col>_high`` and ``<col>_earliest`` / ``<col>_latest`` intervals, compared by overlap).
Every comparison is a plain splink settings dict (SQL levels), so the saved model JSON shows
exactly what was compared. No I/O here: frames in, frames (and the model JSON) out.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from pipeline.errors import PipelineError
from pipeline.transforms.names import latin_name_key, map_unique, persian_name_key
from pipeline.transforms.persian import fold_same_sound

log = logging.getLogger(__name__)

KINDS = ("name", "date", "exact", "number", "text", "age_range", "date_range")
UID = "unique_id"
RARE_U = 1e-5  # starting u of name levels random pairs hardly ever reach
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class CompareSpec:
    column: str
    kind: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise PipelineError(f"unknown comparison kind {self.kind!r}; use one of "
                                f"{', '.join(KINDS)}", field=self.column)


@dataclass(frozen=True)
class EngineOptions:
    """Knobs of one linkage run (all have defaults; linkage.yaml may override)."""

    link_type: str = "dedupe_only"  # or "link_only"
    blocking: tuple[tuple[str, ...], ...] = ()  # explicit blocking keys (derived columns)
    block_pairs_per_record: int = 20  # auto blocking: skip keys making more pairs than this x N
    total_pairs_per_record: int = 60  # auto blocking: stop adding keys past this x N in all
    min_total_pairs: int = 300_000
    min_block_pairs: int = 20_000
    u_max_pairs: int = 1_000_000
    seed: int = 1988
    pair_floor: float = 0.01  # scored pairs below this are not returned
    threads: int = 2
    em_max_iterations: int = 25
    recall: float = 0.5  # assumed recall of the strict rules that estimate lambda
    # lambda from strict rules (whole name AND one more field), an EM session on non-name
    # blocks, small starting u for rare name levels: measured better on lists with many
    # namesakes (docs/linkage.md); False = lambda from the first blocking keys (recall 0.8)
    strict_training: bool = True
    swap_names: bool = False  # add "equals another name column" levels (swapped fields)
    backend: str = "duckdb"  # or "spark" (optional extra: pip install .[spark]; needs Java)
    # one comparison for the person's name (every name column but the father's), by script:
    # the Persian-script keys joined are the name, the Latin ones an alternative spelling.
    # Separate given / surname / full-name comparisons count one name several times.
    combine_names: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class EngineResult:
    pairs: pd.DataFrame  # unique_id_l, unique_id_r, match_weight, match_probability, gamma_*
    model_json: str
    comparisons_used: list[str]


# --- value preparation ---------------------------------------------------------------------------


def name_key(text: str) -> str | None:
    """Persian-script names -> persian_name_key (hamza forms folded), anything else ->
    latin_name_key."""
    if _ARABIC.search(text):
        return persian_name_key(text)
    return latin_name_key(text)


def _sorted_compact(s: pd.Series) -> pd.Series:
    return map_unique(s, lambda t: "".join(sorted(t.split())) or None)


def _text_key(text: str) -> str | None:
    out = " ".join(_NON_WORD.sub(" ", text.casefold()).split())
    return out or None


def _as_string(s: pd.Series) -> pd.Series:
    s = s.astype("string").str.strip()
    return s.mask(s == "")


def prepare(df: pd.DataFrame, specs: list[CompareSpec]) -> pd.DataFrame:
    """Add derived comparison columns ``<col>__k`` (key), ``<col>__s`` (sorted-token key) etc."""
    out = pd.DataFrame({UID: df[UID].astype("string")}, index=df.index)
    if "source_dataset" in df.columns:
        out["source_dataset"] = df["source_dataset"].astype("string")
    for spec in specs:
        c = spec.column
        if spec.kind == "age_range":
            lo = pd.to_numeric(df[f"{c}_low"], errors="coerce").astype("Float64")
            hi = pd.to_numeric(df[f"{c}_high"], errors="coerce").astype("Float64")
            out[f"{c}__lo"] = lo.fillna(hi)
            out[f"{c}__hi"] = hi.fillna(lo)
            continue
        if spec.kind == "date_range":
            out[f"{c}__lo"] = pd.to_datetime(df[f"{c}_earliest"], errors="coerce")
            out[f"{c}__hi"] = pd.to_datetime(df[f"{c}_latest"], errors="coerce")
            continue
        if c not in df.columns:
            raise PipelineError(f"column {c!r} not in input", field=c)
        raw = _as_string(df[c])
        if spec.kind == "name":
            key = map_unique(raw, name_key).astype("string")
            out[f"{c}__k"] = key
            out[f"{c}__s"] = _sorted_compact(key).astype("string")
            out[f"{c}__c"] = key.str.replace(" ", "", regex=False)
        elif spec.kind == "date":
            digits = raw.str.replace(r"\D", "", regex=True)
            out[f"{c}__k"] = digits.mask(digits == "")
            # blocking only: first and last 4 digits (year / month-day in most formats)
            long = digits.str.len() >= 6
            out[f"{c}__y"] = digits.str.slice(0, 4).where(long)
            out[f"{c}__md"] = digits.str.slice(-4).where(long)
        elif spec.kind == "number":
            out[f"{c}__k"] = pd.to_numeric(raw, errors="coerce").astype("Float64")
        elif spec.kind == "exact":
            out[f"{c}__k"] = raw.str.casefold()
        else:  # text
            out[f"{c}__k"] = map_unique(raw, _text_key).astype("string")
            out[f"{c}__t3"] = out[f"{c}__k"].str.slice(0, 3)  # blocking only
    return out


# --- comparisons ---------------------------------------------------------------------------------


def _q(col: str, side: str) -> str:
    return f'"{col}_{side}"'


def _null(*cols: str) -> str:
    return " OR ".join(f"{_q(c, 'l')} IS NULL OR {_q(c, 'r')} IS NULL" for c in cols)


def _level(sql: str, label: str, **kw: Any) -> dict[str, Any]:
    return {"sql_condition": sql, "label_for_charts": label, **kw}


def comparison(spec: CompareSpec, other_names: list[str], rare_u: bool = True
               ) -> dict[str, Any]:
    """One splink comparison (settings-dict form) for a spec."""
    c, k = spec.column, f"{spec.column}__k"
    l_, r_ = _q(k, "l"), _q(k, "r")
    null = _level(_null(k), "null", is_null_level=True)
    levels: list[dict[str, Any]]
    if spec.kind == "name":
        s = f"{c}__s"
        levels = [
            null,
            _level(f"{l_} = {r_}", "exact key", tf_adjustment_column=k, tf_adjustment_weight=1.0),
            # rare among random pairs, so random sampling may never see it: start from a
            # small u (kept if sampling finds none) instead of leaving the level untrained
            _level(f"{_q(s, 'l')} = {_q(s, 'r')} OR {_q(f'{c}__c', 'l')} = {_q(f'{c}__c', 'r')}",
                   "same tokens in any order, or same letters ignoring spaces",
                   **({"m_probability": 0.05, "u_probability": RARE_U} if rare_u else {})),
            _level(f"jaro_winkler_similarity({l_}, {r_}) >= 0.92", "jaro-winkler >= 0.92"),
        ]
        for o in other_names:  # swapped fields: this name equals another name column
            ok = f"{o}__k"
            levels.append(_level(f"{l_} = {_q(ok, 'r')} OR {_q(ok, 'l')} = {r_}",
                                 f"equals {o} (swapped)",
                                 **({"m_probability": 0.01, "u_probability": RARE_U}
                                    if rare_u else {})))
        levels += [
            _level(f"jaro_winkler_similarity({l_}, {r_}) >= 0.8", "jaro-winkler >= 0.8"),
            _level("ELSE", "different"),
        ]
    elif spec.kind == "date":
        levels = [
            null,
            _level(f"{l_} = {r_}", "exact"),
            # 1988-09 and 1988-09-13: the same date known less precisely (not a contradiction)
            _level(f"substr({l_}, 1, length({r_})) = {r_} OR substr({r_}, 1, length({l_})) = {l_}",
                   "one is a less precise form of the other"),
            _level(f"damerau_levenshtein({l_}, {r_}) <= 1", "one edit or transposition"),
            _level(f"levenshtein({l_}, {r_}) <= 2", "two edits"),
            _level("ELSE", "different"),
        ]
    elif spec.kind == "number":
        d = f"abs({l_} - {r_})"
        levels = [
            null,
            _level(f"{l_} = {r_}", "exact"),
            _level(f"{d} <= 1", "within 1"),
            _level(f"{d} <= 0.1 * greatest(abs({l_}), abs({r_}))", "within 10%"),
            _level("ELSE", "different"),
        ]
    elif spec.kind == "exact":
        levels = [null, _level(f"{l_} = {r_}", "exact", tf_adjustment_column=k,
                               tf_adjustment_weight=1.0), _level("ELSE", "different")]
    elif spec.kind == "text":
        levels = [
            null,
            _level(f"{l_} = {r_}", "exact"),
            _level(f"jaro_winkler_similarity({l_}, {r_}) >= 0.9", "jaro-winkler >= 0.9"),
            _level(f"jaro_winkler_similarity({l_}, {r_}) >= 0.7", "jaro-winkler >= 0.7"),
            _level("ELSE", "different"),
        ]
    else:  # ranges: low/high intervals, equal, overlapping, near, apart
        lo, hi = f"{c}__lo", f"{c}__hi"
        ll, lr, hl, hr = _q(lo, "l"), _q(lo, "r"), _q(hi, "l"), _q(hi, "r")
        overlap = f"{ll} <= {hr} AND {lr} <= {hl}"
        if spec.kind == "age_range":
            near = f"{ll} <= {hr} + 2 AND {lr} <= {hl} + 2"
        else:
            near = f"{ll} <= {hr} + INTERVAL 31 DAY AND {lr} <= {hl} + INTERVAL 31 DAY"
        levels = [
            _level(_null(lo, hi), "null", is_null_level=True),
            _level(f"{ll} = {lr} AND {hl} = {hr}", "same range"),
            _level(overlap, "ranges overlap"),
            _level(near, "ranges near"),
            _level("ELSE", "apart"),
        ]
    return {"output_column_name": c, "comparison_levels": levels,
            "comparison_description": f"{c} ({spec.kind})"}


def _cols_for(spec: CompareSpec) -> list[str]:
    c = spec.column
    if spec.kind in ("age_range", "date_range"):
        return [f"{c}__lo", f"{c}__hi"]
    if spec.kind == "name":
        return [f"{c}__k", f"{c}__s", f"{c}__c"]
    return [f"{c}__k"]


# --- blocking ------------------------------------------------------------------------------------


def _pair_count(keys: pd.DataFrame) -> int:
    ok = keys.dropna()
    if ok.empty:
        return 0
    n = ok.value_counts().to_numpy(dtype=np.int64)
    return int((n * (n - 1) // 2).sum())


def auto_blocking(prepared: pd.DataFrame, specs: list[CompareSpec],
                  opts: EngineOptions) -> list[tuple[str, ...]]:
    """Blocking keys chosen from the data: every single key column, then pairs of key columns
    (and name prefixes), kept when they make at most ``max_block_pairs`` candidate pairs."""
    name_cols = [s.column for s in specs if s.kind == "name"]
    singles: list[str] = []
    for s in specs:
        if s.kind in ("name",):
            singles += [f"{s.column}__k", f"{s.column}__s"]
        elif s.kind in ("date", "exact", "number", "text"):
            singles.append(f"{s.column}__k")
    derived: dict[str, pd.Series] = {}
    for c in name_cols:  # 3-letter prefixes of names catch typos later in the name
        derived[f"{c}__p3"] = prepared[f"{c}__s"].str.slice(0, 3)
    for s in specs:  # date halves and text prefixes: combined with another key only
        for suffix in {"date": ("__y", "__md"), "text": ("__t3",)}.get(s.kind, ()):
            derived[s.column + suffix] = prepared[s.column + suffix]
    cols = {c: prepared[c] for c in singles} | derived
    chosen: list[tuple[str, ...]] = []
    budget = max(opts.min_block_pairs, opts.block_pairs_per_record * len(prepared))
    total = 0
    for c in singles:
        n = _pairs_of(cols, (c,), prepared, opts)
        if n <= budget:
            chosen.append((c,))
            total += n
    # pairs of keys, names first (spec order), until the candidate pairs (counted per key,
    # overlaps included) pass the total budget: bounded work on large inputs
    limit = max(opts.min_total_pairs, opts.total_pairs_per_record * len(prepared))
    base = [c for c in singles if not c.endswith("__s")] + sorted(derived)
    for i, a in enumerate(base):
        for b in base[i + 1:]:
            if a.split("__")[0] == b.split("__")[0]:
                continue
            if any(set(ch) <= {a, b} for ch in chosen):
                continue
            n = _pairs_of(cols, (a, b), prepared, opts)
            if n <= budget and total + n <= limit:
                chosen.append((a, b))
                total += n
    return chosen


def _pairs_of(cols: dict[str, pd.Series], key: tuple[str, ...], prepared: pd.DataFrame,
              opts: EngineOptions) -> int:
    frame = pd.DataFrame({k: cols[k].astype("string") for k in key})
    if opts.link_type == "link_only":
        frame["_ds"] = prepared["source_dataset"]
        ok = frame.dropna()
        counts = ok.groupby(list(key))["_ds"].value_counts().unstack(fill_value=0)
        return int(counts.prod(axis=1).sum()) if len(counts) else 0
    return _pair_count(frame)


def _rule(key: tuple[str, ...]) -> dict[str, str]:
    parts = []
    for k in key:
        if k.endswith("__p3"):
            col = k[: -len("__p3")] + "__s"
            parts.append(f'substr(l."{col}", 1, 3) = substr(r."{col}", 1, 3)')
        else:
            parts.append(f'l."{k}" = r."{k}"')
    return {"blocking_rule": " AND ".join(parts), "sql_dialect": "duckdb"}


# --- training and prediction ------------------------------------------------------------


def run_splink(df: pd.DataFrame, specs: list[CompareSpec], opts: EngineOptions) -> EngineResult:
    """Prepare, drop all-null comparisons, pick blocking, estimate u (random sampling, seeded),
    lambda and m (EM, blocked on two different keys), predict pairs >= ``pair_floor``."""
    import splink  # noqa: F401  (imported here: only linkage needs it)
    from splink import Linker
    from splink.backends.duckdb import DuckDBAPI

    if df[UID].duplicated().any():
        dup = df.loc[df[UID].duplicated(), UID].iloc[0]
        raise PipelineError("id column is not unique", value=dup)
    clock = _Clock()
    prepared = prepare(df, specs)
    used = [s for s in specs if prepared[_cols_for(s)].notna().any(axis=1).any()]
    dropped = sorted({s.column for s in specs} - {s.column for s in used})
    if dropped:
        log.info("linkage: no values, comparison skipped: %s", ", ".join(dropped))
    if not used:
        raise PipelineError("nothing to compare: every compared column is empty")
    names = [s.column for s in used if s.kind == "name"]
    combined = opts.combine_names and _names_in_both_scripts(prepared, used)
    if combined:
        prepared, model_specs = combine_person_names(prepared, used)
        comps = [person_name_comparison()] + [
            comparison(s, [], rare_u=opts.strict_training) for s in model_specs
            if s.column not in PERSON_NAME_COLS]
    else:
        model_specs = used
        comps = [comparison(s, [o for o in names if o != s.column] if opts.swap_names else [],
                            rare_u=opts.strict_training) for s in used]
    keys = list(opts.blocking) or (combined_blocking(prepared, model_specs, opts) if combined
                                   else auto_blocking(prepared, used, opts))
    keys = [k for k in keys if all(_exists(prepared, c) for c in k)]
    if not keys:
        raise PipelineError("no usable blocking key: every candidate makes too many pairs")
    rules = [_rule(k) for k in keys]
    settings: dict[str, Any] = {
        "link_type": opts.link_type,
        "unique_id_column_name": UID,
        "comparisons": comps,
        "blocking_rules_to_generate_predictions": rules,
        "retain_intermediate_calculation_columns": False,
        "retain_matching_columns": False,
        "em_convergence": 0.0001,
        "max_iterations": opts.em_max_iterations,
    }
    con = None
    if opts.backend == "spark":
        settings = to_spark_sql(settings)
        db = spark_api(opts.threads)
    elif opts.backend == "duckdb":
        con = duckdb.connect()
        con.execute(f"SET threads = {int(opts.threads)}")
        # DuckDB spills to ./.tmp of the working directory by default: keep spills out of
        # the user's folder (and the repository) and remove them with the connection.
        spill = tempfile.mkdtemp(prefix="pipeline-duckdb-")
        con.execute(f"SET temp_directory = '{spill}'")
        db = DuckDBAPI(connection=con)
    else:
        raise PipelineError(f"unknown linkage engine {opts.backend!r}; use duckdb or spark")
    logging.getLogger("splink").setLevel(logging.WARNING)
    if opts.link_type == "link_only":
        parts = [prepared[prepared["source_dataset"] == ds].drop(columns="source_dataset")
                 .reset_index(drop=True)
                 for ds in sorted(prepared["source_dataset"].dropna().unique())]
        inputs = [db.register(p, table_name=f"input_{i}", dataset_display_name=str(i))
                  for i, p in enumerate(parts)]
        linker = Linker(inputs, settings, log_level=logging.ERROR)
    else:
        linker = Linker(db.register(prepared.drop(columns="source_dataset", errors="ignore")
                                    .reset_index(drop=True), table_name="input_0"), settings,
                        log_level=logging.ERROR)
    # lambda: counted with strict rules (a name key AND another field), not with the name
    # blocks alone: on a list with many namesakes most same-name pairs are different people
    if opts.strict_training:
        det, recall = _lambda_rules(keys, prepared, model_specs, opts), opts.recall
    else:
        det = [r["blocking_rule"] for r in settings["blocking_rules_to_generate_predictions"][
            : max(1, min(3, len(keys)))]]
        recall = 0.8
    try:
        clock.lap("prepare + blocking")
        linker.training.estimate_probability_two_random_records_match(det, recall=recall)
    except Exception as exc:  # noqa: BLE001 - splink raises plain exceptions here
        log.info("linkage: lambda estimate failed (%s); using default", exc)
    clock.lap("lambda")
    linker.training.estimate_u_using_random_sampling(max_pairs=opts.u_max_pairs, seed=opts.seed)
    clock.lap("u by random sampling")
    lam = linker._settings_obj._probability_two_random_records_match
    if combined:  # names by the non-name block below, the rest by the name blocks
        rules = [_rule((f"{c}__k",))["blocking_rule"] for c in PERSON_NAME_COLS]
        rules = [_spark_sql(r) if opts.backend == "spark" else r for r in rules]
    else:
        rules = _training_rules(keys, used, opts.backend, opts.swap_names)
    # combined names: a smaller non-name block (at most 10 pairs per record) trains as well
    # and costs a fraction (measured: 44 s of a 67 s run at 50 per record)
    other = (_other_block(prepared, model_specs, opts, per_record=10 if combined else 50)
             if opts.strict_training else None)
    if other is not None:  # names are trained on pairs that were not chosen for their name
        rules = [_rule(other)["blocking_rule"]] + rules
    for rule in rules:
        saved = linker._settings_obj.core_model_settings.copy()
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, fix_u_probabilities=True)
        except Exception as exc:  # noqa: BLE001
            # a failed session leaves its reduced comparison list behind: put it back
            linker._settings_obj.core_model_settings = saved
            log.info("linkage: EM session on %s skipped (%s)", rule, exc)
        # a failed session can leave its in-block lambda behind; the global one stays
        linker._settings_obj._probability_two_random_records_match = lam
        clock.lap(f"EM on {rule}")
    pred = linker.inference.predict(threshold_match_probability=opts.pair_floor)
    clock.lap("predict")
    pairs = pred.as_pandas_dataframe()
    model = linker.misc.save_model_to_json()
    model.pop("linker_uid", None)  # random per run; not part of the model
    model_json = json.dumps(_round_floats(model), sort_keys=True, separators=(",", ":"),
                            ensure_ascii=False, default=str)
    keep = ["unique_id_l", "unique_id_r", "match_weight", "match_probability"] + [
        c for c in pairs.columns if c.startswith("gamma_")]
    if opts.link_type == "link_only":
        keep = ["source_dataset_l", "source_dataset_r"] + keep
    pairs = pairs[keep].copy()
    if con is not None:
        con.close()
        shutil.rmtree(spill, ignore_errors=True)
    return EngineResult(pairs=pairs, model_json=model_json,
                        comparisons_used=[s.column for s in used])


PERSON_NAME_COLS = ("person_name_fa", "person_name_latin")


def _names_in_both_scripts(prepared: pd.DataFrame, used: list[CompareSpec]) -> bool:
    """True when the person's name is written in Persian script in one column and in Latin
    in another (the same name twice). Given name + surname in one script are two parts of a
    name that can be damaged independently: those stay separate comparisons (measured better
    on the FEBRL-like lists of tests/linkage: F1 0.99 against 0.84 combined)."""
    scripts = set()
    for c in _person_name_cols(used):
        key = prepared[f"{c}__k"].dropna()
        if len(key):
            scripts.add(bool(key.str.contains(_ARABIC.pattern, regex=True).mean() > 0.5))
    return scripts == {True, False}


def combine_person_names(prepared: pd.DataFrame, used: list[CompareSpec]
                         ) -> tuple[pd.DataFrame, list[CompareSpec]]:
    """The person's name columns (every name but the father's) -> two derived names: the
    Persian-script keys joined in column order (``person_name_fa``) and the Latin ones
    (``person_name_latin``), each with key ``__k``, sorted tokens ``__s``, no spaces ``__c``.
    Returns (prepared with them, specs with the two derived names instead of the person's
    name columns)."""
    cols = _person_name_cols(used)
    out = prepared.copy()
    for target, fa in (("person_name_fa", True), ("person_name_latin", False)):
        joined = pd.Series("", index=prepared.index, dtype="string")
        for c in cols:
            key = prepared[f"{c}__k"].astype("string")
            is_fa = key.str.contains(_ARABIC.pattern, regex=True).fillna(False).astype(bool)
            take = key.where(is_fa if fa else ~is_fa).fillna("")
            joined = (joined + " " + take).str.strip()
        joined = joined.str.split().str.join(" ").mask(joined == "")
        out[f"{target}__k"] = joined
        out[f"{target}__s"] = _sorted_compact(joined).astype("string")
        out[f"{target}__c"] = joined.str.replace(" ", "", regex=False)
        # blocking: the name's rarest word in this input (usually the surname), and the
        # second rarest, so a typo in one word still leaves a shared block
        # blocking only: letters that sound alike folded (Persian), vowels dropped (Latin:
        # transliterations differ mostly in vowels), so a spelling variant shares a block
        sk = map_unique(joined, _fa_skeleton if fa else _skeleton).astype("string")
        out[f"{target}__sk"] = sk.str.replace(" ", "", regex=False)
        out[f"{target}__w"], out[f"{target}__w2"] = _rare_words(sk)
    specs = [CompareSpec(c, "name") for c in PERSON_NAME_COLS] + [
        s for s in used if s.column not in cols]
    return out, specs


_SKELETON = (("tch", "ch"), ("kh", "x"), ("gh", "q"), ("ph", "f"), ("w", "v"))
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLE = re.compile(r"(.)\1+")


def _skeleton(name: str) -> str | None:
    """A Latin name key's consonants (kh -> x, gh -> q, doubled letters once): Hossein,
    Hosein, Husain -> hsn (blocking only)."""
    out = name.casefold()
    for a, b in _SKELETON:
        out = out.replace(a, b)
    words = [_DOUBLE.sub(r"\1", _VOWELS.sub("", w)).removesuffix("h") for w in out.split()]
    return " ".join(w for w in words if w) or None



def _fa_skeleton(name: str) -> str | None:
    """A Persian name key with same-sound letters folded (blocking only)."""
    return fold_same_sound(name) or None


def _rare_words(names: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each name's rarest and second-rarest word (by count in ``names``; ties by the word)."""
    words = names.str.split().explode().dropna()
    freq = words.value_counts()
    ranked = pd.DataFrame({"row": words.index, "w": words.to_numpy()})
    ranked["n"] = ranked["w"].map(freq).to_numpy()
    ranked = ranked.drop_duplicates(["row", "w"]).sort_values(["row", "n", "w"], kind="stable")
    ranked["rank"] = ranked.groupby("row").cumcount()
    first = ranked[ranked["rank"] == 0].set_index("row")["w"]
    second = ranked[ranked["rank"] == 1].set_index("row")["w"]
    return (first.reindex(names.index).astype("string"),
            second.reindex(names.index).astype("string"))


def person_name_comparison() -> dict[str, Any]:
    """One comparison of the person's whole name: the Persian-script name first, the Latin
    spelling as an alternative, term-frequency adjusted on exact agreement (a common name
    agreeing is weaker evidence than a rare one)."""
    f, la = PERSON_NAME_COLS

    def eq(c: str, suffix: str) -> str:
        return f"{_q(c + suffix, 'l')} = {_q(c + suffix, 'r')}"

    def jw(c: str, t: float) -> str:
        return f"jaro_winkler_similarity({_q(c + '__k', 'l')}, {_q(c + '__k', 'r')}) >= {t}"

    def dl(c: str, n: int) -> str:
        # the length test is implied and cheap: most random pairs never reach the edit count
        l_, r_ = _q(c + "__k", "l"), _q(c + "__k", "r")
        return (f"(abs(length({l_}) - length({r_})) <= {n} AND "
                f"damerau_levenshtein({l_}, {r_}) <= {n})")

    null = _level(f"({_null(f + '__k')}) AND ({_null(la + '__k')})", "null",
                  is_null_level=True)
    levels = [
        null,
        _level(eq(f, "__k"), "Persian name exact", tf_adjustment_column=f + "__k",
               tf_adjustment_weight=1.0),
        _level(eq(la, "__k"), "Latin name exact", tf_adjustment_column=la + "__k",
               tf_adjustment_weight=1.0),
        _level(f"{eq(f, '__s')} OR {eq(f, '__c')} OR {eq(la, '__s')} OR {eq(la, '__c')}",
               "same tokens in any order, or same letters ignoring spaces",
               m_probability=0.05, u_probability=RARE_U),
        # edit distance before Jaro-Winkler: Winkler's prefix bonus puts every two people
        # who share a common given name (Mohammad ...) into the high JW levels
        _level(f"{dl(f, 1)} OR {dl(la, 1)}", "one edit or transposition"),
        _level(f"{dl(f, 2)} OR {dl(la, 2)}", "two edits"),
        _level(f"{jw(f, 0.92)} OR {jw(la, 0.92)}", "jaro-winkler >= 0.92"),
        _level(f"{jw(f, 0.8)} OR {jw(la, 0.8)}", "jaro-winkler >= 0.8"),
        _level("ELSE", "different"),
    ]
    return {"output_column_name": "person_name", "comparison_levels": levels,
            "comparison_description": "person_name (Persian and Latin name columns joined)"}


def combined_blocking(prepared: pd.DataFrame, specs: list[CompareSpec],
                      opts: EngineOptions) -> list[tuple[str, ...]]:
    """Blocking for the combined name, chosen so candidate pairs stay few per record: each
    script's whole key and sound/consonant skeleton, its two rarest words together, and its
    rarest word with each other field (date, age, city, father...). A key making more than
    ``block_pairs_per_record`` pairs per record is left out."""
    f, la = PERSON_NAME_COLS
    cand: list[tuple[str, ...]] = [(f"{c}__{x}",) for x in ("k", "sk") for c in (f, la)]
    cand += [(f"{c}__w", f"{c}__w2") for c in (f, la)]
    others = [o for o in _other_cols(specs)
              if o in prepared.columns and prepared[o].nunique(dropna=True) > 2]
    cand += [(f"{c}__w", o) for o in others for c in (f, la)]
    cols = {c: prepared[c] for c in prepared.columns if "__" in c}
    budget = max(opts.min_block_pairs, opts.block_pairs_per_record * len(prepared))
    keys = [k for k in cand if prepared[list(k)].notna().all(axis=1).any()
            and _pairs_of(cols, k, prepared, opts) <= budget]
    return keys


class _Clock:
    """Seconds per linkage step, logged at INFO (`-v`)."""

    def __init__(self) -> None:
        import time

        self._now = time.perf_counter
        self._t = self._now()

    def lap(self, what: str) -> None:
        t = self._now()
        log.info("linkage: %s %.1f s", what, t - self._t)
        self._t = t


def _round_floats(obj: Any) -> Any:
    """Floats to 12 significant digits, so the saved model is byte-stable across runs."""
    if isinstance(obj, float):
        return float(f"{obj:.12g}")
    if isinstance(obj, dict):
        return {k: _round_floats(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_round_floats(v) for v in obj]
    return obj


def _exists(prepared: pd.DataFrame, key: str) -> bool:
    col = key[: -len("__p3")] + "__s" if key.endswith("__p3") else key
    return col in prepared.columns


def _person_name_cols(used: list[CompareSpec]) -> list[str]:
    return [s.column for s in used if s.kind == "name" and "father" not in s.column]


def _other_cols(used: list[CompareSpec]) -> list[str]:
    """Keys of the comparisons that are not the person's own name (dates, places, ages,
    father's name...)."""
    out = []
    for s in used:
        if s.kind in ("age_range", "date_range"):
            out.append(f"{s.column}__lo")
        elif s.kind != "name" or "father" in s.column:
            out.append(f"{s.column}__k")
    return out


def _lambda_rules(keys: list[tuple[str, ...]], prepared: pd.DataFrame,
                  used: list[CompareSpec], opts: EngineOptions) -> list[str]:
    names = [f"{c}__k" for c in _person_name_cols(used)] or [f"{s.column}__k" for s in used
                                                             if s.kind == "name"]
    names = [c for c in names if prepared[c].notna().any()]  # e.g. no Persian names at all
    others = [c for c in _other_cols(used) if c in prepared.columns
              and prepared[c].nunique(dropna=True) > 2]  # not gender: too weak to be strict
    # the whole name (every name key) and one more field agree
    rules = [_rule((*names, ok))["blocking_rule"] for ok in others]
    if not rules:
        rules = [_rule(k)["blocking_rule"] for k in keys[: max(1, min(3, len(keys)))]]
    return [_spark_sql(r) if opts.backend == "spark" else r for r in rules]


def _other_block(prepared: pd.DataFrame, used: list[CompareSpec],
                 opts: EngineOptions, per_record: int = 50) -> tuple[str, ...] | None:
    """Two non-name keys whose blocks make a trainable number of pairs (most pairs per
    record up to 50), so the name comparisons are trained on pairs not chosen by name."""
    others = [c for c in _other_cols(used) if c in prepared.columns]
    cols = {c: prepared[c] for c in others}
    best = None
    for i, a in enumerate(others):
        for b in others[i + 1:]:
            n = _pairs_of(cols, (a, b), prepared, opts)
            if 1000 <= n <= max(200_000, per_record * len(prepared)) and (
                    best is None or n > best[0]):
                best = (n, (a, b))
    return None if best is None else best[1]


def _training_rules(keys: list[tuple[str, ...]], used: list[CompareSpec],
                    backend: str = "duckdb", swap_names: bool = False) -> list[str]:
    """EM blocks: a few keys on different base columns, so every comparison is trained in at
    least one session (splink does not train the columns a session blocks on)."""
    out: list[str] = []
    seen: set[str] = set()
    names = {s.column for s in used if s.kind == "name"}
    # columns each comparison reads (a name comparison with swap levels reads every name)
    reads = [{s.column} | (names if swap_names and s.kind == "name" else set()) for s in used]
    for k in keys:
        base = {c.split("__")[0] for c in k}
        if base <= seen or all(r & base for r in reads):  # would train no comparison
            continue
        rule = _rule(k)["blocking_rule"]
        out.append(_spark_sql(rule) if backend == "spark" else rule)
        seen |= base
        if len(out) >= 3:
            break
    return out


# --- Spark backend (issue #7 point 4; optional) ------------------------------------------------

_SPARK_FUNCTIONS = (("jaro_winkler_similarity(", "jaro_winkler("),
                    ("INTERVAL 31 DAY", "INTERVAL 31 DAYS"))


def _spark_sql(sql: str) -> str:
    """Our DuckDB SQL in Spark SQL: backtick identifiers (our SQL has no string literals) and
    splink's Spark UDF names (jaro_winkler, damerau_levenshtein from splink's jar)."""
    for a, b in _SPARK_FUNCTIONS:
        sql = sql.replace(a, b)
    return sql.replace('"', "`")


def to_spark_sql(settings: dict[str, Any]) -> dict[str, Any]:
    out = json.loads(json.dumps(settings))
    for comp in out["comparisons"]:
        for level in comp["comparison_levels"]:
            level["sql_condition"] = _spark_sql(level["sql_condition"])
    for rule in out["blocking_rules_to_generate_predictions"]:
        rule["blocking_rule"] = _spark_sql(rule["blocking_rule"])
        rule["sql_dialect"] = "spark"
    return out


def spark_api(threads: int) -> Any:
    """splink's SparkAPI on a local Spark session with splink's similarity jar."""
    import tempfile

    try:
        from pyspark.sql import SparkSession
        from splink.backends.spark import SparkAPI, similarity_jar_location
    except ImportError as exc:
        raise PipelineError("the spark engine needs pyspark: pip install '.[spark]' "
                            f"({exc.name} missing)") from None
    try:
        spark = (SparkSession.builder.master(f"local[{max(1, int(threads))}]")
                 .appName("pipeline-link")
                 .config("spark.jars", similarity_jar_location())
                 .config("spark.sql.shuffle.partitions", "4")
                 .config("spark.default.parallelism", "4")
                 .config("spark.ui.enabled", "false")
                 .config("spark.ui.showConsoleProgress", "false")
                 .getOrCreate())
    except Exception as exc:  # noqa: BLE001 - Java missing etc.
        raise PipelineError(f"cannot start Spark (is Java 17+ installed?): {exc}") from None
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="splink-spark-"))
    return SparkAPI(spark_session=spark)

