"""Runs the stages in order and checks the row accounting. Used by the CLI and the tests.

snapshot -> ingest -> normalize -> validate -> link -> publish (see pipeline/stages/)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pandas as pd

from pipeline.config import RELEASE_VERSION, Paths
from pipeline.errors import PipelineError
from pipeline.stages import ingest, link, normalize, publish, snapshot, validate
from pipeline.stages.cache import Cache, cached_run, remember_run, storable

log = logging.getLogger(__name__)


@storable
@dataclass
class RunReport:
    """What a run produced: the tables, raw = published + rejected per input file, and the
    published release (None when nothing was published)."""

    tables: dict[str, pd.DataFrame]
    accounting: pd.DataFrame
    published: publish.PublishResult | None


def check_accounting(acc: pd.DataFrame) -> None:
    """Raise unless raw rows = published + rejected for every input file."""
    for rec in acc.to_dict("records"):
        if rec["both"] or rec["published_rows"] + rec["rejected_rows"] != rec["raw_rows"]:
            raise PipelineError(
                f"row accounting does not add up: raw {rec['raw_rows']} != published "
                f"{rec['published_rows']} + rejected {rec['rejected_rows']}"
                + (f" ({rec['both']} rows both published and rejected)" if rec["both"] else ""),
                file=rec["file"],
            )


def check_no_file_lost_to_a_key_clash(acc: pd.DataFrame, rejects: pd.DataFrame) -> None:
    """Raise when every row of an input file was rejected as ``duplicate_key``: the counts add
    up, but a whole file lost to colliding ids is a failure of the ids, not bad input
    (issue 12.5)."""
    if rejects.empty:
        return
    clashes = rejects[rejects["reason_code"] == "duplicate_key"].groupby("file").size()
    for rec in acc.to_dict("records"):
        lost = int(clashes.get(rec["file"], 0))
        if rec["raw_rows"] > 0 and lost >= rec["raw_rows"] and rec["published_rows"] == 0:
            raise PipelineError(
                f"every row ({lost}) was rejected as duplicate_key: its ids clash with another "
                "file's; nothing of it would be published", file=rec["file"])


def check_strict(cands: normalize.Candidates, tables: dict[str, pd.DataFrame]) -> None:
    """Curated inputs under raw/ are fixed by hand, never quarantined: any rejected row of one
    is an error naming its file, row and field."""
    rej = tables["reject"]
    strict = rej[rej["file"].isin(cands.strict_files)
                 & (rej["reason_code"] != "excluded_by_review")]
    if len(strict):
        first = strict.iloc[0]
        more = f" (and {len(strict) - 1} more)" if len(strict) > 1 else ""
        raise PipelineError(
            f"{first['message']}{more}",
            file=first["file"], row=int(first["source_row"]),
            field=first["field"] if isinstance(first["field"], str) else None,
            value=first["value_original"] if isinstance(first["value_original"], str) else None,
        )


def run(paths: Paths | None = None, *, version: str = RELEASE_VERSION,
        do_publish: bool = True, cache: Cache | None = None) -> RunReport:
    """Run snapshot -> ingest -> normalize -> validate -> link -> publish (publish only with
    ``do_publish``); raise PipelineError on bad input or when the row accounting fails."""
    paths = paths or Paths()
    cache = cache or Cache.off()
    if do_publish:
        publish.precheck(paths, version)  # an older version is refused before any work
    stored = cached_run(cache, paths, version, do_publish)  # nothing changed: no work
    if stored is not None:
        return stored
    snap = snapshot.run(paths)
    raw = ingest.run(paths, snap, cache=cache)
    cands = normalize.run(raw)
    valid = validate.run(cands)
    check_strict(cands, valid.tables)
    check_accounting(valid.accounting)
    check_no_file_lost_to_a_key_clash(valid.accounting, valid.tables["reject"])
    tables = valid.tables
    linked = link.run(tables, paths, version)  # record -> person etc.; None without records
    if linked is not None:
        tables = {**tables, **linked.tables}
    result = None
    if do_publish:
        result = publish.run(tables, paths, version, snap.created)
    report = RunReport(tables, valid.accounting, result)
    remember_run(cache, paths, version, do_publish, report)
    return report
