"""Victim lists: template rows -> records and quarantine; corrections; check-list."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from pipeline.config import REPO_ROOT
from pipeline.errors import InputError
from pipeline.transforms.corrections import apply_corrections, parse_corrections
from pipeline.transforms.lists import ListOptions, normalize_list
from pipeline.transforms.record_ids import record_ids


def frame(rows, file="raw/lists/x/list.csv"):
    df = pd.DataFrame(rows, dtype="string")
    return df.assign(file=file, sheet=pd.NA, source_row=pd.array(range(2, len(df) + 2),
                                                                      dtype="Int64"),
                     record_key=pd.NA)


def test_rows_are_accepted_or_quarantined_never_dropped():
    df = frame([
        {"name_fa": "علي رضايي", "date_of_execution_jalali": "۱۳۶۷/۰۵/۱۲", "age": "حدود ۲۵"},
        {"name_fa": "", "name_latin": "unknown", "age": "30"},
        {"name_latin": "Bijan X", "date_of_execution_jalali": "1367/07/31"},
        {"name_latin": "Sara Y", "date_of_execution_jalali": "1367/12/30"},
        {"name_latin": "Reza Z", "age": "25-30", "date_of_execution_gregorian": "1988-08-10"},
        {"name_latin": "Ali Q", "age": "150"},
    ])
    res = normalize_list(df, ListOptions("x"))
    rejected_rows = set(res.rejects["source_row"].astype(int))
    assert len(res.records) + len(rejected_rows) == len(df)
    assert rejected_rows == {3, 4, 5, 7}
    reasons = dict(zip(res.rejects["source_row"].astype(int), res.rejects["reason_code"],
                       strict=True))
    assert reasons[3] == "no_name" and reasons[4] == "invalid_date"
    assert reasons[5] == "invalid_date"  # 30 Esfand 1367: not a leap year
    assert reasons[7] == "invalid_value"
    first = res.records.iloc[0]
    assert first["name_fa"] == "علی رضایی" and first["name_fa_original"] == "علي رضايي"
    assert first["execution_date"] == "1988-08-03"
    assert first["execution_date_calendar"] == "jalali"
    assert first["execution_date_jalali"] == "1367-05-12"
    assert (first["age_low"], first["age_high"]) == (25, 25)
    reza = res.records[res.records["name_latin"] == "Reza Z"].iloc[0]
    assert (reza["age_low"], reza["age_high"]) == (25, 30)
    assert reza["execution_date_calendar"] == "gregorian"


def test_jalali_month_is_an_interval_not_a_day():
    res = normalize_list(frame([{"name_fa": "مریم", "date_of_execution_jalali": "مرداد ۱۳۶۷"}]),
                         ListOptions("x"))
    rec = res.records.iloc[0]
    assert rec["execution_date_precision"] == "month"
    assert (rec["execution_date_earliest"], rec["execution_date_latest"]) == ("1988-07-23",
                                                                             "1988-08-22")
    assert rec["execution_date"] == "1988-07-23/1988-08-22"


def test_gregorian_date_in_jalali_column_is_not_converted_twice():
    res = normalize_list(frame([{"name_latin": "A", "date_of_execution_jalali": "1988-08-10"}]),
                         ListOptions("x"))
    rec = res.records.iloc[0]
    assert rec["execution_date_calendar"] == "gregorian"
    assert rec["execution_date"] == "1988-08-10"


def test_placeholder_dates_become_year_and_month_precision():
    df = frame([{"name_latin": "A", "date_of_execution_gregorian": "1988-01-01"},
                {"name_latin": "B", "date_of_execution_gregorian": "1988-09-01"},
                {"name_latin": "C", "date_of_execution_gregorian": "1988-09-12"}])
    plain = normalize_list(df, ListOptions("x")).records
    assert list(plain["execution_date_precision"]) == ["day", "day", "day"]
    res = normalize_list(df, ListOptions("x", placeholder_first_of_period=True)).records
    assert list(res["execution_date_precision"]) == ["year", "month", "day"]
    assert list(res["execution_date"]) == ["1988", "1988-09", "1988-09-12"]
    assert list(res["execution_date_latest"]) == ["1988-12-31", "1988-09-30", "1988-09-12"]
    assert list(res["execution_date_original"]) == ["1988-01-01", "1988-09-01", "1988-09-12"]


def test_impossible_first_of_month_is_rejected_not_taken_for_a_placeholder():
    df = frame([{"name_latin": "A", "date_of_execution_gregorian": "1988-13-01"},
                {"name_latin": "B", "date_of_execution_gregorian": "1988-02-01"}])
    res = normalize_list(df, ListOptions("x", placeholder_first_of_period=True))
    assert list(res.records["execution_date"]) == ["1988-02"]
    assert list(res.rejects["source_row"]) == [2]
    assert list(res.rejects["field"]) == ["date_of_execution_gregorian"]


def test_exact_duplicate_rows_are_flagged_not_removed():
    df = frame([{"name_latin": "A B", "age": "20"}, {"name_latin": "A B", "age": "20"},
                {"name_latin": "A B", "age": "21"}])
    res = normalize_list(df, ListOptions("x")).records
    assert len(res) == 3
    assert list(res["is_duplicate_row"]) == [False, True, False]
    assert res.iloc[1]["duplicate_of_record_id"] == res.iloc[0]["record_id"]
    # Empty fields (here: no age, no city) do not hide a duplicate or its first row.
    gaps = frame([{"name_latin": "C D", "age": None, "city": None},
                  {"name_latin": "E", "age": "30", "city": "Rasht"},
                  {"name_latin": "C D", "age": None, "city": None}])
    res = normalize_list(gaps, ListOptions("x")).records
    assert list(res["is_duplicate_row"]) == [False, False, True]
    assert res.iloc[2]["duplicate_of_record_id"] == res.iloc[0]["record_id"]


def test_record_ids_are_stable_and_unique():
    df = frame([{"name_latin": "A"}, {"name_latin": "B"}])
    ids = record_ids(df, "my_list")
    assert list(ids) == ["my_list-000002", "my_list-000003"]
    keyed = df.assign(record_key=pd.array(["abadi-x-1988", "abadi-x-1988-2"], dtype="string"))
    assert list(record_ids(keyed, "m")) == ["m-abadi-x-1988", "m-abadi-x-1988-2"]


def test_places_mixing_city_province_country():
    df = frame([{"name_latin": "A", "city": "Tehran"},
                {"name_latin": "B", "city": "Fars Province"},
                {"name_latin": "C", "city": "Iran"}])
    res = normalize_list(df, ListOptions("x", country_only_places=("Iran",),
                                         province_suffix=" Province")).records
    assert list(res["execution_place_precision"]) == ["city", "province", "country"]
    assert res.iloc[1]["province"] == "Fars" and pd.isna(res.iloc[1]["city"])
    assert res.iloc[2]["city_original"] == "Iran" and pd.isna(res.iloc[2]["city"])


def _records():
    df = frame([{"name_latin": "Behzhan Karimi"}, {"name_latin": "Sara"}])
    return normalize_list(df, ListOptions("x")).records


def test_correction_overrides_normalized_field_only_and_is_listed():
    corr = parse_corrections({"corrections": [{
        "correction_id": "C1", "record_id": "x-000002", "action": "override",
        "field": "name_latin", "expect": "Behzhan Karimi", "value": "Bijan Karimi",
        "reason": "family", "evidence": "letter"}]})
    out, dropped = apply_corrections(_records(), corr)
    row = out.set_index("record_id").loc["x-000002"]
    assert row["name_latin"] == "Bijan Karimi"
    assert row["name_latin_original"] == "Behzhan Karimi"
    assert row["correction_ids"] == "C1"
    assert dropped.empty


def test_correction_expect_guard_fails_when_source_changed():
    corr = parse_corrections({"corrections": [{
        "correction_id": "C1", "record_id": "x-000002", "action": "override",
        "field": "name_latin", "expect": "Behzad Karimi", "value": "Bijan Karimi",
        "reason": "family", "evidence": "letter"}]})
    with pytest.raises(InputError, match="expect guard failed"):
        apply_corrections(_records(), corr)


def test_correction_cannot_touch_originals_and_drop_goes_to_reject():
    with pytest.raises(InputError, match="originals"):
        parse_corrections({"corrections": [{
            "correction_id": "C1", "record_id": "x-000002", "action": "override",
            "field": "name_latin_original", "expect": "a", "value": "b", "reason": "r",
            "evidence": "e"}]})
    corr = parse_corrections({"corrections": [{
        "correction_id": "C2", "record_id": "x-000003", "action": "drop", "reason": "not a 1988 "
        "victim", "evidence": "e"}]})
    out, dropped = apply_corrections(_records(), corr)
    assert list(dropped["record_id"]) == ["x-000003"] and len(out) == 1


def _check(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", "check-list", *args],
                          capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)


def test_check_list_json_counts_and_reasons(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("name_fa,name_latin,age,date_of_execution_jalali\n"
                    "علی,Ali,25,1367/05/12\n"
                    ",,30,\n"
                    "رضا,Reza,about 25,1367/13/01\n"
                    "=HYPERLINK(\"x\"),Sara,,\n", encoding="utf-8")
    res = _check(str(path), "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["accepted"] == 2 and out["errors"] == []
    rows = {(q["row"], q["reason"]) for q in out["quarantined"]}
    assert rows == {(3, "no_name"), (4, "invalid_date")}
    assert all({"row", "field", "reason"} <= set(q) for q in out["quarantined"])


@pytest.mark.parametrize("content", [
    b"name_fa,age\n",  # header only, UTF-8
    "name_latin\n".encode("utf-16"),  # header only, UTF-16 with BOM
])
def test_check_list_header_only_file_is_read_with_no_rows(tmp_path, content):
    path = tmp_path / "empty_list.csv"
    path.write_bytes(content)
    res = _check(str(path), "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert (out["accepted"], out["quarantined"], out["errors"]) == (0, [], [])


def test_check_list_folder_of_only_broken_records(tmp_path):
    (tmp_path / "a.yaml").write_text("name_latin: [unclosed\n", encoding="utf-8")
    res = _check(str(tmp_path), "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["accepted"] == 0
    assert [(q["row"], q["reason"]) for q in out["quarantined"]] == [(1, "unreadable_row")]


def test_check_list_finds_header_below_title_rows_in_csv_and_xlsx(tmp_path):
    import openpyxl  # a pinned dependency (pyproject.toml): never skipped
    csv_path = tmp_path / "titled.csv"
    csv_path.write_text("Victims of 1988,\nname_latin,age\nAli,25\n,\n", encoding="utf-8")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Executed in 1988 (compiled by hand)"])
    ws.merge_cells("A1:C1")  # a banner cell spread over the header's width
    ws.append(["name_fa", "age", "city"])
    ws.append(["علی", 25, "Tehran"])
    ws.append(["", 30, "Rasht"])
    xlsx_path = tmp_path / "titled.xlsx"
    wb.save(xlsx_path)
    for path, accepted, quarantined in ((csv_path, 1, []), (xlsx_path, 1, [(4, "no_name")])):
        res = _check(str(path), "--json")
        assert res.returncode == 0, res.stderr
        out = json.loads(res.stdout)
        assert out["header_row"] == 2
        assert out["accepted"] == accepted
        assert [(q["row"], q["reason"]) for q in out["quarantined"]] == quarantined


def test_check_list_without_any_header_keeps_the_row_1_error(tmp_path):
    path = tmp_path / "no_header.csv"
    path.write_text("x,y\n1,2\n3,4\n", encoding="utf-8")
    res = _check(str(path))
    assert res.returncode == 1
    assert res.stderr.startswith("error: ") and "no_header.csv:1: no name column" in res.stderr


def test_check_list_unreadable_file_is_one_error_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"name_latin": "A"},\n{"name_latin": ', encoding="utf-8")
    res = _check(str(path))
    assert res.returncode == 1
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("error:")
    assert "broken.json" in res.stderr and "Traceback" not in res.stderr
    res = _check(str(path), "--json")
    assert res.returncode == 1 and json.loads(res.stdout)["errors"]


def test_check_list_missing_name_columns_names_them(tmp_path):
    path = tmp_path / "noname.csv"
    path.write_text("age,city\n25,Tehran\n", encoding="utf-8")
    res = _check(str(path))
    assert res.returncode == 1
    assert "name_fa" in res.stderr and "name_latin" in res.stderr
