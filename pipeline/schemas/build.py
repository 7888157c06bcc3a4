"""Derive pandera, Frictionless and pyarrow schemas (and pandas dtypes) from FIELDS/TABLES."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute

from pipeline.errors import SchemaError
from pipeline.schemas.fields import FIELDS, Field
from pipeline.schemas.tables import TABLES, Table

PANDAS_DTYPES = {
    "string": "string",
    "date": "string",  # ISO YYYY-MM-DD held as text in frames; typed as date in Parquet
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
}
ARROW_TYPES = {
    "string": pyarrow.string(),
    "date": pyarrow.date32(),
    "integer": pyarrow.int64(),
    "number": pyarrow.float64(),
    "boolean": pyarrow.bool_(),
}
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def table(name: str) -> Table:
    """The declaration of table ``name``; a SchemaError naming the tables when there is none."""
    try:
        return TABLES[name]
    except KeyError:
        raise SchemaError(f"no such table {name!r}; tables: {', '.join(sorted(TABLES))}") from None


_SAMPLE = 10_000  # values looked at first to guess whether a column repeats its values


def _on_distinct(check: Callable[[pd.Series], pd.Series]) -> Callable[[pd.Series], pd.Series]:
    """An elementwise check, run once per distinct value (a million-row list repeats its
    dates, codes and patterns) and mapped back; nulls get the check's result for null."""

    def run(s: pd.Series) -> pd.Series:
        if len(s) > 4 * _SAMPLE and s.iloc[:_SAMPLE].nunique(dropna=False) * 2 > _SAMPLE:
            return check(s)  # mostly distinct values (ids, URLs): no gain from factorizing
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
        if len(uniques) * 2 > len(s):
            return check(s)
        ok = check(pd.Series(uniques, dtype=s.dtype)).to_numpy(dtype=bool)
        null = check(pd.Series([None], dtype=s.dtype)).to_numpy(dtype=bool)
        return pd.Series(np.append(ok, null)[codes], index=s.index)

    return run


def _fullmatch(pattern: str, name: str) -> pa.Check:
    rx = re.compile(pattern)
    return pa.Check(
        _on_distinct(lambda s: s.astype("string").str.fullmatch(rx).fillna(False).astype(bool)),
        name=f"pattern:{name}",
        error=f"does not match pattern {pattern}",
    )


def _is_iso_day(s: pd.Series) -> pd.Series:
    text = s.astype("string")
    shaped = text.str.fullmatch(_ISO_DAY).fillna(False).astype(bool)
    parsed = pd.to_datetime(text.where(shaped), format="%Y-%m-%d", errors="coerce")
    return shaped & parsed.notna()


def _checks(name: str, f: Field) -> list[pa.Check]:
    checks: list[pa.Check] = []
    if f.enum is not None:
        checks.append(pa.Check.isin(list(f.enum), name=f"enum:{name}"))
    if f.pattern is not None:
        checks.append(_fullmatch(f.pattern, name))
    if f.minimum is not None:
        checks.append(pa.Check.ge(f.minimum, name=f"minimum:{name}"))
    if f.maximum is not None:
        checks.append(pa.Check.le(f.maximum, name=f"maximum:{name}"))
    if f.type == "date":
        checks.append(pa.Check(_on_distinct(_is_iso_day), name=f"date:{name}",
                               error="not an ISO date"))
    return checks


def to_pandera(name: str) -> pa.DataFrameSchema:
    """The pandera schema used inside the pipeline for table ``name``."""
    t = table(name)
    columns = {
        col: pa.Column(
            PANDAS_DTYPES[FIELDS[col].type],
            checks=_checks(col, FIELDS[col]),
            nullable=not t.is_required(col),
            required=True,
        )
        for col in t.fields
    }
    return pa.DataFrameSchema(
        columns,
        strict=True,
        ordered=True,
        unique=list(t.primary_key),
        name=name,
    )


def _frictionless_field(col: str, t: Table) -> dict[str, Any]:
    f = FIELDS[col]
    out: dict[str, Any] = {"name": col, "type": f.type, "description": f.description}
    if f.type == "boolean":
        out["trueValues"] = ["true"]
        out["falseValues"] = ["false"]
    if f.unit:
        out["unit"] = f.unit
    constraints: dict[str, Any] = {}
    if t.is_required(col):
        constraints["required"] = True
    if t.primary_key == (col,):
        constraints["unique"] = True
    if f.enum is not None:
        constraints["enum"] = list(f.enum)
    if f.pattern is not None:
        constraints["pattern"] = f.pattern
    if f.minimum is not None:
        constraints["minimum"] = f.minimum
    if f.maximum is not None:
        constraints["maximum"] = f.maximum
    if constraints:
        out["constraints"] = constraints
    return out


def to_frictionless(name: str) -> dict[str, Any]:
    """The Frictionless Table Schema (as a plain dict) for table ``name``."""
    t = table(name)
    schema: dict[str, Any] = {
        "fields": [_frictionless_field(col, t) for col in t.fields],
        "missingValues": [""],
        "primaryKey": list(t.primary_key),
    }
    if t.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.fields),
                "reference": {"resource": fk.table, "fields": list(fk.reference)},
            }
            for fk in t.foreign_keys
        ]
    return schema


def to_pyarrow(name: str) -> pyarrow.Schema:
    """The Arrow schema the Parquet files are written with."""
    t = table(name)
    return pyarrow.schema(
        [
            pyarrow.field(
                col,
                ARROW_TYPES[FIELDS[col].type],
                nullable=not t.is_required(col),
                metadata={"description": FIELDS[col].description},
            )
            for col in t.fields
        ],
        metadata={"table": name, "primary_key": ",".join(t.primary_key)},
    )


def empty_frame(name: str) -> pd.DataFrame:
    """A frame of table ``name`` with no rows: its columns in order, each with its dtype."""
    t = table(name)
    return pd.DataFrame(
        {col: pd.Series([], dtype=PANDAS_DTYPES[FIELDS[col].type]) for col in t.fields}
    )


def columns(name: str, *, without: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The columns of table ``name`` in declared order, except ``without`` (each of which
    must be one of them: a typo is an error, not a silently longer list)."""
    t = table(name)
    unknown = [c for c in without if c not in t.fields]
    if unknown:
        raise SchemaError(f"table {name} has no column(s) {', '.join(unknown)}")
    return tuple(c for c in t.fields if c not in without)


def dtypes(name: str, *, without: tuple[str, ...] = ()) -> dict[str, str]:
    """The pandas dtype of each column of table ``name`` (as :func:`columns`)."""
    return {c: PANDAS_DTYPES[FIELDS[c].type] for c in columns(name, without=without)}


def row(name: str, **known: Any) -> dict[str, Any]:
    """One candidate row of table ``name`` as a dict in column order: the ``known`` values,
    every other column None (a later step fills it, e.g. geocoding or happening ids, or
    validation rejects the row if the column is required). A key that is not a column of the
    table is a SchemaError naming it: a misspelt column would otherwise vanish at
    :func:`conform`."""
    t = table(name)
    unknown = sorted(k for k in known if k not in t.fields)
    if unknown:
        raise SchemaError(f"table {name} has no column(s) {', '.join(unknown)} (declared in "
                          "pipeline/schemas/tables.py)")
    return {c: known.get(c) for c in t.fields}


def conform(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Order, type and key-sort a frame as table ``name`` declares it.

    Missing columns are an error (never silently added); unknown columns are dropped here and
    only here. Rows are sorted by primary key in code-point order.
    """
    t = table(name)
    missing = [c for c in t.fields if c not in df.columns]
    if missing:
        raise SchemaError(f"table {name}: missing columns {', '.join(missing)}")
    out = pd.DataFrame(index=df.index)
    for col in t.fields:
        dtype = PANDAS_DTYPES[FIELDS[col].type]
        series = df[col]
        if dtype == "string":
            if series.dtype != pd.StringDtype():  # already text: no round trip via objects
                series = series.astype("object").where(series.notna(), None).astype("string")
            empty = series == ""
            if empty.any():
                series = series.mask(empty)
        out[col] = series.astype(dtype)
    order = _key_order(out, list(t.primary_key))
    if order is None:
        out = out.sort_values(list(t.primary_key), kind="stable", key=_codepoint_key)
    elif not (order == np.arange(len(order))).all():  # already in key order: no copy
        out = _take_rows(out, order)
    return out.reset_index(drop=True)


def _take_rows(df: pd.DataFrame, order: np.ndarray) -> pd.DataFrame:
    """``df.take(order)`` with a fresh RangeIndex, column by column on two threads for large
    frames (Arrow's take releases the GIL); the same columns and dtypes."""
    if len(df) < 100_000:
        return df.take(order).reset_index(drop=True)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        arrays = list(pool.map(lambda col: df[col].array.take(order), df.columns))
    return pd.DataFrame(dict(zip(df.columns, arrays, strict=True)), copy=False)


def _key_order(df: pd.DataFrame, keys: list[str]) -> np.ndarray | None:
    """The stable code-point sort of ``keys`` (nulls last) computed in Arrow, for text and
    integer keys: Arrow compares text as UTF-8 bytes, which is code-point order, as Python
    compares str. None for other key types (then pandas sorts)."""
    if not len(df):
        return None
    arrays = []
    for key in keys:
        dtype = str(df[key].dtype)
        if dtype == "string":
            arrays.append(pyarrow.array(df[key].array, type=pyarrow.large_string(),
                                        from_pandas=True))
        elif dtype == "Int64":
            arrays.append(pyarrow.array(df[key].array, type=pyarrow.int64(), from_pandas=True))
        else:
            return None
    table = pyarrow.table(arrays, names=[f"k{i}" for i in range(len(keys))])
    order = pyarrow.compute.sort_indices(
        table, sort_keys=[(f"k{i}", "ascending", "at_end") for i in range(len(keys))])
    return order.to_numpy()


def _codepoint_key(s: pd.Series) -> pd.Series:
    # Sorting object/str in pandas compares Python strings: code-point order, locale-free.
    return s.astype("object")
