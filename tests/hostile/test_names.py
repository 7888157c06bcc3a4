"""Issue 12.8: a file name with a newline or an RTL override cannot forge check-list output."""

from __future__ import annotations

from typer.testing import CliRunner

from pipeline.__main__ import app
from pipeline.cli.common import printable


def test_printable_escapes_controls_and_bidi_but_keeps_persian():
    assert printable("a\nerror: x\u202e.csv") == "a\\nerror: x\\u202e.csv"
    assert printable("می\u200cخواهم.csv") == "می\u200cخواهم.csv"  # ZWNJ stays


def test_check_list_escapes_a_forged_file_name(tmp_path):
    name = "list\nerror: forged\u202evsc.csv"
    path = tmp_path / name
    path.write_text("name_latin,age\nAli,200\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check-list", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert not any(line.startswith("error:") for line in lines)
    assert all("\u202e" not in line for line in lines)
    # the result line names the file escaped (log lines, if logging is on, are escaped too)
    assert any("list\\nerror: forged\\u202evsc.csv: 1 rows" in line for line in lines), lines
