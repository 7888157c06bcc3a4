"""`python -m pipeline run | validate | snapshot`: the stages snapshot -> ingest -> normalize ->
validate -> link -> publish, with the row accounting printed as tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from pipeline.cli.common import (
    EtcOpt,
    OutOpt,
    RawOpt,
    VerboseOpt,
    console,
    run_paths,
    setup_logging,
)
from pipeline.config import RELEASE_VERSION

if TYPE_CHECKING:
    from pipeline.runner import RunReport


def _summary(report: RunReport) -> None:
    acc = Table(title="Row accounting: raw = published + rejected")
    for col in ("source", "file", "raw", "published", "rejected", "ok"):
        acc.add_column(col, justify="right" if col in ("raw", "published", "rejected") else
                       "left")
    for rec in report.accounting.to_dict("records"):
        ok = rec["published_rows"] + rec["rejected_rows"] == rec["raw_rows"]
        acc.add_row(rec["source_id"], rec["file"], str(rec["raw_rows"]),
                    str(rec["published_rows"]), str(rec["rejected_rows"]), "yes" if ok else "NO")
    console.print(acc)
    tab = Table(title="Published tables")
    tab.add_column("table")
    tab.add_column("rows", justify="right")
    for name, df in report.tables.items():
        tab.add_row(name, str(len(df)))
    console.print(tab)


def run(
    out_dir: OutOpt = None,
    raw: RawOpt = None,
    etc: EtcOpt = None,
    version: Annotated[str, typer.Option(help="Data release version.")] = RELEASE_VERSION,
    force: Annotated[bool, typer.Option("--force", help="Rebuild everything, ignoring the "
                                        "cache of unchanged inputs (.cache/pipeline/).")] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Run every stage: snapshot check -> ingest -> normalize -> validate -> link -> publish.
    Stages whose inputs and code did not change since the last run are taken from the cache."""
    setup_logging(verbose)
    from pipeline import runner
    from pipeline.config import REPO_ROOT
    from pipeline.release.make import finish_incomplete
    from pipeline.stages.cache import Cache

    paths = run_paths(out_dir, raw, etc)
    finished = finish_incomplete(paths, config_file=REPO_ROOT / "pipeline" / "config.py"
                                 if out_dir is None else None)
    if finished is not None:  # a `release` killed midway (issue 12.6)
        console.print(f"release {finished.new_version}: finished (an interrupted release "
                      "left CHANGELOG.md, CITATION.cff or RELEASE_VERSION behind)")
    report = runner.run(paths, version=version, cache=Cache.for_root(paths.root, force=force))
    _summary(report)
    assert report.published is not None
    what = "unchanged (identical to the published files)" if report.published.status == \
        "unchanged" else "published"
    console.print(f"release {report.published.version}: {what} -> {report.published.path}")


def validate(
    raw: RawOpt = None,
    etc: EtcOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Run every stage except publish: check raw/, normalize, validate, account for rows."""
    setup_logging(verbose)
    from pipeline import runner

    report = runner.run(run_paths(None, raw, etc), do_publish=False)
    _summary(report)
    console.print("valid: nothing was written")


def snapshot(raw: RawOpt = None, verbose: VerboseOpt = False) -> None:
    """Check that every file under raw/ is listed in a source.yml with a matching sha256."""
    setup_logging(verbose)
    from pipeline.stages import snapshot as stage

    snap = stage.run(run_paths(None, raw, None))
    tab = Table(title="Raw snapshots")
    for col in ("source_id", "kind", "files", "licence", "retrieved"):
        tab.add_column(col)
    for s in snap.sources:
        tab.add_row(s.source_id, s.kind, str(len(s.files)), s.license, s.retrieved)
    console.print(tab)
