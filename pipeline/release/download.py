"""Fetch a release over HTTP(S) or from a path, check every hash, then unpack it.

``python -m pipeline download URL_OR_PATH [--version V] [--to DIR]`` takes
- a release archive ``<package>-<version>.zip`` (its ``.sha256`` sidecar is fetched from beside
  it and must match; without one, a warning says only the files inside are checked),
- a published ``datapackage.json`` (a release's, or the repository's root one whose paths
  point into ``published/<version>/``): every file it lists is fetched from beside it,
- a folder or base URL holding release folders, with ``--version``: ``<base>/<V>/datapackage.json``.

Everything is held in memory and checked (sidecar hash, zip structure, every listed file's
size and sha256, the version asked for) before anything is written; then the files go to a
hidden temporary folder inside ``DIR``, are verified again on disk, and the folder is renamed
to ``DIR/<version>``. A tampered or truncated download is refused with one line and leaves
nothing behind. No network is used anywhere else in the pipeline.
"""

from __future__ import annotations

import http.client
import json
import logging
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import io
from pipeline.errors import ReleaseError
from pipeline.release import archive
from pipeline.release.verify import _safe_rel, check_file, listed_files

log = logging.getLogger(__name__)

TIMEOUT = 60
DEFAULT_DIR = Path("iran-1988-executions")


class NotFound(ReleaseError):
    pass


def _is_url(src: str) -> bool:
    return urllib.parse.urlsplit(src).scheme in ("http", "https", "file")


def fetch(src: str) -> bytes:
    """The bytes at ``src`` (http(s):// or file:// URL, or a path); ReleaseError otherwise."""
    if not _is_url(src):
        p = Path(src)
        if not p.is_file():
            raise NotFound("not found", file=src)
        return io.read_bytes(p, shown=src)
    try:
        with urllib.request.urlopen(src, timeout=TIMEOUT) as resp:  # noqa: S310 (user's URL)
            data = resp.read()
            length = resp.headers.get("Content-Length")
    except urllib.error.HTTPError as exc:
        cls = NotFound if exc.code == 404 else ReleaseError
        raise cls(f"HTTP {exc.code} {exc.reason}", file=src) from None
    except http.client.IncompleteRead as exc:
        raise ReleaseError(f"download truncated: {len(exc.partial)} bytes received, "
                           f"{exc.expected} more expected", file=src) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        if urllib.parse.urlsplit(src).scheme == "file":
            raise NotFound(f"cannot read: {reason}", file=src) from None
        raise ReleaseError(f"cannot download: {reason}", file=src) from None
    if length is not None and length.isdigit() and int(length) != len(data):
        raise ReleaseError(f"download truncated: {len(data)} of {length} bytes", file=src)
    return data


def _join(base: str, rel: str) -> str:
    if _is_url(base):
        return urllib.parse.urljoin(base, rel)
    return str(Path(base).parent / rel)


@dataclass(frozen=True)
class Fetched:
    version: str
    files: dict[str, bytes]  # path inside the release folder -> bytes (descriptor included)


def _descriptor(data: bytes, where: str) -> dict[str, Any]:
    try:
        desc = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ReleaseError(f"not a datapackage.json: {exc}", file=where) from None
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
        raise ReleaseError("not a datapackage.json: no resources list", file=where)
    return desc


def _check_version(desc: dict[str, Any], version: str | None, where: str) -> str:
    got = str(desc.get("version", ""))
    if not got:
        raise ReleaseError("datapackage.json names no version", file=where)
    if version is not None and got != version:
        raise ReleaseError(f"this is release {got}, not {version}", file=where)
    return got


def _check_listed(desc: dict[str, Any], files: dict[str, bytes], where: str) -> None:
    """Every file the descriptor lists is among ``files`` with its size and sha256."""
    for rel, entry in listed_files(desc):
        safe = _safe_rel(rel)
        if safe is None:
            raise ReleaseError(f"file path {rel!r} is not a relative path inside the release",
                               file=where)
        if safe not in files:
            raise ReleaseError(f"{safe}: missing", file=where)
        problem = check_file(Path(safe), entry, files[safe])
        if problem:
            raise ReleaseError(f"{problem} (tampered or truncated download); nothing was "
                               "unpacked", file=where)


def from_archive(src: str, version: str | None) -> Fetched:
    """Fetch a release zip (and its sha256 sidecar when there is one) and check every file against
    the sidecar and the descriptor inside; nothing is unpacked."""
    data = fetch(src)
    try:
        side = fetch(src + ".sha256")
    except NotFound:
        side = None
        log.warning("download: no %s.sha256 beside the archive: checking its files against "
                    "the datapackage.json inside it only", src.rsplit("/", 1)[-1])
    name = urllib.parse.urlsplit(src).path.rsplit("/", 1)[-1] if _is_url(src) else \
        Path(src).name
    if side is not None:
        parsed = archive.parse_sidecar(side)
        if parsed is None:
            raise ReleaseError("not one line '<sha256>  <file name>'", file=src + ".sha256")
        got = io.sha256_bytes(data)
        if got != parsed[0]:
            raise ReleaseError(f"sha256 mismatch: {name}.sha256 says {parsed[0]}, the "
                               f"download has {got} ({len(data)} bytes; tampered or "
                               "truncated); nothing was unpacked", file=src)
    try:
        inside = archive.members(data)
    except ValueError as exc:
        raise ReleaseError(f"{exc}; nothing was unpacked", file=src) from None
    if "datapackage.json" not in inside:
        raise ReleaseError("archive holds no datapackage.json", file=src)
    desc = _descriptor(inside["datapackage.json"], src)
    got_version = _check_version(desc, version, src)
    _check_listed(desc, inside, src)
    listed = {_safe_rel(rel) for rel, _ in listed_files(desc)} | {"datapackage.json"}
    extra = sorted(set(inside) - listed)
    if extra:
        raise ReleaseError(f"archive holds files its datapackage.json does not list: "
                           f"{', '.join(extra[:5])}; nothing was unpacked", file=src)
    files = dict(inside)
    if side is not None and name == archive.archive_name(str(desc.get("name")), got_version):
        files[name] = data
        files[name + ".sha256"] = side
    return Fetched(got_version, files)


def _strip_prefix(desc: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """A root datapackage.json (paths ``published/<version>/...``) as the release's own."""
    paths = [rel for rel, _ in listed_files(desc) if isinstance(rel, str)]
    version = str(desc.get("version", ""))
    marker = f"{version}/"
    prefixes = {rel[: rel.find(marker) + len(marker)] for rel in paths if marker in rel}
    if len(prefixes) != 1 or not all(rel.startswith(next(iter(prefixes))) for rel in paths):
        return desc, ""
    prefix = next(iter(prefixes))
    for res in desc.get("resources", []):
        res["path"] = res["path"][len(prefix):]
        if isinstance(res.get("parquet"), dict):
            res["parquet"]["path"] = res["parquet"]["path"][len(prefix):]
    for doc in desc.get("documents", []) or []:
        doc["path"] = doc["path"][len(prefix):]
    return desc, prefix


def from_descriptor(src: str, version: str | None) -> Fetched:
    """Fetch a release's ``datapackage.json`` and every file it lists, each checked against its
    listed sha256 and size."""
    raw = fetch(src)
    desc = _descriptor(raw, src)
    got_version = _check_version(desc, version, src)
    desc, prefix = _strip_prefix(desc)
    if prefix:
        raw = io.json_bytes(desc)
    files = {"datapackage.json": raw}
    for rel, _entry in listed_files(desc):
        safe = _safe_rel(rel)
        if safe is None:
            raise ReleaseError(f"file path {rel!r} is not a relative path inside the release",
                               file=src)
        files[safe] = fetch(_join(src, prefix + safe))
    _check_listed(desc, files, src)
    zip_name = archive.archive_name(str(desc.get("name", "")), got_version)
    try:  # the archive is optional beside a descriptor (releases before 0.4.0 have none)
        zdata, side = fetch(_join(src, prefix + zip_name)), \
            fetch(_join(src, prefix + zip_name + ".sha256"))
        parsed = archive.parse_sidecar(side)
        if parsed and parsed[0] == io.sha256_bytes(zdata):
            files[zip_name], files[zip_name + ".sha256"] = zdata, side
    except NotFound:
        pass
    return Fetched(got_version, files)


def resolve_source(src: str, version: str | None) -> tuple[str, str]:
    """('archive' | 'descriptor', where) for what the user named."""
    path = urllib.parse.urlsplit(src).path if _is_url(src) else src
    if path.endswith(".zip"):
        return "archive", src
    if path.endswith(".json"):
        return "descriptor", src
    if not _is_url(src) and (Path(src) / "datapackage.json").is_file() and version is None:
        return "descriptor", str(Path(src) / "datapackage.json")
    base = src.rstrip("/")
    if version is None:
        return "descriptor", (base + "/datapackage.json" if _is_url(src)
                              else str(Path(src) / "datapackage.json"))
    return "descriptor", (f"{base}/{version}/datapackage.json" if _is_url(src)
                          else str(Path(src) / version / "datapackage.json"))


def fetch_release(src: str, version: str | None = None) -> Fetched:
    """Fetch and check the release at ``src`` (a folder, URL, zip or descriptor; ``version`` picks
    one of several), as :class:`Fetched`."""
    kind, where = resolve_source(src, version)
    return from_archive(where, version) if kind == "archive" else \
        from_descriptor(where, version)


def download(src: str, version: str | None = None, to: Path | None = None) -> Path:
    """Fetch, check and unpack the release at ``src`` into ``to/<version>``; the folder."""
    from pipeline.release.verify import verify

    got = fetch_release(src, version)
    to = Path(to) if to is not None else DEFAULT_DIR
    final = to / got.version
    to.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".download-{got.version}-", dir=to))
    try:
        for rel, data in sorted(got.files.items()):
            io.write_bytes_atomic(tmp / rel, data)
        problems = verify(tmp, revalidate=False)
        if problems:
            raise ReleaseError(problems[0], file=src)
        if final.exists():
            if not verify(final, revalidate=False) and \
                    io.read_bytes(final / "datapackage.json") == got.files["datapackage.json"]:
                log.info("download: %s already holds this release, intact", final)
                return final
            raise ReleaseError("a different or damaged copy is already there; move it away "
                               "first", file=str(final))
        tmp.rename(final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    log.info("download: release %s from %s checked and unpacked to %s", got.version, src,
             final)
    return final
