"""The plain-CSV fast path of pipeline.readers (column-wise in Arrow) reads exactly what the
general csv.reader path reads: rows, values, line numbers, problems and counts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import readers
from pipeline.bench import realistic_list, synthetic_list, write_realistic_csv
from pipeline.readers import csv_fast, csv_file

LINES = synthetic_list(300, seed=7).to_csv(index=False, lineterminator="\n").splitlines()
Q = LINES[1].rsplit(",", 1)[0]  # a row without its last field (source_note)


def _read(path: Path, mode: str, monkeypatch: pytest.MonkeyPatch,
          encoding: str = "auto") -> readers.ListRead:
    """mode: 'bytes' (UTF-8 split as bytes), 'text' (decoded first), 'general' (csv.reader)."""
    with monkeypatch.context() as m:
        if mode != "bytes":
            m.setattr(csv_file, "_fast_csv_bytes", lambda data, encoding: None)
        if mode == "general":
            m.setattr(csv_file, "_fast_csv_text", lambda text: None)
        mapping = readers.ListMapping.from_dict({"encoding": encoding}) if encoding != \
            "auto" else readers.ListMapping.default()
        return readers.read_list(path, mapping, shown="l.csv")


def _same(a: readers.ListRead, b: readers.ListRead) -> None:
    pd.testing.assert_frame_equal(a.frame, b.frame, check_exact=True)
    assert a.problems == b.problems
    assert a.raw_row_count == b.raw_row_count
    assert a.columns_found == b.columns_found


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
    "blank_lines_everywhere": "\n".join([LINES[0], "\t", "", ",", *LINES[1:3], "\u2028",
                                          "\u00a0,\u3000", "", LINES[3]]) + "\n\n\n",
    "ragged_and_blank_last_line_without_break": "\n".join([LINES[0], *LINES[1:4], "x,y",
                                                            " , "]),
    "empty_fields_and_spaces": "\n".join([LINES[0], " ,x" + ",  " * 11, ",y" + "," * 11,
                                           "z" + ", " * 12]) + "\n",
    "leading_space_and_delimiter_rows": "\n".join([LINES[0], " " + LINES[1],
                                                    "," + LINES[2][LINES[2].index(",") + 1:],
                                                    *LINES[3:9]]) + "\n",
    "empty_unnamed_column": "\n".join([LINES[0] + ",", *(line + "," for line in LINES[1:9])])
                            + "\n",
    "one_line_only": LINES[0] + "\n" + LINES[1],
    "header_then_blank": LINES[0] + "\n\n",
    # quotes: well-quoted lines go to Arrow, the others to csv.reader from where they start
    "quoted_fields": "\n".join([LINES[0], Q + ',"Evin, then ""Khavaran"""', Q + ',""',
                                 '"' + Q.replace(",", '","') + '",x', *LINES[1:5]]) + "\n",
    "quoted_line_breaks": "\n".join([LINES[0], Q + ',"two\n\nlines, one blank"', *LINES[1:3],
                                      Q + ',"a\r\nb"', LINES[3]]) + "\n",
    "broken_quotes": "\n".join([LINES[0], Q + ',"note"by hand', LINES[1], Q + ',ab"c',
                                 Q + ', "x"', LINES[2], Q + ',"x" ', LINES[3]]) + "\n",
    "quote_never_closed": "\n".join([LINES[0], *LINES[1:3], Q + ',"open', *LINES[3:6],
                                      Q + ',closes"here', *LINES[6:8]]) + "\n",
    "quote_never_closed_at_end": "\n".join([LINES[0], *LINES[1:3], Q + ',"open',
                                             *LINES[3:6]]),
    "quoted_blank_rows": "\n".join([LINES[0], '"",""', '" ",,', *LINES[1:3], '""""', '"\t"',
                                     LINES[3]]) + "\n",
    "quoted_ragged_and_no_name": "\n".join([LINES[0], Q + ',"a,b",extra', '"",' + Q[1:] + ',z',
                                             ",," + '"x",' * 10 + "x", *LINES[1:4]]) + "\n",
    "quoted_crlf": "\r\n".join([LINES[0], Q + ',"a, b"', Q + ',"multi\r\nline"', Q + ',"x"y',
                                  *LINES[1:4], Q + ',"a,b",extra', " , ", '"",']) + "\r\n",
    "crlf_quote_in_header_only": "\r\n".join(['"' + LINES[0].replace(",", '",', 1), *LINES[1:5],
                                                LINES[5] + ",extra"]),
    "quoted_tabs": "\n".join(line.replace(",", "\t") for line in LINES[:20])
                   + '\nx\ty\t"a\tb"' + "\tz" * 10 + "\n",
}


@pytest.mark.parametrize("name", list(CASES))
def test_fast_paths_read_what_the_general_reader_reads(name, tmp_path, monkeypatch):
    path = tmp_path / "l.csv"
    path.write_text(CASES[name], encoding="utf-8")
    assert csv_fast._fast_csv_text(CASES[name]) is not None
    assert csv_fast._fast_csv_bytes(path.read_bytes(), "auto") is not None
    general = _read(path, "general", monkeypatch)
    for mode in ("bytes", "text"):
        fast = _read(path, mode, monkeypatch)
        _same(fast, general)
    if name == "no_name_rows":
        assert [p.reason_code for p in general.problems] == ["no_name", "no_name"]


@pytest.mark.parametrize("prefix, encoding", [
    pytest.param(b"\xef\xbb\xbf", "auto", id="bom_auto"),
    pytest.param(b"\xef\xbb\xbf", "utf-8", id="bom_utf8"),
    pytest.param(b"\xef\xbb\xbf", "utf-8-sig", id="bom_utf8_sig"),
    pytest.param(b"", "utf-8-sig", id="no_bom_utf8_sig"),
])
def test_bytes_path_drops_the_bom_as_decoding_does(prefix, encoding, tmp_path, monkeypatch):
    path = tmp_path / "l.csv"
    path.write_bytes(prefix + CASES["plain"].encode("utf-8"))
    assert csv_fast._fast_csv_bytes(path.read_bytes(), encoding) is not None
    _same(_read(path, "bytes", monkeypatch, encoding),
          _read(path, "general", monkeypatch, encoding))


@pytest.mark.parametrize("data, encoding", [
    pytest.param(b"\xef\xbb\xbf\xef\xbb\xbfa,b\n1,2\n", "auto", id="two_boms"),
    pytest.param("name_fa,age\nعلی,1\n".encode("utf-16"), "auto", id="utf16_bom"),
    pytest.param("name_fa,age\nعلی,1\n".encode("utf-16-le"), "auto", id="utf16_no_bom"),
    pytest.param("name_fa,age\nعلي,1\n".encode("cp1256"), "auto", id="cp1256"),
    pytest.param(b"a,b\n1,2\n", "cp1256", id="declared_cp1256"),
    pytest.param(b"a,b\n\xed\xa0\x80,2\n", "auto", id="surrogate"),
    pytest.param(b"a,b\n\xc0\x80,2\n", "utf-8", id="overlong"),
    pytest.param(b"a,b\n\xf4\x90\x80\x80,2\n", "auto", id="above_unicode"),
    pytest.param(b"a,b\r1,2\n", "auto", id="lone_cr"),
])
def test_bytes_path_leaves_the_rest_to_the_text_path(data, encoding):
    assert csv_fast._fast_csv_bytes(data, encoding) is None


def test_bytes_path_gives_the_text_paths_bytes():
    for text in CASES.values():
        data = text.encode("utf-8")
        assert csv_fast._fast_csv_bytes(data, "auto") == csv_fast._fast_csv_text(
            text).encode("utf-8")


@pytest.mark.parametrize("text", ["a,b\n1,\x002\n", "a,b\r1,2\n"])
def test_nul_and_lone_cr_take_the_general_reader(text):
    assert csv_fast._fast_csv_text(text) is None


def test_quotes_take_the_fast_path():
    assert csv_fast._fast_csv_bytes(b'a,b\n"1",2\n', "auto") == b'a,b\n"1",2\n'


def test_realistic_list_read_fast_as_the_general_reader_reads(tmp_path, monkeypatch):
    path = tmp_path / "l.csv"
    write_realistic_csv(realistic_list(3000, seed=3), path)
    assert '"' in path.read_text(encoding="utf-8")
    general = _read(path, "general", monkeypatch)
    assert any("cannot parse CSV" in p.message for p in general.problems)
    assert any("fields, header has" in p.message for p in general.problems)
    for mode in ("bytes", "text"):
        _same(_read(path, mode, monkeypatch), general)


def test_unclean_lines_go_to_csv_reader_and_clean_ones_to_arrow(tmp_path, monkeypatch):
    path = tmp_path / "l.csv"
    path.write_text(CASES["quote_never_closed"], encoding="utf-8")
    seen = []
    real = csv_fast._read_unclean

    def spy(chunk, lines, number, unclean, delimiter):
        read, rows = real(chunk, lines, number, unclean, delimiter)
        seen.append((int(unclean.sum()), int(read.sum()), len(rows)))
        return read, rows

    monkeypatch.setattr(csv_fast, "_read_unclean", spy)
    _read(path, "bytes", monkeypatch)
    # the open quote runs to 'closes"here' where strict csv.reader fails: the open line is a
    # problem and reading resumes on the next (clean) line; 'closes"here' is a record of its
    # own (a quote inside an unquoted field is text)
    assert seen == [(2, 2, 1)]
