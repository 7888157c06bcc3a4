"""Link stage: `record` -> `person`, `record_person`, `match_pair`, `person_id_map`.

Runs after validate and before publish. I/O only at the edges (:func:`read_inputs`): the
linkage settings (pipeline/etc/linkage.yaml), the reviewed decisions
(pipeline/etc/link_decisions.csv) and the previous release's record_person / person_id_map
(the newest release below the one being built, as pipeline.release.versions finds it: a
folder counts only when it holds its datapackage.json), so person ids stay stable.
:func:`link_tables` is pure: frames in, frames out, checked by the same schema machinery as
every other table (pandera via validate.validate_table, foreign keys, every record in exactly
one person).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pipeline import io
from pipeline.config import Paths
from pipeline.errors import SchemaError
from pipeline.linkage.decisions import (
    combine,
    empty_decisions,
    labels_as_decisions,
    parse_decisions,
)
from pipeline.linkage.records import MODEL_KEY, link_records
from pipeline.release.versions import previous_version
from pipeline.schemas.build import conform
from pipeline.schemas.tables import LINK_TABLES

log = logging.getLogger(__name__)

SETTINGS_FILE = "linkage.yaml"
DECISIONS_FILE = "link_decisions.csv"
LABELS_FILE = "link_labels.csv"


@dataclass(frozen=True)
class LinkInputs:
    settings: dict[str, Any]
    decisions: pd.DataFrame
    previous_record_person: pd.DataFrame | None
    previous_person_id_map: pd.DataFrame | None
    previous_version: str | None


@dataclass
class LinkResult:
    tables: dict[str, pd.DataFrame]  # the link tables (LINK_TABLES), conformed and checked
    previous_version: str | None


def read_inputs(paths: Paths, version: str, *, with_labels: bool = True) -> LinkInputs:
    """Settings, reviewed decisions (link_decisions.csv and, unless ``with_labels`` is False,
    the hand labels) and the previous release's ids. ``with_labels=False`` is for measuring
    the model against the labels it would otherwise be told (`link-eval`)."""
    settings_path = paths.etc / SETTINGS_FILE
    settings = io.read_yaml(settings_path, shown=paths.show_etc(settings_path))
    if not isinstance(settings, dict):
        raise SchemaError("linkage settings must be a mapping", file=paths.show_etc(settings_path))
    # reviewed decisions: link_decisions.csv, then the hand labels (also reviewed pairs)
    decided = [empty_decisions()]
    dec_path = paths.etc / DECISIONS_FILE
    if dec_path.exists():
        shown = paths.show_etc(dec_path)
        decided.append(parse_decisions(io.read_csv_strict(dec_path, shown=shown), file=shown))
    lab_path = paths.etc / LABELS_FILE
    if with_labels and lab_path.exists():
        shown = paths.show_etc(lab_path)
        decided.append(labels_as_decisions(io.read_csv_strict(lab_path, shown=shown),
                                           file=shown))
    decisions = combine(*decided)
    prev_rp = prev_map = None
    previous = previous_version(paths.published, version)
    if previous is not None:
        prev = paths.published / previous
        rp_path = prev / "parquet" / "record_person.parquet"
        if rp_path.exists():
            prev_rp = io.read_parquet(rp_path)
            map_path = prev / "parquet" / "person_id_map.parquet"
            prev_map = io.read_parquet(map_path) if map_path.exists() else None
    return LinkInputs(settings, decisions, prev_rp, prev_map, previous)


def check_link_tables(records: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> None:
    """Every link table passes its pandera schema, foreign keys hold, and every record is in
    exactly one person. A failure here is a bug in linkage, so it raises."""
    from pipeline.stages.validate import validate_table

    for name in LINK_TABLES:
        _, bad = validate_table(tables[name], name)
        if bad:
            first = bad[0]
            raise SchemaError(f"linkage produced an invalid {name} row: {first.get('message')}",
                              field=first.get("field"), value=first.get("value_original"))
    rec_ids = set(records["record_id"])
    rp = tables["record_person"]
    if rp["record_id"].duplicated().any() or set(rp["record_id"]) != rec_ids:
        raise SchemaError("record_person must hold every record exactly once")
    persons = set(tables["person"]["person_id"])
    if set(rp["person_id"]) != persons:
        raise SchemaError("record_person.person_id and person.person_id differ")
    mp = tables["match_pair"]
    for col in ("record_id_l", "record_id_r"):
        if not set(mp[col]) <= rec_ids:
            raise SchemaError("match_pair refers to an unknown record", field=col)


def link_tables(records: pd.DataFrame, inputs: LinkInputs) -> LinkResult:
    """Pure: the validated `record` table + inputs -> checked link tables (the fitted model is
    table link_model, so it is published, hashed and diffed like every table)."""
    rec = records.copy()
    out = link_records(rec, inputs.previous_record_person, inputs.decisions, inputs.settings,
                       inputs.previous_person_id_map)
    model = out.pop(MODEL_KEY)
    out["link_model"] = pd.DataFrame({"link_model_id": ["splink"],
                                      "link_engine": [engine_versions()],
                                      "model_json": model["model_json"].astype(str)})
    tables = {name: conform(out[name], name) for name in LINK_TABLES}
    check_link_tables(rec, tables)
    return LinkResult(tables, inputs.previous_version)


def engine_versions() -> str:
    """The installed splink and DuckDB versions (the link_model table's link_engine)."""
    from importlib.metadata import version

    return f"splink {version('splink')}; duckdb {version('duckdb')}"


def run(tables: dict[str, pd.DataFrame], paths: Paths, version: str) -> LinkResult | None:
    """Link the validated tables' `record`; None (nothing added) when there are no records."""
    records = tables.get("record")
    if records is None or records.empty:
        log.info("link: no records, stage skipped")
        return None
    inputs = read_inputs(paths, version)
    log.info("link: %d records in; previous release %s", len(records),
             inputs.previous_version or "none")
    result = link_tables(records, inputs)
    log.info("link: %s rows out", {t: len(df) for t, df in result.tables.items()})
    return result
