"""Read raw snapshots and hand-made inputs into frames (I/O only; no judgement)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pandas as pd

from pipeline import io
from pipeline.config import Paths
from pipeline.errors import InputError
from pipeline.sources import facts_1988, reports
from pipeline.sources.common import EXCLUSION_COLUMNS
from pipeline.stages.snapshot import Snapshot

log = logging.getLogger(__name__)

AFFILIATION_MAP = "codes/affiliation_map.csv"
EXCLUSIONS = "exclusions.csv"
CODING = {"events": ("coding/events.csv", reports.EVENT_COLUMNS),
          "claims": ("coding/claims.csv", reports.CLAIM_COLUMNS)}


@dataclass
class RawInputs:
    snapshot: Snapshot
    facts: dict[str, tuple[str, pd.DataFrame]] = field(default_factory=dict)  # name -> (file, df)
    reports: dict[str, reports.Report] = field(default_factory=dict)
    coding: dict[str, tuple[str, pd.DataFrame]] = field(default_factory=dict)
    affiliation_codes: dict[str, str] = field(default_factory=dict)
    exclusions: pd.DataFrame = field(default_factory=pd.DataFrame)


def _affiliation_codes(paths: Paths) -> dict[str, str]:
    path = paths.etc / AFFILIATION_MAP
    df = io.read_csv_strict(path, shown=paths.show_etc(path),
                            required=("affiliation_original", "affiliation_code"))
    dupes = df["affiliation_original"][df["affiliation_original"].duplicated()]
    if len(dupes):
        raise InputError("affiliation listed twice", file=paths.show_etc(path),
                         field="affiliation_original", value=dupes.iloc[0])
    return dict(zip(df["affiliation_original"], df["affiliation_code"], strict=True))


def run(paths: Paths, snapshot: Snapshot) -> RawInputs:
    raw = RawInputs(snapshot=snapshot, affiliation_codes=_affiliation_codes(paths))
    excl = paths.etc / EXCLUSIONS
    if excl.exists():
        raw.exclusions = io.read_csv_strict(excl, shown=paths.show_etc(excl),
                                            required=EXCLUSION_COLUMNS)
    facts = snapshot.get(facts_1988.SOURCE_ID)
    if facts is not None:
        for name, columns in facts_1988.COLUMNS.items():
            meta = facts.file(name)
            if meta is None:
                raise InputError(f"{name} is not listed", file=facts.shown, field="files")
            df = io.read_csv_strict(facts.folder / name, shown=meta.shown, required=columns)
            raw.facts[name] = (meta.shown, df)
    corpus = snapshot.get(reports.CORPUS_ID)
    if corpus is not None:
        for f in corpus.files:
            rid = f.extra.get("report_id")
            if rid is None:
                continue
            published = f.extra.get("published_date")
            raw.reports[str(rid)] = reports.Report(
                report_id=str(rid),
                source_id=str(f.extra["source_id"]),
                text_path=f.shown,
                text=io.read_text(corpus.folder / f.path, shown=f.shown),
                published_date=str(published) if published else None,
            )
    for name, (rel, columns) in CODING.items():
        path = paths.etc / rel
        if path.exists():
            raw.coding[name] = (paths.show_etc(path),
                                io.read_csv_strict(path, shown=paths.show_etc(path), required=columns))
    log.info("extract: %d facts files, %d report texts, %d coding files", len(raw.facts),
             len(raw.reports), len(raw.coding))
    return raw
