import datetime

import jdatetime
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.transforms import dates
from pipeline.transforms.dates import (
    COLUMNS,
    ParsedDate,
    gregorian_to_jalali,
    jalali_month_bounds,
    jalali_to_gregorian,
    parse_dates,
    parse_gregorian_date,
    parse_jalali_date,
)

SETTINGS = settings(max_examples=100, deadline=None)
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def g(y: int, m: int, d: int) -> str:
    """Expected Gregorian ISO date of Jalali y-m-d, from jdatetime itself."""
    return jdatetime.date(y, m, d).togregorian().isoformat()


def test_reference_values_agree_with_jdatetime() -> None:
    # Constants used below (and in STYLE.md), checked against jdatetime.
    assert g(1367, 5, 12) == "1988-08-03"
    assert g(1367, 5, 1) == "1988-07-23"
    assert g(1367, 5, 31) == "1988-08-22"
    assert g(1367, 1, 1) == "1988-03-21"
    assert g(1367, 12, 29) == "1989-03-20"
    assert g(1399, 12, 30) == "2021-03-20"
    assert not jdatetime.date(1367, 1, 1).isleap()
    assert jdatetime.date(1399, 1, 1).isleap()
    assert not jdatetime.date(1400, 1, 1).isleap()


# --- Jalali: day precision ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1367/05/12", id="ascii_ymd"),
        pytest.param("1367/5/12", id="ascii_ymd_short"),
        pytest.param("۱۳۶۷/۰۵/۱۲", id="persian_digits"),
        pytest.param("١٣٦٧/٠٥/١٢", id="arabic_indic_digits"),
        pytest.param("1367-05-12", id="hyphens"),
        pytest.param("1367.05.12", id="dots"),
        pytest.param("1367 05 12", id="spaces"),
        pytest.param("\u200f۱۳۶۷/۵/۱۲\u200e", id="bidi_marks"),
        pytest.param("12/05/1367", id="dmy_year_last"),
        pytest.param("67/5/12", id="two_digit_year_first"),
        pytest.param("12/5/67", id="two_digit_year_last"),
        pytest.param("13670512", id="compact"),
        pytest.param("12 مرداد 1367", id="persian_month_name"),
        pytest.param("۱۲ مرداد ۱۳۶۷", id="persian_month_name_persian_digits"),
        pytest.param("۱۲ مرداد\u200cماه ۱۳۶۷", id="month_with_maah"),
        pytest.param("۱۲ امرداد ۱۳۶۷", id="amordad"),
        pytest.param("12 Mordad 1367", id="latin_month_name"),
        pytest.param("Mordad 12, 1367", id="latin_month_day_comma"),
        pytest.param("12th Mordād 1367", id="latin_ordinal_macron"),
        pytest.param("۱۲ مرداد ۶۷", id="month_name_two_digit_year"),
        pytest.param("1367/05/12 ه.ش", id="era_mark"),
        pytest.param("حدود ۱۳۶۷/۵/۱۲", id="approximate_mark_ignored"),
    ],
)
def test_jalali_day(text: str) -> None:
    p = parse_jalali_date(text)
    assert p == ParsedDate(
        original=text,
        calendar="jalali",
        precision="day",
        iso=g(1367, 5, 12),
        earliest=datetime.date(1988, 8, 3),
        latest=datetime.date(1988, 8, 3),
        jalali="1367-05-12",
        error=None,
    )


@pytest.mark.parametrize(
    ("text", "month"),
    [
        pytest.param("Farvardin 1367", 1, id="farvardin"),
        pytest.param("اردیبهشت 1367", 2, id="ordibehesht"),
        pytest.param("Khordad 1367", 3, id="khordad"),
        pytest.param("تیر 1367", 4, id="tir"),
        pytest.param("Amordad 1367", 5, id="amordad"),
        pytest.param("شهريور 1367", 6, id="shahrivar_arabic_yeh"),
        pytest.param("Mehr 1367", 7, id="mehr"),
        pytest.param("آبان 1367", 8, id="aban"),
        pytest.param("Azar 1367", 9, id="azar"),
        pytest.param("Dei 1367", 10, id="dei"),
        pytest.param("دي 1367", 10, id="dey_arabic_yeh"),
        pytest.param("Bahman 1367", 11, id="bahman"),
        pytest.param("Isfand 1367", 12, id="isfand"),
        pytest.param("1367/05", 5, id="numeric_year_month"),
        pytest.param("5/1367", 5, id="numeric_month_year"),
    ],
)
def test_jalali_month_names(text: str, month: int) -> None:
    p = parse_jalali_date(text)
    start, end = jalali_month_bounds(1367, month)
    assert (p.precision, p.earliest, p.latest, p.error) == ("month", start, end, None)
    assert p.jalali == f"1367-{month:02d}"
    assert jdatetime.date.fromgregorian(date=start) == jdatetime.date(1367, month, 1)
    assert jdatetime.date.fromgregorian(date=end + datetime.timedelta(days=1)).day == 1


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("مرداد ۱۳۶۷", id="persian"),
        pytest.param("مرداد ماه ۱۳۶۷", id="persian_maah"),
        pytest.param("Mordad 1367", id="latin"),
        pytest.param("mordad 67", id="latin_two_digit_year"),
    ],
)
def test_jalali_month_mordad_1367(text: str) -> None:
    p = parse_jalali_date(text)
    assert p.calendar == "jalali"
    assert p.precision == "month"
    assert p.iso == "1988-07-23/1988-08-22"
    assert (p.earliest, p.latest) == (datetime.date(1988, 7, 23), datetime.date(1988, 8, 22))
    assert p.jalali == "1367-05"


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        pytest.param("بهار ۱۳۶۷", 1, 3, id="spring_fa"),
        pytest.param("تابستان ۱۳۶۷", 4, 6, id="summer_fa"),
        pytest.param("تابستان ۶۷", 4, 6, id="summer_fa_two_digit"),
        pytest.param("Summer 1367", 4, 6, id="summer_en"),
        pytest.param("پاییز ۱۳۶۷", 7, 9, id="autumn_fa"),
        pytest.param("پائیز ۱۳۶۷", 7, 9, id="autumn_fa_hamza"),
        pytest.param("fall of 1367", 7, 9, id="fall_en"),
        pytest.param("زمستان ۱۳۶۷", 10, 12, id="winter_fa"),
    ],
)
def test_jalali_season(text: str, first: int, last: int) -> None:
    p = parse_jalali_date(text)
    start, end = jalali_month_bounds(1367, first)[0], jalali_month_bounds(1367, last)[1]
    assert (p.calendar, p.precision, p.error) == ("jalali", "season", None)
    assert (p.earliest, p.latest) == (start, end)
    assert p.iso == f"{start}/{end}"
    assert p.jalali == f"1367-{first:02d}/1367-{last:02d}"


def test_jalali_summer_1367_values() -> None:
    assert parse_jalali_date("تابستان ۱۳۶۷").iso == "1988-06-22/1988-09-22"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1367", id="ascii"),
        pytest.param("۱۳۶۷", id="persian"),
        pytest.param("67", id="two_digit"),
        pytest.param("سال ۱۳۶۷", id="with_saal"),
        pytest.param("۱۳۶۷ ش", id="era_sh"),
        pytest.param("1367?", id="question_mark"),
    ],
)
def test_jalali_year(text: str) -> None:
    p = parse_jalali_date(text)
    assert (p.calendar, p.precision, p.error, p.jalali) == ("jalali", "year", None, "1367")
    assert p.iso == "1988-03-21/1989-03-20"
    assert p.earliest == jalali_to_gregorian(1367, 1, 1)
    assert p.latest == jalali_to_gregorian(1368, 1, 1) - datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("text", "iso", "jalali"),
    [
        pytest.param(
            "1367/05/01 - 1367/05/10",
            f"{g(1367, 5, 1)}/{g(1367, 5, 10)}",
            "1367-05-01/1367-05-10",
            id="days_hyphen",
        ),
        pytest.param(
            "مرداد ۱۳۶۷ تا شهریور ۱۳۶۷",
            f"{g(1367, 5, 1)}/{g(1367, 6, 31)}",
            "1367-05/1367-06",
            id="months_ta",
        ),
        pytest.param("1367-1368", f"{g(1367, 1, 1)}/{g(1368, 12, 29)}", "1367/1368", id="years"),
    ],
)
def test_jalali_range(text: str, iso: str, jalali: str) -> None:
    p = parse_jalali_date(text)
    assert (p.precision, p.iso, p.jalali, p.error) == ("range", iso, jalali, None)


# --- Jalali: impossible and unreadable ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("1367/13/01", "month 13", id="month_13"),
        pytest.param("۱۳۶۷/۱۳/۰۱", "month 13", id="month_13_persian_digits"),
        pytest.param("1367/00/01", "month 0", id="month_0"),
        pytest.param("1367/07/31", "day 31 does not exist in Mehr", id="31_mehr"),
        pytest.param("1367/12/31", "day 31 does not exist in Esfand", id="31_esfand"),
        pytest.param("1367/05/32", "day 32", id="day_32"),
        pytest.param("1367/05/00", "day 0", id="day_0"),
        pytest.param("1400/12/30", "1400 is not a leap year", id="30_esfand_non_leap"),
        pytest.param("1367/12/30", "1367 is not a leap year", id="30_esfand_1367"),
        pytest.param("1299/01/01", "outside the Jalali years", id="year_too_early"),
        pytest.param("1421", "outside the Jalali years", id="year_too_late"),
        pytest.param("10/5/12", "no unambiguous year", id="two_digit_ambiguous"),
        pytest.param("July 1367", "gregorian month name", id="gregorian_month_jalali_year"),
        pytest.param("1368 تا 1367", "range ends before it starts", id="reversed_range"),
        pytest.param("اوایل مرداد ۱۳۶۷", "cannot read date", id="unsupported_words"),
        pytest.param("abc", "cannot read date", id="garbage"),
        pytest.param("1367/05/12 10:30", "cannot read date", id="time_of_day"),
    ],
)
def test_jalali_errors(text: str, reason: str) -> None:
    p = parse_jalali_date(text)
    assert p.error is not None and reason in p.error
    assert (p.precision, p.iso, p.earliest, p.latest, p.jalali) == (
        "unknown",
        None,
        None,
        None,
        None,
    )
    assert p.original == text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(None, id="none"),
        pytest.param("", id="empty"),
        pytest.param("  ", id="blank"),
        pytest.param("نامعلوم", id="namaloum"),
        pytest.param("نا معلوم", id="na_maloum"),
        pytest.param("unknown", id="unknown"),
        pytest.param("Unknown", id="unknown_capital"),
        pytest.param("?", id="question_mark"),
        pytest.param("؟", id="persian_question_mark"),
    ],
)
def test_jalali_unknown(text: str | None) -> None:
    p = parse_jalali_date(text)
    assert p == ParsedDate(text, None, "unknown", None, None, None, None, None)


@pytest.mark.parametrize(
    ("year", "leap"),
    [pytest.param(y, jdatetime.date(y, 1, 1).isleap(), id=str(y)) for y in range(1360, 1410)],
)
def test_30_esfand_follows_jdatetime_leap_years(year: int, leap: bool) -> None:
    p = parse_jalali_date(f"{year}/12/30")
    assert (p.error is None) == leap
    assert parse_jalali_date(f"{year}/12/29").error is None


def test_known_leap_years() -> None:
    assert parse_jalali_date("1399/12/30").iso == "2021-03-20"
    assert parse_jalali_date("1400/12/30").error is not None


# --- Gregorian detected in a Jalali column ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision", "iso"),
    [
        pytest.param("1988-07-30", "day", "1988-07-30", id="iso_day"),
        pytest.param("۱۹۸۸/۰۷/۳۰", "day", "1988-07-30", id="persian_digits"),
        pytest.param("30/07/1988", "day", "1988-07-30", id="dmy"),
        pytest.param("19880730", "day", "1988-07-30", id="compact"),
        pytest.param("1988/07", "month", "1988-07", id="month"),
        pytest.param("July 1988", "month", "1988-07", id="month_name"),
        pytest.param("۸ اوت ۱۹۸۸", "day", "1988-08-08", id="persian_gregorian_month_name"),
        pytest.param("1988", "year", "1988", id="year"),
        pytest.param("1988 میلادی", "year", "1988", id="miladi_mark"),
    ],
)
def test_gregorian_detected_in_jalali_column(text: str, precision: str, iso: str) -> None:
    p = parse_jalali_date(text)
    assert (p.calendar, p.precision, p.iso, p.jalali, p.error) == (
        "gregorian",
        precision,
        iso,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("07/08/1988", "ambiguous day/month order", id="ambiguous"),
        pytest.param("مرداد 1988", "jalali month name with a gregorian year", id="jalali_month"),
        pytest.param("1988/02/30", "day 30 does not exist in February", id="feb_30"),
    ],
)
def test_gregorian_detected_errors(text: str, reason: str) -> None:
    p = parse_jalali_date(text)
    assert p.calendar == "gregorian"
    assert p.error is not None and reason in p.error


# --- Gregorian column ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        pytest.param("1988-07-30", "1988-07-30", id="iso"),
        pytest.param("1988/07/30", "1988-07-30", id="slashes"),
        pytest.param("30.07.1988", "1988-07-30", id="dotted"),
        pytest.param("08.07.1988", "1988-07-08", id="dotted_always_day_first"),
        pytest.param("30/07/1988", "1988-07-30", id="dmy"),
        pytest.param("07/30/1988", "1988-07-30", id="mdy"),
        pytest.param("12/12/1988", "1988-12-12", id="same_day_and_month"),
        pytest.param("30 July 1988", "1988-07-30", id="d_month_y"),
        pytest.param("July 30, 1988", "1988-07-30", id="month_d_y"),
        pytest.param("Sept. 5, 1988", "1988-09-05", id="abbreviated_month"),
        pytest.param("1988-02-29", "1988-02-29", id="leap_day"),
    ],
)
def test_gregorian_day(text: str, iso: str) -> None:
    p = parse_gregorian_date(text)
    day = datetime.date.fromisoformat(iso)
    assert p == ParsedDate(text, "gregorian", "day", iso, day, day, None, None)


@pytest.mark.parametrize(
    ("text", "precision", "iso", "earliest", "latest"),
    [
        pytest.param("1988-07", "month", "1988-07", "1988-07-01", "1988-07-31", id="month"),
        pytest.param("July 1988", "month", "1988-07", "1988-07-01", "1988-07-31", id="month_name"),
        pytest.param("Feb 1988", "month", "1988-02", "1988-02-01", "1988-02-29", id="feb_leap"),
        pytest.param("1988", "year", "1988", "1988-01-01", "1988-12-31", id="year"),
        pytest.param("1988 AD", "year", "1988", "1988-01-01", "1988-12-31", id="era_ad"),
        pytest.param(
            "summer 1988", "season", "1988-06-22/1988-09-22", "1988-06-22", "1988-09-22",
            id="summer_astronomical",
        ),
        pytest.param(
            "July 1988 - August 1988", "range", "1988-07-01/1988-08-31", "1988-07-01",
            "1988-08-31", id="range",
        ),
    ],
)  # fmt: skip
def test_gregorian_coarse(text: str, precision: str, iso: str, earliest: str, latest: str) -> None:
    p = parse_gregorian_date(text)
    start, end = datetime.date.fromisoformat(earliest), datetime.date.fromisoformat(latest)
    assert p == ParsedDate(text, "gregorian", precision, iso, start, end, None, None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("07/08/1988", "ambiguous day/month order", id="ambiguous_slash"),
        pytest.param("07-08-1988", "ambiguous day/month order", id="ambiguous_hyphen"),
        pytest.param("1988-02-30", "day 30 does not exist in February 1988", id="feb_30"),
        pytest.param("1987-02-29", "day 29 does not exist in February 1987", id="feb_29_non_leap"),
        pytest.param("1988-13-01", "month 13", id="month_13"),
        pytest.param("1367", "(a Jalali year?)", id="jalali_year_hint"),
        pytest.param("5/7/88", "no unambiguous year", id="two_digit_year"),
        pytest.param("winter 1988", "winter spans two years", id="winter"),
        pytest.param("مرداد 1988", "jalali month name", id="jalali_month_name"),
    ],
)
def test_gregorian_errors(text: str, reason: str) -> None:
    p = parse_gregorian_date(text)
    assert p.error is not None and reason in p.error
    assert (p.precision, p.iso, p.earliest, p.latest) == ("unknown", None, None, None)


def test_explicit_era_mark_decides_calendar() -> None:
    p = parse_gregorian_date("۱۳۶۷ ه.ش")
    assert (p.calendar, p.precision, p.jalali) == ("jalali", "year", "1367")


def test_non_string_cells() -> None:
    assert parse_jalali_date(1367).jalali == "1367"  # type: ignore[arg-type]
    assert parse_jalali_date(1367.0).jalali == "1367"  # type: ignore[arg-type]
    assert parse_gregorian_date(datetime.date(1988, 7, 30)).iso == "1988-07-30"  # type: ignore[arg-type]


# --- conversion wrappers and invariants ---------------------------------------------------------

gregorian_dates = st.dates(
    min_value=datetime.date(1921, 3, 21), max_value=datetime.date(2042, 3, 20)
)


@st.composite
def jalali_dates(draw: st.DrawFn) -> tuple[int, int, int]:
    y = draw(st.integers(1300, 1420))
    m = draw(st.integers(1, 12))
    d = draw(st.integers(1, 31))
    try:
        jdatetime.date(y, m, d)
    except ValueError:
        assume(False)
    return y, m, d


@SETTINGS
@given(gregorian_dates)
def test_gregorian_jalali_gregorian_round_trip(date: datetime.date) -> None:
    assert jalali_to_gregorian(*gregorian_to_jalali(date)) == date


@SETTINGS
@given(jalali_dates())
def test_jalali_gregorian_jalali_round_trip(ymd: tuple[int, int, int]) -> None:
    assert gregorian_to_jalali(jalali_to_gregorian(*ymd)) == ymd


@SETTINGS
@given(jalali_dates(), st.sampled_from(["{y}/{m}/{d}", "{y}-{m:02d}-{d:02d}", "{d}/{m}/{y}"]))
def test_parse_jalali_day_matches_jdatetime(ymd: tuple[int, int, int], fmt: str) -> None:
    y, m, d = ymd
    text = fmt.format(y=y, m=m, d=d).translate(PERSIAN_DIGITS)
    p = parse_jalali_date(text)
    assert p.iso == jdatetime.date(y, m, d).togregorian().isoformat()
    assert p.jalali == f"{y:04d}-{m:02d}-{d:02d}"


@SETTINGS
@given(st.integers(1300, 1420), st.integers(1, 12))
def test_month_bounds_are_the_whole_month(y: int, m: int) -> None:
    p = parse_jalali_date(f"{y}/{m}")
    assert p.earliest is not None and p.latest is not None
    assert gregorian_to_jalali(p.earliest) == (y, m, 1)
    last = gregorian_to_jalali(p.latest)
    assert last[:2] == (y, m)
    assert gregorian_to_jalali(p.latest + datetime.timedelta(days=1))[2] == 1


@SETTINGS
@given(st.text(alphabet="0123456789۰۱۳۶۷/-. مردادتیرMordaSumer?", max_size=14))
def test_parse_never_raises_and_is_consistent(text: str) -> None:
    for p in (parse_jalali_date(text), parse_gregorian_date(text)):
        assert p.precision in dates.PRECISIONS
        if p.error or p.precision == "unknown":
            assert (p.iso, p.earliest, p.latest) == (None, None, None)
        else:
            assert p.earliest is not None and p.latest is not None
            assert p.earliest <= p.latest


@pytest.mark.parametrize(
    ("ymd", "message"),
    [
        pytest.param((1367, 13, 1), "month", id="month_13"),
        pytest.param((1367, 7, 31), "day", id="31_mehr"),
        pytest.param((1400, 12, 30), "day", id="30_esfand_1400"),
    ],
)
def test_jalali_to_gregorian_rejects_impossible(ymd: tuple[int, int, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        jalali_to_gregorian(*ymd)


# --- parse_dates --------------------------------------------------------------------------------


def test_parse_dates_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = dates._parse_normalized  # parse_dates reads each distinct value through it

    def counting(value: str | None, text: str | None, calendar: str) -> ParsedDate:
        calls.append(value)
        return real(value, text, calendar)

    monkeypatch.setattr(dates, "_parse_normalized", counting)
    values = pd.Series(
        ["مرداد ۱۳۶۷", None, "1367/13/01", "مرداد ۱۳۶۷", "1988-07-30", "نامعلوم"],
        index=["r6", "r5", "r4", "r3", "r2", "r1"],
        dtype="string",
    )
    out = parse_dates(values, "jalali")
    assert list(out.columns) == COLUMNS
    assert list(out.index) == list(values.index)
    assert all(str(dtype) == "string" for dtype in out.dtypes)
    assert calls.count("مرداد ۱۳۶۷") == 1
    assert out.loc["r6"].tolist() == [
        "jalali", "month", "1988-07-23/1988-08-22", "1988-07-23", "1988-08-22", "1367-05", pd.NA,
    ]  # fmt: skip
    assert out.loc["r3"].tolist() == out.loc["r6"].tolist()
    assert out.loc["r5", "precision"] == "unknown" and pd.isna(out.loc["r5", "calendar"])
    assert out.loc["r4", "error"] == "month 13 does not exist"
    assert out.loc["r2", "calendar"] == "gregorian"
    assert out.loc["r1", "precision"] == "unknown" and pd.isna(out.loc["r1", "error"])


DATE_PARTS = ["1367", "۱۳۶۷", "١٣٦٧", "67", "۶۷", "1988", "5", "۵", "05", "12", "۱۲", "31", "30",
              "13", "/", "-", ".", " ", "  ", "\u200c", "مرداد", "مرداد\u200cماه", "ماه", "تابستان",
              "Mordad", "July", "تا", " to ", "–", "حدود", "?", "؟", "ه.ش", "میلادی", "AD",
              "نامعلوم", "unknown", "", "ـ", "\u064e"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(DATE_PARTS), max_size=7).map("".join) | st.none(),
                max_size=25),
       st.sampled_from(["jalali", "gregorian"]))
def test_parse_dates_rows_equal_the_one_value_parser(values: list[str | None],
                                                     calendar: str) -> None:
    """parse_dates parses each distinct normalized text once; every row is still what the
    one-value parser gives for that cell (Persian/Arabic digits, ZWNJ, tatweel, marks...)."""
    out = parse_dates(pd.Series(values, dtype="string"), calendar)
    one = parse_jalali_date if calendar == "jalali" else parse_gregorian_date
    for value, (_, row) in zip(values, out.iterrows(), strict=True):
        parsed = one(value)
        expected = [parsed.calendar, parsed.precision, parsed.iso,
                    parsed.earliest.isoformat() if parsed.earliest else None,
                    parsed.latest.isoformat() if parsed.latest else None, parsed.jalali,
                    parsed.error]
        assert [None if pd.isna(v) else v for v in row.tolist()] == expected, value


def test_parse_dates_object_dtype_and_calendar_check() -> None:
    out = parse_dates(pd.Series(["1988-07-30", float("nan")], dtype=object), "gregorian")
    assert out["iso"].tolist() == ["1988-07-30", pd.NA]
    with pytest.raises(ValueError, match="calendar"):
        parse_dates(pd.Series(["1367"]), "hijri")


# --- coded event dates (issue 11 item 3) -------------------------------------------------------

from pipeline.transforms.dates import (  # noqa: E402
    CodedDate,
    DateProblem,
    coded_date,
    date_evidence_problem,
)  # noqa: E402


@pytest.mark.parametrize("date,precision,text,earliest,latest,jalali", [
    pytest.param("1988-07/1988-09", "range", "1988-07/1988-09", "1988-07-01", "1988-09-30",
                 None, id="july_to_september"),
    pytest.param("2003/2017", "range", "2003/2017", "2003-01-01", "2017-12-31", None,
                 id="years"),
    pytest.param("1367-09", "month", "1988-11-22/1988-12-21", "1988-11-22", "1988-12-21",
                 "1367-09", id="azar_1367"),
    pytest.param("1367-05/1367-06", "range", "1988-07-23/1988-09-22", "1988-07-23",
                 "1988-09-22", "1367-05/1367-06", id="mordad_shahrivar"),
    pytest.param("1367-06-10", "day", "1988-09-01", "1988-09-01", "1988-09-01", "1367-06-10",
                 id="jalali_day"),
    pytest.param("1988", "year", "1988", "1988-01-01", "1988-12-31", None, id="year"),
])
def test_coded_date_bounds_match_the_evidence(date, precision, text, earliest, latest, jalali):
    got = coded_date(date, precision)
    assert isinstance(got, CodedDate), got
    assert (got.text, got.earliest, got.latest, got.jalali) == (text, earliest, latest, jalali)


@pytest.mark.parametrize("date,precision,reason", [
    ("1988-07", "range", "'1988-07' does not fit precision 'range' (a range is written A/B"),
    ("1988-07/1988-09", "month", "'1988-07/1988-09' does not fit precision 'month'"),
    ("1988-09/1988-07", "range", "'1988-09/1988-07': range ends before it starts"),
    ("1988-02-30", "day", "'1988-02-30': day 30 does not exist in February 1988 (29 days)"),
    ("1367-13", "month", "'1367-13': month 13 does not exist"),
    ("1988", "month", "'1988' is not YYYY, YYYY-MM or YYYY-MM-DD as its precision 'month'"),
    ("July 1988", "month", "'July 1988' is not YYYY, YYYY-MM or YYYY-MM-DD (or A/B of them)"),
    ("1988", "season", "precision 'season' is not one of day, month, year, range"),
])
def test_coded_date_refuses_what_does_not_fit(date, precision, reason):
    """The refusal names the value and the reason, for the coder's error line."""
    got = coded_date(date, precision)
    assert isinstance(got, DateProblem), got
    assert got.reason.startswith(reason), got


@pytest.mark.parametrize("evidence,date,precision,bad", [
    ("executed between July and September 1988", "1988-07", "month", True),
    ("In 1988, from July to September, ...", "1988-07", "month", True),
    ("actions between 2003 and 2017 to destroy", "2003", "year", True),
    ("در ماههای مرداد و شهریور ۱۳۶۷", "1988-08", "month", True),
    ("خانوادههایی که در آذرماه ۶۷ به خاوران رفته", "1988-12", "month", True),
    ("خانوادههایی که در آذرماه ۶۷ به خاوران رفته", "1367-09", "month", False),
    ("executed between July and September 1988", "1988-07/1988-09", "range", False),
    ("In late July 2018, graves of the victims of the 1988 massacre", "2018-07", "month",
     False),
    ("در گورستان خاوران امرور 8 شهريور 1381، برگزار گرديد", "2002-08-30", "day", True),
    ("در گورستان خاوران امرور 8 شهريور 1381، برگزار گرديد", "1381-06-08", "day", False),
    ("این مراسم جمعه پنجم شهریور / ۲۶ اوت برگزار شد", "2016-08-26", "day", False),
])
def test_date_evidence_problem(evidence, date, precision, bad):
    coded = coded_date(date, precision)
    assert not isinstance(coded, str)
    assert (date_evidence_problem(evidence, coded) is not None) is bad


def test_a_start_and_a_duration_is_not_a_day():
    evidence = "executions across Iran, starting on 19 July 1988 and lasting for five months"
    assert date_evidence_problem(evidence, coded_date("1988-07-19", "day")) is not None
    assert date_evidence_problem(evidence, coded_date("1988-07-19/1988-12", "range")) is None
    assert date_evidence_problem("On 19 July 1988 the wave began",
                                 coded_date("1988-07-19", "day")) is None
