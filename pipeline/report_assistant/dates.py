"""Date expressions in English, Persian and Arabic, resolved against the publication date.

Every hit is (start, end, iso, precision, kind). ``iso`` is YYYY, YYYY-MM or YYYY-MM-DD and
``precision`` is year | month | day. Rules follow reports/README.md: weekday dates without a
year take the year whose weekday matches; bare weekdays and relative words resolve against the
publication date at the precision it allows; anniversaries count from 1988; Jalali dates are
converted with jdatetime (a Jalali month without a day -> the Gregorian month holding its 15th).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import jdatetime

from pipeline.report_assistant.text import ascii_digits
from pipeline.transforms.calendar_words import (
    GREGORIAN_MONTHS_AR,
    GREGORIAN_MONTHS_EN,
    GREGORIAN_MONTHS_FA,
    JALALI_MONTHS_FA,
)
from pipeline.transforms.persian import fold_same_length

MASSACRE_YEAR = 1988


@dataclass(frozen=True)
class PubDate:
    """A publication date at the precision index.csv gives (year, month, day may be None)."""
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> PubDate:
        """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" (empty or None: unknown)."""
        m = re.fullmatch(r"\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\s*", value or "")
        if not m:
            return cls()
        y, mo, d = (int(g) if g else None for g in m.groups())
        return cls(y, mo, d)

    @property
    def date(self) -> dt.date | None:
        """The publication day, when the day is known."""
        if self.year and self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None


@dataclass(frozen=True)
class DateHit:
    """A date found in a sentence: offsets, ISO date, precision and how it was found."""
    start: int
    end: int
    iso: str
    precision: str  # day | month | year
    kind: str  # explicit | bare_year | relative | anniversary | range


norm_fa = fold_same_length  # Arabic-script variants -> Persian letters (same length: offsets kept)


# ---- vocabularies ---------------------------------------------------------------------------

EN_MONTHS = GREGORIAN_MONTHS_EN
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
    # Persian
    "دوشنبه": 0, "سه شنبه": 1, "سه‌شنبه": 1, "سهشنبه": 1, "چهارشنبه": 2, "چهار شنبه": 2,
    "پنجشنبه": 3, "پنج شنبه": 3, "پنج‌شنبه": 3, "جمعه": 4, "شنبه": 5, "یکشنبه": 6,
    "یک شنبه": 6, "یک‌شنبه": 6,
    # Arabic
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الاربعاء": 2, "الخميس": 3,
    "الجمعة": 4, "السبت": 5, "الأحد": 6, "الاحد": 6,
}
JALALI_MONTHS = JALALI_MONTHS_FA
# Gregorian month names written in Persian and Arabic (incl. Levantine names)
FA_AR_GREG_MONTHS = {**GREGORIAN_MONTHS_FA, **GREGORIAN_MONTHS_AR}
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _locale_names(codes: tuple[str, ...]) -> tuple[dict[str, int], dict[str, int]]:
    """Gregorian month and weekday names from dateparser's maintained locale data (CLDR)."""
    from dateparser.languages import default_loader

    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for code in codes:
        info = default_loader.get_locale(code).info
        for i, key in enumerate(_MONTH_KEYS, start=1):
            for name in info.get(key, []):
                if len(name) >= 2 and not name.isascii():
                    months[name] = i
        for i, key in enumerate(_WEEKDAY_KEYS):
            for name in info.get(key, []):
                if len(name) >= 3 and not name.isascii():
                    weekdays[name] = i
    return months, weekdays


_LOC_MONTHS, _LOC_WEEKDAYS = _locale_names(("fa", "ar"))
# the locale data first; the table above adds spellings it lacks (Levantine month names ...)
# two-letter names are common words too (Persian «می» verb prefix, «مه» fog, «آب» water)
FA_AR_GREG_MONTHS = {k: v for k, v in {**_LOC_MONTHS, **FA_AR_GREG_MONTHS}.items() if len(k) > 2}
WEEKDAYS = {**_LOC_WEEKDAYS, **WEEKDAYS}

_UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
          "ninth"]
_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
          "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
_TENS = {20: ("twentieth", "twenty"), 30: ("thirtieth", "thirty"), 40: ("fortieth", "forty"),
         50: ("fiftieth", "fifty")}
EN_ORDINALS: dict[str, int] = {w: i for i, w in enumerate(_UNITS) if w}
EN_ORDINALS.update({w: 10 + i for i, w in enumerate(_TEENS)})
for _t, (_ord, _card) in _TENS.items():
    EN_ORDINALS[_ord] = _t
    for _i in range(1, 10):
        EN_ORDINALS[f"{_card}-{_UNITS[_i]}"] = _t + _i
        EN_ORDINALS[f"{_card} {_UNITS[_i]}"] = _t + _i
_FA_UNITS = ["", "یکم", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم"]
_FA_UNIT_CARD = ["", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"]
FA_ORDINALS: dict[str, int] = {w: i for i, w in enumerate(_FA_UNITS) if w}
FA_ORDINALS.update({"اول": 1, "دهم": 10, "یازدهم": 11, "دوازدهم": 12, "سیزدهم": 13,
                    "چهاردهم": 14, "پانزدهم": 15, "شانزدهم": 16, "هفدهم": 17, "هجدهم": 18,
                    "هیجدهم": 18, "نوزدهم": 19, "بیستم": 20, "سیام": 30, "سی‌ام": 30})
for _i in range(1, 10):
    FA_ORDINALS[f"بیست و {_FA_UNITS[_i]}"] = 20 + _i
    FA_ORDINALS[f"بیست و {_FA_UNIT_CARD[_i]}م"] = 20 + _i
    FA_ORDINALS[f"سی و {_FA_UNITS[_i]}"] = 30 + _i
    FA_ORDINALS[f"سی و {_FA_UNIT_CARD[_i]}مین"] = 30 + _i
    FA_ORDINALS[f"بیست و {_FA_UNIT_CARD[_i]}مین"] = 20 + _i


def _alt(words: list[str] | dict[str, int]) -> str:
    forms = {norm_fa(w) for w in words}
    return "|".join(re.escape(w) for w in sorted(forms, key=lambda w: (-len(w), w)))


# ---- regexes (run on ascii-digit text; Persian regexes on norm_fa text) -------------------

_MON = r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|" \
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
_WD = r"(?:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_Y = r"(?P<y>(?:19|20)\d\d)(?!\d)"
_D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"

EN_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range_months", re.compile(
        r"\b(?:between|from)\s+(?:(?:early|mid|late)[\s-]+)?" + _MON
        + r"\s+(?:and|to|until|through|-|–)\s+(?:(?:early|mid|late)[\s-]+)?"
        r"(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December)\b,?\s+(?:of\s+)?" + _Y, re.I)),
    ("range_years", re.compile(r"\b(?:between|from)\s+" + _Y + r"\s+(?:and|to|until|through|-|–)"
                               r"\s+(?:19|20)\d\d\b", re.I)),
    # "from 18 to 22 June 2012", "25–27 October 2012": the first day
    ("day_range", re.compile(r"\b(?:from\s+|between\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*"
                             r"(?:-|–|—|to|and|until)\s*[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?"
                             + _MON + r"(?:,?\s+(?:of\s+)?" + _Y + ")?")),
    ("mdy", re.compile(r"\b" + _WD + r"(?:the\s+)?" + _MON + r"\s+" + _D + r"(?:,?\s*" + _Y
                       + ")?", re.I)),
    ("dmy", re.compile(r"\b" + _WD + r"(?:the\s+)?" + _D + r"\s*(?:of\s+)?" + _MON
                       + r"(?:,?\s+(?:of\s+)?" + _Y + ")?")),
    ("my", re.compile(r"\b(?:(?:early|mid|late|end of|beginning of|the end of)[\s-]+)?" + _MON
                      + r",?\s+(?:of\s+)?" + _Y)),
    ("season", re.compile(r"\b(?:the\s+)?(?:summer|spring|autumn|fall|winter)\s+(?:of\s+)?" + _Y,
                          re.I)),
    ("anniv", re.compile(
        r"\b(?P<n>\d{1,2}(?:st|nd|rd|th)|" + _alt(EN_ORDINALS) + r")\s+"
        r"(?P<what>anniversary|year (?:after|since))\b(?P<rest>.{0,80})", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d{1,2}|" + "|".join(
        ["two", "three", "four", "five", "ten", "twenty", "thirty", "forty"])
        + r")\s+years\s+ago\b",
        re.I)),
    ("bare_month", re.compile(r"\b(?:in|from|since|during|until|to|by)\s+"
                              r"(?:(?:early|mid|late)[\s-]+)?"
                              r"(?P<mon>January|February|March|April|June|July|August|September|"
                              r"October|November|December)\b(?!\s*\d)")),
    ("year", re.compile(r"(?<![\d/.:-])" + _Y + r"(?!s\b|'s|\d|/)")),
    ("weekday", re.compile(r"\b(?:on|last|this past|this|next)\s+"
                           r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
                           re.I)),
    ("relative", re.compile(
        r"\b(?P<rel>yesterday|today|tonight|last night|this week|last week|this past week|"
        r"last weekend|this past weekend|this weekend|over the weekend|last month|this month|"
        r"earlier this month|earlier this year|this year|last year|last summer|this summer|"
        r"within the last two weeks|recently|next week)\b", re.I)),
]

# Persian ordinals with -مین ("بیست و هشتمین", "سی‌امین", "۲۸مین") for anniversaries
_FA_CARD = {"یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "نه": 9,
            "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15,
            "شانزده": 16, "هفده": 17, "هجده": 18, "هیجده": 18, "نوزده": 19, "بیست": 20, "سی": 30,
            "چهل": 40}
FA_ANNIV_ORD: dict[str, int] = {"نخستین": 1, "اولین": 1, "سومین": 3, "سی امین": 30,
                                "سیامین": 30}
for _w, _v in _FA_CARD.items():
    FA_ANNIV_ORD.setdefault(_w + "مین", _v)
    if _v >= 20:
        for _u in ("یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"):
            FA_ANNIV_ORD[f"{_w} و {'سو' if _u == 'سه' else _u}مین"] = _v + _FA_CARD[_u]
_JM = _alt(JALALI_MONTHS)
_FA_DAY = r"(?P<d>\d{1,2}|" + _alt(FA_ORDINALS) + r")"
_FA_WD = r"(?:(?P<wd>" + _alt([w for w in WEEKDAYS if not w.isascii()]) + r")\s+)?"
FA_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("fa_anniv", re.compile(r"(?P<n>\d{1,2}\s*(?:مین|امین|م)|" + _alt(FA_ANNIV_ORD)
                            + r")\s+سالگرد(?P<rest>[^.]{0,60})")),
    ("j_dmy", re.compile(_FA_WD + _FA_DAY + r"(?:\s*[,،]?\s*)(?P<jm>" + _JM + r")"
                         r"(?![\u0621-\u064a\u067e-\u06cc])(?:\s*ماه)?"
                         r"(?:[\s,،]+(?:سال\s+)?(?P<y>\d{2,4}))?(?!\d)")),
    ("j_my", re.compile(r"(?P<jm>" + _JM + r")(?:\s*ماه)?(?:\s*(?:و|تا|-)\s*(?:" + _JM
                        + r")(?:\s*ماه)?)?\s+(?:(?:سال|ی)\s+)?(?P<y>\d{2,4})(?!\d)")),
    ("j_season", re.compile(r"(?:تابستان|بهار|پاییز|پائیز|زمستان)(?:\s*ی)?\s+(?:سال\s+)?"
                            r"(?P<y>\d{2,4})(?!\d)")),
    ("g_dmy", re.compile(_FA_WD + r"(?P<d>\d{1,2})\s+(?P<gm>" + _alt(FA_AR_GREG_MONTHS)
                         + r")(?:\s+(?:عام\s+|سال\s+)?(?P<y>(?:19|20)\d\d))?(?!\d)")),
    ("g_my", re.compile(r"(?P<gm>" + _alt(FA_AR_GREG_MONTHS) + r")\s+(?:عام\s+|سال\s+)?"
                        r"(?P<y>(?:19|20)\d\d)(?!\d)")),
    ("j_year", re.compile(r"(?<!\d)(?P<y>1[34]\d\d)(?!\d)")),
    ("j_yy", re.compile(r"(?:سال|کشتار|اعدام[\u0600-\u06ff]*|تابستان|قتل عام|فاجعه|ماه)\s+"
                        r"(?P<y>[5-9]\d)"
                        r"(?!\d)")),
    ("g_year", re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?![\ds’'])")),
    # «اليوم» is also "the day" («اليوم الذي», «ذلك اليوم»): only a bare «اليوم» is today
    ("rel_fa", re.compile(r"(?<!ذلک )(?<!تلک )(?<![\u0600-\u06ff])"
                          r"(?P<rel>دیروز|امروز|امرور|أمس|امس|اليوم|الیوم|"
                          r"هفته گذشته|الأسبوع الماضی|الاسبوع الماضی|ماه گذشته|"
                          r"الشهر الماضی|قبل أیام|"
                          r"هذا الأسبوع|هفته آینده|الأسبوع المقبل|الاسبوع المقبل)"
                          r"(?![\u0600-\u06ff])(?!\s+(?:الذی|التی))(?:\s+(?P<wd>"
                          + _alt([w for w in WEEKDAYS if not w.isascii()]) + r"))?")),
    # «، الأربعاء،»: a bare Arabic weekday set off by commas
    ("wd_ar", re.compile(r"[،,]\s*(?P<wd>ال(?:اثنین|إثنین|ثلاثاء|أربعاء|اربعاء|خمیس|جمعة|سبت|"
                         r"أحد|احد))\s*[،,]")),
    ("wd_fa", re.compile(r"(?:روز\s+|یوم\s+)(?P<wd>" + _alt([w for w in WEEKDAYS
                                                             if not w.isascii()]) + r")")),
]


@dataclass(frozen=True)
class DateContext:
    """What dates are resolved against: publication date, narrative year, anchor year."""
    pub: PubDate
    year: int | None  # year for month-day dates without a year (last explicit year, else pub)
    anchor_year: int | None  # fallback year when the publication date is unknown


def _iso(y: int, m: int | None = None, d: int | None = None) -> tuple[str, str]:
    if d is not None and m is not None:
        return f"{y:04d}-{m:02d}-{d:02d}", "day"
    if m is not None:
        return f"{y:04d}-{m:02d}", "month"
    return f"{y:04d}", "year"


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


# a planned or announced happening: its date may lie after the publication date
FUTURE = re.compile(r"\b(?:will|is expected to|are expected to|would (?:deliver|hand down|announce|"
                    r"issue|rule|give|hold|hear|begin|start|resume|open)|"
                    r"(?:is|are) expected (?:on|in|by)|is set to|are set to|scheduled|"
                    r"is due|are due|due to|"
                    r"planned|plans? to|to be held|to be (?:debated|discussed|presented|"
                    r"considered|examined|reviewed)|upcoming|next (?:week|month|year|weekend|"
                    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b|خواهد|"
                    r"خواهند|(?:برگزار|آغاز) می ?شود|سوف|سيعقد|ستعقد|المقبل|من المقرر|"
                    r"قرار است", re.I)


def _pick_year(ctx: DateContext, m: int, d: int, wd: int | None, future: bool = False
               ) -> int | None:
    """Year of a month-day date: with a weekday, the candidate year where it falls on that
    weekday; else the year the text last named (ctx.year), never after the publication date
    unless the sentence announces something to come (``future``)."""
    cands = [c for c in (ctx.year, ctx.pub.year, (ctx.pub.year or 0) - 1, ctx.anchor_year) if c]
    if not cands:
        return None
    if wd is not None:
        for y in (ctx.pub.year, (ctx.pub.year or 0) - 1, ctx.year, ctx.anchor_year):
            if y and _valid(y, m, d) and dt.date(y, m, d).weekday() == wd:
                return y
    y = cands[0]
    pub = ctx.pub
    if future and pub.year and pub.month:
        # something to come: the next such day on or after publication
        return pub.year if (m, d) >= (pub.month, pub.day or 1) else pub.year + 1
    if pub.year and y == pub.year and pub.month and (m, d) > (pub.month, pub.day or 31) \
            and not future:
        return y - 1
    return y


def _jalali_to_greg(y: int, m: int, d: int) -> dt.date | None:
    try:
        return jdatetime.date(y, m, d).togregorian()
    except ValueError:
        return None


def _jyear(raw: str) -> int:
    y = int(raw)
    return 1300 + y if y < 100 else y


def _relative(rel: str, ctx: DateContext, wd: int | None = None) -> tuple[str, str] | None:
    rel = rel.lower()
    pub = ctx.pub
    if pub.year is None:
        return _iso(ctx.anchor_year) if ctx.anchor_year else None
    if rel in ("last year",):
        return _iso(pub.year - 1)
    if rel == "last summer":
        return _iso(pub.year - 1 if (pub.month or 1) < 9 else pub.year)
    if rel in ("this year", "earlier this year", "this summer"):
        return _iso(pub.year)
    if pub.month is None:
        return _iso(pub.year)
    first = dt.date(pub.year, pub.month, 1)
    if rel in ("last month", "ماه گذشته", "الشهر الماضی"):
        prev = first - dt.timedelta(days=1)
        return _iso(prev.year, prev.month)
    if pub.day is None:
        return _iso(pub.year, pub.month)
    day = dt.date(pub.year, pub.month, pub.day)
    if rel in ("yesterday", "last night", "دیروز", "أمس", "امس"):
        d = day - dt.timedelta(days=1)
        return _iso(d.year, d.month, d.day)
    if rel in ("today", "tonight", "امروز", "امرور", "الیوم", "اليوم"):
        if wd is not None and day.weekday() != wd:
            return _iso(day.year, day.month)
        return _iso(day.year, day.month, day.day)
    if rel in ("next week", "هفته آینده", "الأسبوع المقبل", "الاسبوع المقبل"):
        d = day + dt.timedelta(days=7)
        return _iso(d.year, d.month)
    if rel in ("last week", "this past week", "هفته گذشته", "الأسبوع الماضی", "الاسبوع الماضی",
               "قبل أیام", "within the last two weeks"):
        d = day - dt.timedelta(days=7)
        return _iso(d.year, d.month)
    return _iso(day.year, day.month)


# "Amnesty said on Thursday the report will be debated ...", «قالت ... في بيان يوم الخميس إن ...
# سيناقش»: a weekday right after a past reporting verb is the statement's day, read backward
SAID_BEFORE = re.compile(norm_fa(
    r"\b(?:said|stated|announced|told|wrote|warned|urged|added|published|released|issued|"
    r"condemned|called)\b[^.]{0,25}$|(?:قال|قالت|أعلن|أعلنت|أكد|أكدت|أضاف|أضافت|ذكرت|"
    r"في بيان|در بیانیه|گفت|اعلام کرد)[^.]{0,30}$|"
    r"\b(?:began|opened|started|ended|took place|was held|were held|met|gathered|marched)\b"
    r"[^.]{0,50}$"), re.I)


def future_at(text: str, start: int, future: bool) -> bool:
    """``future`` for the date at ``start``, unless a past reporting verb stands just before."""
    return future and not SAID_BEFORE.search(text[max(0, start - 60) : start])


def weekday_before(ctx: DateContext, wd: int, future: bool = False) -> tuple[str, str] | None:
    """A bare weekday: the most recent such day on or before publication; in a sentence that
    announces something to come ("will rally on Saturday"), the next one on or after it."""
    pub = ctx.pub
    if pub.date is not None:
        if future:
            d = pub.date + dt.timedelta(days=(wd - pub.date.weekday()) % 7)
            return _iso(d.year, d.month, d.day)
        delta = (pub.date.weekday() - wd) % 7
        d = pub.date - dt.timedelta(days=delta)
        return _iso(d.year, d.month, d.day)
    if pub.year and pub.month:
        return _iso(pub.year, pub.month)
    if pub.year:
        return _iso(pub.year)
    return _iso(ctx.anchor_year) if ctx.anchor_year else None


def _ordinal(raw: str) -> int | None:
    raw = raw.lower()
    m = re.match(r"(\d+)", raw)
    if m:
        return int(m.group(1))
    return EN_ORDINALS.get(raw)


# "12 أيلول/سبتمبر 2020": a Levantine month name and its standard name, written as a pair; the
# first is blanked (same length, offsets kept) so the day and year stay beside one month name
_MONTH_PAIR = re.compile("(?:" + "|".join(sorted((re.escape(m) for m in GREGORIAN_MONTHS_AR),
                                                 key=len, reverse=True)) + r")\s*/\s*(?=\S)")


def find_dates(sentence: str, ctx: DateContext) -> list[DateHit]:
    """All date expressions in one sentence (offsets relative to the sentence)."""
    text = _MONTH_PAIR.sub(lambda m: " " * len(m.group(0)), ascii_digits(sentence))
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    future = bool(FUTURE.search(norm_fa(text)))

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(s: int, e: int, res: tuple[str, str] | None, kind: str) -> None:
        if res is None or not free(s, e):
            return
        taken.append((s, e))
        hits.append(DateHit(s, e, res[0], res[1], kind))

    sentence_years = [int(m.group("y")) for m in re.finditer(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?!\d)",
                                                            text)]
    fa_done = False
    for kind, rx in EN_PATTERNS:
        if kind == "year" and not fa_done and not text.isascii():
            # Persian/Arabic day-month-year forms before a bare year can claim their year
            _find_fa(norm_fa(text), ctx, add, future)
            fa_done = True
        for m in rx.finditer(text):
            s, e = m.span()
            g = m.groupdict()
            mon = EN_MONTHS.get((g.get("mon") or "").rstrip(".").lower())
            if kind == "range_months" and mon:
                add(s, e, _iso(int(g["y"]), mon), "range")
            elif kind == "range_years":
                add(s, e, _iso(int(g["y"])), "range")
            elif kind in ("mdy", "dmy", "day_range") and mon:
                d = int(g["d"])
                if not 1 <= d <= 31:
                    continue
                wd = WEEKDAYS.get((g.get("wd") or "").lower())
                y = int(g["y"]) if g.get("y") else _pick_year(ctx, mon, d, wd, future)
                if y is None or not _valid(y, mon, d):
                    continue
                add(s, e, _iso(y, mon, d), "explicit")
            elif kind == "my" and mon:
                add(s, e, _iso(int(g["y"]), mon), "explicit")
            elif kind == "season":
                add(s, e, _iso(int(g["y"])), "explicit")
            elif kind == "anniv":
                _anniversary(m, ctx, add)
            elif kind == "ago":
                raw = g["n"].lower()
                words = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "twenty": 20,
                         "thirty": 30, "forty": 40}
                n = int(raw) if raw.isdigit() else words[raw]
                if ctx.pub.year:
                    add(s, e, _iso(ctx.pub.year - n), "relative")
            elif kind == "bare_month" and mon:
                y = sentence_years[0] if sentence_years else ctx.year or ctx.pub.year
                if y:
                    add(s, e, _iso(y, mon), "explicit")
            elif kind == "year":
                add(s, e, _iso(int(g["y"])), "bare_year")
            elif kind == "weekday":
                add(s, e, weekday_before(ctx, WEEKDAYS[g["wd"].lower()],
                                         future_at(text, s, future)), "relative")
            elif kind == "relative":
                add(s, e, _relative(g["rel"], ctx), "relative")
    if not text.isascii() and not fa_done:
        _find_fa(norm_fa(text), ctx, add, future)
    hits.sort(key=lambda h: h.start)
    return hits


def _anniversary(m: re.Match, ctx: DateContext, add) -> None:  # noqa: ANN001
    """"the 32nd anniversary of the 1988 massacre" -> 2020 (the publication month when the
    anniversary falls in the publication year: reported as it happens)."""
    g = m.groupdict()
    s = m.start()
    n = _ordinal(g["n"])
    rest = g.get("rest") or ""
    if n is None or n > 60:
        return
    if not re.search(r"massacre|execution|killing|1988|martyr|victim", rest, re.I):
        return
    ym = re.search(r"(?<!\d)(19[4-9]\d)(?!\d)", rest)
    base = int(ym.group(1)) if ym else MASSACRE_YEAR
    end = s + len(m.group(0)) - len(rest)
    year = base + n
    if year == ctx.pub.year and ctx.pub.month:
        add(s, end, _iso(year, ctx.pub.month), "anniversary")
    else:
        add(s, end, _iso(year), "anniversary")


def _pub_jalali_year(ctx: DateContext) -> int | None:
    p = ctx.pub
    if p.year is None:
        return None
    j = jdatetime.date.fromgregorian(date=dt.date(p.year, p.month or 7, p.day or 1))
    return j.year


def _find_fa(text: str, ctx: DateContext, add, future: bool = False  # noqa: ANN001
             ) -> None:
    for kind, rx in FA_PATTERNS:
        for m in rx.finditer(text):
            s, e = m.span()
            g = m.groupdict()
            if kind == "fa_anniv":
                raw = re.sub(r"\s*(?:مین|امین|م)$", "", g["n"]) if g["n"][0].isdigit() \
                    else g["n"]
                n = int(raw) if raw.isdigit() else FA_ANNIV_ORD.get(raw)
                if not n or not re.search(r"کشتار|اعدام|قتل|67|1367|جانباختگان|قربانیان",
                                          g["rest"]):
                    continue
                end = m.end() - len(g["rest"])
                year = MASSACRE_YEAR + n
                if year == ctx.pub.year and ctx.pub.month:
                    add(s, end, _iso(year, ctx.pub.month), "anniversary")
                else:
                    add(s, end, _iso(year), "anniversary")
            elif kind == "j_dmy":
                raw = g["d"]
                d = int(raw) if raw.isdigit() else FA_ORDINALS.get(raw)
                jm = JALALI_MONTHS[g["jm"]]
                y = _jyear(g["y"]) if g.get("y") else _pub_jalali_year(ctx)
                if not d or not y or not 1 <= d <= 31:
                    continue
                gd = _jalali_to_greg(y, jm, d)
                if gd:
                    add(s, e, _iso(gd.year, gd.month, gd.day), "explicit")
            elif kind == "j_my":
                jm = JALALI_MONTHS[g["jm"]]
                gd = _jalali_to_greg(_jyear(g["y"]), jm, 15)
                if gd:
                    add(s, e, _iso(gd.year, gd.month), "explicit")
            elif kind in ("j_season", "j_year", "j_yy"):
                add(s, e, _iso(_jyear(g["y"]) + 621), "bare_year" if kind != "j_season"
                    else "explicit")
            elif kind == "g_dmy":
                mon = _fa_greg_month(g["gm"])
                d = int(g["d"])
                wd = WEEKDAYS.get(g.get("wd") or "")
                if not mon:
                    continue
                y = int(g["y"]) if g.get("y") else _pick_year(ctx, mon, d, wd, future)
                if y and mon and _valid(y, mon, d):
                    add(s, e, _iso(y, mon, d), "explicit")
            elif kind == "g_my":
                mon = _fa_greg_month(g["gm"])
                if mon:
                    add(s, e, _iso(int(g["y"]), mon), "explicit")
            elif kind == "g_year":
                add(s, e, _iso(int(g["y"])), "bare_year")
            elif kind == "rel_fa":
                wd = WEEKDAYS.get(g.get("wd") or "")
                add(s, e, _relative(g["rel"], ctx, wd), "relative")
            elif kind == "wd_ar" and g["wd"] in WEEKDAYS:
                add(m.start("wd"), m.end("wd"), weekday_before(
                    ctx, WEEKDAYS[g["wd"]], future_at(text, m.start("wd"), future)), "relative")
            elif kind == "wd_fa":
                add(s, e, weekday_before(ctx, WEEKDAYS[g["wd"]], future_at(text, s, future)),
                    "relative")


_FA_GREG_NORM = {norm_fa(k): v for k, v in FA_AR_GREG_MONTHS.items()}


def _fa_greg_month(word: str) -> int | None:
    return _FA_GREG_NORM.get(norm_fa(word))


# the Persian regexes run on norm_fa text: normalise their vocabularies the same way
JALALI_MONTHS = {norm_fa(k): v for k, v in JALALI_MONTHS.items()}
FA_ORDINALS = {norm_fa(k): v for k, v in FA_ORDINALS.items()}
WEEKDAYS = {norm_fa(k): v for k, v in WEEKDAYS.items()}
