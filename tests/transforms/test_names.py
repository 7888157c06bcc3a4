import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.transforms.names import (
    latin_name_key,
    latin_name_key_compact,
    map_unique,
    normalize_persian,
    persian_name_key,
    persian_name_key_compact,
)

ZWNJ = "\u200c"

# Persian letters plus the characters normalization has to deal with.
PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآأإؤئءةۀ"
NOISY = (
    PERSIAN_LETTERS
    + "يىكـ"  # Arabic yeh, alef maksura, kaf, tatweel
    + "\u064b\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0670"  # harakat, madda, hamza, alef
    + "\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u2066\u2069\ufeff\u200b"  # ZW*, bidi
    + " \u00a0\u2009\u202f\u3000\t\n"  # spaces
    + "۰۱۲۹٠١٩٫٬"  # digits and separators
    + "ﻙﻱﺍ"  # presentation forms
    + "aZ-.()'"
)
persian_text = st.text(alphabet=NOISY, max_size=20)
SETTINGS = settings(max_examples=200, deadline=None)


# --- normalize_persian --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("علي", "علی", id="arabic_yeh"),
        pytest.param("مصطفى", "مصطفی", id="alef_maksura"),
        pytest.param("كاظم", "کاظم", id="arabic_kaf"),
        pytest.param("جاوید\u200cفر", "جاوید\u200cفر", id="zwnj_between_letters_kept"),
        pytest.param("جاوید\u200c\u200c\u200cفر", "جاوید\u200cفر", id="zwnj_run_collapsed"),
        pytest.param("جاوید\u200c فر", "جاوید فر", id="zwnj_before_space_dropped"),
        pytest.param("جاوید \u200cفر", "جاوید فر", id="zwnj_after_space_dropped"),
        pytest.param("\u200cعلی\u200c", "علی", id="zwnj_at_ends_dropped"),
        pytest.param("علی\u200c۲", "علی2", id="zwnj_before_digit_dropped"),
        pytest.param("جاوید\u200bفر", "جاوید\u200cفر", id="zero_width_space_as_zwnj"),
        pytest.param("\u200fعلی\u200e", "علی", id="rlm_lrm_removed"),
        pytest.param("\u061cعلی", "علی", id="arabic_letter_mark_removed"),
        pytest.param("\u202bعلی\u202c \u2067رضا\u2069", "علی رضا", id="bidi_embeddings_removed"),
        pytest.param("\ufeffعلی", "علی", id="bom_removed"),
        pytest.param("عل\u200dی", "علی", id="zwj_removed"),
        pytest.param("محمـــد", "محمد", id="tatweel_removed"),
        pytest.param("مُحَمَّد", "محمد", id="harakat_removed"),
        pytest.param("حدوداً", "حدودا", id="tanwin_removed"),
        pytest.param("رحمٰن", "رحمن", id="superscript_alef_removed"),
        pytest.param("ا\u0653ب", "آب", id="decomposed_madda_composed_nfc"),
        pytest.param("ا\u0654حمد", "أحمد", id="decomposed_hamza_composed_nfc"),
        pytest.param("ﻛﺎﻇﻢ", "کاظم", id="presentation_forms_folded"),
        pytest.param("علی\u00a0رضا", "علی رضا", id="nbsp"),
        pytest.param("علی\u2009\u202f رضا", "علی رضا", id="thin_and_narrow_spaces"),
        pytest.param("  علی\t\nرضا  ", "علی رضا", id="tabs_newlines_stripped"),
        pytest.param("۱۳۶۷", "1367", id="persian_digits"),
        pytest.param("١٣٦٧", "1367", id="arabic_indic_digits"),
        pytest.param("Ali Reza", "Ali Reza", id="latin_untouched"),
    ],
)
def test_normalize_persian(text: str, expected: str) -> None:
    assert normalize_persian(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(None, id="none"),
        pytest.param("", id="empty"),
        pytest.param(" \u00a0\t", id="whitespace_only"),
        pytest.param("\u200c\u200f\ufeff", id="invisible_only"),
        pytest.param("\u064e\u0651ـ", id="marks_and_tatweel_only"),
    ],
)
def test_normalize_persian_empty_is_none(text: str | None) -> None:
    assert normalize_persian(text) is None


@SETTINGS
@given(persian_text)
def test_normalize_persian_idempotent(text: str) -> None:
    once = normalize_persian(text)
    assert normalize_persian(once) == once


@SETTINGS
@given(st.text(max_size=15))
def test_normalize_persian_idempotent_any_unicode(text: str) -> None:
    once = normalize_persian(text)
    assert normalize_persian(once) == once


@SETTINGS
@given(persian_text, st.sampled_from(PERSIAN_LETTERS), persian_text)
def test_normalize_persian_never_empties_a_persian_letter(a: str, letter: str, b: str) -> None:
    assert normalize_persian(a + letter + b)


@SETTINGS
@given(persian_text)
def test_normalize_persian_output_is_clean(text: str) -> None:
    out = normalize_persian(text)
    if out is None:
        return
    assert not set(out) & set("يىكـ\u200d\u200e\u200f\u061c\ufeff\u064e\u0651\u00a0\t\n")
    assert out == out.strip() and "  " not in out
    for i, ch in enumerate(out):
        if ch == ZWNJ:
            assert 0 < i < len(out) - 1
            assert out[i - 1].isalpha() and out[i + 1].isalpha()


# --- persian_name_key ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("جعفر جاويد فر", "جعفر جاوید فر", id="arabic_yeh_spaced"),
        pytest.param("جعفر جاوید\u200cفر", "جعفر جاویدفر", id="zwnj_removed"),
        pytest.param("آرش", "ارش", id="alef_madda"),
        pytest.param("أحمد", "احمد", id="alef_hamza_above"),
        pytest.param("إبراهیم", "ابراهیم", id="alef_hamza_below"),
        pytest.param("ٱلله", "الله", id="alef_wasla"),
        pytest.param("مؤمن", "مومن", id="waw_hamza"),
        pytest.param("رئیسی", "رییسی", id="yeh_hamza"),
        pytest.param("فاطمة", "فاطمه", id="teh_marbuta"),
        pytest.param("خانۀ", "خانه", id="heh_yeh"),
        pytest.param("علاء", "علا", id="hamza_dropped"),
        pytest.param("محمد-علی (ره)", "محمد علی ره", id="punctuation_to_space"),
        pytest.param("«علی»، رضا.", "علی رضا", id="persian_punctuation"),
        pytest.param("مُحَمَّد", "محمد", id="harakat"),
        pytest.param("Ali", "ali", id="latin_casefolded"),
        pytest.param("-", None, id="punctuation_only"),
        pytest.param(None, None, id="none"),
    ],
)
def test_persian_name_key(text: str | None, expected: str | None) -> None:
    assert persian_name_key(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("جعفر جاويد فر", "جعفر جاوید\u200cفر", id="space_vs_zwnj"),
        pytest.param("ابوالقاسم", "ابو القاسم", id="space_vs_joined"),
        pytest.param("عبدالله", "عبد\u200cالله", id="zwnj_vs_joined"),
        pytest.param("كاظم زاده", "کاظم\u200cزاده", id="kaf_and_zwnj"),
    ],
)
def test_persian_name_key_compact_meets(a: str, b: str) -> None:
    assert persian_name_key_compact(a) == persian_name_key_compact(b)
    assert " " not in (persian_name_key_compact(a) or "")


@SETTINGS
@given(persian_text)
def test_persian_name_key_idempotent(text: str) -> None:
    key = persian_name_key(text)
    assert persian_name_key(key) == key


@SETTINGS
@given(persian_text, st.sampled_from(PERSIAN_LETTERS.replace("ء", "")), persian_text)
def test_persian_name_key_never_empty_for_a_letter(a: str, letter: str, b: str) -> None:
    assert persian_name_key(a + letter + b)
    assert persian_name_key_compact(a + letter + b)


# --- latin_name_key -----------------------------------------------------------------------------

VARIANTS = [
    pytest.param(["Mohammad", "Mohammed", "Muhammad", "Mohamad", "Mohamed"], id="mohammad"),
    pytest.param(["Hossein", "Hosein", "Hussein", "Husayn", "Husain", "Ḥusayn"], id="hossein"),
    pytest.param(["Seyed", "Seyyed", "Sayyid", "Sayyed", "Sayed"], id="seyed"),
    pytest.param(["Mahmoud", "Mahmood", "Mahmud"], id="ou_oo_u"),
    pytest.param(["Saeed", "Said", "Saeid", "Sa'id"], id="saeid"),
    pytest.param(["Majeed", "Majid"], id="ee_i"),
    pytest.param(["Ghasem", "Qasem", "Qassem"], id="q_gh"),
    pytest.param(["Bagheri", "Baqeri"], id="q_gh_medial"),
    pytest.param(["Abolfazl", "Abol-Fazl", "Abulfazl", "Abu al-Fazl", "Abo'l Fazl"], id="abol"),
    pytest.param(["Abdollah", "Abdullah", "Abd Allah", "Abdallah"], id="abdollah"),
    pytest.param(["Abdorrahim", "Abd al-Rahim", "Abdolrahim", "Abdul Rahim"], id="abdol"),
    pytest.param(["Nasreddin", "Nasr al-Din", "Nasr od-Din", "Nasroddin"], id="oddin"),
    pytest.param(["Rouhollah", "Ruhollah", "Ruhullah"], id="ollah"),
    pytest.param(["Fatemeh", "Fateme", "Fatima"], id="fateme"),
    pytest.param(["Rezaei", "Rezai", "Rezaee", "Rezaie", "Rezayi"], id="final_aei"),
    pytest.param(["Heydar", "Haidar", "Heidar", "Haydar"], id="diphthong_ey_ai"),
    pytest.param(["Sheikh", "Shaykh", "Sheykh"], id="diphthong_sheikh"),
    pytest.param(["Khomeini", "Khomeyni"], id="kh_and_diphthong"),
    pytest.param(["Hassan", "Hasan"], id="doubled_letters"),
    pytest.param(["Jafar", "Ja'far", "Ja’far", "Jaʿfar", "Djafar"], id="apostrophes_dj"),
    pytest.param(["Mousavi", "Moosavi", "Musavi", "Musawi"], id="musavi"),
    pytest.param(["MOHAMMAD REZA", "mohammad  reza", "Mohammad-Reza"], id="case_space_hyphen"),
    pytest.param(["Mehdi", "Mahdi"], id="mehdi"),
    pytest.param(["Esmail", "Ismail", "Esmaeil"], id="esmaeil"),
]


@pytest.mark.parametrize("names", VARIANTS)
def test_latin_variants_meet(names: list[str]) -> None:
    keys = {latin_name_key(name) for name in names}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Hassan", "Hossein", id="hasan_hosein"),
        pytest.param("Mohammad", "Mahmoud", id="mohammad_mahmoud"),
        pytest.param("Said", "Seyed", id="saeid_seyed"),
        pytest.param("Ali Reza", "Reza Ali", id="token_order_kept"),
        pytest.param("Ahmad", "Mohammad", id="ahmad_mohammad"),
    ],
)
def test_latin_distinct_names_stay_distinct(a: str, b: str) -> None:
    assert latin_name_key(a) != latin_name_key(b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Mohammad Reza", "mohamad reza", id="spaced"),
        pytest.param("Abol-Ghasem", "abolghasem", id="abol_joined"),
        pytest.param("M. Reza", "m reza", id="dots_to_space"),
        pytest.param("علی", "علی", id="persian_kept"),
        pytest.param("Ali علي", "ali علي", id="mixed_script_kept"),
        pytest.param("猫", "猫", id="cjk_kept_not_emptied"),
        pytest.param("Müller", "muler", id="latin_diacritics_dropped"),
        pytest.param("۲ Ali", "2 ali", id="digits_ascii"),
        pytest.param("?", None, id="punctuation_only"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="none"),
    ],
)
def test_latin_name_key(text: str | None, expected: str | None) -> None:
    assert latin_name_key(text) == expected


def test_latin_name_key_compact() -> None:
    assert latin_name_key_compact("Gholam Reza") == latin_name_key_compact("Gholamreza")
    assert latin_name_key_compact(None) is None


@SETTINGS
@given(st.text(alphabet="abdeghiklmnoqrsuwyz '-.", max_size=16))
def test_latin_name_key_idempotent(text: str) -> None:
    key = latin_name_key(text)
    assert latin_name_key(key) == key


@SETTINGS
@given(st.text(max_size=12))
def test_latin_name_key_never_empty_for_a_letter(text: str) -> None:
    key = latin_name_key(text)
    if any(ch.isalnum() for ch in text):
        assert key
    assert key != ""


# --- map_unique ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dtype",
    [
        pytest.param(object, id="object"),
        pytest.param("string", id="string"),
        pytest.param("str", id="pandas3_default_str"),
    ],
)
def test_map_unique_calls_once_per_value(dtype: object) -> None:
    values = pd.Series(["علي", None, "علي", "كاظم", None, "علي"], index=[5, 4, 3, 2, 1, 0])
    values = values.astype(dtype)
    calls: list[str] = []

    def fn(text: str) -> str | None:
        calls.append(text)
        return normalize_persian(text)

    out = map_unique(values, fn)
    assert sorted(calls) == ["علي", "كاظم"]
    assert list(out.index) == [5, 4, 3, 2, 1, 0]
    assert str(out.dtype) == "string"
    assert out.tolist() == ["علی", pd.NA, "علی", "کاظم", pd.NA, "علی"]


def test_map_unique_none_result_is_na_and_objects_stay_objects() -> None:
    values = pd.Series(["a", "", "b"])
    assert map_unique(values, normalize_persian).isna().tolist() == [False, True, False]
    out = map_unique(values, len)
    assert out.dtype == object
    assert out.tolist() == [1, 0, 1]


def test_map_unique_empty() -> None:
    out = map_unique(pd.Series([], dtype="string"), str.upper)
    assert len(out) == 0
