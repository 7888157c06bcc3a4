"""`record` -> `person`, `record_person`, `match_pair`, `person_id_map` (pure; no I/O)."""

from __future__ import annotations

import logging
import time
from typing import Any

import pandas as pd

from pipeline.errors import PipelineError
from pipeline.linkage.constraints import conflict_checker
from pipeline.linkage.decisions import empty_decisions, split_decisions
from pipeline.linkage.engine import UID, CompareSpec, EngineOptions
from pipeline.linkage.persons import assign_person_ids, cluster, person_frame
from pipeline.linkage.training import run_splink
from pipeline.schemas.build import conform
from pipeline.schemas.codes import MODEL_DECIDED, MUST_LINK, REMOVED

log = logging.getLogger(__name__)

MODEL_KEY = "_model_json"
"""link_records() returns the fitted splink model as tables[MODEL_KEY]: a one-row frame with
one column ``model_json`` (a JSON string, sorted keys). Publish writes it as a file beside the
tables (e.g. ``linkage_model.json``); it is not a table of the data package."""

DECIMALS = 6


def specs_from_settings(settings: dict[str, Any]) -> list[CompareSpec]:
    """The comparisons of linkage.yaml as specs (a malformed list is one PipelineError)."""
    try:
        return [CompareSpec(str(c["column"]), str(c["kind"])) for c in settings["comparisons"]]
    except (KeyError, TypeError) as exc:
        raise PipelineError(f"linkage settings: bad 'comparisons' ({exc})",
                            file="pipeline/etc/linkage.yaml") from None


def options_from_settings(settings: dict[str, Any], **over: Any) -> EngineOptions:
    """EngineOptions from linkage.yaml (keys it does not name keep their defaults)."""
    blocking = tuple(tuple(str(k) for k in key) for key in settings.get("blocking", []) or [])
    kw: dict[str, Any] = {"blocking": blocking}
    for name, cast in (("pair_floor", float), ("seed", int), ("u_max_pairs", int),
                       ("threads", int), ("strict_training", bool), ("combine_names", bool),
                       ("max_block_records", int), ("key_pairs_per_record", int),
                       ("train_max_records", int)):
        if name in settings:
            kw[name] = cast(settings[name])
    return EngineOptions(**(kw | over))


def _round(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce").astype("Float64").round(DECIMALS)


def link_records(records: pd.DataFrame, previous_record_person: pd.DataFrame | None,
                 decisions: pd.DataFrame | None, settings: dict[str, Any],
                 previous_person_id_map: pd.DataFrame | None = None
                 ) -> dict[str, pd.DataFrame]:
    """Link the published `record` frame into persons.

    Returns ``person``, ``record_person``, ``match_pair``, ``person_id_map`` (conformed to
    their TABLES declarations, sorted by key) and ``_model_json`` (see MODEL_KEY).
    ``previous_record_person``: the last release's record_person (None for the first
    release); ``previous_person_id_map``: the last release's person_id_map, whose rows are
    carried forward (the map is cumulative, so retired ids are never minted again).
    ``decisions``: parsed link decisions (decisions.parse_decisions).
    """
    if records["record_id"].duplicated().any() or records["record_id"].isna().any():
        raise PipelineError("record_id must be unique and non-null before linkage")
    decisions = empty_decisions() if decisions is None else decisions
    specs = specs_from_settings(settings)
    threshold = float(settings.get("threshold", 0.95))
    ids = sorted(records["record_id"].astype(str))
    engine_in = records.rename(columns={"record_id": UID}).sort_values(UID, kind="stable")
    if len(records) >= 2:
        res = run_splink(engine_in.reset_index(drop=True), specs, options_from_settings(settings))
        scored = res.pairs.rename(columns={"unique_id_l": "id_l", "unique_id_r": "id_r"})
        model_json = res.model_json
    else:
        scored = pd.DataFrame(columns=["id_l", "id_r", "match_weight", "match_probability"])
        model_json = "{}"
    lo = scored[["id_l", "id_r"]].min(axis=1)
    hi = scored[["id_l", "id_r"]].max(axis=1)
    scored = scored.assign(id_l=lo, id_r=hi,
                           match_probability=_round(scored["match_probability"]),
                           match_weight=_round(scored["match_weight"]))
    started = time.perf_counter()
    must, cannot = split_decisions(decisions, set(ids))
    min_pair = settings.get("min_pair_probability")
    clusters = cluster(ids, scored, threshold, must, cannot,
                       conflict=conflict_checker(records),
                       min_pair=None if min_pair is None else float(min_pair))
    log.info("linkage: %d scored pairs clustered in %.1f s", len(scored),
             time.perf_counter() - started)
    retired: set[str] = set()
    old_map = None
    if previous_person_id_map is not None and len(previous_person_id_map):
        old_map = previous_person_id_map
        retired = set(old_map["old_person_id"].dropna()) | set(
            old_map["new_person_id"].dropna())
    assigned = assign_person_ids(clusters, previous_record_person, retired)
    rp = assigned.record_person
    pairs, record_person, dec = _match_pairs(scored, decisions, rp)
    person = person_frame(records, rp)
    log.info("linkage: ids, match_pair and person built in %.1f s",
             time.perf_counter() - started)
    id_map = assigned.id_map
    id_map = id_map.assign(person_id_map_id=id_map["old_person_id"] + "--"
                           + id_map["new_person_id"].fillna(REMOVED))
    if old_map is not None:
        id_map = pd.concat([old_map[~old_map["person_id_map_id"].isin(
            id_map["person_id_map_id"])], id_map], ignore_index=True)
    log.info("linkage: %d records -> %d persons; %d scored pairs; %d decisions; %d id changes",
             len(ids), len(person), len(scored), len(dec), len(assigned.id_map))
    return {
        "person": conform(person, "person"),
        "record_person": conform(record_person, "record_person"),
        "match_pair": conform(pairs, "match_pair"),
        "person_id_map": conform(id_map, "person_id_map"),
        MODEL_KEY: pd.DataFrame({"model_json": [model_json]}, dtype="string"),
    }


def _match_pairs(scored: pd.DataFrame, decisions: pd.DataFrame, rp: pd.DataFrame
                 ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """match_pair (every scored pair + every decided pair, with ``is_same_person``),
    record_person with its best in-person probability, and the decisions that apply."""
    pid = dict(zip(rp["record_id"], rp["person_id"], strict=True))
    # every scored pair + every decided pair
    dec = decisions.rename(columns={"record_id_l": "id_l", "record_id_r": "id_r"})
    dec = dec[dec["id_l"].isin(pid) & dec["id_r"].isin(pid)]
    if "decision_file" not in dec.columns:
        dec = dec.assign(decision_file=pd.NA)
    dec = dec.rename(columns={"reviewer": "decision_reviewer", "reason": "decision_reason"})
    pairs = scored.merge(dec[["id_l", "id_r", "decision", "decision_reviewer",
                              "decision_reason", "decided_date", "decision_file"]],
                         on=["id_l", "id_r"], how="outer")
    pairs["decision_code"] = pairs["decision"].fillna(MODEL_DECIDED)
    pairs["is_same_person"] = [pid[a] == pid[b] for a, b in zip(pairs["id_l"], pairs["id_r"],
                                                                strict=True)]
    pairs = pairs.assign(
        match_pair_id=pairs["id_l"] + "--" + pairs["id_r"],
        record_id_l=pairs["id_l"], record_id_r=pairs["id_r"],
        is_same_person=pairs["is_same_person"].astype("boolean"),
    )
    # record_person.match_probability: best link to another record of the same person
    inside = pairs[pairs["is_same_person"].fillna(False).astype(bool)]
    prob = inside["match_probability"].where(inside["decision_code"] != MUST_LINK, 1.0)
    both = pd.concat([pd.DataFrame({"record_id": inside["id_l"], "p": prob}),
                      pd.DataFrame({"record_id": inside["id_r"], "p": prob})])
    best = both.groupby("record_id")["p"].max()
    record_person = rp.assign(record_person_id=rp["record_id"],
                              match_probability=rp["record_id"].map(best))
    return pairs, record_person, dec
