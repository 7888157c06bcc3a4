"""Pure transforms for ages: text or numbers -> :class:`ParsedAge` (inclusive low/high bounds).

Rules an integrator relies on:

- Digits may be Persian, Arabic-Indic or ASCII; number words (``بیست و پنج``, ``twenty-five``) are
  read too. A unit (``ساله``, ``سال``, ``years old``, ``y/o``), an ``aged``/``سن`` prefix and an
  approximation mark (``حدود``, ``حدودا``, ``about``, ``approx.``, ``c.``, ``~``, trailing ``?``)
  are ignored: an approximate single age keeps ``low == high`` (the caller keeps the original).
- ``25-30``, ``25 to 30``, ``۲۵ تا ۳۰``, ``between 25 and 30`` -> 25/30.
- Bounds are inclusive as written: ``over 60``, ``بالای ۶۰``, ``60+`` -> low 60, high None;
  ``under 18``, ``زیر ۱۸``, ``<18`` -> low None, high 18.
- Decades: ``20s``, ``in his 20s``, ``early 20s``, ``twenties``, ``دهه ۲۰`` -> 20/29 (early/mid/late
  keep the whole decade); ``teens`` -> 13/19; ``20 و چند`` (twenty-something) -> 21/29.
- Empty text and unknown markers (``unknown``, ``نامعلوم``, ``undefined``, ``?``) -> all None, no
  error. A negative age, an age above ``MAX_AGE``, low > high, a fraction or anything unreadable
  -> ``error`` with the reason, bounds None.
"""

from __future__ import annotations

import numbers
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.transforms.names import normalize_persian

MAX_AGE = 120
COLUMNS = ["low", "high", "error"]


@dataclass(frozen=True)
class ParsedAge:
    """An age as read from one cell: inclusive bounds, None where open or unknown."""

    original: str | None
    low: int | None
    high: int | None
    error: str | None


UNKNOWN_TEXTS = frozenset(
    {"?", "??", "؟", "-", "--", "—", "unknown", "not known", "n/a", "na", "undefined", "none"}
    | {"نامعلوم", "نا معلوم", "نامشخص", "نا مشخص", "معلوم نیست", "مشخص نیست"}
)

_NUMBER_WORDS: dict[str, int] = {
    "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "شیش": 6, "هفت": 7, "هشت": 8,
    "نه": 9, "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15,
    "پونزده": 15, "شانزده": 16, "هفده": 17, "هیفده": 17, "هجده": 18, "هیجده": 18, "هژده": 18,
    "نوزده": 19, "بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70,
    "هشتاد": 80, "نود": 90, "صد": 100, "یکصد": 100,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
}  # fmt: skip
_WORD = "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))
_WORD_RUN = re.compile(rf"\b(?:{_WORD})(?:(?:\s+(?:و|and)\s+|\s+|-)(?:{_WORD}))*\b")
_JOINERS = re.compile(r"\s+(?:و|and)\s+|\s+|-")

_APPROX = re.compile(
    r"^(?:حدودا|حدود|تقریبا|نزدیک به"
    r"|about|around|approx\.?|approximately|roughly|circa|ca\.?|c\.|~|≈)\s*"
)
_PREFIX = re.compile(r"^(?:aged?|age:|در سن|سن)\s*")
_UNIT = re.compile(r"\s*(?:years?\s*old|years?|yrs?\.?|y\.?\s*o\.?|y/o|ساله|سالگی|سالش|سال)$")
_N = r"(\d{1,3})"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"{_N}(?:\.0+)?"), "exact"),
    (re.compile(rf"{_N}\s*(?:-|–|—|to|تا|الی)\s*{_N}"), "range"),
    (re.compile(rf"(?:between|بین)\s+{_N}\s*(?:and|و|تا|to|-|–)\s*{_N}"), "range"),
    (
        re.compile(
            r"(?:over|above|older than|more than|at least"
            rf"|بالای|بالاتر از|بیش از|بیشتر از|>|≥)\s*{_N}"
        ),
        "over",
    ),
    (
        re.compile(rf"{_N}\s*(?:\+|or older|or more|and over|and above|به بالا|و بالاتر|و بیشتر)"),
        "over",
    ),
    (re.compile(rf"\+\s*{_N}"), "over"),
    (
        re.compile(rf"(?:under|below|younger than|less than|زیر|کمتر از|کم\u200cتر از|<|≤)\s*{_N}"),
        "under",
    ),
    (re.compile(rf"{_N}\s*(?:or younger|or less|and under|and below|به پایین|و کمتر)"), "under"),
    (
        re.compile(r"(?:in (?:his|her|their) )?(?:(?:early|mid|late)[\s-]*)?(\d0)\s*'?s"),
        "decade",
    ),
    (re.compile(r"دهه\s*(\d0)(?: زندگی)?"), "decade"),
    (re.compile(r"(\d0)\s*(?:و چند|something|odd)"), "some"),
    (re.compile(r"(?:in (?:his|her|their) )?(?:early |mid |late )?teens?(?:ager)?"), "teens"),
]


def _words_to_number(match: re.Match[str]) -> str:
    """'بیست و پنج' -> '25'; hundreds, then tens, then units/teens, each at most once."""
    words = [w for w in _JOINERS.split(match.group()) if w]
    if words[:2] == ["one", "hundred"]:
        words = words[1:]
    total, last_class = 0, 4
    for word in words:
        value = _NUMBER_WORDS[word]
        klass = 3 if value == 100 else 2 if value >= 20 else 1
        if klass >= last_class:
            return match.group()
        total, last_class = total + value, klass
    return str(total)


def _decade_words(text: str) -> str:
    for word, value in _DECADE_WORDS.items():
        text = re.sub(rf"\b{word}\b", f"{value}s", text)
    return text


def _result(original: str | None, low: int | None, high: int | None) -> ParsedAge:
    for value in (low, high):
        if value is not None and value > MAX_AGE:
            return ParsedAge(original, None, None, f"age {value} is above {MAX_AGE}")
    if low is not None and high is not None and low > high:
        return ParsedAge(original, None, None, f"range {low}-{high}: low is above high")
    return ParsedAge(original, low, high, None)


def _error(original: str | None, reason: str) -> ParsedAge:
    return ParsedAge(original, None, None, reason)


def _parse_number(value: numbers.Real, original: str) -> ParsedAge:
    if value != value:  # NaN
        return ParsedAge(None, None, None, None)
    if isinstance(value, bool):
        return _error(original, "cannot read age")
    if int(value) != value:
        return _error(original, "age is not a whole number")
    if value < 0:
        return _error(original, "negative age")
    return _result(original, int(value), int(value))


def parse_age(text: str | int | None) -> ParsedAge:
    """Parse one age cell (see the module docstring for the rules)."""
    if text is None or text is pd.NA:
        return ParsedAge(None, None, None, None)
    if isinstance(text, numbers.Real):
        return _parse_number(text, str(text))
    original = str(text)
    norm = normalize_persian(original)
    if norm is None:
        return ParsedAge(original, None, None, None)
    norm = norm.casefold()
    if norm in UNKNOWN_TEXTS:
        return ParsedAge(original, None, None, None)
    norm = _APPROX.sub("", norm).rstrip("?؟ ")
    norm = _UNIT.sub("", _PREFIX.sub("", norm)).strip()
    norm = _decade_words(_WORD_RUN.sub(_words_to_number, norm))
    if re.fullmatch(r"-\s*\d+(?:\.\d+)?", norm):
        return _error(original, "negative age")
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(norm)
        if match is None:
            continue
        nums = [int(g) for g in match.groups()]
        if kind == "exact":
            return _result(original, nums[0], nums[0])
        if kind == "range":
            return _result(original, nums[0], nums[1])
        if kind == "over":
            return _result(original, nums[0], None)
        if kind == "under":
            return _result(original, None, nums[0])
        if kind == "decade":
            return _result(original, nums[0], nums[0] + 9)
        if kind == "some":
            return _result(original, nums[0] + 1, nums[0] + 9)
        return _result(original, 13, 19)
    if re.fullmatch(r"\d+\.\d+", norm):
        return _error(original, "age is not a whole number")
    if re.fullmatch(r"\d+", norm):
        return _error(original, f"age {norm} is above {MAX_AGE}")
    return _error(original, "cannot read age")


def parse_ages(values: pd.Series) -> pd.DataFrame:
    """Parse a column, once per distinct value: ``low``/``high`` (Int64), ``error`` (string)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    parsed = [parse_age(value) for value in uniques] + [parse_age(None)]
    table = pd.DataFrame(
        {
            "low": pd.array([p.low for p in parsed], dtype="Int64"),
            "high": pd.array([p.high for p in parsed], dtype="Int64"),
            "error": pd.array([p.error for p in parsed], dtype="string"),
        }
    )
    out = table.iloc[np.where(codes < 0, len(uniques), codes)]
    return out.set_axis(values.index, axis=0)
