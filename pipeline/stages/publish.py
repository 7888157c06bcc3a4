"""Publish a release: CSV + Parquet per table and a Frictionless datapackage.json, built in a
staging folder, validated, then renamed into published/<version>/ (atomic). A published
version is immutable: a re-run with identical output is a no-op, a different output is refused.
The root datapackage.json (latest release) is replaced last."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import frictionless
import pandas
import pandera
import pyarrow

from pipeline import io
from pipeline.config import (
    PACKAGE_LICENSE,
    PACKAGE_NAME,
    PACKAGE_TITLE,
    PIPELINE_VERSION,
    Paths,
)
from pipeline.errors import ReleaseError
from pipeline.schemas import TABLES, to_frictionless, to_pyarrow
from pipeline.schemas.fields import FIELDS

log = logging.getLogger(__name__)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TABLE_ORDER = ("source", "place", "actor", "event", "claim", "record", "reject")


@dataclass(frozen=True)
class PublishResult:
    version: str
    path: Path
    status: str  # 'published' | 'unchanged'


def neutralize_formulas(df: pandas.DataFrame, table: str) -> pandas.DataFrame:
    """CSV only: prefix a ' to text a spreadsheet would run as a formula (=, +, -, @, tab, CR).
    The Parquet files keep the original text."""
    out = df.copy()
    for col in TABLES[table].fields:
        if FIELDS[col].type != "string":
            continue
        s = out[col]
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
    resources = []
    for name in TABLE_ORDER:
        if name not in tables:
            continue
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


def render(tables: dict[str, pandas.DataFrame], version: str, created: str
           ) -> dict[str, bytes]:
    """Every file of a release as bytes, keyed by its path inside the release folder."""
    files: dict[str, bytes] = {}
    for name in TABLE_ORDER:
        if name not in tables:
            continue
        df = tables[name]
        files[f"csv/{name}.csv"] = io.csv_bytes(neutralize_formulas(df, name))
        files[f"parquet/{name}.parquet"] = io.parquet_bytes(df, to_pyarrow(name))
    files["datapackage.json"] = io.json_bytes(build_descriptor(tables, files, version, created))
    return files


def _frictionless_errors(descriptor_path: Path) -> list[str]:
    report = frictionless.validate(str(descriptor_path))
    if report.valid:
        return []
    out = []
    for task in report.tasks:
        for err in task.errors[:3]:
            out.append(f"{task.name}: {err.message}")
    for err in report.errors[:3]:
        out.append(err.message)
    return out or ["invalid package"]


def _same(folder: Path, files: dict[str, bytes]) -> bool:
    existing = {p.relative_to(folder).as_posix() for p in io.list_files(folder)}
    wanted = set(files)
    if not wanted <= existing:
        return False
    return all(io.read_bytes(folder / rel) == data for rel, data in files.items())


def run(tables: dict[str, pandas.DataFrame], paths: Paths, version: str, created: str,
        *, validate_package: bool = True) -> PublishResult:
    files = render(tables, version, created)
    final = paths.published / version
    with io.exclusive_lock(paths.published / ".lock"):
        if final.exists():
            if _same(final, files):
                log.info("publish: %s already published with identical content", version)
                _write_root(paths, version, files)
                return PublishResult(version, final, "unchanged")
            raise ReleaseError(
                f"version {version} is already published with different content; a released "
                "version is immutable: bump RELEASE_VERSION in pipeline/config.py",
                file=paths.rel(final),
            )
        staging = paths.published / f".staging-{version}"
        if staging.exists():
            shutil.rmtree(staging)
        try:
            for rel, data in files.items():
                io.write_bytes_atomic(staging / rel, data)
            if validate_package:
                errors = _frictionless_errors(staging / "datapackage.json")
                if errors:
                    raise ReleaseError("frictionless validation failed: " + " | ".join(errors),
                                       file=paths.rel(staging / "datapackage.json"))
            staging.rename(final)
        finally:
            if staging.exists():
                shutil.rmtree(staging)
        _write_root(paths, version, files)
    log.info("publish: %s written to %s", version, paths.rel(final))
    return PublishResult(version, final, "published")


def _write_root(paths: Paths, version: str, files: dict[str, bytes]) -> None:
    """The root datapackage.json: the latest release's descriptor with paths into it."""
    import json

    descriptor = json.loads(files["datapackage.json"])
    prefix = paths.published.relative_to(paths.root).as_posix() + f"/{version}/"
    for res in descriptor["resources"]:
        res["path"] = prefix + res["path"]
        if "parquet" in res:
            res["parquet"]["path"] = prefix + res["parquet"]["path"]
    data = io.json_bytes(descriptor)
    if paths.root_descriptor.exists() and io.read_bytes(paths.root_descriptor) == data:
        return
    io.write_bytes_atomic(paths.root_descriptor, data)
