"""One publication = one source_id: sources that share a normalized URL or title are merged
into one row, and rows citing the same quote of the same publication twice are reduced to one.
Pure: frames in, frames out.

Which id survives: a curated publication (raw/facts_1988/sources.csv) over a report snapshot
(`report_rNNN`), then the smallest id. The merged row keeps the survivor's description and
takes the snapshot's raw_path / raw_sha256 / retrieved_date (the copy kept for checking
evidence); `merged_source_ids` lists the ids merged into it, so an old citation can be
followed. Rows that cited a merged id cite the survivor; their locators still point to the
snapshot they were read from."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

import pandas as pd

from pipeline.errors import InputError
from pipeline.schemas.codes import SOURCE_LINK_RELATION
from pipeline.sources.common import reject

# query parameters that only track or reformat a page, never select another publication
TRACKING_PARAMS = re.compile(r"^(utm_.*|fbclid|gclid|mc_[a-z]+|ref|amp|output|outputtype)$")
KIND_RANK = {"publication": 0, "report_snapshot": 1}
MIN_TITLE_CHARS = 25  # shorter titles ("Khavaran") are too generic to identify a publication


def normalize_url(url: str | None) -> str | None:
    """A comparison key for a URL: scheme, `www.`, default port, fragment, trailing slash,
    percent-encoding and tracking parameters (utm_*, fbclid, amp, ...) do not count."""
    if url is None or (not isinstance(url, str) and pd.isna(url)) or not str(url).strip():
        return None
    parts = urlsplit(str(url).strip())
    host = (parts.hostname or "").casefold().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = unquote(parts.path).rstrip("/")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not TRACKING_PARAMS.match(k.casefold())))
    return f"{host}{path}" + (f"?{query}" if query else "")


def normalize_title(title: str | None) -> str | None:
    """A comparison key for a title: NFKC, case, punctuation and spacing do not count; None
    for titles too short to identify a publication or marked as not shown."""
    if title is None or (not isinstance(title, str) and pd.isna(title)):
        return None
    text = unicodedata.normalize("NFKC", str(title)).casefold()
    if "title not shown" in text:
        return None
    key = " ".join(re.sub(r"[^\w]+", " ", text).split())
    return key if len(key) >= MIN_TITLE_CHARS else None


LINK_COLUMNS = ("source_id", "target_source_id", "relation", "reason", "reviewer",
                "reviewed_date")


@dataclass(frozen=True)
class SourceLink:
    source_id: str
    target_source_id: str
    relation: str
    reason: str
    row: int


def parse_source_links(df: pd.DataFrame, shown: str) -> list[SourceLink]:
    """Rows of pipeline/etc/source_links.csv (as read by io.read_csv_strict); a bad row is an
    InputError naming its row and field."""
    out: list[SourceLink] = []
    seen: set[str] = set()
    for rec in df.to_dict("records"):
        row = int(rec["source_row"])
        for col in LINK_COLUMNS:
            if not str(rec[col]).strip():
                raise InputError("empty", file=shown, row=row, field=col)
        sid, target = rec["source_id"].strip(), rec["target_source_id"].strip()
        if rec["relation"].strip() not in SOURCE_LINK_RELATION:
            raise InputError(f"relation must be one of {sorted(SOURCE_LINK_RELATION)}", file=shown,
                             row=row, field="relation", value=rec["relation"])
        if sid == target:
            raise InputError("a source linked to itself", file=shown, row=row,
                             field="target_source_id", value=target)
        if sid in seen:
            raise InputError("source_id linked twice", file=shown, row=row, field="source_id",
                             value=sid)
        seen.add(sid)
        out.append(SourceLink(sid, target, rec["relation"].strip(), rec["reason"].strip(),
                              row))
    return out


def _check_links(sources: pd.DataFrame, links: list[SourceLink], shown: str) -> None:
    known = set(sources["source_id"])
    merged = {ln.source_id for ln in links if ln.relation == "same_publication"}
    for ln in links:
        for col, sid in (("source_id", ln.source_id), ("target_source_id",
                                                         ln.target_source_id)):
            if sid not in known:
                raise InputError("no such source", file=shown, row=ln.row, field=col,
                                 value=sid)
        if ln.target_source_id in merged:
            raise InputError("the target is itself merged into another source: name the "
                             "survivor", file=shown, row=ln.row, field="target_source_id",
                             value=ln.target_source_id)


def duplicate_groups(sources: pd.DataFrame, links: list[SourceLink] | None = None
                     ) -> dict[str, str]:
    """{merged source_id: surviving source_id} for publications sharing a URL or title key,
    or reviewed as one publication (`links`, relation same_publication: its target survives)."""
    mergeable = sources[sources["source_kind"].isin(list(KIND_RANK))]
    parent: dict[str, str] = {sid: sid for sid in mergeable["source_id"]}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def title_key(rec: dict) -> str | None:
        # a title identifies a publication only on its own site: two mirrors of one
        # Wikipedia text on different hosts are two publications
        title, url = normalize_title(rec["title"]), normalize_url(rec["url"])
        return None if title is None else f"{(url or '').split('/')[0]} {title}"

    for key_fn in (lambda rec: normalize_url(rec["url"]), title_key):
        first: dict[str, str] = {}
        for rec in mergeable.to_dict("records"):
            sid, key = rec["source_id"], key_fn(rec)
            if key is None:
                continue
            if key in first:
                a, b = find(first[key]), find(sid)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                first[key] = sid
    targets = set()
    for ln in links or []:
        if ln.relation == "same_publication" and ln.source_id in parent and (
                ln.target_source_id in parent):
            a, b = find(ln.source_id), find(ln.target_source_id)
            if a != b:
                parent[max(a, b)] = min(a, b)
            targets.add(ln.target_source_id)
    rank = {sid: (sid not in targets, KIND_RANK[k], sid)
            for sid, k in zip(mergeable["source_id"], mergeable["source_kind"], strict=True)}
    groups: dict[str, list[str]] = {}
    for sid in parent:
        groups.setdefault(find(sid), []).append(sid)
    out: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        survivor = min(members, key=lambda s: rank[s])
        out.update({m: survivor for m in members if m != survivor})
    return dict(sorted(out.items()))


_FILL_FROM_SNAPSHOT = ("raw_path", "raw_sha256", "retrieved_date")
_FILL_IF_EMPTY = ("published_date", "language_code", "url", "citation")


def merge_sources(sources: pd.DataFrame, links: list[SourceLink] | None = None,
                  links_shown: str = "pipeline/etc/source_links.csv"
                  ) -> tuple[pd.DataFrame, dict[str, str], list[dict[str, object]]]:
    """Sources with duplicates merged (see the module docstring), the id map, and a reject
    for each merged row that came from a row of an input file (a curated source that
    duplicates another: the curator resolves it, e.g. in pipeline/etc/exclusions.csv, or
    reviews it as one publication in pipeline/etc/source_links.csv). A reviewed
    `reproduces` link fills `reproduces_source_id` and merges nothing."""
    links = links or []
    if links:
        _check_links(sources, links, links_shown)
    id_map = duplicate_groups(sources, links)
    out = sources.copy()
    if "merged_source_ids" not in out.columns:
        out["merged_source_ids"] = None
    reproduces = {ln.source_id: ln.target_source_id for ln in links
                  if ln.relation == "reproduces"}
    out["reproduces_source_id"] = out["source_id"].map(lambda s: reproduces.get(s))
    if not id_map:
        return out, id_map, []
    reviewed = {ln.source_id: ln.reason for ln in links if ln.relation == "same_publication"}

    def why(sid: str) -> str:
        if sid in reviewed:
            return f"reviewed in {links_shown}: {reviewed[sid]}"
        return "same normalized URL or title on the same site"

    bad = [reject(str(rec["_source_id"]), str(rec["_file"]), int(rec["_row"]), "url",
                  "excluded_by_review" if rec["source_id"] in reviewed else "duplicate_evidence",
                  f"the same publication as source {id_map[rec['source_id']]} "
                  f"({why(rec['source_id'])})", rec["source_id"])
           for rec in out[out["source_id"].isin(list(id_map))].to_dict("records")
           if "_file" in rec and isinstance(rec["_file"], str)]
    by_id = {rec["source_id"]: rec for rec in out.to_dict("records")}
    for survivor in sorted(set(id_map.values())):
        merged = sorted(m for m, s in id_map.items() if s == survivor)
        idx = out.index[out["source_id"] == survivor][0]
        for m in merged:
            other = by_id[m]
            if other["source_kind"] == "report_snapshot":
                out.loc[idx, "source_kind"] = "report_snapshot"
                for col in _FILL_FROM_SNAPSHOT:
                    out.loc[idx, col] = other[col]
            for col in _FILL_IF_EMPTY:
                if pd.isna(out.loc[idx, col]) and not pd.isna(other[col]):
                    out.loc[idx, col] = other[col]
        out.loc[idx, "merged_source_ids"] = "; ".join(merged)
    out = out[~out["source_id"].isin(list(id_map))].reset_index(drop=True)
    return out, id_map, bad


def _norm_text(text: object) -> str:
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return " ".join(re.sub(r"[^\w]+", " ", unicodedata.normalize("NFKC", str(text))
                           .casefold()).split())


def _figures(rec: dict) -> frozenset[int]:
    return frozenset(int(rec[c]) for c in ("value_low", "value_best", "value_high")
                     if c in rec and rec[c] is not None and not pd.isna(rec[c]))


OVERLAP = 0.8  # share of the shorter quote's words that must run on, in order, in the other


def quotes_overlap(a: object, b: object) -> bool:
    """True when one quote is (nearly) part of the other: their longest common run of words
    covers at least OVERLAP of the shorter one (so 'to destroy ... sites' and 'destroy ...
    sites across Iran' are the same quote)."""
    wa, wb = _norm_text(a).split(), _norm_text(b).split()
    if not wa or not wb:
        return False
    match = SequenceMatcher(None, wa, wb, autojunk=False).find_longest_match(
        0, len(wa), 0, len(wb))
    return match.size >= OVERLAP * min(len(wa), len(wb))


def _cities_compatible(a: object, b: object) -> bool:
    """Same city, or one of them names none (a report's coder often leaves the city empty
    where the curated row names it: 'Qom' and '' are the same happening's evidence)."""
    ca, cb = _norm_text(a), _norm_text(b)
    return not ca or not cb or ca == cb


def _finer_coding(df: pd.DataFrame, text_col: str, id_col: str) -> dict[object, list[str]]:
    """{index of a curated claim: ids of the report-coded claims that code its quote more
    finely}: two or more report-coded claims of the same source whose quotes overlap the
    curated quote, each giving some of its figures and together all of them (one claim per figure
    and claimant, where the curated row folded them into one range)."""
    method = df["coding_method"] if "coding_method" in df.columns else pd.Series(
        "", index=df.index)
    out: dict[object, list[str]] = {}
    coded = df[method != "curated"]
    for idx, rec in df[method == "curated"].iterrows():
        same = coded[(coded["source_id"] == rec["source_id"])]
        whole = _figures(rec)
        parts = [r for r in same.to_dict("records")
                 if _figures(r) and _figures(r) <= whole
                 and quotes_overlap(rec[text_col], r[text_col])]
        covered = frozenset().union(*(_figures(r) for r in parts)) if parts else frozenset()
        if len(parts) >= 2 and whole and covered == whole:
            out[idx] = sorted(str(r[id_col]) for r in parts)
    return out


def _same_evidence(a: dict, b: dict, table: str, text_col: str) -> bool:
    if not quotes_overlap(a[text_col], b[text_col]):
        return False
    if table == "event":
        return a["event_type"] == b["event_type"] and _cities_compatible(a["city"], b["city"])
    fa, fb = _figures(a), _figures(b)
    return bool(fa & fb) if (fa or fb) else a["subject_code"] == b["subject_code"]


def drop_duplicate_evidence(df: pd.DataFrame, table: str, id_map: dict[str, str]
                            ) -> tuple[pd.DataFrame, list[dict[str, object]]]:
    """Cite survivors instead of merged source ids; then, within one source, a row whose quote
    overlaps an earlier row's quote (`quotes_overlap`; same event type and city; for claims a
    shared figure, or the same subject when neither has one; an empty city matches any) is the
    same evidence twice: the curated row is kept (then the smallest id), the other goes to
    reject naming it. Except: a curated claim that report-coded claims code more finely (two
    or more claims for its quote, covering its figures: `_finer_coding`) goes to reject and
    the finer claims stay."""
    if df.empty:
        return df, []
    text_col, id_col = ("evidence", "event_id") if table == "event" else ("quote", "claim_id")
    out = df.assign(source_id=df["source_id"].map(lambda s: id_map.get(s, s)))
    finer = _finer_coding(out, text_col, id_col) if table == "claim" else {}
    coarse = [reject(str(out.loc[i, "_source_id"]), str(out.loc[i, "_file"]),
                     int(out.loc[i, "_row"]), text_col, "duplicate_evidence",
                     f"the same quote of the same publication ({out.loc[i, 'source_id']}) is "
                     f"coded more finely, one claim per figure and claimant, as claims "
                     f"{'; '.join(ids)}", out.loc[i, id_col])
              for i, ids in sorted(finer.items(), key=lambda kv: str(out.loc[kv[0], id_col]))]
    out = out.drop(index=list(finer))
    method = out["coding_method"] if "coding_method" in out.columns else pd.Series(
        "", index=out.index)
    order = out.assign(_cur=(method != "curated").astype(int)).sort_values(
        ["_cur", id_col], kind="stable")
    kept: dict[str, list[dict]] = {}
    drop: dict[object, str] = {}
    for idx, rec in zip(order.index, order.to_dict("records"), strict=True):
        bucket = kept.setdefault(rec["source_id"], [])
        twin = next((k for k in bucket if _same_evidence(k, rec, table, text_col)), None)
        if twin is None:
            bucket.append(rec)
        else:
            drop[idx] = twin[id_col]
    bad = [reject(str(out.loc[i, "_source_id"]), str(out.loc[i, "_file"]),
                  int(out.loc[i, "_row"]), text_col if table == "claim" else "evidence",
                  "duplicate_evidence",
                  f"the same quote of the same publication ({out.loc[i, 'source_id']}) is "
                  f"published as {table} {twin}", out.loc[i, id_col])
           for i, twin in sorted(drop.items(), key=lambda kv: str(out.loc[kv[0], id_col]))]
    return out.drop(index=list(drop)), coarse + bad
