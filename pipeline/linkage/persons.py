"""Scored pairs -> clusters -> persons, and person ids that stay stable across releases.

Pure functions only. Clustering is greedy and constrained: human must-link pairs join first,
then model pairs from the highest probability down (ties by ids), skipping any join that would
put two records with a cannot-link decision into one person. So a decision always holds, even
against a chain of model links.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

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
            must_link: list[tuple[str, str]] = (), cannot_link: list[tuple[str, str]] = ()
            ) -> pd.DataFrame:
    """Records -> clusters. ``pairs`` has id_l, id_r, match_probability. Returns
    (record_id, cluster_key) where cluster_key is the smallest record_id of the cluster."""
    uf = _UnionFind(sorted(set(ids)))
    forbid: dict[str, set[str]] = {}
    for a, b in cannot_link:
        if a in uf.parent and b in uf.parent:
            forbid.setdefault(a, set()).add(b)
            forbid.setdefault(b, set()).add(a)

    def allowed(ra: str, rb: str) -> bool:
        small, big = sorted((uf.members[ra], uf.members[rb]), key=len)
        return not any(forbid.get(x, set()) & big for x in small)

    for a, b in sorted(must_link):
        if a in uf.parent and b in uf.parent:
            ra, rb = uf.find(a), uf.find(b)
            if ra != rb and allowed(ra, rb):
                uf.union(a, b)
    strong = pairs[pairs["match_probability"] >= threshold]
    order = strong.assign(_neg=-strong["match_probability"]).sort_values(
        ["_neg", "id_l", "id_r"], kind="stable")
    for a, b in zip(order["id_l"], order["id_r"], strict=True):
        ra, rb = uf.find(a), uf.find(b)
        if ra != rb and allowed(ra, rb):
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


ID_MAP_COLUMNS = ["old_person_id", "new_person_id", "change_code", "moved_record_count"]


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
                                     change_code="removed", moved_record_count=0))
                for new, n in sorted(zip(out["new"], out["n"], strict=True)):
                    rows.append(dict(old_person_id=pid, new_person_id=new,
                                     change_code="merged", moved_record_count=int(n)))
            else:
                for new, n in sorted(zip(out["new"], out["n"], strict=True)):
                    if new != pid:
                        rows.append(dict(old_person_id=pid, new_person_id=new,
                                         change_code="split", moved_record_count=int(n)))
    id_map = pd.DataFrame(rows, columns=ID_MAP_COLUMNS)
    return IdAssignment(rp.sort_values("record_id", kind="stable").reset_index(drop=True),
                        id_map)


def _join(values: pd.Series) -> str | None:
    vals = sorted({str(v) for v in values.dropna() if str(v)})
    return "; ".join(vals) if vals else None


def _preferred(values: pd.Series) -> str | None:
    """Most frequent value; ties: the longest, then code-point order."""
    vals = [str(v) for v in values.dropna() if str(v)]
    if not vals:
        return None
    counts: dict[str, int] = {}
    for v in vals:
        counts[v] = counts.get(v, 0) + 1
    return sorted(counts, key=lambda v: (-counts[v], -len(v), v))[0]


def person_frame(records: pd.DataFrame, record_person: pd.DataFrame) -> pd.DataFrame:
    """One row per person from its records (records: the `record` table columns)."""
    r = records.merge(record_person[["record_id", "person_id"]], on="record_id", how="inner")
    g = r.groupby("person_id", sort=True)
    out = pd.DataFrame({
        "name_fa": g["name_fa"].agg(_preferred),
        "name_latin": g["name_latin"].agg(_preferred),
        "name_fa_variants": g["name_fa"].agg(_join),
        "name_latin_variants": g["name_latin"].agg(_join),
        "age_low": g["age_low"].min(),
        "age_high": g["age_high"].max(),
        "cities": g["city"].agg(_join),
        "prisons": g["prison"].agg(_join),
        "execution_date_earliest": g["execution_date_earliest"].min(),
        "execution_date_latest": g["execution_date_latest"].max(),
        "record_count": g["record_id"].size(),
        "source_count": g["source_id"].nunique(),
    }).reset_index()
    return out
