"""Issue 12.1/12.2 and 11.10: tiny hostile files are refused early against documented limits
(pipeline/limits.py), with one line naming the file and the limit; a too-long field or an
object where text is mapped quarantines its row."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from pipeline import io, limits, readers
from pipeline.config import REPO_ROOT
from pipeline.errors import InputError

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
) + "name_latin: Ali\n"


def xlsx_declaring_xfd(path: Path) -> Path:
    """A ~5 KB workbook whose only far cell is XFD1048576."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "name_latin"
    ws["A2"] = "Ali"
    ws["XFD1048576"] = "x"
    wb.save(path)
    return path


def test_xlsx_declaring_the_last_cell_is_refused_in_seconds(tmp_path):
    path = xlsx_declaring_xfd(tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 10_000
    start = time.perf_counter()
    with pytest.raises(InputError, match="MAX_COLUMNS|MAX_XLSX_CELLS") as err:
        readers.read_list(path, shown="bomb.xlsx")
    assert time.perf_counter() - start < 5
    assert str(err.value).startswith("bomb.xlsx: ")
    assert "XFD1048576" in str(err.value) or "16,384" in str(err.value)


def test_xlsx_whose_cells_lie_about_the_dimension_is_refused(tmp_path):
    """The <dimension> says A1:A2, the cells reach far: the bound on the real cells holds."""
    path = xlsx_declaring_xfd(tmp_path / "liar.xlsx")
    liar = tmp_path / "liar2.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(liar, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b'ref="A1:XFD1048576"', b'ref="A1:A2"')
            dst.writestr(item, data)
    with pytest.raises(InputError, match="MAX_COLUMNS|MAX_XLSX_CELLS"):
        readers.read_list(liar, shown="liar2.xlsx")


def _zip_with(tmp_path: Path, name: str, member: str, size: int) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(member, b"\0" * size)
    return path


def test_zip_bomb_is_refused_from_declared_sizes(tmp_path, monkeypatch):
    path = _zip_with(tmp_path, "ratio.xlsx", "xl/worksheets/sheet1.xml", 4 << 20)
    assert path.stat().st_size < 50_000
    with pytest.raises(InputError, match=r"expands [\d,]+ times, over the limit of 100 "
                                         r"\(MAX_ZIP_RATIO\)"):
        readers.read_list(path, shown="ratio.xlsx")
    monkeypatch.setattr(limits, "MAX_XLSX_UNZIPPED_BYTES", 1 << 20)
    with pytest.raises(InputError, match=r"expands to 4,194,[\d,]+ bytes, over the limit of "
                                         r"1 MiB \(MAX_XLSX_UNZIPPED_BYTES\)"):
        readers.read_list(path, shown="ratio.xlsx")


def test_billion_laughs_yaml_record_is_quarantined_not_built(tmp_path):
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "a.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    (folder / "b.yaml").write_text("name_latin: Reza\n", encoding="utf-8")
    mapping = readers.ListMapping.from_dict({"files": "*.yaml", "format": "records"})
    start = time.perf_counter()
    read = readers.read_list(folder, mapping, shown="records")
    assert time.perf_counter() - start < 5
    assert len(read.frame) == 1
    [problem] = read.problems
    assert problem.file.endswith("a.yaml")
    assert "MAX_YAML_NODES" in problem.message


def test_billion_laughs_in_a_yaml_list_or_source_yml_is_refused(tmp_path):
    (tmp_path / "list.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    mapping = readers.ListMapping.from_dict({"format": "json"})
    with pytest.raises(InputError, match="MAX_YAML_NODES"):
        readers.read_list(tmp_path / "list.yaml", mapping, shown="list.yaml")
    with pytest.raises(InputError, match=r"source.yml: cannot load YAML: more than 100,000"):
        io.read_yaml(tmp_path / "list.yaml", shown="source.yml")
    (tmp_path / "mapping.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(InputError, match="MAX_YAML_NODES"):
        readers.load_mapping(tmp_path / "mapping.yaml")
    assert io.yaml_too_large("a: &a [1, 2]\nb: [*a, *a]\n") is None  # ordinary aliases pass


@pytest.mark.parametrize("quoted", [False, True], ids=["fast_path", "general_path"])
def test_a_field_over_the_limit_quarantines_its_row(tmp_path, quoted):
    big = "x" * (limits.MAX_FIELD_CHARS + 1)
    cell = f'"{big}, y"' if quoted else big
    (tmp_path / "l.csv").write_text(f"name_latin,cause\nAli,{cell}\nReza,ok\n",
                                    encoding="utf-8")
    read = readers.read_list(tmp_path / "l.csv", shown="l.csv")
    assert read.frame["name_latin"].tolist() == ["Reza"]
    [problem] = read.problems
    assert (problem.row, problem.field, problem.reason_code) == (2, "cause", "invalid_value")
    assert "over the limit of 65,536 (MAX_FIELD_CHARS)" in problem.message
    assert read.raw_row_count == 2


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1 << 20)
    (tmp_path / "l.csv").write_bytes(b"name_latin\n" + b"Ali\n" * 300_000)
    with pytest.raises(InputError, match=r"l.csv: file is 1,200,011 bytes, over the limit of "
                                         r"1 MiB per list file \(MAX_FILE_BYTES\)"):
        readers.read_list(tmp_path / "l.csv", shown="l.csv")


def test_a_csv_with_100000_columns_is_refused_in_seconds(tmp_path):
    header = ",".join(f"c{i}" for i in range(100_000))
    (tmp_path / "wide.csv").write_text(f"name_latin,{header}\nAli{',' * 100_000}\n",
                                       encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(InputError, match=r"wide.csv:1: has 100,001 columns, over the limit "
                                         r"of 2,000 \(MAX_COLUMNS\)"):
        readers.read_list(tmp_path / "wide.csv", shown="wide.csv")
    assert time.perf_counter() - start < 5


def test_a_json_name_that_is_an_object_is_quarantined_naming_record_and_field(tmp_path):
    records = [{"id": 1, "name": "Ali Rezaei"},
               {"id": 2, "name": {"first": "Reza", "last": "Karimi"}}]
    (tmp_path / "l.json").write_text(json.dumps(records), encoding="utf-8")
    mapping = readers.ListMapping.from_dict({"columns": {"name_latin": "name"}})
    read = readers.read_list(tmp_path / "l.json", mapping, shown="l.json")
    assert read.frame["name_latin"].tolist() == ["Ali Rezaei"]
    [problem] = read.problems
    assert (problem.file, problem.row, problem.field) == ("l.json", 2, "name")
    assert problem.reason_code == "invalid_value"
    assert "name.first" in problem.message and "Karimi" in problem.value_original


def test_bombs_under_a_3_gb_address_space_are_one_line_refusals(tmp_path):
    """The memory bombs of issue 12.1 under `ulimit -v 3000000`: check-list exits 1 with one
    'error:' line naming the limit, in seconds, never a MemoryError."""
    xlsx = xlsx_declaring_xfd(tmp_path / "bomb.xlsx")
    zipbomb = _zip_with(tmp_path, "zipbomb.xlsx", "xl/worksheets/sheet1.xml", 200 << 20)
    laughs = tmp_path / "laughs.yaml"
    laughs.write_text(BILLION_LAUGHS, encoding="utf-8")
    (tmp_path / "laughs-mapping.yaml").write_text("format: json\n", encoding="utf-8")
    cases = [([str(xlsx)], "MAX_COLUMNS"), ([str(zipbomb)], "MAX_XLSX_UNZIPPED_BYTES"),
             ([str(laughs), "--mapping", str(tmp_path / "laughs-mapping.yaml")],
              "MAX_YAML_NODES")]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    for args, limit in cases:
        start = time.perf_counter()
        proc = subprocess.run(
            ["bash", "-c", 'ulimit -v 3000000 && exec "$@"', "bash", sys.executable, "-m",
             "pipeline", "check-list", *args],
            capture_output=True, text=True, timeout=120, cwd=REPO_ROOT, env=env)
        took = time.perf_counter() - start
        assert proc.returncode == 1, proc.stderr[-2000:]
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and limit in lines[0], lines
        assert "MemoryError" not in proc.stderr
        assert took < 60
