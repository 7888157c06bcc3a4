"""The many-values forms of the name functions (used by map_unique for columns) give exactly what
the one-value functions give, on generated strings with the characters each step deals with."""

from __future__ import annotations

import re
import sys

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.transforms import names

PERSIAN = (
    "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآأإؤئءةۀ"
    + "يىكـ"  # Arabic yeh, alef maksura, kaf, tatweel
    + "\u064b\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0670"  # harakat, madda, hamza, alef
    + "\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u2066\u2069\ufeff\u200b"  # ZW*, bidi
    + " \u00a0\u2009\u202f\u3000\t\n\r"  # spaces, line breaks
    + "۰۱۲۹٠١٩٫٬"  # digits and separators
    + "ﻙﻱﺍﷲ"  # presentation forms
    + "aZ_-.()'\x00\x01\u0301"
)
# romanizations: the letters and particles the folding rules look at, marks, other scripts
LATIN_PARTS = ["ab", "abu", "abo", "abd", "al", "ol", "ul", "ar", "r", "sh", "d", "din", "dyn",
               "eddin", "lah", "ullah", "ollah", "ou", "oo", "ee", "ow", "w", "q", "dj", "tch",
               "sey", "say", "yed", "mo", "mu", "ham", "mad", "med", "hos", "sein", "eh", "iye",
               "ai", "ei", "ay", "ey", "ie", "yi", "a", "e", "i", "o", "u", "y", "s", "z", "t",
               "n", "m", "h", "ss", "bb", " ", "  ", "-", "'", "`", "ʿ", ".", "ā", "ḥ", "Ø", "ß",
               "æ", "İ", "ж", "ک", "7", "٣", "_", "\u200c", "\u0301", "\t", "\n", "A", "AB", "\x00",
               "aab", "aa", "deen", "ddin", "diin", "dinn", "llah", "laah", "lahh", "dien", "b",
               "l", "k", "r", "eh ", " al ", " ad ", " ed ", " ol ", " ul ", " abu ", "ow "]
latin_text = st.lists(st.sampled_from(LATIN_PARTS), max_size=10).map("".join)
persian_text = st.text(alphabet=PERSIAN, max_size=20)


def test_translators_translate():
    for table in (names._PERSIAN_TABLE, names._KEY_TABLE):
        text = "".join(chr(c) for c in table) + "abc ی" + "".join(chr(c) for c in table)
        assert names._translator(table)(text) == text.translate(table)


def _same(fn, many, values):
    assert many(values) == [fn(v) for v in values]


@settings(max_examples=300, deadline=None)
@given(st.lists(persian_text, max_size=30))
def test_persian_many_equal_one_by_one(values):
    _same(names.normalize_persian, names.normalize_persian_many, values)
    _same(names.persian_name_key, names.persian_name_keys, values)
    _same(str.casefold, names._casefold_many, values)


@settings(max_examples=300, deadline=None)
@given(st.lists(latin_text | st.text(max_size=8), max_size=30))
def test_latin_many_equal_one_by_one(values):
    _same(names.latin_name_key, names.latin_name_keys, values)


def test_many_forms_on_names_real_lists_have():
    latin = ["Abu al-Fazl Nasr od-Din", "abu l abu l fazl", "Nasr al din al din", "Hosein-Ali",
             "Seyyed Mohammad Reza KHOSROW", "Ja'far Qasemi", "Abd ar-Rahim", "Marziyeh Rezayi",
             "Ḥosayn Āqā", "Habib Allah", "", "--", "Gholam  Reza", "Abdorrahman Boroumand"]
    _same(names.latin_name_key, names.latin_name_keys, latin)
    persian = ["محمد\u200cعلی  کریمی", "علي ك", "ﷲ", "جاوید\u200c\u200cفر", "\u200c", "  ",
               "مُحَمَّد", "۱۳۶۷", "x\x00y"]
    _same(names.normalize_persian, names.normalize_persian_many, persian)
    _same(names.persian_name_key, names.persian_name_keys, persian)


def test_latin_fold_in_slices_equals_the_whole():
    import pyarrow as pa

    texts = pa.array(["abu l fazl", "hassan", "seyyed mohammad", "nasr al din"] * 50,
                     pa.large_string())
    whole = names._fold_latin_arrow(texts)
    for parts in (2, 3, 7):
        sliced = pa.concat_arrays([names._fold_latin_arrow(texts.slice(i, -(-200 // parts)))
                                   for i in range(0, 200, -(-200 // parts))])
        assert sliced.equals(whole)
    assert names._fold_latin_arrow_threads(pa.concat_arrays([texts] * 300)).equals(
        pa.concat_arrays([whole] * 300))


@settings(max_examples=500, deadline=None)
@given(st.lists(latin_text.map(lambda t: " ".join(
    "".join(c for c in t.lower() if c.isascii() and (c.isalnum() or c == " ")).split())),
    max_size=30))
def test_latin_fold_by_word_equals_whole_texts(texts):
    import pyarrow as pa

    texts = [t for t in texts if t]
    got = names._fold_latin_by_word(pa.array(texts, pa.large_string())).to_pylist()
    assert got == [names._fold_latin(t) for t in texts]


def test_word_class_is_alnum_or_underscore():
    """The many-values Persian key relies on \\w meaning str.isalnum() or '_' (and \\s meaning
    str.isspace()) for every code point."""
    word, space = re.compile(r"\w"), re.compile(r"\s")
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        assert (word.match(ch) is not None) == (ch.isalnum() or ch == "_"), hex(cp)
        assert (space.match(ch) is not None) == ch.isspace(), hex(cp)


def test_map_unique_uses_the_many_form(monkeypatch):
    calls = []
    real = names._MANY[names.latin_name_key]
    monkeypatch.setitem(names._MANY, names.latin_name_key,
                        lambda vs: calls.append(len(vs)) or real(vs))
    out = names.map_unique(pd.Series(["Hassan", None, "Hasan", "Hassan"], dtype=object),
                           names.latin_name_key)
    assert calls == [2]
    assert list(out.fillna("-")) == ["hasan", "-", "hasan", "hasan"]
    assert str(out.dtype) == "string"


def test_map_unique_uses_the_arrow_form_on_arrow_strings(monkeypatch):
    calls = []
    real = names._MANY_ARROW[names.latin_name_key]
    monkeypatch.setitem(names._MANY_ARROW, names.latin_name_key,
                        lambda arr: calls.append(len(arr)) or real(arr))
    monkeypatch.delitem(names._MANY, names.latin_name_key)  # (not used on this column)
    out = names.map_unique(pd.Series(["Hassan", None, "Hasan", "Hassan"], dtype="string"),
                           names.latin_name_key)
    assert calls == [2]
    assert list(out.fillna("-")) == ["hasan", "-", "hasan", "hasan"]
    assert str(out.dtype) == "string"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=12) | persian_text, max_size=20))
def test_persian_many_equal_one_by_one_on_any_unicode(values):
    """Any code point (other scripts, astral letters and spaces, lone surrogates, controls)."""
    _same(names.normalize_persian, names.normalize_persian_many, values)
    _same(names.persian_name_key, names.persian_name_keys, values)


def test_persian_many_on_tricky_names():
    values = ["علي رضا", "علی\u200cرضا", "علی\u200c\u200c رضا", "\u200cعلی\u200c", "ﻋﻠﻲ",
              "مُحَمَّد", "جاوید\u200bفر", "احمد ۱۳۶۷", "٢٣ احمد", "", " ", "\u200c", "a\u200cb",
              "ك\u0654", "𝐀𝐁 علی", "علی\U0001d7ce\u200cرضا", "\u3000حسن\u00a0\u2009", "آبادی_نو",
              "Ali علی", "ß علی", "ﷲ", "\x00"]
    _same(names.normalize_persian, names.normalize_persian_many, values)
    _same(names.persian_name_key, names.persian_name_keys, values)
    assert names.persian_name_keys(["علي\u200cرضا", "على رضا"]) == ["علیرضا", "علی رضا"]


def test_map_unique_many_form_gives_the_string_column_the_one_by_one_form_gives(monkeypatch):
    values = pd.Series(["Hassan", None, "Hasan", "-", "Hassan", pd.NA], index=[5, 4, 3, 2, 1, 0],
                       name="n", dtype="string")
    fast = names.map_unique(values, names.latin_name_key)
    monkeypatch.delitem(names._MANY_ARROW, names.latin_name_key)
    listed = names.map_unique(values, names.latin_name_key)
    monkeypatch.delitem(names._MANY, names.latin_name_key)
    slow = names.map_unique(values, names.latin_name_key)
    pd.testing.assert_series_equal(listed, slow)
    pd.testing.assert_series_equal(fast, slow)
    assert list(fast.isna()) == [False, True, False, True, False, True]


def _strip_latin_marks_by_char(text):
    """The character loop strip_latin_marks replaced (the reference)."""
    import unicodedata

    out, latin_base = [], False
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch):
            if not latin_base:
                out.append(ch)
            continue
        latin_base = names._is_latin(ch)
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=12) | st.text(alphabet="aeāḥé\u0301\u0300\u0653آأم ßﬁ\u0363\u064eю\u0308\n",
                                      max_size=12))
def test_strip_latin_marks_equals_the_character_loop(text):
    assert names.strip_latin_marks(text) == _strip_latin_marks_by_char(text)
    assert names.strip_latin_marks("Ḥoseyn ʿAlī آذر") == "Hoseyn ʿAli آذر"


def test_no_combining_mark_beyond_the_scanned_planes():
    """strip_latin_marks' pattern lists the combining marks below _MARKS_END only."""
    import unicodedata

    assert not [c for c in range(names._MARKS_END, sys.maxunicode + 1)
                if unicodedata.combining(chr(c))]
    assert unicodedata.combining("\U0001e944")  # (Adlam marks are in plane 1: scanned)


@settings(max_examples=200, deadline=None)
@given(st.lists(persian_text | st.none(), max_size=20))
def test_map_unique_arrow_form_equals_one_by_one(values):
    """The Persian functions on an Arrow-backed column: read and written in Arrow, the same
    column the value-by-value form gives."""
    column = pd.Series(values, dtype="string", name="n")
    for fn in (names.normalize_persian, names.persian_name_key):
        got = names.map_unique(column, fn)
        assert str(got.dtype) == "string"
        assert [None if pd.isna(v) else v for v in got] == [
            None if v is None else fn(v) for v in values]


@settings(max_examples=200, deadline=None)
@given(st.lists(latin_text | st.text(max_size=6) | st.none(), max_size=20))
def test_map_unique_arrow_latin_keys_equal_one_by_one(values):
    column = pd.Series(values, dtype="string")
    got = names.map_unique(column, names.latin_name_key)
    assert [None if pd.isna(v) else v for v in got] == [
        None if v is None else names.latin_name_key(v) for v in values]
