"""The command line, `python -m pipeline COMMAND`: every command is registered here, in one
table, and only this package writes to the terminal.

One module per group of commands:
- run.py: run, validate, snapshot (the stages snapshot -> ingest -> normalize -> validate ->
  link -> publish);
- lists.py: check-list;
- assistant.py: extract, extract-eval, extract-accept (the report-coding assistant);
- release.py: diff, verify, codebook, release, download, search;
- link.py: link, review, link-eval;
- bench.py: bench, link-bench (the generators and timing are in pipeline/bench/).

common.py holds what they share: the options, the logging set-up, the run paths and the
one-line error exit. Every command is registered wrapped in ``common.one_line_errors``, so a
PipelineError anywhere becomes one ``error:`` line and exit code 1, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from pipeline.cli import assistant, bench, link, lists, release, run
from pipeline.cli.common import one_line_errors

# (group, command name, function, extra typer.command arguments), in the order of --help
COMMANDS: tuple[tuple[str, str, Callable[..., Any], dict[str, Any]], ...] = (
    ("run", "run", run.run, {}),
    ("run", "validate", run.validate, {}),
    ("run", "snapshot", run.snapshot, {}),
    ("bench", "bench", bench.bench, {}),
    ("lists", "check-list", lists.check_list_command, {"epilog": lists.LIMITS_HELP}),
    ("assistant", "extract", assistant.extract, {}),
    ("assistant", "extract-eval", assistant.extract_eval, {}),
    ("assistant", "extract-accept", assistant.extract_accept, {}),
    ("release", "diff", release.diff, {}),
    ("release", "verify", release.verify, {}),
    ("release", "codebook", release.codebook, {}),
    ("release", "release", release.release, {}),
    ("release", "download", release.download, {}),
    ("release", "search", release.search, {}),
    ("link", "link", link.link, {}),
    ("link", "review", link.review, {}),
    ("link", "link-eval", link.link_eval, {}),
    ("bench", "link-bench", bench.link_bench, {}),
)


def register(app: typer.Typer, *groups: str) -> typer.Typer:
    """Add the commands of ``groups`` (default: all) to ``app``, each guarded by
    ``one_line_errors``; returns ``app``."""
    for group, name, command, extra in COMMANDS:
        if not groups or group in groups:
            app.command(name, **extra)(one_line_errors(command))
    return app


app = register(typer.Typer(
    help="Build, validate and publish the 1988 executions dataset from raw/.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
))


def main() -> None:
    """Run the command line (the entry point of ``python -m pipeline``)."""
    app()
