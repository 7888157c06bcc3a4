"""Reviewed recodings of event and claim rows (pipeline/etc/coding/recoding.csv): a coded
field of one row, by id, set to a harmonised value with a reason. The raw compilation and the
coding files stay as written; this table is where a reviewer says "E004's subject `other` is
the same `cities` the report coding uses". Pure: frames in, frames out.

Each row names `table` (event | claim), `id` (event_id | claim_id), `field` (one of
RECODABLE), `expect` (the value it replaces: the build fails once the input changes, so a
recoding never silently applies to another value) and `value`."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.errors import InputError
from pipeline.schemas.codes import EVENT_TYPE
from pipeline.transforms.claims import unit_for_subject

RECODABLE = {"claim": ("subject_code", "claim_scope"), "event": ("event_type",)}
ID_COLUMN = {"claim": "claim_id", "event": "event_id"}
COLUMNS = ("table", "id", "field", "expect", "value", "reason", "reviewer", "reviewed_date")


@dataclass(frozen=True)
class Recoding:
    table: str
    id: str
    field: str
    expect: str
    value: str
    row: int


def parse_recoding(df: pd.DataFrame, shown: str) -> list[Recoding]:
    """Rows of recoding.csv (as read by io.read_csv_strict); a bad row is an InputError
    naming its row and field."""
    out: list[Recoding] = []
    seen: set[tuple[str, str, str]] = set()
    for rec in df.to_dict("records"):
        row = int(rec["source_row"])
        table, field = rec["table"].strip(), rec["field"].strip()
        if table not in RECODABLE:
            raise InputError(f"table must be one of {sorted(RECODABLE)}", file=shown, row=row,
                             field="table", value=table)
        if field not in RECODABLE[table]:
            raise InputError(f"field must be one of {RECODABLE[table]}", file=shown, row=row,
                             field="field", value=field)
        for col in ("id", "value", "reason", "reviewer", "reviewed_date"):
            if not rec[col].strip():
                raise InputError("empty", file=shown, row=row, field=col)
        if field == "event_type" and rec["value"].strip() not in EVENT_TYPE:
            raise InputError("not an event type (schemas/codes.py)", file=shown, row=row,
                             field="value", value=rec["value"])
        key = (table, rec["id"].strip(), field)
        if key in seen:
            raise InputError("the same field of the same row recoded twice", file=shown,
                             row=row, field="id", value=rec["id"])
        seen.add(key)
        out.append(Recoding(table, rec["id"].strip(), field, rec["expect"].strip(),
                            rec["value"].strip(), row))
    return out


def apply_recoding(df: pd.DataFrame, table: str, recodings: list[Recoding], shown: str
                   ) -> pd.DataFrame:
    """`df` with each recoding of `table` applied. An id not in `df` or a current value other
    than `expect` is an InputError naming the recoding's row: the input changed under the
    review. A recoded subject also sets the unit it implies."""
    mine = [r for r in recodings if r.table == table]
    if not mine or df.empty:
        return df
    out = df.copy()
    id_col = ID_COLUMN[table]
    where = {str(v): i for i, v in zip(out.index, out[id_col], strict=True)}
    for r in mine:
        if r.id not in where:
            raise InputError(f"no {table} row with this id", file=shown, row=r.row,
                             field="id", value=r.id)
        idx = where[r.id]
        current = out.at[idx, r.field]
        current = "" if current is None or pd.isna(current) else str(current)
        if current != r.expect:
            raise InputError(f"expected {r.expect!r}, the row has {current!r}", file=shown,
                             row=r.row, field="expect", value=r.id)
        out.at[idx, r.field] = r.value
        if r.field == "subject_code" and "unit_code" in out.columns:
            out.at[idx, "unit_code"] = unit_for_subject(r.value)
    return out
