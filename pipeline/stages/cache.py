"""Incremental rebuilds: a stage's result is stored under a key made of the checksums of its
inputs and of the code that computes it (OWID's idea: output depends only on declared inputs).

- The whole run: key = code + every file under raw/ and the hand-made etc/ + version + mode.
  With nothing changed, ``run`` returns the stored tables without ingesting, normalizing
  or validating, after checking that every published file still has its recorded sha256.
- Each victim list: key = code + that source's folder under raw/ + etc/. Changing one list
  re-reads and re-normalizes only that list; validate and publish then run on everything.

The cache lives in ``<run root>/.cache/pipeline/`` (gitignored) and is disposable: a missing,
unreadable or corrupt entry is rebuilt, ``--force`` ignores what is stored. Entries are
written atomically and only after the step succeeded, so a crash never leaves a half entry.

An entry is data, never code: one file ``<kind>/<scope>.entry`` holding a JSON header (the key,
the value as a JSON tree, and the sha256 of every table) followed by one Parquet blob per table.
Reading it parses JSON and Parquet only; the few record types it may hold are named in
``_TYPES`` and nothing else is ever constructed (a pickle placed in ``.cache/`` is just an
unreadable entry). The key covers the code, the library and Python versions and the machine
type. Each entry is signed (HMAC-SHA256) with a secret that never leaves this user account
(``~/.cache/iran-1988-pipeline/cache-secret``, made on first use, mode 0600): an entry edited in
``.cache/`` with its checksums recomputed, or copied from another machine (a restored CI cache),
fails the signature and is rebuilt, never published.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import logging
import os
import platform
import struct
import sys
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import pyarrow
import pyarrow.parquet as pq

from pipeline import io

log = logging.getLogger(__name__)
T = TypeVar("T")

CACHE_DIR = Path(".cache") / "pipeline"
FORMAT = 2  # bump when the entry layout changes (2: JSON + Parquet instead of pickles)
_PACKAGE = Path(__file__).resolve().parent.parent
_LIBRARIES = ("pandas", "pyarrow", "pandera", "frictionless", "duckdb", "jdatetime", "yaml",
              "openpyxl", "charset_normalizer", "pycountry")


def tree_digest(folder: Path, *, skip: tuple[str, ...] = ()) -> str:
    """sha256 over (relative path, content sha256) of every file under ``folder``."""
    h = hashlib.sha256()
    if not folder.exists():
        return "absent"
    for path in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(folder).as_posix()
        if any(part in skip for part in rel.split("/")) or rel.endswith(".pyc"):
            continue
        h.update(rel.encode("utf-8") + b"\0")
        if path.is_symlink():  # a new link changes the key: snapshot then runs and refuses it
            h.update(b"symlink\0" + os.fsencode(os.readlink(path)))
            continue
        h.update(io.sha256_file(path).encode())
    return h.hexdigest()


def code_version() -> str:
    """The pipeline's code (every file of the package, etc/ included) and library versions."""
    import importlib.metadata as md

    h = hashlib.sha256(f"format={FORMAT};python={platform.python_version()};"
                       f"machine={platform.machine()};{sys.byteorder}".encode())
    for lib in _LIBRARIES:
        try:
            version = md.version({"yaml": "PyYAML", "charset_normalizer": "charset-normalizer"}
                                 .get(lib, lib))
        except md.PackageNotFoundError:
            version = "absent"
        h.update(f";{lib}={version}".encode())
    h.update(tree_digest(_PACKAGE, skip=("__pycache__",)).encode())
    return h.hexdigest()


def digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8") + b"\0")
    return h.hexdigest()


@dataclasses.dataclass
class Cache:
    """Stored stage results under ``folder``; ``enabled=False`` stores and finds nothing."""

    folder: Path
    force: bool = False
    enabled: bool = True
    hits: int = 0
    misses: int = 0
    _code: str | None = None
    secret_file: Path | None = None  # None: SECRET_FILE
    _secret: bytes | None = None
    run_keys: dict[str, str] = dataclasses.field(default_factory=dict)  # scope -> key this run

    @property
    def code(self) -> str:
        """code_version(), computed once per run."""
        if self._code is None:
            self._code = code_version()
        return self._code

    @property
    def secret(self) -> bytes:
        """This account's signing secret (made on first use)."""
        if self._secret is None:
            self._secret = _secret(self.secret_file or SECRET_FILE)
        return self._secret

    @classmethod
    def off(cls) -> Cache:
        return cls(Path("."), enabled=False)

    @classmethod
    def for_root(cls, root: Path, *, force: bool = False) -> Cache:
        return cls(Path(root) / CACHE_DIR, force=force)

    def _path(self, kind: str, scope: str) -> Path:
        return self.folder / kind / f"{scope}.entry"

    def load(self, kind: str, scope: str, key: str) -> Any | None:
        """The value stored for ``scope`` if it was stored under ``key``, else None (disabled,
        forced, missing, stale, unreadable or corrupt: the caller rebuilds)."""
        if not self.enabled or self.force:
            return None
        path = self._path(kind, scope)
        if not path.is_file() or path.is_symlink():
            self.misses += 1
            return None
        try:
            header, blobs = _unpack(io.read_bytes(path), self.secret)
            if header.get("key") != key:
                self.misses += 1
                log.debug("cache: %s/%s is stale", kind, scope)
                return None
            value = _decode(header["value"], blobs)
        except Exception as exc:  # noqa: BLE001 - any damage means: rebuild
            log.warning("cache: ignoring unreadable entry %s/%s (%s)", kind, scope,
                        " ".join(str(exc).split())[:200])
            self.misses += 1
            return None
        self.hits += 1
        log.debug("cache: hit %s/%s", kind, scope)
        return value

    def store(self, kind: str, scope: str, key: str, value: Any) -> None:
        """Keep ``value`` as the one entry of ``scope`` (it replaces the previous one)."""
        if not self.enabled:
            return
        frames: list[pd.DataFrame] = []
        tree = _encode(value, frames)
        blobs = [_frame_bytes(df) for df in frames]
        header = {"format": FORMAT, "key": key, "value": tree,
                  "tables": [{"bytes": len(b), "sha256": hashlib.sha256(b).hexdigest()}
                             for b in blobs]}
        head = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
        try:
            body = struct.pack(">Q", len(head)) + head + b"".join(blobs)
            io.write_bytes_atomic(self._path(kind, scope),
                                  _MAGIC + _sign(self.secret, body) + body)
        except OSError as exc:  # a cache that cannot be written only costs time
            log.warning("cache: cannot store %s/%s (%s)", kind, scope, exc)


# ---- entries as data: a JSON tree plus Parquet tables --------------------------------------------

_MAGIC = b"PIPECACHE2\n"
SECRET_FILE = Path.home() / ".cache" / "iran-1988-pipeline" / "cache-secret"


def _secret(path: Path) -> bytes:
    """The signing secret in ``path``, made (32 random bytes, mode 0600) when absent."""
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = os.urandom(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(fresh)
    return fresh


def _sign(secret: bytes, body: bytes) -> bytes:
    return hmac.new(secret, body, hashlib.sha256).digest()


_STORABLE: dict[str, type] = {}
"""The only record types an entry may hold, by name (nothing else is ever built from one)."""


def storable(cls: type[T]) -> type[T]:
    """Class decorator: ``cls`` (a dataclass) may be stored in and rebuilt from the cache.

    The module that defines a record declares it so (runner.RunReport, publish.PublishResult,
    ingest's NormalizedList), and this module imports no stage: no import cycle."""
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"cache: {cls.__name__} is not a dataclass")
    if _STORABLE.setdefault(cls.__name__, cls) is not cls:
        raise TypeError(f"cache: two storable records are named {cls.__name__}")
    return cls


def _encode(value: Any, frames: list[pd.DataFrame]) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return {"$float": repr(value)}
    if isinstance(value, pd.DataFrame):
        frames.append(value)
        return {"$table": len(frames) - 1}
    if isinstance(value, Path):
        return {"$path": str(value)}
    if isinstance(value, (list, tuple)):
        return {"$list" if isinstance(value, list) else "$tuple":
                [_encode(v, frames) for v in value]}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("cache: only text keys can be stored")
        return {"$dict": [[k, _encode(v, frames)] for k, v in value.items()]}
    name = type(value).__name__
    if dataclasses.is_dataclass(value) and _STORABLE.get(name) is type(value):
        return {"$record": name, "fields": {f.name: _encode(getattr(value, f.name), frames)
                                            for f in dataclasses.fields(value)}}
    raise TypeError(f"cache: cannot store a {name}")


def _decode(tree: Any, blobs: list[bytes]) -> Any:
    if tree is None or isinstance(tree, (bool, int, str)):
        return tree
    if not isinstance(tree, dict) or len(tree) not in (1, 2):
        raise ValueError("not a cache entry tree")
    if "$float" in tree:
        return float(tree["$float"])
    if "$table" in tree:
        return _frame(blobs[int(tree["$table"])])
    if "$path" in tree:
        return Path(str(tree["$path"]))
    if "$list" in tree:
        return [_decode(v, blobs) for v in tree["$list"]]
    if "$tuple" in tree:
        return tuple(_decode(v, blobs) for v in tree["$tuple"])
    if "$dict" in tree:
        return {str(k): _decode(v, blobs) for k, v in tree["$dict"]}
    if "$record" in tree:
        cls = _STORABLE[str(tree["$record"])]  # KeyError: not a known type -> unreadable
        return cls(**{str(k): _decode(v, blobs) for k, v in tree["fields"].items()})
    raise ValueError("not a cache entry tree")


def _unpack(data: bytes, secret: bytes) -> tuple[dict[str, Any], list[bytes]]:
    """The header and the checked table blobs of an entry file signed with ``secret``."""
    if not data.startswith(_MAGIC):
        raise ValueError("not a cache entry")
    sig_end = len(_MAGIC) + 32
    if not hmac.compare_digest(data[len(_MAGIC):sig_end], _sign(secret, data[sig_end:])):
        raise ValueError("signature does not match (edited, or made on another machine)")
    start = sig_end + 8
    (size,) = struct.unpack(">Q", data[sig_end:start])
    header = json.loads(data[start:start + size].decode("utf-8"))
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ValueError("another entry format")
    blobs, offset = [], start + size
    for table in header["tables"]:
        blob = data[offset:offset + int(table["bytes"])]
        if hashlib.sha256(blob).hexdigest() != table["sha256"]:
            raise ValueError("checksum mismatch")
        blobs.append(blob)
        offset += len(blob)
    if offset != len(data):
        raise ValueError("trailing bytes")
    return header, blobs


def _frame_bytes(df: pd.DataFrame) -> bytes:
    sink = pyarrow.BufferOutputStream()
    pq.write_table(pyarrow.Table.from_pandas(df, preserve_index=True), sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def _frame(blob: bytes) -> pd.DataFrame:
    return pq.read_table(pyarrow.BufferReader(blob)).to_pandas()


def files_digest(paths: list[tuple[str, Path]]) -> dict[str, str]:
    """Shown name -> sha256 of content, for output files (missing files are left out)."""
    return {shown: io.sha256_file(path) for shown, path in paths if path.is_file()}


# ---- the whole run -----------------------------------------------------------------------------


def run_key(paths: Any, version: str, do_publish: bool, code: str) -> str:
    """Everything a run's output depends on: code, raw/, etc/, the version and where it goes."""
    published = Path(paths.published)
    # earlier releases are inputs too (link keeps their person ids); this one is the output
    earlier = sorted(p for p in published.iterdir() if p.name != version
                     and not p.name.startswith(".")) if published.is_dir() else []
    return digest("run", code, tree_digest(Path(paths.raw)), tree_digest(Path(paths.etc)),
                  version, do_publish, str(published), str(paths.root_descriptor),
                  [(p.name, tree_digest(p) if p.is_dir() else io.sha256_file(p))
                   for p in earlier])


def output_files(paths: Any, version: str) -> list[tuple[str, Path]]:
    """The files a publishing run leaves behind (the release folder and the root descriptor)."""
    folder = Path(paths.published) / version
    found = [(p.relative_to(folder).as_posix(), p) for p in io.list_files(folder)] \
        if folder.is_dir() else []
    return sorted(found) + [("<root>/datapackage.json", Path(paths.root_descriptor))]


@storable
@dataclasses.dataclass
class RunEntry:
    report: Any  # runner.RunReport
    outputs: dict[str, str]  # shown -> sha256 of each published file, {} when not publishing


def _scope(version: str, do_publish: bool) -> str:
    return f"{version}-{'publish' if do_publish else 'check'}"


def cached_run(cache: Cache, paths: Any, version: str, do_publish: bool) -> Any | None:
    """The stored RunReport if neither code nor inputs changed and every published file is
    still as that run left it; None means: run the stages."""
    if not cache.enabled:
        return None
    scope = _scope(version, do_publish)
    # the inputs are read once, before any stage: what is stored afterwards is keyed by them
    key = cache.run_keys.setdefault(scope, run_key(paths, version, do_publish, cache.code))
    entry = cache.load("run", scope, key)
    if not isinstance(entry, RunEntry):
        return None
    if entry.outputs and files_digest(output_files(paths, version)) != entry.outputs:
        log.info("cache: published files changed or missing; rebuilding")
        return None
    report = entry.report
    if getattr(report, "published", None) is not None:
        # what a re-run of publish would say: the release is already there, identical
        report = dataclasses.replace(report, published=dataclasses.replace(
            report.published, status="unchanged"))
    log.info("cache: nothing changed since the last run; %s reused", _scope(version, do_publish))
    return report


def remember_run(cache: Cache, paths: Any, version: str, do_publish: bool, report: Any) -> None:
    """Store a successful run's report with the sha256 of every file it published."""
    if not cache.enabled:
        return
    scope = _scope(version, do_publish)
    key = cache.run_keys.get(scope) or run_key(paths, version, do_publish, cache.code)
    outputs = files_digest(output_files(paths, version)) if do_publish else {}
    cache.store("run", scope, key, RunEntry(report, outputs))
