"""`python -m pipeline bench`: a small default run (scale runs are @pytest.mark.slow)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pipeline import bench
from pipeline.__main__ import app

PIPELINE = ["ingest", "normalize", "validate", "publish"]


def test_bench_small_run_reports_every_stage_and_the_yardstick(monkeypatch):
    monkeypatch.setattr(bench.timing, "_link_module", lambda: None)  # keep the default run quick
    result = bench.run_bench(2_000)
    stages = {t["stage"]: t for t in result["stages"]}
    assert list(stages) == ["generate", "write csv", *bench.STAGES]
    assert stages["link"]["seconds"] is None and stages["link"]["note"] == "not available"
    assert result["pipeline_stages"] == PIPELINE
    assert result["accepted"] + result["quarantined"] == 2_000
    assert result["duckdb_yardstick_seconds"] > 0 and result["yardstick_ratio"] > 0
    assert all(t["peak_rss_mb"] > 0 for t in result["stages"] if t["seconds"] is not None)
    json.dumps(result)  # the --json output


def test_realistic_list_has_the_distinct_value_profile_of_real_lists(tmp_path):
    df = bench.realistic_list(20_000, seed=5)
    named = df[(df["name_fa"] != "") | (df["name_latin"] != "")]
    for col in ("name_fa", "name_latin"):
        present = df.loc[df[col] != "", col]
        assert present.nunique() / len(present) > 0.75, col  # most full names distinct
    given = df.loc[df["name_latin"] != "", "name_latin"].str.split().str[0]
    assert given.value_counts().iloc[0] > 0.05 * len(given)  # ...but namesakes are common
    assert df["city"].nunique() > 300 and df["father_name"].nunique() > 500
    jalali = df["date_of_execution_jalali"]
    assert jalali.str.contains("[۰-۹]").any() and jalali.str.contains("[٠-٩]").any()
    assert df["source_note"].str.contains('"').any() and df["source_note"].str.contains(",").any()
    assert 0 < len(df) - len(named) < 0.01 * len(df)
    path = tmp_path / "l.csv"
    bench.write_realistic_csv(df, path)
    text = path.read_text(encoding="utf-8")
    assert ',"note"by hand' in text and ",extra\n" in text
    assert bench.realistic_list(500, seed=5).equals(bench.realistic_list(500, seed=5))


def test_bench_input_file_and_profiles(tmp_path, monkeypatch):
    monkeypatch.setattr(bench.timing, "_link_module", lambda: None)
    path = tmp_path / "mine.csv"
    bench.write_realistic_csv(bench.realistic_list(1_000, seed=9), path)
    result = bench.run_bench(0, stages=PIPELINE, input_path=path)
    assert result["rows"] == 1_000 and result["input"] == str(path)
    assert result["accepted"] + result["quarantined"] == 1_000
    assert result["quarantined"] > 0  # the ragged and broken lines, the rows with no name
    assert [t["stage"] for t in result["stages"]] == PIPELINE  # nothing generated
    assert all(t["cpu_seconds"] > 0 for t in result["stages"])
    assert result["duckdb_yardstick_seconds"] > 0 and len(result["load_average"]) == 3
    low = bench.run_bench(1_000, stages=["ingest"], profile="low-cardinality")
    assert low["profile"] == "low-cardinality" and low["rows"] == 1_000
    with pytest.raises(ValueError, match="unknown profile"):
        bench.run_bench(10, profile="tiny")
    with pytest.raises(ValueError, match="not found"):
        bench.run_bench(0, input_path=tmp_path / "nope.csv")
    runner = CliRunner()
    out = runner.invoke(app, ["bench", "--input", str(path), "--stage", "ingest", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["rows"] == 1_000


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
    monkeypatch.setattr(bench.timing, "_link_module", lambda: None)
    runner = CliRunner()
    out = runner.invoke(app, ["bench", "--rows", "300", "--stage", "ingest", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["pipeline_stages"] == ["ingest"]
    out = runner.invoke(app, ["bench", "--rows", "300", "--stage", "link"])
    assert out.exit_code == 0, out.output
    assert "link: not available" in out.stdout
    out = runner.invoke(app, ["bench", "--rows", "10", "--stage", "nope"])
    assert out.exit_code == 2


@pytest.mark.skipif(bench.timing._link_module() is None, reason="no link stage installed")
def test_bench_link_stage_when_installed():
    result = bench.run_bench(300, stages=["link"])
    link = [t for t in result["stages"] if t["stage"] == "link"][0]
    assert link["seconds"] is not None and link["selected"]
    assert result["persons"] > 0


@pytest.mark.slow
def test_bench_million_rows():
    """The issue-13 target: a realistic million rows, ingest -> publish within 10x DuckDB's
    CSV -> Parquet and under 3 GB (wall times: meaningful only on an idle machine)."""
    result = bench.run_bench(1_000_000, stages=PIPELINE)
    print(json.dumps({k: v for k, v in result.items() if k != "stages"}, indent=1))
    assert result["accepted"] + result["quarantined"] == 1_000_000
    assert result["pipeline_peak_rss_mb"] < 3_000
