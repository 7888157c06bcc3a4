"""`python -m pipeline check-list PATH`: read one victim list and say what would be accepted and
what quarantined, and why. Never a traceback: a file that cannot be read is one error line
(in --json mode also a JSON object), its file name made printable."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path
from typing import Annotated, Any, NoReturn

import pandas as pd
import typer

from pipeline import limits, readers
from pipeline.cli.common import printable
from pipeline.errors import PipelineError
from pipeline.transforms.lists import ListOptions, normalize_list

log = logging.getLogger(__name__)

# Documentation files that sit beside record files in a folder and are not records.
FOLDER_DOCS = ("SOURCE.md", "README*", "LICENSE*", "CHANGES*")


@dataclasses.dataclass(frozen=True)
class CheckResult:
    """What check-list found in one list: rows read, accepted, and every quarantined row."""

    file: str
    raw_rows: int
    accepted: int
    quarantined: list[dict[str, Any]]
    header_row: int = 1


def _mapping_for(path: Path, mapping: Path | None) -> readers.ListMapping:
    if mapping is not None:
        return readers.load_mapping(mapping, shown=mapping.as_posix())
    if path.is_dir():
        beside = path / "mapping.yaml"
        if beside.exists():
            return readers.load_mapping(beside, shown=beside.as_posix())
        return readers.ListMapping.from_dict(
            {"files": "*", "exclude": list(FOLDER_DOCS)}, origin="default for a folder")
    return readers.ListMapping.default()


def check_list(path: Path, mapping: Path | None = None) -> CheckResult:
    """Read and normalize one list; raises PipelineError when it cannot be read."""
    shown = path.as_posix()
    chosen = _mapping_for(path, mapping)
    try:
        read = readers.read_list(path, chosen, shown=shown)
    except PipelineError as first:
        if mapping is not None or path.is_dir():
            raise
        read, chosen = _below_title_rows(path, shown, first)
    result = normalize_list(read.frame, ListOptions(source_id="check"))
    # the record schema `run` validates with: one verdict for both (issue 12.8)
    from pipeline.stages.validate import validate_table

    valid, schema_rejects = validate_table(result.records, "record")
    result = dataclasses.replace(result, records=valid, rejects=pd.concat(
        [result.rejects, pd.DataFrame(schema_rejects, columns=list(result.rejects.columns))],
        ignore_index=True) if schema_rejects else result.rejects)
    items: list[dict[str, Any]] = [
        {"file": p.file, "row": p.row, "field": p.field, "reason": p.reason_code,
         "message": p.message, "value": p.value_original}
        for p in read.problems
    ]
    for rec in result.rejects.to_dict("records"):
        items.append({
            "file": rec["file"], "row": int(rec["source_row"]),
            "field": None if pd.isna(rec["field"]) else rec["field"],
            "reason": rec["reason_code"], "message": rec["message"],
            "value": None if pd.isna(rec["value_original"]) else rec["value_original"],
        })
    items.sort(key=lambda i: (str(i["file"]), i["row"], str(i["field"])))
    quarantined_rows = {(str(i["file"]), i["row"]) for i in items}
    accepted = len(result.records)
    if accepted + len(quarantined_rows) != read.raw_row_count:
        raise PipelineError(
            f"row accounting does not add up: {read.raw_row_count} rows read, {accepted} "
            f"accepted + {len(quarantined_rows)} quarantined", file=shown)
    return CheckResult(shown, read.raw_row_count, accepted, items, chosen.header_row)


TITLE_ROWS_MAX = 10
"""How far down an unmapped file check-list looks for its header below title rows."""


def _below_title_rows(
    path: Path, shown: str, first: PipelineError
) -> tuple[readers.ListRead, readers.ListMapping]:
    """A file without a mapping whose first row is not a usable header (a title row, a merged
    banner cell in a spreadsheet): take the first of the next rows that reads as a template
    header, as a mapping's `header_row` would. Rows above it are titles, not data. When no row
    reads, the error about row 1 stands."""
    for header_row in range(2, TITLE_ROWS_MAX + 1):
        candidate = readers.ListMapping(header_row=header_row,
                                        origin="header found by check-list")
        try:
            read = readers.read_list(path, candidate, shown=shown)
        except PipelineError:
            continue
        log.info("%s: header found at row %d (rows above it are titles, not counted)",
                 shown, header_row)
        return read, candidate
    raise first


LIMITS_HELP = "\n\n".join(["Limits on input files (pipeline/limits.py):",
                             *(f"- {line}" for line in limits.describe())])


def check_list_command(
    path: Annotated[Path, typer.Argument(help="A list file, or a folder of record files.")],
    mapping: Annotated[Path | None, typer.Option(
        "--mapping", help="Mapping YAML onto the list template (default: the folder's "
        "mapping.yaml, or template form).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Read one victim list: accepted and quarantined rows, with reasons. Exit 0 when the
    file was read (even with quarantined rows), 1 when it could not be read."""
    try:
        res = check_list(path, mapping)
    except PipelineError as err:
        _fail_list(str(err), as_json)
    except Exception as exc:  # a hostile file must never produce a traceback
        log.debug("check-list failed", exc_info=True)
        _fail_list(f"{path.as_posix()}: cannot read list ({type(exc).__name__}: {exc})", as_json)
    if as_json:
        typer.echo(json.dumps({
            "file": res.file, "header_row": res.header_row, "rows": res.raw_rows,
            "accepted": res.accepted,
            "quarantined": res.quarantined, "errors": [],
        }, ensure_ascii=False, indent=2))
        return
    if res.header_row != 1:
        typer.echo(f"{printable(res.file)}: header at row {res.header_row} (rows above "
                   "are titles)")
    typer.echo(f"{printable(res.file)}: {res.raw_rows} rows: {res.accepted} accepted, "
               f"{len({(i['file'], i['row']) for i in res.quarantined})} quarantined")
    reasons: dict[str, int] = {}
    for item in res.quarantined:
        reasons[item["reason"]] = reasons.get(item["reason"], 0) + 1
    for reason, n in sorted(reasons.items()):
        typer.echo(f"  {reason}: {n}")
    for item in res.quarantined[:50]:
        field = f" {item['field']}:" if item["field"] else ""
        typer.echo(printable(f"  {item['file']}:{item['row']}:{field} {item['reason']}: "
                             f"{item['message']}"))
    if len(res.quarantined) > 50:
        typer.echo(f"  ... and {len(res.quarantined) - 50} more (use --json for all)")


def _fail_list(message: str, as_json: bool) -> NoReturn:
    line = " ".join(printable(f"error: {message}").split())
    if as_json:
        typer.echo(json.dumps({"accepted": 0, "quarantined": [], "errors": [line]},
                              ensure_ascii=False))
    typer.echo(line, err=True)
    raise typer.Exit(1)
