"""`link`'s combined person-name comparison (issue 13 item 3): the given name, surname and
Persian full name are one name, not three independent pieces of evidence."""

import duckdb
import pandas as pd

from pipeline.linkage import synthetic
from pipeline.linkage.blocking import combined_blocking
from pipeline.linkage.comparisons import comparison
from pipeline.linkage.engine import (
    UID,
    CompareSpec,
    EngineOptions,
    _fa_skeleton,
    _skeleton,
    combine_person_names,
    prepare,
)
from pipeline.linkage.general import parse_compare

SPECS = [CompareSpec("given_name", "name"), CompareSpec("surname", "name"),
         CompareSpec("name_fa", "name"), CompareSpec("father_name", "name"),
         CompareSpec("city", "exact")]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        UID: ["a", "b", "c"],
        "given_name": ["Hossein", "Husain", None],
        "surname": ["Rezaei Jahromi", "Rezaei", "Karimi"],
        "name_fa": ["حسین رضایی جهرمی", None, "علی کریمی"],
        "father_name": ["Ali", None, None],
        "city": ["Shiraz", "Shiraz", None],
    }).astype("string")


def test_person_name_columns_become_one_name_per_script():
    prep, specs = combine_person_names(prepare(_frame(), SPECS), SPECS)
    assert [s.column for s in specs] == ["person_name_fa", "person_name_latin",
                                         "father_name", "city"]
    fa = prep["person_name_fa__k"].tolist()
    la = prep["person_name_latin__k"].tolist()
    assert fa[0] is not pd.NA and "رضایی" in fa[0] and pd.isna(fa[1])
    assert la[0].split()[0] == prep["given_name__k"][0] and "rezaei" in la[1]
    assert la[2] == prep["surname__k"][2]  # a missing given name leaves the surname
    # blocking keys: transliterations (Hossein / Husain) share the consonant skeleton word
    assert prep["person_name_latin__w2"][0] == prep["person_name_latin__w2"][1] or \
        prep["person_name_latin__sk"][0].startswith(prep["person_name_latin__sk"][1][:3])


def test_skeletons_fold_spelling_variants_only():
    assert _skeleton("hossein") == _skeleton("husain") == "hsn"
    assert _skeleton("mohammadzadeh") == _skeleton("mohamadzade")
    assert _skeleton("karimi") != _skeleton("rahimi")
    assert _fa_skeleton("صلطانپور") == _fa_skeleton("سلطانپور")
    assert _fa_skeleton("کریمی") != _fa_skeleton("رحیمی")


def test_date_less_precise_is_its_own_level():
    levels = comparison(CompareSpec("d", "date"), [])["comparison_levels"]
    sql = next(lv["sql_condition"] for lv in levels
               if lv["label_for_charts"].startswith("one is a less precise"))
    con = duckdb.connect()
    probe = con.execute(
        f"SELECT {sql} FROM (VALUES ('198809', '19880913'), ('19880913', '198809'), "
        "('198809', '19881013')) t(\"d__k_l\", \"d__k_r\")").fetchall()
    assert [r[0] for r in probe] == [True, True, False]


def test_blocking_grows_with_the_list_not_its_square():
    specs = parse_compare(synthetic.REALISTIC_COMPARE)
    per_record = []
    for n in (5_000, 20_000):
        df, truth = synthetic.make_realistic(n, seed=11)
        data = df[[s.column for s in specs]].astype("string").assign(**{UID: df["rec_id"]})
        prep, ms = combine_person_names(prepare(data, specs), specs)
        keys = combined_blocking(prep, ms, EngineOptions())
        pairs: set[tuple[str, str]] = set()
        for k in keys:
            ok = prep.dropna(subset=list(k))
            m = ok.merge(ok, on=list(k), suffixes=("_l", "_r"))
            m = m[m[f"{UID}_l"] < m[f"{UID}_r"]]
            pairs |= set(zip(m[f"{UID}_l"], m[f"{UID}_r"], strict=True))
        per_record.append(len(pairs) / len(df))
        assert len(pairs & truth) >= 0.97 * len(truth)  # blocking keeps the true pairs
    assert per_record[1] < 10 and per_record[1] < 4 * per_record[0] + 1
