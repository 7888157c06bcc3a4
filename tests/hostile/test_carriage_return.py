"""Issue 12.4 end to end: a bare CR inside a quoted cell is accepted by check-list, published
quoted by run, and the published CSV verifies and reads back to the same text."""

from __future__ import annotations

import csv
import io as _io

from pipeline import runner
from pipeline.cli.lists import check_list
from pipeline.release.verify import verify
from tests.hostile.helpers import TEMPLATE_HEADER, add_source

LIST = (TEMPLATE_HEADER.rstrip("\n") + ",prison\n"
        + 'علی یک,"Ali\rOne",,"Evin\rGohardasht"\nرضا دو,Reza Two,,Evin\n').encode()


def test_a_bare_cr_in_a_quoted_cell_is_published_quoted(work, tmp_path):
    (tmp_path / "cr.csv").write_bytes(LIST)
    checked = check_list(tmp_path / "cr.csv")
    assert checked.accepted == 2
    add_source(work.raw, "cr", {"list.csv": LIST})
    report = runner.run(work, version="1.0.0")
    assert report.published.status == "published"
    data = (work.published / "1.0.0" / "csv" / "record.csv").read_bytes()
    assert b'"Evin\rGohardasht"' in data
    rows = list(csv.DictReader(_io.StringIO(data.decode("utf-8"), newline="")))
    assert {r["prison_original"] for r in rows if r["source_id"] == "cr"} == {
        "Evin\rGohardasht", "Evin"}
    assert verify(work.published / "1.0.0") == []
