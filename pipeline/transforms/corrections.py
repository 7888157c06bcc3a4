"""Corrections from users, as data (pipeline/etc/corrections.yaml), applied to normalized
record fields only. Each has an `expect` guard: once the source or normalization changes the
value it was written against, the build fails instead of applying a stale fix."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pipeline.errors import InputError

ACTIONS = ("override", "drop", "flag")
FILE = "pipeline/etc/corrections.yaml"
_KEYS = {"correction_id", "record_id", "field", "action", "value", "expect", "reason",
         "evidence", "reviewer", "reviewed_date"}
# Fields a correction may change: normalized forms, never originals, keys or provenance.
CORRECTABLE = ("name_fa", "name_latin", "father_name", "gender_code", "age_low", "age_high",
               "city", "province", "prison", "execution_place_precision")


@dataclass(frozen=True)
class Correction:
    correction_id: str
    record_id: str
    field: str | None
    action: str
    value: Any
    expect: Any
    reason: str
    evidence: str


def parse_corrections(data: Any) -> list[Correction]:
    """Validate the YAML content (a mapping with a `corrections` list)."""
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("corrections", []), list):
        raise InputError("must be a mapping with a 'corrections' list", file=FILE)
    out: list[Correction] = []
    seen: set[str] = set()
    for i, entry in enumerate(data.get("corrections") or [], 1):
        where = f"corrections[{i}]"
        if not isinstance(entry, dict):
            raise InputError("entry must be a mapping", file=FILE, field=where)
        unknown = sorted(set(entry) - _KEYS)
        if unknown:
            raise InputError("unknown key(s)", file=FILE, field=f"{where}: {', '.join(unknown)}")
        for key in ("correction_id", "record_id", "action", "reason", "evidence"):
            if not str(entry.get(key) or "").strip():
                raise InputError("missing value", file=FILE, field=f"{where}.{key}")
        cid = str(entry["correction_id"])
        if not re.fullmatch(r"[A-Za-z0-9_-]+", cid) or cid in seen:
            raise InputError("correction_id must be unique and use [A-Za-z0-9_-]", file=FILE,
                             field=f"{where}.correction_id", value=cid)
        seen.add(cid)
        action = str(entry["action"])
        if action not in ACTIONS:
            raise InputError(f"action must be one of {', '.join(ACTIONS)}", file=FILE,
                             field=f"{where}.action", value=action)
        field = entry.get("field")
        if action == "override":
            if field not in CORRECTABLE:
                raise InputError(f"field must be one of {', '.join(CORRECTABLE)} (originals "
                                 "are never changed)", file=FILE, field=f"{where}.field",
                                 value=field)
            if "expect" not in entry or "value" not in entry:
                raise InputError("an override needs 'expect' (the value it replaces) and "
                                 "'value'", file=FILE, field=where)
        out.append(Correction(cid, str(entry["record_id"]), field, action, entry.get("value"),
                              entry.get("expect"), str(entry["reason"]),
                              str(entry["evidence"])))
    return out


def _same(current: Any, expected: Any) -> bool:
    if current is None or (not isinstance(current, str) and pd.isna(current)):
        return expected is None
    return str(current) == str(expected)


def apply_corrections(records: pd.DataFrame, corrections: list[Correction]
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Records with corrections applied (and `correction_ids` listing them), plus the records
    a correction drops (to be rejected with its reason). Raises InputError for a correction
    whose record is missing or whose `expect` no longer matches."""
    if not corrections:
        return records, records.iloc[0:0]
    out = records.copy()
    index = pd.Series(out.index, index=out["record_id"].astype(str))
    applied: dict[int, list[str]] = {}
    dropped: list[int] = []
    for c in corrections:
        if c.record_id not in index.index:
            raise InputError("record_id not found (the source changed? review this "
                             "correction)", file=FILE, field=c.correction_id, value=c.record_id)
        i = int(index[c.record_id])
        if c.action == "override":
            assert c.field is not None
            current = out.at[i, c.field]
            if not _same(current, c.expect):
                raise InputError(
                    f"expect guard failed: the record now has {current!r}, the correction "
                    f"expects {c.expect!r} (the source or normalization changed; review it)",
                    file=FILE, field=c.correction_id)
            out.at[i, c.field] = c.value
        elif c.action == "drop":
            dropped.append(i)
        applied.setdefault(i, []).append(c.correction_id)
    ids = pd.Series({i: ";".join(sorted(v)) for i, v in applied.items()}, dtype="string")
    out["correction_ids"] = out["correction_ids"].astype("string")
    out.loc[ids.index, "correction_ids"] = ids
    gone = out.loc[dropped]
    return out.drop(index=dropped), gone
