"""The plain-CSV fast path of pipeline.listformat (column-wise in Arrow) reads exactly what the
general csv.reader path reads: rows, values, line numbers, problems and counts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import listformat
from pipeline.bench import synthetic_list

LINES = synthetic_list(300, seed=7).to_csv(index=False, lineterminator="\n").splitlines()


def _read(path: Path, fast: bool, monkeypatch: pytest.MonkeyPatch) -> listformat.ListRead:
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(listformat, "_fast_csv_text", lambda text: None)
        return listformat.read_list(path, listformat.ListMapping.default(), shown="l.csv")


CASES = {
    "plain": "\n".join(LINES) + "\n",
    "crlf_no_final_newline": "\r\n".join(LINES),
    "blank_and_whitespace_rows": "\n".join([LINES[0], "", " , ,\u00a0,", "\u3000", *LINES[1:40],
                                            ",,,,,,,,,,,,", *LINES[40:60]]) + "\n\n",
    "ragged_rows": "\n".join([LINES[0], LINES[1] + ",extra", *LINES[2:20], "a,b"]) + "\n",
    "unnamed_columns": "\n".join([LINES[0] + ",,", *(line + ",," for line in LINES[1:9]),
                                  LINES[9] + ",,kept"]) + "\n",
    "header_only": LINES[0] + "\n",
    "header_only_no_newline": LINES[0],
    "blank_lines_before_header": "\n\n" + "\n".join(LINES[:30]) + "\n",
    "tabs": "\n".join(line.replace(",", "\t") for line in LINES[:50]) + "\n",
    "no_name_rows": "\n".join([LINES[0], ",," + "x," * 10 + "x", ",,,,,,,,,,,,y",
                                *LINES[1:5]]) + "\n",
}


@pytest.mark.parametrize("name", list(CASES))
def test_fast_path_reads_what_the_general_reader_reads(name, tmp_path, monkeypatch):
    path = tmp_path / "l.csv"
    path.write_text(CASES[name], encoding="utf-8")
    assert listformat._fast_csv_text(CASES[name]) is not None
    fast, general = _read(path, True, monkeypatch), _read(path, False, monkeypatch)
    pd.testing.assert_frame_equal(fast.frame, general.frame, check_exact=True)
    assert fast.problems == general.problems
    if name == "no_name_rows":
        assert [p.reason_code for p in fast.problems] == ["no_name", "no_name"]
    assert fast.raw_row_count == general.raw_row_count
    assert fast.columns_found == general.columns_found


@pytest.mark.parametrize("text", ['a,"b"\n1,2\n', "a,b\n1,\x002\n", "a,b\r1,2\n"])
def test_quotes_nul_and_lone_cr_take_the_general_reader(text):
    assert listformat._fast_csv_text(text) is None
