"""Paths, release identity and constants. No environment variables, no clock."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PIPELINE_VERSION = "0.1.0"
"""Version of the code (MIT). The data release version lives in RELEASE below."""

PACKAGE_NAME = "iran-1988-executions"
PACKAGE_TITLE = (
    "The 1988 mass executions of political prisoners in Iran: victims, events and claims"
)
PACKAGE_LICENSE = {
    "name": "CC-BY-SA-4.0",
    "title": "Creative Commons Attribution-ShareAlike 4.0",
    "path": "https://creativecommons.org/licenses/by-sa/4.0/",
}

RELEASE_VERSION = "0.4.0"
"""Data version (SemVer). Bump it when the published data changes; a published version is
immutable and the pipeline refuses to overwrite it with different content."""

MAX_QUOTE_WORDS = 25
"""Report texts are copyrighted: published quotes are at most this many words."""

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    """Where a run reads and writes. Tests point these at tmp_path."""

    root: Path = REPO_ROOT
    raw: Path = REPO_ROOT / "raw"
    etc: Path = REPO_ROOT / "pipeline" / "etc"
    published: Path = REPO_ROOT / "published"
    root_descriptor: Path = REPO_ROOT / "datapackage.json"

    @classmethod
    def under(cls, root: Path, *, raw: Path | None = None, etc: Path | None = None) -> Paths:
        """Paths for a run rooted at ``root`` (raw and etc may stay the bundled ones)."""
        root = Path(root)
        return cls(
            root=root,
            raw=Path(raw) if raw else root / "raw",
            etc=Path(etc) if etc else root / "pipeline" / "etc",
            published=root / "published",
            root_descriptor=root / "datapackage.json",
        )

    def show_raw(self, path: Path) -> str:
        """A raw file as named in published locators: 'raw/...', wherever raw/ lives."""
        return "raw/" + Path(path).resolve().relative_to(self.raw.resolve()).as_posix()

    def show_etc(self, path: Path) -> str:
        """A hand-made input as named in rejects: 'pipeline/etc/...', wherever etc/ lives."""
        return "pipeline/etc/" + Path(path).resolve().relative_to(self.etc.resolve()).as_posix()

    def rel(self, path: Path) -> str:
        """Path as shown to users: relative to the run root (or the repo) when possible."""
        path = Path(path)
        for base in (self.root, REPO_ROOT):
            try:
                return path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
        return path.as_posix()
