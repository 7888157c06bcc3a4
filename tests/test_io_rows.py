"""io.read_csv_strict numbers records as RFC 7111 `#row=` does (header = row 1), not lines:
a quoted field with line breaks must not shift the rows after it."""

import csv

import pytest

from pipeline import io
from pipeline.errors import InputError


def test_multiline_quoted_field_does_not_shift_later_rows(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,quote\na,"one\ntwo\nthree"\nb,plain\n\nc,last\n', encoding="utf-8")
    df = io.read_csv_strict(path)
    assert df["id"].tolist() == ["a", "b", "c"]
    # header = 1, a = 2, b = 3, c = 4 although c starts on line 7
    assert df["source_row"].tolist() == [2, 3, 4]
    with path.open(newline="", encoding="utf-8") as fh:
        records = list(r for r in csv.reader(fh) if r)
    for rec in df.to_dict("records"):  # row N of the fragment is record N of the file
        assert records[rec["source_row"] - 1][0] == rec["id"]


def test_ragged_row_after_multiline_field_names_record_and_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,quote\na,"x\ny"\nb\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        io.read_csv_strict(path)
    text = str(err.value)
    assert "3" in text and "line 4" in text
