"""Rules no model probability can override: which records may never be one person.

A model join is refused (the records stay apart unless a reviewer decides otherwise) when

- **a name is only one word** (``Rezaei``, ``Jamshidi``): a surname alone, with at most a city
  and the year 1988, does not identify a person; many namesakes share it. Such a record joins
  another only by a reviewed decision (link_decisions.csv / link_labels.csv).
- **the given names differ**: the given name (first word of the name, or the first two when
  the first is a prefix such as Mohammad, Abdol, Seyed, Gholam, Mir) differs, and it is not
  found among the other name's words (swapped order) or explained by spacing (``Gholamreza`` /
  ``Gholam Reza``). Checked in Persian script and in Latin; the join is refused only when every
  script both records have says the given names differ (a typo in one script alone, as in the
  labelled ``Ashraf`` / ``Afshar`` pair, is not enough). So brothers ``Abdol-Karim`` /
  ``Abdol-Rahim Makiani`` and ``Ardalan`` / ``Ardavan Sehat`` are never one person.

Keys are the same name keys the model compares (engine.name_key: hamza forms, transliteration
variants folded). Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from pipeline.linkage.engine import name_key
from pipeline.transforms.names import map_unique

# A given name starting with one of these usually has a second part (Mohammad Taqi,
# Seyed Ali, Gholam Hossein): the first two words are the given name.
_PREFIXES_RAW = ("Mohammad", "Mohamad", "Ahmad", "Abdol", "Abdul", "Abd", "Seyed", "Sayed",
                 "Mir", "Gholam", "Haj", "Mirza", "Sheikh", "Ali",
                 "محمد", "احمد", "سید", "میر", "غلام", "حاج", "حاجی", "میرزا", "شیخ", "علی",
                 "عبد", "عبدال")
PREFIXES = frozenset(k for k in (name_key(p) for p in _PREFIXES_RAW) if k)

NameTokens = tuple[tuple[str, ...], ...]  # one tuple of words per script (fa, latin)

SURNAME_ONLY = "name_single_word"
GIVEN_DIFFERS = "given_names_differ"


def _tokens(value: object) -> tuple[str, ...]:
    if not isinstance(value, str) or not value.strip():
        return ()
    key = name_key(value)
    return tuple(key.split()) if key else ()


def name_tokens(records: pd.DataFrame, columns: tuple[str, ...] = ("name_fa", "name_latin")
                ) -> dict[str, NameTokens]:
    """record_id -> the name words per script (Persian, Latin), from the model's name keys."""
    per_col = [map_unique(records[c].astype("string"), _tokens) if c in records.columns
               else pd.Series([()] * len(records), index=records.index) for c in columns]
    ids = records["record_id"].astype(str).tolist()
    cols = [[t if isinstance(t, tuple) else () for t in s.tolist()] for s in per_col]
    return {rid: tuple(c[i] for c in cols) for i, rid in enumerate(ids)}


def given_name(words: tuple[str, ...]) -> str:
    """The given name of a name's words: the first word, or the first two after a prefix."""
    if len(words) >= 3 and words[0] in PREFIXES:
        return words[0] + words[1]
    return words[0]


def _given_differs(a: tuple[str, ...], b: tuple[str, ...]) -> bool | None:
    """None when a script cannot tell (a side has fewer than two words)."""
    if len(a) < 2 or len(b) < 2:
        return None
    ga, gb = given_name(a), given_name(b)
    if ga == gb or "".join(a) == "".join(b):
        return False
    if ga in b or gb in a or ga in _pairs(b) or gb in _pairs(a):
        return False  # swapped order, or spacing inside the given name
    return True


def _pairs(words: tuple[str, ...]) -> set[str]:
    return {words[i] + words[i + 1] for i in range(len(words) - 1)} | set(words)


def is_single_word(t: NameTokens) -> bool:
    """True when no script gives the name more than one word (a surname alone)."""
    return max((len(w) for w in t), default=0) < 2


def conflict(a: NameTokens, b: NameTokens) -> str | None:
    """Why records with these names may not be joined by the model, or None."""
    if is_single_word(a) or is_single_word(b):
        return SURNAME_ONLY
    says = [d for d in (_given_differs(x, y) for x, y in zip(a, b, strict=True))
            if d is not None]
    if says and all(says):
        return GIVEN_DIFFERS
    return None


def conflict_checker(records: pd.DataFrame, columns: tuple[str, ...] = ("name_fa", "name_latin")
                     ) -> Callable[[str, str], str | None]:
    """(record_id, record_id) -> reason the pair may not be one person by the model, or None.

    Name words are worked out only for the records a check asks about (clustering checks the
    records of candidate joins, a small part of a large list), each distinct name once."""
    names = {c: dict(zip(records["record_id"].astype(str), records[c].astype(object),
                         strict=True)) if c in records.columns else {} for c in columns}
    words: dict[object, tuple[str, ...]] = {}
    tokens: dict[str, NameTokens] = {}
    cache: dict[tuple[str, str], str | None] = {}

    def of(rid: str) -> NameTokens:
        if rid not in tokens:
            out = []
            for c in columns:
                v = names[c].get(rid)
                v = v if isinstance(v, str) else None
                if v not in words:
                    words[v] = _tokens(v)
                out.append(words[v])
            tokens[rid] = tuple(out)
        return tokens[rid]

    def check(x: str, y: str) -> str | None:
        key = (x, y) if x < y else (y, x)
        if key not in cache:
            cache[key] = conflict(of(x), of(y))
        return cache[key]

    return check
