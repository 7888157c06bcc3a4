"""The realistic generator behind `link-bench`: namesakes common, duplicates rare, seeded."""

import pandas as pd

from pipeline.linkage import synthetic
from pipeline.linkage.general import link_frames, parse_compare


def test_realistic_list_is_seeded_and_looks_like_a_1988_list():
    df, truth = synthetic.make_realistic(20_000, seed=3)
    again, truth2 = synthetic.make_realistic(20_000, seed=3)
    assert df.equals(again) and truth == truth2
    other, _ = synthetic.make_realistic(20_000, seed=4)
    assert not df.equals(other)
    people = df["rec_id"].str.split("-").str[0].nunique()
    dup_share = (len(df) - people) / people
    assert 0.01 < dup_share < 0.06  # a few % of people recorded more than once
    names = df["name_fa"].value_counts()
    assert 0.8 < names.size / len(df) < 0.97  # most names distinct ...
    namesake_pairs = int((names * (names - 1) // 2).sum())
    assert namesake_pairs > 2 * len(truth)  # ... but namesakes outnumber true duplicates
    assert df["name_fa"].str.contains("[\u0600-\u06FF]", regex=True, na=False).mean() > 0.9
    first = df[df["rec_id"].str.endswith("-0")]  # damaged copies may carry a digit typo
    dates = first["execution_date"].replace("", pd.NA).dropna()
    assert dates.str.startswith("1988").all() and len(dates) > 0.6 * len(first)


def test_link_does_not_chain_namesakes_into_big_clusters():
    df, truth = synthetic.make_realistic(3_000, seed=5)
    pairs, _ = link_frames([df.astype("string")], "rec_id",
                           parse_compare(synthetic.REALISTIC_COMPARE), 0.2, min_pair=0.05)
    degree = pd.concat([pairs["id_l"], pairs["id_r"]]).value_counts()
    assert degree.max() <= 4  # a person has at most 3 records here: no chains
    p, r, f1 = synthetic.f1(set(zip(pairs["id_l"], pairs["id_r"], strict=True)), truth)
    assert p > 0.85 and r > 0.75
