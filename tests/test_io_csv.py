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
    """The reference: what csv_bytes did before the Arrow writer."""
    out = df.copy()
    for col in out.columns:
        if str(out[col].dtype) == "boolean":
            out[col] = out[col].map({True: "true", False: "false"}, na_action="ignore")
    buf = _io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\n", na_rep="", quoting=csv.QUOTE_MINIMAL)
    return buf.getvalue().encode("utf-8")


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
