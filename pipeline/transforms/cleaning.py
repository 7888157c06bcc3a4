"""Text values of a list cleaned: white space collapsed (in Arrow, as " ".join(text.split())),
Arabic-script values through Persian normalization, and name sentinels ("unknown", "-", ...)
read as no value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.transforms.coded import _arrow_text
from pipeline.transforms.names import map_unique, normalize_persian_many

NAME_SENTINELS = frozenset({"unknown", "undefined", "null", "none", "n/a", "na", "-", "?",
                            "نامعلوم", "ناشناس", "نامشخص"})


# The characters str.split() splits on (str.isspace), for RE2: " ".join(text.split()) is a
# replacement of their runs by one space and a trim of spaces at both ends.
_PY_SPACE = "".join(rf"\x{{{c:x}}}" for c in (
    0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
    *range(0x2000, 0x200B),
    0x2028, 0x2029, 0x202F, 0x205F, 0x3000))
_PY_SPACE_RUN = f"[{_PY_SPACE}]+"


def _clean_text(s: pd.Series) -> pd.Series:
    """Whitespace-collapsed text; Arabic-script values also get Persian normalization (their
    whole text through normalize_persian, as one batch). The others are collapsed in Arrow:
    runs of str.isspace characters -> one space, trimmed (" ".join(text.split())); "" -> null."""
    text = _arrow_text(s)
    arabic = pc.fill_null(pc.match_substring_regex(text, r"[\x{600}-\x{6FF}]"), False)
    collapsed = pc.utf8_trim(pc.replace_substring_regex(text, _PY_SPACE_RUN, " "), " ")
    out = pd.Series(pd.array(collapsed, dtype="string"), index=s.index)
    out = out.mask((out == "").fillna(False).astype(bool))
    at = np.flatnonzero(arabic.to_numpy(zero_copy_only=False))
    if len(at):
        persian = normalize_persian_many(text.take(pa.array(at)).to_pylist())
        out.iloc[at] = pd.array(persian, dtype="string")
    return out.astype("string")


def _folded(s: pd.Series) -> pd.Series:
    """s.str.strip().str.casefold(), casefolding each distinct value once."""
    return map_unique(s.str.strip(), str.casefold).astype("string")


_SENTINEL_LEN = max(len(v) for v in NAME_SENTINELS)


def _real_name(s: pd.Series) -> pd.Series:
    """``s`` without sentinels ("unknown", "-", ...) and blank values. Casefolding never
    shortens a text, so only values at most as long as the longest sentinel are folded."""
    stripped = s.str.strip()
    short = (stripped.str.len() <= _SENTINEL_LEN).fillna(False).to_numpy(dtype=bool)
    sentinel = np.zeros(len(s), dtype=bool)
    if short.any():
        folded = _folded(s[short])
        sentinel[short] = (folded.isin(NAME_SENTINELS) | (folded == "")).fillna(False)
    return s.mask(sentinel)
