"""normalize_list computes each column once per distinct value (or pair of values) and expands
it only for the kept rows. The reference below is the row-wide version it replaced, verbatim:
both must give the same records and rejects (values, dtypes, order) on tricky inputs."""

# ruff: noqa: E501

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from pipeline import readers
from pipeline.bench import synthetic_list
from pipeline.transforms.ages import parse_ages
from pipeline.transforms.cleaning import _clean_text, _folded, _real_name
from pipeline.transforms.coded import _col
from pipeline.transforms.dates import parse_dates
from pipeline.transforms.lists import (
    GENDER_CODES,
    TEMPLATE_COLUMNS,
    VERIFICATION_CODES,
    ListOptions,
    ListResult,
    _placeholder_dates,
    _reject_rows,
    normalize_list,
)
from pipeline.transforms.names import (
    latin_name_key,
    map_unique,
    normalize_persian,
    persian_name_key,
)
from pipeline.transforms.placeholders import placeholder_marker
from pipeline.transforms.record_ids import _id_part, record_ids


def reference_normalize_list(frame: pd.DataFrame, options: ListOptions,
                             affiliation_codes: dict[str, str] | None = None) -> ListResult:
    """Template-form rows -> record candidates (with _source_id/_file/_row) and rejects."""
    sid = options.source_id
    f = frame.reset_index(drop=True)
    rid = record_ids(f, sid)

    name_fa_orig, name_latin_orig = _col(f, "name_fa"), _col(f, "name_latin")
    name_fa = _real_name(map_unique(name_fa_orig, normalize_persian).astype("string"))
    name_latin = _real_name(_clean_text(name_latin_orig))
    father_orig = _col(f, "father_name")
    father = _real_name(_clean_text(father_orig))

    greg_orig = _col(f, "date_of_execution_gregorian")
    jal_orig = _col(f, "date_of_execution_jalali")
    greg = parse_dates(greg_orig, "gregorian")
    jal = parse_dates(jal_orig, "jalali")
    if options.placeholder_first_of_period:
        greg = _placeholder_dates(greg, greg_orig)
    use_greg = greg_orig.notna() & greg["error"].isna() & (greg["precision"] != "unknown")
    date = jal if not use_greg.any() else greg if use_greg.all() else greg.where(use_greg, jal)
    date_orig = greg_orig.where(use_greg, jal_orig)

    ages = parse_ages(_col(f, "age"))

    rejects = []
    no_name = name_fa.isna() & name_latin.isna()
    rejects.append(_reject_rows(
        f, no_name, sid, "name_fa,name_latin", "no_name",
        pd.Series("the row has no name in name_fa or name_latin", index=f.index),
        name_fa_orig.fillna(name_latin_orig)))
    for col, parsed, orig in (("date_of_execution_gregorian", greg, greg_orig),
                              ("date_of_execution_jalali", jal, jal_orig)):
        bad = parsed["error"].notna() & ~no_name
        rejects.append(_reject_rows(f, bad, sid, col, "invalid_date",
                                    parsed["error"].astype("string"), orig))
    both = (use_greg & jal_orig.notna() & jal["error"].isna()
            & jal["earliest"].notna()).fillna(False)
    clash = (both & ((greg["latest"] < jal["earliest"])
                     | (greg["earliest"] > jal["latest"])).fillna(False)).astype(bool)
    rejects.append(_reject_rows(
        f, clash & ~no_name, sid, "date_of_execution_gregorian,date_of_execution_jalali",
        "inconsistent_values",
        "the Gregorian date " + greg_orig + " (" + greg["earliest"].astype("string") + ".."
        + greg["latest"].astype("string") + ") and the Jalali date " + jal_orig + " ("
        + jal["earliest"].astype("string") + ".." + jal["latest"].astype("string")
        + ") do not overlap",
        greg_orig + " / " + jal_orig))
    bad_age = ages["error"].notna() & ~no_name
    rejects.append(_reject_rows(f, bad_age, sid, "age", "invalid_value",
                                ages["error"].astype("string"), _col(f, "age")))
    extra_cols = sorted(c for c in f.columns if c.startswith("x_"))
    scan = [c for c in TEMPLATE_COLUMNS if c in f.columns and c != "source_url"] + extra_cols
    marks = []
    for i in range(len(f)):
        found = []
        for c in scan:
            v = f[c].iloc[i]
            field = c[2:] if c.startswith("x_") else c
            m = None if v is None or pd.isna(v) else placeholder_marker(str(v), field)
            if m:
                found.append((field, m, str(v)))
        marks.append(found)
    placeholder = pd.Series([bool(m) for m in marks], index=f.index)
    ph = placeholder & ~no_name
    ph_rejects = _reject_rows(
        f, ph, sid, "", "placeholder_record",
        pd.Series(["the source marks this row as an illustration, not a record of a person: "
                   + "; ".join(f"{fld} {m}" for fld, m, _ in found) if found else ""
                   for found in marks], index=f.index),
        pd.Series([found[0][2] if found else None for found in marks], index=f.index))
    ph_rejects["field"] = pd.Series([found[0][0] for found, p in zip(marks, ph, strict=True)
                                     if p], index=ph_rejects.index, dtype="string")
    rejects.append(ph_rejects)
    rejected = (no_name | greg["error"].notna() | jal["error"].notna() | clash
                | ages["error"].notna() | placeholder)

    def lifted(field, code):
        orig = _col(f, "x_" + field) if field else pd.Series(pd.NA, index=f.index,
                                                             dtype="string")
        return orig, orig.map(lambda v: code(" ".join(v.split())),
                              na_action="ignore").astype("string")

    status_orig, status_code = lifted(options.verification_status_field,
                                      lambda v: VERIFICATION_CODES.get(v.casefold()))
    affil_orig, affil_code = lifted(options.affiliation_field, (affiliation_codes or {}).get)
    forces_orig, _ = lifted(options.responsible_forces_field, lambda v: None)

    city_orig, prov_orig = _col(f, "city"), _col(f, "province")
    city, province = _real_name(_clean_text(city_orig)), _real_name(_clean_text(prov_orig))
    prison = _real_name(_clean_text(_col(f, "prison")))
    if options.prison_places:
        is_prison = city.isin(options.prison_places).fillna(False)
        prison = prison.where(prison.notna() | ~is_prison, city)
        city = city.mask(is_prison)
    if options.province_suffix:
        is_prov = city.str.endswith(options.province_suffix).fillna(False)
        province = province.where(~is_prov | province.notna(),
                                  city.str.slice(0, -len(options.province_suffix)))
        city = city.mask(is_prov)
    country_only = city.isin(options.country_only_places).fillna(False)
    city = city.mask(country_only)
    precision = pd.Series("unknown", index=f.index, dtype="string")
    precision = precision.mask(country_only, "country")
    precision = precision.mask(province.notna(), "province")
    precision = precision.mask(city.notna(), "city")
    precision = precision.mask(prison.notna(), "site")

    gender_orig = _col(f, "gender")
    gender = _folded(gender_orig).map(GENDER_CODES, na_action="ignore")

    if extra_cols:
        extras = f[extra_cols].astype("object")
        extra = pd.Series(
            [json.dumps({k[2:]: v for k, v in zip(extra_cols, vals, strict=True)
                         if v is not None and not pd.isna(v)},
                        ensure_ascii=False, sort_keys=True)
             for vals in extras.itertuples(index=False, name=None)],
            index=f.index, dtype="string")
        extra = extra.mask(extra == "{}")
    else:
        extra = pd.Series(pd.NA, index=f.index, dtype="string")

    originals = [c for c in TEMPLATE_COLUMNS if c in f.columns] + extra_cols
    dup = f.duplicated(subset=["file", *originals], keep="first") if originals else \
        pd.Series(False, index=f.index)
    first_id = rid.groupby([f["file"].astype(str)] + [f[c].astype(str) for c in originals],
                           sort=False, dropna=False).transform("first") if originals else rid

    record_key = _col(f, "record_key")
    locator = f["file"].astype("string").where(
        record_key.notna(), f["file"].astype("string") + "#row=" + f["source_row"].astype(str))

    records = pd.DataFrame({
        "record_id": rid,
        "source_id": sid,
        "file": f["file"].astype("string"),
        "source_row": f["source_row"].astype("Int64"),
        "record_key": record_key,
        "name_fa_original": name_fa_orig,
        "name_fa": name_fa,
        "name_fa_key": map_unique(name_fa, persian_name_key).astype("string"),
        "name_latin_original": name_latin_orig,
        "name_latin": name_latin,
        "name_latin_key": map_unique(name_latin, latin_name_key).astype("string"),
        "father_name_original": father_orig,
        "father_name": father,
        "gender_original": gender_orig,
        "gender_code": gender.astype("string"),
        "age_original": _col(f, "age"),
        "age_low": ages["low"].astype("Int64"),
        "age_high": ages["high"].astype("Int64"),
        "city_original": city_orig,
        "city": city,
        "province_original": prov_orig,
        "province": province,
        "prison_original": _col(f, "prison"),
        "prison": prison,
        "execution_place_precision": precision,
        "execution_date_original": date_orig,
        "execution_date_calendar": date["calendar"].astype("string"),
        "execution_date": date["iso"].astype("string"),
        "execution_date_precision": date["precision"].fillna("unknown").astype("string"),
        "execution_date_earliest": date["earliest"].astype("string"),
        "execution_date_latest": date["latest"].astype("string"),
        "execution_date_jalali": jal["jalali"].where(
            ~jal["jalali"].astype("string").str.contains("/", regex=False)
            .fillna(False).astype(bool)).astype("string"),  # a season/range: no YYYY-MM form
        "execution_date_jalali_original": jal_orig,
        "cause_original": _col(f, "cause"),
        "source_url": _col(f, "source_url"),
        "source_note": _col(f, "source_note"),
        "verification_status_original": status_orig,
        "verification_status_code": status_code,
        "political_affiliation_original": affil_orig,
        "political_affiliation_code": affil_code,
        "responsible_forces_original": forces_orig,
        "extra_original": extra,
        "is_duplicate_row": dup.astype("boolean"),
        "duplicate_of_record_id": first_id.where(dup).astype("string"),
        "correction_ids": pd.Series(pd.NA, index=f.index, dtype="string"),
        "source_locator": locator,
        "_source_id": sid,
        "_file": f["file"].astype("string"),
        "_row": f["source_row"].astype("Int64"),
    })
    all_rejects = pd.concat([r for r in rejects if len(r)], ignore_index=True) if any(
        len(r) for r in rejects) else _reject_rows(f, pd.Series(False, index=f.index), sid, "",
                                                    "", pd.Series("", index=f.index),
                                                    pd.Series("", index=f.index))
    return ListResult(records[~rejected].reset_index(drop=True), all_rejects)


def _frame(rows: list[dict[str, object]], files: list[str] | None = None,
           keys: list[str | None] | None = None) -> pd.DataFrame:
    df = pd.DataFrame(rows, dtype="string")
    n = len(df)
    return df.assign(
        file=pd.array(files or ["raw/lists/x/list.csv"] * n, dtype="string"),
        sheet=pd.array([None] * n, dtype="string"),
        source_row=pd.array(range(2, n + 2), dtype="Int64"),
        record_key=pd.array(keys or [None] * n, dtype="string"))


TRICKY = [
    {"name_fa": "علي رضايي", "date_of_execution_jalali": "۱۳۶۷/۰۵/۱۲", "age": "حدود ۲۵"},
    {"name_fa": "", "name_latin": "unknown", "age": "30"},
    {"name_fa": " نامعلوم ", "name_latin": " N/A "},
    {"name_latin": "Bijan X", "date_of_execution_jalali": "1367/07/31", "city": "Iran"},
    {"name_latin": "Sara Y", "date_of_execution_jalali": "1367/12/30", "gender": " F "},
    {"name_latin": "Reza Z", "age": "25-30", "date_of_execution_gregorian": "1988-08-10"},
    {"name_latin": "Reza Z", "age": "25-30", "date_of_execution_gregorian": "1988-08-10"},
    {"name_latin": "Ali Q", "age": "150"},
    {"name_latin": "Ali Q", "age": "150"},
    {"name_latin": "A", "date_of_execution_gregorian": "1988-01-01", "city": "Fars Province"},
    {"name_latin": "A", "date_of_execution_gregorian": "1988-09-01", "province": "Fars"},
    {"name_latin": "A", "date_of_execution_gregorian": "1988-09-01", "province": "Fars"},
    {"name_latin": "B", "date_of_execution_gregorian": "garbage",
     "date_of_execution_jalali": "مرداد ۱۳۶۷"},
    {"name_latin": "B", "date_of_execution_gregorian": "?", "date_of_execution_jalali": "1367"},
    {"name_latin": "C", "date_of_execution_gregorian": "1988-13-05", "age": "x"},
    {"name_latin": "C2", "date_of_execution_gregorian": "1988-13-01"},  # not a placeholder
    {"name_fa": "ﻛﺎﻇﻢ", "city": " Tehran  ", "prison": " Evin ", "gender": "مرد"},
    {"name_fa": "ﻛﺎﻇﻢ", "city": " Tehran  ", "prison": " Evin ", "gender": "مرد"},
    {"name_latin": "-", "name_fa": "?"},
    {"name_latin": "=SUM(A1)", "source_note": "n", "cause": "Execution", "source_url": "u"},
    {"name_latin": "=SUM(A1)", "source_note": "n", "cause": "Execution", "source_url": "u"},
    {"name_latin": "D", "city": "Iran Province", "province": None},
    {"name_latin": "E", "date_of_execution_jalali": "1367/05/12 - 1367/05/20"},
    {"name_latin": "F", "date_of_execution_gregorian": "1988-08", "age": "about 40"},
    *[dict.fromkeys(TEMPLATE_COLUMNS, "x") | {"date_of_execution_gregorian": "1988",
                                              "date_of_execution_jalali": "1367", "age": "20"}
      ] * 2,  # no null anywhere
    {"name_latin": "G", "date_of_execution_gregorian": "1988-08-03",
     "date_of_execution_jalali": "۱۳۶۷/۰۵/۱۲"},  # both dates: both kept
    {"name_latin": "H", "city": "Evin (or other detention facility)",
     "source_note": "a representative entry"},  # placeholder, two markers
    {"name_latin": "H", "source_note": "template row", "age": "150"},  # placeholder + bad age
    {"name_latin": "I", "source_note": "for example, a teacher",
     "source_url": "https://example.org/sample-entry"},  # neither is a marker
    {"name_fa": "", "source_note": "sample record"},  # no name wins
    {"name_latin": "J", "city": "Evin Prison", "province": "Tehran"},
    {"name_latin": "M", "date_of_execution_gregorian": "1988-09-01",
     "date_of_execution_jalali": "۱۳۶۷/۰۵/۱۲"},  # clash, unless 09-01 is a month placeholder
    {"name_latin": "N", "date_of_execution_gregorian": "1988-01-01",
     "date_of_execution_jalali": "1367"},  # a year placeholder overlaps the Jalali year
    {"name_latin": "O", "date_of_execution_gregorian": "1987-05-05",
     "date_of_execution_jalali": "مرداد ۱۳۶۷"},  # clash either way
    {"name_latin": "K", "city": "Unknown", "province": "-", "prison": " نامعلوم "},
    {"name_latin": "L", "city": "Evin Prison", "prison": "Gohardasht"},
]


AFFILIATIONS = {"member of the Tudeh Party": "tudeh", "sympathizer of the MKO": "mek"}


def _compare(df: pd.DataFrame, options: ListOptions) -> ListResult:
    new = normalize_list(df, options, AFFILIATIONS)
    old = reference_normalize_list(df, options, AFFILIATIONS)
    pd.testing.assert_frame_equal(new.records, old.records, check_exact=True)
    pd.testing.assert_frame_equal(new.rejects, old.rejects, check_exact=True)
    return new


OPTIONS = {
    "plain": ListOptions("x"),
    "judgement": ListOptions("x", placeholder_first_of_period=True,
                             country_only_places=("Iran",), province_suffix=" Province",
                             prison_places=("Evin Prison",), verification_status_field="status", affiliation_field="beliefs",
                             responsible_forces_field="forces"),
}


@pytest.mark.parametrize("options", list(OPTIONS.values()), ids=list(OPTIONS))
def test_tricky_rows_equal_the_row_wide_version(options):
    res = _compare(_frame(TRICKY), options)
    assert res.records["is_duplicate_row"].sum() >= 3
    assert res.records["duplicate_of_record_id"].notna().any()
    assert len(res.rejects)


def test_duplicates_with_null_keys_several_files_keys_and_extras():
    rows = TRICKY * 3
    n = len(rows)
    files = ["raw/lists/x/a.csv" if i % 2 else "raw/lists/x/b.csv" for i in range(n)]
    keys = [None if i % 5 else f"key {i}" for i in range(n)]
    df = _frame(rows, files=files, keys=keys).assign(
        x_note=pd.array([None if i % 3 else "n" for i in range(n)], dtype="string"),
        x_alias=pd.array(["al" if i % 4 else None for i in range(n)], dtype="string"),
        x_status=pd.array([("unverified", "Verified", None, "odd")[i % 4] for i in range(n)],
                          dtype="string"),
        x_beliefs=pd.array([("member of the\n Tudeh Party", None, "sympathizer of the MKO",
                             "unreviewed text", "an illustrative record")[i % 5]
                            for i in range(n)], dtype="string"),
        x_forces=pd.array([("PMIO", None)[i % 2] for i in range(n)], dtype="string"))
    for options in OPTIONS.values():
        _compare(df, options)
        _compare(df.iloc[::-1], options)


def test_every_row_rejected_no_row_rejected_and_empty():
    bad = _frame([{"name_latin": "A", "age": "150"}, {"name_fa": ""}])
    assert len(_compare(bad, OPTIONS["plain"]).records) == 0
    good = _frame([{"name_latin": "A"}, {"name_latin": "A"}])
    assert len(_compare(good, OPTIONS["plain"]).rejects) == 0
    _compare(_frame([{"name_latin": "A"}]).iloc[:0], OPTIONS["plain"])


def test_missing_template_columns_and_object_columns():
    df = _frame([{"name_latin": "A"}, {"name_latin": "A"}, {"name_latin": None}])
    _compare(df[["name_latin", "file", "sheet", "source_row", "record_key"]], OPTIONS["plain"])
    obj = df.assign(name_latin=df["name_latin"].astype(object),
                    city=pd.Series(["Tehran", None, np.nan], dtype=object))
    _compare(obj, OPTIONS["plain"])


@pytest.mark.parametrize("seed", [3, 11])
def test_synthetic_list_read_through_the_readers(seed, tmp_path):
    df = synthetic_list(3000, seed=seed)
    df = pd.concat([df, df.iloc[:200]], ignore_index=True)  # exact duplicate rows
    path = tmp_path / "list.csv"
    df.to_csv(path, index=False)
    read = readers.read_list(path, readers.ListMapping.default(), shown="l.csv")
    for options in OPTIONS.values():
        res = _compare(read.frame, options)
        assert res.records["is_duplicate_row"].sum() > 150  # some duplicates are rejected


def test_columns_expanded_on_threads_equal_the_reference(tmp_path, monkeypatch):
    from pipeline.transforms import coded

    monkeypatch.setattr(coded, "_THREADED_ROWS", 0)
    _compare(_frame(TRICKY * 5), OPTIONS["judgement"])
    df = synthetic_list(2000, seed=5)
    path = tmp_path / "list.csv"
    df.to_csv(path, index=False)
    read = readers.read_list(path, readers.ListMapping.default(), shown="l.csv")
    _compare(read.frame, OPTIONS["plain"])


# record_ids (and the helper it used), verbatim before they were computed in Arrow
def reference_record_ids(frame: pd.DataFrame, source_id: str) -> pd.Series:
    """`<source_id>-<record_key>` when the source keys its records (a file per record), else
    `<source_id>-<file stem>-<row:06d>` (the stem is dropped when the source has one file)."""
    if frame.empty:  # a header-only file: numpy cannot add str to an empty int array
        return pd.Series([], index=frame.index, dtype=object)
    key = _col(frame, "record_key")
    files = frame["file"].astype("string")
    several = files.nunique() > 1
    sheet = _col(frame, "sheet").fillna("")
    # per unique value: a million rows come from a handful of files and sheets
    stem = _reference_map_unique_text(files, lambda f: _id_part(f.rsplit("/", 1)[-1].rsplit(".", 1)[0]))
    stem = stem.where(sheet == "", stem + "_" + _reference_map_unique_text(sheet, _id_part))
    row = frame["source_row"].astype(int).astype("string").str.zfill(6)
    by_row = (source_id + "-" + stem + "-" + row) if several or (sheet != "").any() else (
        source_id + "-" + row)
    by_row = by_row.astype("string")
    if key.notna().any():
        keyed = source_id + "-" + _reference_map_unique_text(key.fillna(""), _id_part)
        by_row = by_row.where(key.isna(), keyed)
    return pd.Series(by_row.array, index=frame.index, dtype="string")


def _reference_map_unique_text(s: pd.Series, fn: object) -> pd.Series:
    """fn applied once per distinct value (no nulls in ``s``)."""
    codes, uniques = pd.factorize(s.astype("object"))
    mapped = np.array([fn(str(u)) for u in uniques], dtype=object)
    return pd.Series(mapped[codes] if len(codes) else [], index=s.index, dtype="string")




@pytest.mark.parametrize("case", ["one_file", "several_files", "sheets", "keys", "big_rows",
                                  "negative_rows"])
def test_record_ids_equal_the_reference(case):
    n = 50
    files = ["raw/lists/x/list.csv"] * n
    sheets: list[str | None] = [None] * n
    keys: list[str | None] = [None] * n
    rows = list(range(2, n + 2))
    if case == "several_files":
        files = [f"raw/lists/x/part {i % 3}.v2.csv" for i in range(n)]
    if case == "sheets":
        files = ["raw/lists/x/book.xlsx"] * n
        sheets = ["Sheet 1" if i % 2 else "" for i in range(n)]
    if case == "keys":
        keys = [None if i % 4 else f"person {i}/x" for i in range(n)]
    if case == "big_rows":
        rows = [999_998 + i * 1000 for i in range(n)]
    if case == "negative_rows":
        rows = [i - 10 for i in range(n)]
    df = pd.DataFrame({"name_latin": pd.array(["A"] * n, dtype="string"),
                       "file": pd.array(files, dtype="string"),
                       "sheet": pd.array(sheets, dtype="string"),
                       "source_row": pd.array(rows, dtype="Int64"),
                       "record_key": pd.array(keys, dtype="string")})
    pd.testing.assert_series_equal(record_ids(df, "my_list"),
                                   reference_record_ids(df, "my_list"), check_exact=True)
    pd.testing.assert_series_equal(record_ids(df.iloc[:0], "s"), reference_record_ids(
        df.iloc[:0], "s"))
