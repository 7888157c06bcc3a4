"""Limits on input files: every bound a hostile or damaged input is held to, in one place.

A file over a file-level limit is refused with one line naming the file and the limit (never a
MemoryError or a hang); a row with a field over MAX_FIELD_CHARS is quarantined in ``reject``
(reason ``invalid_value``, the message names the limit) and the rest of the file is read.
Documented for users in README ("Limits on input files") and in ``check-list --help``;
tests/hostile/ builds a small bomb for each one.
"""

from __future__ import annotations

MAX_FILE_BYTES = 512 * 1024 * 1024
"""A raw list file (CSV, TSV, XLSX, JSON, YAML, one record file) is at most 512 MiB."""

MAX_FIELD_CHARS = 64 * 1024
"""A field (cell) of a list holds at most 65,536 characters; a longer one quarantines its row."""

MAX_COLUMNS = 2_000
"""A list (CSV header, XLSX sheet, JSON table) has at most 2,000 columns."""

MAX_XLSX_UNZIPPED_BYTES = 64 * 1024 * 1024
"""An XLSX workbook expands to at most 64 MiB, counted from the sizes its zip declares."""

MAX_ZIP_RATIO = 100
"""No member of an XLSX zip expands more than 100 times (a member over 1 MiB, that is)."""

MAX_XLSX_CELLS = 2_000_000
"""A worksheet spans at most 2,000,000 cells (rows x columns up to its last used cell, and as
declared by its <dimension>), and holds at most that many <c> elements."""

MAX_YAML_NODES = 100_000
"""A YAML document (a records file, mapping.yaml, source.yml) has at most 100,000 nodes once
its aliases are expanded (a 'billion laughs' file is refused before it is built)."""


def describe() -> list[str]:
    """One line per limit, for --help and the README."""
    return [
        f"file size: at most {MAX_FILE_BYTES // (1024 * 1024)} MiB per list file",
        f"field size: at most {MAX_FIELD_CHARS:,} characters per field "
        "(longer: row quarantined, reason invalid_value)",
        f"columns: at most {MAX_COLUMNS:,} per list, sheet or table",
        f"XLSX: at most {MAX_XLSX_UNZIPPED_BYTES // (1024 * 1024)} MiB uncompressed, "
        f"a zip member expanding at most {MAX_ZIP_RATIO}x, "
        f"at most {MAX_XLSX_CELLS:,} cells per sheet",
        f"YAML: at most {MAX_YAML_NODES:,} nodes per document with aliases expanded",
    ]
