"""Issue 11 items 6-8: placeholder records, first-class upstream facts, dates and places."""

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipeline.config import REPO_ROOT
from pipeline.errors import InputError
from pipeline.schemas import codes
from pipeline.transforms.geocode import build_gazetteer, fold, geocode_places
from pipeline.transforms.lists import ListOptions, normalize_list
from pipeline.transforms.placeholders import placeholder_marker


def frame(rows, file="raw/lists/x/list.csv"):
    df = pd.DataFrame(rows, dtype="string")
    return df.assign(file=file, sheet=pd.NA, source_row=pd.array(range(2, len(df) + 2),
                                                                      dtype="Int64"),
                     record_key=pd.NA)


# ---- 6. placeholder records ------------------------------------------------------------------

def test_a_row_the_source_marks_as_representative_goes_to_reject_with_the_marker():
    df = frame([
        {"name_latin": "Maryam Example", "city": "Evin Prison, Tehran (or other detention "
         "facility)", "x_notes": "This is a representative entry for the 1988 massacre."},
        {"name_latin": "Real Person", "city": "Tehran",
         "x_notes": "His case is an example of the commission's haste; for example, he was "
                    "tried in minutes. A sample of his letters survives."},
        {"name_latin": "Sample Row", "x_notes": "Sample record, do not cite"},
        {"name_fa": "رکورد نمونه", "city": "Tehran"},
        {"name_fa": "اصغر نمونه خواه", "city": "Tehran"},  # a surname, not a marker
        {"name_latin": "Hedged", "city": "Karaj (or another prison)"},
    ])
    res = normalize_list(df, ListOptions("x"))
    reasons = dict(zip(res.rejects["source_row"].astype(int), res.rejects["reason_code"],
                       strict=True))
    assert reasons == {2: "placeholder_record", 4: "placeholder_record",
                       5: "placeholder_record", 7: "placeholder_record"}
    assert len(res.records) + len(reasons) == len(df)  # nothing lost
    assert set(res.records["name_latin"].dropna()) == {"Real Person"}
    assert list(res.records["name_fa"].dropna()) == ["اصغر نمونه خواه"]
    first = res.rejects[res.rejects["source_row"] == 2].iloc[0]
    assert first["field"] == "city"
    assert first["value_original"] == "Evin Prison, Tehran (or other detention facility)"
    assert "hedged_place" in first["message"] and "representative entry" in first["message"]


@pytest.mark.parametrize("text,column,expected", [
    ("This is a representative entry", "notes", "placeholder_entry"),
    ("an illustrative record", "notes", "placeholder_entry"),
    ("template row", "notes", "placeholder_entry"),
    ("placeholder", "notes", "placeholder_word"),
    ("for illustration only", "notes", "placeholder_word"),
    ("نام فرضی", "notes", "placeholder_entry_fa"),
    ("Tehran (or other detention facility)", "city", "hedged_place"),
    ("تهران (یا زندان دیگر)", "prison", "hedged_place"),
    ("Tehran (or other detention facility)", "notes", None),  # a hedge only counts in places
    ("Tonekabon (Shahsavar)", "city", None),
    ("for example, he was a teacher", "notes", None),
    ("an exemplary student; samples of his poems", "notes", None),
    ("بهنام نمونه‌خواه", "name_fa", None),
])
def test_placeholder_markers_are_strong_phrases_only(text, column, expected):
    found = placeholder_marker(text, column)
    assert (found.split(":")[0] if found else None) == expected


def test_bundled_list_rejects_exactly_its_self_declared_representative_entry():
    """Every value of the bundled list checked against the rule (false positives)."""
    hits = {}
    for path in sorted((REPO_ROOT / "raw/lists/iran_memorial_1988/records").glob("*.yaml")):
        rec = yaml.safe_load(path.read_text(encoding="utf-8"))

        def walk(value, key):
            if isinstance(value, dict):
                for k, v in value.items():
                    yield from walk(v, k)
            elif isinstance(value, list):
                for v in value:
                    yield from walk(v, key)
            elif isinstance(value, str) and not value.startswith("http"):
                yield key, value

        for key, value in walk(rec, ""):
            column = "city" if key == "place_of_death" else key
            if placeholder_marker(value, column):
                hits.setdefault(path.stem, []).append(key)
    assert hits == {"kazemi-maryam-1965": ["place_of_death", "notes"]}


# ---- 7. verification status, affiliation, responsible forces ---------------------------------

def test_upstream_status_affiliation_and_forces_become_columns_original_kept():
    df = frame([
        {"name_latin": "A", "x_status": "unverified",
         "x_beliefs": "member of the People's Mojahedin\n Organization of Iran (PMOI)\n",
         "x_responsible_forces": "PMIO"},
        {"name_latin": "B", "x_status": "Verified", "x_beliefs": "affiliate of the Tudeh Party",
         "x_responsible_forces": "Islamic Republic"},
        {"name_latin": "C", "x_status": "checked twice", "x_beliefs": "a text nobody reviewed"},
        {"name_latin": "D"},
    ])
    table = {"member of the People's Mojahedin Organization of Iran (PMOI)": "mek",
             "affiliate of the Tudeh Party": "tudeh"}
    options = ListOptions("x", verification_status_field="status", affiliation_field="beliefs",
                          responsible_forces_field="responsible_forces")
    rec = normalize_list(df, options, table).records
    assert list(rec["verification_status_code"].fillna("-")) == [
        "unverified", "verified", "-", "-"]
    assert list(rec["verification_status_original"].fillna("-")) == [
        "unverified", "Verified", "checked twice", "-"]
    assert list(rec["political_affiliation_code"].fillna("-")) == ["mek", "tudeh", "-", "-"]
    assert rec["political_affiliation_original"].iloc[0] == (
        "member of the People's Mojahedin\n Organization of Iran (PMOI)\n")  # verbatim
    assert rec["political_affiliation_original"].iloc[2] == "a text nobody reviewed"
    assert list(rec["responsible_forces_original"].fillna("-")) == [
        "PMIO", "Islamic Republic", "-", "-"]
    # still in extra_original too: nothing of the source is dropped
    assert json.loads(rec["extra_original"].iloc[0])["status"] == "unverified"


def test_a_list_without_those_fields_gets_empty_columns():
    rec = normalize_list(frame([{"name_latin": "A", "x_status": "verified"}]),
                         ListOptions("x")).records
    for col in ("verification_status_original", "verification_status_code",
                "political_affiliation_original", "political_affiliation_code",
                "responsible_forces_original"):
        assert rec[col].isna().all(), col


def _map_rows():
    path = REPO_ROOT / "pipeline/etc/codes/political_affiliation_map.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_affiliation_map_covers_every_bundled_text_with_a_known_code():
    rows = _map_rows()
    assert {r["political_affiliation_code"] for r in rows} <= set(codes.POLITICAL_AFFILIATION)
    reviewed = {" ".join(r["political_affiliation_original"].split()) for r in rows}
    texts = set()
    for path in (REPO_ROOT / "raw/lists/iran_memorial_1988/records").glob("*.yaml"):
        beliefs = yaml.safe_load(path.read_text(encoding="utf-8")).get("beliefs")
        if beliefs:
            texts.add(" ".join(beliefs.split()))
    assert texts - reviewed == set()  # a new upstream text must be reviewed first
    assert reviewed - texts == set()  # and the table holds no stale entry


def test_affiliation_map_with_an_unknown_code_is_one_clear_error(tmp_path):
    from pipeline.stages.ingest import POLITICAL_AFFILIATION_MAP, _political_affiliation_codes

    class P:
        etc = tmp_path

        @staticmethod
        def show_etc(p: Path) -> str:
            return "pipeline/etc/" + p.relative_to(tmp_path).as_posix()

    (tmp_path / "codes").mkdir()
    (tmp_path / POLITICAL_AFFILIATION_MAP).write_text(
        "political_affiliation_original,political_affiliation_code,note\n"
        "member of the Tudeh Party,tudeh,\nmember of X,communist,\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        _political_affiliation_codes(P)
    text = str(err.value)
    assert "political_affiliation_map.csv" in text and "communist" in text
    assert "3" in text and "political_affiliation_code" in text


# ---- 8. dates: both kept ------------------------------------------------------------------------

def test_row_with_jalali_and_gregorian_dates_keeps_both():
    res = normalize_list(frame([
        {"name_latin": "A", "date_of_execution_gregorian": "1988-08-03",
         "date_of_execution_jalali": "۱۳۶۷/۰۵/۱۲"},
        {"name_latin": "B", "date_of_execution_jalali": "مرداد ۱۳۶۷"},
        {"name_latin": "C", "date_of_execution_gregorian": "1988-08-03"},
    ]), ListOptions("x"))
    a, b, c = (res.records.iloc[i] for i in range(3))
    assert a["execution_date"] == "1988-08-03" and a["execution_date_calendar"] == "gregorian"
    assert a["execution_date_original"] == "1988-08-03"
    assert a["execution_date_jalali"] == "1367-05-12"
    assert a["execution_date_jalali_original"] == "۱۳۶۷/۰۵/۱۲"
    assert b["execution_date_jalali"] == "1367-05" and b["execution_date_calendar"] == "jalali"
    assert b["execution_date_jalali_original"] == "مرداد ۱۳۶۷"
    assert pd.isna(c["execution_date_jalali"]) and pd.isna(c["execution_date_jalali_original"])


def test_jalali_and_gregorian_dates_that_contradict_each_other_are_quarantined():
    res = normalize_list(frame([
        {"name_latin": "A", "date_of_execution_gregorian": "1988-08-10",
         "date_of_execution_jalali": "۱۳۶۷/۰۵/۱۲"},  # 1367-05-12 is 1988-08-03
        {"name_latin": "B", "date_of_execution_gregorian": "1988-08-10",
         "date_of_execution_jalali": "مرداد ۱۳۶۷"},  # Mordad: 07-23..08-22, contains it
    ]), ListOptions("x"))
    assert list(res.records["name_latin"]) == ["B"]
    bad = res.rejects.iloc[0]
    assert (int(bad["source_row"]), bad["reason_code"]) == (2, "inconsistent_values")
    assert bad["field"] == "date_of_execution_gregorian,date_of_execution_jalali"
    assert bad["value_original"] == "1988-08-10 / ۱۳۶۷/۰۵/۱۲"
    assert "1988-08-03..1988-08-03" in bad["message"] and "do not overlap" in bad["message"]


# ---- 8. places: geocoding -----------------------------------------------------------------------

GAZ = build_gazetteer([
    {"geonameid": 1, "name": "Tehran", "latitude": 35.69, "longitude": 51.42,
     "countrycode": "IR", "alternatenames": ["Teheran", "تهران"]},
    {"geonameid": 2, "name": "Karaj", "latitude": 35.83, "longitude": 50.99,
     "countrycode": "IR", "alternatenames": ["کرج"]},
    {"geonameid": 3, "name": "Saleh Abad", "latitude": 33.4, "longitude": 46.2,
     "countrycode": "IR", "alternatenames": []},
    {"geonameid": 4, "name": "Saleh Abad", "latitude": 35.1, "longitude": 50.5,
     "countrycode": "IR", "alternatenames": []},
    {"geonameid": 5, "name": "Washington, D.C.", "latitude": 38.9, "longitude": -77.0,
     "countrycode": "US", "alternatenames": []},
    {"geonameid": 6, "name": "Teheran", "latitude": 1.0, "longitude": 1.0,
     "countrycode": "US", "alternatenames": []},
])


def test_places_get_source_coordinates_or_a_labelled_city_centroid():
    places = pd.DataFrame([
        {"place_id": "evin", "place_kind_code": "prison", "name_latin": "Evin Prison",
         "name_fa": None, "city": "Tehran", "country_code": "IR", "lat": None, "lon": None},
        {"place_id": "site", "place_kind_code": "mass_grave", "name_latin": "A grave",
         "name_fa": None, "city": "Karaj", "country_code": "IR", "lat": 35.5, "lon": 51.0},
        {"place_id": "dc", "place_kind_code": "city", "name_latin": "Washington, DC",
         "name_fa": None, "city": "Washington DC", "country_code": "US", "lat": None,
         "lon": None},
        {"place_id": "fa", "place_kind_code": "city", "name_latin": "Somewhere",
         "name_fa": "كرج", "city": None, "country_code": "IR", "lat": None, "lon": None},
        {"place_id": "amb", "place_kind_code": "mass_grave", "name_latin": "Grave",
         "name_fa": None, "city": "Saleh-Abad", "country_code": "IR", "lat": None, "lon": None},
        {"place_id": "area", "place_kind_code": "city", "name_latin": "Kermanshah area",
         "name_fa": None, "city": "Kermanshah area", "country_code": "IR", "lat": None,
         "lon": None},
    ])
    out = geocode_places(places, GAZ).set_index("place_id")
    assert list(out.index) == list(places["place_id"])  # rows kept, in order
    assert out.loc["evin", "coordinate_precision_code"] == "city_centroid"
    assert (out.loc["evin", "lat"], out.loc["evin", "geonames_id"]) == (35.69, 1)
    assert out.loc["site", "coordinate_precision_code"] == "source_given"
    assert (out.loc["site", "lat"], out.loc["site", "lon"]) == (35.5, 51.0)
    assert pd.isna(out.loc["site", "geonames_id"])
    assert out.loc["dc", "geonames_id"] == 5
    assert out.loc["fa", "geonames_id"] == 2  # Persian name, Arabic kaf folded
    for pid in ("amb", "area"):  # ambiguous / not in the gazetteer: never guessed
        assert out.loc[pid, "coordinate_precision_code"] == "not_geocoded"
        assert pd.isna(out.loc[pid, "lat"]) and pd.isna(out.loc[pid, "lon"])


def test_geocoding_stays_inside_the_country_and_prefers_the_own_name():
    assert GAZ.find("IR", "Teheran").geonames_id == 1  # alternate name, in IR only
    assert GAZ.find("US", "Teheran").geonames_id == 6  # own name in the US
    assert GAZ.find("GB", "Tehran") is None
    assert fold("Shahr-e Kord") == fold("shahr e kord")
    empty = geocode_places(pd.DataFrame(columns=["place_id", "lat", "lon"]), GAZ)
    assert list(empty.columns)[-2:] == ["coordinate_precision_code", "geonames_id"]


def test_real_gazetteer_finds_the_bundled_iranian_cities():
    from pipeline.transforms.geocode import geonames_gazetteer

    gaz = geonames_gazetteer()
    for name in ("Tehran", "Karaj", "Mashhad", "Ahvaz", "Isfahan", "Tabriz", "تهران"):
        city = gaz.find("IR", name)
        assert city is not None and 24 < city.lat < 40 and 44 < city.lon < 64, name


# ---- 8. places in records: no "Unknown" city, a prison is a prison -----------------------------

def test_unknown_place_is_no_place_and_a_prison_in_the_city_column_is_a_prison():
    df = frame([
        {"name_latin": "A", "city": "Unknown"},
        {"name_latin": "B", "city": "نامعلوم", "province": "Fars"},
        {"name_latin": "C", "city": "Comite Moshtarak-e Tupkhaneh", "province": "Tehran"},
        {"name_latin": "D", "city": "Tehran", "prison": " Evin "},
        {"name_latin": "E", "city": "Afghanistan"},
    ])
    options = ListOptions("x", country_only_places=("Afghanistan",),
                          prison_places=("Comite Moshtarak-e Tupkhaneh",))
    rec = normalize_list(df, options).records.set_index("name_latin")
    assert pd.isna(rec.loc["A", "city"]) and rec.loc["A", "execution_place_precision"] == "unknown"
    assert rec.loc["A", "city_original"] == "Unknown"  # original kept
    assert pd.isna(rec.loc["B", "city"]) and rec.loc["B", "execution_place_precision"] == "province"
    assert rec.loc["C", "prison"] == "Comite Moshtarak-e Tupkhaneh"
    assert pd.isna(rec.loc["C", "city"])
    assert pd.isna(rec.loc["C", "prison_original"])  # the list had no prison column value
    assert rec.loc["C", "execution_place_precision"] == "site"
    assert (rec.loc["D", "city"], rec.loc["D", "prison"]) == ("Tehran", "Evin")
    assert rec.loc["D", "execution_place_precision"] == "site"
    assert rec.loc["E", "execution_place_precision"] == "country"
    plain = normalize_list(df, ListOptions("x")).records.set_index("name_latin")
    assert plain.loc["C", "city"] == "Comite Moshtarak-e Tupkhaneh"  # only by judgement
