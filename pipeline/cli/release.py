"""`python -m pipeline diff | verify | codebook | release | download | search`: releases users
can cite, compare, verify, fetch and search (the logic is in pipeline/release/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.common import EtcOpt, JsonOpt, RawOpt, RootOpt, root_paths, run_paths
from pipeline.errors import PipelineError


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


def diff(
    old: Annotated[str, typer.Argument(help="Old release: a version or a folder.")],
    new: Annotated[str, typer.Argument(help="New release: a version or a folder.")],
    as_json: JsonOpt = False,
    sample: Annotated[int, typer.Option(help="Changed rows shown per table.")] = 10,
    root: RootOpt = None,
) -> None:
    """Rows added, removed and changed (by primary key) and schema changes between releases."""
    from pipeline.release.diff import diff_releases, render_markdown, to_json
    from pipeline.release.semver import classify
    from pipeline.release.versions import resolve

    paths = root_paths(root)
    d = diff_releases(resolve(old, paths), resolve(new, paths))
    level, reasons = classify(d)
    if as_json:
        typer.echo(_dumps(to_json(d, level=level, reasons=reasons, sample=sample)))
    else:
        typer.echo(render_markdown(d, level=level, reasons=reasons, sample=sample), nl=False)


def _release_folder(path: str | None, paths):  # noqa: ANN001, ANN202 (Paths, Path)
    """The release folder named by a version or path, or the latest published one."""
    from pipeline.release.versions import latest_version, resolve

    if path is None:
        path = latest_version(paths.published)
        if path is None:
            raise PipelineError("no release has been published yet",
                                file=paths.rel(paths.published))
    return resolve(path, paths)


def verify(
    path: Annotated[str | None, typer.Argument(
        help="Release folder or version (default: the latest published).")] = None,
    as_json: JsonOpt = False,
    root: RootOpt = None,
) -> None:
    """Check every file's sha256 and size against datapackage.json and re-validate the data."""
    from pipeline.release.verify import verify as run_verify

    paths = root_paths(root)
    folder = _release_folder(path, paths)
    problems = run_verify(folder)
    shown = paths.rel(folder)
    if as_json:
        typer.echo(_dumps({"release": shown, "valid": not problems, "problems": problems}))
    elif problems:
        for p in problems:
            typer.echo(p, err=True)
        typer.echo(f"error: {shown}: {len(problems)} problem(s)", err=True)
    else:
        typer.echo(f"{shown}: every file matches its sha256 and size; the data validates")
    if problems:
        raise typer.Exit(1)


def codebook(
    path: Annotated[str | None, typer.Argument(
        help="Release folder or version (default: the latest published).")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Write codebook.md and codebook.html into this folder (never into a "
        "release: a release folder is immutable). Without it, print the Markdown.")] = None,
    root: RootOpt = None,
) -> None:
    """The codebook of a release: tables, fields, types, codes with meanings, sources."""
    from pipeline import io
    from pipeline.release import codebook as cb

    paths = root_paths(root)
    folder = _release_folder(path, paths)
    if out is not None and out.resolve().is_relative_to(paths.published.resolve()):
        raise PipelineError("refusing to write under published/: releases are immutable",
                            file=str(out))
    md, page = cb.render(folder)
    if out is None:
        typer.echo(md, nl=False)
        return
    io.write_bytes_atomic(out / "codebook.md", md.encode("utf-8"))
    io.write_bytes_atomic(out / "codebook.html", page.encode("utf-8"))
    typer.echo(f"wrote {out / 'codebook.md'} and {out / 'codebook.html'}")


def release(
    bump: Annotated[str, typer.Option("--bump", help="major | minor | patch")],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Build, diff and check the bump in a temporary folder; publish "
        "nothing.")] = False,
    out_dir: Annotated[Path | None, typer.Option(
        "--out", help="Release under this folder (its published/, datapackage.json, "
        "CHANGELOG.md, CITATION.cff) instead of the repository; pipeline/config.py is then "
        "left alone.")] = None,
    raw: RawOpt = None,
    etc: EtcOpt = None,
) -> None:
    """Publish the next version: build, diff against the latest release, refuse a bump smaller
    than the change needs (saying why), then write published/<version>/ (with CHANGES.md and
    the codebook), CHANGELOG.md, CITATION.cff and RELEASE_VERSION in pipeline/config.py."""
    from pipeline.config import REPO_ROOT
    from pipeline.release.make import make_release
    from pipeline.release.versions import BUMPS

    if bump not in BUMPS:
        raise PipelineError(f"--bump must be one of {', '.join(BUMPS)}, not {bump!r}")
    paths = run_paths(out_dir, raw, etc)
    config_file = REPO_ROOT / "pipeline" / "config.py" if out_dir is None else None
    result = make_release(paths, bump, dry_run=dry_run, config_file=config_file)
    typer.echo(result.changes, nl=False, err=True)
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
    where = paths.rel(result.path) if result.path else "(dry run)"
    typer.echo(f"release {result.old_version or 'nothing'} -> {result.new_version} "
               f"({bump}; changes need {result.level}): {where}")


def download(
    src: Annotated[str, typer.Argument(
        metavar="URL_OR_PATH",
        help="A release archive (.zip; its .sha256 is fetched from beside it), a published "
        "datapackage.json, or a folder/base URL holding <version>/ folders (with --version). "
        "http(s)://, file:// or a path.")],
    version: Annotated[str | None, typer.Option(
        "--version", help="The release wanted; refused when the download is another one.")]
    = None,
    to: Annotated[Path | None, typer.Option(
        "--to", help="Unpack into DIR/<version> (default: ./iran-1988-executions/).")] = None,
) -> None:
    """Download a release, check every sha256, unpack it into DIR/<version>.

    Every file's size and sha256 is checked in memory before anything is written; a tampered
    or truncated download is refused with one line and leaves nothing behind."""
    import logging

    from pipeline.release.download import download as run_download

    logging.basicConfig(level=logging.WARNING, format="warning: %(message)s")
    folder = run_download(src, version=version, to=to)
    typer.echo(f"{folder}: every file matches its sha256 and size (python -m pipeline verify "
               f"{folder} re-validates the data)")


def search(
    name: Annotated[str, typer.Argument(help="A name or part of one (at least 3 letters), "
                                        "in Persian or Latin script, any spelling.")],
    path: Annotated[str | None, typer.Argument(
        help="Release folder or version (default: the latest published).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many records.")] = 50,
    as_json: JsonOpt = False,
    root: RootOpt = None,
) -> None:
    """Search victims' names (Persian or Latin script, any spelling) in a release.

    Uses the release's SQLite edition; Persian letter forms (ي/ی, ك/ک), half-spaces and Latin
    spelling variants are folded as the pipeline folds them."""
    from pipeline.config import PACKAGE_NAME
    from pipeline.release import sqlite

    paths = root_paths(root)
    folder = _release_folder(path, paths)
    db = folder / sqlite.database_file(PACKAGE_NAME)
    if not db.is_file():
        raise PipelineError("this release has no SQLite edition (it came with 0.4.0)",
                            file=paths.rel(folder))
    hits = sqlite.search(db, name, limit=limit)
    if as_json:
        typer.echo(_dumps(hits))
        return
    for h in hits:
        typer.echo("\t".join(str(h[k] or "") for k in ("record_id", "person_id", "name_fa",
                                                      "name_latin", "source_id")))
    typer.echo(f"{len(hits)} record(s) in {paths.rel(folder)}", err=True)

