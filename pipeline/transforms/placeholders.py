"""How a list says that a row is not a real record but an illustration, sample or template:
the marker phrases (PLACEHOLDER_MARKERS), the test of one value (placeholder_marker) and an RE2
prefilter that finds the candidate values of a whole column."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from pipeline.transforms.coded import _arrow_text

# How a list says that a row is not a real record but an illustration, sample or template.
# Only strong phrases: a biography that mentions "an example" or «نمونه» is not one of them.
# (name, pattern, the template columns it is searched in; None = every text column)
_PLACEHOLDER_WORDS = (r"representative|illustrative|sample|example|dummy|placeholder|template|"
                      r"fictional|fictitious|hypothetical|test")
PLACEHOLDER_MARKERS: tuple[tuple[str, re.Pattern[str], frozenset[str] | None], ...] = (
    ("placeholder_entry",
     re.compile(r"\b(?:" + _PLACEHOLDER_WORDS + r")\s+(?:entry|record|row|profile)\b", re.I),
     None),
    ("placeholder_word",
     re.compile(r"\bplaceholder\b|\blorem ipsum\b|\bfor illustrat(?:ion|ive purposes)\b",
                re.I),
     None),
    ("placeholder_entry_fa",
     re.compile(r"(?<![\u0600-\u06FF])(?:رکورد|مدخل|ورودی|داده|نام)(?:\u200c?ی)?\s+"
                r"(?:نمونه|فرضی|ساختگی|آزمایشی)(?![\u0600-\u06FF])"),
     None),
    # "Evin Prison, Tehran (or other detention facility)": a place hedged with alternatives
    ("hedged_place",
     re.compile(r"\(\s*(?:or|and/or)\s+(?:other|another|any)\b[^)]*\)"
                r"|\(\s*(?:و\s+)?یا\s+[^)]*(?:دیگر|سایر)[^)]*\)", re.I),
     frozenset({"city", "province", "prison"})),
)


def placeholder_marker(text: str, column: str) -> str | None:
    """`<marker>: "<matched text>"` when ``text`` (a value of template column ``column``, or
    of a source field outside the template) says the row is not a real record."""
    for name, pattern, columns in PLACEHOLDER_MARKERS:
        if columns is not None and column not in columns:
            continue
        m = pattern.search(text)
        if m:
            return f'{name}: "{m.group(0)}"'
    return None


# A superset of the values any PLACEHOLDER_MARKERS pattern can match, for RE2 over whole
# columns: every match holds one of these words (case-insensitively; Python's re.I also lets
# ı İ match i, K match k and ſ match s, so a value holding one of those is a candidate too),
# or a Persian marker word, or "(" (hedged_place, place columns only). The exact Python
# patterns then run on the candidates alone.
_PLACEHOLDER_PREFILTER = ("(?i:" + _PLACEHOLDER_WORDS + "|lorem|illustrat)"
                          r"|[\x{130}\x{131}\x{212A}\x{17F}]|نمونه|فرضی|ساختگی|آزمایشی")


_PLACEHOLDER_PREFILTER_PLACE = _PLACEHOLDER_PREFILTER + r"|\("


def _placeholder_candidates(values: pd.Series, field: str) -> np.ndarray:
    """Positions of ``values`` that a PLACEHOLDER_MARKERS pattern may match in ``field``."""
    places = {c for _, _, cols in PLACEHOLDER_MARKERS if cols is not None for c in cols}
    pattern = _PLACEHOLDER_PREFILTER_PLACE if field in places else _PLACEHOLDER_PREFILTER
    found = pc.fill_null(pc.match_substring_regex(_arrow_text(values), pattern), False)
    return np.flatnonzero(found.to_numpy(zero_copy_only=False))
