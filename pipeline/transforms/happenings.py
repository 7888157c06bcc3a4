"""Happenings: event rows (one per source report) that report the same happening share a
`happening_id`. Pure and deterministic: frames in, frames out.

Rule. Only rows of the same event_type, country_code and city (case-insensitive; both empty
counts as the same; an empty city by rule 4) can be one happening, and only when their date windows
[event_date_earliest, event_date_latest] overlap:

1. Narrow rows (a window shorter than NARROW_DAYS: a day, a month, a season, a range of
   months) form groups by overlap, transitively: 'starting on 19 July 1988', 'Khordad and
   Tir 1367' and 'between July and September 1988' are one execution wave.
2. A wide row (a year, a range of years) of a type in WIDE_JOINS_NARROW (one campaign:
   the execution wave) joins the one narrow group it overlaps. When it overlaps several it
   cannot tell which, and stays a happening of its own. A wide row of any other type never
   joins a narrow group: type + year do not tell which of the year's protests it reports.
3. Wide rows of such a type that join no narrow group group among themselves by overlap (ten
   reports of 'the 1988 massacre', each dated only 1988, are one happening); wide rows of
   other types stay happenings of their own.
4. Rows without a city (a report's coder often leaves it empty) join a group of a named city
   of the same type and country (any, when they name no country) and an organizer of the
   same kind when it is the only group they could join by 1-2, in any city; never two named
   cities through them (see `_join_cityless`).

Rows without date bounds are happenings of their own. The id is `happening-` + the first 12
hex digits of the sha256 of the group's smallest event_id, so it depends on the members only,
never on row order."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pandas as pd

NARROW_DAYS = 365
# types that name one campaign over their window: a report dated only '1988' of the
# execution wave is the wave that others date 'July to September 1988'. A protest, a
# statement or a commemoration dated only '2016' may be any of that year's, so it never
# joins a dated group (a hunger strike is not the rally of 19 November).
WIDE_JOINS_NARROW = frozenset({"execution_wave"})


def happening_id(smallest_event_id: str) -> str:
    """Stable id of a happening: ``happening-`` + the first 12 hex digits of the sha256 of its
    smallest event id."""
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


def _joinable(a: tuple[str, tuple[str, str], bool], b: tuple[str, tuple[str, str], bool],
              event_type: str) -> bool:
    """Two rows of one place and type can be one happening: overlapping windows, and a wide
    row beside a narrow one only for a type that names one campaign (WIDE_JOINS_NARROW)."""
    if not _overlap(a[1], b[1]):
        return False
    return a[2] == b[2] or event_type in WIDE_JOINS_NARROW


def _same_kind(a: str, b: str) -> bool:
    """Organizer affiliation codes that do not tell two happenings apart: equal, or one
    unknown/empty (an NGO's statement is not the state's reaction to the same verdict)."""
    return a == b or a in ("", "unknown") or b in ("", "unknown")


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
    for (event_type, _, _), rows in places.items():
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
            if len(groups) == 1 and event_type in WIDE_JOINS_NARROW:
                sets.union(e, groups[0])
            elif not groups or event_type not in WIDE_JOINS_NARROW:
                alone.append((e, w))
        if event_type not in WIDE_JOINS_NARROW:
            continue  # a year-only protest is no other year-only protest
        for i, (a, wa) in enumerate(alone):  # 3. wide rows touching no narrow group
            for b, wb in alone[i + 1:]:
                if _overlap(wa, wb):
                    sets.union(a, b)
    organizer = {eid: _key(rec.get("organizer_affiliation_code"))
                 for eid, rec in zip(ids, events.to_dict("records"), strict=True)}
    _join_cityless(places, sets, organizer)
    members: dict[str, list[str]] = {}
    for eid in ids:
        members.setdefault(sets.find(eid), []).append(eid)
    hid = {eid: happening_id(min(members[sets.find(eid)])) for eid in ids}
    return events.assign(happening_id=[hid[e] for e in ids])


def _join_cityless(places: dict[tuple[str, str, str], list[tuple[str, tuple[str, str], bool]]],
                   sets: _Sets, organizer: dict[str, str]) -> None:
    """4. A group of rows without a city joins the group of a named city of the same type and
    country (any country when it names none) that it could join by rules 1-2, with an
    organizer of the same kind (organizer_affiliation_code equal, or one of them empty), when
    that group is the only candidate (in any city). Decided on the groups as rules 1-3 left
    them, so no chaining: a cityless group never links two named-city groups, and two
    cityless groups join only through their one candidate."""
    merges: list[tuple[str, str]] = []
    for (event_type, country, city), rows in sorted(places.items()):
        if city:
            continue
        named = [r for (t, c, ci), rs in places.items()
                 if t == event_type and ci and (c == country or not country) for r in rs]
        by_group: dict[str, list[tuple[str, tuple[str, str], bool]]] = {}
        for r in rows:
            by_group.setdefault(sets.find(r[0]), []).append(r)
        for root, grp in sorted(by_group.items()):
            candidates = sorted({sets.find(n[0]) for n in named
                                 if any(_joinable(g, n, event_type)
                                        and _same_kind(organizer[g[0]], organizer[n[0]])
                                        for g in grp)})
            if len(candidates) == 1:
                merges.append((root, candidates[0]))
    for a, b in merges:
        sets.union(a, b)
