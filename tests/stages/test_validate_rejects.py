"""validate_table builds its reject records column-wise (one lookup of the bookkeeping columns
for all failing rows): every failing row comes out once per failure, with its file, row, field,
reason and original value, in the order pandera reports them."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.errors import SchemaError
from pipeline.stages.validate import _reject_rows, validate_table
from pipeline.transforms.lists import ListOptions, normalize_list


def _records(n: int) -> pd.DataFrame:
    frame = pd.DataFrame({
        "name_latin": [f"Name {i}" for i in range(n)],
        "gender": ["male"] * n,
        "age": ["30"] * n,
        "file": "list.csv",
        "sheet": None,
        "source_row": range(2, n + 2),
        "record_key": None,
    })
    return normalize_list(frame, ListOptions("src")).records


def test_rejects_name_row_field_reason_and_value():
    rec = _records(6)
    rec.loc[1, "gender_code"] = "robot"  # not in the code list
    rec["age_low"] = rec["age_low"].astype(object)
    rec.loc[3, "age_low"] = "thirty"  # not an integer
    rec.loc[4, "record_id"] = rec.loc[0, "record_id"]  # key used by an earlier row
    rec.loc[5, "gender_code"] = "alien"
    valid, bad = validate_table(rec, "record")
    assert len(valid) == 2
    got = sorted((r["source_row"], r["field"], r["reason_code"], r["value_original"])
                 for r in bad)
    assert got == [(3, "gender_code", "invalid_code", "robot"),
                   (5, "age_low", "invalid_value", "thirty"),
                   (6, "record_id", "duplicate_key", rec.loc[0, "record_id"]),
                   (7, "gender_code", "invalid_code", "alien")]
    assert {r["file"] for r in bad} == {"list.csv"} and {r["source_id"] for r in bad} == {"src"}
    assert all(r["message"] for r in bad)


def test_a_failing_row_without_a_raw_row_is_a_config_error():
    rec = _records(3)
    rec.loc[2, "_file"] = None
    with pytest.raises(SchemaError, match="boom"):
        _reject_rows(rec, [1, 2], "gender_code", "invalid_code", ["ok", "boom"], ["a", "b"])
    assert len(_reject_rows(rec, [0, 1], "f", "r", ["m", "m"], [None, 5])) == 2
