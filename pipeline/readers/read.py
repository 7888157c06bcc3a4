"""The entry point :func:`read_list`: which files a list is (one file, or the files of a folder
that the mapping names), which reader reads each, and the assembled result."""

from __future__ import annotations

import fnmatch
import logging
from pathlib import Path

from pipeline import io, limits
from pipeline.errors import InputError
from pipeline.readers.assemble import _assemble
from pipeline.readers.csv_file import _read_csv
from pipeline.readers.json_file import _read_json
from pipeline.readers.mapping import FORMATS, ListMapping
from pipeline.readers.records import _read_records
from pipeline.readers.rows import ListRead, _Chunk
from pipeline.readers.xlsx import _read_xlsx

log = logging.getLogger(__name__)
RESERVED_FILE_NAMES = frozenset({"mapping.yaml", "mapping.yml", "source.yml", "source.yaml"})
_EXTENSION_FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".yaml": "records",
    ".yml": "records",
    ".md": "records",
    ".markdown": "records",
}


def read_list(
    path: Path, mapping: ListMapping | None = None, *, shown: str | None = None
) -> ListRead:
    """Read a list file (or a folder, with ``mapping.files``) into the template. See the module
    docstring for the guarantees."""
    path = Path(path)
    mapping = mapping or ListMapping.default()
    shown = shown or path.as_posix()
    if not path.exists():
        raise InputError("file not found", file=shown)
    targets = _resolve_files(path, mapping, shown)
    chunks: list[_Chunk] = []
    record_targets: list[tuple[Path, str]] = []
    for target, target_shown in targets:
        fmt = _format_for(target, mapping, target_shown)
        if fmt == "records":
            record_targets.append((target, target_shown))
            continue
        _check_file_size(target, target_shown)
        data = io.read_bytes(target, shown=target_shown)
        if fmt == "csv":
            chunks.append(_read_csv(data, target_shown, mapping))
        elif fmt == "xlsx":
            chunks.extend(_read_xlsx(data, target_shown, mapping))
        else:
            chunks.append(_read_json(data, target_shown, mapping, target.suffix.lower()))
    if record_targets:
        chunks.append(_read_records(record_targets, mapping, shown))
    result = _assemble(chunks, mapping, shown)
    log.info(
        "read %s: %d raw rows, %d kept, %d with problems",
        shown,
        result.raw_row_count,
        len(result.frame),
        result.problem_row_count,
    )
    return result


def _resolve_files(path: Path, mapping: ListMapping, shown: str) -> list[tuple[Path, str]]:
    if not path.is_dir():
        return [(path, shown)]
    if not mapping.files:
        raise InputError(
            "is a folder: the mapping must say which files to read ('files:')", file=shown
        )
    found: list[tuple[str, Path]] = []
    for p in path.glob(mapping.files):
        rel = p.relative_to(path).as_posix()
        link = next((q for q in [p, *p.parents] if q != path and path in q.parents
                     and q.is_symlink()), None)
        if link is not None:  # a symlink could reach outside the source folder (issue 12.3)
            raise InputError("symlink refused: a list reads only regular files inside its "
                             "folder", file=f"{shown}/{link.relative_to(path).as_posix()}")
        if not p.is_file():
            continue
        parts = rel.split("/")
        if any(part.startswith(".") for part in parts):
            continue
        if len(parts) == 1 and p.name in RESERVED_FILE_NAMES:
            continue
        if any(
            fnmatch.fnmatchcase(rel, pat) or fnmatch.fnmatchcase(p.name, pat)
            for pat in mapping.exclude
        ):
            continue
        found.append((rel, p))
    if not found:
        raise InputError(f"no files match {mapping.files!r}", file=shown)
    found.sort(key=lambda item: item[0])
    base = shown.rstrip("/")
    return [(p, f"{base}/{rel}") for rel, p in found]


def _format_for(path: Path, mapping: ListMapping, shown: str) -> str:
    if mapping.format:
        return mapping.format
    suffix = path.suffix.lower()
    if suffix in _EXTENSION_FORMATS:
        return _EXTENSION_FORMATS[suffix]
    if suffix in (".xls", ".ods"):
        raise InputError(
            f"{suffix} files are not supported: save the list as .xlsx or CSV", file=shown
        )
    raise InputError(
        f"cannot tell the format of a {suffix or 'suffix-less'} file: set 'format' in the mapping "
        f"({', '.join(FORMATS)})",
        file=shown,
    )


def _check_file_size(path: Path, shown: str) -> None:
    """Refuse a file over MAX_FILE_BYTES before reading it."""
    size = path.stat().st_size
    if size > limits.MAX_FILE_BYTES:
        raise InputError(f"file is {size:,} bytes, over the limit of "
                         f"{limits.MAX_FILE_BYTES // (1024 * 1024)} MiB per list file "
                         "(MAX_FILE_BYTES)", file=shown)
