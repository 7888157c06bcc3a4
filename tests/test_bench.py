"""`python -m pipeline bench`: a small default run (scale runs are @pytest.mark.slow)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pipeline import bench
from pipeline.__main__ import app

PIPELINE = ["ingest", "normalize", "validate", "publish"]


def test_bench_small_run_reports_every_stage_and_the_yardstick(monkeypatch):
    monkeypatch.setattr(bench, "_link_module", lambda: None)  # keep the default run quick
    result = bench.run_bench(2_000)
    stages = {t["stage"]: t for t in result["stages"]}
    assert list(stages) == ["generate", "write csv", *bench.STAGES]
    assert stages["link"]["seconds"] is None and stages["link"]["note"] == "not available"
    assert result["pipeline_stages"] == PIPELINE
    assert result["accepted"] + result["quarantined"] == 2_000
    assert result["duckdb_yardstick_seconds"] > 0 and result["yardstick_ratio"] > 0
    assert all(t["peak_rss_mb"] > 0 for t in result["stages"] if t["seconds"] is not None)
    json.dumps(result)  # the --json output


def test_bench_stage_selection_runs_prerequisites_as_setup():
    result = bench.run_bench(500, stages=["validate"])
    ran = [(t["stage"], t["selected"]) for t in result["stages"]]
    assert ran == [("generate", False), ("write csv", False), ("ingest", False),
                   ("normalize", False), ("validate", True)]
    assert result["pipeline_stages"] == ["validate"]


def test_bench_unknown_stage_is_an_error():
    with pytest.raises(ValueError, match="unknown stage"):
        bench.run_bench(10, stages=["transmogrify"])


def test_bench_cli_json_and_table(monkeypatch):
    monkeypatch.setattr(bench, "_link_module", lambda: None)
    runner = CliRunner()
    out = runner.invoke(app, ["bench", "--rows", "300", "--stage", "ingest", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["pipeline_stages"] == ["ingest"]
    out = runner.invoke(app, ["bench", "--rows", "300", "--stage", "link"])
    assert out.exit_code == 0, out.output
    assert "link: not available" in out.stdout
    out = runner.invoke(app, ["bench", "--rows", "10", "--stage", "nope"])
    assert out.exit_code == 2


@pytest.mark.skipif(bench._link_module() is None, reason="no link stage installed")
def test_bench_link_stage_when_installed():
    result = bench.run_bench(300, stages=["link"])
    link = [t for t in result["stages"] if t["stage"] == "link"][0]
    assert link["seconds"] is not None and link["selected"]
    assert result["persons"] > 0


@pytest.mark.slow
def test_bench_million_rows():
    result = bench.run_bench(1_000_000, stages=PIPELINE)
    print(json.dumps({k: v for k, v in result.items() if k != "stages"}, indent=1))
    assert result["accepted"] + result["quarantined"] == 1_000_000
