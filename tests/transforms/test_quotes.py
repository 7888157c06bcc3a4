import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.transforms.quotes import find_quote, trim_quote, word_count

TEXT = "On Friday, October 4,\non the eve of the day,  members organized an exhibition."


def test_find_quote_ignores_whitespace_differences_and_returns_original_offsets():
    span = find_quote(TEXT, "October 4, on the eve")
    assert span is not None
    assert TEXT[span.start : span.end] == "October 4,\non the eve"
    assert find_quote(TEXT, "October 5") is None
    assert find_quote(TEXT, "   ") is None


def test_trim_keeps_short_quotes_and_requires_the_figure():
    assert trim_quote("over 30,000 prisoners", 25, must_contain="30,000") == "over 30,000 prisoners"
    assert trim_quote("over 30,000 prisoners", 25, must_contain="5,000") is None


def test_trim_picks_window_with_anchor():
    quote = " ".join(f"w{i}" for i in range(40)) + " London rally"
    out = trim_quote(quote, 10, anchors=("London",))
    assert out is not None and "London" in out and word_count(out) == 10
    assert out in quote


@given(st.lists(st.sampled_from(["a", "bb", "30,000", "London", "x"]), min_size=1, max_size=60),
       st.integers(min_value=1, max_value=30))
def test_trim_is_verbatim_and_bounded(words, limit):
    quote = " ".join(words)
    out = trim_quote(quote, limit)
    assert out is not None
    assert out in quote
    assert word_count(out) <= limit


@pytest.mark.parametrize("text,precision,expected", [
    pytest.param("1988", "year", ("1988-01-01", "1988-12-31"), id="year_is_not_jan_1"),
    pytest.param("1988-02", "month", ("1988-02-01", "1988-02-29"), id="leap_february"),
    pytest.param("2019-10-12", "day", ("2019-10-12", "2019-10-12"), id="day"),
])
def test_partial_date_bounds(text, precision, expected):
    from pipeline.transforms.periods import partial_date_bounds

    assert partial_date_bounds(text, precision) == expected


@pytest.mark.parametrize("text,precision,reason", [
    pytest.param("2019-02-30", "day", "'2019-02-30' is not a real date (", id="impossible_day"),
    pytest.param("2019-10", "day", "'2019-10' is not YYYY-MM-DD as its precision 'day' requires",
                 id="precision_mismatch"),
    pytest.param("2019-13", "month", "'2019-13' is not a real date (", id="month_13"),
    pytest.param("", "year", "'' is not YYYY as its precision 'year' requires", id="empty"),
    pytest.param("2019", "decade", "precision 'decade' is not one of day, month, year",
                 id="unknown_precision"),
])
def test_partial_date_bounds_errors(text, precision, reason):
    """The reason names the value and what is wrong with it (a str, not a pair of days)."""
    from pipeline.transforms.periods import partial_date_bounds

    got = partial_date_bounds(text, precision)
    assert isinstance(got, str), got
    assert got.startswith(reason), got
