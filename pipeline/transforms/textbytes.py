"""Cheap whole-column questions about text, answered from the first UTF-8 byte of each value
read straight out of Arrow's buffers (no string is built or copied). Callers use them to skip
a value-by-value pass that would find nothing; when unsure they run that pass as before."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow

# First bytes of every character Python or Arrow treats as white space: C0 controls and the
# space (<= 0x20), then U+0085/U+00A0 (C2), U+1680/U+180E (E1), U+2000-U+205F (E2), U+3000
# (E3) and U+FEFF (EF). A superset: a value starting with any other byte is not all space.
SPACE_LEADS = bytes([*range(0x21), 0xC2, 0xE1, 0xE2, 0xE3, 0xEF])


def _lead_table(leads: bytes) -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    table[list(leads)] = True
    return table


_SPACE_TABLE = _lead_table(SPACE_LEADS)


def _any_lead(s: pd.Series, table: np.ndarray, empty_counts: bool) -> bool:
    """True if a value of ``s`` may start with a byte marked in ``table`` (or, with
    ``empty_counts``, may be ''); True as well when ``s`` is not text held in Arrow."""
    if not isinstance(s.dtype, pd.StringDtype) or s.dtype.storage != "pyarrow":
        return True
    arr = pyarrow.array(s.array, type=pyarrow.large_string(), from_pandas=True)
    if isinstance(arr, pyarrow.ChunkedArray):
        arr = arr.combine_chunks()
    n = len(arr)
    if not n:
        return False
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset:arr.offset + n + 1]
    starts = offsets[:-1]
    data = arr.buffers()[2]
    if data is not None and data.size:
        # an empty or null value reads its neighbour's byte here: at worst a false alarm
        chars = np.frombuffer(data, dtype=np.uint8)
        if table[chars.take(starts, mode="clip")].any():
            return True
    if not empty_counts:
        return False
    empty = offsets[1:] == starts
    if arr.null_count:
        empty &= arr.is_valid().to_numpy(zero_copy_only=False)
    return bool(empty.any())


def may_be_blank(s: pd.Series) -> bool:
    """False when no value of ``s`` is '' or all white space (a null is not blank)."""
    return _any_lead(s, _SPACE_TABLE, empty_counts=True)


def may_start_with(s: pd.Series, chars: tuple[str, ...]) -> bool:
    """False when no value of ``s`` starts with one of ``chars``, each a single ASCII
    character (in UTF-8 a byte that stands only for itself); True when unsure."""
    if any(len(c) != 1 or ord(c) > 0x7F for c in chars):
        return True
    return _any_lead(s, _lead_table("".join(chars).encode("ascii")), empty_counts=False)
