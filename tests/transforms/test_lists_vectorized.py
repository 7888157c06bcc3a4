"""The Arrow (RE2) forms of cleaning._clean_text and lists._placeholders against the per-value
Python functions they replaced (kept here verbatim as the reference): same values, same nulls,
same dtype, on text mixing Latin, Persian/Arabic letters, ZWNJ, ASCII/Persian/Arabic digits,
every character str.split() splits on, the characters Python's re.I folds onto ASCII letters,
and the phrases the placeholder rule looks for. Also: the cached Jalali conversions give what
jdatetime gives."""

from __future__ import annotations

import re
import sys

import jdatetime
import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.transforms import cleaning, lists, placeholders
from pipeline.transforms.cleaning import _clean_text
from pipeline.transforms.coded import _col, _distinct
from pipeline.transforms.dates import (
    COLUMNS,
    _parse,
    _row,
    jalali_month_bounds,
    jalali_to_gregorian,
    parse_dates,
)
from pipeline.transforms.lists import TEMPLATE_COLUMNS, _placeholders
from pipeline.transforms.names import map_unique, normalize_persian
from pipeline.transforms.placeholders import PLACEHOLDER_MARKERS, placeholder_marker

SETTINGS = settings(max_examples=300, deadline=None)

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")


def old_clean_text(s: pd.Series) -> pd.Series:
    """cleaning._clean_text before it ran in Arrow (verbatim)."""
    def one(text: str) -> str | None:
        if _ARABIC_SCRIPT.search(text):
            return normalize_persian(text)
        out = " ".join(text.split())
        return out or None

    return map_unique(s, one).astype("string")


def old_placeholders(f: pd.DataFrame, coded: dict, extra_cols: list[str]):
    """lists._placeholders before its RE2 prefilter (verbatim)."""
    hit = np.zeros(len(f), dtype=bool)
    found: dict[int, list[tuple[str, str, str]]] = {}
    scan = [c for c in TEMPLATE_COLUMNS if c in f.columns and c != "source_url"] + extra_cols
    for c in scan:
        d = coded[c] if c in coded else _distinct(c, _col(f, c))
        vals = d.values[c]
        field = c[2:] if c.startswith("x_") else c
        marks = [None if v is None or pd.isna(v) else placeholder_marker(str(v), field)
                 for v in vals]
        if not any(marks):
            continue
        marked = np.array([m is not None for m in marks])[d.codes]
        for row in np.flatnonzero(marked):
            code = d.codes[row]
            found.setdefault(int(row), []).append((field, str(marks[code]), str(vals[code])))
        hit |= marked
    return hit, found


SPACES = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
RE_I_ODD = "\u0130\u0131\u212a\u017f"  # İ ı K ſ: re.I matches them to i, i, k, s
LETTERS = ("abcdeiklmnoprstuxyzABCDEIKLMNOPRSTXYZ"
           "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكةۀأإآءئؤ\u064b\u0670\u0640"
           "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩\u200c\u200d()/-.,")
PHRASES = ("sample record", "Sample  Row", "TEST entry", "test\tprofile", "placeholder",
           "lorem ipsum", "for illustrative purposes", "for illustration", "Illustrative Entry",
           "ſample record", "\u212aest", "fıctional record", "SAMPLE İNDEX", "İllustrative row",
           "fictitious row", "testing", "contest entry",
           "رکورد نمونه", "نام\u200cی فرضی", "داده\u200c ساختگی", "مدخل آزمایشی", "نمونه",
           "ورودی\u00a0نمونه", "(or other detention facility)", "( and/or another city)",
           "(یا زندان دیگر)", "(و یا سایر)", "(or", " ( or  any )", "Evin", "اوین")
piece = st.one_of(st.text(alphabet=LETTERS + SPACES + RE_I_ODD, max_size=8),
                  st.sampled_from(PHRASES), st.sampled_from(list(SPACES)))
texts = st.lists(piece, max_size=5).map("".join)
cells = st.one_of(st.none(), texts)


def _same(new: pd.Series, old: pd.Series) -> None:
    assert new.dtype == old.dtype
    assert new.index.equals(old.index)
    assert new.isna().tolist() == old.isna().tolist()
    assert new.fillna("\0").tolist() == old.fillna("\0").tolist()


def test_py_space_is_str_split():
    """_PY_SPACE names exactly the characters str.split() splits on."""
    listed = {int(h, 16) for h in re.findall(r"\\x\{([0-9a-f]+)\}", cleaning._PY_SPACE)}
    assert listed == {ord(c) for c in SPACES}


@SETTINGS
@given(st.lists(cells, max_size=12))
def test_clean_text_equals_per_value(values):
    s = pd.Series(values, dtype="string", index=range(10, 10 + len(values)))
    _same(_clean_text(s), old_clean_text(s))


def test_clean_text_examples():
    s = pd.Series(["  a\u2003 b\x1c", "\u00a0", None, "علي\u200c\u200c رضا ", "x\u0640y",
                   "ſ  K", ""], dtype="string")
    _same(_clean_text(s), old_clean_text(s))
    assert _clean_text(s).tolist()[:3] == ["a b", pd.NA, pd.NA]


def _frame(rows: list[dict]) -> pd.DataFrame:
    f = pd.DataFrame(rows, columns=[*TEMPLATE_COLUMNS, "x_note"]).astype("string")
    f["file"] = "f.csv"
    f["source_row"] = range(2, 2 + len(f))
    return f


columns = ("name_fa", "name_latin", "city", "prison", "cause", "source_note", "source_url",
           "x_note")


@SETTINGS
@given(st.lists(st.fixed_dictionaries({c: cells for c in columns}), max_size=10))
def test_placeholders_equal_per_value(rows):
    f = _frame(rows)
    coded = {c: _distinct(c, _col(f, c)) for c in TEMPLATE_COLUMNS if c not in lists.PASSTHROUGH}
    hit, found = _placeholders(f, coded, ["x_note"])
    old_hit, old_found = old_placeholders(f, coded, ["x_note"])
    assert hit.tolist() == old_hit.tolist()
    assert found == old_found


def test_placeholders_find_each_marker_once_per_field():
    f = _frame([{"name_latin": "Sample Record", "city": "Evin (or other prison)"},
                {"name_fa": "رکورد\u200cی نمونه", "x_note": "for illustrative purposes"},
                {"name_latin": "\u017fample row", "source_url": "http://x/sample-record"},
                {"name_latin": "Ali Test", "cause": "contest entry"},
                {"source_note": "fıctional record"}])
    coded = {c: _distinct(c, _col(f, c)) for c in TEMPLATE_COLUMNS if c not in lists.PASSTHROUGH}
    hit, found = _placeholders(f, coded, ["x_note"])
    assert hit.tolist() == [True, True, True, False, True]
    assert [m for _, m, _ in found[0]] == ['placeholder_entry: "Sample Record"',
                                          'hedged_place: "(or other prison)"']
    assert [fld for fld, _, _ in found[1]] == ["name_fa", "note"]
    assert found[2] == [("name_latin", 'placeholder_entry: "\u017fample row"', "\u017fample row")]
    assert found[4] == [("source_note", 'placeholder_entry: "fıctional record"',
                         "fıctional record")]
    assert found == old_placeholders(f, coded, ["x_note"])[1]


def test_prefilter_covers_every_marker_pattern():
    """Each marker pattern's literal words are in the prefilter (a new marker must be added)."""
    assert len(PLACEHOLDER_MARKERS) == 4
    for word in ("representative", "placeholder", "lorem", "illustrat", "نمونه", "فرضی",
                 "ساختگی", "آزمایشی"):
        assert word in placeholders._PLACEHOLDER_PREFILTER


@settings(max_examples=200, deadline=None)
@given(st.integers(1300, 1420), st.integers(1, 12), st.integers(1, 31))
def test_cached_jalali_conversions_equal_jdatetime(y, m, d):
    assert jalali_month_bounds(y, m) == jalali_month_bounds.__wrapped__(y, m)
    try:
        expected = jdatetime.date(y, m, d).togregorian()
    except ValueError:
        expected = None
    for _ in range(2):  # a cache miss, then a hit
        try:
            got = jalali_to_gregorian(y, m, d)
        except ValueError:
            got = None
        assert got == expected


def test_parse_dates_unchanged_by_cache():
    values = pd.Series(["۱۳۶۷/۵/۸", "1367-05", "تابستان ۱۳۶۷", "1367-12-30", "1367-12-31",
                        "۱۳۶۷ مرداد", None, "1367"] * 3, dtype="string")
    jalali_to_gregorian.cache_clear()
    jalali_month_bounds.cache_clear()
    cold = parse_dates(values, "jalali")
    warm = parse_dates(values, "jalali")
    pd.testing.assert_frame_equal(cold, warm)
    assert cold["earliest"].iloc[0] == "1988-07-30"
    assert cold["error"].iloc[4] is not pd.NA


def old_parse_dates(values: pd.Series, calendar: str) -> pd.DataFrame:
    """transforms.dates.parse_dates before it normalized the distinct values as one batch."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    rows = [_row(_parse(value, calendar)) for value in uniques] + [_row(_parse(None, calendar))]
    table = pd.DataFrame(rows, columns=COLUMNS, dtype="string")
    out = table.iloc[np.where(codes < 0, len(uniques), codes)]
    return out.set_axis(values.index, axis=0)


DATE_PARTS = ("1367", "۱۳۶۷", "١٣٦٧", "1988", "67", "5", "۵", "12", "30", "31", "/", "-", ".",
              " ", "\u200c", "\u00a0", "مرداد", "شهریور", "تابستان", "Mordad", "August", "aug",
              "ش", "هـ.ش", "AD", "?", "؟", "circa", "حدود", "نامعلوم", "unknown", "between ",
              " and ", " تا ", "ي", "ك", "\u0640", "ā")
date_texts = st.lists(st.sampled_from(DATE_PARTS), max_size=6).map("".join)


@SETTINGS
@given(st.lists(st.one_of(st.none(), date_texts), max_size=10),
       st.sampled_from(["jalali", "gregorian"]))
def test_parse_dates_equals_per_value(values, calendar):
    s = pd.Series(values, dtype="string", index=range(5, 5 + len(values)))
    pd.testing.assert_frame_equal(parse_dates(s, calendar), old_parse_dates(s, calendar))


def old_real_name(s: pd.Series) -> pd.Series:
    """cleaning._real_name before it folded only the short values (verbatim)."""
    folded = cleaning._folded(s)
    return s.mask(folded.isin(cleaning.NAME_SENTINELS) | (folded == ""))


name_cells = st.one_of(st.none(), texts, st.sampled_from(sorted(cleaning.NAME_SENTINELS)),
                       st.sampled_from([" Unknown ", "N/A", "UNDEFINED", "ß", "\u00a0-\u3000",
                                        "undefineds", "نامعلوم\u200c", " ناشناس", "İ"]))


@SETTINGS
@given(st.lists(name_cells, max_size=12))
def test_real_name_equals_per_value(values):
    s = pd.Series(values, dtype="string", index=range(3, 3 + len(values)))
    _same(cleaning._real_name(s), old_real_name(s))
    assert cleaning._real_name(pd.Series(["Unknown", "Ali"], dtype="string")).isna().tolist() == [
        True, False]
