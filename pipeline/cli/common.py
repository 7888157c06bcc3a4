"""Command-line pieces every command module shares, written once: the terminal consoles, the
common options, the logging set-up, the run paths the options name, the one-line error exit,
and the PipelineError guard that pipeline.cli wraps around every command it registers."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.logging import RichHandler

from pipeline.config import Paths
from pipeline.errors import PipelineError

console = Console(stderr=True)  # tables, progress and summaries: stderr
out = Console()  # results a command prints for reading or piping: stdout

OutOpt = Annotated[
    Path | None,
    typer.Option("--out", help="Write published/ and datapackage.json under this folder "
                 "instead of the repository (raw/ and pipeline/etc/ are still read from the "
                 "repository unless --raw/--etc say otherwise)."),
]
RawOpt = Annotated[Path | None, typer.Option("--raw", help="Read raw snapshots from here.")]
EtcOpt = Annotated[Path | None, typer.Option("--etc", help="Read hand-made inputs from here.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging.")]
RootOpt = Annotated[
    Path | None,
    typer.Option("--root", help="Repository root holding published/ (default: this "
                 "repository); tests point it at a temporary folder."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]


_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control, line-separator and bidi-override characters escaped (\\n,
    \\u202e): a file name cannot forge an 'error:' line or reorder the output (issue 12.8).
    Persian letters and the zero-width non-joiner stay as they are."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class _Printable(logging.Filter):
    """Escapes every log message as :func:`printable` does: log lines name raw files, and a
    forged file name must not print a line of its own."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = printable(record.getMessage()), None
        return True


def setup_logging(verbose: bool, quiet_level: int = logging.INFO) -> None:
    """Log through rich to stderr: DEBUG with --verbose, else ``quiet_level``; every message
    escaped by :func:`printable`."""
    handler = RichHandler(console=console, show_path=False, show_time=False)
    handler.addFilter(_Printable())
    logging.basicConfig(
        level=logging.DEBUG if verbose else quiet_level,
        format="%(message)s",
        handlers=[handler],
        force=True,
    )


def run_paths(out_dir: Path | None = None, raw: Path | None = None,
              etc: Path | None = None) -> Paths:
    """The paths of a run: the repository's, or published/ and datapackage.json under
    ``out_dir``; raw/ and pipeline/etc/ stay the repository's unless ``raw``/``etc`` say
    otherwise."""
    base = Paths()
    if out_dir is None:
        return Paths(root=base.root, raw=raw or base.raw, etc=etc or base.etc,
                     published=base.published, root_descriptor=base.root_descriptor)
    return Paths.under(out_dir, raw=raw or base.raw, etc=etc or base.etc)


def root_paths(root: Path | None) -> Paths:
    """The paths of the repository at ``root`` (its own raw/, pipeline/etc/, published/), or of
    this repository."""
    return Paths() if root is None else Paths.under(root)


def fail(message: object) -> NoReturn:
    """Print one ``error:`` line on stderr and exit with code 1 (never a traceback)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


F = TypeVar("F", bound=Callable[..., object])


def one_line_errors(command: F) -> F:
    """``command`` with a PipelineError turned into one ``error:`` line and exit code 1: the
    guard every registered command gets, so commands do not catch PipelineError themselves."""

    @functools.wraps(command)
    def guarded(*args: object, **kwargs: object) -> object:
        try:
            return command(*args, **kwargs)
        except PipelineError as err:
            fail(err)

    return guarded  # type: ignore[return-value]


def _flags_without_type() -> None:
    """typer 0.29 shows a flag (--force, --help) as taking a ``<bool>`` value it does not
    take; show flags without a type. Options with values keep theirs (``<path>``)."""
    from typer.core import TyperOption

    if getattr(TyperOption.display_type_rich, "_flags_without_type", False):
        return
    shown = TyperOption.display_type_rich

    def display_type_rich(self, ctx):  # noqa: ANN001, ANN202 (typer's signature)
        if self.is_flag and self.metavar is None:
            return None
        return shown(self, ctx)

    display_type_rich._flags_without_type = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_flags_without_type()
