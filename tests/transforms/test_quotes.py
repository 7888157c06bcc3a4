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
