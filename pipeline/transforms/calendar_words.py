"""THE calendar vocabulary: Jalali (Solar Hijri) and Gregorian month names, their spellings, and
season names. Every module that reads or writes a month name takes it from here. Pure data.

Levels (they differ on purpose):

- :data:`JALALI_MONTH_NAMES_LATIN`, :data:`JALALI_MONTH_NAMES_FA`,
  :data:`GREGORIAN_MONTH_NAMES_EN`: one name per month, in order (index 0 = month 1), for
  *writing* a month (error messages, evidence anchors, benchmark data).
- :data:`JALALI_MONTHS_FA` (every Persian spelling: the standard names, the older «امرداد»,
  «ابان» «اذر» typed without madda), :data:`JALALI_MONTHS_ROMANIZED` (transliterations, as list
  files write them) and :data:`JALALI_MONTH_SPELLINGS` (both): the report assistant matches the
  Persian ones in running text, the list date parser reads all of them.
- :data:`GREGORIAN_MONTHS_EN` (lower case, full names, three-letter abbreviations and «sept»),
  :data:`GREGORIAN_MONTHS_FA` (written in Persian), :data:`GREGORIAN_MONTHS_AR` (written in
  Arabic, with the Levantine names): the list date parser reads English and Persian ones, the
  report assistant all three.
- :data:`SEASONS`: Persian and English season names -> season number (1 = spring).

Keys are as written; a reader normalizes them the way it normalizes its text (casefold,
:func:`~pipeline.transforms.names.normalize_persian` or the assistant's ``norm_fa``).
"""

from __future__ import annotations

JALALI_MONTH_NAMES_LATIN: tuple[str, ...] = tuple(
    "Farvardin Ordibehesht Khordad Tir Mordad Shahrivar Mehr Aban Azar Dey Bahman Esfand".split()
)
JALALI_MONTH_NAMES_FA: tuple[str, ...] = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
    "بهمن", "اسفند",
)  # fmt: skip
JALALI_MONTHS_FA: dict[str, int] = {
    **{n: i for i, n in enumerate(JALALI_MONTH_NAMES_FA, start=1)},
    "امرداد": 5,  # the older form of Mordad
    "ابان": 8, "اذر": 9,  # alef without madda, as often typed
}  # fmt: skip
JALALI_MONTHS_ROMANIZED: dict[str, int] = {
    **{n: i for i, n in enumerate(JALALI_MONTH_NAMES_LATIN, start=1)},
    "farvardeen": 1, "farwardin": 1,
    "khordaad": 3, "xordad": 3,
    "amordad": 5, "mordaad": 5,
    "shahrivar": 6, "shahrewar": 6,
    "aabaan": 8,
    "adhar": 9,
    "dei": 10,
    "isfand": 12, "esfund": 12,
}  # fmt: skip
JALALI_MONTH_SPELLINGS: dict[str, int] = JALALI_MONTHS_ROMANIZED | JALALI_MONTHS_FA

GREGORIAN_MONTH_NAMES_EN: tuple[str, ...] = tuple(
    "January February March April May June July August September October November December"
    .split()
)
GREGORIAN_MONTHS_EN: dict[str, int] = {
    **{n.lower(): i for i, n in enumerate(GREGORIAN_MONTH_NAMES_EN, start=1)},
    **{n[:3].lower(): i for i, n in enumerate(GREGORIAN_MONTH_NAMES_EN, start=1)},
    "sept": 9,
}
GREGORIAN_MONTHS_FA: dict[str, int] = {
    "ژانویه": 1, "ژانویهٔ": 1, "فوریه": 2, "مارس": 3, "آوریل": 4, "مه": 5, "می": 5, "ژوئن": 6,
    "ژوئیه": 7, "جولای": 7, "اوت": 8, "آگوست": 8, "اگوست": 8, "سپتامبر": 9, "اکتبر": 10,
    "نوامبر": 11, "دسامبر": 12,
}  # fmt: skip
GREGORIAN_MONTHS_AR: dict[str, int] = {
    "يناير": 1, "فبراير": 2, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6,
    "يوليو": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10,
    "نوفمبر": 11, "ديسمبر": 12, "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4,
    "أيار": 5, "حزيران": 6, "تموز": 7, "آب": 8, "أيلول": 9, "تشرين الأول": 10,
    "تشرين الثاني": 11, "كانون الأول": 12,
}  # fmt: skip

SEASONS: dict[str, int] = {
    "بهار": 1, "spring": 1,
    "تابستان": 2, "summer": 2,
    "پاییز": 3, "پائیز": 3, "autumn": 3, "fall": 3,
    "زمستان": 4, "winter": 4,
}  # fmt: skip
