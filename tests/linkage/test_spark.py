"""`--engine spark` (issue #7 point 4): splink's Spark backend finds the same clusters as
DuckDB on a small fixture. Needs the optional extra (pip install '.[spark]') and Java 17+;
slow (a JVM starts), so it runs with `pytest -m slow`."""

from __future__ import annotations

import importlib.util
import shutil

import pytest

from pipeline.linkage import synthetic
from pipeline.linkage.engine import EngineOptions
from pipeline.linkage.general import link_frames, parse_compare
from pipeline.linkage.persons import cluster

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None,
                       reason="pyspark not installed (optional extra: pip install '.[spark]')"),
    pytest.mark.skipif(shutil.which("java") is None,
                       reason="no Java runtime on PATH (Spark needs Java 17+)"),
]


def _clusters(pairs, ids):
    got = cluster(sorted(ids), pairs, 0.9, [], [])
    return sorted(sorted(g) for g in got.groupby("cluster_key")["record_id"].apply(list))


def test_spark_and_duckdb_find_the_same_clusters():
    frames, truth = synthetic.make(150, 0.5, seed=12)
    specs = parse_compare(["given_name:name", "surname:name", "date_of_birth:date",
                           "postcode:exact", "suburb:text"])
    duck, _ = link_frames(frames, "rec_id", specs, 0.5)
    spark, model = link_frames(frames, "rec_id", specs, 0.5,
                               options=EngineOptions(backend="spark"))
    ids = frames[0]["rec_id"]
    assert _clusters(spark, ids) == _clusters(duck, ids)
    assert synthetic.f1(set(zip(spark["id_l"], spark["id_r"], strict=True)), truth)[2] > 0.9
    assert '"sql_dialect":"spark"' in model
