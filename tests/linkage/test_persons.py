"""Clusters and stable person ids (pure functions, no splink)."""

import pandas as pd
import pytest

from pipeline.linkage.persons import assign_person_ids, cluster, mint_id


def _pairs(rows):
    return pd.DataFrame(rows, columns=["id_l", "id_r", "match_probability"])


IDS = ["a1", "a2", "a3", "b1", "b2"]
PAIRS = _pairs([("a1", "a2", 0.99), ("a2", "a3", 0.97), ("b1", "b2", 0.40)])


def _groups(clusters):
    return sorted(sorted(g) for g in clusters.groupby("cluster_key")["record_id"].apply(list))


def test_model_pairs_above_threshold_join():
    assert _groups(cluster(IDS, PAIRS, 0.95, [], [])) == [["a1", "a2", "a3"], ["b1"], ["b2"]]


def test_must_link_joins_a_pair_the_model_did_not():
    got = _groups(cluster(IDS, PAIRS, 0.95, [("b1", "b2")], []))
    assert ["b1", "b2"] in got


def test_cannot_link_splits_even_a_chain_of_model_links():
    got = _groups(cluster(IDS, PAIRS, 0.95, [], [("a1", "a3")]))
    assert not any({"a1", "a3"} <= set(g) for g in got)
    assert ["a1", "a2"] in got  # the stronger link is kept, the weaker one refused


def test_cannot_link_beats_must_link_chain():
    got = _groups(cluster(IDS, PAIRS, 0.95, [("a3", "b1")], [("a1", "b1")]))
    assert not any({"a1", "b1"} <= set(g) for g in got)


def test_identical_inputs_identical_ids_and_shuffle_invariant():
    c1 = cluster(IDS, PAIRS, 0.95, [], [])
    c2 = cluster(list(reversed(IDS)), PAIRS.sample(frac=1, random_state=3), 0.95, [], [])
    a1, a2 = assign_person_ids(c1, None), assign_person_ids(c2, None)
    pd.testing.assert_frame_equal(a1.record_person, a2.record_person)
    assert a1.record_person["person_id"].str.fullmatch(r"person-[0-9a-f]{12}").all()


def test_new_records_keep_existing_ids():
    first = assign_person_ids(cluster(IDS, PAIRS, 0.95, [], []), None).record_person
    ids = IDS + ["c1", "a4"]
    pairs = pd.concat([PAIRS, _pairs([("a3", "a4", 0.99)])])
    second = assign_person_ids(cluster(ids, pairs, 0.95, [], []), first)
    rp = second.record_person.set_index("record_id")["person_id"]
    for rid, pid in zip(first["record_id"], first["person_id"], strict=True):
        assert rp[rid] == pid
    assert rp["a4"] == rp["a1"]  # joined the existing person, whose id stays
    assert second.id_map.empty


def test_merge_and_split_are_mapped_and_ids_never_reused():
    first = assign_person_ids(cluster(IDS, PAIRS, 0.95, [], []), None).record_person
    pid = first.set_index("record_id")["person_id"]
    # now b1 and b2 merge (must-link) and a3 splits off (cannot-link)
    c = cluster(IDS, PAIRS, 0.95, [("b1", "b2")], [("a2", "a3")])
    second = assign_person_ids(c, first)
    m = second.id_map
    assert set(m["change_code"]) == {"merged", "split"}
    merged = m[m["change_code"] == "merged"].iloc[0]
    assert merged["old_person_id"] in {pid["b1"], pid["b2"]}
    split = m[m["change_code"] == "split"].iloc[0]
    assert split["old_person_id"] == pid["a1"]
    new_ids = set(second.record_person["person_id"])
    assert merged["old_person_id"] not in new_ids  # retired
    # a retired id is never minted again
    retired = {merged["old_person_id"]}
    third = assign_person_ids(cluster(IDS, PAIRS, 0.95, [], []), None, retired)
    assert not retired & set(third.record_person["person_id"])


def test_removed_person_is_mapped():
    first = assign_person_ids(cluster(IDS, PAIRS, 0.95, [], []), None).record_person
    ids = ["a1", "a2", "a3", "b1"]
    second = assign_person_ids(cluster(ids, PAIRS[PAIRS["id_r"] != "b2"], 0.95, [], []), first)
    assert list(second.id_map["change_code"]) == ["removed"]


@pytest.mark.parametrize("taken", [set(), {mint_id("x", set())}])
def test_mint_id_avoids_taken(taken):
    assert mint_id("x", taken) not in taken


def test_close_pairs_adds_implied_pairs_with_the_joining_probability():
    from pipeline.linkage.general import close_pairs

    pairs = _pairs([("a", "b", 0.99), ("b", "c", 0.93), ("x", "y", 0.95)])
    got = close_pairs(pairs).sort_values(["id_l", "id_r"]).reset_index(drop=True)
    assert list(zip(got["id_l"], got["id_r"], got["match_probability"], strict=True)) == [
        ("a", "b", 0.99), ("a", "c", 0.93), ("b", "c", 0.93), ("x", "y", 0.95)]


def test_a_conflict_refuses_model_joins_along_the_whole_cluster():
    pairs = _pairs([("a1", "a2", 0.99), ("a2", "a3", 0.97)])
    clash = {("a1", "a3")}
    got = _groups(cluster(["a1", "a2", "a3"], pairs, 0.95,
                          conflict=lambda x, y: "x" if tuple(sorted((x, y))) in clash else None))
    assert ["a1", "a2"] in got and ["a3"] in got


def test_a_conflict_does_not_undo_a_reviewed_must_link():
    got = _groups(cluster(["a1", "a2"], _pairs([]), 0.95, [("a1", "a2")], [],
                          conflict=lambda x, y: "one-word name"))
    assert got == [["a1", "a2"]]


def test_complete_linkage_stops_a_chain_of_namesakes():
    # a1~a2 and a2~a3 are strong, a1 and a3 look unlike each other: single linkage would chain
    pairs = _pairs([("a1", "a2", 0.99), ("a2", "a3", 0.98), ("a1", "a3", 0.10)])
    assert _groups(cluster(["a1", "a2", "a3"], pairs, 0.95)) == [["a1", "a2", "a3"]]
    got = _groups(cluster(["a1", "a2", "a3"], pairs, 0.95, min_pair=0.5))
    assert got == [["a1", "a2"], ["a3"]]
    ok = _pairs([("a1", "a2", 0.99), ("a2", "a3", 0.98), ("a1", "a3", 0.70)])
    assert _groups(cluster(["a1", "a2", "a3"], ok, 0.95, min_pair=0.5)) == [["a1", "a2", "a3"]]


def test_person_gender_agrees_or_is_flagged_as_conflict():
    from pipeline.linkage.persons import person_frame

    recs = pd.DataFrame({
        "record_id": ["r1", "r2", "r3", "r4", "r5"],
        "name_fa": ["الف", "الف", "ب", "ج", "ج"],
        "name_latin": ["Alef", "Alef", "Be", "Jim", "Jim"],
        "gender_code": ["male", None, "female", "male", "female"],
        "source_id": ["s", "s", "s", "s", "t"],
    })
    rp = pd.DataFrame({"record_id": ["r1", "r2", "r3", "r4", "r5"],
                       "person_id": ["p1", "p1", "p2", "p3", "p3"]})
    out = person_frame(recs, rp).set_index("person_id")
    assert out.loc["p1", "gender_code"] == "male" and not out.loc["p1", "is_gender_conflict"]
    assert out.loc["p2", "gender_code"] == "female"
    assert pd.isna(out.loc["p3", "gender_code"]) and out.loc["p3", "is_gender_conflict"]
    assert out.loc["p3", "source_count"] == 2 and out.loc["p1", "record_count"] == 2
