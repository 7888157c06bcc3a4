"""Turn raw frames into candidate rows of the published tables (pure, no I/O)."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass

import pandas as pd

from pipeline import schemas
from pipeline.errors import InputError, SnapshotError
from pipeline.schemas.tables import INPUT_TABLES
from pipeline.sources import facts_1988, list_options, reports
from pipeline.sources.common import apply_exclusions, reject, rejects_frame
from pipeline.stages.ingest import ListInput, NormalizedList, RawInputs
from pipeline.stages.snapshot import SourceMeta
from pipeline.transforms.corrections import Correction, apply_corrections
from pipeline.transforms.geocode import geocode_places
from pipeline.transforms.happenings import assign_happenings
from pipeline.transforms.lists import normalize_list
from pipeline.transforms.recoding import apply_recoding
from pipeline.transforms.sources_merge import (
    SourceLink,
    drop_duplicate_evidence,
    merge_sources,
)

log = logging.getLogger(__name__)


@dataclass
class Candidates:
    """Candidate rows per table, the rows rejected so far, and the raw row count per input."""

    tables: dict[str, pd.DataFrame]  # schema columns + _source_id/_file/_row
    rejects: pd.DataFrame  # reject columns without reject_id
    raw_counts: pd.DataFrame  # source_id, file, raw_rows
    strict_files: frozenset[str]  # curated inputs whose rows may not be rejected


def _meta_source_rows(raw: RawInputs) -> pd.DataFrame:
    """Rows of `source` for what raw/ holds: compilations, lists, and each report snapshot."""
    rows = []

    def code(affiliation: str, shown: str, field: str) -> str:
        value = raw.affiliation_codes.get(affiliation)
        if value is None:
            raise SnapshotError("affiliation not in pipeline/etc/codes/affiliation_map.csv",
                                file=shown, field=field, value=affiliation)
        return value

    def add(meta: SourceMeta) -> None:
        first = meta.files[0] if len(meta.files) == 1 else None
        rows.append(schemas.row(
            "source",
            source_id=meta.source_id,
            source_kind=meta.kind,
            title=meta.title,
            publisher=meta.publisher,
            url=meta.url,
            affiliation_code=code(meta.affiliation, meta.shown, "affiliation"),
            affiliation_original=meta.affiliation,
            license=meta.license,
            retrieved_date=meta.retrieved,
            raw_path=first.shown if first else meta.shown.rsplit("/", 1)[0] + "/",
            raw_sha256=first.sha256 if first else None,
            citation=meta.citation,
        ))
        for f in meta.files:
            if "source_id" not in f.extra:
                continue
            e = f.extra
            rows.append(schemas.row(
                "source",
                source_id=e["source_id"],
                source_kind=e.get("kind", meta.kind),
                title=e["title"],
                publisher=e["publisher"],
                url=e["url"],
                published_date=str(e["published_date"]) if e.get("published_date") else None,
                language_code=e.get("language"),
                affiliation_code=code(str(e["affiliation"]), meta.shown,
                                      f"files[{f.path}].affiliation"),
                affiliation_original=e["affiliation"],
                license=e.get("license") or "not stated",
                retrieved_date=e["retrieved"],
                raw_path=f.shown,
                raw_sha256=f.sha256,
            ))

    for meta in raw.snapshot.sources:
        add(meta)
    return pd.DataFrame(rows)


def _excluded(raw: RawInputs, df: pd.DataFrame, file: str, source_id: str
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    kept, rejected, stale = apply_exclusions(df, file, source_id, raw.exclusions)
    if stale:
        raise InputError(f"exclusion matches no row of {file} (stale review entry?)",
                         file="pipeline/etc/exclusions.csv", field="key", value=stale[0])
    return kept, rejected


def _problems_frame(item: ListInput) -> pd.DataFrame:
    return rejects_frame(
        reject(item.source_id, p.file, p.row, p.field, p.reason_code, p.message,
               p.value_original)
        for p in item.read.problems
    )


def _list_records(item: ListInput, corrections: list[Correction],
                  affiliation_codes: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    if item.normalized is not None:
        return item.normalized.records, item.normalized.rejects
    assert item.read is not None
    options = list_options(item.source_id)
    if item.file_in_id:
        options = dataclasses.replace(options, file_in_id=True)
    result = normalize_list(item.read.frame, options, affiliation_codes)
    mine = [c for c in corrections if c.record_id.startswith(item.source_id + "-")]
    records, dropped = apply_corrections(result.records, mine)
    drop_rejects = rejects_frame(
        reject(item.source_id, str(r["file"]), int(r["source_row"]), None, "excluded_by_review",
               f"dropped by correction {r['correction_ids']}", r["record_id"])
        for r in dropped.to_dict("records"))
    return records, pd.concat([_problems_frame(item), result.rejects, drop_rejects],
                              ignore_index=True)


def one_source_per_publication(tables: dict[str, pd.DataFrame],
                               links: list[SourceLink] | None = None,
                               links_shown: str = "pipeline/etc/source_links.csv",
                               ) -> tuple[dict[str, pd.DataFrame], pd.DataFrame,
                                          dict[str, str]]:
    """Merge sources that are one publication (transforms/sources_merge.py), point events and
    claims at the surviving ids, drop the same quote of the same publication published twice
    (to reject, naming the kept row), and group event rows into happenings."""
    out = dict(tables)
    bad: list[dict[str, object]] = []
    id_map: dict[str, str] = {}
    if not out["source"].empty:
        out["source"], id_map, bad = merge_sources(out["source"], links, links_shown)
        if id_map:
            log.info("normalize: merged sources %s", id_map)
    for table in ("event", "claim"):
        df = out[table]
        if df.empty:
            continue
        df = df.assign(_source_id=df["_source_id"].map(lambda s: id_map.get(s, s)))
        out[table], dropped = drop_duplicate_evidence(df, table, id_map)
        bad += dropped
    if not out["event"].empty:
        out["event"] = assign_happenings(out["event"])
    return out, rejects_frame(bad), id_map


def run(raw: RawInputs) -> Candidates:
    """Every input (compilation, coding files, lists) into candidate rows of the published
    tables, with corrections, recoding, source merging and geocoding applied."""
    parts: dict[str, list[pd.DataFrame]] = {t: [] for t in INPUT_TABLES}
    rejects: list[pd.DataFrame] = []
    counts: list[dict[str, object]] = []
    strict: set[str] = set()

    parts["source"].append(_meta_source_rows(raw))
    if raw.facts:
        table_of = {
            "sources.csv": ("source", lambda df, f: facts_1988.sources(df, f,
                                                                       raw.affiliation_codes)),
            "places.csv": ("place", facts_1988.places),
            "officials.csv": ("actor", facts_1988.actors),
            "events.csv": ("event", lambda df, f: facts_1988.events(df, f,
                                                                    raw.claimant_codes)),
            "estimates.csv": ("claim", lambda df, f: facts_1988.claims(
                df, f, raw.estimate_figures, raw.claimant_codes)),
        }
        for name, (file, df) in raw.facts.items():
            table, fn = table_of[name]
            kept, excluded = _excluded(raw, df, file, facts_1988.SOURCE_ID)
            rejects.append(excluded)
            result = fn(kept, file)
            parts[table].append(result.rows)
            rejects.append(result.rejects)
            counts.append({"source_id": facts_1988.SOURCE_ID, "file": file, "raw_rows": len(df)})
            strict.add(file)
    for name, (file, df) in raw.coding.items():
        fn = reports.coded_events if name == "events" else reports.coded_claims
        kept, excluded = _excluded(raw, df, file, reports.CORPUS_ID)
        rejects.append(excluded)
        result = fn(kept, file, raw.reports, raw.claimant_codes)
        parts["event" if name == "events" else "claim"].append(result.rows)
        rejects.append(result.rejects)
        counts.append({"source_id": reports.CORPUS_ID, "file": file, "raw_rows": len(df)})

    to_store: dict[str, tuple[str, list[NormalizedList]]] = {}
    for item in raw.lists:
        records, rejected = _list_records(item, raw.corrections,
                                          raw.political_affiliation_codes)
        parts["record"].append(records)
        rejects.append(rejected)
        counts.append({"source_id": item.source_id, "file": item.unit,
                       "raw_rows": item.raw_row_count})
        if item.cache_key is not None:
            to_store.setdefault(item.source_id, (item.cache_key, []))[1].append(
                NormalizedList(item.unit, records, rejected, item.raw_row_count))
    for source_id, (key, items) in to_store.items():
        raw.cache.store("list", source_id, key, items)

    tables = {t: pd.concat([p for p in ps if len(p)], ignore_index=True) if any(len(p) for p in ps)
              else pd.DataFrame() for t, ps in parts.items()}
    for table in ("event", "claim"):
        tables[table] = apply_recoding(tables[table], table, raw.recoding, raw.recoding_shown)
    tables, merge_rejects, id_map = one_source_per_publication(
        tables, raw.source_links, raw.source_links_shown)
    if len(tables["place"]):  # lat/lon from the sources, else a labelled city centroid
        tables["place"] = geocode_places(tables["place"])
    rejects.append(merge_rejects)
    reject_rows = [r.assign(source_id=r["source_id"].map(lambda s: id_map.get(s, s)))
                   for r in rejects if len(r)]
    all_rejects = pd.concat(reject_rows, ignore_index=True) if reject_rows else rejects_frame([])
    log.info("normalize: %s candidate rows, %d rejected",
             {t: len(df) for t, df in tables.items()}, len(all_rejects))
    return Candidates(tables, all_rejects, pd.DataFrame(counts), frozenset(strict))
