"""Claims: units from subjects and consistency of low/best/high."""

from __future__ import annotations

import pandas as pd

_UNIT_SUFFIXES = (
    ("_years", "year"),
    ("_months", "month"),
    ("_days", "day"),
    ("_minutes", "minute"),
)


def unit_for_subject(subject: str) -> str:
    """The unit a subject code implies: `*_years`/`age` -> year, `*_months` -> month,
    `*_days` -> day, `*_minutes` -> minute, everything else is a count."""
    if subject == "age" or subject.startswith("age_"):
        return "year"
    for suffix, unit in _UNIT_SUFFIXES:
        if subject.endswith(suffix):
            return unit
    return "count"


def bounds_problem(low: int | None, best: int | None, high: int | None) -> str | None:
    """Why low/best/high are inconsistent, or None: low <= best <= high and nothing negative.
    All three empty is allowed: a qualitative claim ("thousands", "no estimate") whose words
    stand in the quote; numbers are never invented for it."""
    present = [v for v in (low, best, high) if v is not None and not pd.isna(v)]
    if any(v < 0 for v in present):
        return "negative figure"
    ordered = [v for v in (low, best, high) if v is not None and not pd.isna(v)]
    if ordered != sorted(ordered):
        return f"figures out of order (low {low}, best {best}, high {high})"
    return None
