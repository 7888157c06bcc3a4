"""Frictionless reads the published CSV with the dialect the pipeline writes (io.csv_bytes:
',' delimiter, '"' quote doubled, '\\n' line ends), never guessing it.

Frictionless 5's CSV parser runs Python's ``csv.Sniffer`` on the first 100 lines even when a
dialect is declared, and the sniffer's regexes are quadratic in quote characters: one 2 MB
quote-heavy cell hung publish and ``verify`` (issue 12.2). This plugin replaces that parser for
``format: csv`` resources; values a descriptor declares in its dialect still win. Registered by
``register()`` (idempotent), called where the pipeline validates a package.
"""

from __future__ import annotations

import csv
from typing import Any

import frictionless
from frictionless.formats.csv.control import CsvControl
from frictionless.formats.csv.parser import CsvParser

PLUGIN_NAME = "pipeline-csv-dialect"
DIALECT = {"delimiter": ",", "quote_char": '"', "double_quote": True, "line_terminator": "\n",
           "skip_initial_space": False}


class KnownDialectCsvParser(CsvParser):
    """The CSV parser without the sniffer: the dialect is known."""

    def read_cell_stream_create(self):  # type: ignore[no-untyped-def]  # noqa: ANN201
        control = CsvControl.from_dialect(self.resource.dialect)
        for name, value in DIALECT.items():
            control.set_not_defined(name, value)
        yield from csv.reader(self.loader.text_stream, dialect=control.to_python())


class KnownDialectPlugin(frictionless.Plugin):
    def create_parser(self, resource: Any) -> Any:  # noqa: ANN401
        if getattr(resource, "format", None) == "csv":
            return KnownDialectCsvParser(resource)
        return None


def register() -> None:
    frictionless.system.register(PLUGIN_NAME, KnownDialectPlugin())
