"""Command-line pieces shared by pipeline.__main__ and the command modules it registers:
the common options and the logging set-up (declared once, so every command reads alike)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler

OutOpt = Annotated[
    Path | None,
    typer.Option("--out", help="Write published/ and datapackage.json under this folder "
                 "instead of the repository (raw/ and pipeline/etc/ are still read from the "
                 "repository unless --raw/--etc say otherwise)."),
]
RawOpt = Annotated[Path | None, typer.Option("--raw", help="Read raw snapshots from here.")]
EtcOpt = Annotated[Path | None, typer.Option("--etc", help="Read hand-made inputs from here.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging.")]


def setup_logging(console: Console, verbose: bool, quiet_level: int = logging.INFO) -> None:
    """Log through rich to ``console`` (stderr): DEBUG with --verbose, else ``quiet_level``."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else quiet_level,
        format="%(message)s",
        handlers=[RichHandler(console=console, show_path=False, show_time=False)],
        force=True,
    )


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
