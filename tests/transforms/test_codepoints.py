"""Each code-point step gives what the str / re step it stands for gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.transforms import codepoints as cp

ZWNJ = "\u200c"
texts = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30) | st.text(
    alphabet="ab \u00a0\t\n\x00" + ZWNJ + "علی\U0001d400\u3000", max_size=30)


def _zwnj(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return ZWNJ if before.isalpha() and after.isalpha() else ""


@settings(max_examples=400, deadline=None)
@given(texts)
def test_steps_equal_str_and_re(text):
    points = cp.to_codepoints(text)
    assert cp.to_text(points) == text
    for method in ("isspace", "isalpha", "isalnum"):
        assert cp.char_class(points, method).tolist() == [getattr(c, method)() for c in text]
    assert cp.to_text(cp.collapse_whitespace(points)) == re.sub(r"\s+", " ", text)
    assert cp.to_text(cp.keep_joiner_between_letters(points, ord(ZWNJ))) == re.sub(
        ZWNJ + "+", _zwnj, text)
    stripped = "\x00".join(re.sub(" {2,}", " ", p).strip(" ") for p in text.split("\x00"))
    assert cp.to_text(cp.strip_spaces_around(points, 0)) == stripped


@settings(max_examples=200, deadline=None)
@given(texts)
def test_translate_equals_str_translate(text):
    table = {ord("a"): "b", ord("ی"): None, 0x00A0: " ", ord(ZWNJ): None, 0: "0"}
    assert cp.to_text(cp.translate(cp.to_codepoints(text), cp.lookup_table(table))) == \
        text.translate(table)


def test_lookup_table_refuses_what_it_cannot_do():
    with pytest.raises(ValueError, match="one-character"):
        cp.lookup_table({ord("æ"): "ae"})
    with pytest.raises(ValueError, match="one-character"):
        cp.lookup_table({0x1D400: "a"})


def test_lone_surrogate_cannot_be_encoded():
    with pytest.raises(UnicodeEncodeError):
        cp.to_codepoints("a\ud800")


def test_basic_plane_text_is_scanned_as_uint16_else_uint32():
    assert cp.to_codepoints("علی a").dtype == "uint16"
    assert cp.to_codepoints("علی \U0001d400").dtype == "uint32"
    for text in ("علی a", "علی \U0001d400", ""):
        assert cp.to_text(cp.to_codepoints(text)) == text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=8),
                max_size=12))
def test_joined_text_and_split_text_round_trip(values):
    import pyarrow as pa

    arr = pa.array(["x", *values, "y"], pa.string()).slice(1, len(values))  # (an offset)
    text = cp.joined_text(arr, "\x00")
    if not values or any("\x00" in v for v in values):
        assert text is None
        return
    assert text == "\x00".join(values)
    assert cp.split_text(text, "\x00").to_pylist() == [v or None for v in values]
