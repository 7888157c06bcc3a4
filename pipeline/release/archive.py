"""The download of a release: one zip of the whole release folder, and its sha256.

``<package>-<version>.zip`` holds every file of the release under one top folder
``<package>-<version>/``: datapackage.json and every file it lists (CSV, Parquet, codebook,
CHANGES.md, the SQLite database and its metadata.json). It cannot contain its own hash, so
neither the zip nor its sidecar ``<package>-<version>.zip.sha256`` (one ``sha256sum`` line:
``<hex>  <zip name>``) is listed in datapackage.json. Trust runs: sidecar -> zip ->
datapackage.json inside it -> every other file; ``python -m pipeline verify`` checks the zip
against the sidecar and every member against the descriptor and the folder.

Deterministic: members in code-point order of their paths, every timestamp 1980-01-01 00:00,
permissions 0644, DEFLATE at level 9, no extra fields or comments: the same files give the
same bytes.
"""

from __future__ import annotations

import io as _io
import re
import zipfile
from pathlib import PurePosixPath

from pipeline import io

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
MODE = 0o100644  # regular file, rw-r--r--
_SIDECAR = re.compile(r"^([0-9a-f]{64})  (\S+)\n?$")


def archive_name(package: str, version: str) -> str:
    """File name of a release's zip: ``<package>-<version>.zip``."""
    return f"{package}-{version}.zip"


def sidecar_name(zip_name: str) -> str:
    """File name of the sha256 sidecar beside ``zip_name``."""
    return zip_name + ".sha256"


def top_folder(package: str, version: str) -> str:
    """The one folder every path in a release's zip is under: ``<package>-<version>/``."""
    return f"{package}-{version}/"


def build(files: dict[str, bytes], package: str, version: str) -> tuple[str, bytes]:
    """(file name, bytes) of the zip of ``files`` (paths inside the release folder)."""
    top = top_folder(package, version)
    buf = _io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for rel in sorted(files):
            info = zipfile.ZipInfo(top + rel, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so the mode below is read as such
            info.external_attr = MODE << 16
            zf.writestr(info, files[rel], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return archive_name(package, version), buf.getvalue()


def sidecar_bytes(zip_name: str, data: bytes) -> bytes:
    """The sidecar's content: one ``sha256sum`` line (hex digest, two spaces, file name)."""
    return f"{io.sha256_bytes(data)}  {zip_name}\n".encode("ascii")


def parse_sidecar(data: bytes) -> tuple[str, str] | None:
    """(sha256 hex, file name) of a sidecar, or None when it is not one sha256sum line."""
    try:
        m = _SIDECAR.match(data.decode("ascii"))
    except UnicodeDecodeError:
        return None
    return (m.group(1), m.group(2)) if m else None


def members(data: bytes) -> dict[str, bytes]:
    """Every file in zip ``data`` by its path below the one top folder. Raises ValueError
    (with a message for users) on a damaged zip, a path leaving the folder, or a second top
    folder."""
    try:
        zf = zipfile.ZipFile(_io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ValueError("not a complete zip archive (truncated or damaged)") from None
    out: dict[str, bytes] = {}
    tops = set()
    with zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            p = PurePosixPath(info.filename)
            if p.is_absolute() or ".." in p.parts or "\\" in info.filename or len(p.parts) < 2:
                raise ValueError(f"unsafe path in archive: {info.filename!r}")
            tops.add(p.parts[0])
            try:
                out[PurePosixPath(*p.parts[1:]).as_posix()] = zf.read(info)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:  # CRC error, cut stream
                raise ValueError(f"damaged archive member {info.filename}: {exc}") from None
    if len(tops) > 1:
        raise ValueError(f"archive has {len(tops)} top folders, expected one")
    return out
