"""Release versions: THE SemVer parser and order, and THE lookup of published releases.

A release is a folder ``published/<MAJOR.MINOR.PATCH>/`` holding a ``datapackage.json``; any
other folder there (a staging folder, one left half-built, notes) is not a release. Versions
are ordered as SemVer numbers (0.10.0 after 0.9.0), never as text. Everything that asks
"which releases are there", "which is the latest" or "which comes before this one" (publish,
link, release, load, verify, download) asks this module.

Depends on nothing but config and errors, so any stage can use it without an import cycle.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.config import Paths
from pipeline.errors import ReleaseError

SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
"""MAJOR.MINOR.PATCH, no leading zeros, no pre-release or build suffix."""
BUMPS = ("major", "minor", "patch")
DESCRIPTOR = "datapackage.json"


# ---- version numbers ------------------------------------------------------------------------


def is_version(text: str) -> bool:
    """Whether ``text`` is exactly a version MAJOR.MINOR.PATCH."""
    return SEMVER.fullmatch(text) is not None


def parse_version(version: str) -> tuple[int, int, int]:
    """(major, minor, patch), the key versions are ordered by; ReleaseError when ``version``
    is not MAJOR.MINOR.PATCH (surrounding whitespace is ignored)."""
    m = SEMVER.fullmatch(version.strip())
    if not m:
        raise ReleaseError(f"not a semantic version MAJOR.MINOR.PATCH: {version!r}")
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


def next_version(old: str | None, bump: str) -> str:
    """The version after ``old`` (None: nothing released yet, counted from 0.0.0)."""
    if bump not in BUMPS:
        raise ReleaseError(f"unknown bump {bump!r}; use one of {', '.join(BUMPS)}")
    major, minor, patch = parse_version(old or "0.0.0")
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def implied_bump(old: str, new: str) -> str:
    """Which bump takes ``old`` to ``new`` ('major' | 'minor' | 'patch'); ReleaseError unless
    ``new`` is above ``old``. A version that skips numbers is allowed (2.0.0 -> 2.2.0 is a
    minor bump)."""
    o, n = parse_version(old), parse_version(new)
    if n <= o:
        raise ReleaseError(f"version {new} is not above the previous release {old}")
    if n[0] > o[0]:
        return "major"
    if n[1] > o[1]:
        return "minor"
    return "patch"


# ---- published releases ---------------------------------------------------------------------


def is_release(folder: Path) -> bool:
    """Whether ``folder`` is a release: named by a version and holding a datapackage.json."""
    return is_version(folder.name) and (folder / DESCRIPTOR).is_file()


def published_versions(published: Path) -> list[str]:
    """The versions released under ``published``, oldest first (other folders ignored)."""
    published = Path(published)
    if not published.is_dir():
        return []
    found = [p.name for p in published.iterdir() if p.is_dir() and is_release(p)]
    return sorted(found, key=parse_version)


def latest_version(published: Path) -> str | None:
    """The newest version released under ``published``; None when there is none."""
    versions = published_versions(published)
    return versions[-1] if versions else None


def previous_version(published: Path, version: str) -> str | None:
    """The newest version released under ``published`` strictly below ``version`` (the one
    a new release is diffed with and takes its person ids from); None when there is none."""
    mine = parse_version(version)
    older = [v for v in published_versions(published) if parse_version(v) < mine]
    return older[-1] if older else None


def resolve(ref: str | Path, paths: Paths | None = None) -> Path:
    """A release folder from a version (``0.1.0``, looked up in published/), a folder, or a
    datapackage.json path."""
    paths = paths or Paths()
    p = Path(ref)
    if p.name == DESCRIPTOR and p.is_file():
        return p.parent
    if (p / DESCRIPTOR).is_file():
        return p
    if is_version(str(ref)):
        folder = paths.published / str(ref)
        if (folder / DESCRIPTOR).is_file():
            return folder
        have = ", ".join(published_versions(paths.published)) or "none"
        raise ReleaseError(f"no release {ref} (published: {have})",
                           file=paths.rel(paths.published))
    raise ReleaseError("not a release version or folder (no datapackage.json)", file=str(ref))
