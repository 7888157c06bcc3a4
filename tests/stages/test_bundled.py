"""The full bundled raw/ (victim list included): pinned row counts and list facts."""

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import runner
from pipeline.config import REPO_ROOT, Paths


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    root = tmp_path_factory.mktemp("full")
    paths = Paths.under(root, raw=REPO_ROOT / "raw", etc=REPO_ROOT / "pipeline" / "etc")
    return paths, runner.run(paths, version="0.0.1")


def test_row_counts_match_the_reviewed_expectation(full):
    """tests/expected/row_counts.csv is reviewed: change it only with a reason in the commit."""
    _, report = full
    expected = pd.read_csv(REPO_ROOT / "tests/expected/row_counts.csv")
    got = report.accounting.drop(columns=["both"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_iran_memorial_records(full):
    _, report = full
    rec = report.tables["record"]
    mem = rec[rec["source_id"] == "iran_memorial_1988"]
    assert len(mem) == 3613  # 3,614 files; kazemi-maryam-1965 calls itself representative
    assert mem["record_id"].is_unique
    rej = report.tables["reject"]
    placeholder = rej[rej["reason_code"] == "placeholder_record"]
    assert list(placeholder["file"]) == [
        "raw/lists/iran_memorial_1988/records/kazemi-maryam-1965.yaml"]
    assert "iran_memorial_1988-kazemi-maryam-1965" not in set(mem["record_id"])
    # upstream facts first-class: every published record is `unverified` upstream
    assert (mem["verification_status_code"] == "unverified").all()
    assert (mem["verification_status_original"] == "unverified").all()
    has = mem["political_affiliation_original"].notna()
    assert has.sum() == 896 and mem.loc[has, "political_affiliation_code"].notna().all()
    assert mem["political_affiliation_code"][~has].isna().all()
    assert mem["responsible_forces_original"].notna().sum() > 2000
    # 2,889 year-only placeholders written as 1988-01-01 are year precision, never 1 January
    year = mem[mem["execution_date_precision"] == "year"]
    assert len(year) == 2889
    assert (year["execution_date"] == "1988").all()
    assert (year["execution_date_original"] == "1988-01-01").all()
    javid = mem.set_index("record_id").loc["iran_memorial_1988-javidfar-jafar-1988"]
    assert javid["name_fa_original"] == "جعفر جاويد فر"  # Arabic yeh kept in the original
    assert "ي" not in javid["name_fa"] and "ی" in javid["name_fa"]
    # the same person imported twice is two records (linkage decides), not an exact duplicate
    assert {"iran_memorial_1988-abarqui-khalil-1988",
            "iran_memorial_1988-abarqui-khalil-1988-2"} <= set(mem["record_id"])
    src = report.tables["source"].set_index("source_id").loc["iran_memorial_1988"]
    assert src["license"] == "CC-BY-SA-4.0" and "Boroumand" in src["citation"]


def test_formula_values_neutralized_in_csv_but_kept_in_parquet(full, tmp_path):
    from pipeline.stages.publish import neutralize_formulas

    paths, report = full
    rec = report.tables["record"].head(2).copy()
    rec.loc[rec.index[0], "name_latin"] = "=HYPERLINK(\"http://x\")"
    rec.loc[rec.index[1], "source_note"] = "@SUM(A1)"
    out = neutralize_formulas(rec, "record")
    assert out.iloc[0]["name_latin"] == "'=HYPERLINK(\"http://x\")"
    assert out.iloc[1]["source_note"] == "'@SUM(A1)"
    assert rec.iloc[0]["name_latin"].startswith("=")
    # the published parquet is written from the un-neutralized frame
    table = pq.read_table(paths.published / "0.0.1" / "parquet" / "record.parquet")
    assert table.num_rows == len(report.tables["record"])


def test_places_are_geocoded_only_as_far_as_the_gazetteer_knows(full):
    _, report = full
    place = report.tables["place"]
    assert place["coordinate_precision_code"].notna().all()
    geocoded = place["coordinate_precision_code"] == "city_centroid"
    assert geocoded.sum() >= 40  # the bundled places are mostly well-known cities
    assert place.loc[geocoded, ["lat", "lon", "geonames_id"]].notna().all().all()
    none = place["coordinate_precision_code"] == "not_geocoded"
    assert place.loc[none, ["lat", "lon", "geonames_id"]].isna().all().all()
    # a prison or grave shares its city's point: never a site of its own
    evin = place.set_index("place_id").loc["P_evin"]
    tehran = place.set_index("place_id").loc["P_behesht_zahra"]
    assert evin["coordinate_precision_code"] == "city_centroid"
    assert (evin["lat"], evin["lon"]) == (tehran["lat"], tehran["lon"])
    iran = place[(place["country_code"] == "IR") & geocoded]
    assert iran["lat"].between(25, 40).all() and iran["lon"].between(44, 64).all()
