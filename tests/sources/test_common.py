"""Rows and frames built by the source helpers take their columns and dtypes from the schemas."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.errors import SchemaError
from pipeline.schemas import TABLES
from pipeline.sources.common import (
    REJECT_COLUMNS,
    event_row,
    provenance,
    reject,
    rejects_frame,
)
from pipeline.stages import BOOKKEEPING
from pipeline.transforms.dates import coded_date


def test_reject_frames_are_typed_as_the_reject_table_with_or_without_rows():
    empty = rejects_frame([])
    full = rejects_frame([reject("s", "raw/s/a.csv", 3, "age", "invalid_value", "not a number",
                                 "x")])
    assert list(empty.columns) == list(full.columns) == list(TABLES["reject"].fields[1:])
    assert empty.dtypes.equals(full.dtypes)
    assert str(full["source_row"].dtype) == "Int64" and str(full["field"].dtype) == "string"
    assert full.iloc[0].to_dict() == {"source_id": "s", "file": "raw/s/a.csv", "source_row": 3,
                                      "field": "age", "reason_code": "invalid_value",
                                      "message": "not a number", "value_original": "x"}
    assert set(REJECT_COLUMNS) | {"reject_id"} == set(TABLES["reject"].fields)


@pytest.mark.parametrize("value", [None, pd.NA, float("nan")])
def test_a_missing_value_is_no_value_not_its_repr(value):
    assert reject("s", "f", 2, None, "missing_value", "m", value)["value_original"] is None


def test_event_row_fills_the_rest_and_refuses_a_misspelt_column():
    rec = {"event_id": "e1", "event_type": "protest", "city": " ", "country": "DE",
           "organizer": "Amnesty International"}
    coded = coded_date("1988-08", "month")
    row = event_row(rec, coded, {"Amnesty International": "ngo"}, evidence="they marched")
    assert list(row) == list(TABLES["event"].fields)
    assert (row["event_date"], row["event_date_earliest"], row["event_date_latest"]) == (
        "1988-08", "1988-08-01", "1988-08-31")
    assert row["city"] is None and row["organizer_affiliation_code"] == "ngo"
    assert row["happening_id"] is None and row["report_id"] is None
    with pytest.raises(SchemaError, match="evidnce"):
        event_row(rec, coded, None, evidnce="typo")


def test_provenance_is_the_bookkeeping_columns():
    assert provenance("s", "raw/s/a.csv", 4) == dict(zip(BOOKKEEPING, ("s", "raw/s/a.csv", 4),
                                                         strict=True))
