"""link_records on a slice of the real list: splink on DuckDB, decisions, stable ids."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pipeline import io
from pipeline.linkage import MODEL_KEY, link_records
from pipeline.linkage.decisions import parse_decisions

TWICE = ("iran_memorial_1988-abarqui-khalil-1988", "iran_memorial_1988-abarqui-khalil-1988-2")


@pytest.fixture(scope="module")
def linked(records, settings):
    return link_records(records, None, None, settings)


def _pid(out):
    return out["record_person"].set_index("record_id")["person_id"]


def _decisions(rows):
    df = pd.DataFrame(rows, columns=["record_id_l", "record_id_r", "decision", "reviewer",
                                     "reason", "decided_date"], dtype="string")
    return parse_decisions(df, file="test")


def test_every_record_in_exactly_one_person(linked, records):
    rp = linked["record_person"]
    assert sorted(rp["record_id"]) == sorted(records["record_id"])
    assert set(rp["person_id"]) == set(linked["person"]["person_id"])
    assert linked["person"]["record_count"].sum() == len(records)
    pid = _pid(linked)
    assert pid[TWICE[0]] == pid[TWICE[1]]  # imported twice -> one person
    assert len(linked["person"]) < len(records)


def test_model_is_fitted_json(linked):
    model = json.loads(linked[MODEL_KEY]["model_json"].iloc[0])
    assert model["link_type"] == "dedupe_only"
    levels = [lv for c in model["comparisons"] for lv in c["comparison_levels"]]
    assert any("m_probability" in lv for lv in levels)  # EM-estimated, not hand weights
    assert "linker_uid" not in model


def test_identical_inputs_give_identical_output(linked, records, settings):
    shuffled = records.sample(frac=1, random_state=1).reset_index(drop=True)
    again = link_records(shuffled, None, None, settings)
    for name in ("person", "record_person", "match_pair", "person_id_map"):
        assert io.csv_bytes(again[name]) == io.csv_bytes(linked[name]), name
    assert again[MODEL_KEY]["model_json"].iloc[0] == linked[MODEL_KEY]["model_json"].iloc[0]


def test_adding_a_new_list_keeps_existing_ids(linked, records, settings):
    new = records.head(40).copy()
    new["record_id"] = "other_list-" + pd.Series(range(40)).map("{:06d}".format).to_numpy()
    new["source_id"] = "other_list"
    out = link_records(pd.concat([records, new], ignore_index=True), linked["record_person"],
                       None, settings)
    before, after = _pid(linked), _pid(out)
    after_old = after[before.index]
    # a person whose old records still form one person alone keeps its id; the re-fitted
    # model may merge a few persons, and every retired id is then in person_id_map
    old_sets = before.groupby(before).groups
    new_sets = after_old.groupby(after_old).groups
    kept = 0
    for old_pid, members in old_sets.items():
        new_pid = after_old[members[0]]
        if set(new_sets[new_pid]) == set(members):
            assert new_pid == old_pid
            kept += 1
    assert kept >= 0.95 * len(old_sets)
    retired = set(before) - set(after)
    assert retired == set(out["person_id_map"]["old_person_id"])
    assert set(out["person_id_map"]["change_code"]) <= {"merged"}
    # a copy of a record joins its person, which now cites two sources
    joined = after["other_list-000000"]
    assert joined == before[records["record_id"].iloc[0]]
    person = out["person"].set_index("person_id").loc[joined]
    assert person["source_count"] == 2


def test_cannot_link_separates_and_must_link_joins(linked, records, settings):
    pid = _pid(linked)
    # a pair the model put together, and two records it kept apart
    apart = sorted(records["record_id"])[:2]
    assert pid[apart[0]] != pid[apart[1]]
    dec = _decisions([
        (*TWICE, "cannot_link", "tester", "namesakes per family testimony", "2026-12-01"),
        (*apart, "must_link", "tester", "same person per court record", "2026-12-01"),
    ])
    out = link_records(records, linked["record_person"], dec, settings)
    after = _pid(out)
    assert after[TWICE[0]] != after[TWICE[1]]
    assert after[apart[0]] == after[apart[1]]
    mp = out["match_pair"].set_index("match_pair_id")
    assert mp.loc["--".join(TWICE), "decision_code"] == "cannot_link"
    assert not mp.loc["--".join(TWICE), "is_same_person"]
    assert mp.loc["--".join(apart), "decision_code"] == "must_link"
    # the changes are in the id map, and the old ids of untouched persons are kept
    assert set(out["person_id_map"]["change_code"]) <= {"merged", "split"}
    assert len(out["person_id_map"]) >= 2
    untouched = [r for r in records["record_id"] if r not in (*TWICE, *apart)][:50]
    assert (after[untouched] == pid[untouched]).all()


def test_bad_decisions_are_one_line_errors():
    from pipeline.errors import InputError

    with pytest.raises(InputError, match="decision must be one of"):
        _decisions([(*TWICE, "maybe", "t", "r", "2026-12-01")])
    with pytest.raises(InputError, match="who decided and why"):
        _decisions([(*TWICE, "must_link", "", "r", "2026-12-01")])


def test_review_lists_undecided_pairs_in_the_band(linked, records):
    from pipeline.linkage.review import review_frame

    frame = review_frame(linked["match_pair"], records, 0.3, 0.995)
    assert len(frame)
    p = frame["match_probability"]
    assert ((p >= 0.3) & (p < 0.995)).all()
    dist = (p - 0.5).abs()
    assert dist.is_monotonic_increasing  # most uncertain first
    assert list(frame.columns[-4:]) == ["decision", "reviewer", "reason", "decided_date"]
    assert (frame["decision"] == "").all()
    assert {"name_fa_l", "name_fa_r", "city_l", "city_r"} <= set(frame.columns)
    csv = io.csv_bytes(frame).decode("utf-8")
    assert ".0," not in csv and "False" not in csv  # integers and booleans as written
    narrow = review_frame(linked["match_pair"], records, 0.6, 0.7)
    assert len(narrow) < len(frame)
