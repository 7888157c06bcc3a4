"""Victim lists in template form -> `record` candidates and quarantined rows (pure).

Input is a frame from pipeline.listformat.read_list: template columns (verbatim text), extra
columns prefixed ``x_``, and ``file``, ``sheet``, ``source_row``, ``record_key``. Every input
row comes out either as a record candidate or as reject rows; nothing is dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.transforms.ages import parse_ages
from pipeline.transforms.dates import parse_dates
from pipeline.transforms.names import (
    latin_name_key,
    map_unique,
    normalize_persian,
    persian_name_key,
)

TEMPLATE_COLUMNS = (
    "name_fa", "name_latin", "father_name", "gender", "age", "city", "province", "prison",
    "date_of_execution_jalali", "date_of_execution_gregorian", "cause", "source_url",
    "source_note",
)
NAME_SENTINELS = frozenset({"unknown", "undefined", "null", "none", "n/a", "na", "-", "?",
                            "نامعلوم", "ناشناس", "نامشخص"})
GENDER_CODES = {
    "male": "male", "m": "male", "man": "male", "مرد": "male", "ذکر": "male",
    "female": "female", "f": "female", "woman": "female", "زن": "female", "أنثى": "female",
}
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")


@dataclass(frozen=True)
class ListOptions:
    """Per-source judgement, kept out of the generic code."""

    source_id: str
    # A date written YYYY-01-01 / YYYY-MM-01 that the source uses as a placeholder for a year
    # or month (documented in the source's SOURCE.md). Coarser precision always contains the
    # true day, so this never claims more than the source knows.
    placeholder_first_of_period: bool = False
    # Values of the place column that name only the country (e.g. "Iran").
    country_only_places: tuple[str, ...] = ()
    # Suffix marking a province written in the city column (e.g. " Province").
    province_suffix: str | None = None


@dataclass(frozen=True)
class ListResult:
    records: pd.DataFrame
    rejects: pd.DataFrame


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name].astype("string")
    return pd.Series(pd.NA, index=frame.index, dtype="string")


def _clean_text(s: pd.Series) -> pd.Series:
    """Whitespace-collapsed text; Arabic-script values also get Persian normalization."""
    def one(text: str) -> str | None:
        if _ARABIC_SCRIPT.search(text):
            return normalize_persian(text)
        out = " ".join(text.split())
        return out or None

    return map_unique(s, one).astype("string")


def _folded(s: pd.Series) -> pd.Series:
    """s.str.strip().str.casefold(), casefolding each distinct value once."""
    return map_unique(s.str.strip(), str.casefold).astype("string")


def _real_name(s: pd.Series) -> pd.Series:
    folded = _folded(s)
    return s.mask(folded.isin(NAME_SENTINELS) | (folded == ""))


def _id_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "x"


def record_ids(frame: pd.DataFrame, source_id: str) -> pd.Series:
    """`<source_id>-<record_key>` when the source keys its records (a file per record), else
    `<source_id>-<file stem>-<row:06d>` (the stem is dropped when the source has one file)."""
    if frame.empty:  # a header-only file: numpy cannot add str to an empty int array
        return pd.Series([], index=frame.index, dtype=object)
    key = _col(frame, "record_key")
    files = frame["file"].astype("string")
    several = files.nunique() > 1
    sheet = _col(frame, "sheet").fillna("")
    # per unique value: a million rows come from a handful of files and sheets
    stem = _map_unique_text(files, lambda f: _id_part(f.rsplit("/", 1)[-1].rsplit(".", 1)[0]))
    stem = stem.where(sheet == "", stem + "_" + _map_unique_text(sheet, _id_part))
    row = frame["source_row"].astype(int).astype("string").str.zfill(6)
    by_row = (source_id + "-" + stem + "-" + row) if several or (sheet != "").any() else (
        source_id + "-" + row)
    by_row = by_row.astype("string")
    if key.notna().any():
        keyed = source_id + "-" + _map_unique_text(key.fillna(""), _id_part)
        by_row = by_row.where(key.isna(), keyed)
    return pd.Series(by_row.array, index=frame.index, dtype="string")


def _map_unique_text(s: pd.Series, fn: Callable[[str], str]) -> pd.Series:
    """fn applied once per distinct value (no nulls in ``s``)."""
    codes, uniques = pd.factorize(s.astype("object"))
    mapped = np.array([fn(str(u)) for u in uniques], dtype=object)
    return pd.Series(mapped[codes] if len(codes) else [], index=s.index, dtype="string")


def _reject_rows(frame: pd.DataFrame, mask: pd.Series, source_id: str, field: str,
                 reason: str, messages: pd.Series, values: pd.Series) -> pd.DataFrame:
    sub = frame[mask]
    return pd.DataFrame({
        "source_id": source_id,
        "file": sub["file"].astype("string"),
        "source_row": sub["source_row"].astype("Int64"),
        "field": field,
        "reason_code": reason,
        "message": messages[mask].astype("string"),
        "value_original": values[mask].astype("string"),
    })


def _placeholder_dates(parsed: pd.DataFrame, original: pd.Series) -> pd.DataFrame:
    """Gregorian YYYY-01-01 -> year precision and YYYY-MM-01 -> month precision."""
    out = parsed.copy()
    text = original.str.strip()
    greg = out["calendar"] == "gregorian"
    year = greg & text.str.fullmatch(r"\d{4}-01-01").fillna(False)
    month = greg & ~year & text.str.fullmatch(r"\d{4}-\d{2}-01").fillna(False)
    y = text.str.slice(0, 4)
    ym = text.str.slice(0, 7)
    out.loc[year, "precision"] = "year"
    out.loc[year, "iso"] = y[year]
    out.loc[year, "earliest"] = y[year] + "-01-01"
    out.loc[year, "latest"] = y[year] + "-12-31"
    if month.any():
        ends = (pd.to_datetime(ym[month] + "-01") + pd.offsets.MonthEnd(0)).dt.strftime(
            "%Y-%m-%d")
        out.loc[month, "precision"] = "month"
        out.loc[month, "iso"] = ym[month]
        out.loc[month, "earliest"] = ym[month] + "-01"
        out.loc[month, "latest"] = ends
    return out


def normalize_list(frame: pd.DataFrame, options: ListOptions) -> ListResult:
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
    bad_age = ages["error"].notna() & ~no_name
    rejects.append(_reject_rows(f, bad_age, sid, "age", "invalid_value",
                                ages["error"].astype("string"), _col(f, "age")))
    rejected = no_name | greg["error"].notna() | jal["error"].notna() | ages["error"].notna()

    city_orig, prov_orig = _col(f, "city"), _col(f, "province")
    city, province = _clean_text(city_orig), _clean_text(prov_orig)
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

    gender_orig = _col(f, "gender")
    gender = _folded(gender_orig).map(GENDER_CODES, na_action="ignore")

    extra_cols = sorted(c for c in f.columns if c.startswith("x_"))
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
                           sort=False).transform("first") if originals else rid

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
        "prison": _clean_text(_col(f, "prison")),
        "execution_place_precision": precision,
        "execution_date_original": date_orig,
        "execution_date_calendar": date["calendar"].astype("string"),
        "execution_date": date["iso"].astype("string"),
        "execution_date_precision": date["precision"].fillna("unknown").astype("string"),
        "execution_date_earliest": date["earliest"].astype("string"),
        "execution_date_latest": date["latest"].astype("string"),
        "execution_date_jalali": jal["jalali"].where(~use_greg).astype("string"),
        "cause_original": _col(f, "cause"),
        "source_url": _col(f, "source_url"),
        "source_note": _col(f, "source_note"),
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
