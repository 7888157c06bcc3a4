"""The 0.4.0 audit's defects, checked on the bundled facts and report coding (no victim
list): the same publication's events published once although one coder left the city empty,
E018 replaced by the finer report coding, reject locators that point to the right record,
happenings that a year alone or an empty city no longer joins wrongly, curated subjects in
the report coding's vocabulary."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest

from pipeline.config import REPO_ROOT, Paths
from pipeline.stages import ingest, normalize, snapshot, validate


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, pd.DataFrame]:
    root = tmp_path_factory.mktemp("facts")
    shutil.copytree(REPO_ROOT / "raw", root / "raw", ignore=shutil.ignore_patterns("lists"))
    shutil.copytree(REPO_ROOT / "pipeline" / "etc", root / "pipeline" / "etc")
    paths = Paths.under(root)
    raw = ingest.run(paths, snapshot.run(paths))
    return validate.run(normalize.run(raw)).tables


def test_an_empty_city_does_not_publish_the_same_event_twice(built) -> None:
    event, rejects = built["event"], built["reject"]
    twins = {"r032-e1": "EV_2020_un_letter_sent", "r028-e1": "EV_2016_montazeri_tape_alt",
             "r028-e2": "EV_2016_ahmad_montazeri", "r028-e3": "EV_2017_mois_audio_demand",
             "r029-e1": "EV_2016_ahmad_summoned"}
    assert not set(twins) & set(event["event_id"])
    assert set(twins.values()) <= set(event["event_id"])
    dup = rejects[rejects["reason_code"] == "duplicate_evidence"].set_index("value_original")
    for coded, curated in twins.items():
        assert dup.loc[coded, "message"].endswith(f"event {curated}")


def test_e018_gives_way_to_one_claim_per_figure_and_claimant(built) -> None:
    claim = built["claim"].set_index("claim_id")
    assert "E018" not in claim.index
    assert not ((claim["value_low"] == 11000) & (claim["value_high"] == 20000)).any()
    c3, c4 = claim.loc["r014-c3"], claim.loc["r014-c4"]
    assert (c3["claimant_name"], c3["value_qualifier_code"], c3["value_low"]) == (
        "Iran Tribunal", "at_least", 11000)
    assert c4["claimant_name"].startswith("alternative estimations")
    assert (c4["value_qualifier_code"], c4["value_low"]) == ("at_least", 20000)
    assert c3["claim_scope"] == c4["claim_scope"] == "nationwide, 1980s"
    assert "r014-c3" not in set(built["reject"]["value_original"])


def test_every_reject_locator_points_to_its_record(built) -> None:
    """`file#row=N` is record N of the file (RFC 7111, header = 1): the id it names is there,
    even after claims.csv's multi-line quote (r023-c2)."""
    rejects = built["reject"]
    coded = rejects[rejects["file"].str.startswith("pipeline/etc/coding/")
                    | rejects["file"].str.startswith("raw/facts_1988/")]
    assert len(coded) >= 10
    checked = 0
    for rec in coded.to_dict("records"):
        with (REPO_ROOT / rec["file"]).open(newline="", encoding="utf-8") as fh:
            records = [r for r in csv.reader(fh) if r]
        assert rec["reject_id"].startswith(f"{rec['file']}#row={rec['source_row']}")
        assert rec["value_original"] in records[int(rec["source_row"]) - 1], rec["reject_id"]
        checked += 1
    assert checked == len(coded)
    with (REPO_ROOT / "pipeline/etc/coding/claims.csv").open(newline="", encoding="utf-8") as fh:
        physical = fh.read().count("\n")
    assert physical > sum(1 for _ in csv.reader(
        (REPO_ROOT / "pipeline/etc/coding/claims.csv").open(newline="", encoding="utf-8")))


def test_happenings_need_more_than_type_and_year(built) -> None:
    hid = built["event"].set_index("event_id")["happening_id"]
    assert hid["EV_2016_downing_mock"] != hid["EV_2016_london_nov19"]
    assert hid["EV_2018_amnesty_bss"] == hid["r043-e2"]  # the only candidate, no city
    assert hid["EV_2019_noury_arrest"] == hid["r007-e1"]  # one arrest, one type
    wave = built["event"][built["event"]["event_type"] == "execution_wave"]
    in_1988 = wave[wave["event_date_earliest"].astype(str).str.startswith("1988")]
    assert in_1988["happening_id"].nunique() == 1


def test_curated_claims_use_the_report_coding_subjects(built) -> None:
    claim = built["claim"].set_index("claim_id")
    table = pd.read_csv(REPO_ROOT / "pipeline/etc/coding/recoding.csv", dtype=str)
    subjects = table[table["field"] == "subject_code"]
    assert len(subjects) >= 8
    for rec in subjects.to_dict("records"):
        assert claim.loc[rec["id"], "subject_code"] == rec["value"]
    curated = claim[claim["coding_method"] == "curated"]
    assert "other" not in set(curated["subject_code"])
    assert {"cities", "mass_grave_locations", "mass_graves_threatened"} <= set(
        curated["subject_code"])


def test_a_jalali_day_keeps_its_jalali_form(built) -> None:
    event = built["event"].set_index("event_id")
    r020 = event.loc["r020-e1"]
    assert (r020["event_date_calendar"], r020["event_date_jalali"]) == ("jalali", "1381-06-08")
    assert str(r020["event_date_earliest"])[:10] == str(r020["event_date_latest"])[:10] == (
        "2002-08-30")
    # no row whose evidence gives a Persian-script Jalali date with its year is Gregorian
    persian = event[event["evidence"].fillna("").str.contains(
        r"(?:فروردين|فروردین|ارديبهشت|اردیبهشت|خرداد|تير|تیر|مرداد|شهريور|شهریور|مهر|آبان|آذر|دی|دي|"
        r"بهمن|اسفند)(?:\s*ماه)?\s*(?:سال\s*)?[0-9۰-۹٠-٩]{2,4}", regex=True)]
    assert len(persian) >= 5
    assert set(persian["event_date_calendar"]) == {"jalali"}


def test_reviewed_source_links(built) -> None:
    source = built["source"].set_index("source_id")
    assert "iranrights_hrw_2005" not in source.index
    assert "iranrights_hrw_2005" in source.loc["refworld_hrw_2005", "merged_source_ids"]
    assert source.loc["pmoi_ai_ua_1988", "reproduces_source_id"] == "amnesty_ua_1988"
    linked = source["reproduces_source_id"].dropna()
    assert set(linked) <= set(source.index)
    rejects = built["reject"].set_index("value_original")
    assert rejects.loc["iranrights_hrw_2005", "reason_code"] == "excluded_by_review"
