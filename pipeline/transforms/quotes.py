"""Verbatim quotes: find them in a text (whitespace-insensitively) and trim long ones to a
verbatim core of at most N words."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _collapse(text: str) -> tuple[str, list[int]]:
    """Text with whitespace runs collapsed to one space, and for each kept character the offset
    in the original text."""
    out: list[str] = []
    offsets: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if prev_space:
                continue
            out.append(" ")
            offsets.append(i)
            prev_space = True
        else:
            out.append(ch)
            offsets.append(i)
            prev_space = False
    return "".join(out), offsets


def find_quote(text: str, quote: str) -> Span | None:
    """Where ``quote`` stands verbatim in ``text`` (whitespace runs may differ), as character
    offsets into the original text; None when it does not occur."""
    needle = " ".join(quote.split())
    if not needle:
        return None
    hay, offsets = _collapse(text)
    pos = hay.find(needle)
    if pos < 0:
        return None
    start = offsets[pos]
    end = offsets[pos + len(needle) - 1] + 1
    return Span(start, end)


def word_count(text: str) -> int:
    """Number of white-space separated words in ``text``."""
    return len(text.split())


def _tokens(text: str) -> set[str]:
    return {t for t in re.findall(r"\w+", text.casefold()) if len(t) > 1 or t.isdigit()}


def trim_quote(quote: str, max_words: int, *, must_contain: str | None = None,
               anchors: tuple[str, ...] = ()) -> str | None:
    """A verbatim window of ``quote`` with at most ``max_words`` words.

    The window must contain ``must_contain`` (e.g. the figure of a claim) when given, and
    among such windows the one covering most anchor tokens (city, organizer, date words...)
    wins; ties go to the earliest window. Returns None when no window can hold
    ``must_contain``. Quotes already short enough come back unchanged.
    """
    words = list(_WORD.finditer(quote))
    if len(words) <= max_words:
        return quote if (must_contain is None or must_contain in quote) else None
    wanted = set().union(*(_tokens(a) for a in anchors)) if anchors else set()
    best: tuple[int, int] | None = None
    best_score = -1
    for i in range(len(words) - max_words + 1):
        start, end = words[i].start(), words[i + max_words - 1].end()
        window = quote[start:end]
        if must_contain is not None and must_contain not in window:
            continue
        score = len(wanted & _tokens(window))
        if score > best_score:
            best, best_score = (start, end), score
    if best is None:
        return None
    return quote[best[0] : best[1]]
