"""Record ids and source locators of list rows: `<source_id>-<record_key>` for a keyed record,
else `<source_id>[-<file stem>[_<sheet>]]-<row:06d>`; the locator `<file>` or `<file>#row=<row>`."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.transforms.coded import _col, _combine, _distinct, _map_unique_text


def _id_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "x"


def record_ids(frame: pd.DataFrame, source_id: str, *, file_in_id: bool = False) -> pd.Series:
    """`<source_id>-<record_key>` when the source keys its records (a file per record), else
    `<source_id>-<file stem>-<row:06d>` (the stem is dropped when the source has one file;
    ``file_in_id`` says the source has several even though ``frame`` holds one)."""
    if frame.empty:  # a header-only file: numpy cannot add str to an empty int array
        return pd.Series([], index=frame.index, dtype=object)
    key = _col(frame, "record_key")
    files = frame["file"].astype("string")
    several = file_in_id or files.nunique() > 1
    sheet = _col(frame, "sheet").fillna("")
    row = _row_digits(frame["source_row"].astype(int))
    if several or (sheet != "").any():
        # per distinct file and sheet: a million rows come from a handful of them
        place = _combine([_distinct("file", files), _distinct("sheet", sheet)])
        stems = [_id_part(str(f).rsplit("/", 1)[-1].rsplit(".", 1)[0]) if not sh
                 else _id_part(str(f).rsplit("/", 1)[-1].rsplit(".", 1)[0]) + "_" + _id_part(sh)
                 for f, sh in zip(place.values["file"], place.values["sheet"], strict=True)]
        prefix = pa.array([f"{source_id}-{stem}-" for stem in stems], pa.large_string())
        by_row = pc.binary_join_element_wise(prefix.take(pa.array(place.codes)), row, _EMPTY)
    else:
        by_row = pc.binary_join_element_wise(pa.scalar(f"{source_id}-", pa.large_string()),
                                             row, _EMPTY)
    out = pd.Series(pd.array(by_row, dtype="string"), index=frame.index)
    if key.notna().any():
        keyed = source_id + "-" + _map_unique_text(key.fillna(""), _id_part)
        out = out.where(key.isna(), keyed)
    return pd.Series(out.array, index=frame.index, dtype="string")


def _locators(file: pd.Series, row: pd.Series, record_key: pd.Series) -> pd.Series:
    """`<file>` for a keyed record, else `<file>#row=<row>` (one Arrow join when no record
    is keyed and nothing is null; else the same in pandas)."""
    if record_key.isna().all() and not file.isna().any() and not row.isna().any():
        rows = pc.cast(pa.array(row.to_numpy(dtype=np.int64)), pa.large_string())
        text = pa.array(file.array, type=pa.large_string(), from_pandas=True)
        joined = pc.binary_join_element_wise(text, pa.scalar("#row=", pa.large_string()), rows,
                                             _EMPTY)
        return pd.Series(pd.array(joined, dtype="string"), index=file.index)
    return file.where(record_key.notna(), file + "#row=" + row.astype(str))


_EMPTY = pa.scalar("", pa.large_string())


def _row_digits(rows: pd.Series) -> pa.Array:
    """Row numbers as text, zero-padded to 6 digits (str.zfill(6))."""
    values = rows.to_numpy(dtype=np.int64)
    text = pc.cast(pa.array(values), pa.large_string())
    if len(values) and values.min() < 0:  # zfill keeps the sign in front
        return pa.array(pd.Series(text.to_pylist(), dtype="string").str.zfill(6).array,
                        type=pa.large_string())
    return pc.utf8_lpad(text, width=6, padding="0")
