"""Command line: python -m pipeline COMMAND. Only this module writes to the terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipeline.cli_options import EtcOpt, OutOpt, RawOpt, VerboseOpt, setup_logging
from pipeline.config import RELEASE_VERSION, Paths
from pipeline.errors import PipelineError

app = typer.Typer(
    help="Build, validate and publish the 1988 executions dataset from raw/.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)
out = Console()


def _logging(verbose: bool) -> None:
    setup_logging(console, verbose)


def _paths(out_dir: Path | None, raw: Path | None, etc: Path | None) -> Paths:
    base = Paths()
    if out_dir is None:
        return Paths(root=base.root, raw=raw or base.raw, etc=etc or base.etc,
                     published=base.published, root_descriptor=base.root_descriptor)
    return Paths.under(out_dir, raw=raw or base.raw, etc=etc or base.etc)


def fail(err: PipelineError) -> None:
    typer.echo(f"error: {err}", err=True)
    raise typer.Exit(1)


def _summary(report) -> None:  # noqa: ANN001 (RunReport, imported lazily)
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


@app.command()
def run(
    out_dir: OutOpt = None,
    raw: RawOpt = None,
    etc: EtcOpt = None,
    version: Annotated[str, typer.Option(help="Data release version.")] = RELEASE_VERSION,
    force: Annotated[bool, typer.Option("--force", help="Rebuild everything, ignoring the "
                                        "cache of unchanged inputs (.cache/pipeline/).")] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Run every stage: snapshot check -> extract -> normalize -> validate -> publish. Stages
    whose inputs and code did not change since the last run are taken from the cache."""
    _logging(verbose)
    from pipeline import runner
    from pipeline.stages.cache import Cache

    paths = _paths(out_dir, raw, etc)
    try:
        from pipeline.config import REPO_ROOT
        from pipeline.release import finish_incomplete

        finished = finish_incomplete(paths, config_file=REPO_ROOT / "pipeline" / "config.py"
                                     if out_dir is None else None)
        if finished is not None:  # a `release` killed midway (issue 12.6)
            console.print(f"release {finished.new_version}: finished (an interrupted release "
                          "left CHANGELOG.md, CITATION.cff or RELEASE_VERSION behind)")
        report = runner.run(paths, version=version, cache=Cache.for_root(paths.root, force=force))
    except PipelineError as err:
        fail(err)
        return
    _summary(report)
    assert report.published is not None
    what = "unchanged (identical to the published files)" if report.published.status == \
        "unchanged" else "published"
    console.print(f"release {report.published.version}: {what} -> {report.published.path}")


@app.command()
def validate(
    raw: RawOpt = None,
    etc: EtcOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Run every stage except publish: check raw/, normalize, validate, account for rows."""
    _logging(verbose)
    from pipeline import runner

    try:
        report = runner.run(_paths(None, raw, etc), do_publish=False)
    except PipelineError as err:
        fail(err)
        return
    _summary(report)
    console.print("valid: nothing was written")


@app.command()
def snapshot(raw: RawOpt = None, verbose: VerboseOpt = False) -> None:
    """Check that every file under raw/ is listed in a source.yml with a matching sha256."""
    _logging(verbose)
    from pipeline.stages import snapshot as stage

    try:
        snap = stage.run(_paths(None, raw, None))
    except PipelineError as err:
        fail(err)
        return
    tab = Table(title="Raw snapshots")
    for col in ("source_id", "kind", "files", "licence", "retrieved"):
        tab.add_column(col)
    for s in snap.sources:
        tab.add_row(s.source_id, s.kind, str(len(s.files)), s.license, s.retrieved)
    console.print(tab)


@app.command()
def bench(
    rows: Annotated[int, typer.Option(help="Rows of the synthetic list.")] = 100_000,
    stage: Annotated[list[str] | None, typer.Option(
        "--stage", help="Stage(s) to measure: ingest, normalize, validate, link, publish "
        "(repeat the option; default: all). Their prerequisites run too.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    profile: Annotated[str, typer.Option(
        help="Generated list: realistic (distinct-value profile of real lists) or "
        "low-cardinality (a few hundred names; a special case).")] = "realistic",
    input_file: Annotated[Path | None, typer.Option(
        "--input", help="Time the stages on this list file instead of a generated one.")] = None,
    mapping: Annotated[Path | None, typer.Option(
        help="mapping.yaml for --input (default: the template columns).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines on "
                                        "stderr.")] = False,
) -> None:
    """Benchmark ingest -> normalize -> validate -> link -> publish on a generated list (made
    in a temporary folder; realistic by default) or on --input FILE, with DuckDB's CSV ->
    Parquet time on the same file as a yardstick."""
    import json
    import logging

    from pipeline.bench import run_bench

    setup_logging(console, False, logging.WARNING if quiet else logging.INFO)  # progress
    try:
        result = run_bench(rows, stages=stage, profile=profile, input_path=input_file,
                           mapping_path=mapping)
    except ValueError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        out.print_json(json.dumps(result))
        return
    what = (f"{input_file}" if input_file is not None
            else f"{profile} synthetic list of {result['rows']:,} rows")
    tab = Table(title=f"Benchmark: {what}")
    for col in ("stage", "seconds", "CPU s", "rows/s", "peak RSS MB"):
        tab.add_column(col, justify="left" if col == "stage" else "right")
    for t in result["stages"]:
        name = t["stage"] if t["selected"] else f"{t['stage']} (setup)"
        if t["stage"] == "link" and t["rows"] < rows:
            name += f" (first {t['rows']:,} records)"
        if t["seconds"] is None:
            tab.add_row(f"{t['stage']}: {t['note']}", "-", "-", "-", "-")
            continue
        rate = f"{t['rows'] / t['seconds']:,.0f}" if t["seconds"] else "-"
        tab.add_row(name, f"{t['seconds']:.2f}", f"{t['cpu_seconds']:.2f}", rate,
                    f"{t['peak_rss_mb']:,.0f}")
    out.print(tab)
    if not result["pipeline_seconds"]:
        return
    out.print(f"pipeline ({'+'.join(result['pipeline_stages'])}): "
              f"{result['pipeline_seconds']:.2f} s, {result['rows_per_second']:,.0f} rows/s, "
              f"peak {result['pipeline_peak_rss_mb']:,.0f} MB; accepted "
              f"{result['accepted']:,}, quarantined {result['quarantined']:,}")
    out.print(f"DuckDB yardstick (CSV -> Parquet): {result['duckdb_yardstick_seconds']:.2f} s; "
              f"ratio {result['yardstick_ratio']:.1f}x; process peak RSS "
              f"{result['peak_rss_mb']:,.0f} MB; load average "
              f"{' '.join(f'{x:.2f}' for x in result['load_average'])}")


def _register_optional() -> None:
    """Commands that live in their own modules register themselves here."""
    import importlib

    for module in ("pipeline.commands_lists", "pipeline.commands_extract",
                   "pipeline.commands_release", "pipeline.commands_link"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                continue
            raise
        mod.register(app)


_register_optional()


def main() -> None:
    try:
        app()
    except PipelineError as err:  # commands catch their own; this is the last guard
        typer.echo(f"error: {err}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
