"""Gregorian partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) and the days they span."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_SHAPES = {
    "year": re.compile(r"([0-9]{4})"),
    "month": re.compile(r"([0-9]{4})-([0-9]{2})"),
    "day": re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"),
}


def partial_date_bounds(text: str, precision: str) -> tuple[str, str] | str:
    """First and last ISO day a partial date at ``precision`` can be, or the reason it is not a
    valid date of that precision. A year is never 1 January: '1988' spans 1988-01-01..12-31."""
    shape = _SHAPES.get(precision)
    if shape is None:
        return f"precision {precision!r} is not one of day, month, year"
    m = shape.fullmatch(text or "")
    if m is None:
        want = {"year": "YYYY", "month": "YYYY-MM", "day": "YYYY-MM-DD"}[precision]
        return f"{text!r} is not {want} as its precision {precision!r} requires"
    parts = [int(g) for g in m.groups()]
    try:
        if precision == "year":
            first, last = dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        elif precision == "month":
            first = dt.date(parts[0], parts[1], 1)
            last = dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        else:
            first = last = dt.date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        return f"{text!r} is not a real date ({exc})"
    return first.isoformat(), last.isoformat()
