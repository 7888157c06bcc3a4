"""Check a release folder against its own datapackage.json.

Integrity: every file the descriptor lists (each table's CSV, its Parquet twin under the
custom ``parquet`` property, and the non-table files under the custom ``documents`` key) must
be present with the recorded byte count and sha256, and no other file may be in the folder
but the release archive ``<name>-<version>.zip`` and its ``.sha256`` sidecar (from 0.4.0 on;
they cannot be listed in the descriptor they contain): the zip must match the sidecar and
hold exactly the release's files, each with its recorded sha256 (pipeline/release/archive.py).
Validity (only when every file is intact, so a tampered file is reported once, by name):
``frictionless validate`` of the package (CSV, types, constraints, keys, foreign keys), and each
Parquet file read back and checked against the declared schema: with the pandera schema from
pipeline.schemas when the release declares the table exactly as the code does, otherwise
(an older or newer release) against the release's own field list and types.

:func:`verify` returns the problems as lines ``<file>: <what is wrong>``; empty means valid.
"""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath
from typing import Any

import frictionless
import pandas as pd
import pandera.errors as pa_errors
import pyarrow
import pyarrow.parquet as pq

from pipeline import frictionless_csv, io
from pipeline.config import Paths
from pipeline.errors import PipelineError, ReleaseError
from pipeline.release import archive
from pipeline.schemas import TABLES, to_frictionless, to_pandera
from pipeline.schemas.build import ARROW_TYPES

log = logging.getLogger(__name__)

DESCRIPTOR = "datapackage.json"
MAX_PER_TABLE = 5


def show(path: Path) -> str:
    """A path as users see it: repository-relative when possible."""
    return Paths().rel(path)


def _safe_rel(rel: object) -> str | None:
    """A descriptor path if it is a plain relative path inside the release, else None."""
    if not isinstance(rel, str) or not rel or "://" in rel or "\\" in rel:
        return None
    p = PurePosixPath(rel)
    if p.is_absolute() or ".." in p.parts:
        return None
    return p.as_posix()


def listed_files(desc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(relative path, entry with hash/bytes) for every file a descriptor lists."""
    out: list[tuple[str, dict[str, Any]]] = []
    for res in desc.get("resources", []):
        if not isinstance(res, dict):
            continue
        out.append((res.get("path"), res))
        if isinstance(res.get("parquet"), dict):
            out.append((res["parquet"].get("path"), res["parquet"]))
    for doc in desc.get("documents", []) or []:
        if isinstance(doc, dict):
            out.append((doc.get("path"), doc))
    return out


def check_file(path: Path, entry: dict[str, Any], data: bytes | None = None) -> str | None:
    """The problem with one listed file (missing, wrong size, wrong sha256), or None."""
    if data is None:
        if not path.is_file():
            return f"{show(path)}: missing"
        data = io.read_bytes(path, shown=show(path))
    want_hash = entry.get("hash")
    want_bytes = entry.get("bytes")
    if not isinstance(want_hash, str) or not want_hash.startswith("sha256:"):
        return f"{show(path)}: descriptor gives no sha256 hash for it"
    if not isinstance(want_bytes, int):
        return f"{show(path)}: descriptor gives no byte count for it"
    if len(data) != want_bytes:
        return (f"{show(path)}: size {len(data)} bytes, descriptor says {want_bytes} "
                f"({'truncated' if len(data) < want_bytes else 'grown'})")
    got = "sha256:" + io.sha256_bytes(data)
    if got != want_hash:
        return f"{show(path)}: sha256 mismatch: descriptor says {want_hash}, file has {got}"
    return None


def _integrity(folder: Path, desc: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    expected = {DESCRIPTOR}
    entries: dict[str, dict[str, Any]] = {}
    for rel, entry in listed_files(desc):
        safe = _safe_rel(rel)
        if safe is None:
            problems.append(f"{show(folder / DESCRIPTOR)}: file path {rel!r} is not a relative "
                            "path inside the release")
            continue
        if safe in expected:
            problems.append(f"{show(folder / DESCRIPTOR)}: file {safe} is listed twice")
            continue
        expected.add(safe)
        entries[safe] = entry
        problem = check_file(folder / safe, entry)
        if problem:
            problems.append(problem)
    zip_name = archive.archive_name(str(desc.get("name", "")), str(desc.get("version", "")))
    has_zip = False
    for path in io.list_files(folder):
        rel = path.relative_to(folder).as_posix()
        if rel in (zip_name, archive.sidecar_name(zip_name)):
            has_zip = True
            continue
        if rel not in expected:
            problems.append(f"{show(path)}: unexpected file (not listed in {DESCRIPTOR})")
    if has_zip:  # releases before 0.4.0 have none
        problems += _archive(folder, zip_name, expected, entries)
    return problems


def _archive(folder: Path, zip_name: str, expected: set[str],
             entries: dict[str, dict[str, Any]]) -> list[str]:
    """The release's zip matches its .sha256 sidecar and holds exactly the release's files:
    each with the size and sha256 the descriptor records (a file changed in the folder is
    reported once, by the folder check), and the folder's own datapackage.json."""
    zpath, spath = folder / zip_name, folder / archive.sidecar_name(zip_name)
    if not zpath.is_file() or not spath.is_file():
        missing = spath if zpath.is_file() else zpath
        return [f"{show(missing)}: missing (the archive and its .sha256 come together)"]
    data = io.read_bytes(zpath, shown=show(zpath))
    side = archive.parse_sidecar(io.read_bytes(spath, shown=show(spath)))
    if side is None or side[1] != zip_name:
        return [f"{show(spath)}: not one line '<sha256>  {zip_name}'"]
    if io.sha256_bytes(data) != side[0]:
        return [f"{show(zpath)}: sha256 mismatch: {spath.name} says {side[0]}, file has "
                f"{io.sha256_bytes(data)} (tampered or truncated)"]
    try:
        inside = archive.members(data)
    except ValueError as exc:
        return [f"{show(zpath)}: {exc}"]
    problems = []
    if set(inside) != expected:
        extra = sorted(set(inside) - expected)
        lacking = sorted(expected - set(inside))
        problems.append(f"{show(zpath)}: holds other files than the release folder"
                        + (f"; extra: {', '.join(extra[:5])}" if extra else "")
                        + (f"; lacking: {', '.join(lacking[:5])}" if lacking else ""))
    for rel in sorted(set(inside) & expected):
        if rel == DESCRIPTOR:
            if io.read_bytes(folder / rel) != inside[rel]:
                problems.append(f"{show(zpath)}: {rel} differs from the folder's copy")
        elif check_file(Path(rel), entries[rel], inside[rel]) is not None:
            problems.append(f"{show(zpath)}: {rel} differs from the size or sha256 in "
                            f"{DESCRIPTOR}")
    return problems


def _frictionless(folder: Path) -> list[str]:
    frictionless_csv.register()  # the dialect we write, never csv.Sniffer (issue 12.2)
    try:
        report = frictionless.validate(str(folder / DESCRIPTOR))
    except Exception as exc:  # frictionless raises its own types on unreadable descriptors
        return [f"{show(folder / DESCRIPTOR)}: frictionless cannot validate: {exc}"]
    out: list[str] = []
    for task in report.tasks:
        for err in task.errors[:MAX_PER_TABLE]:
            where = getattr(task, "place", None) or task.name
            row = getattr(err, "row_number", None)
            out.append(f"{show(folder / str(where))}{f':{row}' if row else ''}: {err.message}")
    for err in report.errors[:MAX_PER_TABLE]:
        out.append(f"{show(folder / DESCRIPTOR)}: {err.message}")
    return out


def arrow_frame(tbl: pyarrow.Table) -> pd.DataFrame:
    """A Parquet table as the pipeline holds frames: nullable dtypes, dates as ISO text."""
    cols: dict[str, pd.Series] = {}
    for f, col in zip(tbl.schema, tbl.columns, strict=True):
        values = col.to_pylist()
        if pyarrow.types.is_date32(f.type) or pyarrow.types.is_date64(f.type):
            cols[f.name] = pd.Series([v.isoformat() if v is not None else None for v in values],
                                     dtype="string")
        elif pyarrow.types.is_integer(f.type):
            cols[f.name] = pd.Series(values, dtype="Int64")
        elif pyarrow.types.is_floating(f.type):
            cols[f.name] = pd.Series(values, dtype="Float64")
        elif pyarrow.types.is_boolean(f.type):
            cols[f.name] = pd.Series(values, dtype="boolean")
        else:
            cols[f.name] = pd.Series(values, dtype="string")
    return pd.DataFrame(cols, index=pd.RangeIndex(tbl.num_rows))


def _parquet_checks(folder: Path, res: dict[str, Any]) -> list[str]:
    rel = res["parquet"]["path"]
    path = folder / rel
    shown = show(path)
    try:
        tbl = pq.read_table(pyarrow.BufferReader(io.read_bytes(path, shown=shown)))
    except (pyarrow.ArrowException, OSError) as exc:
        return [f"{shown}: cannot read Parquet: {exc}"]
    fields = res.get("schema", {}).get("fields", [])
    names = [f.get("name") for f in fields]
    problems: list[str] = []
    if tbl.column_names != names:
        problems.append(f"{shown}: columns {tbl.column_names} differ from the descriptor's "
                        f"{names}")
        return problems
    for f in fields:
        want = ARROW_TYPES.get(f.get("type", ""))
        got = tbl.schema.field(f["name"]).type
        if want is not None and got != want:
            problems.append(f"{shown}: column {f['name']} is {got}, descriptor says "
                            f"{f.get('type')}")
    if isinstance(res.get("rows"), int) and tbl.num_rows != res["rows"]:
        problems.append(f"{shown}: {tbl.num_rows} rows, descriptor says {res['rows']}")
    if problems:
        return problems
    df = arrow_frame(tbl)
    name = res.get("name")
    if name in TABLES and res.get("schema") == to_frictionless(name):
        try:
            to_pandera(name).validate(df, lazy=True)
        except pa_errors.SchemaErrors as exc:
            cases = exc.failure_cases
            for rec in cases.head(MAX_PER_TABLE).to_dict("records"):
                idx = rec.get("index")
                row = f" (CSV row {int(idx) + 2})" if isinstance(idx, int | float) and \
                    pd.notna(idx) else ""
                problems.append(f"{shown}: {rec.get('column')}: {rec.get('check')} failed for "
                                f"{rec.get('failure_case')!r}{row}")
            if len(cases) > MAX_PER_TABLE:
                problems.append(f"{shown}: and {len(cases) - MAX_PER_TABLE} more schema failures")
        return problems
    # A release declaring the table otherwise than the current code: its own key must hold.
    pk = res.get("schema", {}).get("primaryKey", [])
    pk = [pk] if isinstance(pk, str) else list(pk)
    if pk:
        keys = df[pk]
        if keys.isna().any(axis=None):
            problems.append(f"{shown}: empty primary key value in {', '.join(pk)}")
        if keys.duplicated().any():
            problems.append(f"{shown}: duplicate primary key in {', '.join(pk)}")
    return problems


def _sqlite_checks(folder: Path, desc: dict[str, Any]) -> list[str]:
    """The SQLite edition (from 0.4.0 on) passes SQLite's integrity check, its foreign keys
    hold, and every table has the descriptor's row count."""
    import sqlite3

    dbs = [d.get("path") for d in desc.get("documents", []) or []
           if isinstance(d, dict) and str(d.get("path", "")).endswith(".sqlite")]
    problems: list[str] = []
    for rel in dbs:
        path = folder / rel
        shown = show(path)
        try:
            con = sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            problems.append(f"{shown}: cannot open: {exc}")
            continue
        try:
            ok = con.execute("PRAGMA integrity_check").fetchall()
            if ok != [("ok",)]:
                problems.append(f"{shown}: integrity check: {ok[0][0]}")
            if con.execute("PRAGMA foreign_key_check").fetchone() is not None:
                problems.append(f"{shown}: a foreign key does not resolve")
            for res in desc.get("resources", []):
                name, rows = res.get("name"), res.get("rows")
                if not isinstance(rows, int):
                    continue
                (n,) = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()
                if n != rows:
                    problems.append(f"{shown}: table {name} has {n} rows, descriptor says "
                                    f"{rows}")
        except sqlite3.Error as exc:
            problems.append(f"{shown}: {exc}")
        finally:
            con.close()
    return problems


def verify(folder: Path, *, revalidate: bool = True) -> list[str]:
    """Every problem with release ``folder`` as ``<file>: <problem>`` lines (empty: valid)."""
    folder = Path(folder)
    desc_path = folder / DESCRIPTOR
    if not desc_path.is_file():
        return [f"{show(desc_path)}: missing (not a release folder)"]
    try:
        desc = io.read_json(desc_path, shown=show(desc_path))
    except PipelineError as err:
        return [str(err)]
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
        return [f"{show(desc_path)}: no resources list"]
    problems = _integrity(folder, desc)
    if problems or not revalidate:
        return problems
    problems += _frictionless(folder)
    for res in desc["resources"]:
        if isinstance(res.get("parquet"), dict):
            problems += _parquet_checks(folder, res)
    problems += _sqlite_checks(folder, desc)
    log.info("verify: %s: %d problem(s)", show(folder), len(problems))
    return problems


def require_valid(folder: Path) -> None:
    """Raise ReleaseError naming the first problem (and how many more) unless valid."""
    problems = verify(folder)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ReleaseError(problems[0] + more)
