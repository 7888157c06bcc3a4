"""validate._typed nulls text that is empty or all white space; it skips a column only when no
value can be blank (textbytes.may_be_blank). Same result as stripping every value."""

from __future__ import annotations

import pandas as pd

from pipeline.schemas import TABLES
from pipeline.schemas.fields import FIELDS
from pipeline.stages.validate import _typed

SPACES = [chr(c) for c in range(0x3001) if not chr(c).strip()]


def test_blank_text_in_every_kind_of_white_space_becomes_null():
    table = "record"
    cols = list(TABLES[table].fields)
    text_cols = [c for c in cols if FIELDS[c].type in ("string", "date")]
    n = len(SPACES) + 4
    base = {c: pd.array(["x"] * n, dtype="string") for c in text_cols}
    values = ["", *SPACES, " a ", "\u00a0b", None]
    base[text_cols[0]] = pd.array(values, dtype="string")
    base[text_cols[1]] = pd.array(["ی"] * (n - 1) + [None], dtype="string")
    df = pd.DataFrame({c: base.get(c, pd.array([None] * n, dtype="string")) for c in cols})
    df = df.assign(_source_id="s", _file="f", _row=pd.array(range(n), dtype="Int64"))
    for c in cols:
        kind = FIELDS[c].type
        if kind == "integer":
            df[c] = pd.array([1] * n, dtype="Int64")
        elif kind == "boolean":
            df[c] = pd.array([False] * n, dtype="boolean")
    out, bad, _ = _typed(df, table)
    expected = df[text_cols[0]].mask(df[text_cols[0]].str.strip() == "")
    pd.testing.assert_series_equal(out[text_cols[0]], expected)
    assert out[text_cols[0]].isna().sum() == len(SPACES) + 2
    pd.testing.assert_series_equal(out[text_cols[1]], df[text_cols[1]])
    assert not bad
