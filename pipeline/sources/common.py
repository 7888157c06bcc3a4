"""Helpers shared by source modules: building candidate and reject rows and frames, whose
columns and dtypes all come from pipeline/schemas (nothing is declared here)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from pipeline import schemas
from pipeline.stages import BOOKKEEPING
from pipeline.transforms.claims import claimant_affiliation
from pipeline.transforms.dates import CodedDate

REJECT_COLUMNS = schemas.columns("reject", without=("reject_id",))
"""A reject row as sources and stages make it: its reject_id is made when the table is."""


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def blank(value: object) -> str | None:
    """'' and whitespace-only and NA become None; other text is returned unchanged."""
    if _missing(value):
        return None
    text = str(value)
    return text if text.strip() else None


def rejects_frame(rows: Iterable[dict[str, object]]) -> pd.DataFrame:
    """Reject rows (from :func:`reject`) as a frame of :data:`REJECT_COLUMNS`, typed as the
    `reject` table declares them."""
    frame = pd.DataFrame(list(rows), columns=list(REJECT_COLUMNS))
    return frame.astype(schemas.dtypes("reject", without=("reject_id",)))


def reject(source_id: str, file: str, row: int, field: str | None, reason: str, message: str,
           value: object = None) -> dict[str, object]:
    """One reject row: the input row (source, file, editor row, field) and why it is not
    published (a code of codes.REASON and a message); ``value`` is kept as text (None or NA:
    none)."""
    return {
        "source_id": source_id,
        "file": file,
        "source_row": int(row),
        "field": field,
        "reason_code": reason,
        "message": message,
        "value_original": None if _missing(value) else str(value),
    }


def provenance(source_id: str, file: str, row: int) -> dict[str, Any]:
    """The bookkeeping columns a candidate row carries until validation (pipeline.stages):
    which source, input file and editor row (header = 1) it comes from."""
    return dict(zip(BOOKKEEPING, (source_id, file, row), strict=True))


def event_row(rec: dict[str, Any], coded: CodedDate, affiliations: dict[str, str] | None,
              **known: Any) -> dict[str, Any]:
    """An `event` row from an input row with event_id, event_type, city, country and
    organizer (the curated compilation's events.csv, a report's coding file) and its coded
    date; ``known`` gives the other columns (evidence, source, locator, coding method...)."""
    organizer = blank(rec["organizer"])
    return schemas.row(
        "event",
        event_id=rec["event_id"],
        event_type=blank(rec["event_type"]),
        event_date=coded.text,
        event_date_precision=coded.precision,
        event_date_earliest=coded.earliest,
        event_date_latest=coded.latest,
        event_date_calendar=coded.calendar,
        event_date_jalali=coded.jalali,
        organizer_affiliation_code=claimant_affiliation(organizer, affiliations or {}),
        city=blank(rec["city"]),
        country_code=blank(rec["country"]),
        organizer=organizer,
        **known,
    )


def claim_row(rec: dict[str, Any], encoded: tuple[str, int | None, int | None, int | None],
              affiliations: dict[str, str] | None, **known: Any) -> dict[str, Any]:
    """A `claim` row from an input row with claim_id and claimant and its coded figure
    (qualifier, low, best, high from transforms.claims.coded_claim_values); ``known`` gives
    the other columns (subject, quote, source, locator, coding method...)."""
    qualifier, low, best, high = encoded
    claimant = blank(rec["claimant"])
    return schemas.row(
        "claim",
        claim_id=rec["claim_id"],
        claimant_name=claimant,
        claimant_affiliation_code=claimant_affiliation(claimant, affiliations or {}),
        value_low=low,
        value_best=best,
        value_high=high,
        value_qualifier_code=qualifier,
        **known,
    )


def to_int(text: str | None) -> tuple[int | None, bool]:
    """Parse a whole number written with optional thousands separators; (value, ok)."""
    if text is None:
        return None, True
    cleaned = text.strip().replace(",", "").replace("\u066c", "")
    if not cleaned.isdigit():
        return None, False
    return int(cleaned), True


EXCLUSION_COLUMNS = ("file", "key_column", "key", "reason", "reviewer", "reviewed_date")


def apply_exclusions(df: pd.DataFrame, file: str, source_id: str,
                     exclusions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Drop rows a reviewer excluded (pipeline/etc/exclusions.csv) into rejects with the
    reviewer's reason. Returns (kept rows, rejects, keys that matched no row)."""
    mine = exclusions[exclusions["file"] == file] if len(exclusions) else exclusions
    if mine is None or len(mine) == 0:
        return df, rejects_frame([]), []
    drop = pd.Series(False, index=df.index)
    bad, stale = [], []
    for ex in mine.to_dict("records"):
        col = ex["key_column"]
        hit = df[col] == ex["key"] if col in df.columns else pd.Series(False, index=df.index)
        hit = hit.fillna(False).astype(bool)
        if not hit.any():
            stale.append(f"{col}={ex['key']}")
            continue
        for row in df.loc[hit, "source_row"]:
            bad.append(reject(source_id, file, int(row), None, "excluded_by_review",
                              f"{ex['reason']} ({ex['reviewer']}, {ex['reviewed_date']})",
                              ex["key"]))
        drop |= hit
    return df[~drop], rejects_frame(bad), stale
