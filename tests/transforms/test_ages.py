import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.transforms.ages import MAX_AGE, ParsedAge, parse_age, parse_ages

SETTINGS = settings(max_examples=100, deadline=None)
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("25", id="ascii"),
        pytest.param("۲۵", id="persian_digits"),
        pytest.param("٢٥", id="arabic_indic_digits"),
        pytest.param(" 25 ", id="padded"),
        pytest.param("25 ساله", id="saaleh"),
        pytest.param("۲۵ساله", id="saaleh_joined"),
        pytest.param("۲۵ سال", id="saal"),
        pytest.param("25 years old", id="years_old"),
        pytest.param("aged 25", id="aged"),
        pytest.param("about 25", id="about"),
        pytest.param("approx. 25", id="approx"),
        pytest.param("c. 25", id="circa_abbr"),
        pytest.param("~25", id="tilde"),
        pytest.param("حدود ۲۵", id="hodud"),
        pytest.param("حدودا ۲۵", id="hodudan"),
        pytest.param("حدوداً ۲۵ ساله", id="hodudan_tanwin_saaleh"),
        pytest.param("25?", id="question_mark"),
        pytest.param("25.0", id="decimal_zero"),
        pytest.param("۲۵٫۰", id="persian_decimal_zero"),
        pytest.param("بیست و پنج", id="persian_words"),
        pytest.param("twenty-five", id="english_words"),
        pytest.param(25, id="int"),
        pytest.param(25.0, id="float"),
        pytest.param(np.int64(25), id="numpy_int"),
    ],
)
def test_single_age(text: str | int) -> None:
    p = parse_age(text)
    assert (p.low, p.high, p.error) == (25, 25, None)
    assert p.original == str(text)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        pytest.param("25-30", 25, 30, id="hyphen"),
        pytest.param("25–30", 25, 30, id="en_dash"),
        pytest.param("25 - 30", 25, 30, id="spaced_hyphen"),
        pytest.param("25 to 30", 25, 30, id="to"),
        pytest.param("25 تا 30", 25, 30, id="ta"),
        pytest.param("۲۵-۳۰", 25, 30, id="persian_digits"),
        pytest.param("۲۵ تا ۳۰ ساله", 25, 30, id="ta_saaleh"),
        pytest.param("between 25 and 30", 25, 30, id="between"),
        pytest.param("بین ۲۵ و ۳۰", 25, 30, id="beyn"),
        pytest.param("حدود ۲۵ تا ۳۰", 25, 30, id="approximate_range"),
        pytest.param("over 60", 60, None, id="over"),
        pytest.param("above 60", 60, None, id="above"),
        pytest.param("بالای ۶۰", 60, None, id="balaye"),
        pytest.param("بیش از ۶۰ سال", 60, None, id="bish_az"),
        pytest.param("60+", 60, None, id="plus"),
        pytest.param("+۶۰", 60, None, id="plus_rtl"),
        pytest.param("under 18", None, 18, id="under"),
        pytest.param("زیر ۱۸", None, 18, id="zir"),
        pytest.param("زیر ۱۸ سال", None, 18, id="zir_saal"),
        pytest.param("<18", None, 18, id="less_than_sign"),
        pytest.param("20s", 20, 29, id="decade"),
        pytest.param("20's", 20, 29, id="decade_apostrophe"),
        pytest.param("in his 20s", 20, 29, id="in_his_20s"),
        pytest.param("in her twenties", 20, 29, id="in_her_twenties"),
        pytest.param("early 30s", 30, 39, id="early_decade_whole"),
        pytest.param("دهه ۲۰", 20, 29, id="daheh"),
        pytest.param("بیست و چند ساله", 21, 29, id="twenty_something_fa"),
        pytest.param("teens", 13, 19, id="teens"),
        pytest.param("0", 0, 0, id="infant"),
        pytest.param("120", 120, 120, id="max"),
    ],
)
def test_age_bounds(text: str, low: int | None, high: int | None) -> None:
    p = parse_age(text)
    assert (p.low, p.high, p.error) == (low, high, None)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(None, id="none"),
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("unknown", id="unknown"),
        pytest.param("Unknown", id="unknown_capital"),
        pytest.param("undefined", id="undefined"),
        pytest.param("نامعلوم", id="namaloum"),
        pytest.param("?", id="question_mark"),
        pytest.param(float("nan"), id="nan"),
        pytest.param(pd.NA, id="pd_na"),
    ],
)
def test_unknown_age(text: object) -> None:
    p = parse_age(text)  # type: ignore[arg-type]
    assert (p.low, p.high, p.error) == (None, None, None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("-5", "negative age", id="negative_text"),
        pytest.param(-5, "negative age", id="negative_int"),
        pytest.param("130", "above 120", id="too_old"),
        pytest.param("1000", "above 120", id="four_digits"),
        pytest.param("over 130", "above 120", id="over_too_old"),
        pytest.param("30-25", "low is above high", id="low_above_high"),
        pytest.param("25.5", "not a whole number", id="fraction_text"),
        pytest.param(25.5, "not a whole number", id="fraction_float"),
        pytest.param("abc", "cannot read age", id="garbage"),
        pytest.param("twenty thirty", "cannot read age", id="bad_words"),
        pytest.param(True, "cannot read age", id="bool"),
    ],
)
def test_age_errors(text: str | int, reason: str) -> None:
    p = parse_age(text)
    assert p.error is not None and reason in p.error
    assert (p.low, p.high) == (None, None)


@SETTINGS
@given(st.integers(0, MAX_AGE), st.sampled_from([None, PERSIAN_DIGITS, ARABIC_DIGITS]))
def test_any_valid_age_round_trips(age: int, digits: dict[int, int] | None) -> None:
    text = str(age).translate(digits) if digits else str(age)
    assert parse_age(text) == ParsedAge(text, age, age, None)
    assert parse_age(age) == ParsedAge(str(age), age, age, None)


@SETTINGS
@given(st.integers(0, MAX_AGE), st.integers(0, MAX_AGE), st.sampled_from(["-", " تا ", " to "]))
def test_ranges_keep_order_or_fail(a: int, b: int, sep: str) -> None:
    p = parse_age(f"{a}{sep}{b}")
    if a <= b:
        assert (p.low, p.high, p.error) == (a, b, None)
    else:
        assert (p.low, p.high) == (None, None) and p.error


@SETTINGS
@given(st.text(alphabet="0123456789۲۵-+ تاoverundsحدو?", max_size=12))
def test_bounds_are_ordered(text: str) -> None:
    p = parse_age(text)
    if p.error:
        assert (p.low, p.high) == (None, None)
    for value in (p.low, p.high):
        assert value is None or 0 <= value <= MAX_AGE
    if p.low is not None and p.high is not None:
        assert p.low <= p.high


def test_parse_ages_frame() -> None:
    values = pd.Series(
        ["۲۵", None, "25-30", "۲۵", "over 60", "abc", "نامعلوم"],
        index=[7, 6, 5, 4, 3, 2, 1],
        dtype="string",
    )
    out = parse_ages(values)
    assert list(out.columns) == ["low", "high", "error"]
    assert list(out.index) == [7, 6, 5, 4, 3, 2, 1]
    assert [str(t) for t in out.dtypes] == ["Int64", "Int64", "string"]
    assert out["low"].tolist() == [25, pd.NA, 25, 25, 60, pd.NA, pd.NA]
    assert out["high"].tolist() == [25, pd.NA, 30, 25, pd.NA, pd.NA, pd.NA]
    assert out["error"].tolist() == [pd.NA] * 5 + ["cannot read age", pd.NA]


def test_parse_ages_numeric_columns() -> None:
    out = parse_ages(pd.Series([25.0, np.nan, 40.0]))
    assert out["low"].tolist() == [25, pd.NA, 40]
    out = parse_ages(pd.Series([25, None, 40], dtype="Int64"))
    assert out["high"].tolist() == [25, pd.NA, 40]
