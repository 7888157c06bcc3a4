"""The full bundled raw/ (victim list included): pinned row counts and list facts."""

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import runner
from pipeline.config import REPO_ROOT, Paths


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    root = tmp_path_factory.mktemp("full")
    paths = Paths.under(root, raw=REPO_ROOT / "raw", etc=REPO_ROOT / "pipeline" / "etc")
    return paths, runner.run(paths, version="0.0.1")


def test_row_counts_match_the_reviewed_expectation(full):
    """tests/expected/row_counts.csv is reviewed: change it only with a reason in the commit."""
    _, report = full
    expected = pd.read_csv(REPO_ROOT / "tests/expected/row_counts.csv")
    got = report.accounting.drop(columns=["both"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_iran_memorial_records(full):
    _, report = full
    rec = report.tables["record"]
    mem = rec[rec["source_id"] == "iran_memorial_1988"]
    assert len(mem) == 3614
    assert mem["record_id"].is_unique
    # 2,889 year-only placeholders written as 1988-01-01 are year precision, never 1 January
    year = mem[mem["execution_date_precision"] == "year"]
    assert len(year) == 2889
    assert (year["execution_date"] == "1988").all()
    assert (year["execution_date_original"] == "1988-01-01").all()
    javid = mem.set_index("record_id").loc["iran_memorial_1988-javidfar-jafar-1988"]
    assert javid["name_fa_original"] == "جعفر جاويد فر"  # Arabic yeh kept in the original
    assert "ي" not in javid["name_fa"] and "ی" in javid["name_fa"]
    # the same person imported twice is two records (linkage decides), not an exact duplicate
    assert {"iran_memorial_1988-abarqui-khalil-1988",
            "iran_memorial_1988-abarqui-khalil-1988-2"} <= set(mem["record_id"])
    src = report.tables["source"].set_index("source_id").loc["iran_memorial_1988"]
    assert src["license"] == "CC-BY-SA-4.0" and "Boroumand" in src["citation"]


def test_formula_values_neutralized_in_csv_but_kept_in_parquet(full, tmp_path):
    from pipeline.stages.publish import neutralize_formulas

    paths, report = full
    rec = report.tables["record"].head(2).copy()
    rec.loc[rec.index[0], "name_latin"] = "=HYPERLINK(\"http://x\")"
    rec.loc[rec.index[1], "source_note"] = "@SUM(A1)"
    out = neutralize_formulas(rec, "record")
    assert out.iloc[0]["name_latin"] == "'=HYPERLINK(\"http://x\")"
    assert out.iloc[1]["source_note"] == "'@SUM(A1)"
    assert rec.iloc[0]["name_latin"].startswith("=")
    # the published parquet is written from the un-neutralized frame
    table = pq.read_table(paths.published / "0.0.1" / "parquet" / "record.parquet")
    assert table.num_rows == len(report.tables["record"])
