import frictionless
import pandas as pd
import pandera.errors as pa_errors
import pyarrow
import pytest

from pipeline.errors import SchemaError
from pipeline.schemas import TABLES, to_frictionless, to_pandera, to_pyarrow
from pipeline.schemas.build import conform, empty_frame
from pipeline.schemas.fields import FIELDS


def test_every_field_is_used_and_every_column_declared():
    used = {f for t in TABLES.values() for f in t.fields}
    assert used == set(FIELDS)
    for name, t in TABLES.items():
        assert set(t.primary_key) <= set(t.fields), name
        assert set(t.required) <= set(t.fields), name
        assert t.primary_key == (f"{name}_id",)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_builds_into_all_three_schemas(name):
    pandera_schema = to_pandera(name)
    fl = frictionless.Schema.from_descriptor(to_frictionless(name))
    arrow = to_pyarrow(name)
    assert list(pandera_schema.columns) == list(TABLES[name].fields)
    assert fl.field_names == list(TABLES[name].fields)
    assert arrow.names == list(TABLES[name].fields)
    pandera_schema.validate(empty_frame(name))


def _claim(**over):
    row = {c: None for c in TABLES["claim"].fields}
    row.update(claim_id="c1", claimant_name="Amnesty International", subject_code="death_toll",
               value_low=4000, value_high=5000, unit_code="count", quote="between 4,000 and 5,000",
               source_id="s1", source_locator="raw/x.csv#row=2", value_qualifier_code="range",
               claimant_affiliation_code="ngo", coding_method="curated")
    row.update(over)
    return row


def test_pandera_rejects_duplicate_keys_bad_enum_and_bad_dtype():
    schema = to_pandera("claim")
    good = conform(pd.DataFrame([_claim()]), "claim")
    schema.validate(good)
    dup = conform(pd.DataFrame([_claim(), _claim()]), "claim")
    with pytest.raises(pa_errors.SchemaError):
        schema.validate(dup)
    with pytest.raises(pa_errors.SchemaError):
        schema.validate(conform(pd.DataFrame([_claim(unit_code="people")]), "claim"))
    bad_dtype = good.astype({"value_low": "float64"})
    with pytest.raises(pa_errors.SchemaError):
        schema.validate(bad_dtype)


def test_quote_longer_than_25_words_fails_both_schemas():
    long = " ".join(["word"] * 26)
    with pytest.raises(pa_errors.SchemaError):
        to_pandera("claim").validate(conform(pd.DataFrame([_claim(quote=long)]), "claim"))
    fl = to_frictionless("claim")
    field = next(f for f in fl["fields"] if f["name"] == "quote")
    import re

    assert not re.fullmatch(field["constraints"]["pattern"], long)
    assert re.fullmatch(field["constraints"]["pattern"], " ".join(["word"] * 25))


def test_conform_refuses_missing_columns_and_sorts_by_key():
    with pytest.raises(SchemaError, match="missing columns"):
        conform(pd.DataFrame([{"claim_id": "x"}]), "claim")
    df = conform(pd.DataFrame([_claim(claim_id="b"), _claim(claim_id="B"), _claim(claim_id="a")]),
                 "claim")
    assert list(df["claim_id"]) == ["B", "a", "b"]  # code-point order, not locale


def test_dates_are_arrow_dates_and_strings_in_frames():
    assert to_pyarrow("event").field("event_date_earliest").type == pyarrow.date32()
    assert to_pyarrow("event").field("event_date").type == pyarrow.string()


# --- conform's key order, sorted in Arrow -------------------------------------------------------

def _pandas_sorted(df, keys):
    from pipeline.schemas.build import _codepoint_key

    return df.sort_values(keys, kind="stable", key=_codepoint_key).reset_index(drop=True)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_arrow_key_order_equals_pandas_codepoint_sort(seed):
    import random

    from pipeline.schemas.build import _key_order

    rng = random.Random(seed)
    pieces = ["a", "B", "b", "-", "_", "0", "9", "ی", "ي", "é", "\U0001f600", "\u200c", "Z", ""]
    n = 500
    df = pd.DataFrame({
        "k": pd.array([None if rng.random() < 0.05 else "".join(
            rng.choice(pieces) for _ in range(rng.randint(0, 4))) for _ in range(n)],
            dtype="string"),
        "i": pd.array([rng.choice([None, -3, 0, 7, 10**12]) for _ in range(n)], dtype="Int64"),
        "row": pd.array(range(n), dtype="Int64"),
    })
    for keys in (["k"], ["k", "i"], ["i", "k"]):
        order = _key_order(df, keys)
        pd.testing.assert_frame_equal(df.take(order).reset_index(drop=True),
                                      _pandas_sorted(df, keys))


def test_conform_keeps_a_sorted_frame_and_sorts_an_unsorted_one():
    from pipeline.schemas.build import _key_order

    df = pd.DataFrame({"k": pd.array(["a", "b", "c"], dtype="string")})
    assert _key_order(df, ["k"]).tolist() == [0, 1, 2]
    assert _key_order(df.iloc[::-1], ["k"]).tolist() == [2, 1, 0]
    assert _key_order(df.assign(k=df["k"].astype(object)), ["k"]) is None


def test_take_rows_on_threads_equals_take():
    import numpy as np

    from pipeline.schemas.build import _take_rows

    n = 120_000
    df = pd.DataFrame({
        "k": pd.array([f"r{i % 977}" if i % 13 else None for i in range(n)], dtype="string"),
        "i": pd.array([i if i % 7 else None for i in range(n)], dtype="Int64"),
        "b": pd.array([bool(i % 3) if i % 5 else None for i in range(n)], dtype="boolean"),
    })
    order = np.random.default_rng(3).permutation(n)
    pd.testing.assert_frame_equal(_take_rows(df, order),
                                  df.take(order).reset_index(drop=True), check_exact=True)


@pytest.mark.parametrize("values", [
    pytest.param([f"id-{i}" for i in range(60_000)], id="distinct_ids"),
    pytest.param([f"id-{i % 50}" if i % 7 else None for i in range(60_000)], id="repeats"),
    pytest.param([f"id-{i}" for i in range(30_000)] + ["bad id!"] * 30_000, id="distinct_head"),
])
def test_on_distinct_equals_the_full_check(values):
    from pipeline.schemas.build import _on_distinct

    s = pd.Series(values, dtype="string")

    def check(x: pd.Series) -> pd.Series:
        return x.str.fullmatch(r"[a-z0-9-]+").fillna(False).astype(bool)

    pd.testing.assert_series_equal(_on_distinct(check)(s), check(s), check_names=False)


def test_row_fills_every_other_column_and_refuses_unknown_keys():
    from pipeline import schemas

    r = schemas.row("reject", source_id="s", file="raw/s/a.csv", source_row=2,
                    reason_code="missing_value", message="x is required")
    assert list(r) == list(TABLES["reject"].fields)  # declared order
    assert r["field"] is None and r["value_original"] is None and r["source_row"] == 2
    with pytest.raises(SchemaError, match="table event has no column.*evidnce"):
        schemas.row("event", event_id="e1", evidnce="typo")
    with pytest.raises(SchemaError, match="no such table"):
        schemas.row("events", event_id="e1")


def test_columns_and_dtypes_come_from_the_declarations():
    from pipeline import schemas

    cols = schemas.columns("reject", without=("reject_id",))
    assert cols == TABLES["reject"].fields[1:]
    assert schemas.dtypes("reject", without=("reject_id",))["source_row"] == "Int64"
    assert set(schemas.dtypes("reject").values()) == {"string", "Int64"}
    with pytest.raises(SchemaError, match="has no column"):
        schemas.columns("reject", without=("rejectid",))


def test_every_vocabulary_is_declared_in_codes():
    """An enum field's codes and meanings are a vocabulary of codes.py (or the country list),
    never a literal in fields.py."""
    from pipeline.schemas import codes

    vocabularies = [v for v in vars(codes).values() if isinstance(v, dict)]
    for name, f in FIELDS.items():
        if f.enum is None:
            continue
        assert any(set(f.enum) == set(v) for v in vocabularies), name
