"""The one Persian folding module: each level does what its docstring says, and the levels agree
where they must (the published SQL search fold, the linkage key)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.transforms import persian
from pipeline.transforms.names import normalize_persian, persian_name_key, persian_name_key_compact

ARABIC_SCRIPT = st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
                        | st.sampled_from(" \u200c\u200bab12"), max_size=20)


def test_digits():
    assert persian.ascii_digits("۱۳۶۷/٠٥/١٢ ٫ ٬") == "1367/05/12 ٫ ٬"
    assert persian.normalize_digits("۱۳۶۷٫۵ ٬") == "1367.5 ,"
    assert "1988".translate(persian.TO_PERSIAN_DIGITS) == "۱۹۸۸"
    assert "1988".translate(persian.TO_ARABIC_INDIC_DIGITS) == "١٩٨٨"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("۰۱۲۳۴۵۶۷۸۹", "0123456789", id="persian_digits"),
        pytest.param("٠١٢٣٤٥٦٧٨٩", "0123456789", id="arabic_indic_digits"),
        pytest.param("0123456789", "0123456789", id="ascii_digits"),
        pytest.param("۱۲٫۵", "12.5", id="arabic_decimal_separator"),
        pytest.param("۱٬۰۰۰", "1,000", id="arabic_thousands_separator"),
        pytest.param("۱۳۶۷/۰۵/۱۲", "1367/05/12", id="date_with_slashes"),
        pytest.param("علي ۲۵ ساله", "علي 25 ساله", id="letters_untouched"),
        pytest.param("", "", id="empty"),
    ],
)
def test_normalize_digits(text: str, expected: str) -> None:
    assert persian.normalize_digits(text) == expected


@given(ARABIC_SCRIPT)
def test_same_length_levels_keep_offsets(text):
    assert len(persian.ascii_digits(text)) == len(text)
    assert len(persian.fold_same_length(text)) == len(text)


def test_same_length_fold_is_the_display_letters_and_zwnj_to_space():
    assert persian.fold_same_length("علي\u200cاكبر مرتضى") == "علی اکبر مرتضی"
    # the display level folds the same letters (and keeps the ZWNJ between letters)
    assert normalize_persian("علي\u200cاكبر مرتضى") == "علی\u200cاکبر مرتضی"


@pytest.mark.parametrize("char,replacement", [
    (a, b) for a, b in persian.SQL_SEARCH_FOLD if a not in " -'"
])
def test_the_published_sql_search_fold_agrees_with_the_compact_key(char, replacement):
    """Each replace() of the SQLite edition's search gives the compact key's result."""
    assert persian_name_key_compact(f"سع{char}د") == persian_name_key_compact(
        f"سع{replacement}د")


def test_the_key_folds_hamza_forms_the_linkage_engine_used_to_fold_first():
    """linkage.engine applied these before persian_name_key; the key table holds them all."""
    old = str.maketrans({"ئ": "ی", "ؤ": "و", "أ": "ا", "إ": "ا", "ء": None, "ة": "ه"})
    for name in ("مسئول", "مؤمن", "أحمد", "إبراهيم", "جزء", "فاطمة", "رئیس‌ء"):
        assert persian_name_key(name) == persian_name_key(name.translate(old))


def test_same_sound_fold_is_for_blocking_only():
    assert persian.fold_same_sound("صادق ثابت طاهر ذاکر ضیا ظریف حسن غلام") == (
        "سادق سابت تاهر زاکر زیا زریف هسن قلام")
    # the keys keep these letters apart: they are different names
    assert persian_name_key("صدری") != persian_name_key("سدری")


def test_latin_letters():
    assert persian.fold_latin_letters("øđłæœıþðß") == "odlaeoeithdss"


def test_presentation_forms_fold_to_letters():
    assert persian.fold_presentation_forms("\ufedf\ufefc") == "للا"
