"""Train and apply the splink model: u by seeded random sampling, lambda from strict rules, m by
expectation maximisation on a few blocks, then every candidate pair scored (DuckDB or Spark)."""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from typing import Any

import duckdb
import pandas as pd

from pipeline.errors import PipelineError
from pipeline.linkage.blocking import (
    auto_blocking,
    capped_rules,
    combined_blocking,
    exists,
    pairs_of,
    rule,
)
from pipeline.linkage.comparisons import comparison, person_name_comparison
from pipeline.linkage.engine import (
    PERSON_NAME_COLS,
    UID,
    CompareSpec,
    EngineOptions,
    EngineResult,
    cols_for,
    combine_person_names,
    names_in_both_scripts,
    other_cols,
    person_name_cols,
    prepare,
)
from pipeline.linkage.spark import spark_api, spark_sql, to_spark_sql

log = logging.getLogger(__name__)


@dataclass
class _Model:
    """What run_splink decided before training: the prepared frame, settings, blocking keys."""

    prepared: pd.DataFrame
    used: list[CompareSpec]  # the specs with at least one value
    model_specs: list[CompareSpec]  # ... with the combined person name when combined
    combined: bool
    keys: list[tuple[str, ...]]
    key_rules: dict[tuple[str, ...], dict[str, str]]  # blocking key -> rule (capped_rules)
    settings: dict[str, Any]
    cleanup: list[Any] = field(default_factory=list)


def run_splink(df: pd.DataFrame, specs: list[CompareSpec], opts: EngineOptions) -> EngineResult:
    """Prepare, drop all-null comparisons, pick blocking, estimate u (random sampling, seeded),
    lambda and m (EM, blocked on two different keys), predict pairs >= ``pair_floor``."""
    if df[UID].duplicated().any():
        dup = df.loc[df[UID].duplicated(), UID].iloc[0]
        raise PipelineError("id column is not unique", value=dup)
    clock = _Clock()
    model = _model(df, specs, opts)
    clock.lap("prepare + blocking")
    if len(model.prepared) > opts.train_max_records:
        model = _train_on_sample(model, opts, clock)
        linker, con, spill = _linker(model, opts)
    else:
        linker, con, spill = _linker(model, opts)
        try:
            _train(linker, model, opts, clock)
        except BaseException:
            _close(con, spill)
            raise
    try:
        pred = linker.inference.predict(threshold_match_probability=opts.pair_floor)
        clock.lap("predict")
        pairs = pred.as_pandas_dataframe()
        saved = linker.misc.save_model_to_json()
    finally:
        _close(con, spill)
    saved.pop("linker_uid", None)  # random per run; not part of the model
    model_json = json.dumps(_round_floats(saved), sort_keys=True, separators=(",", ":"),
                            ensure_ascii=False, default=str)
    keep = ["unique_id_l", "unique_id_r", "match_weight", "match_probability"] + [
        c for c in pairs.columns if c.startswith("gamma_")]
    if opts.link_type == "link_only":
        keep = ["source_dataset_l", "source_dataset_r"] + keep
    return EngineResult(pairs=pairs[keep].copy(), model_json=model_json,
                        comparisons_used=[s.column for s in model.used])


def _close(con: Any, spill: str) -> None:
    if con is not None:
        con.close()
        shutil.rmtree(spill, ignore_errors=True)


def _train_on_sample(model: _Model, opts: EngineOptions, clock: _Clock) -> _Model:
    """Train on a seeded sample of ``train_max_records`` records (lambda, u and m do not
    depend on the list's size; EM on a million records' blocks took over 12 GB), then return
    the model with the trained settings, to score every candidate pair of the whole list
    (term frequencies are counted on the whole list when pairs are scored)."""
    sample = model.prepared.sample(n=opts.train_max_records, random_state=opts.seed)
    small = replace(model, prepared=sample.sort_values(UID, kind="stable")
                    .reset_index(drop=True))
    linker, con, spill = _linker(small, opts)
    try:
        _train(linker, small, opts, clock)
        trained = linker.misc.save_model_to_json()
    finally:
        _close(con, spill)
    trained.pop("linker_uid", None)
    log.info("linkage: trained on a sample of %d of %d records", len(sample),
             len(model.prepared))
    return replace(model, settings=trained)


def _model(df: pd.DataFrame, specs: list[CompareSpec], opts: EngineOptions) -> _Model:
    """Prepared values, the comparisons that have values, blocking keys and splink settings."""
    prepared = prepare(df, specs)
    used = [s for s in specs if prepared[cols_for(s)].notna().any(axis=1).any()]
    dropped = sorted({s.column for s in specs} - {s.column for s in used})
    if dropped:
        log.info("linkage: no values, comparison skipped: %s", ", ".join(dropped))
    if not used:
        raise PipelineError("nothing to compare: every compared column is empty")
    names = [s.column for s in used if s.kind == "name"]
    combined = opts.combine_names and names_in_both_scripts(prepared, used)
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
    keys = [k for k in keys if all(exists(prepared, c) for c in k)]
    if not keys:
        raise PipelineError("no usable blocking key: every candidate makes too many pairs")
    prepared, key_rules = capped_rules(
        prepared, keys, opts if combined else replace(opts, max_block_records=None))
    settings: dict[str, Any] = {
        "link_type": opts.link_type,
        "unique_id_column_name": UID,
        "comparisons": comps,
        "blocking_rules_to_generate_predictions": [key_rules[k] for k in keys],
        "retain_intermediate_calculation_columns": False,
        "retain_matching_columns": False,
        "em_convergence": 0.0001,
        "max_iterations": opts.em_max_iterations,
    }
    return _Model(prepared, used, model_specs, combined, keys, key_rules, settings)


def _linker(model: _Model, opts: EngineOptions) -> tuple[Any, Any, str]:
    """A splink Linker on the prepared frame: (linker, DuckDB connection or None, spill dir)."""
    import splink  # noqa: F401  (imported here: only linkage needs it)
    from splink import Linker
    from splink.backends.duckdb import DuckDBAPI

    settings, prepared = model.settings, model.prepared
    con, spill = None, ""
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
        return Linker(inputs, settings, log_level=logging.ERROR), con, spill
    frame = prepared.drop(columns="source_dataset", errors="ignore").reset_index(drop=True)
    return (Linker(db.register(frame, table_name="input_0"), settings, log_level=logging.ERROR),
            con, spill)


def _train(linker: Any, model: _Model, opts: EngineOptions, clock: _Clock) -> None:
    """lambda, then u by random sampling, then m by EM sessions (u fixed)."""
    keys, prepared = model.keys, model.prepared
    # lambda: counted with strict rules (a name key AND another field), not with the name
    # blocks alone: on a list with many namesakes most same-name pairs are different people
    if opts.strict_training:
        det, recall = _lambda_rules(keys, prepared, model.model_specs, opts), opts.recall
    else:
        det = [r["blocking_rule"] for r in model.settings[
            "blocking_rules_to_generate_predictions"][: max(1, min(3, len(keys)))]]
        recall = 0.8
    try:
        linker.training.estimate_probability_two_random_records_match(det, recall=recall)
    except Exception as exc:  # noqa: BLE001 - splink raises plain exceptions here
        log.info("linkage: lambda estimate failed (%s); using default", exc)
    clock.lap("lambda")
    linker.training.estimate_u_using_random_sampling(max_pairs=opts.u_max_pairs, seed=opts.seed)
    clock.lap("u by random sampling")
    for em_rule in _em_rules(model, opts):
        _em_session(linker, em_rule)
        clock.lap(f"EM on {em_rule}")


def _em_rules(model: _Model, opts: EngineOptions) -> list[str]:
    """The blocking rules of the EM sessions, in order."""
    if model.combined:  # names by the non-name block below, the rest by the name blocks
        # the whole name blocks, not cut (capped_rules): leaving the common names out of
        # training skews m (measured: F1 0.90 -> 0.79 on the realistic 100k with blocks cut
        # at 20); a list over train_max_records is trained on a sample, so these stay small
        rules = [rule((f"{c}__k",))["blocking_rule"] for c in PERSON_NAME_COLS]
        rules = [spark_sql(r) if opts.backend == "spark" else r for r in rules]
    else:
        rules = _training_rules(model.keys, model.key_rules, model.used, opts.backend,
                                opts.swap_names)
    # combined names: a smaller non-name block (at most 10 pairs per record) trains as well
    # and costs a fraction (measured: 44 s of a 67 s run at 50 per record)
    other = (_other_block(model.prepared, model.model_specs, opts,
                          per_record=10 if model.combined else 50)
             if opts.strict_training else None)
    if other is not None:  # names are trained on pairs that were not chosen for their name
        rules = [rule(other)["blocking_rule"]] + rules
    return rules


def _em_session(linker: Any, em_rule: str) -> None:
    """One EM session (u fixed); a failed one is logged and leaves the model as it was."""
    settings = linker._settings_obj
    lam = settings._probability_two_random_records_match
    saved = settings.core_model_settings.copy()
    try:
        linker.training.estimate_parameters_using_expectation_maximisation(
            em_rule, fix_u_probabilities=True)
    except Exception as exc:  # noqa: BLE001
        # a failed session leaves its reduced comparison list behind: put it back
        settings.core_model_settings = saved
        log.info("linkage: EM session on %s skipped (%s)", em_rule, exc)
    # a failed session can leave its in-block lambda behind; the global one stays
    settings._probability_two_random_records_match = lam


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


def _lambda_rules(keys: list[tuple[str, ...]], prepared: pd.DataFrame,
                  used: list[CompareSpec], opts: EngineOptions) -> list[str]:
    """Rules that count lambda (the prior): the whole name and one more field agree."""
    names = [f"{c}__k" for c in person_name_cols(used)] or [f"{s.column}__k" for s in used
                                                             if s.kind == "name"]
    names = [c for c in names if prepared[c].notna().any()]  # e.g. no Persian names at all
    others = [c for c in other_cols(used) if c in prepared.columns
              and prepared[c].nunique(dropna=True) > 2]  # not gender: too weak to be strict
    # the whole name (every name key) and one more field agree
    rules = [rule((*names, ok))["blocking_rule"] for ok in others]
    if not rules:
        rules = [rule(k)["blocking_rule"] for k in keys[: max(1, min(3, len(keys)))]]
    return [spark_sql(r) if opts.backend == "spark" else r for r in rules]


def _other_block(prepared: pd.DataFrame, used: list[CompareSpec],
                 opts: EngineOptions, per_record: int = 50) -> tuple[str, ...] | None:
    """Two non-name keys whose blocks make a trainable number of pairs (most pairs per
    record up to 50), so the name comparisons are trained on pairs not chosen by name."""
    others = [c for c in other_cols(used) if c in prepared.columns]
    cols = {c: prepared[c] for c in others}
    best = None
    for i, a in enumerate(others):
        for b in others[i + 1:]:
            n = pairs_of(cols, (a, b), prepared, opts)
            if 1000 <= n <= max(200_000, per_record * len(prepared)) and (
                    best is None or n > best[0]):
                best = (n, (a, b))
    return None if best is None else best[1]


def _training_rules(keys: list[tuple[str, ...]],
                    key_rules: dict[tuple[str, ...], dict[str, str]], used: list[CompareSpec],
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
        sql = key_rules[k]["blocking_rule"]
        out.append(spark_sql(sql) if backend == "spark" else sql)
        seen |= base
        if len(out) >= 3:
            break
    return out

