"""Hostile-input tests for pipeline.readers (readers of raw victim lists).

Binary and encoding-sensitive inputs are generated with tmp_path; readable fixtures live in
tests/fixtures/lists/ (all synthetic, see its README.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import io as _io
import shutil
import time
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.readers import (
    BOOKKEEPING_COLUMNS,
    TEMPLATE_COLUMNS,
    ListMapping,
    ListRead,
    detect_encoding,
    load_mapping,
    read_list,
    sniff_delimiter,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "lists"
# Byte-exact copies of small ../shared/peers samples (licences and origin in each SOURCE.md).
PEERS = Path(__file__).resolve().parents[1] / "fixtures" / "peers"
BUNDLED_LISTS = Path(__file__).resolve().parents[2] / "raw" / "lists"

PERSIAN_CSV = (
    "name_fa,name_latin,city\nعلی رضایی,Ali Rezaei,تهران\nمریم کاظمی,Maryam Kazemi,شیراز\n"
)
# cp1256 has no Persian yeh (U+06CC): legacy files carry Arabic yeh (U+064A) instead.
ARABIC_YEH_CSV = PERSIAN_CSV.replace("ی", "ي")


def accounted(read: ListRead) -> ListRead:
    """Every raw row is in the frame or is exactly one problem row; frame dtypes are right."""
    distinct = {(p.file, p.sheet, p.row) for p in read.problems}
    assert read.raw_row_count == len(read.frame) + len(distinct)
    assert read.problem_row_count == len(distinct)
    assert list(read.frame.columns[-4:]) == list(BOOKKEEPING_COLUMNS)
    for col in read.frame.columns:
        expected = "Int64" if col == "source_row" else "string"
        assert str(read.frame[col].dtype) == expected, col
    assert not (read.frame.drop(columns="source_row") == "").any().any(), "'' must be NA"
    return read


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def one_line(err: pytest.ExceptionInfo[InputError]) -> str:
    text = str(err.value)
    assert "\n" not in text and text
    return text


# ---- encodings -------------------------------------------------------------------------------


ENCODED = [
    pytest.param(PERSIAN_CSV.encode("utf-8"), "utf-8", id="utf-8"),
    pytest.param(PERSIAN_CSV.encode("utf-8-sig"), "utf-8-sig", id="utf-8-sig"),
    pytest.param(PERSIAN_CSV.encode("utf-16"), "utf-16", id="utf-16-le-bom"),
    pytest.param(b"\xfe\xff" + PERSIAN_CSV.encode("utf-16-be"), "utf-16", id="utf-16-be-bom"),
    pytest.param(PERSIAN_CSV.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
    pytest.param(PERSIAN_CSV.encode("utf-16-be"), "utf-16-be", id="utf-16-be-no-bom"),
    pytest.param(ARABIC_YEH_CSV.encode("cp1256"), "cp1256", id="cp1256"),
]


@pytest.mark.parametrize(("data", "expected"), ENCODED)
def test_detect_encoding(data: bytes, expected: str) -> None:
    assert detect_encoding(data) == expected


@pytest.mark.parametrize(("data", "expected"), ENCODED)
def test_read_each_encoding(tmp_path: Path, data: bytes, expected: str) -> None:
    read = accounted(read_list(write(tmp_path, "list.csv", data), shown="list.csv"))
    yeh = "ي" if expected == "cp1256" else "ی"
    assert read.frame["name_fa"].tolist() == [f"عل{yeh} رضا{yeh}{yeh}", f"مر{yeh}م کاظم{yeh}"]
    assert read.frame["city"].tolist() == ["تهران", f"ش{yeh}راز"]
    assert read.frame["source_row"].tolist() == [2, 3]
    assert read.columns_found == ["name_fa", "name_latin", "city"]


def test_utf8_with_nuls_is_not_taken_for_utf16() -> None:
    assert detect_encoding(b"name_fa,city\n\x00abc,def\n") == "utf-8"


def test_declared_encoding_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "list.csv", ARABIC_YEH_CSV.encode("cp1256"))
    read = read_list(path, ListMapping(encoding="cp1256"))
    assert read.frame["name_fa"].iloc[0] == "علي رضايي"
    # declared utf-8 on cp1256 bytes: one line naming the line of the first bad byte
    with pytest.raises(InputError) as err:
        read_list(path, ListMapping(encoding="utf-8"), shown="list.csv")
    assert one_line(err).startswith("list.csv:2: cannot decode as utf-8")


def test_damaged_utf8_is_not_guessed_as_cp1256(tmp_path: Path) -> None:
    data = PERSIAN_CSV.encode("utf-8") + "ژیلا,Jila,قم\n".encode()[:-6] + b"\xff\n"
    with pytest.raises(InputError) as err:
        read_list(write(tmp_path, "list.csv", data), shown="list.csv")
    assert one_line(err).startswith("list.csv:4: cannot decode as utf-8")


# ---- CSV structure ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        pytest.param("a,b,c\n1,2,3\n", ",", id="comma"),
        pytest.param("a;b;c\n1;2,5;3\n", ";", id="semicolon_with_decimal_commas"),
        pytest.param("a\tb\n1\t2\n", "\t", id="tab"),
        pytest.param("a|b\n1|2\n", "|", id="pipe"),
        pytest.param('a;b\n"x,y,z";2\n"p,q,r";3\n', ";", id="quoted_commas"),
        pytest.param("name_fa\nعلی\n", ",", id="single_column"),
    ],
)
def test_sniff_delimiter(sample: str, expected: str) -> None:
    assert sniff_delimiter(sample) == expected


def test_mixed_line_endings(tmp_path: Path) -> None:
    data = "name_fa,city\r\nعلی,تهران\nحسن,مشهد\rمریم,شیراز\r\n\r\nزهرا,قم"
    read = accounted(read_list(write(tmp_path, "list.csv", data)))
    assert read.frame["name_fa"].tolist() == ["علی", "حسن", "مریم", "زهرا"]
    assert read.frame["city"].tolist() == ["تهران", "مشهد", "شیراز", "قم"]
    assert read.frame["source_row"].tolist() == [2, 3, 4, 6]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param(3, "row has 5 fields, header has 4", id="too_many_fields"),
        pytest.param(4, "row has 3 fields, header has 4", id="too_few_fields"),
    ],
)
def test_ragged_rows_become_problems(line: int, message: str) -> None:
    read = accounted(read_list(FIXTURES / "ragged.csv", shown="ragged.csv"))
    assert read.raw_row_count == 4  # the blank and whitespace-only lines are not rows
    assert read.frame["source_row"].tolist() == [2, 7]
    problem = next(p for p in read.problems if p.row == line)
    assert problem.reason_code == "unreadable_row"
    assert problem.message == message
    assert problem.file == "ragged.csv"
    assert problem.value_original and "\n" not in problem.value_original


def test_quoted_newlines_keep_row_numbers() -> None:
    read = accounted(read_list(FIXTURES / "quoted_newlines.csv"))
    assert read.frame["source_row"].tolist() == [2, 6, 8]
    assert read.frame["name_fa"].iloc[0] == "علی\nرضایی"
    assert read.frame["source_note"].iloc[0] == "note line 1\nnote line 2\nnote line 3"
    assert read.frame["name_latin"].iloc[1] == "Hassan\nKarimi"
    assert read.frame["source_note"].iloc[2] == 'said "hello", left'


def test_broken_quote_costs_one_line(tmp_path: Path) -> None:
    data = 'name_fa,city\nعلی,تهران\n"حسن"x,مشهد\nمریم,شیراز\n'
    read = accounted(read_list(write(tmp_path, "list.csv", data)))
    assert read.frame["name_fa"].tolist() == ["علی", "مریم"]
    assert [(p.row, p.reason_code) for p in read.problems] == [(3, "unreadable_row")]


def test_unclosed_quote_costs_one_line(tmp_path: Path) -> None:
    data = 'name_fa,city\nعلی,تهران\n"حسن,مشهد\nمریم,شیراز\n'
    read = accounted(read_list(write(tmp_path, "list.csv", data)))
    assert read.frame["name_fa"].tolist() == ["علی", "مریم"]
    assert [p.row for p in read.problems] == [3]


def test_nul_bytes_make_an_unreadable_row(tmp_path: Path) -> None:
    data = "name_fa,city\nعلی,تهران\nحسن\x00\x00,مشهد\n".encode() + b"\x00" * 7 + b"\n"
    read = accounted(read_list(write(tmp_path, "list.csv", data)))
    assert read.frame["name_fa"].tolist() == ["علی"]
    assert [p.row for p in read.problems] == [3, 4]
    assert read.problems[0].value_original == "حسن\u2400\u2400,مشهد"


def test_title_rows_and_header_row(tmp_path: Path) -> None:
    data = "فهرست اعدام‌شدگان ۱۳۶۷\n\nنام,شهر\nعلی,تهران\n"
    mapping = ListMapping(header_row=3, columns={"name_fa": "نام", "city": "شهر"})
    read = accounted(read_list(write(tmp_path, "list.csv", data), mapping))
    assert read.frame["name_fa"].tolist() == ["علی"]
    assert read.frame["source_row"].tolist() == [4]


def test_csv_two_row_header(tmp_path: Path) -> None:
    data = "نام,,شهر\nفارسی,لاتین,\nعلی,Ali,تهران\n"
    mapping = ListMapping(
        header_rows=2, columns={"name_fa": "نام فارسی", "name_latin": "نام لاتین", "city": "شهر"}
    )
    read = accounted(read_list(write(tmp_path, "list.csv", data), mapping))
    assert read.frame.loc[0, ["name_fa", "name_latin", "city"]].tolist() == ["علی", "Ali", "تهران"]


def test_header_only_is_zero_rows(tmp_path: Path) -> None:
    read = accounted(read_list(write(tmp_path, "list.csv", "name_fa,name_latin,city\n")))
    assert read.raw_row_count == 0 and read.frame.empty and not read.problems
    assert list(read.frame.columns) == ["name_fa", "name_latin", "city", *BOOKKEEPING_COLUMNS]


def test_values_kept_exactly(tmp_path: Path) -> None:
    data = 'name_fa,source_note,age\n"  علی  ",=HYPERLINK("http://x"),+25\n@حسن,-1,\n'
    read = accounted(read_list(write(tmp_path, "list.csv", data)))
    assert read.frame["name_fa"].tolist() == ["  علی  ", "@حسن"]
    assert read.frame["source_note"].tolist() == ['=HYPERLINK("http://x")', "-1"]
    assert read.frame["age"].iloc[0] == "+25" and pd.isna(read.frame["age"].iloc[1])


def test_template_form_extras_and_no_name(tmp_path: Path) -> None:
    data = "name_latin,city,notes,\nAli,Tehran,n1,\n,Shiraz,n2,\n"
    read = accounted(read_list(write(tmp_path, "list.csv", data), shown="l.csv"))
    assert list(read.frame.columns) == ["name_latin", "city", "x_notes", *BOOKKEEPING_COLUMNS]
    (problem,) = read.problems
    assert (problem.row, problem.reason_code, problem.field) == (3, "no_name", "name_latin")
    assert problem.value_original == '{"city": "Shiraz", "notes": "n2"}'
    assert (
        "x_notes"
        not in read_list(write(tmp_path, "b.csv", data), ListMapping(keep_extra=False)).frame
    )


def test_template_names_written_loosely(tmp_path: Path) -> None:
    data = "\ufeff Name_FA ,Name-Latin,AGE,name fa\nعلی,Ali,25,x\n"
    read = accounted(read_list(write(tmp_path, "loose.csv", data), shown="loose.csv"))
    frame = read.frame
    # "name fa" and "Name_FA" both fold to name_fa: ambiguous, so neither is taken for it;
    # the unambiguous ones are.
    assert frame["name_latin"].tolist() == ["Ali"] and frame["age"].tolist() == ["25"]
    assert "name_fa" not in frame.columns
    exact = "Name_FA,name_fa\nx,y\n"
    read = accounted(read_list(write(tmp_path, "exact.csv", exact), shown="exact.csv"))
    assert read.frame["name_fa"].tolist() == ["y"]  # the exact template name wins


# ---- whole-file errors -----------------------------------------------------------------------


def _xlsx_bytes() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["name_fa"])
    wb.active.append(["علی"])
    buf = _io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


FILE_ERRORS = [
    pytest.param("list.csv", b"", None, "list.csv: empty file (0 bytes)", id="empty_file"),
    pytest.param(
        "list.csv", b"\n \n", None, "list.csv: empty file: no header row", id="blank_file"
    ),
    pytest.param(
        "list.csv",
        "name_fa,city,city,age,age\nعلی,a,b,1,2\n",
        None,
        "list.csv:1: duplicate column names: 'age', 'city'",
        id="duplicate_headers",
    ),
    pytest.param(
        "list.csv",
        "نام,شهر\nعلی,تهران\n",
        None,
        "list.csv:1: no name column: missing name_fa, name_latin; template columns found: (none); "
        "source columns: نام, شهر",
        id="missing_name_columns",
    ),
    pytest.param(
        "list.csv",
        "نام,شهر\nعلی,تهران\n",
        ListMapping(columns={"name_fa": "نام و نام خانوادگی"}),
        "list.csv:1: name_fa: column 'نام و نام خانوادگی' named for name_fa is not in the list; "
        "columns found: نام, شهر",
        id="mapping_names_missing_column",
    ),
    pytest.param(
        "list.csv",
        "title\n",
        ListMapping(header_row=5),
        "list.csv: no header: header_row is 5 but the file has 1 lines",
        id="header_row_past_end",
    ),
    pytest.param(
        "list.csv", _xlsx_bytes(), None, "list.csv: this is a zip archive", id="xlsx_named_csv"
    ),
    pytest.param(
        "list.xlsx", "name_fa\nعلی\n", None, "list.xlsx: not an XLSX workbook", id="xlsx_not_zip"
    ),
    pytest.param(
        "list.xlsx",
        _xlsx_bytes()[:300],
        None,
        "list.xlsx: not a readable XLSX",
        id="xlsx_truncated",
    ),
    pytest.param(
        "list.xls", b"\xd0\xcf\x11\xe0", None, "list.xls: .xls files are not supported", id="xls"
    ),
    pytest.param(
        "list.json",
        (FIXTURES / "truncated.json").read_bytes(),
        None,
        "list.json:8: invalid JSON: Expecting value at the end of the text (truncated?)",
        id="truncated_json",
    ),
    pytest.param(
        "list.json", '{"a": 1, "a": 2}', None, "list.json: duplicate key 'a'", id="json_dup_key"
    ),
    pytest.param(
        "list.json", '"just text"', None, "list.json: top level is a text", id="json_scalar"
    ),
]


@pytest.mark.parametrize(("name", "data", "mapping", "expected"), FILE_ERRORS)
def test_whole_file_errors(
    tmp_path: Path, name: str, data: bytes | str, mapping: ListMapping | None, expected: str
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as err:
        read_list(path, mapping, shown=name)
    assert one_line(err).startswith(expected)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_list(tmp_path / "nope.csv", shown="raw/lists/x/nope.csv")
    assert one_line(err) == "raw/lists/x/nope.csv: file not found"


HOSTILE_BYTES = st.one_of(
    st.binary(max_size=300),
    st.text(alphabet='name_f,;|\t"\r\n \x00=علی-', max_size=120).map(str.encode),
    st.text(alphabet='{}[]":,\n 1aتnull', max_size=80).map(str.encode),
)


@settings(max_examples=200, deadline=None)
@given(data=HOSTILE_BYTES, name=st.sampled_from(["x.csv", "x.json", "x.xlsx", "x.yaml", "x.md"]))
def test_hostile_bytes_never_crash(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str
) -> None:
    """Any bytes either read (with every row accounted for) or raise one-line InputError."""
    path = write(tmp_path_factory.mktemp("fuzz"), name, data)
    try:
        read = read_list(path)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        accounted(read)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.lists(st.text(alphabet='ab ,;"\n\r\tعلی=', max_size=6), min_size=3, max_size=3),
        max_size=6,
    )
)
def test_csv_round_trip(tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]]) -> None:
    """Whatever csv.writer writes, the reader gives back (blank rows skipped, '' as NA)."""
    buf = _io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["name_fa", "city", "source_note"])
    writer.writerows(rows)
    path = write(tmp_path_factory.mktemp("roundtrip"), "l.csv", buf.getvalue())
    read = accounted(read_list(path, ListMapping(delimiter=",")))
    kept = [r for r in rows if any(f.strip() for f in r) and r[0]]
    got = read.frame[["name_fa", "city", "source_note"]].astype(object)
    assert got.where(got.notna(), "").values.tolist() == kept
    assert len(read.problems) == sum(1 for r in rows if any(f.strip() for f in r) and not r[0])


# ---- XLSX ------------------------------------------------------------------------------------


def _sheet(ws, rows: list[list[object]]) -> None:  # type: ignore[no-untyped-def]
    ws.append(["فهرست اعدام‌شدگان ۱۳۶۷"])  # title row 1, merged across
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["نام", None, "شهر", "اعدام", None, "سن"])  # header rows 3-4
    ws.append(["فارسی", "لاتین", None, "تاریخ", "زندان", None])
    ws.merge_cells("A3:B3")
    ws.merge_cells("C3:C4")
    ws.merge_cells("D3:E3")
    ws.merge_cells("F3:F4")
    for row in rows:
        ws.append(row)


def _workbook(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    tehran = wb.active
    tehran.title = "Tehran"
    _sheet(
        tehran,
        [
            ["علی رضایی", "Ali Rezaei", "تهران", "۱۳۶۷/۰۵/۱۰", "اوین", 25],
            ["حسن کریمی", "Hassan Karimi", "تهران", dt.datetime(1988, 8, 1), "اوین", 30.0],
            [None, None, None, None, None, None],
            ["مریم احمدی", None, "کرج", '=A5&"x"', "گوهردشت", 1.5],
            [None, None, "تهران", None, None, None],  # a row with no name
        ],
    )
    shiraz = wb.create_sheet("Shiraz")
    _sheet(shiraz, [["رضا موسوی", "Reza Mousavi", "شیراز", "۱۳۶۷", "عادل‌آباد", "=1+1"]])
    path = tmp_path / "list.xlsx"
    wb.save(path)
    return path


XLSX_MAPPING = dict(
    header_row=3,
    header_rows=2,
    columns={
        "name_fa": "نام فارسی",
        "name_latin": "نام لاتین",
        "city": "شهر",
        "date_of_execution_jalali": "اعدام تاریخ",
        "prison": "اعدام زندان",
        "age": "سن",
    },
)


@pytest.mark.parametrize(
    "sheet", [pytest.param("all", id="all_sheets"), pytest.param(["Tehran", 1], id="sheet_list")]
)
def test_xlsx_title_rows_merged_header_two_sheets(tmp_path: Path, sheet: object) -> None:
    path = _workbook(tmp_path)
    read = accounted(read_list(path, ListMapping(sheet=sheet, **XLSX_MAPPING), shown="l.xlsx"))
    frame = read.frame
    assert frame["sheet"].tolist() == ["Tehran", "Tehran", "Tehran", "Shiraz"]
    assert frame["source_row"].tolist() == [5, 6, 8, 5]
    assert frame["age"].tolist() == ["25", "30", "1.5", "=1+1"]  # formula text: no cached value
    assert frame["date_of_execution_jalali"].tolist()[:3] == ["۱۳۶۷/۰۵/۱۰", "1988-08-01", '=A5&"x"']
    assert frame["prison"].tolist() == ["اوین", "اوین", "گوهردشت", "عادل‌آباد"]
    assert pd.isna(frame["name_latin"].iloc[2])
    assert read.columns_found == [
        "نام فارسی",
        "نام لاتین",
        "شهر",
        "اعدام تاریخ",
        "اعدام زندان",
        "سن",
    ]
    (problem,) = read.problems
    assert (problem.sheet, problem.row, problem.reason_code) == ("Tehran", 9, "no_name")
    assert read.raw_row_count == 5


def test_xlsx_default_is_first_sheet_and_cached_formula_values(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    # give the Tehran formula a cached value, as Excel would have saved it
    with zipfile.ZipFile(path) as zin:
        parts = {n: zin.read(n) for n in zin.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
    formula = '<c r="D8"><f>A5&amp;"x"</f><v />'
    assert formula in sheet_xml
    cached = '<c r="D8" t="str"><f>A5&amp;"x"</f><v>1367x</v>'
    parts["xl/worksheets/sheet1.xml"] = sheet_xml.replace(formula, cached).encode()
    with zipfile.ZipFile(path, "w") as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    read = accounted(read_list(path, ListMapping(**XLSX_MAPPING)))
    assert set(read.frame["sheet"]) == {"Tehran"}
    assert read.frame["date_of_execution_jalali"].iloc[2] == "1367x"


def test_xlsx_missing_sheet(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_list(_workbook(tmp_path), ListMapping(sheet="Mashhad", **XLSX_MAPPING), shown="l.xlsx")
    assert one_line(err) == "l.xlsx: sheet 'Mashhad' not found; sheets: Tehran, Shiraz"


# ---- JSON ------------------------------------------------------------------------------------


def test_json_array_with_nested_values() -> None:
    mapping = ListMapping(
        columns={
            "name_fa": "name.fa",
            "name_latin": "name.latin",
            "city": "place.city",
            "prison": "place.prison",
            "source_url": "sources.0.url",
            "source_note": "note",
        }
    )
    read = accounted(read_list(FIXTURES / "nested.json", mapping, shown="n.json"))
    frame = read.frame
    assert frame["source_row"].tolist() == [1, 2]
    assert frame.loc[0, "age"] == "25" and frame.loc[1, "age"] == "۳۰"
    assert frame.loc[0, "x_executed"] == "true" and frame.loc[0, "x_weight"] == "70.5"
    assert frame.loc[0, "x_sources.1.url"] == "https://example.org/b"
    assert frame.loc[0, "x_aliases.1"] == "A. Rezaei"
    assert pd.isna(frame.loc[1, "name_latin"]) and pd.isna(frame.loc[1, "source_url"])
    assert frame.loc[1, "source_note"] == '=HYPERLINK("http://x")'
    assert [(p.row, p.reason_code) for p in read.problems] == [
        (3, "unreadable_row"),
        (4, "no_name"),
    ]


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        pytest.param('{"records": [{"name_fa": "علی"}, {"name_fa": "حسن"}]}', 2, id="records_key"),
        pytest.param('{"data": [{"name_fa": "علی"}]}', 1, id="data_key"),
        pytest.param('{"name_fa": "علی", "age": 30}', 1, id="single_object"),
        pytest.param(
            '[["name_fa", "age"], ["علی", 30], [], ["حسن", 1, 2]]', 1, id="array_of_arrays"
        ),
        pytest.param("[]", 0, id="empty_array"),
    ],
)
def test_json_shapes(tmp_path: Path, text: str, rows: int) -> None:
    read = accounted(read_list(write(tmp_path, "l.json", text)))
    assert len(read.frame) == rows


# ---- folders of records ----------------------------------------------------------------------


def test_yaml_records_folder_with_broken_files() -> None:
    mapping = load_mapping(FIXTURES / "records" / "mapping.yaml")
    read = accounted(read_list(FIXTURES / "records", mapping, shown="records"))
    frame = read.frame.set_index("record_key")
    assert list(frame.index) == ["a-rezaei", "b-karimi", "f-text"]
    assert frame["source_row"].tolist() == [1, 2, 6]
    assert frame.loc["a-rezaei", "date_of_execution_gregorian"] == "1988-08-01"
    assert frame.loc["a-rezaei", "source_url"] == "https://example.org/a"
    assert frame.loc["b-karimi", "age"] == "30"
    # YAML 1.1 typing is not applied: the text stays as written
    assert frame.loc["f-text", "date_of_execution_gregorian"] == "1367-06-31"
    assert frame.loc["f-text", "age"] == "025"
    assert frame.loc["f-text", ["gender", "x_alive", "x_time"]].tolist() == ["yes", "false", "1:20"]
    assert frame.loc["a-rezaei", "file"] == "records/a-rezaei.yaml"
    got = {p.row: (p.file, p.reason_code) for p in read.problems}
    assert got == {
        3: ("records/c-broken.yaml", "unreadable_row"),
        4: ("records/d-list.yaml", "unreadable_row"),
        5: ("records/e-noname.yaml", "no_name"),
    }
    broken = next(p for p in read.problems if p.row == 3)
    assert broken.message.startswith("line 3: invalid YAML")
    assert broken.value_original == (FIXTURES / "records" / "c-broken.yaml").read_text()


def test_markdown_front_matter() -> None:
    mapping = ListMapping(
        files="*.md",
        columns={"name_latin": "name", "name_fa": "name-fa", "source_url": "links.0.url"},
    )
    read = accounted(read_list(FIXTURES / "markdown", mapping, shown="md"))
    assert read.frame["name_fa"].tolist() == ["سارا نمونه"]
    assert read.frame["x_reviewed"].tolist() == ["false"]
    assert read.frame["x_markdown_body"].iloc[0] == "\nA short synthetic body.\n"
    messages = {p.row: p.message for p in read.problems}
    assert messages[2].startswith("no YAML front matter")
    assert messages[3].startswith("the YAML front matter is not closed")
    assert read.problems[0].value_original.startswith("Based on the provided text")


def test_records_folder_skips_hidden_reserved_and_excluded(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml", ".hidden.yaml", "mapping.yaml", "skip-me.yaml"):
        write(tmp_path, name, "name_fa: علی\n")
    read = read_list(tmp_path, ListMapping(files="*.yaml", exclude=("skip-*",)))
    assert read.frame["record_key"].tolist() == ["a", "b"]
    with pytest.raises(InputError, match="no files match"):
        read_list(tmp_path, ListMapping(files="*.csv"))
    with pytest.raises(InputError, match="is a folder"):
        read_list(tmp_path)


# ---- mappings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "format: csv\ncolums:\n  name_fa: نام\n",
            "mapping.yaml:2: colums: unknown key in mapping",
            id="unknown_key",
        ),
        pytest.param(
            "columns:\n  name_fa: نام\n  nam_latin: Name\n",
            "mapping.yaml:3: columns.nam_latin: not a template column",
            id="unknown_template_column",
        ),
        pytest.param("format: pdf\n", "mapping.yaml:1: format: must be one of", id="bad_format"),
        pytest.param("encoding: klingon\n", "mapping.yaml:1: encoding: unknown", id="bad_encoding"),
        pytest.param("header_row: 0\n", "mapping.yaml:1: header_row: must be", id="bad_header_row"),
        pytest.param("delimiter: ';;'\n", "mapping.yaml:1: delimiter: must be one", id="bad_delim"),
        pytest.param("files: ../x/*.csv\n", "mapping.yaml:1: files: must stay", id="escaping_glob"),
        pytest.param(
            "format: csv\nformat: xlsx\n", "mapping.yaml:2: format: duplicate", id="dup_key"
        ),
        pytest.param("columns: [a, b]\n", "mapping.yaml:1: columns: must map", id="columns_list"),
        pytest.param("- a\n", "mapping.yaml: a mapping must be", id="top_level_list"),
        pytest.param("", "mapping.yaml: mapping file is empty", id="empty"),
        pytest.param("format: [csv\n", "mapping.yaml:2: cannot parse YAML", id="bad_yaml"),
    ],
)
def test_bad_mappings(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, "mapping.yaml", text)
    with pytest.raises(InputError) as err:
        load_mapping(path, shown="mapping.yaml")
    assert one_line(err).startswith(expected)


def test_good_mapping(tmp_path: Path) -> None:
    text = (
        'files: "records/*.yaml"\nformat: records\nencoding: cp1256\ndelimiter: "\\t"\n'
        "sheet: [Sheet1, 2]\nheader_row: 3\nheader_rows: 2\nkeep_extra: false\n"
        "columns:\n  name_fa: نام\n  source_url: sources.0.url\n"
    )
    mapping = load_mapping(write(tmp_path, "mapping.yaml", text))
    assert mapping.column_map == {"name_fa": "نام", "source_url": "sources.0.url"}
    assert (mapping.delimiter, mapping.sheet, mapping.header_rows) == ("\t", ("Sheet1", 2), 2)
    assert ListMapping.default() == ListMapping()
    assert hash(mapping) == hash(load_mapping(write(tmp_path, "m2.yaml", text)))
    with pytest.raises(InputError, match="unknown key"):
        ListMapping.from_dict({"colour": "red"})


# ---- real-world samples (../shared/peers) ----------------------------------------------------

IRAN_MEMORIAL = BUNDLED_LISTS / "iran_memorial_1988"  # the bundled snapshot of the real list


def test_iran_memorial_1988_folder() -> None:
    mapping = ListMapping.from_dict(
        {
            "files": "records/*.yaml",
            "format": "records",
            "columns": {
                "name_fa": "name_farsi",
                "name_latin": "name_latin",
                "gender": "gender",
                "age": "age_at_death",
                "city": "place_of_death",
                "province": "province",
                "date_of_execution_gregorian": "date_of_death",
                "cause": "cause_of_death",
                "source_url": "sources.0.url",
            },
        }
    )
    started = time.perf_counter()
    read = accounted(read_list(IRAN_MEMORIAL, mapping, shown="iran-memorial-1988"))
    elapsed = time.perf_counter() - started
    assert (len(read.frame), read.raw_row_count, read.problems) == (3614, 3614, [])
    assert elapsed < 10, f"took {elapsed:.1f} s"
    frame = read.frame
    assert frame["record_key"].is_unique and frame["source_row"].tolist() == list(range(1, 3615))
    assert frame["name_fa"].notna().all() and frame["name_latin"].notna().all()
    assert (frame["date_of_execution_gregorian"].str.len() == 10).all()
    assert frame["date_of_execution_gregorian"].str.startswith("1988-").all()
    assert frame["age"].isna().sum() == 1437
    assert frame["gender"].value_counts().to_dict() == {"male": 2901, "female": 351}
    row = frame.set_index("record_key").loc["javidfar-jafar-1988"]
    assert row["name_fa"] == "جعفر جاويد فر"  # Arabic yeh kept: normalizing is not the reader's job


def test_peer_azadi_road_markdown(tmp_path: Path) -> None:
    for name in ("aref-ashouri.md", "neda-agha-soltan.md", "unknown_1.md"):
        shutil.copy(PEERS / "azadi-road" / name, tmp_path / name)
    mapping = ListMapping(
        files="*.md",
        columns={"name_latin": "name", "name_fa": "name-fa", "age": "age", "city": "city"},
    )
    read = accounted(read_list(tmp_path, mapping))
    assert read.frame["name_latin"].tolist() == ["Aref Ashouri", "Neda Agha-Soltan"]
    assert read.frame["age"].tolist() == ["Unknown", "undefined"]
    assert [(p.row, p.reason_code) for p in read.problems] == [(3, "unreadable_row")]


def test_peer_techforpalestine_csv_and_truncated_json() -> None:
    mapping = ListMapping(columns={"name_fa": "name_ar_raw", "gender": "sex", "age": "age"})
    read = accounted(read_list(PEERS / "techforpalestine" / "raw.head151.csv", mapping))
    assert (len(read.frame), read.problems) == (150, [])
    assert read.frame["source_row"].iloc[-1] == 151
    assert read.frame["x_id"].iloc[0] == "804359495"
    with pytest.raises(InputError) as err:
        read_list(
            PEERS / "techforpalestine" / "killed-in-gaza.json.head73.txt",
            ListMapping(format="json"),
            shown="killed-in-gaza.json.head73.txt",
        )
    assert one_line(err).startswith("killed-in-gaza.json.head73.txt:73: invalid JSON")
    assert "truncated" in str(err.value)


def test_template_columns_are_unique_snake_case() -> None:
    assert len(set(TEMPLATE_COLUMNS)) == len(TEMPLATE_COLUMNS) == 13
    assert all(c.isascii() and c == c.lower() for c in TEMPLATE_COLUMNS)
