"""Linkage on large lists (issue 13 items 3-4): blocking keys cut to their smaller blocks,
training on a sample, and the given-name rule worked out lazily."""

from __future__ import annotations

from dataclasses import replace

import duckdb
import pandas as pd

from pipeline.linkage import synthetic
from pipeline.linkage.blocking import capped_rules, rule
from pipeline.linkage.constraints import conflict, conflict_checker, name_tokens
from pipeline.linkage.engine import UID, CompareSpec, EngineOptions, prepare
from pipeline.linkage.general import parse_compare
from pipeline.linkage.training import run_splink


def _pairs(frame: pd.DataFrame, sql: str) -> int:
    con = duckdb.connect()
    con.register("t", frame.reset_index(drop=True))
    n = con.execute(f"SELECT count(*) FROM t l JOIN t r ON ({sql}) "
                    f"AND l.{UID} < r.{UID}").fetchone()[0]
    con.close()
    return int(n)


def _frame() -> pd.DataFrame:
    # one name shared by 40 records, 30 names shared by 2 records each
    names = ["Ali Rezaei"] * 40 + [f"Name{i} Family{i}" for i in range(30) for _ in (0, 1)]
    return pd.DataFrame({UID: [f"r{i:03d}" for i in range(len(names))], "name": names})


def test_small_keys_keep_their_plain_rule():
    prepared = prepare(_frame(), [CompareSpec("name", "name")])
    out, rules = capped_rules(prepared, [("name__k",)], EngineOptions())
    assert rules[("name__k",)] == rule(("name__k",))
    assert list(out.columns) == list(prepared.columns)


def test_a_big_block_is_left_out_within_the_budget():
    prepared = prepare(_frame(), [CompareSpec("name", "name")])
    opts = replace(EngineOptions(), min_block_pairs=100, key_pairs_per_record=1)
    out, rules = capped_rules(prepared, [("name__k",)], opts)
    sql = rules[("name__k",)]["blocking_rule"]
    assert sql != rule(("name__k",))["blocking_rule"]
    # the 40-record block (780 pairs) goes; the 30 two-record blocks stay
    assert _pairs(out, sql) == 30
    assert _pairs(out, rule(("name__k",))["blocking_rule"]) == 780 + 30


def test_max_block_records_cuts_blocks_above_the_size():
    prepared = prepare(_frame(), [CompareSpec("name", "name")])
    out, rules = capped_rules(prepared, [("name__k",)],
                              replace(EngineOptions(), max_block_records=10))
    assert _pairs(out, rules[("name__k",)]["blocking_rule"]) == 30


def test_training_on_a_sample_still_scores_the_whole_list():
    frame, truth = synthetic.make_realistic(3000, seed=4)
    specs = parse_compare(synthetic.REALISTIC_COMPARE)
    data = frame.astype("string").rename(columns={"rec_id": UID})
    opts = replace(EngineOptions(), combine_names=True, swap_names=True, threads=1,
                   train_max_records=1000, max_block_records=50)
    res = run_splink(data.sort_values(UID).reset_index(drop=True), specs, opts)
    ids = set(data[UID])
    scored = res.pairs
    assert set(scored["unique_id_l"]) | set(scored["unique_id_r"]) <= ids
    found = {tuple(sorted(p)) for p in zip(scored["unique_id_l"], scored["unique_id_r"],
                                           strict=True)}
    # pairs of records outside the 1000-record training sample are scored too
    assert len(found & truth) >= 0.8 * len(truth)


def test_lazy_conflict_checker_agrees_with_the_eager_tokens():
    records = pd.DataFrame({
        "record_id": ["a", "b", "c", "d", "e"],
        "name_fa": ["عبدالکریم ماکیانی", "عبدالرحیم ماکیانی", None, "رضایی", "کریم ماکیانی"],
        "name_latin": ["Abdol-Karim Makiani", "Abdol-Rahim Makiani", "Ardalan Sehat", None,
                       "Karim Makiani"],
    })
    tokens = name_tokens(records)
    check = conflict_checker(records)
    ids = list(records["record_id"])
    reasons = {(x, y): check(x, y) for x in ids for y in ids if x < y}
    assert reasons == {(x, y): conflict(tokens[x], tokens[y]) for x, y in reasons}
    assert reasons[("a", "b")] is not None  # brothers: given names differ
    assert reasons[("a", "d")] is not None  # a one-word name
