"""Readers for raw victim lists (CSV, XLSX, JSON, folders of YAML/JSON/Markdown records), mapped
onto one canonical template of columns.

This package is an I/O edge like :mod:`pipeline.io`: it reads files (through ``io.read_bytes``)
and nothing in it is specific to one source. Per-source knowledge lives in a ``mapping.yaml``
beside the list (see :class:`ListMapping`). The public API is what this module exports.

Modules, in the order a list passes them: ``read`` (the entry point :func:`read_list`: which
files, which reader), ``mapping`` (``mapping.yaml``), ``decoding`` (encodings, delimiters),
``csv_file`` (CSV header, then the body by ``csv_fast``, Arrow column-wise, or by
``csv_records``, csv.reader record by record), ``xlsx``, ``json_file`` (JSON, single-file YAML),
``records`` (record folders), ``assemble`` (the chunks onto the template); ``rows`` (template
columns, row model), ``tabular`` (header rows, shared by the tabular readers) and ``helpers``
sit below them all.

What a reader guarantees (the contract the ingest stage relies on):

* Values are the source's text, unchanged: no stripping, no Unicode normalization; ``''`` -> NA.
  Values starting with ``=`` ``+`` ``-`` ``@`` are kept as they are (publish neutralizes them).
* Every data row of the file ends up either in ``ListRead.frame`` or as one :class:`RowProblem`,
  so ``raw_row_count == len(frame) + ListRead.problem_row_count`` always holds.
* A problem with the whole file raises :class:`~pipeline.errors.InputError` (one line, with the
  file and the line/row when known); a problem with one row never aborts the file.

Decisions worth knowing:

* Blank rows are not rows: a CSV line or sheet row whose fields are all empty or whitespace is
  skipped and not counted (``,,,`` included). Rows above ``header_row`` are not counted either.
* A CSV row containing NUL characters is an ``unreadable_row`` problem (NULs mean a damaged file);
  its ``value_original`` shows each NUL as U+2400 (``␀``).
* A CSV row with a broken quote (``"abc"def``, or a quote never closed) is an ``unreadable_row``
  for that one physical line; parsing resumes on the next line.
* A row in which every mapped name column is empty is a ``no_name`` problem (``value_original`` is
  the row's non-empty values as compact JSON), so it reaches the reject table with its content.
* Header names are whitespace-collapsed (``" ".join(h.split())``); a blank header cell is named
  ``column_<n>`` (CSV, 1-based) or ``column_<letter>`` (XLSX) and dropped if its column is empty.
* YAML records are read without YAML 1.1 typing: plain scalars stay as written (``025``,
  ``1:20``, ``1367-06-31`` and ``1988-01-01`` stay text), only ``null``/``~``/empty -> NA and
  ``true``/``false`` (any case) -> ``'true'``/``'false'``. JSON values: ints ``'25'``, floats
  ``repr`` (``'25.0'`` as written), bools ``'true'``/``'false'``, null -> NA.
* XLSX: numbers without ``.0`` when whole, date cells as ``YYYY-MM-DD`` (``YYYY-MM-DDTHH:MM:SS``
  when the time is not midnight), cached formula values, the formula text when no cached value
  exists, merged cells (header *and* data) filled with their top-left value, number formats not
  applied (``00123`` formatted from 123 reads ``'123'``).
* ``source_row``: CSV = the line the record starts on; XLSX = the sheet row; JSON array of
  objects = the 1-based position of the object (line numbers are not unique in minified JSON);
  JSON array of arrays = the position with the header array as 1; records folder = the 1-based
  position of the file in code-point order of relative paths (``record_key`` = the file stem is
  the stable key).
* Folders: hidden files, ``mapping.yaml``/``mapping.yml``/``source.yml``/``source.yaml`` at the
  top of the folder and files matching ``exclude`` are never read as list files.
"""

from __future__ import annotations

from pipeline.readers.decoding import DELIMITERS, detect_encoding, sniff_delimiter
from pipeline.readers.mapping import FORMATS, ListMapping, load_mapping
from pipeline.readers.read import RESERVED_FILE_NAMES, read_list
from pipeline.readers.records import MARKDOWN_BODY_KEY
from pipeline.readers.rows import (
    BOOKKEEPING_COLUMNS,
    EXTRA_PREFIX,
    NAME_COLUMNS,
    ListRead,
    RowProblem,
)
from pipeline.schemas.inputs import TEMPLATE_COLUMNS

__all__ = [
    "BOOKKEEPING_COLUMNS",
    "DELIMITERS",
    "EXTRA_PREFIX",
    "FORMATS",
    "MARKDOWN_BODY_KEY",
    "NAME_COLUMNS",
    "RESERVED_FILE_NAMES",
    "TEMPLATE_COLUMNS",
    "ListMapping",
    "ListRead",
    "RowProblem",
    "detect_encoding",
    "load_mapping",
    "read_list",
    "sniff_delimiter",
]
