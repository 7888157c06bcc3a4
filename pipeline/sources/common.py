"""Helpers shared by source modules: building candidate and reject frames."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from pipeline.schemas.build import empty_frame

REJECT_COLUMNS = ("source_id", "file", "source_row", "field", "reason_code", "message",
                  "value_original")


def blank(value: object) -> str | None:
    """'' and whitespace-only and NA become None; other text is returned unchanged."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value)
    return text if text.strip() else None


def rejects_frame(rows: Iterable[dict[str, object]]) -> pd.DataFrame:
    rows = list(rows)
    if not rows:
        frame = empty_frame("reject").drop(columns=["reject_id"])
        return frame
    df = pd.DataFrame(rows, columns=list(REJECT_COLUMNS))
    return df.astype({"source_row": "Int64"}).astype(
        {c: "string" for c in REJECT_COLUMNS if c != "source_row"}
    )


def reject(source_id: str, file: str, row: int, field: str | None, reason: str, message: str,
           value: object = None) -> dict[str, object]:
    return {
        "source_id": source_id,
        "file": file,
        "source_row": int(row),
        "field": field,
        "reason_code": reason,
        "message": message,
        "value_original": None if value is None else str(value),
    }


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
