"""Pure transforms for dates: Solar Hijri (Jalali) and Gregorian text -> :class:`ParsedDate`.

Every date keeps its calendar and precision; ``earliest``/``latest`` are Gregorian bounds.
All Jalali arithmetic and validity (leap years) comes from jdatetime. No I/O here.

Rules an integrator relies on:

- Digits may be Persian, Arabic-Indic or ASCII; separators ``/ - .`` or spaces; text is
  normalized with :func:`~pipeline.transforms.names.normalize_persian` and casefolded first.
- Numeric forms: ``Y/M/D``, ``Y/M``, ``Y``, ``D/M/Y``, ``M/Y`` and compact ``YYYYMMDD``. The year
  is the 4-digit part, first or last. In a Jalali column a 2-digit year ``yy`` means ``13yy`` and is
  accepted only where it cannot be a day or month (``yy >= 32``), first or last: ``67/5/12`` and
  ``12/5/67`` are 1367-05-12, ``10/5/12`` is an error. Gregorian text needs a 4-digit year.
- Gregorian ``NN/NN/YYYY`` (slash or hyphen) where both numbers could be day or month is an error
  ``ambiguous day/month order``; dotted ``DD.MM.YYYY`` is always day first.
- Month names (Persian or Latin, Jalali or Gregorian), seasons and an optional day may come in any
  order with the year: ``12 مرداد 1367``, ``مرداد‌ماه ۶۷``, ``Mordad 12, 1367``, ``تابستان ۱۳۶۷``.
- Jalali years 1300–1420 are accepted. GREGORIAN DETECTION: in a Jalali column a year 1900–2100 is
  Gregorian; the text is parsed by the Gregorian rules and ``calendar`` is ``gregorian``.
- Seasons: Jalali seasons are months 1–3, 4–6, 7–9, 10–12. A Gregorian spring/summer/autumn is the
  astronomical season, i.e. the same Jalali season of the Jalali year starting that March; a
  Gregorian winter spans two years and is an error.
- Ranges ``A تا B``, ``A to B``, ``A - B`` (spaced), ``A–B`` or ``YYYY-YYYY`` give precision
  ``range`` with ``earliest`` of A and ``latest`` of B; ``jalali`` is then ``A/B``.
- Approximation marks (``حدود``, ``c.``, ``about``, ``~``, a trailing ``?``) are ignored: the
  original text keeps them. A trailing era mark decides the calendar in either parser:
  ``ه.ش``, ``ش``, ``شمسی``, ``SH``, ``AP`` -> Jalali; ``میلادی``, ``م``, ``AD``, ``CE`` ->
  Gregorian.
- Empty text and unknown markers (``نامعلوم``, ``unknown``, ``?``) give precision ``unknown`` and
  no error. Anything else that cannot be read, or an impossible date, gives ``error``.
"""

from __future__ import annotations

import calendar as _calendar
import datetime
import functools
import re
from dataclasses import dataclass

import jdatetime
import numpy as np
import pandas as pd

from pipeline.transforms.calendar_words import (
    GREGORIAN_MONTH_NAMES_EN,
    GREGORIAN_MONTHS_EN,
    GREGORIAN_MONTHS_FA,
    JALALI_MONTH_NAMES_LATIN,
    JALALI_MONTH_SPELLINGS,
    SEASONS,
)
from pipeline.transforms.names import (
    normalize_persian,
    normalize_persian_many,
    strip_latin_marks,
)

CALENDARS = ("jalali", "gregorian")
PRECISIONS = ("day", "month", "season", "year", "range", "unknown")
JALALI_YEARS = (1300, 1420)
GREGORIAN_YEARS = (1800, 2100)
GREGORIAN_IN_JALALI = (1900, 2100)
COLUMNS = ["calendar", "precision", "iso", "earliest", "latest", "jalali", "error"]


@dataclass(frozen=True)
class ParsedDate:
    """A date as read from one cell; ``iso``/``earliest``/``latest`` are Gregorian."""

    original: str | None
    calendar: str | None
    precision: str
    iso: str | None
    earliest: datetime.date | None
    latest: datetime.date | None
    jalali: str | None
    error: str | None


# --- vocabularies (pipeline.transforms.calendar_words; looked up casefolded) --------------------

_JALALI_MONTHS = JALALI_MONTH_SPELLINGS
_GREGORIAN_MONTHS = GREGORIAN_MONTHS_EN | GREGORIAN_MONTHS_FA
_MONTHS = {
    "jalali": {k.casefold(): v for k, v in _JALALI_MONTHS.items()},
    "gregorian": {k.casefold(): v for k, v in _GREGORIAN_MONTHS.items()},
}
_NOISE = frozenset({"ماه", "سال", "روز", "of", "the", "in", "st", "nd", "rd", "th", "ام", "م"})
UNKNOWN_TEXTS = frozenset(
    {"?", "??", "???", "-", "--", "—", "unknown", "not known", "n/a", "na", "undefined"}
    | {"نامعلوم", "نا معلوم", "نامشخص", "نا مشخص", "معلوم نیست", "مشخص نیست"}
)

_APPROX = re.compile(
    r"^(?:حدودا|حدود|تقریبا|circa|ca\.?|c\.|about|around|approx\.?|approximately|~|≈)\s*"
)
_ERA = {
    "jalali": re.compile(
        r"(?<=[\d\s])\s*(?:ه\s*\.?\s*ش\.?|هجری\s+شمسی|شمسی|خورشیدی|ش\.?|sh\.?|s\.h\.?|a\.?p\.?)$"
    ),
    "gregorian": re.compile(r"(?<=[\d\s])\s*(?:میلادی|م\.?|a\.?d\.?|c\.?e\.?)$"),
}
_RANGE_SPLIT = re.compile(r"\s+(?:تا|الی|to|until|-|–|—)\s+|\s*[–—]\s*")
_YEAR_RANGE = re.compile(r"(\d{4})\s*-\s*(\d{4})")
_NUMERIC = re.compile(r"\d+(?:(?:\s*[/.\-]\s*|\s+)\d+){0,2}")
_TEXTUAL = re.compile(r"[\w\s,،./\-\u200c]+")
_TOKEN = re.compile(r"\d+|[^\W\d_]+")


@dataclass(frozen=True)
class _Fields:
    year: int
    month: int | None = None
    day: int | None = None
    season: int | None = None
    month_calendar: str | None = None  # which calendar's month *name* was written


# --- conversion wrappers ------------------------------------------------------------------------


# Cached: a list of a million rows holds a few thousand distinct Jalali days and months, and
# each jdatetime construction looks up the locale (the results are immutable dates).
@functools.lru_cache(maxsize=65536)
def jalali_to_gregorian(y: int, m: int, d: int) -> datetime.date:
    """Gregorian date of Jalali y-m-d (jdatetime); ValueError if it does not exist."""
    return jdatetime.date(y, m, d).togregorian()


def gregorian_to_jalali(date: datetime.date) -> tuple[int, int, int]:
    """Jalali (year, month, day) of a Gregorian date (jdatetime); ValueError if out of range."""
    j = jdatetime.date.fromgregorian(date=date)
    return j.year, j.month, j.day


@functools.lru_cache(maxsize=4096)
def jalali_month_bounds(y: int, m: int) -> tuple[datetime.date, datetime.date]:
    """Gregorian first and last day of Jalali month y-m (jdatetime)."""
    start = jdatetime.date(y, m, 1)
    after = jdatetime.date(y + 1, 1, 1) if m == 12 else jdatetime.date(y, m + 1, 1)
    return start.togregorian(), after.togregorian() - datetime.timedelta(days=1)


# --- reading ------------------------------------------------------------------------------------


def _as_text(value: object) -> str | None:
    """The cell as text: None/NaN -> None; 1367.0 -> '1367'; a date -> ISO."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _two_digit_year(part: str, calendar: str) -> int | None:
    """A 2-digit Jalali year yy >= 32 (it cannot be a day or month) -> 13yy, else None."""
    if calendar == "jalali" and len(part) == 2 and int(part) >= 32:
        return 1300 + int(part)
    return None


def _pick_year(candidates: list[str], calendar: str) -> int | str:
    """Index of the one number that must be the year, or an error."""
    fours = [i for i, p in enumerate(candidates) if len(p) == 4]
    if len(fours) == 1:
        return fours[0]
    if len(fours) > 1:
        return "cannot tell which number is the year"
    twos = [i for i, p in enumerate(candidates) if _two_digit_year(p, calendar) is not None]
    if len(twos) == 1:
        return twos[0]
    return "no unambiguous year (write it with 4 digits)"


def _year(part: str, calendar: str) -> int:
    return int(part) if len(part) == 4 else 1300 + int(part)


def _read_numeric(text: str, calendar: str) -> _Fields | str:
    parts = re.findall(r"\d+", text)
    if len(parts) == 1 and len(parts[0]) == 8:
        return _Fields(int(parts[0][:4]), int(parts[0][4:6]), int(parts[0][6:]))
    ends = [parts[0]] if len(parts) == 1 else [parts[0], parts[-1]]
    pick = _pick_year(ends, calendar)
    if isinstance(pick, str):
        return pick
    year_first = pick == 0
    year = _year(ends[pick], calendar)
    rest = parts[1:] if year_first else parts[:-1]
    if any(len(p) > 2 for p in rest):
        return "cannot read date"
    nums = [int(p) for p in rest]
    if not nums:
        return _Fields(year)
    if len(nums) == 1:
        return _Fields(year, nums[0])
    if year_first:
        return _Fields(year, nums[0], nums[1])
    if calendar == "jalali" or all(sep.strip() == "." for sep in re.findall(r"\D+", text)):
        return _Fields(year, nums[1], nums[0])
    a, b = nums
    if a <= 12 and b <= 12 and a != b:
        return "ambiguous day/month order"
    return _Fields(year, a, b) if b > 12 and a <= 12 else _Fields(year, b, a)


def _read_textual(text: str, calendar: str) -> _Fields | str:
    other = "gregorian" if calendar == "jalali" else "jalali"
    numbers: list[str] = []
    month: tuple[int, str] | None = None
    season: int | None = None
    for token in _TOKEN.findall(text):
        if token.isdigit():
            numbers.append(token)
        elif token in _NOISE:
            continue
        elif month is None and season is None and token in _MONTHS[calendar]:
            month = (_MONTHS[calendar][token], calendar)
        elif month is None and season is None and token in _MONTHS[other]:
            month = (_MONTHS[other][token], other)
        elif month is None and season is None and token in SEASONS:
            season = SEASONS[token]
        else:
            return "cannot read date"
    if not 1 <= len(numbers) <= 2:
        return "cannot read date"
    pick = _pick_year(numbers, calendar)
    if isinstance(pick, str):
        return pick
    year = _year(numbers[pick], calendar)
    days = numbers[:pick] + numbers[pick + 1 :]
    if days and (month is None or len(days[0]) > 2):
        return "cannot read date"
    if month is None and season is None:
        return _Fields(year)  # 'سال ۱۳۶۷'
    if month is None:
        return _Fields(year, season=season)
    return _Fields(year, month[0], int(days[0]) if days else None, month_calendar=month[1])


def _read_fields(text: str, calendar: str) -> _Fields | str:
    if _NUMERIC.fullmatch(text):
        return _read_numeric(text, calendar)
    if _TEXTUAL.fullmatch(text):
        return _read_textual(text, calendar)
    return "cannot read date"


# --- building -----------------------------------------------------------------------------------


def _unknown(original: str | None) -> ParsedDate:
    return ParsedDate(original, None, "unknown", None, None, None, None, None)


def _error(original: str | None, calendar: str, reason: str) -> ParsedDate:
    return ParsedDate(original, calendar, "unknown", None, None, None, None, reason)


def _interval(start: datetime.date, end: datetime.date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"


def _build_jalali(f: _Fields, original: str | None) -> ParsedDate:
    y, m, d = f.year, f.month, f.day
    lo, hi = JALALI_YEARS
    if not lo <= y <= hi:
        return _error(original, "jalali", f"year {y} is outside the Jalali years {lo}-{hi}")
    if f.season is not None:
        start, _ = jalali_month_bounds(y, 3 * f.season - 2)
        _, end = jalali_month_bounds(y, 3 * f.season)
        jal = f"{y:04d}-{3 * f.season - 2:02d}/{y:04d}-{3 * f.season:02d}"
        return ParsedDate(
            original, "jalali", "season", _interval(start, end), start, end, jal, None
        )
    if m is None:
        start, _ = jalali_month_bounds(y, 1)
        _, end = jalali_month_bounds(y, 12)
        return ParsedDate(
            original, "jalali", "year", _interval(start, end), start, end, f"{y:04d}", None
        )
    if not 1 <= m <= 12:
        return _error(original, "jalali", f"month {m} does not exist")
    start, end = jalali_month_bounds(y, m)
    if d is None:
        jal = f"{y:04d}-{m:02d}"
        return ParsedDate(original, "jalali", "month", _interval(start, end), start, end, jal, None)
    try:
        day = jalali_to_gregorian(y, m, d)
    except ValueError:
        length = (end - start).days + 1
        name = JALALI_MONTH_NAMES_LATIN[m - 1]
        if not 1 <= d <= 31:
            reason = f"day {d} does not exist"
        elif m == 12 and d == 30:
            reason = f"day 30 of Esfand {y} does not exist ({y} is not a leap year)"
        else:
            reason = f"day {d} does not exist in {name} ({name} has {length} days)"
        return _error(original, "jalali", reason)
    jal = f"{y:04d}-{m:02d}-{d:02d}"
    return ParsedDate(original, "jalali", "day", day.isoformat(), day, day, jal, None)


def _build_gregorian(f: _Fields, original: str | None) -> ParsedDate:
    y, m, d = f.year, f.month, f.day
    lo, hi = GREGORIAN_YEARS
    if not lo <= y <= hi:
        hint = " (a Jalali year?)" if JALALI_YEARS[0] <= y <= JALALI_YEARS[1] else ""
        reason = f"year {y} is outside the Gregorian years {lo}-{hi}{hint}"
        return _error(original, "gregorian", reason)
    if f.season is not None:
        if f.season == 4:
            return _error(original, "gregorian", "a Gregorian winter spans two years")
        jy = gregorian_to_jalali(datetime.date(y, 6, 1))[0]
        start, _ = jalali_month_bounds(jy, 3 * f.season - 2)
        _, end = jalali_month_bounds(jy, 3 * f.season)
        return ParsedDate(
            original, "gregorian", "season", _interval(start, end), start, end, None, None
        )
    if m is None:
        start, end = datetime.date(y, 1, 1), datetime.date(y, 12, 31)
        return ParsedDate(original, "gregorian", "year", f"{y:04d}", start, end, None, None)
    if not 1 <= m <= 12:
        return _error(original, "gregorian", f"month {m} does not exist")
    length = _calendar.monthrange(y, m)[1]
    if d is None:
        start, end = datetime.date(y, m, 1), datetime.date(y, m, length)
        return ParsedDate(
            original, "gregorian", "month", f"{y:04d}-{m:02d}", start, end, None, None
        )
    try:
        day = datetime.date(y, m, d)
    except ValueError:
        reason = (
            f"day {d} does not exist in {GREGORIAN_MONTH_NAMES_EN[m - 1]} {y} ({length} days)"
            if 1 <= d <= 31
            else f"day {d} does not exist"
        )
        return _error(original, "gregorian", reason)
    return ParsedDate(original, "gregorian", "day", day.isoformat(), day, day, None, None)


def _parse_one(text: str, calendar: str, original: str | None) -> ParsedDate:
    fields = _read_fields(text, calendar)
    if isinstance(fields, str):
        return _error(original, calendar, fields)
    if calendar == "jalali" and GREGORIAN_IN_JALALI[0] <= fields.year <= GREGORIAN_IN_JALALI[1]:
        return _parse_one(text, "gregorian", original)
    if fields.month_calendar not in (None, calendar):
        return _error(
            original, calendar, f"{fields.month_calendar} month name with a {calendar} year"
        )
    build = _build_jalali if calendar == "jalali" else _build_gregorian
    return build(fields, original)


def _parse_range(left: str, right: str, calendar: str, original: str | None) -> ParsedDate:
    a, b = _parse_one(left, calendar, original), _parse_one(right, calendar, original)
    for side in (a, b):
        if side.error:
            return _error(original, side.calendar or calendar, f"range: {side.error}")
    if a.calendar != b.calendar:
        return _error(original, calendar, "range mixes calendars")
    assert a.earliest and b.latest and a.calendar
    if a.earliest > b.latest:
        return _error(original, a.calendar, "range ends before it starts")
    jal = f"{a.jalali}/{b.jalali}" if a.jalali and b.jalali else None
    iso = _interval(a.earliest, b.latest)
    return ParsedDate(original, a.calendar, "range", iso, a.earliest, b.latest, jal, None)


def _parse(value: object, calendar: str) -> ParsedDate:
    original = _as_text(value)
    return _parse_normalized(original, normalize_persian(original), calendar)


def _parse_normalized(original: str | None, text: str | None, calendar: str) -> ParsedDate:
    """_parse of ``original`` whose normalize_persian form is ``text``."""
    if text is None:
        return _unknown(original)
    # ASCII text has no marks to strip (NFKD and NFC leave it as it is)
    text = (text if text.isascii() else strip_latin_marks(text)).casefold()
    if text in UNKNOWN_TEXTS:
        return _unknown(original)
    text = _APPROX.sub("", text).rstrip("?؟ ")
    for era, pattern in _ERA.items():
        if (stripped := pattern.sub("", text)) != text:
            text, calendar = stripped, era
            break
    if not text:
        return _unknown(original)
    if match := _YEAR_RANGE.fullmatch(text):
        return _parse_range(match.group(1), match.group(2), calendar, original)
    if _NUMERIC.fullmatch(text):
        return _parse_one(text, calendar, original)
    parts = _RANGE_SPLIT.split(text)
    if len(parts) == 2:
        return _parse_range(parts[0], parts[1], calendar, original)
    return _parse_one(text, calendar, original)


def parse_jalali_date(text: str | None) -> ParsedDate:
    """Parse a cell of a column declared Jalali (see the module docstring for the rules)."""
    return _parse(text, "jalali")


def parse_gregorian_date(text: str | None) -> ParsedDate:
    """Parse a cell of a column declared Gregorian (see the module docstring for the rules)."""
    return _parse(text, "gregorian")


def _row(parsed: ParsedDate) -> list[str | None]:
    return [
        parsed.calendar,
        parsed.precision,
        parsed.iso,
        parsed.earliest.isoformat() if parsed.earliest else None,
        parsed.latest.isoformat() if parsed.latest else None,
        parsed.jalali,
        parsed.error,
    ]


def parse_dates(values: pd.Series, calendar: str) -> pd.DataFrame:
    """Parse a column, once per distinct value: columns ``COLUMNS`` (string), same index."""
    if calendar not in CALENDARS:
        raise ValueError(f"calendar must be one of {CALENDARS}, not {calendar!r}")
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    originals = [_as_text(value) for value in uniques]
    # normalize_persian on all distinct values as one batch (the same forms, value by value)
    present = iter(normalize_persian_many([o for o in originals if o is not None]))
    texts = [None if o is None else next(present) for o in originals]
    # A row depends on the normalized text alone (the original is carried, never read): each
    # distinct text is parsed once ('۱۳۶۷/۵/۱۲' and '1367/5/12' are one parse); the last row
    # is the null one.
    row_of: dict[str | None, int] = {None: 0}
    rows = [_row(_parse(None, calendar))]
    at = np.empty(len(uniques) + 1, dtype=np.int64)
    at[-1] = 0
    for i, (original, text) in enumerate(zip(originals, texts, strict=True)):
        if text not in row_of:
            row_of[text] = len(rows)
            rows.append(_row(_parse_normalized(original, text, calendar)))
        at[i] = row_of[text]
    table = pd.DataFrame(rows, columns=COLUMNS, dtype="string")
    out = table.iloc[at[np.where(codes < 0, len(uniques), codes)]]
    return out.set_axis(values.index, axis=0)


# --- coded dates (event rows) -------------------------------------------------------------------

_CODED_SIDE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


@dataclass(frozen=True)
class CodedDate:
    """A date a curator or coder wrote for an event, with its Gregorian bounds.

    ``text`` is what ``event_date`` publishes: the coded Gregorian date (``1988``, ``1988-07``,
    ``1988-07/1988-09``), or for a Jalali date the Gregorian day or interval of days."""

    text: str | None
    precision: str
    calendar: str | None
    earliest: str | None
    latest: str | None
    jalali: str | None


@dataclass(frozen=True)
class DateProblem:
    """Why a coded date was refused: ``reason`` names the value and what does not fit."""

    reason: str

    def __str__(self) -> str:
        return self.reason


def coded_date(date: str | None, precision: str | None,
               calendar: str | None = None) -> CodedDate | DateProblem:
    """Read a coded date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` at precision year, month or
    day, or ``A/B`` of two of them at precision ``range`` (earliest of A .. latest of B), in
    the Gregorian or Solar Hijri calendar. Without ``calendar`` a year in the Jalali years
    1300-1420 means a Jalali date (these years are no Gregorian years of this dataset, just as
    a Jalali column reads 1900-2100 as Gregorian). Jalali bounds are the exact Gregorian days
    (jdatetime): Azar 1367 (``1367-09``) is 1988-11-22..1988-12-21. Returns the reason when
    the date is not valid at that precision, as a :class:`DateProblem`."""
    if calendar is None:
        year = (date or "")[:4]
        jalali = year.isdigit() and JALALI_YEARS[0] <= int(year) <= JALALI_YEARS[1]
        calendar = "jalali" if jalali else "gregorian"
    if calendar not in CALENDARS:
        return DateProblem(f"calendar {calendar!r} is not one of {', '.join(CALENDARS)}")
    if precision not in ("day", "month", "year", "range"):
        return DateProblem(f"precision {precision!r} is not one of day, month, year, range")
    sides = (date or "").split("/")
    if (precision == "range") != (len(sides) == 2) or len(sides) > 2:
        return DateProblem(f"{date!r} does not fit precision {precision!r} (a range is written "
                           "A/B, anything else is one date)")
    if not all(_CODED_SIDE.fullmatch(side) for side in sides):
        return DateProblem(f"{date!r} is not YYYY, YYYY-MM or YYYY-MM-DD (or A/B of them)")
    parsed = (_parse_range(sides[0], sides[1], calendar, date) if len(sides) == 2
              else _parse_one(sides[0], calendar, date))
    if parsed.error:
        return DateProblem(f"{date!r}: {parsed.error}")
    if parsed.calendar != calendar:
        return DateProblem(f"{date!r} is not a {calendar} date")
    if parsed.precision != precision:
        return DateProblem(f"{date!r} is not YYYY, YYYY-MM or YYYY-MM-DD as its precision "
                           f"{precision!r} requires")
    assert parsed.earliest and parsed.latest
    text = date if calendar == "gregorian" else parsed.iso
    return CodedDate(text, precision, calendar, parsed.earliest.isoformat(),
                     parsed.latest.isoformat(), parsed.jalali)


_MONTH_ALT = "|".join(sorted(GREGORIAN_MONTHS_EN, key=len, reverse=True))
_POINT = rf"(?:(?:late|early|mid)[\s-]+)?(?:{_MONTH_ALT}|1[89][0-9]{{2}}|20[0-9]{{2}})\b"
_GREGORIAN_SPAN = re.compile(
    rf"\b(?:between|from)\s+{_POINT}[^.;]{{0,20}}?\b(?:and|to|until|through)\s+{_POINT}",
    re.IGNORECASE)
_JALALI_MONTH_ALT = "|".join(sorted((k for k in _JALALI_MONTHS if not k.isascii()),
                                    key=len, reverse=True))
_JALALI_SPAN = re.compile(
    rf"(?:{_JALALI_MONTH_ALT})(?:\s*ماه)?\s+(?:و|تا)\s+(?:{_JALALI_MONTH_ALT})")
_JALALI_WORD = re.compile(
    rf"(?:{_JALALI_MONTH_ALT}|{'|'.join(k for k in SEASONS if not k.isascii())})"
    r"(?:\s*ماه)?\s*(?:سال\s*)?[0-9]{2,4}")


_LASTING = re.compile(r"\b(?:starting|beginning|began|started)\b[^.;]{0,40}?\b(?:lasting|lasted|"
                      r"continuing|continued)\b", re.IGNORECASE)


def date_evidence_problem(evidence: str | None, coded: CodedDate) -> str | None:
    """Why a coded event date claims more than its evidence says, or None.

    A day is wrong when the evidence gives a start and a duration ('starting on 19 July 1988
    and lasting for approximately five months'), or a Jalali month with its year ('8 شهریور
    1381') while the date is Gregorian: a Jalali day is coded as written and converted by
    jdatetime, so event_date_jalali keeps it. For month and year precision: the evidence
    gives a span of two months or years ('between July and September 1988',
    'from July to September', 'between 2003 and 2017', 'مرداد و شهریور ۱۳۶۷') -> it must be
    coded as a range; it gives a Jalali month or season with its year ('آذرماه ۶۷',
    'تابستان ۱۳۶۶') but the date is Gregorian -> wrong bounds (Azar 1367 is not December
    1988): it must be coded in the Jalali calendar."""
    if not evidence or coded.precision not in ("day", "month", "year"):
        return None
    text = normalize_persian(evidence) or ""  # (its digits are ASCII)
    if coded.precision == "day":
        if _LASTING.search(text):
            return "the evidence gives a start and a duration: code a range from the start day"
        if coded.calendar == "gregorian" and _JALALI_WORD.search(text):
            return ("the evidence gives a Jalali date ('8 شهریور 1381'): code it as written in "
                    "the Jalali calendar (YYYY-MM-DD), the code converts it")
        return None
    if _GREGORIAN_SPAN.search(text) or _JALALI_SPAN.search(text):
        return "the evidence gives two months or years as a span: code a range (A/B)"
    if coded.calendar == "gregorian" and _JALALI_WORD.search(text):
        return "the evidence gives a Jalali month or season: code it in the Jalali calendar"
    return None
