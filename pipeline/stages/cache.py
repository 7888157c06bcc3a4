"""Incremental rebuilds: a stage's result is stored under a key made of the checksums of its
inputs and of the code that computes it (OWID's idea: output depends only on declared inputs).

- The whole run: key = code + every file under raw/ and the hand-made etc/ + version + mode.
  With nothing changed, ``run`` returns the stored tables without extracting, normalizing or
  validating, after checking that every published file still has its recorded sha256.
- Each victim list: key = code + that source's folder under raw/ + etc/. Changing one list
  re-reads and re-normalizes only that list; validate and publish then run on everything.

The cache lives in ``<run root>/.cache/pipeline/`` (gitignored) and is disposable: a missing,
unreadable or corrupt entry is rebuilt, ``--force`` ignores what is stored. Entries are
written atomically and only after the step succeeded, so a crash never leaves a half entry.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import pickle
import platform
from pathlib import Path
from typing import Any

from pipeline import io

log = logging.getLogger(__name__)

CACHE_DIR = Path(".cache") / "pipeline"
FORMAT = 1  # bump when the entry layout changes
_PACKAGE = Path(__file__).resolve().parent.parent
_LIBRARIES = ("pandas", "pyarrow", "pandera", "frictionless", "duckdb", "jdatetime", "yaml",
              "openpyxl", "charset_normalizer", "pycountry")


def tree_digest(folder: Path, *, skip: tuple[str, ...] = ()) -> str:
    """sha256 over (relative path, content sha256) of every file under ``folder``."""
    h = hashlib.sha256()
    if not folder.exists():
        return "absent"
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if any(part in skip for part in rel.split("/")) or rel.endswith(".pyc"):
            continue
        h.update(rel.encode("utf-8") + b"\0")
        h.update(io.sha256_file(path).encode())
    return h.hexdigest()


def code_version() -> str:
    """The pipeline's code (every file of the package, etc/ included) and library versions."""
    import importlib.metadata as md

    h = hashlib.sha256(f"format={FORMAT};python={platform.python_version()}".encode())
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
    run_keys: dict[str, str] = dataclasses.field(default_factory=dict)  # scope -> key this run

    @property
    def code(self) -> str:
        """code_version(), computed once per run."""
        if self._code is None:
            self._code = code_version()
        return self._code

    @classmethod
    def off(cls) -> Cache:
        return cls(Path("."), enabled=False)

    @classmethod
    def for_root(cls, root: Path, *, force: bool = False) -> Cache:
        return cls(Path(root) / CACHE_DIR, force=force)

    def _path(self, kind: str, scope: str) -> Path:
        return self.folder / kind / f"{scope}.pickle"

    def load(self, kind: str, scope: str, key: str) -> Any | None:
        """The value stored for ``scope`` if it was stored under ``key``, else None (disabled,
        forced, missing, stale, unreadable or corrupt: the caller rebuilds)."""
        if not self.enabled or self.force:
            return None
        path = self._path(kind, scope)
        if not path.exists():
            self.misses += 1
            return None
        try:
            stored_key, checksum, payload = pickle.loads(io.read_bytes(path))
            if stored_key != key:
                self.misses += 1
                log.debug("cache: %s/%s is stale", kind, scope)
                return None
            if hashlib.sha256(payload).hexdigest() != checksum:
                raise ValueError("checksum mismatch")
            value = pickle.loads(payload)
        except Exception as exc:  # noqa: BLE001 - any damage means: rebuild
            log.warning("cache: ignoring unreadable entry %s/%s (%s)", kind, scope, exc)
            self.misses += 1
            return None
        self.hits += 1
        log.debug("cache: hit %s/%s", kind, scope)
        return value

    def store(self, kind: str, scope: str, key: str, value: Any) -> None:
        """Keep ``value`` as the one entry of ``scope`` (it replaces the previous one)."""
        if not self.enabled:
            return
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        blob = pickle.dumps((key, hashlib.sha256(payload).hexdigest(), payload),
                            protocol=pickle.HIGHEST_PROTOCOL)
        try:
            io.write_bytes_atomic(self._path(kind, scope), blob)
        except OSError as exc:  # a cache that cannot be written only costs time
            log.warning("cache: cannot store %s/%s (%s)", kind, scope, exc)


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
