"""pipeline.transforms.textbytes: the skip tests read from Arrow's buffers never miss a value
that checking every value would find."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from pipeline.transforms.textbytes import SPACE_LEADS, may_be_blank, may_start_with

ALL_CHARACTERS = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
SPACES = [c for c in ALL_CHARACTERS if not c.strip()]


def test_every_character_pandas_strips_starts_with_a_space_lead():
    s = pd.Series(ALL_CHARACTERS, dtype="string")
    stripped = (s.str.strip() == "").to_numpy()
    gone = {c for c, g in zip(ALL_CHARACTERS, stripped, strict=True) if g}
    assert gone == set(SPACES)  # Arrow's white space is Python's
    assert {c.encode("utf-8")[0] for c in gone} <= set(SPACE_LEADS)


@pytest.mark.parametrize("values, expected", [
    pytest.param(["a", None, "ی b"], False, id="none"),
    pytest.param(["a", ""], True, id="empty"),
    pytest.param(["a", " "], True, id="space"),
    pytest.param(["a", "\u3000"], True, id="ideographic_space"),
    pytest.param(["a", " a"], True, id="leading_space_not_blank_but_checked"),
    pytest.param([None, None], False, id="all_null"),
    pytest.param([], False, id="no_rows"),
])
def test_may_be_blank(values, expected):
    assert may_be_blank(pd.Series(values, dtype="string")) is expected


@pytest.mark.parametrize("seed", range(4))
def test_may_be_blank_never_misses_a_blank_value(seed):
    rng = random.Random(seed)
    pieces = ["a", "ی", "x y", "", *SPACES]
    values = [None if rng.random() < 0.1 else "".join(rng.choice(pieces)
                                                      for _ in range(rng.randint(0, 3)))
              for _ in range(300)]
    s = pd.Series(values, dtype="string")
    for part in (s, s.iloc[17:203], s.iloc[::-2]):
        if (part.str.strip() == "").fillna(False).any():
            assert may_be_blank(part)


def test_object_text_is_checked_value_by_value():
    assert may_be_blank(pd.Series(["a"], dtype=object)) is True
    assert may_start_with(pd.Series(["a"], dtype=object), ("=",)) is True


def test_may_start_with():
    s = pd.Series(["a", None, "=1", "b", ""], dtype="string")
    assert may_start_with(s, ("=",)) and not may_start_with(s, ("+",))
    assert may_start_with(s.iloc[[0, 1, 3, 4]], ("=",)) is False
    assert may_start_with(s.iloc[3:], ("=",)) is False
    assert may_start_with(s, ("é",)) is True  # not one ASCII byte: unsure
