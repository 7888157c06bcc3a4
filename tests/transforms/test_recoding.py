import pandas as pd
import pytest

from pipeline.errors import InputError
from pipeline.transforms.recoding import apply_recoding, parse_recoding


def _table(*rows):
    cols = ("table", "id", "field", "expect", "value", "reason", "reviewer", "reviewed_date")
    df = pd.DataFrame([dict(zip(cols, r, strict=True)) for r in rows], dtype="string")
    return df.assign(source_row=range(2, 2 + len(df)))


def _claims():
    return pd.DataFrame({"claim_id": ["E1", "E2"], "subject_code": ["other", "death_toll"],
                         "unit_code": ["count", "count"]})


def test_recoding_sets_the_value_and_the_unit():
    rec = parse_recoding(_table(("claim", "E1", "subject_code", "other", "duration_days", "why",
                                 "me", "2026-12-04")), "r.csv")
    out = apply_recoding(_claims(), "claim", rec, "r.csv")
    assert out.set_index("claim_id").loc["E1", "subject_code"] == "duration_days"
    assert out.set_index("claim_id").loc["E1", "unit_code"] == "day"
    assert out.set_index("claim_id").loc["E2", "subject_code"] == "death_toll"


@pytest.mark.parametrize("row,needle", [
    (("claim", "E1", "subject_code", "death_toll", "cities", "why", "me", "d"), "expected"),
    (("claim", "E9", "subject_code", "other", "cities", "why", "me", "d"), "no claim row"),
])
def test_a_stale_recoding_is_an_error_naming_its_row(row, needle):
    rec = parse_recoding(_table(row), "r.csv")
    with pytest.raises(InputError) as err:
        apply_recoding(_claims(), "claim", rec, "r.csv")
    assert needle in str(err.value) and err.value.row == 2


@pytest.mark.parametrize("row,field", [
    (("claim", "E1", "quote", "x", "y", "why", "me", "d"), "field"),
    (("event", "V1", "event_type", "trial", "arrest", "why", "me", "d"), "value"),
    (("claim", "E1", "subject_code", "other", "cities", "", "me", "d"), "reason"),
])
def test_bad_recoding_rows_are_errors(row, field):
    with pytest.raises(InputError) as err:
        parse_recoding(_table(row), "r.csv")
    assert err.value.field == field
