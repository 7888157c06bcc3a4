"""THE Persian-script folding tables (letters, marks, digits) and the small functions that apply
them. Every module that folds Arabic-script text takes its table from here; no other module
declares one. Pure: no I/O.

The tables come in levels. Each level serves one purpose, and they differ on purpose:

:data:`DIGITS` (:func:`ascii_digits`)
    Persian ۰-۹ and Arabic-Indic ٠-٩ digits -> ASCII; nothing else, one character for one, so
    offsets into the text are kept (the report assistant's evidence, claim figures).
:data:`DIGITS_AND_SEPARATORS` (:func:`normalize_digits`)
    DIGITS plus the Arabic decimal and thousands separators ٫ ٬ -> ``.`` ``,``: the display
    level and the Latin name keys.
:data:`DISPLAY_TABLE` (after :func:`fold_presentation_forms`)
    the normalized Persian display form (the ``*_fa`` columns,
    :func:`pipeline.transforms.names.normalize_persian`): Arabic letter variants ي ى ك ->
    ی ک, digits and separators, Arabic combining marks and invisible controls removed,
    zero-width space -> ZWNJ. Alef forms and hamza seats are kept: they are spelling.
:data:`SAME_LENGTH_TABLE` (:func:`fold_same_length`)
    the report assistant's matching form (its ``norm_fa``): the display level's letter
    variants and ZWNJ -> space, one character for one, so regex offsets stay offsets into
    the quoted text. It removes nothing (the display level removes marks and would shift
    offsets).
:data:`KEY_FOLD`
    matching keys, after the display level (:func:`pipeline.transforms.names.
    persian_name_key`): alef forms, hamza seats and heh forms folded, hamza and ZWNJ
    dropped. The linkage engine's name key uses it too (its own hamza table, applied
    before, was a subset of this one and changed no key).
:data:`SAME_SOUND_LETTERS` (:func:`fold_same_sound`)
    blocking only (linkage candidate pairs): letters that sound alike (ص ث -> س ...). Never
    for display or keys: «صدری» and «سدری» are different names.
:data:`SQL_SEARCH_FOLD`
    the SQLite edition's canned name search, as ``replace()`` calls: a fixed subset of the
    levels above in a fixed order. It is published (release 0.4.0's datasette metadata), so
    it does not change; a test checks it agrees with the compact key.
:data:`LATIN_LETTERS` (:func:`fold_latin_letters`)
    Latin letters without a Unicode decomposition (ø đ ł æ œ ı þ ð ß) -> ASCII: romanized
    name keys and the report assistant's ``fold``.
:data:`TO_PERSIAN_DIGITS`, :data:`TO_ARABIC_INDIC_DIGITS`
    the other way (ASCII -> Persian / Arabic-Indic digits): benchmark generators only.
"""

from __future__ import annotations

import re
import unicodedata

# --- characters -------------------------------------------------------------------------------

ZWNJ = "\u200c"  # zero-width non-joiner, the Persian half-space: part of the spelling
ZWSP = "\u200b"  # zero-width space: renders like ZWNJ in Arabic script
HAMZA = "\u0621"  # ء

# --- digits ------------------------------------------------------------------------------------

DIGITS: dict[int, str] = {0x06F0 + i: str(i) for i in range(10)} | {
    0x0660 + i: str(i) for i in range(10)
}
DIGITS_AND_SEPARATORS: dict[int, str] = DIGITS | {0x066B: ".", 0x066C: ","}  # ٫ ٬
TO_PERSIAN_DIGITS: dict[int, str] = {ord(str(i)): chr(0x06F0 + i) for i in range(10)}
TO_ARABIC_INDIC_DIGITS: dict[int, str] = {ord(str(i)): chr(0x0660 + i) for i in range(10)}


def ascii_digits(text: str) -> str:
    """Persian (۰–۹) and Arabic-Indic (٠–٩) digits -> ASCII; same length, so offsets are kept."""
    return text.translate(DIGITS)


def normalize_digits(text: str) -> str:
    """Persian (۰–۹) and Arabic-Indic (٠–٩) digits and separators (٫ ٬) to ASCII; nothing else."""
    return text.translate(DIGITS_AND_SEPARATORS)


# --- letters -----------------------------------------------------------------------------------

# Arabic letter forms a Persian text should not hold (keyboards and OCR put them in)
ARABIC_LETTER_VARIANTS: dict[int, str] = {
    0x064A: "\u06cc",  # ARABIC YEH ي -> FARSI YEH ی
    0x0649: "\u06cc",  # ALEF MAKSURA ى -> FARSI YEH ی
    0x0643: "\u06a9",  # ARABIC KAF ك -> KEHEH ک
}
ALEF_VARIANTS: dict[int, str] = {
    0x0622: "\u0627",  # آ -> ا
    0x0623: "\u0627",  # أ -> ا
    0x0625: "\u0627",  # إ -> ا
    0x0671: "\u0627",  # ٱ -> ا
}
HAMZA_SEATS: dict[int, str] = {
    0x0624: "\u0648",  # ؤ -> و
    0x0626: "\u06cc",  # ئ -> ی
}
HEH_VARIANTS: dict[int, str] = {
    0x0629: "\u0647",  # ة -> ه
    0x06C0: "\u0647",  # ۀ -> ه
    0x06C1: "\u0647",  # ہ -> ه
    0x06C2: "\u0647",  # ۂ -> ه
    0x06D5: "\u0647",  # ە -> ه
}
# Persian letters that sound alike (one sound, several Arabic letters): blocking only
SAME_SOUND_LETTERS: dict[int, str] = str.maketrans({
    "ص": "س", "ث": "س", "ط": "ت", "ذ": "ز", "ض": "ز", "ظ": "ز", "ح": "ه", "غ": "ق",
})  # fmt: skip

# --- marks and invisible characters -------------------------------------------------------------

_ARABIC_MARK_RANGES = [(0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF)]
# harakat, superscript alef, Quranic marks: every combining mark of the Arabic blocks
ARABIC_MARKS: dict[int, None] = {
    cp: None
    for lo, hi in _ARABIC_MARK_RANGES
    for cp in range(lo, hi + 1)
    if unicodedata.category(chr(cp)) in ("Mn", "Me")
}
INVISIBLE_REMOVED: dict[int, None] = {
    0x0640: None,  # tatweel
    0x034F: None,  # combining grapheme joiner
    0x00AD: None,  # soft hyphen
    0x200D: None,  # ZWJ
    0x200E: None,  # LRM
    0x200F: None,  # RLM
    0x061C: None,  # ALM
    0x2060: None,  # word joiner
    0xFEFF: None,  # BOM / ZWNBSP
} | {cp: None for cp in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}  # bidi controls
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


def _nfkc(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def fold_presentation_forms(text: str) -> str:
    """Arabic presentation forms (ﻼ ﺑ ...) to the letters they show (NFKC on those only)."""
    return PRESENTATION_FORMS.sub(_nfkc, text)


# --- the levels --------------------------------------------------------------------------------

DISPLAY_TABLE: dict[int, str | None] = (
    DIGITS_AND_SEPARATORS
    | ARABIC_MARKS
    | INVISIBLE_REMOVED
    | ARABIC_LETTER_VARIANTS
    | {ord(ZWSP): ZWNJ}
)
SAME_LENGTH_TABLE: dict[int, str] = ARABIC_LETTER_VARIANTS | {ord(ZWNJ): " "}
KEY_FOLD: dict[int, str | None] = (
    ALEF_VARIANTS | HAMZA_SEATS | HEH_VARIANTS | {ord(HAMZA): None, ord(ZWNJ): None}
)
# (character, replacement) in the order of the published SQL; a subset of the levels above
# plus the separators the compact keys drop (space, hyphen, apostrophe)
SQL_SEARCH_FOLD: tuple[tuple[str, str], ...] = (
    ("\u064a", "\u06cc"), ("\u0649", "\u06cc"), ("\u0643", "\u06a9"),
    ("\u0622", "\u0627"), ("\u0623", "\u0627"), ("\u0625", "\u0627"),
    ("\u0629", "\u0647"), ("\u06c0", "\u0647"), ("\u0626", "\u06cc"),
    ("\u0624", "\u0648"), ("\u0621", ""), ("\u200c", ""), (" ", ""), ("-", ""),
    ("'", ""),
)  # fmt: skip


def fold_same_length(text: str) -> str:
    """ي ى -> ی, ك -> ک, ZWNJ -> space: one character for one, so offsets are kept."""
    return text.translate(SAME_LENGTH_TABLE)


def fold_same_sound(text: str) -> str:
    """Same-sound letters folded (ص ث -> س, ط -> ت, ذ ض ظ -> ز, ح -> ه, غ -> ق): blocking only."""
    return text.translate(SAME_SOUND_LETTERS)


# --- Latin -------------------------------------------------------------------------------------

# Latin letters with no Unicode decomposition, so stripping marks leaves them as they are
LATIN_LETTERS: dict[int, str] = str.maketrans({
    "ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d",
    "ß": "ss",
})  # fmt: skip


def fold_latin_letters(text: str) -> str:
    """Lower-case Latin letters without a decomposition to ASCII (ø -> o, æ -> ae, ß -> ss)."""
    return text.translate(LATIN_LETTERS)
