"""Ingest stage: read the raw snapshots (checked by the snapshot stage) and the hand-made inputs
under pipeline/etc/ into frames: facts CSVs, report texts, victim lists (through
pipeline.readers), coding, corrections, recoding, source links, code maps. I/O only, no
judgement: what the rows mean is normalize's job.

The path of a run: snapshot -> **ingest** -> normalize -> validate -> link -> publish.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field

import pandas as pd

from pipeline import io, readers
from pipeline.config import Paths
from pipeline.errors import InputError
from pipeline.schemas.codes import CLAIMANT_AFFILIATION
from pipeline.schemas.inputs import CLAIM_COLUMNS, EVENT_COLUMNS
from pipeline.sources import facts_1988, reports
from pipeline.sources.common import EXCLUSION_COLUMNS
from pipeline.stages.cache import Cache, digest, storable, tree_digest
from pipeline.stages.snapshot import Snapshot, SourceMeta
from pipeline.transforms.corrections import Correction, parse_corrections
from pipeline.transforms.recoding import COLUMNS as RECODING_COLUMNS
from pipeline.transforms.recoding import Recoding, parse_recoding
from pipeline.transforms.sources_merge import LINK_COLUMNS, SourceLink, parse_source_links

log = logging.getLogger(__name__)

AFFILIATION_MAP = "codes/affiliation_map.csv"
CLAIMANT_MAP = "codes/claimant_affiliation.csv"
ESTIMATE_FIGURES = "coding/estimate_figures.csv"
RECODING = "coding/recoding.csv"
SOURCE_LINKS = "source_links.csv"
POLITICAL_AFFILIATION_MAP = "codes/political_affiliation_map.csv"
EXCLUSIONS = "exclusions.csv"
CODING = {"events": ("coding/events.csv", EVENT_COLUMNS),
          "claims": ("coding/claims.csv", CLAIM_COLUMNS)}


@dataclass(frozen=True)
class ListInput:
    source_id: str
    unit: str  # what was read (a file or a folder), as shown; the unit of row accounting
    read: readers.ListRead | None  # None when `normalized` comes from the cache
    cache_key: str | None = None  # set when normalize should store its result under this key
    normalized: NormalizedList | None = None
    file_in_id: bool = False  # one of several list files of its source: ids name the file

    @property
    def raw_row_count(self) -> int:
        """Data rows read from the unit (from the cache's record when it was not re-read)."""
        if self.normalized is not None:
            return self.normalized.raw_row_count
        assert self.read is not None
        return self.read.raw_row_count


@storable
@dataclass(frozen=True)
class NormalizedList:
    """normalize's result for one ListInput, as stored in the cache."""

    unit: str
    records: pd.DataFrame
    rejects: pd.DataFrame
    raw_row_count: int


LIST_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".json")
MAPPING_FILE = "mapping.yaml"
CORRECTIONS = "corrections.yaml"


def read_list_source(meta: SourceMeta) -> list[ListInput]:
    """Read a raw/lists/<source_id>/ folder through its mapping.yaml (or, without one, every
    listed file in template form)."""
    mapping_path = meta.folder / MAPPING_FILE
    if mapping_path.exists():
        mapping = readers.load_mapping(mapping_path,
                                       shown=f"{meta.shown.rsplit('/', 1)[0]}/{MAPPING_FILE}")
        if mapping.files:
            unit = meta.shown.rsplit("/", 1)[0]
            return [ListInput(meta.source_id, unit,
                              readers.read_list(meta.folder, mapping, shown=unit))]
    else:
        mapping = readers.ListMapping.default()
    out = []
    listed = [f for f in meta.files
              if f.path.lower().endswith(LIST_SUFFIXES) and f.path != MAPPING_FILE]
    for f in listed:
        out.append(ListInput(meta.source_id, f.shown,
                             readers.read_list(meta.folder / f.path, mapping, shown=f.shown),
                             file_in_id=len(listed) > 1))
    if not out:
        raise InputError("a victim_list source needs a mapping.yaml with 'files' or a list "
                         "file in template form", file=meta.shown, field="files")
    return out


@dataclass
class RawInputs:
    snapshot: Snapshot
    facts: dict[str, tuple[str, pd.DataFrame]] = field(default_factory=dict)  # name -> (file, df)
    reports: dict[str, reports.Report] = field(default_factory=dict)
    coding: dict[str, tuple[str, pd.DataFrame]] = field(default_factory=dict)
    affiliation_codes: dict[str, str] = field(default_factory=dict)
    claimant_codes: dict[str, str] = field(default_factory=dict)  # name -> claimant code
    estimate_figures: dict[str, str | None] = field(default_factory=dict)  # claim_id -> text
    political_affiliation_codes: dict[str, str] = field(default_factory=dict)
    exclusions: pd.DataFrame = field(default_factory=pd.DataFrame)
    lists: list[ListInput] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    recoding: list[Recoding] = field(default_factory=list)
    recoding_shown: str = ""
    source_links: list[SourceLink] = field(default_factory=list)
    source_links_shown: str = "pipeline/etc/source_links.csv"
    cache: Cache = field(default_factory=Cache.off)


def _affiliation_codes(paths: Paths) -> dict[str, str]:
    path = paths.etc / AFFILIATION_MAP
    df = io.read_csv_strict(path, shown=paths.show_etc(path),
                            required=("affiliation_original", "affiliation_code"))
    dupes = df["affiliation_original"][df["affiliation_original"].duplicated()]
    if len(dupes):
        raise InputError("affiliation listed twice", file=paths.show_etc(path),
                         field="affiliation_original", value=dupes.iloc[0])
    return dict(zip(df["affiliation_original"], df["affiliation_code"], strict=True))


def _claimant_codes(paths: Paths) -> dict[str, str]:
    """pipeline/etc/codes/claimant_affiliation.csv: one reviewed row per claimant/organizer
    name -> code, each with a note; a name twice, a code outside the vocabulary or a row
    without a note is an error naming the line."""
    path = paths.etc / CLAIMANT_MAP
    if not path.exists():
        return {}
    shown = paths.show_etc(path)
    df = io.read_csv_strict(path, shown=shown, required=("name", "affiliation_code", "note"))
    out: dict[str, str] = {}
    for rec in df.to_dict("records"):
        row, name, code = int(rec["source_row"]), rec["name"].strip(), rec["affiliation_code"]
        if name in out:
            raise InputError("name listed twice", file=shown, row=row, field="name", value=name)
        if code not in CLAIMANT_AFFILIATION or code == "unknown":
            raise InputError("not a claimant affiliation code (schemas/codes.py)", file=shown,
                             row=row, field="affiliation_code", value=code)
        if not rec["note"].strip():
            raise InputError("every mapping needs a note saying why", file=shown, row=row,
                             field="note", value=name)
        out[name] = code
    return out


def _estimate_figures(paths: Paths) -> dict[str, str | None]:
    path = paths.etc / ESTIMATE_FIGURES
    if not path.exists():
        return {}
    shown = paths.show_etc(path)
    df = io.read_csv_strict(path, shown=shown, required=("claim_id", "value_text"))
    dupes = df["claim_id"][df["claim_id"].duplicated()]
    if len(dupes):
        raise InputError("claim_id listed twice", file=shown, field="claim_id",
                         value=dupes.iloc[0])
    return {k: (v if v.strip() else None) for k, v in zip(df["claim_id"], df["value_text"],
                                                         strict=True)}


def _political_affiliation_codes(paths: Paths) -> dict[str, str]:
    """The reviewed table of victim-affiliation texts (whitespace collapsed) -> codes."""
    from pipeline.schemas.codes import POLITICAL_AFFILIATION

    path = paths.etc / POLITICAL_AFFILIATION_MAP
    if not path.exists():
        return {}
    shown = paths.show_etc(path)
    df = io.read_csv_strict(path, shown=shown, required=("political_affiliation_original",
                                                         "political_affiliation_code"))
    out: dict[str, str] = {}
    for row, text, code in zip(df["source_row"], df["political_affiliation_original"],
                               df["political_affiliation_code"], strict=True):
        key = " ".join(str(text).split())
        if code not in POLITICAL_AFFILIATION:
            raise InputError("not a code of codes.POLITICAL_AFFILIATION", file=shown,
                             row=int(row), field="political_affiliation_code", value=code)
        if key in out:
            raise InputError("text listed twice", file=shown, row=int(row),
                             field="political_affiliation_original", value=key)
        out[key] = code
    return out


def _cached_lists(meta: SourceMeta, paths: Paths, cache: Cache) -> list[ListInput]:
    """A list source's inputs: from the cache when neither its raw folder (every file is in
    `meta` with its sha256), etc/ nor the code changed; otherwise read, marked for storing."""
    if not cache.enabled:
        return read_list_source(meta)
    key = digest("list", cache.code, meta, tree_digest(paths.etc))
    stored = cache.load("list", meta.source_id, key)
    if isinstance(stored, list) and all(isinstance(n, NormalizedList) for n in stored):
        log.info("ingest: %s unchanged, using the cached result", meta.source_id)
        return [ListInput(meta.source_id, n.unit, None, normalized=n) for n in stored]
    return [dataclasses.replace(i, cache_key=key) for i in read_list_source(meta)]


def run(paths: Paths, snapshot: Snapshot, cache: Cache | None = None) -> RawInputs:
    """Read every source of ``snapshot`` and the hand-made inputs under ``paths.etc``; a victim
    list whose folder, etc/ and code are unchanged comes from ``cache`` already normalized."""
    raw = RawInputs(snapshot=snapshot, affiliation_codes=_affiliation_codes(paths),
                    claimant_codes=_claimant_codes(paths),
                    estimate_figures=_estimate_figures(paths),
                    political_affiliation_codes=_political_affiliation_codes(paths),
                    cache=cache or Cache.off())
    excl = paths.etc / EXCLUSIONS
    if excl.exists():
        raw.exclusions = io.read_csv_strict(excl, shown=paths.show_etc(excl),
                                            required=EXCLUSION_COLUMNS)
    facts = snapshot.get(facts_1988.SOURCE_ID)
    if facts is not None:
        for name, columns in facts_1988.COLUMNS.items():
            meta = facts.file(name)
            if meta is None:
                raise InputError(f"{name} is not listed", file=facts.shown, field="files")
            df = io.read_csv_strict(facts.folder / name, shown=meta.shown, required=columns)
            raw.facts[name] = (meta.shown, df)
    corpus = snapshot.get(reports.CORPUS_ID)
    if corpus is not None:
        for f in corpus.files:
            rid = f.extra.get("report_id")
            if rid is None:
                continue
            published = f.extra.get("published_date")
            raw.reports[str(rid)] = reports.Report(
                report_id=str(rid),
                source_id=str(f.extra["source_id"]),
                text_path=f.shown,
                text=io.read_text(corpus.folder / f.path, shown=f.shown),
                published_date=str(published) if published else None,
            )
    for meta in snapshot.sources:
        if meta.kind == "victim_list":
            raw.lists.extend(_cached_lists(meta, paths, raw.cache))
    corrections = paths.etc / CORRECTIONS
    if corrections.exists():
        raw.corrections = parse_corrections(
            io.read_yaml(corrections, shown=paths.show_etc(corrections)))
    links = paths.etc / SOURCE_LINKS
    if links.exists():
        raw.source_links_shown = paths.show_etc(links)
        raw.source_links = parse_source_links(io.read_csv_strict(
            links, shown=raw.source_links_shown, required=LINK_COLUMNS),
            raw.source_links_shown)
    recoding = paths.etc / RECODING
    if recoding.exists():
        raw.recoding_shown = paths.show_etc(recoding)
        raw.recoding = parse_recoding(io.read_csv_strict(
            recoding, shown=raw.recoding_shown, required=RECODING_COLUMNS), raw.recoding_shown)
    for name, (rel, columns) in CODING.items():
        path = paths.etc / rel
        if path.exists():
            shown = paths.show_etc(path)
            raw.coding[name] = (shown, io.read_csv_strict(path, shown=shown, required=columns))
    log.info("ingest: %d facts files, %d report texts, %d coding files", len(raw.facts),
             len(raw.reports), len(raw.coding))
    return raw
