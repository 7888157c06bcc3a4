"""publish.neutralize_formulas skips a column when no value's first byte is a formula start;
the result must equal checking every value (the slow path)."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from pipeline.schemas import TABLES
from pipeline.schemas.fields import FIELDS
from pipeline.stages.publish import FORMULA_START, neutralize_formulas
from pipeline.transforms.textbytes import may_start_with

STRING_COLUMNS = [c for c in TABLES["record"].fields if FIELDS[c].type == "string"]
PIECES = ["=", "+", "-", "@", "\t", "\r", "'", " =", "a", "محمد", "۱۳۶۷", "", "\u200c", "é"]


def _slow(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in STRING_COLUMNS:
        s = out[col]
        risky = s.notna() & s.str.startswith(FORMULA_START).fillna(False)
        if risky.any():
            out[col] = s.mask(risky, "'" + s)
    return out


def _frame(n: int, seed: int, risky: bool) -> pd.DataFrame:
    rng = random.Random(seed)
    pieces = PIECES if risky else [p for p in PIECES if not p or p[0] not in FORMULA_START]

    def text() -> str | None:
        return None if rng.random() < 0.2 else "".join(
            rng.choice(pieces) for _ in range(rng.randint(0, 3)))

    return pd.DataFrame({c: pd.array([text() for _ in range(n)], dtype="string")
                         for c in STRING_COLUMNS})


@pytest.mark.parametrize("risky", [True, False], ids=["formulas", "none"])
@pytest.mark.parametrize("seed", [1, 2])
def test_fast_skip_equals_checking_every_value(seed, risky):
    df = _frame(400, seed, risky)
    before = df.copy()
    out = neutralize_formulas(df, "record")
    pd.testing.assert_frame_equal(out, _slow(df), check_exact=True)
    pd.testing.assert_frame_equal(df, before, check_exact=True)  # the input is untouched
    sliced = df.iloc[37:211]
    pd.testing.assert_frame_equal(neutralize_formulas(sliced, "record"), _slow(sliced))


@pytest.mark.parametrize("values, expected", [
    pytest.param(["a", None, "", "b"], False, id="clean"),
    pytest.param(["a", "-1"], True, id="minus"),
    pytest.param(["\tx"], True, id="tab"),
    pytest.param(["x=1", "y@z"], False, id="not_first"),
    pytest.param([None, None], False, id="all_null"),
])
def test_first_byte_check(values, expected):
    assert may_start_with(pd.Series(values, dtype="string"), FORMULA_START) is expected


def test_object_column_is_checked_value_by_value():
    assert may_start_with(pd.Series(["a", "b"], dtype=object), FORMULA_START) is True
