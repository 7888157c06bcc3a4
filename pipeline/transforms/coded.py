"""Columns coded by their distinct values and expanded late: a value computed once per
distinct value (or combination of values) of a column, then expanded to the rows that need it
(the technique that lets the list normalizer handle a million rows; see _Distinct)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name].astype("string")
    return pd.Series(pd.NA, index=frame.index, dtype="string")


def _arrow_text(s: pd.Series) -> pa.Array:
    """``s`` (text or nulls) as one Arrow large_string array."""
    return pa.array(s.astype("string").array, type=pa.large_string(), from_pandas=True)


def _map_unique_text(s: pd.Series, fn: Callable[[str], str]) -> pd.Series:
    """fn applied once per distinct value (no nulls in ``s``)."""
    codes, uniques = pd.factorize(s.astype("string"))
    mapped = pa.array([fn(str(u)) for u in uniques], pa.large_string())
    return pd.Series(pd.array(mapped.take(pa.array(codes, pa.int64())), dtype="string"),
                     index=s.index)


@dataclass(frozen=True)
class _Distinct:
    """Rows of one or more columns as codes into their distinct values: row ``i`` holds
    ``values.iloc[codes[i]]``. A null is a value like any other (for one column, the last
    row of ``values``), so a value-by-value computation on ``values`` expanded through
    ``codes`` equals the same computation row by row, at the cost of the distinct values."""

    codes: np.ndarray
    values: pd.DataFrame  # one column per input column, RangeIndex


def _distinct(name: str, s: pd.Series, with_values: bool = True) -> _Distinct:
    """``s`` coded; ``values`` has no column (only its length) unless ``with_values``."""
    codes, uniques = s.array.factorize(use_na_sentinel=True)
    codes = np.where(codes < 0, len(uniques), codes).astype(np.int64)
    if not with_values:
        return _Distinct(codes, pd.DataFrame(index=range(len(uniques) + 1)))
    values = pd.Series(uniques).reindex(range(len(uniques) + 1))  # the null comes last
    return _Distinct(codes, pd.DataFrame({name: values}))


def _combine(parts: list[_Distinct], with_values: bool = True) -> _Distinct:
    """The distinct combinations of several coded columns (in order of first appearance);
    ``values`` is left empty unless ``with_values``."""
    n = len(parts[0].codes)
    key = np.zeros(n, dtype=np.int64)
    size = 1
    for part in parts:
        width = len(part.values)
        if size * width >= 2**62:  # keep the mixed-radix key inside int64
            key, uniques = pd.factorize(key)
            size = len(uniques)
        key = key * width + part.codes
        size *= width
    codes, uniques = pd.factorize(key)
    if not with_values:
        return _Distinct(codes.astype(np.int64), pd.DataFrame(index=range(len(uniques))))
    first = _first_rows(codes, len(uniques))
    values = pd.concat([part.values.take(part.codes[first]).reset_index(drop=True)
                        for part in parts], axis=1)
    return _Distinct(codes.astype(np.int64), values)


def _first_rows(codes: np.ndarray, count: int) -> np.ndarray:
    """For each code 0..count-1, the first row that holds it."""
    first = np.empty(count, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)  # the last write (first row) wins
    return first


def _expand(values: pd.Series, codes: np.ndarray) -> pd.Series:
    """values[codes] as a Series with a fresh RangeIndex and the dtype of ``values``."""
    return pd.Series(values.array.take(codes), dtype=values.dtype)


@dataclass(frozen=True)
class _Take:
    """A column still to be expanded: ``values[rows]`` (see _expand)."""

    values: pd.Series
    rows: np.ndarray


_THREADED_ROWS = 100_000  # from this many rows, columns are expanded on two threads


def _materialize(columns: dict[str, object]) -> pd.DataFrame:
    """The frame of ``columns``, each _Take expanded (on two threads for large frames: the
    work is Arrow's take, which releases the GIL; each column is what _expand gives)."""
    takes = [name for name, col in columns.items() if isinstance(col, _Take)]

    def expand(name: str) -> pd.Series:
        col = columns[name]
        assert isinstance(col, _Take)
        return _expand(col.values, col.rows)

    rows = max((len(columns[t].rows) for t in takes), default=0)  # type: ignore[attr-defined]
    if rows < _THREADED_ROWS:
        done = {name: expand(name) for name in takes}
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(2) as pool:
            done = dict(zip(takes, pool.map(expand, takes), strict=True))
    return pd.DataFrame({name: done.get(name, col) for name, col in columns.items()})
