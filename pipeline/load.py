"""Load a published table as a typed pandas DataFrame, after checking its file's sha256.

    from pipeline import load            # once pipeline/__init__.py exports it
    event = load("event", version="0.1.0")

Columns get the dtype their declared type calls for: text ``string``, integers ``Int64``,
numbers ``Float64``, booleans ``boolean``, and ``date`` fields ``datetime64[ns]``. Dates known
only to the year or month (``event_date``: ``1988``, ``1988-08``) are declared as text and stay
text: turning them into a day would invent a precision the source does not give.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow
import pyarrow.parquet as pq

from pipeline import io
from pipeline.config import REPO_ROOT, Paths
from pipeline.errors import ReleaseError
from pipeline.release.verify import _safe_rel, check_file, show
from pipeline.release.versions import latest_version, published_versions

log = logging.getLogger(__name__)

DTYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "date": "datetime64[ns]",
}


def release_folder(version: str | None = None, root: Path | None = None) -> Path:
    """published/<version>/ under ``root`` (default: the repository); None = the latest."""
    published = Paths.under(Path(root)).published if root is not None else Paths().published
    if version is None:
        version = latest_version(published)
        if version is None:
            raise ReleaseError("no release has been published yet", file=show(published))
    folder = published / version
    if not (folder / "datapackage.json").is_file():
        have = ", ".join(published_versions(published)) or "none"
        raise ReleaseError(f"no release {version} (published: {have})", file=show(published))
    return folder


def _resource(desc: dict[str, Any], table: str, folder: Path) -> dict[str, Any]:
    for res in desc.get("resources", []):
        if isinstance(res, dict) and res.get("name") == table:
            return res
    names = ", ".join(str(r.get("name")) for r in desc.get("resources", []))
    raise ReleaseError(f"release has no table {table!r}; tables: {names}",
                       file=show(folder / "datapackage.json"))


def typed(df: pd.DataFrame, fields: list[dict[str, Any]]) -> pd.DataFrame:
    """Cast every column to the pandas dtype of its declared Frictionless type."""
    out = {}
    for f in fields:
        name, kind = f["name"], f.get("type", "string")
        s = df[name]
        if kind == "date":
            out[name] = pd.to_datetime(s, errors="raise").astype("datetime64[ns]")
        elif kind == "integer":
            out[name] = s.astype("Int64")
        else:
            out[name] = s.astype(DTYPES.get(kind, "string"))
    return pd.DataFrame(out, index=pd.RangeIndex(len(df)))


_DOWNLOADS: dict[tuple[str, str | None], tuple[tempfile.TemporaryDirectory, Path]] = {}


def _downloaded(url: str, version: str | None) -> Path:
    """A release fetched from ``url`` (checked like ``python -m pipeline download``) into a
    temporary folder kept for the rest of the process, so each table is fetched once."""
    from pipeline.release.download import download

    key = (url, version)
    if key not in _DOWNLOADS:
        tmp = tempfile.TemporaryDirectory(prefix="pipeline-load-")
        _DOWNLOADS[key] = (tmp, download(url, version=version, to=Path(tmp.name)))
    return _DOWNLOADS[key][1]


def load(table: str, version: str | None = None, root: Path | str | None = None,
         path: Path | str | None = None, url: str | None = None) -> pd.DataFrame:
    """Table ``table`` of release ``version`` (None: the latest under ``root``/published/), or
    of the release folder ``path`` (a local copy, e.g. an unpacked download), or of the
    release at ``url`` (an archive, a datapackage.json or a base URL with ``version``; every
    hash is checked before it is read, as ``python -m pipeline download`` does).

    Without ``path``, ``url`` and ``root``, the release is looked up in the ``published/``
    folder of the repository this code was installed from, wherever the caller runs; the
    chosen release and folder are logged (INFO), and as a WARNING when the current folder is
    outside that repository. ``df.attrs["release"]`` names the version and folder read.

    The Parquet file is read once, its bytes checked against the sha256 and size the
    release's datapackage.json records, and only then parsed; a mismatch raises ReleaseError
    naming the file.
    """
    if url is not None:
        folder = _downloaded(url, version)
    elif path is not None:
        folder = Path(path)
        if not (folder / "datapackage.json").is_file():
            raise ReleaseError("not a release folder: no datapackage.json", file=str(folder))
    else:
        folder = release_folder(version, Path(root) if root is not None else None)
        outside = root is None and not Path.cwd().resolve().is_relative_to(REPO_ROOT)
        log.log(logging.WARNING if outside else logging.INFO,
                "load: %s from release %s in %s%s", table, folder.name, folder,
                " (the repository pipeline was installed from; pass path= or url= for "
                "another copy)" if outside else "")
    desc_path = folder / "datapackage.json"
    desc = io.read_json(desc_path, shown=show(desc_path))
    res = _resource(desc, table, folder)
    pq_entry = res.get("parquet")
    if not isinstance(pq_entry, dict) or not isinstance(pq_entry.get("path"), str):
        raise ReleaseError(f"table {table} has no Parquet file in this release",
                           file=show(desc_path))
    rel = _safe_rel(pq_entry["path"])  # the same rule as verify (issue 12.8)
    if rel is None or folder.resolve() not in (folder / rel).resolve().parents:
        raise ReleaseError(f"table {table}: Parquet path {pq_entry['path']!r} is not a "
                           "relative path inside the release (refused, as verify does)",
                           file=show(desc_path))
    path = folder / rel
    if not path.is_file():
        raise ReleaseError("missing file", file=show(path))
    data = io.read_bytes(path, shown=show(path))
    problem = check_file(path, pq_entry, data)
    if problem:
        raise ReleaseError(problem.split(": ", 1)[1], file=show(path))
    try:
        tbl = pq.read_table(pyarrow.BufferReader(data))
    except pyarrow.ArrowException as exc:
        raise ReleaseError(f"cannot read Parquet: {exc}", file=show(path)) from None
    fields = res.get("schema", {}).get("fields", [])
    names = [f.get("name") for f in fields]
    if tbl.column_names != names:
        raise ReleaseError(f"columns {tbl.column_names} differ from the descriptor's {names}",
                           file=show(path))
    df = tbl.to_pandas(types_mapper={pyarrow.string(): pd.StringDtype(),
                                     pyarrow.large_string(): pd.StringDtype()}.get)
    out = typed(df, fields)
    out.attrs["release"] = {"version": str(desc.get("version", folder.name)),
                            "folder": str(folder)}
    return out
