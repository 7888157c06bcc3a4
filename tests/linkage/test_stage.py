"""The link stage inside `run`: published, valid, stable across releases."""

from __future__ import annotations

import frictionless
import pandas as pd
import pytest

from pipeline import io, runner
from pipeline.config import REPO_ROOT, Paths
from pipeline.stages.link import LINK_TABLES, read_inputs
from pipeline.stages.publish import neutralize_formulas


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory):
    root = tmp_path_factory.mktemp("linkrun")
    paths = Paths.under(root, raw=REPO_ROOT / "raw", etc=REPO_ROOT / "pipeline" / "etc")
    first = runner.run(paths, version="0.3.0")
    # the next version with identical inputs (not published: nothing changed)
    second = runner.run(paths, version="0.3.1", do_publish=False)
    return paths, first, second


def test_link_tables_published_and_valid(two_releases):
    paths, first, _ = two_releases
    release = paths.published / "0.3.0"
    desc = frictionless.Package(str(release / "datapackage.json"))
    assert {t for t in LINK_TABLES} <= {r.name for r in desc.resources}
    assert frictionless.validate(str(release / "datapackage.json")).valid
    rec = set(first.tables["record"]["record_id"])
    rp = pd.read_csv(release / "csv/record_person.csv", dtype=str, keep_default_na=False)
    assert rp["record_id"].is_unique and set(rp["record_id"]) == rec
    person = pd.read_csv(release / "csv/person.csv", dtype=str, keep_default_na=False)
    assert set(rp["person_id"]) == set(person["person_id"])
    mp = pd.read_csv(release / "csv/match_pair.csv", dtype=str, keep_default_na=False)
    assert set(mp["record_id_l"]) | set(mp["record_id_r"]) <= rec
    assert (mp["record_id_l"] < mp["record_id_r"]).all()


def test_next_release_keeps_ids_byte_for_byte(two_releases):
    paths, first, second = two_releases
    for name in LINK_TABLES:
        published = (paths.published / "0.3.0" / "csv" / f"{name}.csv").read_bytes()
        again = io.csv_bytes(neutralize_formulas(second.tables[name], name))
        assert again == published, name
    assert second.tables["person_id_map"].empty
    inputs = read_inputs(paths, "0.3.1")  # the second run linked against the first release
    assert inputs.previous_version == "0.3.0"
    assert inputs.previous_record_person is not None
    assert len(inputs.previous_record_person) == len(first.tables["record"])


def test_reviewed_pairs_hold_in_the_bundled_output(two_releases):
    """Every reviewed pair (link_decisions.csv and the hand labels) holds in the published
    persons: 'different people' never in one person, 'same person' always joined; and every
    decision is published in match_pair with who and why."""
    paths, first, _ = two_releases
    release = paths.published / "0.3.0" / "csv"
    rp = pd.read_csv(release / "record_person.csv", dtype=str, keep_default_na=False)
    pid = dict(zip(rp["record_id"], rp["person_id"], strict=True))
    decisions = read_inputs(paths, "0.3.0").decisions
    assert len(decisions) >= 188  # the 188 hand labels at least
    checked = 0
    for a, b, d in zip(decisions["record_id_l"], decisions["record_id_r"],
                       decisions["decision"], strict=True):
        if a in pid and b in pid:
            checked += 1
            if d == "cannot_link":
                assert pid[a] != pid[b], (a, b)
            else:
                assert pid[a] == pid[b], (a, b)
    assert checked >= 180
    for a, b in (("iran_memorial_1988-makiani-abdol-karim-1988",
                  "iran_memorial_1988-makiani-abdol-rahim-1988"),
                 ("iran_memorial_1988-sehat-ardalan-1988",
                  "iran_memorial_1988-sehat-ardavan-1988"),
                 ("iran_memorial_1988-rezaei-1988", "iran_memorial_1988-rezai-1988")):
        assert pid[a] != pid[b]
    mp = pd.read_csv(release / "match_pair.csv", dtype=str, keep_default_na=False)
    decided = mp[mp["decision_code"] != "model"]
    assert len(decided) == checked
    assert (decided["decision_reviewer"] != "").all() and (decided["decision_reason"] != "").all()
    person = pd.read_csv(release / "person.csv", dtype=str, keep_default_na=False)
    assert {"gender_code", "is_gender_conflict"} <= set(person.columns)
