"""Claims: units from subjects and consistency of low/best/high."""

from __future__ import annotations

import re

import pandas as pd

from pipeline.transforms.persian import ascii_digits

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


# --- one encoding for every claimed figure --------------------------------------------------
#
# The qualifier is derived from the figure as the source writes it (`value_original`) by the
# rules below; low/best/high then follow from the qualifier alone (`encode_figures`), for the
# curated estimates and the report-coded claims alike:
#
#   exact     "30,000", "92", "four-person"        low = best = high = N
#   about     "about/approximately/an estimated N" best = N (low, high empty: none given)
#   at_least  "over/more than/at least/exceed N"   low = N
#   at_most   "up to/nearly/almost/fewer than N"   high = N
#   range     "N to M", "between N and M", "N or M" low = N, high = M (best empty, never an average)
#   vague     "thousands", "hundreds", "several"   all empty: the words stay in value_original
#             (never 1000 or 100: any number for such words would be ours, not the source's)
#   none      no figure given ("no estimate")      all empty

QUALIFIERS = ("exact", "about", "at_least", "at_most", "range", "vague", "none")

_AT_LEAST = re.compile(
    r"\b(over|more than|at least|no fewer than|exceed(s|ed)?|in excess of|upwards of|above)\b"
    r"|بیش از|بيش از|بیشتر از|أكثر من|اكثر من|\bmbi\b", re.IGNORECASE)
_AT_MOST = re.compile(
    r"\b(up to|nearly|almost|fewer than|less than|under|as many as|no more than)\b"
    r"|کمتر از|نزدیک به|قرابة|ما يقرب", re.IGNORECASE)
_ABOUT = re.compile(
    r"\b(about|approximately|approx\.?|around|roughly|some|circa|estimated|an estimated)\b"
    r"|~|حدود|تقریبا|تقريبا|حوالي|نحو", re.IGNORECASE)
_VAGUE = re.compile(
    r"\b(thousands|hundreds|dozens|scores|several|many|numerous|tens|a large number)\b"
    r"|صدها|هزاران|چند|چندين|چندین|ده‌ها|دهها|آلاف|مئات|عشرات", re.IGNORECASE)
_NUMBER = re.compile(r"\d")
_NUMBER_WORDS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|thousand)\b", re.IGNORECASE)


def figure_qualifier(value_text: str | None, figures: list[int]) -> str:
    """How the source qualifies its figure: one of QUALIFIERS.

    `figures` are the numbers the coder read from `value_text` (digits or number words).
    Without a figure the claim is `vague` when the words give an amount ("thousands",
    "صدها") and `none` otherwise; two different figures make a `range`; one figure is
    `at_least`, `at_most` or `about` by the words before it, else `exact`."""
    text = ascii_digits(value_text or "")
    distinct = sorted(set(figures))
    if not distinct:
        return "vague" if _VAGUE.search(text) else "none"
    if len(distinct) > 1:
        return "range"
    if _AT_LEAST.search(text):
        return "at_least"
    if _AT_MOST.search(text):
        return "at_most"
    if _ABOUT.search(text):
        return "about"
    return "exact"


def encode_figures(qualifier: str, figures: list[int]
                   ) -> tuple[int | None, int | None, int | None]:
    """(value_low, value_best, value_high) for a qualifier and the figures the source gives."""
    distinct = sorted(set(figures))
    if qualifier in ("vague", "none") or not distinct:
        return None, None, None
    n = distinct[0]
    return {
        "exact": (n, n, n),
        "about": (None, n, None),
        "at_least": (n, None, None),
        "at_most": (None, None, n),
        "range": (distinct[0], None, distinct[-1]),
    }[qualifier]


def convention_problem(qualifier: str | None, low: object, best: object, high: object
                       ) -> str | None:
    """Why a published claim breaks the one encoding above, or None."""
    have = tuple(v is not None and not pd.isna(v) for v in (low, best, high))
    expected = {
        "exact": (True, True, True),
        "about": (False, True, False),
        "at_least": (True, False, False),
        "at_most": (False, False, True),
        "range": (True, False, True),
        "vague": (False, False, False),
        "none": (False, False, False),
    }.get(qualifier or "")
    if expected is None:
        return f"value_qualifier_code {qualifier!r} is not one of {QUALIFIERS}"
    if have != expected:
        return (f"{qualifier} needs low/best/high filled as {expected}, not {have}")
    if qualifier == "exact" and not low == best == high:
        return "exact figure with low, best and high differing"
    if qualifier == "range" and not low < high:  # type: ignore[operator]
        return "range with low not below high"
    return None


def figure_text_has_number(value_text: str | None) -> bool:
    """True when the figure's words contain digits or an English number word."""
    text = ascii_digits(value_text or "")
    return bool(_NUMBER.search(text) or _NUMBER_WORDS.search(text))


# --- scope of a report-coded claim, by rule --------------------------------------------------
# A named site in the evidence (or in the subject code) wins; then words that say the figure
# is for the whole country; otherwise the evidence does not say: `not stated`.
SCOPE_SITES = (
    (re.compile(r"gohardasht|رجایی ?شهر", re.IGNORECASE), "Gohardasht prison, Karaj"),
    (re.compile(r"\bevin\b|اوین", re.IGNORECASE), "Evin prison, Tehran"),
    (re.compile(r"khavaran|خاوران", re.IGNORECASE), "Khavaran mass grave, Tehran"),
    (re.compile(r"camp ashraf", re.IGNORECASE), "Camp Ashraf, Iraq"),
)
SCOPE_NATIONWIDE = re.compile(
    r"across (iran|the country)|throughout (iran|the country)|nationwide|all over iran"
    r"|\bin (iran|the country)\b|in at least \d+ cities|سراسر|في إيران|در ایران",
    re.IGNORECASE)
SCOPE_NOT_STATED = "not stated"
# a figure for the whole decade (the 1980s killings), not for 1988: said by the subject code
# (`death_toll_1980s*`) or the evidence ('in the 1980s', 'دهه ۶۰' = the Persian 1360s)
SCOPE_1980S = "nationwide, 1980s"
_1980S = re.compile(r"1980s|\b80s\b|دهه ?(۶۰|60|شصت)", re.IGNORECASE)


def claim_scope(evidence: str | None, subject: str | None) -> str:
    """Scope of a coded claim: a named site, `nationwide, 1980s`, `nationwide`, or
    `not stated` (see above)."""
    text = f"{evidence or ''} {(subject or '').replace('_', ' ')}"
    for pattern, scope in SCOPE_SITES:
        if pattern.search(text):
            return scope
    if _1980S.search(text):
        return SCOPE_1980S
    if SCOPE_NATIONWIDE.search(evidence or ""):
        return "nationwide"
    return SCOPE_NOT_STATED


def claimant_affiliation(name: str | None, mapping: dict[str, str]) -> str | None:
    """The reviewed affiliation code of a claimant or organizer name (exact string, as in
    pipeline/etc/codes/claimant_affiliation.csv); `unknown` for a name not in the table, None
    when there is no name."""
    if name is None or not str(name).strip():
        return None
    return mapping.get(str(name).strip(), "unknown")


def coded_claim_values(value_text: str | None, figures: list[int]
                       ) -> tuple[str, int | None, int | None, int | None] | str:
    """(qualifier, low, best, high) for a figure as written and the numbers read from it, or
    why they cannot stand: a figure with no number in its words, or numbers out of order."""
    if any(f < 0 for f in figures):
        return "negative figure"
    qualifier = figure_qualifier(value_text, figures)
    if figures and not figure_text_has_number(value_text):
        qualifier = "vague"  # the coder put a number on words that give none ('thousands')
    low, best, high = encode_figures(qualifier, figures)
    return qualifier, low, best, high
