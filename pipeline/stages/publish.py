"""Publish a release: CSV + Parquet per table, a Frictionless datapackage.json, the codebook
(codebook.md, codebook.html with summary, citation and charts), CHANGES.md (the diff from the
previous release), the SQLite edition (<package>.sqlite + Datasette's metadata.json) and the
download (<package>-<version>.zip + .sha256), built in a staging folder, validated, then
renamed into published/<version>/ (atomic). Every file is hashed in datapackage.json except
the zip and its sidecar (the zip contains the descriptor; see pipeline/release/archive.py).
A published version is immutable: a re-run with identical data is a no-op, a different
output is refused. The root datapackage.json (latest release) is replaced last.

Before anything is written the release is checked: every row's source has a recorded licence
decision (pipeline.release.licences), and the version number fits the diff from the previous
published version (pipeline.release.semver: a renamed column under a minor bump is refused).
This is the only publisher; ``python -m pipeline release`` picks the version and calls it."""

from __future__ import annotations

import logging
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import frictionless
import pandas
import pandera
import pyarrow
import pyarrow.parquet as pq

from pipeline import frictionless_csv, io
from pipeline.config import (
    PACKAGE_LICENSE,
    PACKAGE_NAME,
    PACKAGE_TITLE,
    PIPELINE_VERSION,
    Paths,
)
from pipeline.errors import ReleaseError
from pipeline.release import archive, codebook, root_descriptor, sqlite, with_documents
from pipeline.release.diff import diff_releases, render_markdown
from pipeline.release.licences import check_licences, resource_licences
from pipeline.release.semver import check_bump, classify
from pipeline.release.verify import arrow_frame
from pipeline.release.versions import (
    implied_bump,
    latest_version,
    parse_version,
    previous_version,
    published_versions,
)
from pipeline.schemas import TABLES, to_frictionless, to_pyarrow
from pipeline.schemas.fields import FIELDS
from pipeline.schemas.tables import INPUT_TABLES
from pipeline.stages.cache import storable
from pipeline.transforms.textbytes import may_start_with

log = logging.getLogger(__name__)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TABLE_ORDER = (*INPUT_TABLES, "reject")
"""Resource order in the descriptor; other declared tables follow in TABLES order."""
DATA_DIRS = ("csv/", "parquet/")


@storable
@dataclass(frozen=True)
class PublishResult:
    """The release folder and whether it was published now or found unchanged."""

    version: str
    path: Path
    status: str  # 'published' | 'unchanged'


def table_order(tables: dict[str, pandas.DataFrame]) -> list[str]:
    """The tables to publish, in descriptor order (TABLE_ORDER, then TABLES order)."""
    order = [n for n in TABLE_ORDER if n in tables]
    order += [n for n in TABLES if n in tables and n not in order]
    unknown = sorted(n for n in tables if n not in TABLES)
    if unknown:
        raise ReleaseError(f"table(s) not declared in pipeline/schemas/tables.py: "
                           f"{', '.join(unknown)}")
    return order


def neutralize_formulas(df: pandas.DataFrame, table: str) -> pandas.DataFrame:
    """CSV only: prefix a ' to text a spreadsheet would run as a formula (=, +, -, @, tab, CR).
    The Parquet files keep the original text."""
    out = df.copy(deep=False)  # copy-on-write: replaced columns never reach ``df``
    for col in TABLES[table].fields:
        if FIELDS[col].type != "string":
            continue
        s = out[col]
        if not may_start_with(s, FORMULA_START):
            continue
        risky = s.notna() & s.str.startswith(FORMULA_START).fillna(False)
        if risky.any():
            out[col] = s.mask(risky, "'" + s)
    return out


def _description(tables: dict[str, pandas.DataFrame]) -> str:
    src = tables["source"]
    lists = src[src["source_kind"] == "victim_list"]
    attribution = " ".join(
        f"Attribution ({sid}): {cit}" for sid, cit in zip(lists["source_id"], lists["citation"],
                                                          strict=True) if isinstance(cit, str))
    return (
        "Victim lists, events and attributed claims about the 1988 mass executions of political "
        "prisoners in Iran and the commemorations, protests, trials and UN actions since. Every "
        "row cites its source (table `source`, with publisher, affiliation and licence) and a "
        "locator into it; disputed figures are claims by a named party, never facts of the "
        "dataset. Rows that could not be published are in `reject` with the reason. Report "
        "texts are not redistributed: quotes are at most 25 words."
        + (" " + attribution if attribution else "")
    )


def build_descriptor(tables: dict[str, pandas.DataFrame], files: dict[str, bytes],
                     version: str, created: str, prefix: str = "") -> dict[str, Any]:
    """The release's datapackage.json (as a dict): one resource per table, with its schema,
    hashes, row count, licences and Parquet twin."""
    resources = []
    for name in table_order(tables):
        csv_path, pq_path = f"csv/{name}.csv", f"parquet/{name}.parquet"
        resources.append({
            "name": name,
            "type": "table",
            "path": prefix + csv_path,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "title": name,
            "description": TABLES[name].description,
            "hash": "sha256:" + io.sha256_bytes(files[csv_path]),
            "bytes": len(files[csv_path]),
            "rows": len(tables[name]),
            "schema": to_frictionless(name),
            "licenses": [PACKAGE_LICENSE],
            # Custom: the licences of the sources this table's rows come from, and what they
            # restrict, in words (also in the codebook).
            **resource_licences(name, tables),
            # The same rows as Parquet (typed by the same schema declaration; text is not
            # formula-neutralized there). Frictionless cannot check Parquet byte counts, so the
            # copy is described here and checked by `python -m pipeline verify`.
            "parquet": {
                "path": prefix + pq_path,
                "mediatype": "application/vnd.apache.parquet",
                "hash": "sha256:" + io.sha256_bytes(files[pq_path]),
                "bytes": len(files[pq_path]),
            },
        })
    src = tables["source"]
    sources = [
        {"title": str(t), **({"path": str(u)} if isinstance(u, str) else {})}
        for t, u in zip(src["title"], src["url"].astype("object").where(src["url"].notna(),
                                                                          None), strict=True)
    ]
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "version": version,
        "created": f"{created}T00:00:00Z",
        "description": _description(tables),
        "licenses": [PACKAGE_LICENSE],
        "sources": sources,
        "resources": resources,
        "pipeline": {
            "version": PIPELINE_VERSION,
            "libraries": {
                "pandas": pandas.__version__,
                "pyarrow": pyarrow.__version__,
                "pandera": pandera.__version__,
                "frictionless": frictionless.__version__ if hasattr(frictionless, "__version__")
                else "",
                "duckdb": duckdb.__version__,
            },
        },
    }


def render_data(tables: dict[str, pandas.DataFrame]) -> dict[str, bytes]:
    """The data files of a release (CSV and Parquet per table), keyed by path.

    Each table's Parquet file is written on a second thread while its CSV is rendered on this
    one (Arrow's Parquet writer and compute kernels release the GIL): the zstd-9 compression
    is most of the publish time and single-threaded. Every file is made by the same call as
    one after the other, so the bytes do not change; one Parquet file at a time bounds memory.
    """
    files: dict[str, bytes] = {}
    with ThreadPoolExecutor(1) as pool:
        for name in table_order(tables):
            df = tables[name]
            parquet = pool.submit(io.parquet_bytes, df, to_pyarrow(name))
            files[f"csv/{name}.csv"] = io.csv_bytes(neutralize_formulas(df, name))
            files[f"parquet/{name}.parquet"] = parquet.result()
    return files


def render(tables: dict[str, pandas.DataFrame], version: str, created: str,
           data: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """Every file of a release as bytes, keyed by its path inside the release folder
    (``data``: the CSV and Parquet files when already rendered)."""
    files = dict(data) if data is not None else render_data(tables)
    descriptor = build_descriptor(tables, files, version, created)
    # The codebook from the Parquet bytes read back, as `python -m pipeline codebook` reads a
    # release: the same page whether made now or regenerated later.
    book = codebook.build(descriptor, tables["source"], {
        name: arrow_frame(pq.read_table(pyarrow.BufferReader(files[f"parquet/{name}.parquet"])))
        for name in table_order(tables)})
    db_name = sqlite.database_file(PACKAGE_NAME)
    docs = {"codebook.md": codebook.markdown(book).encode("utf-8"),
            "codebook.html": codebook.html_page(book).encode("utf-8"),
            db_name: sqlite.build(tables, table_order(tables)),
            sqlite.METADATA: sqlite.metadata_bytes(descriptor, db_name)}
    files.update(docs)
    files["datapackage.json"] = with_documents(io.json_bytes(descriptor), docs)
    return files


FRICTIONLESS_SAMPLE_ROWS = 10_000
"""Rows per table Frictionless reads when a release is published: the descriptor, the CSV
dialect, headers, types and keys of a sample (the whole bundled release, whose tables are
smaller). Every row was already checked against the same schemas by pandera, with primary and
foreign keys, in the validate stage; reading a million-row release again row by row in
Frictionless took longer than building it. `verify` still validates every row."""


def _frictionless_errors(descriptor_path: Path) -> list[str]:
    frictionless_csv.register()  # the dialect we write, never csv.Sniffer (issue 12.2)
    report = frictionless.validate(str(descriptor_path), limit_rows=FRICTIONLESS_SAMPLE_ROWS)
    if report.valid:
        return []
    out = []
    for task in report.tasks:
        for err in task.errors[:3]:
            out.append(f"{task.name}: {err.message}")
    for err in report.errors[:3]:
        out.append(err.message)
    return out or ["invalid package"]


def _same_data(folder: Path, files: dict[str, bytes]) -> bool:
    """The published folder holds exactly these tables with these bytes (CSV and Parquet).
    Its descriptor and documents are not compared: an older release keeps the descriptor it
    was published with even when newer code describes the same data in more detail."""
    def data(rel: str) -> bool:
        return rel.startswith(DATA_DIRS)

    existing = {p.relative_to(folder).as_posix() for p in io.list_files(folder)}
    wanted = {rel for rel in files if data(rel)}
    if {rel for rel in existing if data(rel)} != wanted:
        return False
    return all(io.read_bytes(folder / rel) == files[rel] for rel in sorted(wanted))


def _changes(paths: Paths, previous: str | None, staging: Path, version: str) -> bytes:
    """CHANGES.md for the release in ``staging``; raises ReleaseError when the version number
    does not fit the diff from ``previous`` (nothing is published then)."""
    d = diff_releases(paths.published / previous if previous else None, staging)
    level, reasons = classify(d)
    if previous is not None:
        check_bump(d, implied_bump(previous, version))
    text = render_markdown(d, level=level, reasons=reasons)
    notes = release_notes(paths, version)
    if notes:
        # the maintainers' account in words first, then the mechanical diff it explains
        head, _, rest = text.partition("\n\n")
        text = f"{head}\n\n{notes.strip()}\n\n## The diff, table by table\n\n{rest}"
    return text.encode("utf-8")


def release_notes(paths: Paths, version: str) -> str | None:
    """The hand-written notes for ``version`` (``pipeline/etc/release_notes/<version>.md``):
    what changed and why, in users' words; CHANGES.md opens with them. None when absent."""
    path = paths.etc / "release_notes" / f"{version}.md"
    return io.read_text(path) if path.is_file() else None


def precheck(paths: Paths, version: str) -> None:
    """Refuse, before any work, a version below the latest published one: an older release
    is immutable and newer code does not rebuild it byte for byte (``run --version 0.1.0``
    used to build for 20 s before saying so)."""
    parse_version(version)
    latest = latest_version(paths.published)
    if latest is None or parse_version(version) >= parse_version(latest):
        return
    if version in published_versions(paths.published):
        raise ReleaseError(
            f"{version} is an older published release (latest: {latest}) and is immutable; "
            f"check it with `python -m pipeline verify {version}`, rebuild the latest with "
            "`python -m pipeline run`, or make a new one with `python -m pipeline release "
            "--bump major|minor|patch`", file=paths.rel(paths.published / version))
    raise ReleaseError(f"version {version} is below the latest release {latest}: a new "
                       "release needs a higher number (`python -m pipeline release --bump "
                       "...` picks it)", file=paths.rel(paths.published))


def run(tables: dict[str, pandas.DataFrame], paths: Paths, version: str, created: str,
        *, validate_package: bool = True) -> PublishResult:
    """Publish ``tables`` as release ``version`` (see the module docstring); an existing
    version with the same data is left as it is, one with other data is refused."""
    parse_version(version)
    check_licences(tables)
    data = render_data(tables)
    final = paths.published / version
    # An existing version is compared on its data alone: the documents, database and archive
    # (the slow part) are only made for a new release.
    files = data if final.exists() else render(tables, version, created, data)
    with io.exclusive_lock(paths.published / ".lock"):
        if not final.exists() and files is data:  # removed meanwhile: make the documents
            files = render(tables, version, created, data)
        if final.exists():
            if _same_data(final, files):
                log.info("publish: %s already published with identical data", version)
                write_root(paths, version, io.read_bytes(final / "datapackage.json"))
                return PublishResult(version, final, "unchanged")
            raise ReleaseError(
                f"version {version} is already published with different content; a released "
                "version is immutable: make a new one with `python -m pipeline release --bump "
                "major|minor|patch` (see RELEASING.md)",
                file=paths.rel(final),
            )
        previous = previous_version(paths.published, version)
        staging = paths.published / f".staging-{version}"
        if staging.exists():  # left by a run that was killed: never part of a release
            shutil.rmtree(staging)
        try:
            for rel, data in files.items():
                io.write_bytes_atomic(staging / rel, data)
            changes = _changes(paths, previous, staging, version)
            docs = {rel: data for rel, data in files.items()
                    if not rel.startswith(DATA_DIRS) and rel != "datapackage.json"}
            docs["CHANGES.md"] = changes
            files["CHANGES.md"] = changes
            files["datapackage.json"] = with_documents(files["datapackage.json"], docs)
            io.write_bytes_atomic(staging / "CHANGES.md", changes)
            io.write_bytes_atomic(staging / "datapackage.json", files["datapackage.json"])
            # The download: every file above in one zip, its sha256 in a sidecar (neither is
            # listed in datapackage.json, which the zip contains; verify checks both).
            zip_name, zip_bytes = archive.build(files, PACKAGE_NAME, version)
            io.write_bytes_atomic(staging / zip_name, zip_bytes)
            io.write_bytes_atomic(staging / archive.sidecar_name(zip_name),
                                  archive.sidecar_bytes(zip_name, zip_bytes))
            if validate_package:
                errors = _frictionless_errors(staging / "datapackage.json")
                if errors:
                    raise ReleaseError("frictionless validation failed: " + " | ".join(errors),
                                       file=paths.rel(staging / "datapackage.json"))
            staging.rename(final)
        finally:
            if staging.exists():
                shutil.rmtree(staging)
        write_root(paths, version, files["datapackage.json"])
    log.info("publish: %s written to %s", version, paths.rel(final))
    return PublishResult(version, final, "published")


def write_root(paths: Paths, version: str, descriptor: bytes) -> None:
    """The root datapackage.json: the release's descriptor with paths into it. Skipped when
    a newer version is published (the root always describes the latest release)."""
    latest = latest_version(paths.published)
    if latest is not None and parse_version(latest) > parse_version(version):
        log.info("publish: root datapackage.json stays at the latest release %s", latest)
        return
    prefix = paths.published.relative_to(paths.root).as_posix() + f"/{version}/"
    data = root_descriptor(descriptor, prefix)
    if paths.root_descriptor.exists() and io.read_bytes(paths.root_descriptor) == data:
        return
    io.write_bytes_atomic(paths.root_descriptor, data)
