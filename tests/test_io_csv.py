"""io.csv_bytes / io.parquet_bytes: the column-wise Arrow writers give exactly the bytes of the
row-wise pandas path they replace (published files must stay byte-identical)."""

from __future__ import annotations

import csv
import io as _io
import random

import pandas as pd
import pyarrow
import pyarrow.parquet as pq
import pytest

from pipeline import io

ALPHABET = ["a", "b", " ", ",", '"', "\n", "\r", "\t", "'", "=", "ی", "\u200c", "\\", ";", "",
            "\x0b", "\u2028", "محمد"]


def pandas_csv(df: pd.DataFrame) -> bytes:
    """The reference: what csv_bytes did before the Arrow writer, with one fix (issue 12.4): a
    value holding a carriage return is quoted too. Each row is written by csv.writer with a
    '\r\n' terminator (so it quotes '\r' as well as '\n'), which is then replaced by '\n'."""
    out = df.copy()
    for col in out.columns:
        if str(out[col].dtype) == "boolean":
            out[col] = out[col].map({True: "true", False: "false"}, na_action="ignore")
    buf = _io.StringIO()
    out.iloc[:0].to_csv(buf, index=False, lineterminator="\n")
    header = buf.getvalue()
    lines = [header]
    for i in range(len(out)):
        one = _io.StringIO()
        out.iloc[i:i + 1].to_csv(one, index=False, header=False, lineterminator="\r\n",
                                 na_rep="", quoting=csv.QUOTE_MINIMAL)
        lines.append(one.getvalue()[:-2] + "\n")
    return "".join(lines).encode("utf-8")


def pandas_parquet_arrays(df: pd.DataFrame, schema: pyarrow.Schema) -> list[pyarrow.Array]:
    return [pyarrow.array(df[f.name].astype("object").where(df[f.name].notna(), None),
                          type=f.type) for f in schema]


def _frame(n: int, seed: int) -> pd.DataFrame:
    rng = random.Random(seed)

    def text() -> str | None:
        if rng.random() < 0.1:
            return None
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 6)))

    return pd.DataFrame({
        "tricky": pd.array([text() for _ in range(n)], dtype="string"),
        "count": pd.array([rng.choice([1, -5, None, 10**12]) for _ in range(n)], dtype="Int64"),
        "is_flag": pd.array([rng.choice([True, False, None]) for _ in range(n)],
                            dtype="boolean"),
        "plain": pd.array([rng.choice(["x", "محمد کریمی", None]) for _ in range(n)],
                          dtype="string"),
        "number": pd.array([rng.choice([1.5, None, 2.0]) for _ in range(n)], dtype="Float64"),
    })


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_arrow_csv_equals_pandas_csv(seed):
    df = _frame(3000, seed).drop(columns="number")
    assert io._csv_bytes_arrow(df) is not None
    assert io.csv_bytes(df) == pandas_csv(df)


@pytest.mark.parametrize("df", [
    pytest.param(_frame(0, 1).drop(columns="number"), id="empty"),
    pytest.param(pd.DataFrame({"a": pd.array([None, None], dtype="string"),
                               "b": pd.array([None, None], dtype="Int64")}), id="all_null"),
    pytest.param(_frame(50, 4).drop(columns="number").iloc[10:30], id="sliced"),
    pytest.param(_frame(50, 5), id="float_falls_back"),
    pytest.param(pd.DataFrame({"a": pd.array(["", "x"], dtype="string")}), id="one_column"),
])
def test_edge_frames(df):
    assert io.csv_bytes(df) == pandas_csv(df)


def test_parquet_arrays_unchanged():
    df = _frame(500, 6)
    schema = pyarrow.schema([("tricky", pyarrow.string()), ("count", pyarrow.int64()),
                             ("is_flag", pyarrow.bool_()), ("plain", pyarrow.string()),
                             ("number", pyarrow.float64())])
    expected = pyarrow.Table.from_arrays(pandas_parquet_arrays(df, schema), schema=schema)
    data = io.parquet_bytes(df, schema)
    assert pq.read_table(pyarrow.BufferReader(data)).equals(expected)
    sink = pyarrow.BufferOutputStream()
    pq.write_table(expected, sink, compression="zstd", compression_level=9,
                   write_statistics=True)
    assert data == sink.getvalue().to_pybytes()


@pytest.mark.parametrize("values", [
    pytest.param(["a", None, "b c", "محمد"], id="plain"),
    pytest.param(["a", "b,c", None], id="comma"),
    pytest.param(['x"y', "z"], id="quote"),
    pytest.param(["x", "y\nz"], id="newline"),
    pytest.param(["only\r", "x"], id="carriage_return"),
    pytest.param(["\t", "\x0b"], id="tab_not_special"),
    pytest.param([None, None], id="all_null"),
    pytest.param(["", ""], id="all_empty"),
])
def test_may_need_quotes_agrees_with_the_regex(values):
    arr = pyarrow.array(values, type=pyarrow.large_string())
    expected = any(v is not None and any(c in v for c in ',"\n\r') for v in values)
    assert io._may_need_quotes(arr) is expected


def test_may_need_quotes_looks_only_at_the_slice():
    arr = pyarrow.array(["a,b", "plain", "text", 'q"'], type=pyarrow.large_string())
    assert io._may_need_quotes(arr.slice(1, 2)) is False
    assert io._may_need_quotes(arr.slice(0, 2)) is True
    assert io._may_need_quotes(arr.slice(2, 2)) is True


@pytest.mark.parametrize("seed", [7, 8])
def test_csv_quotes_only_where_needed_column_by_column(seed):
    df = _frame(2000, seed).drop(columns="number")
    df = df.assign(clean=pd.array(["x", None, "یک"] * 666 + ["z", "w"], dtype="string"),
                   last=pd.array([None, "a,b"] * 1000, dtype="string"))
    assert io.csv_bytes(df) == pandas_csv(df)
    assert io.csv_bytes(df.iloc[::-3]) == pandas_csv(df.iloc[::-3])


def _pandas_dates(s: pd.Series) -> pyarrow.Array:
    values = pd.to_datetime(s, format="%Y-%m-%d", errors="raise").dt.date
    return pyarrow.array(values.where(s.notna(), None), type=pyarrow.date32())


@pytest.mark.parametrize("values", [
    pytest.param(["1988-07-23", None, "1988-08-22", "1988-07-23"], id="repeats_and_null"),
    pytest.param([None, None], id="all_null"),
    pytest.param(["2000-02-29", "1367-05-01", "2026-12-31"], id="leap_and_old"),
    pytest.param(["1988-7-3", "1988-07-03"], id="unpadded"),
])
def test_iso_dates_per_distinct_value_equal_pandas(values):
    s = pd.Series(values, dtype="string")
    assert io._iso_dates(s).equals(_pandas_dates(s))


@pytest.mark.parametrize("values", [["1988-02-30"], ["not a date", "1988-01-01"], ["1988/01/01"]])
def test_iso_dates_leave_bad_text_to_the_raising_parse(values):
    s = pd.Series(values, dtype="string")
    assert io._iso_dates(s) is None
    schema = pyarrow.schema([("d", pyarrow.date32()), ("e", pyarrow.string())])
    with pytest.raises(ValueError):
        io.parquet_bytes(pd.DataFrame({"d": s, "e": s}), schema)


@pytest.mark.parametrize("seed", [21, 22])
def test_csv_in_two_row_blocks_equals_one(seed, monkeypatch):
    df = _frame(1001, seed).drop(columns="number")
    # quotes needed only in the second half of one column, nulls only in the first of another
    df = df.assign(late=pd.array(["x"] * 600 + ['a,"b"'] * 401, dtype="string"),
                   early=pd.array([None] * 500 + ["y"] * 501, dtype="string"))
    whole = io.csv_bytes(df)
    monkeypatch.setattr(io, "_CSV_BLOCK_ROWS", 10)
    assert io.csv_bytes(df) == whole == pandas_csv(df)
    assert io.csv_bytes(df.iloc[3:4]) == pandas_csv(df.iloc[3:4])
    assert io.csv_bytes(df.iloc[:0]) == pandas_csv(df.iloc[:0])


CONTROLS = [chr(c) for c in range(32)] + ["\x7f", "\x85", "\u2028", "\u2029", "\r\n", "\n\r"]


@pytest.mark.parametrize("ch", CONTROLS, ids=[repr(c) for c in CONTROLS])
@pytest.mark.parametrize("path", ["arrow", "pandas"])
@pytest.mark.parametrize("dtype", ["string", "string[pyarrow]"])
def test_every_control_character_round_trips(ch, path, dtype, tmp_path):
    """Issue 12.4: whatever a cell holds, the CSV reads back to the same cells, by Python's csv
    module, pandas, Arrow and the pipeline's own strict reader."""
    df = pd.DataFrame({"a": pd.array([f"x{ch}y", ch, "plain", None], dtype=dtype),
                       "b": pd.array([1, 2, 3, 4], dtype="Int64")})
    if path == "pandas":
        df = df.assign(c=pd.array([0.5, 1.5, 2.5, 3.5], dtype="Float64"))  # takes the fallback
    data = io.csv_bytes(df)
    assert (io._csv_bytes_arrow(df) is None) is (path == "pandas")
    expected = [[("" if v is pd.NA else str(v)) for v in row]
                for row in df.astype("string").itertuples(index=False)]
    rows = list(csv.reader(_io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[1:] == expected
    back = pd.read_csv(_io.BytesIO(data), dtype=str, keep_default_na=False)
    assert back["a"].tolist() == [r[0] for r in expected]
    import pyarrow.csv as pacsv

    table = pacsv.read_csv(pyarrow.BufferReader(data),
                           parse_options=pacsv.ParseOptions(newlines_in_values=True),
                           convert_options=pacsv.ConvertOptions(
                               column_types={"a": pyarrow.string()}, strings_can_be_null=False))
    assert table["a"].to_pylist() == [r[0] for r in expected]
    (tmp_path / "t.csv").write_bytes(data)
    strict = io.read_csv_strict(tmp_path / "t.csv")
    assert strict["a"].fillna("").tolist() == [r[0] for r in expected]
