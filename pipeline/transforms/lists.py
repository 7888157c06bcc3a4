"""Victim lists in template form -> `record` candidates and quarantined rows (pure).

Input is a frame from pipeline.readers.read_list: template columns (verbatim text), extra
columns prefixed ``x_``, and ``file``, ``sheet``, ``source_row``, ``record_key``. Every input
row comes out either as a record candidate or as reject rows; nothing is dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa

from pipeline.schemas.inputs import TEMPLATE_COLUMNS
from pipeline.transforms.ages import parse_ages
from pipeline.transforms.cleaning import _clean_text, _folded, _real_name
from pipeline.transforms.coded import (
    _arrow_text,
    _col,
    _combine,
    _Distinct,
    _distinct,
    _expand,
    _first_rows,
    _materialize,
    _Take,
)
from pipeline.transforms.dates import parse_dates
from pipeline.transforms.names import (
    latin_name_key,
    map_unique,
    normalize_persian,
    persian_name_key,
)
from pipeline.transforms.placeholders import _placeholder_candidates, placeholder_marker
from pipeline.transforms.record_ids import _locators, record_ids

PASSTHROUGH = ("cause", "source_url", "source_note")  # published as read (for kept rows)
GENDER_CODES = {
    "male": "male", "m": "male", "man": "male", "مرد": "male", "ذکر": "male",
    "female": "female", "f": "female", "woman": "female", "زن": "female", "أنثى": "female",
}
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")

# Verification status as lists write it -> codes.VERIFICATION_STATUS (case-insensitive).
VERIFICATION_CODES = {"unverified": "unverified", "not verified": "unverified",
                      "verified": "verified", "تأیید نشده": "unverified",
                      "تایید نشده": "unverified", "تأیید شده": "verified",
                      "تایید شده": "verified"}


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
    # Values of the place column that name a prison, not a city (moved to `prison`).
    prison_places: tuple[str, ...] = ()
    # Source fields outside the template (their names in the source, as in extra_original)
    # published as first-class columns: the record's verification status as the list states
    # it, the victim's political affiliation, and the forces the list holds responsible.
    verification_status_field: str | None = None
    affiliation_field: str | None = None
    responsible_forces_field: str | None = None
    # Set by ingest (not a judgement): the source folder holds several list files read one by
    # one (template form, no mapping), so a record id names its file even though each read
    # holds only one (issue 12.5: two files' row 2 were both `<source>-000002`).
    file_in_id: bool = False


@dataclass(frozen=True)
class ListResult:
    """What normalize_list returns: the record candidates and the reject rows."""

    records: pd.DataFrame
    rejects: pd.DataFrame


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
    greg = (out["calendar"] == "gregorian") & out["error"].isna()  # 1988-13-01 stays rejected
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


def _reject_at(frame: pd.DataFrame, rows: np.ndarray, source_id: str, field: str | pd.Series,
               reason: str,
               messages: pd.Series, values: pd.Series) -> pd.DataFrame:
    """Reject rows for ``rows`` (positions in ``frame``); messages/values are given at them."""
    sub = frame[["file", "source_row"]].take(rows)
    return pd.DataFrame({
        "source_id": source_id,
        "file": sub["file"].astype("string"),
        "source_row": sub["source_row"].astype("Int64"),
        "field": field.set_axis(sub.index) if isinstance(field, pd.Series) else field,
        "reason_code": reason,
        "message": messages.set_axis(sub.index).astype("string"),
        "value_original": values.set_axis(sub.index).astype("string"),
    })


def _duplicates(f: pd.DataFrame, rid: pd.Series, originals: list[str],
                coded: dict[str, _Distinct], keep: np.ndarray) -> tuple[np.ndarray, pd.Series]:
    """For the rows ``keep``: is the row an exact duplicate of an earlier row of ``f`` (same
    file and originals; a null equals a null), and the record_id of the first such row."""
    keys = ["file", *originals]
    if not all(isinstance(f[c].dtype, pd.StringDtype) for c in keys):
        dup = f.duplicated(subset=keys, keep="first").to_numpy(dtype=bool)
        first_id = rid.groupby([f["file"].astype(str)] + [f[c].astype(str) for c in originals],
                               sort=False, dropna=False).transform("first")
        return dup[keep], _expand(first_id.where(dup).astype("string"), keep)
    reused = [c for c in keys if c in coded and f[c].dtype == coded[c].values[c].dtype]
    parts = [coded[c] for c in reused]
    for c in [c for c in keys if c not in reused]:
        parts.append(_distinct(c, f[c], with_values=False))
        if len(parts[-1].values) > len(f):  # every row holds its own value: no duplicates
            return np.zeros(len(keep), dtype=bool), pd.Series(pd.NA, index=range(len(keep)),
                                                              dtype="string")
    if any(len(part.values) > len(f) for part in parts):
        return np.zeros(len(keep), dtype=bool), pd.Series(pd.NA, index=range(len(keep)),
                                                          dtype="string")
    key = _combine(parts, with_values=False)
    first = _first_rows(key.codes, len(key.values))[key.codes[keep]]
    dup = first != keep
    first_id = pd.Series(pd.NA, index=range(len(keep)), dtype="string")
    if dup.any():
        ids = _expand(pd.Series(rid.array, dtype=rid.dtype), first).astype("string")
        first_id = ids.where(dup).astype("string")
    return dup, first_id


def _date_clash(greg: pd.DataFrame, jal: pd.DataFrame, greg_orig: pd.Series,
                jal_orig: pd.Series, use_greg: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Rows giving a readable Gregorian and a readable Jalali date whose day ranges do not
    overlap (the list contradicts itself), and the message saying so."""
    both = (use_greg & jal_orig.notna() & jal["error"].isna()
            & jal["earliest"].notna()).fillna(False)
    apart = ((greg["latest"] < jal["earliest"]) | (greg["earliest"] > jal["latest"]))
    clash = (both & apart.fillna(False)).astype(bool)
    msg = ("the Gregorian date " + greg_orig.astype("string") + " ("
           + greg["earliest"].astype("string") + ".." + greg["latest"].astype("string")
           + ") and the Jalali date " + jal_orig.astype("string") + " ("
           + jal["earliest"].astype("string") + ".." + jal["latest"].astype("string")
           + ") do not overlap")
    return clash, msg.astype("string")


def _placeholders(f: pd.DataFrame, coded: dict[str, _Distinct], extra_cols: list[str]
                  ) -> tuple[np.ndarray, dict[int, list[tuple[str, str, str]]]]:
    """Rows a PLACEHOLDER_MARKERS phrase marks as illustrative, and for each such row its
    (field, marker, value) hits in column order (URLs are not searched). A column is searched
    in RE2 for candidates (per distinct value when it is coded, else row by row) and
    placeholder_marker runs on the candidates only."""
    hit = np.zeros(len(f), dtype=bool)
    found: dict[int, list[tuple[str, str, str]]] = {}
    scan = [c for c in TEMPLATE_COLUMNS if c in f.columns and c != "source_url"] + extra_cols
    for c in scan:
        field = c[2:] if c.startswith("x_") else c
        if c in coded:
            d = coded[c]
            vals = d.values[c]
            codes = d.codes
        else:
            vals = _col(f, c)
            codes = None
        cand = _placeholder_candidates(vals, field)
        texts = dict(zip(cand.tolist(), _arrow_text(vals).take(pa.array(cand)).to_pylist(),
                         strict=True))
        marks = {i: m for i, v in texts.items()
                 if (m := placeholder_marker(str(v), field)) is not None}
        if not marks:
            continue
        is_marked = np.zeros(len(vals), dtype=bool)
        is_marked[list(marks)] = True
        marked = is_marked[codes] if codes is not None else is_marked
        for row in np.flatnonzero(marked):
            at = int(codes[row]) if codes is not None else int(row)
            found.setdefault(int(row), []).append((field, str(marks[at]), str(texts[at])))
        hit |= marked
    return hit, found


def _lifted(f: pd.DataFrame, field: str | None, code: Callable[[str], str | None],
            keep: np.ndarray) -> tuple[pd.Series | _Take, pd.Series | _Take]:
    """A source field outside the template (``x_<field>``) for the kept rows: its values
    verbatim and coded (both empty when the list has no such field)."""
    if not field or "x_" + field not in f.columns:
        empty = pd.Series(pd.NA, index=range(len(keep)), dtype="string")
        return empty, empty
    d = _distinct("v", _col(f, "x_" + field))
    original = d.values["v"].astype("string")
    coded = map_unique(original, lambda v: code(" ".join(v.split()))).astype("string")
    return _Take(original, d.codes[keep]), _Take(coded, d.codes[keep])


def normalize_list(frame: pd.DataFrame, options: ListOptions,
                   affiliation_codes: dict[str, str] | None = None) -> ListResult:
    """Template-form rows -> record candidates (with _source_id/_file/_row) and rejects.

    ``affiliation_codes`` maps the victim-affiliation texts a list uses (whitespace
    collapsed) to codes.POLITICAL_AFFILIATION (pipeline/etc/codes/political_affiliation_map.csv);
    a text not in it gets no code. Every column is computed once per distinct value (or
    combination of values, for those computed from two columns) and expanded only for the
    rows that are kept."""
    sid = options.source_id
    f = frame.reset_index(drop=True)
    rid = record_ids(f, sid, file_in_id=options.file_in_id)
    cols = {c: _col(f, c) for c in TEMPLATE_COLUMNS}
    coded = {c: _distinct(c, cols[c]) for c in TEMPLATE_COLUMNS if c not in PASSTHROUGH}
    names = _names(coded)
    dates = _dates(coded, options)
    ages = parse_ages(_per_value(coded, "age"))
    extra_cols = sorted(c for c in f.columns if c.startswith("x_"))
    rejects, rejected = _rejects(f, sid, coded, names, dates, ages, extra_cols)
    places = _places(coded, options)
    gender_v = _folded(_per_value(coded, "gender")).map(GENDER_CODES, na_action="ignore")

    originals = [c for c in TEMPLATE_COLUMNS if c in f.columns] + extra_cols
    keep = np.flatnonzero(~rejected)
    if originals:
        dup, first_id = _duplicates(f, rid, originals, coded, keep)
    else:
        dup = np.zeros(len(keep), dtype=bool)
        first_id = _expand(rid.where(pd.Series(False, index=f.index)).astype("string"), keep)
    book = [c for c in ("file", "source_row", "record_key", *extra_cols) if c in f.columns]
    k = f[book].take(keep).reset_index(drop=True)  # bookkeeping and extras, kept rows
    out = partial(_kept, coded, keep)

    status_orig, status_code = _lifted(f, options.verification_status_field,
                                       lambda v: VERIFICATION_CODES.get(v.casefold()), keep)
    affil_orig, affil_code = _lifted(f, options.affiliation_field,
                                     (affiliation_codes or {}).get, keep)
    forces_orig, _ = _lifted(f, options.responsible_forces_field, lambda v: None, keep)

    record_key = _col(k, "record_key")
    records = _materialize({
        "record_id": _Take(pd.Series(rid.array, dtype=rid.dtype), keep),
        "source_id": sid,
        "file": k["file"].astype("string"),
        "source_row": k["source_row"].astype("Int64"),
        "record_key": record_key,
        **_person_columns(out, names, ages, gender_v, coded["age"].codes[keep]),
        **_place_date_columns(out, places, dates, keep),
        "cause_original": _Take(cols["cause"], keep),
        "source_url": _Take(cols["source_url"], keep),
        "source_note": _Take(cols["source_note"], keep),
        "verification_status_original": status_orig,
        "verification_status_code": status_code,
        "political_affiliation_original": affil_orig,
        "political_affiliation_code": affil_code,
        "responsible_forces_original": forces_orig,
        "extra_original": _extra_original(k, extra_cols),
        "is_duplicate_row": pd.Series(dup).astype("boolean"),
        "duplicate_of_record_id": first_id,
        "correction_ids": pd.Series(pd.NA, index=k.index, dtype="string"),
        "source_locator": _locators(k["file"].astype("string"), k["source_row"], record_key),
        "_source_id": sid,
        "_file": k["file"].astype("string"),
        "_row": k["source_row"].astype("Int64"),
    })
    return ListResult(records, _all_rejects(f, sid, rejects))


# ---- the steps of normalize_list -------------------------------------------------------------

_GREG, _JAL = "date_of_execution_gregorian", "date_of_execution_jalali"


@dataclass(frozen=True)
class _Names:
    """The name columns cleaned, per distinct value of each (null: no name)."""

    fa: pd.Series
    latin: pd.Series
    father: pd.Series


@dataclass(frozen=True)
class _Dates:
    """The execution dates per distinct (Gregorian, Jalali) pair (``coded``): both parsed, the
    date used (the Gregorian one where it is readable and not of unknown precision, else the
    Jalali one) and where the two contradict each other."""

    coded: _Distinct
    greg_orig: pd.Series
    jal_orig: pd.Series
    greg: pd.DataFrame
    jal: pd.DataFrame
    date: pd.DataFrame
    date_orig: pd.Series
    clash: pd.Series
    clash_msg: pd.Series


@dataclass(frozen=True)
class _Places:
    """The execution place per distinct (city, province, prison) (``coded``): the originals,
    the places cleaned and sorted by the source's judgement, and the precision of the place."""

    coded: _Distinct
    city_orig: pd.Series
    prov_orig: pd.Series
    city: pd.Series
    province: pd.Series
    prison: pd.Series
    precision: pd.Series


def _per_value(coded: dict[str, _Distinct], c: str) -> pd.Series:
    """The distinct values of template column ``c``."""
    return coded[c].values[c]


def _kept(coded: dict[str, _Distinct], keep: np.ndarray, c: str,
          derived: pd.Series | None = None) -> _Take:
    """A column computed per distinct value of template column ``c`` (its values themselves
    when ``derived`` is None), for the kept rows ``keep``."""
    return _Take(_per_value(coded, c) if derived is None else derived, coded[c].codes[keep])


def _names(coded: dict[str, _Distinct]) -> _Names:
    """name_fa through normalize_persian, name_latin and father_name white space collapsed;
    sentinels ("unknown", "-", ...) and blanks are no name."""
    return _Names(
        fa=_real_name(map_unique(_per_value(coded, "name_fa"), normalize_persian)
                      .astype("string")),
        latin=_real_name(_clean_text(_per_value(coded, "name_latin"))),
        father=_real_name(_clean_text(_per_value(coded, "father_name"))))


def _dates(coded: dict[str, _Distinct], options: ListOptions) -> _Dates:
    """Both date columns parsed per distinct pair; a Gregorian first of year or month read as
    that year or month where the source uses it as a placeholder."""
    dates = _combine([coded[_GREG], coded[_JAL]])
    greg_orig, jal_orig = dates.values[_GREG], dates.values[_JAL]
    greg = parse_dates(greg_orig, "gregorian")
    jal = parse_dates(jal_orig, "jalali")
    if options.placeholder_first_of_period:
        greg = _placeholder_dates(greg, greg_orig)
    use_greg = greg_orig.notna() & greg["error"].isna() & (greg["precision"] != "unknown")
    date = jal if not use_greg.any() else greg if use_greg.all() else greg.where(use_greg, jal)
    date_orig = greg_orig.where(use_greg, jal_orig)
    clash, clash_msg = _date_clash(greg, jal, greg_orig, jal_orig, use_greg)
    return _Dates(dates, greg_orig, jal_orig, greg, jal, date, date_orig, clash, clash_msg)


def _rejects(f: pd.DataFrame, sid: str, coded: dict[str, _Distinct], names: _Names,
             dates: _Dates, ages: pd.DataFrame, extra_cols: list[str]
             ) -> tuple[list[pd.DataFrame], np.ndarray]:
    """The reject rows of each check in publication order (no name, an unreadable Gregorian or
    Jalali date, dates that contradict each other, an unreadable age, a placeholder row) and
    the mask of the rows rejected. A row without a name is rejected for that alone."""
    fa_codes, latin_codes = coded["name_fa"].codes, coded["name_latin"].codes
    no_name = (names.fa.isna().to_numpy()[fa_codes]
               & names.latin.isna().to_numpy()[latin_codes])
    greg_bad = dates.greg["error"].notna().to_numpy()[dates.coded.codes]
    jal_bad = dates.jal["error"].notna().to_numpy()[dates.coded.codes]
    age_bad = ages["error"].notna().to_numpy()[coded["age"].codes]

    rejects = []
    rows = np.flatnonzero(no_name)
    rejects.append(_reject_at(
        f, rows, sid, "name_fa,name_latin", "no_name",
        pd.Series("the row has no name in name_fa or name_latin", index=rows, dtype="string"),
        _expand(_per_value(coded, "name_fa"), fa_codes[rows]).fillna(
            _expand(_per_value(coded, "name_latin"), latin_codes[rows]))))
    for col, parsed, bad, orig in ((_GREG, dates.greg, greg_bad, dates.greg_orig),
                                   (_JAL, dates.jal, jal_bad, dates.jal_orig)):
        rows = np.flatnonzero(bad & ~no_name)
        at = dates.coded.codes[rows]
        rejects.append(_reject_at(f, rows, sid, col, "invalid_date",
                                  _expand(parsed["error"].astype("string"), at),
                                  _expand(orig, at)))
    clash = dates.clash.to_numpy()[dates.coded.codes]
    rows = np.flatnonzero(clash & ~no_name)
    at = dates.coded.codes[rows]
    rejects.append(_reject_at(f, rows, sid, f"{_GREG},{_JAL}", "inconsistent_values",
                              _expand(dates.clash_msg, at),
                              _expand(dates.greg_orig.astype("string") + " / "
                                      + dates.jal_orig.astype("string"), at)))
    rows = np.flatnonzero(age_bad & ~no_name)
    at = coded["age"].codes[rows]
    rejects.append(_reject_at(f, rows, sid, "age", "invalid_value",
                              _expand(ages["error"].astype("string"), at),
                              _expand(_per_value(coded, "age"), at)))
    placeholder, marks = _placeholders(f, coded, extra_cols)
    rejects.append(_placeholder_rejects(f, sid, np.flatnonzero(placeholder & ~no_name), marks))
    rejected = no_name | greg_bad | jal_bad | clash | age_bad | placeholder
    return rejects, rejected


def _placeholder_rejects(f: pd.DataFrame, sid: str, rows: np.ndarray,
                         marks: dict[int, list[tuple[str, str, str]]]) -> pd.DataFrame:
    """Reject rows for the placeholder rows ``rows``: the field and value of the first hit,
    and every marker found in the message."""
    firsts = [marks[int(r)][0] for r in rows]
    return _reject_at(
        f, rows, sid, pd.Series([fld for fld, _, _ in firsts], dtype="string"),
        "placeholder_record",
        pd.Series(["the source marks this row as an illustration, not a record of a person: "
                   + "; ".join(f"{fld} {m}" for fld, m, _ in marks[int(r)]) for r in rows],
                  dtype="string"),
        pd.Series([v for _, _, v in firsts], dtype="string"))


def _places(coded: dict[str, _Distinct], options: ListOptions) -> _Places:
    """The place columns cleaned per distinct (city, province, prison), then sorted by the
    source's judgement: a prison or a province written in the city column moved to its
    column, a country-only city dropped; the precision is the finest place left."""
    places = _combine([coded["city"], coded["province"], coded["prison"]])
    city_orig, prov_orig = places.values["city"], places.values["province"]
    # "Unknown", "نامعلوم", "-" name no place
    city, province = _real_name(_clean_text(city_orig)), _real_name(_clean_text(prov_orig))
    prison = _real_name(_clean_text(places.values["prison"]))
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
    precision = pd.Series("unknown", index=places.values.index, dtype="string")
    precision = precision.mask(country_only, "country")
    precision = precision.mask(province.notna(), "province")
    precision = precision.mask(city.notna(), "city")
    precision = precision.mask(prison.notna(), "site")
    return _Places(places, city_orig, prov_orig, city, province, prison, precision)


def _extra_original(k: pd.DataFrame, extra_cols: list[str]) -> pd.Series:
    """Each kept row's source fields outside the template as one JSON object (sorted keys,
    empty fields left out; null when it has none)."""
    if not extra_cols:
        return pd.Series(pd.NA, index=k.index, dtype="string")
    extras = k[extra_cols].astype("object")
    extra = pd.Series(
        [json.dumps({c[2:]: v for c, v in zip(extra_cols, vals, strict=True)
                     if v is not None and not pd.isna(v)},
                    ensure_ascii=False, sort_keys=True)
         for vals in extras.itertuples(index=False, name=None)],
        index=k.index, dtype="string")
    return extra.mask(extra == "{}")


def _person_columns(out: Callable[..., _Take], names: _Names, ages: pd.DataFrame,
                    gender: pd.Series, age_codes: np.ndarray) -> dict[str, object]:
    """The record's name, father's name, gender and age columns, in table order."""
    return {
        "name_fa_original": out("name_fa"),
        "name_fa": out("name_fa", names.fa),
        "name_fa_key": out("name_fa", map_unique(names.fa, persian_name_key).astype("string")),
        "name_latin_original": out("name_latin"),
        "name_latin": out("name_latin", names.latin),
        "name_latin_key": out("name_latin",
                              map_unique(names.latin, latin_name_key).astype("string")),
        "father_name_original": out("father_name"),
        "father_name": out("father_name", names.father),
        "gender_original": out("gender"),
        "gender_code": out("gender", gender.astype("string")),
        "age_original": out("age"),
        "age_low": _Take(ages["low"].astype("Int64"), age_codes),
        "age_high": _Take(ages["high"].astype("Int64"), age_codes),
    }


def _place_date_columns(out: Callable[..., _Take], places: _Places, dates: _Dates,
                        keep: np.ndarray) -> dict[str, object]:
    """The record's execution place and date columns, in table order."""
    at_date, at_place = dates.coded.codes[keep], places.coded.codes[keep]
    date, jal = dates.date, dates.jal
    return {
        "city_original": _Take(places.city_orig, at_place),
        "city": _Take(places.city, at_place),
        "province_original": _Take(places.prov_orig, at_place),
        "province": _Take(places.province, at_place),
        "prison_original": out("prison"),
        "prison": _Take(places.prison, at_place),
        "execution_place_precision": _Take(places.precision, at_place),
        "execution_date_original": _Take(dates.date_orig, at_date),
        "execution_date_calendar": _Take(date["calendar"].astype("string"), at_date),
        "execution_date": _Take(date["iso"].astype("string"), at_date),
        "execution_date_precision": _Take(
            date["precision"].fillna("unknown").astype("string"), at_date),
        "execution_date_earliest": _Take(date["earliest"].astype("string"), at_date),
        "execution_date_latest": _Take(date["latest"].astype("string"), at_date),
        # a Jalali season or range ("1367-04/1367-06") has no YYYY[-MM[-DD]] form: the field
        # stays empty, the interval is in execution_date and the text in _original (12.8)
        "execution_date_jalali": _Take(
            jal["jalali"].where(~jal["jalali"].astype("string")
                                .str.contains("/", regex=False).fillna(False).astype(bool))
            .astype("string"), at_date),
        "execution_date_jalali_original": _Take(dates.jal_orig, at_date),
    }


def _all_rejects(f: pd.DataFrame, sid: str, rejects: list[pd.DataFrame]) -> pd.DataFrame:
    """The reject rows of every check in one frame (without a row, but with the columns, when
    there are none)."""
    if any(len(r) for r in rejects):
        return pd.concat([r for r in rejects if len(r)], ignore_index=True)
    return _reject_rows(f, pd.Series(False, index=f.index), sid, "", "",
                        pd.Series("", index=f.index), pd.Series("", index=f.index))
