"""Happenings: event rows (one per source report) that report the same happening share a
`happening_id`. Pure and deterministic: frames in, frames out.

Rule. Only rows of the same event_type, country_code and city (case-insensitive; both empty
counts as the same) can be one happening, and only when their date windows
[event_date_earliest, event_date_latest] overlap:

1. Narrow rows (a window shorter than NARROW_DAYS: a day, a month, a season, a range of
   months) form groups by overlap, transitively: 'starting on 19 July 1988', 'Khordad and
   Tir 1367' and 'between July and September 1988' are one execution wave.
2. A wide row (a year, a range of years) joins the one narrow group it overlaps. When it
   overlaps several (a report dated only '2016' beside two dated 2016 happenings) it cannot
   tell which, and stays a happening of its own.
3. Wide rows that overlap no narrow group group among themselves by overlap (ten reports of
   'the 1988 massacre', each dated only 1988, are one happening).

Rows without date bounds are happenings of their own. The id is `happening-` + the first 12
hex digits of the sha256 of the group's smallest event_id, so it depends on the members only,
never on row order."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pandas as pd

NARROW_DAYS = 365


def happening_id(smallest_event_id: str) -> str:
    return "happening-" + hashlib.sha256(smallest_event_id.encode()).hexdigest()[:12]


def _key(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return " ".join(str(value).casefold().split())


def _day(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)[:10]


class _Sets:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def assign_happenings(events: pd.DataFrame) -> pd.DataFrame:
    """`events` with a `happening_id` column (see the module docstring)."""
    if events.empty:
        return events.assign(happening_id=pd.Series(dtype="string"))
    ids = [str(x) for x in events["event_id"]]
    sets = _Sets(ids)
    places: dict[tuple[str, str, str], list[tuple[str, tuple[str, str], bool]]] = {}
    for eid, rec in zip(ids, events.to_dict("records"), strict=True):
        start, end = _day(rec.get("event_date_earliest")), _day(rec.get("event_date_latest"))
        if start is None or end is None:
            continue
        days = (pd.Timestamp(end) - pd.Timestamp(start)).days + 1
        place = (_key(rec["event_type"]), _key(rec["country_code"]), _key(rec["city"]))
        places.setdefault(place, []).append((eid, (start, end), days < NARROW_DAYS))
    for rows in places.values():
        rows.sort()
        narrow = [(e, w) for e, w, is_narrow in rows if is_narrow]
        wide = [(e, w) for e, w, is_narrow in rows if not is_narrow]
        for i, (a, wa) in enumerate(narrow):  # 1. narrow rows, transitively
            for b, wb in narrow[i + 1:]:
                if _overlap(wa, wb):
                    sets.union(a, b)
        alone = []
        for e, w in wide:  # 2. a wide row joins the one narrow group it overlaps
            groups = sorted({sets.find(n) for n, wn in narrow if _overlap(w, wn)})
            if len(groups) == 1:
                sets.union(e, groups[0])
            elif not groups:
                alone.append((e, w))
        for i, (a, wa) in enumerate(alone):  # 3. wide rows touching no narrow group
            for b, wb in alone[i + 1:]:
                if _overlap(wa, wb):
                    sets.union(a, b)
    members: dict[str, list[str]] = {}
    for eid in ids:
        members.setdefault(sets.find(eid), []).append(eid)
    hid = {eid: happening_id(min(members[sets.find(eid)])) for eid in ids}
    return events.assign(happening_id=[hid[e] for e in ids])
