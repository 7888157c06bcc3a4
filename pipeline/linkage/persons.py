"""Scored pairs -> clusters -> persons, and person ids that stay stable across releases.

Pure functions only. Clustering is greedy and constrained: human must-link pairs join first,
then model pairs from the highest probability down (ties by ids), skipping any join that would
put two records with a cannot-link decision into one person. So a decision always holds, even
against a chain of model links.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from pipeline.schemas import columns
from pipeline.schemas.codes import MERGED, REMOVED, SPLIT

ID_PREFIX = "person-"


class _UnionFind:
    def __init__(self, items: list[str]) -> None:
        self.parent = {i: i for i in items}
        self.members = {i: {i} for i in items}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if (len(self.members[ra]), rb) < (len(self.members[rb]), ra):
            ra, rb = rb, ra  # keep the larger set's root (ties: the smaller id)
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        return ra


def cluster(ids: list[str], pairs: pd.DataFrame, threshold: float,
            must_link: list[tuple[str, str]] = (), cannot_link: list[tuple[str, str]] = (),
            *, conflict: Callable[[str, str], str | None] | None = None,
            min_pair: float | None = None) -> pd.DataFrame:
    """Records -> clusters. ``pairs`` has id_l, id_r, match_probability. Returns
    (record_id, cluster_key) where cluster_key is the smallest record_id of the cluster.

    Reviewed must-link pairs join first (only a cannot-link decision stops them). Model pairs
    >= ``threshold`` then join from the strongest down, and a join of two clusters is refused
    when any record of one and any record of the other

    - are a cannot-link pair (a reviewer said: different people);
    - have a ``conflict`` (constraints.conflict_checker: given names differ, a one-word name);
    - were scored below ``min_pair`` (or not scored at all) and are not a must-link pair: every
      two records of a person must look alike themselves, so a chain of namesakes (A~B, B~C,
      A and C different) cannot form (complete linkage instead of single linkage).
    """
    uf = _UnionFind(sorted(set(ids)))
    forbid: dict[str, set[str]] = {}
    for a, b in cannot_link:
        if a in uf.parent and b in uf.parent:
            forbid.setdefault(a, set()).add(b)
            forbid.setdefault(b, set()).add(a)
    musts = {(a, b) if a < b else (b, a) for a, b in must_link}
    strong = pairs[pairs["match_probability"] >= threshold]
    good: set[tuple[str, str]] = set()
    if min_pair is not None:
        ok = pairs[pairs["match_probability"] >= min_pair]
        good = {(a, b) if a < b else (b, a)
                for a, b in zip(ok["id_l"].astype(str), ok["id_r"].astype(str), strict=True)}
        good |= musts

    def decided_apart(ra: str, rb: str) -> bool:
        small, big = sorted((uf.members[ra], uf.members[rb]), key=len)
        return any(forbid.get(x, set()) & big for x in small)

    def model_refuses(ra: str, rb: str) -> bool:
        for x in uf.members[ra]:
            for y in uf.members[rb]:
                key = (x, y) if x < y else (y, x)
                if key in musts:
                    continue
                if min_pair is not None and key not in good:
                    return True
                if conflict is not None and conflict(x, y):
                    return True
        return False

    for a, b in sorted(must_link):
        if a in uf.parent and b in uf.parent:
            ra, rb = uf.find(a), uf.find(b)
            if ra != rb and not decided_apart(ra, rb):
                uf.union(a, b)
    order = strong.assign(_neg=-strong["match_probability"]).sort_values(
        ["_neg", "id_l", "id_r"], kind="stable")
    for a, b in zip(order["id_l"], order["id_r"], strict=True):
        ra, rb = uf.find(a), uf.find(b)
        if ra != rb and not decided_apart(ra, rb) and not model_refuses(ra, rb):
            uf.union(a, b)
    rows = [(rid, min(uf.members[uf.find(rid)])) for rid in uf.parent]
    return pd.DataFrame(rows, columns=["record_id", "cluster_key"]).sort_values(
        "record_id", kind="stable").reset_index(drop=True)


def mint_id(anchor: str, taken: set[str]) -> str:
    """A new person id from the cluster's smallest record id (sha256), salted until unused."""
    salt = 0
    while True:
        text = anchor if salt == 0 else f"{anchor}#{salt}"
        pid = ID_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        if pid not in taken:
            return pid
        salt += 1


@dataclass(frozen=True)
class IdAssignment:
    record_person: pd.DataFrame  # record_id, person_id
    id_map: pd.DataFrame  # old_person_id, new_person_id, change_code, moved_record_count


ID_MAP_COLUMNS = list(columns("person_id_map", without=("person_id_map_id",)))
"""A person_id_map row as assign_person_ids makes it (its key is made by link_records)."""


def assign_person_ids(clusters: pd.DataFrame, previous: pd.DataFrame | None,
                      retired: set[str] | frozenset[str] = frozenset()) -> IdAssignment:
    """Stable ids. ``clusters``: record_id, cluster_key. ``previous``: the last release's
    record_person (record_id, person_id) or None. ``retired``: ids issued before and no longer
    in use (e.g. every id in earlier person_id_map rows), so they are never minted again.

    Each previous person is matched to the new cluster holding most of its (still present)
    records, one to one, largest overlap first (ties: smaller ids). A matched cluster keeps the
    old id, also when it only gained records that are new in this release. Every other old id
    is mapped: ``merged`` (its records now sit in a person with another id), ``split`` (some of
    its records went to a person with a new id; one row per new id), ``removed`` (none of its
    records is left). Unmatched clusters get a new, never-used id.
    """
    cl = clusters[["record_id", "cluster_key"]]
    taken: set[str] = set(retired)
    inherit: dict[str, str] = {}
    overlap = pd.DataFrame(columns=["cluster_key", "person_id", "n"])
    prev = None
    if previous is not None and len(previous):
        prev = previous[["record_id", "person_id"]].astype("string")
        taken |= set(prev["person_id"].dropna())
        joined = cl.merge(prev, on="record_id", how="inner")
        overlap = (joined.groupby(["cluster_key", "person_id"]).size().rename("n").reset_index()
                   .sort_values(["n", "person_id", "cluster_key"], ascending=[False, True, True],
                                kind="stable"))
        used_old: set[str] = set()
        for ck, pid in zip(overlap["cluster_key"], overlap["person_id"], strict=True):
            if ck in inherit or pid in used_old:
                continue
            inherit[ck] = pid
            used_old.add(pid)
    ids: dict[str, str] = {}
    for ck in sorted(cl["cluster_key"].unique()):
        if ck in inherit:
            ids[ck] = inherit[ck]
        else:
            ids[ck] = mint_id(ck, taken)
            taken.add(ids[ck])
    rp = cl.assign(person_id=cl["cluster_key"].map(ids))[["record_id", "person_id"]]
    rows: list[dict[str, object]] = []
    if prev is not None:
        kept = set(inherit.values())
        flows = overlap.assign(new=overlap["cluster_key"].map(ids))
        for pid in sorted(set(prev["person_id"].dropna())):
            out = flows[flows["person_id"] == pid]
            if pid not in kept:
                if out.empty:
                    rows.append(dict(old_person_id=pid, new_person_id=None,
                                     change_code=REMOVED, moved_record_count=0))
                for new, n in sorted(zip(out["new"], out["n"], strict=True)):
                    rows.append(dict(old_person_id=pid, new_person_id=new,
                                     change_code=MERGED, moved_record_count=int(n)))
            else:
                for new, n in sorted(zip(out["new"], out["n"], strict=True)):
                    if new != pid:
                        rows.append(dict(old_person_id=pid, new_person_id=new,
                                         change_code=SPLIT, moved_record_count=int(n)))
    id_map = pd.DataFrame(rows, columns=ID_MAP_COLUMNS)
    return IdAssignment(rp.sort_values("record_id", kind="stable").reset_index(drop=True),
                        id_map)


_PERSON_SQL = """
WITH r AS (
  SELECT p.person_id, t.* EXCLUDE (record_id) FROM t JOIN p USING (record_id)
),
pref AS (  -- most frequent value; ties: the longest, then code-point order
  SELECT person_id, col, arg_min(val, (-n, -length(val), val)) AS val FROM (
    SELECT person_id, col, val, count(*) AS n FROM (
      UNPIVOT (SELECT person_id, name_fa, name_latin FROM r)
      ON name_fa, name_latin INTO NAME col VALUE val)
    WHERE val <> '' GROUP BY ALL)
  GROUP BY ALL
),
g AS (
  SELECT person_id,
    string_agg(DISTINCT nullif(name_fa, ''), '; ' ORDER BY nullif(name_fa, ''))
      AS name_fa_variants,
    string_agg(DISTINCT nullif(name_latin, ''), '; ' ORDER BY nullif(name_latin, ''))
      AS name_latin_variants,
    min(age_low) AS age_low, max(age_high) AS age_high,
    string_agg(DISTINCT nullif(city, ''), '; ' ORDER BY nullif(city, '')) AS cities,
    string_agg(DISTINCT nullif(prison, ''), '; ' ORDER BY nullif(prison, '')) AS prisons,
    min(execution_date_earliest) AS execution_date_earliest,
    max(execution_date_latest) AS execution_date_latest,
    count(*) AS record_count, count(DISTINCT source_id) AS source_count,
    count(DISTINCT nullif(gender_code, '')) AS n_gender,
    min(nullif(gender_code, '')) AS one_gender
  FROM r GROUP BY person_id
)
SELECT g.person_id,
  (SELECT val FROM pref WHERE pref.person_id = g.person_id AND col = 'name_fa') AS name_fa,
  (SELECT val FROM pref WHERE pref.person_id = g.person_id AND col = 'name_latin')
    AS name_latin,
  name_fa_variants, name_latin_variants, age_low, age_high, cities, prisons,
  execution_date_earliest, execution_date_latest, record_count, source_count,
  CASE WHEN n_gender = 1 THEN one_gender END AS gender_code,
  n_gender > 1 AS is_gender_conflict
FROM g ORDER BY g.person_id
"""

PERSON_INPUT = ("record_id", "name_fa", "name_latin", "age_low", "age_high", "city", "prison",
                "execution_date_earliest", "execution_date_latest", "source_id", "gender_code")


def person_frame(records: pd.DataFrame, record_person: pd.DataFrame) -> pd.DataFrame:
    """One row per person from its records (records: the `record` table columns), built in
    DuckDB (one pass of SQL aggregates, no per-person Python). ``gender_code`` is the gender
    every record that gives one agrees on; when they disagree it is empty and
    ``is_gender_conflict`` is true (the records keep their own gender_code)."""
    import duckdb

    t = records[[c for c in PERSON_INPUT if c in records.columns]].copy()
    for c in PERSON_INPUT:
        if c not in t.columns:
            t[c] = pd.Series(pd.NA, index=t.index, dtype="string")
    for c in ("age_low", "age_high"):
        t[c] = pd.to_numeric(t[c], errors="coerce").astype("Int64")
    for c in PERSON_INPUT:
        if c not in ("age_low", "age_high"):
            t[c] = t[c].astype("string")
    p = record_person[["record_id", "person_id"]].astype("string")
    con = duckdb.connect()
    try:
        con.execute("SET threads = 1")
        con.register("t", t)
        con.register("p", p)
        out = con.execute(_PERSON_SQL).df()
    finally:
        con.close()
    for c in ("age_low", "age_high", "record_count", "source_count"):
        out[c] = out[c].astype("Int64")
    out["is_gender_conflict"] = out["is_gender_conflict"].astype("boolean")
    str_cols = [c for c in out.columns if c not in (
        "age_low", "age_high", "record_count", "source_count", "is_gender_conflict")]
    out[str_cols] = out[str_cols].astype("string")
    return out.reset_index(drop=True)
