"""Text steps on arrays of Unicode code points (NumPy), for many values joined into one text.

A column's distinct values, joined by a separator, are turned into one ``uint32`` array of code
points (UTF-32); a translation table becomes one lookup-table index, a character class (white
space, letters) one lookup, a run collapse one comparison with the neighbour. Each step gives
exactly what the ``str``/``re`` step it stands for gives (tests compare them on generated text),
in a few passes over the array instead of a Python ``re`` scan per step. Pure; no I/O.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_BMP = 0x10000


def to_codepoints(text: str) -> np.ndarray:
    """The code points of ``text``: uint16 when all are in the Basic Multilingual Plane (half
    the memory to scan), else uint32. UnicodeEncodeError for a lone surrogate."""
    units = np.frombuffer(text.encode("utf-16-le"), dtype=np.uint16)
    if not ((units & 0xF800) == 0xD800).any():  # no surrogate pair: one unit per character
        return units
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def to_text(codepoints: np.ndarray) -> str:
    """The text of a code-point array (inverse of :func:`to_codepoints`)."""
    if codepoints.dtype == np.uint16:
        return codepoints.tobytes().decode("utf-16-le")
    return codepoints.astype(np.uint32, copy=False).tobytes().decode("utf-32-le")


@cache
def _bmp_class(method: str) -> np.ndarray:
    """``getattr(chr(c), method)()`` for every code point of the Basic Multilingual Plane."""
    return np.fromiter((getattr(chr(c), method)() for c in range(_BMP)), dtype=bool,
                       count=_BMP)


def char_class(codepoints: np.ndarray, method: str) -> np.ndarray:
    """Boolean mask: ``getattr(ch, method)()`` ('isspace', 'isalpha', 'isalnum') per code point;
    the BMP from a table, the (rare) others one distinct code point at a time."""
    table = _bmp_class(method)
    if codepoints.dtype == np.uint16:
        return table[codepoints]
    mask = table[np.minimum(codepoints, _BMP - 1)]
    astral = codepoints >= _BMP
    if astral.any():
        found = np.unique(codepoints[astral])
        hits = found[[getattr(chr(int(c)), method)() for c in found]]
        mask[astral] = np.isin(codepoints[astral], hits)
    return mask


class Lookup(NamedTuple):
    """A translation table for code-point arrays: the new character of every BMP code point
    and whether it is removed."""

    chars: np.ndarray  # uint16
    removed: np.ndarray  # bool


def lookup_table(table: dict[int, str | None]) -> Lookup:
    """The :class:`Lookup` of a ``str.translate`` table whose keys are BMP code points and whose
    values are one BMP character or None (removed)."""
    chars = np.arange(_BMP, dtype=np.uint16)
    removed = np.zeros(_BMP, dtype=bool)
    for key, value in table.items():
        if key >= _BMP or (value is not None and (len(value) != 1 or ord(value) >= _BMP)):
            raise ValueError(f"not a one-character BMP translation: {key:#x} -> {value!r}")
        if value is None:
            removed[key] = True
        else:
            chars[key] = ord(value)
    return Lookup(chars, removed)


def translate(codepoints: np.ndarray, lookup: Lookup) -> np.ndarray:
    """``text.translate(table)`` for the table ``lookup`` was made from."""
    if codepoints.dtype == np.uint16:
        return lookup.chars[codepoints][~lookup.removed[codepoints]]
    small = np.minimum(codepoints, _BMP - 1)
    astral = codepoints >= _BMP
    mapped = np.where(astral, codepoints, lookup.chars[small])
    return mapped[astral | ~lookup.removed[small]]


def _previous(mask: np.ndarray) -> np.ndarray:
    """mask shifted by one: whether the character before each one is in the mask."""
    out = np.zeros_like(mask)
    out[1:] = mask[:-1]
    return out


def _next(mask: np.ndarray) -> np.ndarray:
    out = np.zeros_like(mask)
    out[:-1] = mask[1:]
    return out


def collapse_whitespace(codepoints: np.ndarray) -> np.ndarray:
    """``re.sub(r"\\s+", " ", text)``: every run of white space becomes one space."""
    space = char_class(codepoints, "isspace")
    out = np.where(space, codepoints.dtype.type(32), codepoints)
    return out[~(space & _previous(space))]


def keep_joiner_between_letters(codepoints: np.ndarray, joiner: int) -> np.ndarray:
    """Every run of ``joiner`` (ZWNJ) becomes one ``joiner`` when the characters just before and
    just after the run are letters (``str.isalpha``), and nothing otherwise."""
    is_joiner = codepoints == joiner
    if not is_joiner.any():
        return codepoints
    starts = np.flatnonzero(is_joiner & ~_previous(is_joiner))
    after = np.flatnonzero(is_joiner & ~_next(is_joiner)) + 1  # the character after each run
    before_ok = np.zeros(len(starts), dtype=bool)  # (the letter test only where it is read)
    before_ok[starts > 0] = char_class(codepoints[starts[starts > 0] - 1], "isalpha")
    after_ok = np.zeros(len(starts), dtype=bool)
    inside = after < len(codepoints)
    after_ok[inside] = char_class(codepoints[after[inside]], "isalpha")
    keep = ~is_joiner
    keep[starts[before_ok & after_ok]] = True
    return codepoints[keep]


def strip_spaces_around(codepoints: np.ndarray, separator: int) -> np.ndarray:
    """Runs of ' ' collapsed to one, then a ' ' next to ``separator`` or at either end removed:
    each joined value space-collapsed and stripped of ' '."""
    space = codepoints == 32
    codepoints = codepoints[~(space & _previous(space))]
    space = codepoints == 32
    edge = codepoints == separator
    drop = space & (_previous(edge) | _next(edge))
    if len(codepoints):
        drop[0] |= space[0]
        drop[-1] |= space[-1]
    return codepoints[~drop]


# --- Arrow string arrays <-> one joined text ----------------------------------------------------


def joined_text(arr: pa.Array, separator: str) -> str | None:
    """The values of a string array without nulls joined by ``separator`` (one ASCII
    character), as one ``str`` made from Arrow's UTF-8 bytes (no Python string per value);
    None when the array is empty or a value holds the separator."""
    if not len(arr) or arr.null_count:
        return None
    arr = arr.cast(pa.large_string())
    if pc.any(pc.match_substring(arr, separator)).as_py():
        return None
    n = len(arr)
    offsets = np.frombuffer(arr.buffers()[1], np.int64)[arr.offset:arr.offset + n + 1]
    buffer = arr.buffers()[2]
    data = (np.frombuffer(buffer, np.uint8)[offsets[0]:offsets[-1]] if buffer is not None
            else np.zeros(0, np.uint8))
    joined = np.insert(data, offsets[1:-1] - offsets[0], ord(separator))
    return joined.tobytes().decode("utf-8")


def split_text(text: str, separator: str) -> pa.Array:
    """``text.split(separator)`` as a large_string array, '' as null (inverse of
    :func:`joined_text`)."""
    data = np.frombuffer(text.encode("utf-8"), np.uint8)
    at = np.flatnonzero(data == ord(separator))  # UTF-8: an ASCII byte is that character
    offsets = np.concatenate(([0], at - np.arange(len(at)), [len(data) - len(at)]))
    values = pa.LargeStringArray.from_buffers(
        len(offsets) - 1, pa.py_buffer(offsets.astype(np.int64)),
        pa.py_buffer(data[data != ord(separator)].tobytes()))
    return pc.if_else(pc.equal(pc.binary_length(values), 0), pa.scalar(None, pa.large_string()),
                      values)
