"""Make a release: ``python -m pipeline release --bump major|minor|patch``.

:func:`make_release` takes the next version after the latest published one
(:mod:`pipeline.release.versions`) and runs the whole pipeline with it (pipeline.runner; the
publish stage builds, checks and publishes the folder). Then it writes the root
datapackage.json, prepends CHANGELOG.md, writes CITATION.cff and .zenodo.json
(:mod:`pipeline.release.citation`) and sets RELEASE_VERSION in pipeline/config.py, so that
``python -m pipeline run`` rebuilds the new release (and finds it unchanged). A release killed
midway is finished by :func:`finish_incomplete`.

This module runs the stages, so no stage may import it (a test walks the imports); only the
command line does.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import io, runner
from pipeline.config import Paths
from pipeline.errors import ReleaseError
from pipeline.release.citation import citation_cff, zenodo_json
from pipeline.release.diff import change_text, diff_releases
from pipeline.release.semver import classify
from pipeline.release.versions import is_version, latest_version, next_version
from pipeline.stages import publish

log = logging.getLogger(__name__)


# ---- changelog --------------------------------------------------------------------------------


def changelog_section(diff: Any, level: str, reasons: list[str], date: str) -> str:
    """One CHANGELOG.md section: version, date, level, and per table what changed."""
    lines = [f"## {diff.new_version} ({date})", "",
             f"{level.capitalize()} release; full diff from {diff.old_version or 'nothing'} in "
             f"`published/{diff.new_version}/CHANGES.md`.", ""]
    schema = [c for c in diff.schema_changes if c.kind != "pipeline_changed"]
    if schema:
        lines += ["### Schema changes", ""]
        for c in schema:
            where = ".".join(x for x in (c.table, c.field) if x) or "package"
            lines.append(f"- `{where}`: {change_text(c.kind, c.detail)}")
        lines.append("")
    try:
        src = diff.table("source")
        if src.added:
            lines += ["### Sources added", ""] + [f"- `{k}`" for k in src.added] + [""]
        if src.removed:
            lines += ["### Sources removed", ""] + [f"- `{k}`" for k in src.removed] + [""]
    except KeyError:
        pass
    rows = [t for t in diff.tables if t.added or t.removed or t.changed]
    if rows:
        lines += ["### Rows", ""]
        for t in rows:
            parts = [f"{len(t.added)} added" if t.added else "",
                     f"{len(t.removed)} removed" if t.removed else "",
                     f"{len(t.changed)} corrected" if t.changed else ""]
            lines.append(f"- `{t.name}`: " + ", ".join(p for p in parts if p)
                         + f" ({t.rows_old} -> {t.rows_new} rows)")
        lines.append("")
    return "\n".join(lines)


def prepend_changelog(existing: str, section: str) -> str:
    """Insert ``section`` above the newest entry (the first '## ' heading), keeping the title
    and any introduction above it; a new file gets a '# Changelog' title."""
    section = section.rstrip("\n") + "\n\n"
    if not existing.strip():
        return "# Changelog\n\n" + section
    lines = existing.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("## "):
            return "".join(lines[:i]) + section + "".join(lines[i:])
    return existing.rstrip("\n") + "\n\n" + section


# ---- making a release -------------------------------------------------------------------------

IN_PROGRESS = ".release-in-progress.json"
"""Written in published/ before a release is built, removed once every step is done: when a
run finds it, the release was killed midway and is finished (issue 12.6)."""

_RELEASE_LINE = re.compile(r'^RELEASE_VERSION = "[^"]*"$', re.MULTILINE)


def set_release_version(config_text: str, version: str) -> str:
    """pipeline/config.py with its ``RELEASE_VERSION = "..."`` line set to ``version``."""
    new, n = _RELEASE_LINE.subn(f'RELEASE_VERSION = "{version}"', config_text)
    if n != 1:
        raise ReleaseError("cannot find one line RELEASE_VERSION = \"...\"",
                           file="pipeline/config.py")
    return new


@dataclass(frozen=True)
class ReleaseResult:
    """What `release` did: the versions, the bump and why it was needed, CHANGES.md."""

    old_version: str | None
    new_version: str
    bump: str
    level: str
    reasons: tuple[str, ...]
    changes: str  # CHANGES.md of the new release
    path: Path | None  # None for a dry run
    notes: tuple[str, ...] = ()


def _run(paths: Paths, version: str) -> Path:
    report = runner.run(paths, version=version)
    assert report.published is not None
    if report.published.status != "published":
        raise ReleaseError(f"version {version} was already published", file=paths.rel(
            report.published.path))
    return report.published.path


def _finish(paths: Paths, old: str | None, new: str,
            config_file: Path | None) -> tuple[str, list[str], list[str]]:
    """The steps after published/<new>/ exists, each idempotent: the root descriptor,
    CHANGELOG.md (once per version), CITATION.cff, .zenodo.json and RELEASE_VERSION."""
    final = paths.published / new
    publish.write_root(paths, new, io.read_bytes(final / "datapackage.json"))
    d = diff_releases(paths.published / old if old else None, final)
    level, reasons = classify(d)
    desc = io.read_json(final / "datapackage.json")
    date = str(desc.get("created", ""))[:10]
    notes: list[str] = []
    changelog = paths.root / "CHANGELOG.md"
    existing = io.read_text(changelog) if changelog.exists() else ""
    if f"\n## {new} " in existing or f"\n## {new}\n" in existing:
        notes.append(f"CHANGELOG.md already has a section for {new}; left as it is")
    else:
        section = changelog_section(d, level, list(reasons), date)
        io.write_bytes_atomic(changelog, prepend_changelog(existing, section).encode("utf-8"))
    io.write_bytes_atomic(paths.root / "CITATION.cff", citation_cff(new, date).encode("utf-8"))
    io.write_bytes_atomic(paths.root / ".zenodo.json", zenodo_json(
        new, date, description=str(desc.get("description", ""))).encode("utf-8"))
    if config_file is not None and Path(config_file).is_file():
        text = io.read_text(config_file)
        io.write_bytes_atomic(config_file, set_release_version(text, new).encode("utf-8"))
        notes.append(f"{paths.rel(config_file)}: RELEASE_VERSION = \"{new}\"")
    elif config_file is not None:
        notes.append(f"no {config_file}: set RELEASE_VERSION = \"{new}\" by hand")
    return level, list(reasons), notes


def finish_incomplete(paths: Paths, *, config_file: Path | None = None) -> ReleaseResult | None:
    """Finish a release that was killed after its folder was published (root descriptor,
    CHANGELOG, CITATION, RELEASE_VERSION); None when there was none. A marker whose release
    folder never appeared (killed while building) is dropped: nothing was published."""
    marker = paths.published / IN_PROGRESS
    if not marker.is_file():
        return None
    state = io.read_json(marker, shown=paths.rel(marker))
    new, old = str(state.get("version", "")), state.get("previous")
    if not is_version(new) or not (paths.published / new / "datapackage.json").is_file():
        log.warning("release: %s was not published by the killed run; nothing to finish", new)
        marker.unlink()
        return None
    level, reasons, notes = _finish(paths, str(old) if old else None, new, config_file)
    marker.unlink()
    log.warning("release: finished %s, which an earlier run left incomplete", new)
    notes.insert(0, f"finished release {new}, left incomplete by an interrupted run; run "
                    "`release` again for a new version")
    return ReleaseResult(str(old) if old else None, new, "finish", level, tuple(reasons),
                         io.read_text(paths.published / new / "CHANGES.md"),
                         paths.published / new, tuple(notes))


def make_release(paths: Paths, bump: str, *, dry_run: bool = False,
                 config_file: Path | None = None,
                 run: Callable[[Paths, str], Path] = _run) -> ReleaseResult:
    """Publish the next ``bump`` version of the data under ``paths``.

    ``dry_run`` builds into a temporary root beside a copy of the previous release, so the
    bump is checked and CHANGES.md shown, and nothing under ``paths`` changes.
    ``config_file`` (pipeline/config.py) gets the new RELEASE_VERSION when given and present.
    """
    old = latest_version(paths.published)
    new = next_version(old, bump)
    if dry_run:
        with tempfile.TemporaryDirectory(prefix="pipeline-release-") as tmp:
            tmp_paths = Paths.under(Path(tmp), raw=paths.raw, etc=paths.etc)
            if old is not None:
                shutil.copytree(paths.published / old, tmp_paths.published / old)
            built = run(tmp_paths, new)
            d = diff_releases(tmp_paths.published / old if old else None, built)
            level, reasons = classify(d)
            changes = io.read_text(built / "CHANGES.md")
        return ReleaseResult(old, new, bump, level, tuple(reasons), changes, None,
                             ("dry run: nothing was published",))
    unfinished = finish_incomplete(paths, config_file=config_file)
    if unfinished is not None:  # a release killed midway: finish it first, and only that
        return unfinished
    marker = paths.published / IN_PROGRESS
    io.write_json(marker, {"version": new, "previous": old})
    try:
        final = run(paths, new)
    except Exception:
        if not (paths.published / new).exists():  # refused or failed: nothing to finish
            marker.unlink(missing_ok=True)
        raise
    level, reasons, notes = _finish(paths, old, new, config_file)
    marker.unlink()
    log.info("release: %s published to %s", new, paths.rel(final))
    changes = io.read_text(final / "CHANGES.md")
    return ReleaseResult(old, new, bump, level, tuple(reasons), changes, final, tuple(notes))
