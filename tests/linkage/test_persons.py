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
