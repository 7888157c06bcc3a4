"""Linkage specs, options and value preparation: records -> the derived columns splink compares.

A comparison spec is ``(column, kind)``; kinds are ``name``, ``date``, ``exact``, ``number``,
``text`` (any CSV) plus ``age_range`` and ``date_range`` (our ``record`` table: ``<col>_low`` /
``<col>_high`` and ``<col>_earliest`` / ``<col>_latest`` intervals, compared by overlap).
Every comparison is a plain splink settings dict (SQL levels), so the saved model JSON shows
exactly what was compared. No I/O here: frames in, frames (and the model JSON) out.

Modules: this one (specs, options, name keys, :func:`prepare`, the combined person name),
``comparisons`` (splink comparison levels), ``blocking`` (candidate-pair keys), ``training``
(:func:`training.run_splink`: u, lambda, EM, predict), ``spark`` (the optional Spark backend).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pipeline.errors import PipelineError
from pipeline.transforms.names import latin_name_key, map_unique, persian_name_key
from pipeline.transforms.persian import fold_same_sound

log = logging.getLogger(__name__)

KINDS = ("name", "date", "exact", "number", "text", "age_range", "date_range")
UID = "unique_id"
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
    # any key making more pairs than this x N has its largest blocks left out (capped_rules)
    key_pairs_per_record: int = 5
    max_block_records: int | None = None  # blocks of a key bigger than this are left out
    train_max_records: int = 200_000  # more records: train on a seeded sample of this many
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



def cols_for(spec: CompareSpec) -> list[str]:
    """The derived columns a comparison of ``spec`` reads."""
    c = spec.column
    if spec.kind in ("age_range", "date_range"):
        return [f"{c}__lo", f"{c}__hi"]
    if spec.kind == "name":
        return [f"{c}__k", f"{c}__s", f"{c}__c"]
    return [f"{c}__k"]



PERSON_NAME_COLS = ("person_name_fa", "person_name_latin")


def names_in_both_scripts(prepared: pd.DataFrame, used: list[CompareSpec]) -> bool:
    """True when the person's name is written in Persian script in one column and in Latin
    in another (the same name twice). Given name + surname in one script are two parts of a
    name that can be damaged independently: those stay separate comparisons (measured better
    on the FEBRL-like lists of tests/linkage: F1 0.99 against 0.84 combined)."""
    scripts = set()
    for c in person_name_cols(used):
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
    cols = person_name_cols(used)
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



def person_name_cols(used: list[CompareSpec]) -> list[str]:
    """The person's own name columns (every name comparison but the father's)."""
    return [s.column for s in used if s.kind == "name" and "father" not in s.column]


def other_cols(used: list[CompareSpec]) -> list[str]:
    """Keys of the comparisons that are not the person's own name (dates, places, ages,
    father's name...)."""
    out = []
    for s in used:
        if s.kind in ("age_range", "date_range"):
            out.append(f"{s.column}__lo")
        elif s.kind != "name" or "father" in s.column:
            out.append(f"{s.column}__k")
    return out

