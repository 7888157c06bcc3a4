"""Snapshot check: every file under raw/ is listed in its folder's source.yml with metadata and
a sha256 that matches. No network: this checks what we hold, not what is online."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import io
from pipeline.config import Paths
from pipeline.errors import SnapshotError

log = logging.getLogger(__name__)

META_FILE = "source.yml"
_SOURCE_KEYS = {
    "source_id", "kind", "title", "publisher", "affiliation", "url", "origin", "retrieved",
    "license", "license_note", "citation", "files", "synthetic",
}
_FILE_KEYS = {
    "path", "sha256", "bytes", "media_type", "source_id", "report_id", "kind", "title",
    "publisher", "affiliation", "url", "published_date", "language", "retrieved", "license",
}
_KINDS = {"compilation", "report_snapshot", "victim_list", "publication"}
_ID = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class FileMeta:
    path: str  # relative to the source folder
    shown: str  # relative to the repository root, as shown to users
    sha256: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceMeta:
    source_id: str
    kind: str
    title: str
    publisher: str
    affiliation: str
    url: str | None
    retrieved: str
    license: str
    citation: str | None
    folder: Path
    shown: str  # the source.yml path as shown
    files: tuple[FileMeta, ...]
    synthetic: bool = False
    license_note: str | None = None

    def file(self, path: str) -> FileMeta | None:
        for f in self.files:
            if f.path == path:
                return f
        return None


@dataclass(frozen=True)
class Snapshot:
    sources: tuple[SourceMeta, ...]

    def get(self, source_id: str) -> SourceMeta | None:
        for s in self.sources:
            if s.source_id == source_id:
                return s
        return None

    @property
    def created(self) -> str:
        """The package's `created` date: the latest retrieval date among inputs (no clock)."""
        dates = [s.retrieved for s in self.sources]
        dates += [str(f.extra["retrieved"]) for s in self.sources for f in s.files
                  if f.extra.get("retrieved")]
        return max(dates) if dates else "1970-01-01"


def _text(meta: dict[str, Any], key: str, shown: str, *, required: bool = True) -> str | None:
    value = meta.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise SnapshotError("missing metadata", file=shown, field=key)
        return None
    return str(value)


def _date(value: Any, shown: str, key: str) -> str:
    text = str(value)
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise SnapshotError("not an ISO date (YYYY-MM-DD)", file=shown, field=key,
                            value=text) from None
    return text


def _check_url(url: str | None, shown: str, key: str = "url") -> None:
    if url is not None and not re.fullmatch(r"https?://\S+", url):
        raise SnapshotError("not an http(s) URL", file=shown, field=key, value=url)


def parse_source_meta(meta: Any, folder: Path, shown: str) -> SourceMeta:
    """Validate one source.yml mapping (pure: no file access)."""
    if not isinstance(meta, dict):
        raise SnapshotError("source.yml must be a mapping", file=shown)
    unknown = sorted(set(meta) - _SOURCE_KEYS)
    if unknown:
        raise SnapshotError("unknown metadata key(s)", file=shown, field=", ".join(unknown))
    source_id = _text(meta, "source_id", shown)
    assert source_id is not None
    if not _ID.fullmatch(source_id):
        raise SnapshotError("source_id must use [A-Za-z0-9_-]", file=shown, field="source_id",
                            value=source_id)
    if source_id != folder.name:
        raise SnapshotError(f"source_id must equal its folder name {folder.name!r}", file=shown,
                            field="source_id", value=source_id)
    kind = _text(meta, "kind", shown)
    if kind not in _KINDS:
        raise SnapshotError(f"kind must be one of {sorted(_KINDS)}", file=shown, field="kind",
                            value=kind)
    url = _text(meta, "url", shown, required=kind != "compilation")
    _check_url(url, shown)
    if url is None:
        _text(meta, "origin", shown)  # a compilation without a URL must say where it came from
    files_meta = meta.get("files")
    if not isinstance(files_meta, list) or not files_meta:
        raise SnapshotError("files must be a non-empty list", file=shown, field="files")
    files: list[FileMeta] = []
    seen: set[str] = set()
    for i, entry in enumerate(files_meta, 1):
        where = f"files[{i}]"
        if not isinstance(entry, dict):
            raise SnapshotError("file entry must be a mapping", file=shown, field=where)
        unknown = sorted(set(entry) - _FILE_KEYS)
        if unknown:
            raise SnapshotError("unknown file key(s)", file=shown,
                                field=f"{where}: {', '.join(unknown)}")
        path = _text(entry, "path", shown)
        sha = _text(entry, "sha256", shown)
        assert path is not None and sha is not None
        if path in seen:
            raise SnapshotError("file listed twice", file=shown, field="files", value=path)
        seen.add(path)
        if Path(path).is_absolute() or ".." in Path(path).parts:
            raise SnapshotError("file path must stay inside the folder", file=shown,
                                field=where, value=path)
        if not re.fullmatch(r"[0-9a-f]{64}", sha):
            raise SnapshotError("sha256 must be 64 hex digits", file=shown,
                                field=f"{where}.sha256", value=sha)
        extra = {k: v for k, v in entry.items() if k not in ("path", "sha256", "bytes",
                                                              "media_type")}
        if "source_id" in extra:
            for key in ("url", "publisher", "affiliation", "retrieved", "title"):
                _text(entry, key, shown)
            _check_url(str(entry["url"]), shown, f"{where}.url")
            _date(entry["retrieved"], shown, f"{where}.retrieved")
            extra["retrieved"] = str(entry["retrieved"])
            extra.setdefault("license", meta.get("license"))
        shown_file = (Path(shown).parent / path).as_posix()
        files.append(FileMeta(path=path, shown=shown_file, sha256=sha, extra=extra))
    return SourceMeta(
        source_id=source_id,
        kind=kind,
        title=_text(meta, "title", shown) or "",
        publisher=_text(meta, "publisher", shown) or "",
        affiliation=_text(meta, "affiliation", shown) or "",
        url=url,
        retrieved=_date(_text(meta, "retrieved", shown), shown, "retrieved"),
        license=_text(meta, "license", shown) or "",
        citation=_text(meta, "citation", shown, required=False),
        folder=folder,
        shown=shown,
        files=tuple(files),
        synthetic=bool(meta.get("synthetic", False)),
        license_note=_text(meta, "license_note", shown, required=False),
    )


def _refuse_links(paths: Paths) -> None:
    """Every entry under raw/ is a regular file or a folder: a symlink (to a file or a folder,
    inside raw/ or out of it) is refused, so nothing outside raw/ is read, unhashed (issue
    12.3). Also sockets, FIFOs and devices."""
    root = Path(paths.raw)
    if root.is_symlink():
        raise SnapshotError("raw/ is a symlink (raw files must be regular files)", file="raw/")
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in sorted(dirs + files):
            entry = Path(folder) / name
            shown = "raw/" + entry.relative_to(root).as_posix()
            if entry.is_symlink():
                raise SnapshotError("symlink refused: raw files must be regular files inside "
                                    "their source folder, listed and hashed in source.yml",
                                    file=shown)
            if name in files and not stat.S_ISREG(entry.lstat().st_mode):
                raise SnapshotError("not a regular file (raw files must be regular files)",
                                    file=shown)


def run(paths: Paths) -> Snapshot:
    """Check raw/ against its source.yml files; raise SnapshotError on the first problem."""
    _refuse_links(paths)
    all_files = io.list_files(paths.raw)
    meta_files = [p for p in all_files if p.name == META_FILE]
    if not meta_files:
        raise SnapshotError(f"no {META_FILE} found", file="raw/")
    sources: list[SourceMeta] = []
    listed: set[Path] = set()
    folders = {p.parent.resolve(): p for p in meta_files}
    for meta_path in meta_files:
        shown = paths.show_raw(meta_path)
        meta = parse_source_meta(io.read_yaml(meta_path, shown=shown), meta_path.parent, shown)
        for f in meta.files:
            target = meta_path.parent / f.path
            inside = meta_path.parent.resolve()
            if Path(f.path).is_absolute() or inside not in target.resolve().parents:
                raise SnapshotError("listed path is outside its source folder", file=f.shown,
                                    field="path", value=f.path)
            if not target.is_file():
                raise SnapshotError("listed file is missing", file=f.shown, field="path")
            actual = io.sha256_file(target)
            if actual != f.sha256:
                raise SnapshotError(
                    f"sha256 mismatch: {META_FILE} says {f.sha256[:12]}..., file has "
                    f"{actual[:12]}... (raw files are immutable; a new copy needs a new entry)",
                    file=f.shown, field="sha256",
                )
            listed.add(target.resolve())
        sources.append(meta)
    ids = [s.source_id for s in sources]
    for s in sources:
        if ids.count(s.source_id) > 1:
            raise SnapshotError("source_id used twice", file=s.shown, field="source_id",
                                value=s.source_id)
    for p in all_files:
        if p.name == META_FILE or p.resolve() in listed:
            continue
        owner = next((folders[a] for a in p.resolve().parents if a in folders), None)
        where = f"not listed in {paths.show_raw(owner)}" if owner else f"no {META_FILE} above it"
        raise SnapshotError(f"unlisted raw file ({where})", file=paths.show_raw(p))
    log.info("snapshot: %d sources, %d files checked", len(sources), len(listed))
    return Snapshot(tuple(sorted(sources, key=lambda s: s.source_id)))
