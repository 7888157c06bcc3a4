"""Pure transforms for names: digits, Persian-script normalization and matching keys.

The normalized and key forms sit *beside* the source spelling (``*_original``); they never replace
it. Keys are for comparison and blocking only. No I/O here.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.transforms import codepoints as cp
from pipeline.transforms.persian import (  # the folding tables live there (one module)
    DISPLAY_TABLE as _PERSIAN_TABLE,
)
from pipeline.transforms.persian import (
    KEY_FOLD as _KEY_TABLE,
)
from pipeline.transforms.persian import (
    LATIN_LETTERS as _LATIN_SPECIAL,
)
from pipeline.transforms.persian import (
    ZWNJ,
    fold_presentation_forms,
    normalize_digits,
)

T = TypeVar("T")

# --- Persian script -----------------------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")
_ZWNJ_RUN = re.compile(ZWNJ + "+")


def _zwnj_between_letters(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return ZWNJ if before.isalpha() and after.isalpha() else ""


def normalize_persian(text: str | None) -> str | None:
    """Normalized Persian-script form (the ``*_fa`` column); None if nothing is left.

    NFC (Arabic presentation forms folded by NFKC); ي ى -> ی, ك -> ک; digits to ASCII; tatweel,
    Arabic combining marks (harakat, superscript alef, Quranic marks), bidi controls, BOM and ZWJ
    removed; ZWNJ kept once and only between two letters; any whitespace run -> one space; stripped.
    """
    if text is None:
        return None
    text = fold_presentation_forms(text)
    text = _persian_translate(unicodedata.normalize("NFC", text))
    text = unicodedata.normalize("NFC", text)
    text = _WHITESPACE.sub(" ", text)
    text = _ZWNJ_RUN.sub(_zwnj_between_letters, text)
    text = _WHITESPACE.sub(" ", text).strip()
    return text or None


def _letters_digits_spaces(text: str) -> str:
    """Keep letters, digits and spaces; every other character becomes a space."""
    return "".join(ch if ch.isalnum() or ch == " " else " " for ch in text)


def persian_name_key(text: str | None) -> str | None:
    """Matching key for a Persian-script name; None if no letter or digit is left.

    Rules, applied after :func:`normalize_persian`:
    alef variants آ أ إ ٱ -> ا; ؤ -> و; ئ -> ی; ة ۀ ہ ۂ ە -> ه; hamza ء dropped; ZWNJ dropped
    (so «جاوید‌فر» -> «جاویدفر»); punctuation and symbols -> space; Latin letters casefolded;
    spaces collapsed. Word boundaries (spaces) are kept; see :func:`persian_name_key_compact`.
    """
    norm = normalize_persian(text)
    if norm is None:
        return None
    key = _letters_digits_spaces(norm.translate(_KEY_TABLE).casefold())
    key = _WHITESPACE.sub(" ", key).strip()
    return key or None


def persian_name_key_compact(text: str | None) -> str | None:
    """:func:`persian_name_key` with spaces removed («جاوید فر» == «جاویدفر»), for blocking."""
    key = persian_name_key(text)
    return key.replace(" ", "") if key else None


# --- romanized names ----------------------------------------------------------------------------

# Apostrophe-like marks for ʿayn/hamza are removed (Ja'far, Jaʿfar -> jafar).
_APOSTROPHES = re.compile("['\u2018\u2019\u201b`\u00b4\u02b9\u02bb\u02bc\u02bd\u02be\u02bf\u2032]")

# Transliteration folding, applied in order to the casefolded ASCII-ish text. Left: regex; right:
# replacement. Every rule maps a set of common romanizations of one Persian spelling to one form.
#
# | rule                     | examples (all meet)                                          |
# |--------------------------|--------------------------------------------------------------|
# | dj -> j, tch -> ch       | Djafar/Jafar, Tchehrazi/Chehrazi (French style)               |
# | ou, oo -> u              | Mahmoud/Mahmood/Mahmud, Mousavi/Moosavi/Musavi                |
# | ee -> i                  | Saeed/Saeid (with the name rule), Majeed/Majid                |
# | q -> gh                  | Qasem/Ghasem, Baqeri/Bagheri, Sadeqi/Sadeghi                  |
# | ow (not before vowel)->o | Khosrow/Khosro, Kowsar/Kosar                                  |
# | w -> v                   | Wahid/Vahid, Musawi/Musavi                                    |
# | Seyed                    | Seyed/Seyyed/Sayyed/Sayed/Sayyid/Seyyid -> seyed              |
# | Mohammad (also prefix)   | Mohammad/Mohammed/Muhammad/Mohamad/Mohamed -> mohammad        |
# | Ahmad                    | Ahmad/Ahmed                                                   |
# | Hossein (also prefix)    | Hossein/Hosein/Hussein/Husayn/Husain/Hossain -> hosein        |
# | Mehdi, Saeid, Esmaeil,   | Mahdi/Mehdi; Said/Saeed/Saied/Saeid; Ismail/Esmail/Esmaeil;   |
# | Ebrahim, Fateme, Mostafa,| Ibrahim/Ebrahim; Fatima/Fatemeh; Mustafa/Mostafa;             |
# | Morteza                  | Murtaza/Morteza                                               |
# | Abol- (joined)           | Abolfazl/Abol-Fazl/Abulfazl/Abu al-Fazl/Abo'l Fazl -> abolfazl|
# | Abdol- (joined)          | Abdollah/Abdullah/Abd Allah; Abdorrahim/Abd al-Rahim/Abdolrahim|
# | -oddin (joined)          | Nasreddin/Nasr al-Din/Nasr od-Din; Shahabeddin/Shahab al-Din  |
# | -ollah (joined)          | Rouhollah/Ruhullah; Habibollah/Habib Allah/Habibullah         |
# | doubled letters -> one   | Hassan/Hasan, Abbas/Abas, Nayyeri/Nayeri                      |
# | final -eh -> -e          | Fatemeh/Fateme, Alizadeh/Alizade                              |
# | final -iye -> -ie        | Marziyeh/Marzieh/Marzie                                       |
# | -a + final yeh -> -aei   | Rezaei/Rezai/Rezaee/Rezaie/Rezayi                             |
# | ey/ay/ei/ai -> ei (not   | Heydar/Haidar/Heidar, Sheikh/Shaykh, Zeynab/Zaynab/Zeinab,    |
# |   before a vowel)        | Meysam/Maysam, Khomeyni/Khomeini                              |
_LATIN_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in [
        (r"dj", "j"),
        (r"tch", "ch"),
        (r"ou|oo", "u"),
        (r"ee", "i"),
        (r"q", "gh"),
        (r"ow(?![aeiou])", "o"),
        (r"w", "v"),
        (r"\bs[ae]y+[ie]d\b", "seyed"),
        (r"\bm[ou]ha?m+[ae]d", "mohammad"),
        (r"\bahm[ae]d", "ahmad"),
        (r"\bh[ou]s+(?:[ae][iy]|e)n", "hosein"),
        (r"\bm[ae]hd[iy]\b", "mehdi"),
        (r"\bsa[eiy]+d\b", "saeid"),
        (r"\b[ei]sma[ae]?[eiy]+l\b", "esmaeil"),
        (r"\b[ei]br[ae]h[ie]m\b", "ebrahim"),
        (r"\bfat[ei]m[ae]h?\b", "fateme"),
        (r"\bm[ou]st[ae]f[ae]\b", "mostafa"),
        (r"\bm[ou]rt[ae](?:z|dh|d)[ae]\b", "morteza"),
        (r"\bab[ou] ?a?l ?(?=[a-z])", "abol"),
        (r"\babd ?[aeou]l ?(?=[a-z])", "abdol"),
        (r"\babd ?[aeou](sh|[rsztdn]) ?(?=\1)", "abdol"),
        (r"(?<=[a-z]) ?[aeiou][ld]? ?d[iy]n\b", "odin"),
        (r"(?<=[a-z]{3}) ?[aou]l+ah\b", "olah"),
        (r"([a-z])\1+", r"\1"),
        (r"eh\b", "e"),
        (r"iye\b", "ie"),
        (r"(?<=a)(?:e?i|ie|yi|ey)\b", "ei"),
        (r"[ae][iy](?![aeiou])", "ei"),
    ]
]
_MAX_PASSES = 5


def _is_latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def strip_latin_marks(text: str) -> str:
    """NFKD, drop combining marks on Latin letters only (ā -> a), recompose; other scripts kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    # each run of combining marks after a letter (or other base): dropped after a Latin one
    kept = _marks_after_base().sub(
        lambda m: m.group(1) if _is_latin(m.group(1)) else m.group(), decomposed)
    return unicodedata.normalize("NFC", kept)


_MARKS_END = 0x20000  # no code point from here on has a combining class (checked in a test)


@cache
def _marks_after_base() -> re.Pattern[str]:
    """A character that is not a combining mark, then the run of combining marks after it
    (``unicodedata.combining`` > 0), as groups 1 and 2."""
    ranges: list[tuple[int, int]] = []
    for code in range(_MARKS_END):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    marks = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
                    for a, b in ranges)
    return re.compile(f"([^{marks}])([{marks}]+)", re.DOTALL)


def _keep_word_chars(text: str) -> str:
    """Letters, digits and marks stay; format characters (ZWNJ...) go; anything else -> space."""
    out: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in "LNM":
            out.append(ch)
        elif cat != "Cf":
            out.append(" ")
    return "".join(out)


def _fold_latin(text: str) -> str:
    for _ in range(_MAX_PASSES):
        before = text
        for pattern, replacement in _LATIN_RULES:
            text = pattern.sub(replacement, text)
        if text == before:
            break
    return text


def latin_name_key(text: str | None) -> str | None:
    """Matching key for a romanized Persian name; None if no letter or digit is left.

    Combining marks are dropped on Latin letters only (ḥ -> h, ā -> a); other scripts are kept,
    casefolded, so a non-empty name never gives an empty key. Casefold; apostrophes and ʿ ʾ removed
    (Ja'far -> jafar); hyphens, dots and other punctuation -> space; then the ordered folding rules
    in ``_LATIN_RULES`` (table above) until nothing changes; spaces collapsed. Token order is kept.
    """
    if text is None:
        return None
    text = strip_latin_marks(normalize_digits(text)).casefold().translate(_LATIN_SPECIAL)
    text = _keep_word_chars(_APOSTROPHES.sub("", text))
    text = _WHITESPACE.sub(" ", text).strip()
    if not text:
        return None
    return _WHITESPACE.sub(" ", _fold_latin(text)).strip()


def latin_name_key_compact(text: str | None) -> str | None:
    """:func:`latin_name_key` with spaces removed (Gholam Reza == Gholamreza), for blocking."""
    key = latin_name_key(text)
    return key.replace(" ", "") if key else None


# --- many values at once ------------------------------------------------------------------------
#
# The functions above, for a list of distinct values, with identical results (tests compare them
# on generated strings): the per-value Python steps run once over all values joined by a separator
# no value contains, or as Arrow (RE2) kernels over the array, instead of once per value. A
# separator is safe because no step reads across it: it is neither white space nor a letter,
# digit or mark, no translation table maps it, Unicode normalization never composes across it (a
# control character, a starter) and no pattern matches it. :func:`map_unique` uses these for the
# functions they stand for (see ``_MANY``).

_SEP = "\x00"  # joins values; when a value holds it, the values are done one by one
_LINE = "\n"  # joins texts that hold only letters, digits, marks and single spaces
_SPACES = re.compile(" {2,}")


def _joined(values: list[str]) -> str | None:
    text = _SEP.join(values)
    return text if text.count(_SEP) == len(values) - 1 else None


def _split_stripped(text: str) -> list[str]:
    """Split joined texts, each space-collapsed and stripped (only ' ' is white space in them)."""
    if "  " in text:
        text = _SPACES.sub(" ", text)
    # (single spaces now: what " ?\x00 ?" -> "\x00" does, by plain replacement)
    text = text.replace(" " + _SEP, _SEP).replace(_SEP + " ", _SEP)
    return text.strip(" ").split(_SEP)


def _translator(table: dict[int, str | None]) -> Callable[[str], str]:
    """str.translate(table) for long texts in which few characters are in the table: a regex
    finds those (translate looks every character up in the dict)."""
    chars = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]")

    def one(match: re.Match[str]) -> str:
        return table[ord(match.group())] or ""

    return lambda text: chars.sub(one, text)


_persian_translate = _translator(_PERSIAN_TABLE)
_PERSIAN_LOOKUP = cp.lookup_table(_PERSIAN_TABLE)  # the same tables for code-point arrays
_KEY_LOOKUP = cp.lookup_table(_KEY_TABLE)


def _casefold_many(values: list[str]) -> list[str]:
    """[v.casefold() for v in values] (casefold maps no character to the separator)."""
    text = _joined(values) if values else None
    return [v.casefold() for v in values] if text is None else text.casefold().split(_SEP)


def normalize_persian_many(values: list[str]) -> list[str | None]:
    """[normalize_persian(v) for v in values]."""
    return _persian_arrow(pa.array(values, pa.large_string()), key=False).to_pylist()


def persian_name_keys(values: list[str]) -> list[str | None]:
    """[persian_name_key(v) for v in values]."""
    return _persian_arrow(pa.array(values, pa.large_string()), key=True).to_pylist()


def _persian_arrow(values: pa.Array, key: bool) -> pa.Array:
    """normalize_persian (or persian_name_key) of every value of a string array without nulls;
    None results as nulls. The values are read from and written back to Arrow's buffers."""
    text = cp.joined_text(values, _SEP)
    codepoints = _normalized_codepoints(text) if text is not None else None
    if codepoints is None:  # empty, or a value holds the separator or a lone surrogate
        fn = persian_name_key if key else normalize_persian
        return pa.array([fn(v) for v in values.to_pylist()], pa.large_string())
    if key:
        codepoints = cp.translate(codepoints, _KEY_LOOKUP)
        codepoints = cp.to_codepoints(cp.to_text(codepoints).casefold())
        # letters and digits stay (and the separator); anything else -> space
        word = cp.char_class(codepoints, "isalnum") | (codepoints == 32) | (codepoints == 0)
        codepoints = cp.strip_spaces_around(
            np.where(word, codepoints, codepoints.dtype.type(32)), 0)
    return cp.split_text(cp.to_text(codepoints), _SEP)


def _normalized_codepoints(text: str) -> np.ndarray | None:
    """normalize_persian of each value of a joined text, as code points, the values still joined
    by _SEP ('' where nothing is left); the steps of normalize_persian, each on the whole array.
    None for text Python cannot encode (a lone surrogate): the caller goes value by value."""
    try:
        codepoints = cp.to_codepoints(text)
    except UnicodeEncodeError:
        return None
    # the ranges persian.PRESENTATION_FORMS matches
    forms = ((codepoints >= 0xFB50) & (codepoints <= 0xFDFF)) | (
        (codepoints >= 0xFE70) & (codepoints <= 0xFEFE))
    if forms.any():
        text = fold_presentation_forms(text)
        codepoints = cp.to_codepoints(text)
    nfc = unicodedata.normalize("NFC", text)
    if nfc is not text:
        codepoints = cp.to_codepoints(nfc)
    codepoints = cp.translate(codepoints, _PERSIAN_LOOKUP)
    text = cp.to_text(codepoints)
    nfc = unicodedata.normalize("NFC", text)
    if nfc is not text:
        codepoints = cp.to_codepoints(nfc)
    codepoints = cp.collapse_whitespace(codepoints)
    codepoints = cp.keep_joiner_between_letters(codepoints, ord(ZWNJ))
    return cp.strip_spaces_around(codepoints, ord(_SEP))


# Latin keys of ASCII values run in Arrow. Rules RE2 runs exactly as Python's re does on ASCII
# text (no look-around, no back-reference; \b is the same on [a-z0-9 ]) are applied to the whole
# array; the others run in Python on the values a looser RE2 pattern finds (those are few).
_RE2_LOOSE = {
    r"ow(?![aeiou])": "ow",
    r"\bab[ou] ?a?l ?(?=[a-z])": "ab[ou] ?a?l",
    r"\babd ?[aeou]l ?(?=[a-z])": "abd ?[aeou]l",
    r"\babd ?[aeou](sh|[rsztdn]) ?(?=\1)": "abd ?[aeou](?:sh|[rsztdn])",
    r"(?<=[a-z]) ?[aeiou][ld]? ?d[iy]n\b": "d[iy]n",
    r"(?<=[a-z]{3}) ?[aou]l+ah\b": "[aou]l+ah",
    r"([a-z])\1+": "|".join(c + c for c in "abcdefghijklmnopqrstuvwxyz"),
    r"(?<=a)(?:e?i|ie|yi|ey)\b": "a(?:e?i|ie|yi|ey)",
    r"[ae][iy](?![aeiou])": "[ae][iy]",
}


def _latin_prelude(text: str) -> str:
    """latin_name_key up to the folding rules ('' when nothing is left)."""
    text = strip_latin_marks(normalize_digits(text)).casefold().translate(_LATIN_SPECIAL)
    text = _keep_word_chars(_APOSTROPHES.sub("", text))
    return _WHITESPACE.sub(" ", text).strip()


def _fold_latin_python(texts: list[str]) -> list[str]:
    """[_fold_latin(t) for t in texts], the texts joined by a line break (they hold none)."""
    out = list(texts)
    todo = list(range(len(out)))
    for _ in range(_MAX_PASSES):  # a pass for the texts the last one changed
        if not todo:
            break
        joined = _LINE.join(out[i] for i in todo)
        for pattern, replacement in _LATIN_RULES:
            joined = pattern.sub(replacement, joined)
        changed = []
        for i, new in zip(todo, joined.split(_LINE), strict=True):
            if new != out[i]:
                out[i] = new
                changed.append(i)
        todo = changed
    return out


def _fold_latin_arrow(texts: pa.Array) -> pa.Array:
    """_fold_latin of every text in an Arrow array of ASCII [a-z0-9 ] texts."""
    out = texts
    todo = np.arange(len(out))
    for _ in range(_MAX_PASSES):  # a pass for the texts the last one changed
        if not len(todo):
            break
        before = out if len(todo) == len(out) else out.take(pa.array(todo))
        current = before
        for pattern, replacement in _LATIN_RULES:
            loose = _RE2_LOOSE.get(pattern.pattern)
            if loose is None:
                current = pc.replace_substring_regex(current, pattern.pattern, replacement)
                continue
            hit = pc.match_substring_regex(current, loose)
            if not pc.any(hit).as_py():
                continue
            joined = pattern.sub(replacement, _LINE.join(current.filter(hit).to_pylist()))
            current = pc.replace_with_mask(current, hit,
                                           pa.array(joined.split(_LINE), current.type))
        changed = pc.not_equal(current, before).to_numpy(zero_copy_only=False)
        if not changed.any():
            break
        mask = np.zeros(len(out), dtype=bool)
        mask[todo[changed]] = True
        out = pc.replace_with_mask(out, pa.array(mask), current.filter(pa.array(changed)))
        todo = todo[changed]
    return out


def _fold_latin_arrow_threads(texts: pa.Array, parts: int = 2) -> pa.Array:
    """_fold_latin_arrow on ``parts`` slices at once (Arrow's kernels release the GIL, each
    runs on one core); the same result as on the whole array."""
    if len(texts) < 50_000 or (os.cpu_count() or 1) < 2:
        return _fold_latin_arrow(texts)
    step = -(-len(texts) // parts)
    with ThreadPoolExecutor(parts) as pool:
        done = list(pool.map(_fold_latin_arrow,
                             [texts.slice(i, step) for i in range(0, len(texts), step)]))
    return pa.concat_arrays(done)


# Only these rules can match across a space (the abol/abdol rules, -oddin, -ollah). A text in
# which none of them can ever match folds word by word: no other rule reads past a word (\b,
# look-around and [a-z] all stop at the space as at the end of a text), so each word folds as
# it would alone, and a full name is made of far fewer distinct words than there are names.
# The pattern finds every text where one of them could match, also after other rules: those
# make 'ab' at a word start only by collapsing a doubled 'a', 'din' only from 'deen', a doubled
# letter or 'dyn', 'lah' only from doubled letters.
_MAY_CROSS_WORDS = r"\ba+b|d+[iye]+n|l+a+h"


def _fold_latin_by_word(texts: pa.Array) -> pa.Array:
    """_fold_latin of ASCII [a-z0-9 ] texts (single spaces, stripped), per distinct word where
    that is the same (see _MAY_CROSS_WORDS), per text elsewhere."""
    whole = pc.match_substring_regex(texts, _MAY_CROSS_WORDS).to_numpy(zero_copy_only=False)
    by_word = texts.filter(pa.array(~whole))
    words = pc.split_pattern(by_word, " ")
    coded = pc.list_flatten(words).dictionary_encode()  # distinct words and where they are
    folded_words = _fold_latin_arrow_threads(coded.dictionary).take(coded.indices)
    offsets = pc.subtract(words.offsets, words.offsets[0])
    rebuilt = pc.binary_join(type(words).from_arrays(offsets, folded_words),
                             pa.scalar(" ", pa.large_string()))
    if not whole.any():
        return rebuilt
    # the two parts in the texts' order: rebuilt texts first, then the whole ones
    folded_whole = _fold_latin_arrow_threads(texts.filter(pa.array(whole)))
    position = np.empty(len(texts), dtype=np.int64)
    position[~whole] = np.arange(len(rebuilt))
    position[whole] = len(rebuilt) + np.arange(len(folded_whole))
    return pa.concat_arrays([rebuilt.cast(pa.large_string()),
                             folded_whole.cast(pa.large_string())]).take(pa.array(position))


def latin_name_keys(values: list[str]) -> list[str | None]:
    """[latin_name_key(v) for v in values]."""
    return _latin_arrow(pa.array(values, pa.large_string())).to_pylist()


def _latin_arrow(values: pa.Array) -> pa.Array:
    """latin_name_key of every value of a string array without nulls (None results as nulls):
    ASCII values in Arrow, the others (few) in Python."""
    arr = values.cast(pa.large_string())
    ascii_ = pc.string_is_ascii(arr).to_numpy(zero_copy_only=False)
    # ASCII: casefold = lower; apostrophes go; anything but [a-z0-9] separates words
    low = pc.replace_substring_regex(pc.utf8_lower(arr.filter(pa.array(ascii_))), "['`]", "")
    low = pc.utf8_trim(pc.replace_substring_regex(low, "[^a-z0-9]+", " "), characters=" ")
    present = pc.not_equal(low, "").to_numpy(zero_copy_only=False)
    folded = _fold_latin_by_word(low.filter(pa.array(present)))
    folded = pc.utf8_trim(pc.replace_substring_regex(folded, " {2,}", " "), characters=" ")
    slow_at = np.flatnonzero(~ascii_)
    pre = [_latin_prelude(v) for v in arr.filter(pa.array(~ascii_)).to_pylist()]
    some = slow_at[[bool(t) for t in pre]] if pre else slow_at
    texts = _fold_latin_python([t for t in pre if t])
    slow = pa.array(_split_stripped(_SEP.join(texts)) if texts else [], pa.large_string())
    # the keys in the values' order: ASCII keys, then the others, then a null for the rest
    position = np.full(len(arr), len(folded) + len(slow), dtype=np.int64)
    position[np.flatnonzero(ascii_)[present]] = np.arange(len(folded))
    position[some] = len(folded) + np.arange(len(slow))
    return pa.concat_arrays([folded.cast(pa.large_string()), slow,
                             pa.nulls(1, pa.large_string())]).take(pa.array(position))


_MANY_ARROW: dict[Callable[[str], Any], Callable[[pa.Array], pa.Array]] = {
    normalize_persian: lambda values: _persian_arrow(values, key=False),
    persian_name_key: lambda values: _persian_arrow(values, key=True),
    latin_name_key: _latin_arrow,
}
_MANY: dict[Callable[[str], Any], Callable[[list[str]], list[Any]]] = {
    normalize_persian: normalize_persian_many,
    persian_name_key: persian_name_keys,
    latin_name_key: latin_name_keys,
    str.casefold: _casefold_many,
}


# --- columns ------------------------------------------------------------------------------------


def map_unique(values: pd.Series, fn: Callable[[str], T]) -> pd.Series:
    """Apply ``fn`` once per distinct non-null value and map the results back.

    Nulls (and ``None`` results) become ``pd.NA``; the index is kept. If every non-null result
    is a ``str`` the result has the nullable ``string`` dtype, otherwise ``object``.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    arrow = _MANY_ARROW.get(fn)
    if arrow is not None and isinstance(uniques, pd.Index | pd.api.extensions.ExtensionArray):
        array = uniques.array if isinstance(uniques, pd.Index) else uniques
        if isinstance(array, pd.arrays.ArrowStringArray):  # distinct values straight to Arrow
            done = pa.concat_arrays([arrow(array._pa_array.combine_chunks().cast(
                pa.large_string())), pa.nulls(1, pa.large_string())])
            at = np.where(codes < 0, len(array), codes)
            return pd.Series(pd.arrays.ArrowStringArray(done.take(pa.array(at))),
                             index=values.index, name=values.name)
    results = np.empty(len(uniques) + 1, dtype=object)
    all_str = True
    # as Python objects at once (iterating an Arrow-backed array converts value by value)
    arr = uniques.array if isinstance(uniques, pd.Index) else uniques
    distinct = (arr.to_numpy(dtype=object).tolist() if isinstance(arr.dtype, pd.StringDtype)
                else list(uniques))
    many = _MANY.get(fn)
    if many is not None:  # text results: mapped back in Arrow, no object column in between
        done = pa.array([*many(distinct), None], pa.large_string())
        at = np.where(codes < 0, len(distinct), codes)
        return pd.Series(pd.arrays.ArrowStringArray(done.take(pa.array(at))),
                         index=values.index, name=values.name)
    for i, value in enumerate(distinct):
        result = fn(value)
        results[i] = pd.NA if result is None else result
        all_str = all_str and (result is None or isinstance(result, str))
    results[-1] = pd.NA
    out = pd.Series(results[codes], index=values.index, name=values.name, dtype=object)
    return out.astype("string") if all_str else out
