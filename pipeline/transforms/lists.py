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

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.transforms.ages import parse_ages
from pipeline.transforms.dates import parse_dates
from pipeline.transforms.names import (
    latin_name_key,
    map_unique,
    normalize_persian,
    normalize_persian_many,
    persian_name_key,
)

TEMPLATE_COLUMNS = (
    "name_fa", "name_latin", "father_name", "gender", "age", "city", "province", "prison",
    "date_of_execution_jalali", "date_of_execution_gregorian", "cause", "source_url",
    "source_note",
)
PASSTHROUGH = ("cause", "source_url", "source_note")  # published as read (for kept rows)
NAME_SENTINELS = frozenset({"unknown", "undefined", "null", "none", "n/a", "na", "-", "?",
                            "نامعلوم", "ناشناس", "نامشخص"})
GENDER_CODES = {
    "male": "male", "m": "male", "man": "male", "مرد": "male", "ذکر": "male",
    "female": "female", "f": "female", "woman": "female", "زن": "female", "أنثى": "female",
}
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")

# How a list says that a row is not a real record but an illustration, sample or template.
# Only strong phrases: a biography that mentions "an example" or «نمونه» is not one of them.
# (name, pattern, the template columns it is searched in; None = every text column)
_PLACEHOLDER_WORDS = (r"representative|illustrative|sample|example|dummy|placeholder|template|"
                      r"fictional|fictitious|hypothetical|test")
PLACEHOLDER_MARKERS: tuple[tuple[str, re.Pattern[str], frozenset[str] | None], ...] = (
    ("placeholder_entry",
     re.compile(r"\b(?:" + _PLACEHOLDER_WORDS + r")\s+(?:entry|record|row|profile)\b", re.I),
     None),
    ("placeholder_word",
     re.compile(r"\bplaceholder\b|\blorem ipsum\b|\bfor illustrat(?:ion|ive purposes)\b",
                re.I),
     None),
    ("placeholder_entry_fa",
     re.compile(r"(?<![\u0600-\u06FF])(?:رکورد|مدخل|ورودی|داده|نام)(?:\u200c?ی)?\s+"
                r"(?:نمونه|فرضی|ساختگی|آزمایشی)(?![\u0600-\u06FF])"),
     None),
    # "Evin Prison, Tehran (or other detention facility)": a place hedged with alternatives
    ("hedged_place",
     re.compile(r"\(\s*(?:or|and/or)\s+(?:other|another|any)\b[^)]*\)"
                r"|\(\s*(?:و\s+)?یا\s+[^)]*(?:دیگر|سایر)[^)]*\)", re.I),
     frozenset({"city", "province", "prison"})),
)
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
    # Set by extract (not a judgement): the source folder holds several list files read one by
    # one (template form, no mapping), so a record id names its file even though each read
    # holds only one (issue 12.5: two files' row 2 were both `<source>-000002`).
    file_in_id: bool = False


@dataclass(frozen=True)
class ListResult:
    records: pd.DataFrame
    rejects: pd.DataFrame


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name].astype("string")
    return pd.Series(pd.NA, index=frame.index, dtype="string")


# The characters str.split() splits on (str.isspace), for RE2: " ".join(text.split()) is a
# replacement of their runs by one space and a trim of spaces at both ends.
_PY_SPACE = "".join(rf"\x{{{c:x}}}" for c in (
    0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
    *range(0x2000, 0x200B),
    0x2028, 0x2029, 0x202F, 0x205F, 0x3000))
_PY_SPACE_RUN = f"[{_PY_SPACE}]+"


def _arrow_text(s: pd.Series) -> pa.Array:
    """``s`` (text or nulls) as one Arrow large_string array."""
    return pa.array(s.astype("string").array, type=pa.large_string(), from_pandas=True)


def _clean_text(s: pd.Series) -> pd.Series:
    """Whitespace-collapsed text; Arabic-script values also get Persian normalization (their
    whole text through normalize_persian, as one batch). The others are collapsed in Arrow:
    runs of str.isspace characters -> one space, trimmed (" ".join(text.split())); "" -> null."""
    text = _arrow_text(s)
    arabic = pc.fill_null(pc.match_substring_regex(text, r"[\x{600}-\x{6FF}]"), False)
    collapsed = pc.utf8_trim(pc.replace_substring_regex(text, _PY_SPACE_RUN, " "), " ")
    out = pd.Series(pd.array(collapsed, dtype="string"), index=s.index)
    out = out.mask((out == "").fillna(False).astype(bool))
    at = np.flatnonzero(arabic.to_numpy(zero_copy_only=False))
    if len(at):
        persian = normalize_persian_many(text.take(pa.array(at)).to_pylist())
        out.iloc[at] = pd.array(persian, dtype="string")
    return out.astype("string")


def _folded(s: pd.Series) -> pd.Series:
    """s.str.strip().str.casefold(), casefolding each distinct value once."""
    return map_unique(s.str.strip(), str.casefold).astype("string")


_SENTINEL_LEN = max(len(v) for v in NAME_SENTINELS)


def _real_name(s: pd.Series) -> pd.Series:
    """``s`` without sentinels ("unknown", "-", ...) and blank values. Casefolding never
    shortens a text, so only values at most as long as the longest sentinel are folded."""
    stripped = s.str.strip()
    short = (stripped.str.len() <= _SENTINEL_LEN).fillna(False).to_numpy(dtype=bool)
    sentinel = np.zeros(len(s), dtype=bool)
    if short.any():
        folded = _folded(s[short])
        sentinel[short] = (folded.isin(NAME_SENTINELS) | (folded == "")).fillna(False)
    return s.mask(sentinel)


def _id_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "x"


def record_ids(frame: pd.DataFrame, source_id: str, *, file_in_id: bool = False) -> pd.Series:
    """`<source_id>-<record_key>` when the source keys its records (a file per record), else
    `<source_id>-<file stem>-<row:06d>` (the stem is dropped when the source has one file;
    ``file_in_id`` says the source has several even though ``frame`` holds one)."""
    if frame.empty:  # a header-only file: numpy cannot add str to an empty int array
        return pd.Series([], index=frame.index, dtype=object)
    key = _col(frame, "record_key")
    files = frame["file"].astype("string")
    several = file_in_id or files.nunique() > 1
    sheet = _col(frame, "sheet").fillna("")
    row = _row_digits(frame["source_row"].astype(int))
    if several or (sheet != "").any():
        # per distinct file and sheet: a million rows come from a handful of them
        place = _combine([_distinct("file", files), _distinct("sheet", sheet)])
        stems = [_id_part(str(f).rsplit("/", 1)[-1].rsplit(".", 1)[0]) if not sh
                 else _id_part(str(f).rsplit("/", 1)[-1].rsplit(".", 1)[0]) + "_" + _id_part(sh)
                 for f, sh in zip(place.values["file"], place.values["sheet"], strict=True)]
        prefix = pa.array([f"{source_id}-{stem}-" for stem in stems], pa.large_string())
        by_row = pc.binary_join_element_wise(prefix.take(pa.array(place.codes)), row, _EMPTY)
    else:
        by_row = pc.binary_join_element_wise(pa.scalar(f"{source_id}-", pa.large_string()),
                                             row, _EMPTY)
    out = pd.Series(pd.array(by_row, dtype="string"), index=frame.index)
    if key.notna().any():
        keyed = source_id + "-" + _map_unique_text(key.fillna(""), _id_part)
        out = out.where(key.isna(), keyed)
    return pd.Series(out.array, index=frame.index, dtype="string")


def _locators(file: pd.Series, row: pd.Series, record_key: pd.Series) -> pd.Series:
    """`<file>` for a keyed record, else `<file>#row=<row>` (one Arrow join when no record
    is keyed and nothing is null; else the same in pandas)."""
    if record_key.isna().all() and not file.isna().any() and not row.isna().any():
        rows = pc.cast(pa.array(row.to_numpy(dtype=np.int64)), pa.large_string())
        text = pa.array(file.array, type=pa.large_string(), from_pandas=True)
        joined = pc.binary_join_element_wise(text, pa.scalar("#row=", pa.large_string()), rows,
                                             _EMPTY)
        return pd.Series(pd.array(joined, dtype="string"), index=file.index)
    return file.where(record_key.notna(), file + "#row=" + row.astype(str))


_EMPTY = pa.scalar("", pa.large_string())


def _row_digits(rows: pd.Series) -> pa.Array:
    """Row numbers as text, zero-padded to 6 digits (str.zfill(6))."""
    values = rows.to_numpy(dtype=np.int64)
    text = pc.cast(pa.array(values), pa.large_string())
    if len(values) and values.min() < 0:  # zfill keeps the sign in front
        return pa.array(pd.Series(text.to_pylist(), dtype="string").str.zfill(6).array,
                        type=pa.large_string())
    return pc.utf8_lpad(text, width=6, padding="0")


def _map_unique_text(s: pd.Series, fn: Callable[[str], str]) -> pd.Series:
    """fn applied once per distinct value (no nulls in ``s``)."""
    codes, uniques = pd.factorize(s.astype("string"))
    mapped = pa.array([fn(str(u)) for u in uniques], pa.large_string())
    return pd.Series(pd.array(mapped.take(pa.array(codes, pa.int64())), dtype="string"),
                     index=s.index)


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


@dataclass(frozen=True)
class _Distinct:
    """Rows of one or more columns as codes into their distinct values: row ``i`` holds
    ``values.iloc[codes[i]]``. A null is a value like any other (for one column, the last
    row of ``values``), so a value-by-value computation on ``values`` expanded through
    ``codes`` equals the same computation row by row, at the cost of the distinct values."""

    codes: np.ndarray
    values: pd.DataFrame  # one column per input column, RangeIndex


def _distinct(name: str, s: pd.Series, with_values: bool = True) -> _Distinct:
    """``s`` coded; ``values`` has no column (only its length) unless ``with_values``."""
    codes, uniques = s.array.factorize(use_na_sentinel=True)
    codes = np.where(codes < 0, len(uniques), codes).astype(np.int64)
    if not with_values:
        return _Distinct(codes, pd.DataFrame(index=range(len(uniques) + 1)))
    values = pd.Series(uniques).reindex(range(len(uniques) + 1))  # the null comes last
    return _Distinct(codes, pd.DataFrame({name: values}))


def _combine(parts: list[_Distinct], with_values: bool = True) -> _Distinct:
    """The distinct combinations of several coded columns (in order of first appearance);
    ``values`` is left empty unless ``with_values``."""
    n = len(parts[0].codes)
    key = np.zeros(n, dtype=np.int64)
    size = 1
    for part in parts:
        width = len(part.values)
        if size * width >= 2**62:  # keep the mixed-radix key inside int64
            key, uniques = pd.factorize(key)
            size = len(uniques)
        key = key * width + part.codes
        size *= width
    codes, uniques = pd.factorize(key)
    if not with_values:
        return _Distinct(codes.astype(np.int64), pd.DataFrame(index=range(len(uniques))))
    first = _first_rows(codes, len(uniques))
    values = pd.concat([part.values.take(part.codes[first]).reset_index(drop=True)
                        for part in parts], axis=1)
    return _Distinct(codes.astype(np.int64), values)


def _first_rows(codes: np.ndarray, count: int) -> np.ndarray:
    """For each code 0..count-1, the first row that holds it."""
    first = np.empty(count, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)  # the last write (first row) wins
    return first


def _expand(values: pd.Series, codes: np.ndarray) -> pd.Series:
    """values[codes] as a Series with a fresh RangeIndex and the dtype of ``values``."""
    return pd.Series(values.array.take(codes), dtype=values.dtype)


@dataclass(frozen=True)
class _Take:
    """A column still to be expanded: ``values[rows]`` (see _expand)."""

    values: pd.Series
    rows: np.ndarray


_THREADED_ROWS = 100_000  # from this many rows, columns are expanded on two threads


def _materialize(columns: dict[str, object]) -> pd.DataFrame:
    """The frame of ``columns``, each _Take expanded (on two threads for large frames: the
    work is Arrow's take, which releases the GIL; each column is what _expand gives)."""
    takes = [name for name, col in columns.items() if isinstance(col, _Take)]

    def expand(name: str) -> pd.Series:
        col = columns[name]
        assert isinstance(col, _Take)
        return _expand(col.values, col.rows)

    rows = max((len(columns[t].rows) for t in takes), default=0)  # type: ignore[attr-defined]
    if rows < _THREADED_ROWS:
        done = {name: expand(name) for name in takes}
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(2) as pool:
            done = dict(zip(takes, pool.map(expand, takes), strict=True))
    return pd.DataFrame({name: done.get(name, col) for name, col in columns.items()})


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


def placeholder_marker(text: str, column: str) -> str | None:
    """`<marker>: "<matched text>"` when ``text`` (a value of template column ``column``, or
    of a source field outside the template) says the row is not a real record."""
    for name, pattern, columns in PLACEHOLDER_MARKERS:
        if columns is not None and column not in columns:
            continue
        m = pattern.search(text)
        if m:
            return f'{name}: "{m.group(0)}"'
    return None


# A superset of the values any PLACEHOLDER_MARKERS pattern can match, for RE2 over whole
# columns: every match holds one of these words (case-insensitively; Python's re.I also lets
# ı İ match i, K match k and ſ match s, so a value holding one of those is a candidate too),
# or a Persian marker word, or "(" (hedged_place, place columns only). The exact Python
# patterns then run on the candidates alone.
_PLACEHOLDER_PREFILTER = ("(?i:" + _PLACEHOLDER_WORDS + "|lorem|illustrat)"
                          r"|[\x{130}\x{131}\x{212A}\x{17F}]|نمونه|فرضی|ساختگی|آزمایشی")
_PLACEHOLDER_PREFILTER_PLACE = _PLACEHOLDER_PREFILTER + r"|\("


def _placeholder_candidates(values: pd.Series, field: str) -> np.ndarray:
    """Positions of ``values`` that a PLACEHOLDER_MARKERS pattern may match in ``field``."""
    places = {c for _, _, cols in PLACEHOLDER_MARKERS if cols is not None for c in cols}
    pattern = _PLACEHOLDER_PREFILTER_PLACE if field in places else _PLACEHOLDER_PREFILTER
    found = pc.fill_null(pc.match_substring_regex(_arrow_text(values), pattern), False)
    return np.flatnonzero(found.to_numpy(zero_copy_only=False))


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

    def values(c: str) -> pd.Series:
        return coded[c].values[c]

    name_fa_v = _real_name(map_unique(values("name_fa"), normalize_persian).astype("string"))
    name_latin_v = _real_name(_clean_text(values("name_latin")))
    father_v = _real_name(_clean_text(values("father_name")))

    greg_c, jal_c = "date_of_execution_gregorian", "date_of_execution_jalali"
    dates = _combine([coded[greg_c], coded[jal_c]])
    greg_orig, jal_orig = dates.values[greg_c], dates.values[jal_c]
    greg = parse_dates(greg_orig, "gregorian")
    jal = parse_dates(jal_orig, "jalali")
    if options.placeholder_first_of_period:
        greg = _placeholder_dates(greg, greg_orig)
    use_greg = greg_orig.notna() & greg["error"].isna() & (greg["precision"] != "unknown")
    date = jal if not use_greg.any() else greg if use_greg.all() else greg.where(use_greg, jal)
    date_orig = greg_orig.where(use_greg, jal_orig)
    clash_v, clash_msg = _date_clash(greg, jal, greg_orig, jal_orig, use_greg)

    ages = parse_ages(values("age"))

    fa_codes, latin_codes = coded["name_fa"].codes, coded["name_latin"].codes
    no_name = (name_fa_v.isna().to_numpy()[fa_codes]
               & name_latin_v.isna().to_numpy()[latin_codes])
    greg_bad = greg["error"].notna().to_numpy()[dates.codes]
    jal_bad = jal["error"].notna().to_numpy()[dates.codes]
    age_bad = ages["error"].notna().to_numpy()[coded["age"].codes]

    rejects = []
    rows = np.flatnonzero(no_name)
    rejects.append(_reject_at(
        f, rows, sid, "name_fa,name_latin", "no_name",
        pd.Series("the row has no name in name_fa or name_latin", index=rows, dtype="string"),
        _expand(values("name_fa"), fa_codes[rows]).fillna(
            _expand(values("name_latin"), latin_codes[rows]))))
    for col, parsed, bad, orig in ((greg_c, greg, greg_bad, greg_orig),
                                   (jal_c, jal, jal_bad, jal_orig)):
        rows = np.flatnonzero(bad & ~no_name)
        at = dates.codes[rows]
        rejects.append(_reject_at(f, rows, sid, col, "invalid_date",
                                  _expand(parsed["error"].astype("string"), at),
                                  _expand(orig, at)))
    clash = clash_v.to_numpy()[dates.codes]
    rows = np.flatnonzero(clash & ~no_name)
    at = dates.codes[rows]
    rejects.append(_reject_at(f, rows, sid, f"{greg_c},{jal_c}", "inconsistent_values",
                              _expand(clash_msg, at),
                              _expand(greg_orig.astype("string") + " / "
                                      + jal_orig.astype("string"), at)))
    rows = np.flatnonzero(age_bad & ~no_name)
    at = coded["age"].codes[rows]
    rejects.append(_reject_at(f, rows, sid, "age", "invalid_value",
                              _expand(ages["error"].astype("string"), at),
                              _expand(values("age"), at)))
    extra_cols = sorted(c for c in f.columns if c.startswith("x_"))
    placeholder, marks = _placeholders(f, coded, extra_cols)
    rows = np.flatnonzero(placeholder & ~no_name)
    firsts = [marks[int(r)][0] for r in rows]
    rejects.append(_reject_at(
        f, rows, sid, pd.Series([fld for fld, _, _ in firsts], dtype="string"),
        "placeholder_record",
        pd.Series(["the source marks this row as an illustration, not a record of a person: "
                   + "; ".join(f"{fld} {m}" for fld, m, _ in marks[int(r)]) for r in rows],
                  dtype="string"),
        pd.Series([v for _, _, v in firsts], dtype="string")))
    rejected = no_name | greg_bad | jal_bad | clash | age_bad | placeholder

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

    gender_v = _folded(values("gender")).map(GENDER_CODES, na_action="ignore")

    originals = [c for c in TEMPLATE_COLUMNS if c in f.columns] + extra_cols
    keep = np.flatnonzero(~rejected)
    if originals:
        dup, first_id = _duplicates(f, rid, originals, coded, keep)
    else:
        dup = np.zeros(len(keep), dtype=bool)
        first_id = _expand(rid.where(pd.Series(False, index=f.index)).astype("string"), keep)
    book = [c for c in ("file", "source_row", "record_key", *extra_cols) if c in f.columns]
    k = f[book].take(keep).reset_index(drop=True)  # bookkeeping and extras, kept rows

    def out(c: str, derived: pd.Series | None = None) -> _Take:
        """A column computed per distinct value of template column ``c``, for the kept rows."""
        return _Take(values(c) if derived is None else derived, coded[c].codes[keep])

    if extra_cols:
        extras = k[extra_cols].astype("object")
        extra = pd.Series(
            [json.dumps({c[2:]: v for c, v in zip(extra_cols, vals, strict=True)
                         if v is not None and not pd.isna(v)},
                        ensure_ascii=False, sort_keys=True)
             for vals in extras.itertuples(index=False, name=None)],
            index=k.index, dtype="string")
        extra = extra.mask(extra == "{}")
    else:
        extra = pd.Series(pd.NA, index=k.index, dtype="string")

    status_orig, status_code = _lifted(f, options.verification_status_field,
                                       lambda v: VERIFICATION_CODES.get(v.casefold()), keep)
    affil_orig, affil_code = _lifted(f, options.affiliation_field,
                                     (affiliation_codes or {}).get, keep)
    forces_orig, _ = _lifted(f, options.responsible_forces_field, lambda v: None, keep)

    record_key = _col(k, "record_key")
    locator = _locators(k["file"].astype("string"), k["source_row"], record_key)
    at_date, at_place = dates.codes[keep], places.codes[keep]
    age_codes = coded["age"].codes[keep]
    records = _materialize({
        "record_id": _Take(pd.Series(rid.array, dtype=rid.dtype), keep),
        "source_id": sid,
        "file": k["file"].astype("string"),
        "source_row": k["source_row"].astype("Int64"),
        "record_key": record_key,
        "name_fa_original": out("name_fa"),
        "name_fa": out("name_fa", name_fa_v),
        "name_fa_key": out("name_fa", map_unique(name_fa_v, persian_name_key).astype("string")),
        "name_latin_original": out("name_latin"),
        "name_latin": out("name_latin", name_latin_v),
        "name_latin_key": out("name_latin",
                              map_unique(name_latin_v, latin_name_key).astype("string")),
        "father_name_original": out("father_name"),
        "father_name": out("father_name", father_v),
        "gender_original": out("gender"),
        "gender_code": out("gender", gender_v.astype("string")),
        "age_original": out("age"),
        "age_low": _Take(ages["low"].astype("Int64"), age_codes),
        "age_high": _Take(ages["high"].astype("Int64"), age_codes),
        "city_original": _Take(city_orig, at_place),
        "city": _Take(city, at_place),
        "province_original": _Take(prov_orig, at_place),
        "province": _Take(province, at_place),
        "prison_original": out("prison"),
        "prison": _Take(prison, at_place),
        "execution_place_precision": _Take(precision, at_place),
        "execution_date_original": _Take(date_orig, at_date),
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
        "execution_date_jalali_original": _Take(jal_orig, at_date),
        "cause_original": _Take(cols["cause"], keep),
        "source_url": _Take(cols["source_url"], keep),
        "source_note": _Take(cols["source_note"], keep),
        "verification_status_original": status_orig,
        "verification_status_code": status_code,
        "political_affiliation_original": affil_orig,
        "political_affiliation_code": affil_code,
        "responsible_forces_original": forces_orig,
        "extra_original": extra,
        "is_duplicate_row": pd.Series(dup).astype("boolean"),
        "duplicate_of_record_id": first_id,
        "correction_ids": pd.Series(pd.NA, index=k.index, dtype="string"),
        "source_locator": locator,
        "_source_id": sid,
        "_file": k["file"].astype("string"),
        "_row": k["source_row"].astype("Int64"),
    })
    all_rejects = pd.concat([r for r in rejects if len(r)], ignore_index=True) if any(
        len(r) for r in rejects) else _reject_rows(f, pd.Series(False, index=f.index), sid, "",
                                                    "", pd.Series("", index=f.index),
                                                    pd.Series("", index=f.index))
    return ListResult(records, all_rejects)
