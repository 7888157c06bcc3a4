"""`python -m pipeline link` on any CSV of people, `link-eval`, and one-line errors."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.__main__ import app
from pipeline.linkage import synthetic

COMPARE = ["given_name:name", "surname:name", "date_of_birth:date", "suburb:text",
           "postcode:exact", "street_number:number", "address_1:text", "soc_sec_id:exact"]


def _args(inputs, out, compare=COMPARE, id_column="rec_id", extra=()):
    args = ["link"]
    for i in inputs:
        args += ["--input", str(i)]
    args += ["--id-column", id_column, "--out", str(out)]
    for c in compare:
        args += ["--compare", c]
    return args + list(extra)


def _run(args):
    return CliRunner().invoke(app, args, catch_exceptions=False)


@pytest.fixture(scope="module")
def dedupe_case(tmp_path_factory):
    d = tmp_path_factory.mktemp("dedupe")
    frames, truth = synthetic.make(800, 0.5, seed=21)
    frames[0].to_csv(d / "people.csv", index=False)
    pd.DataFrame(sorted(truth), columns=["id_l", "id_r"]).to_csv(d / "truth.csv", index=False)
    return d, truth


def test_link_deduplicates_a_csv(dedupe_case):
    d, truth = dedupe_case
    res = _run(_args([d / "people.csv"], d / "pairs.csv"))
    assert res.exit_code == 0, res.output
    pairs = pd.read_csv(d / "pairs.csv", dtype=str)
    assert list(pairs.columns) == ["id_l", "id_r", "match_probability"]
    assert (pairs["id_l"] < pairs["id_r"]).all()
    assert (pairs["match_probability"].astype(float) >= 0.9).all()
    assert pairs.equals(pairs.sort_values(["id_l", "id_r"]).reset_index(drop=True))
    p, r, f1 = synthetic.f1(set(zip(pairs["id_l"], pairs["id_r"], strict=True)), truth)
    assert f1 >= 0.95, (p, r, f1)
    # link-eval scores the same file against the truth (no is_match column: all true pairs)
    ev = _run(["link-eval", "--labels", str(d / "truth.csv"), "--pairs", str(d / "pairs.csv")])
    assert ev.exit_code == 0, ev.output
    assert f"F1 {f1:.4f}" in ev.output


def test_link_across_two_files(tmp_path):
    (a, b), truth = synthetic.make(600, 0.6, seed=4, link=True)
    a.to_csv(tmp_path / "a.csv", index=False)
    b.to_csv(tmp_path / "b.csv", index=False, sep=";")  # delimiter is sniffed
    res = _run(_args([tmp_path / "a.csv", tmp_path / "b.csv"], tmp_path / "pairs.csv",
                     extra=["--threshold", "0.8"]))
    assert res.exit_code == 0, res.output
    pairs = pd.read_csv(tmp_path / "pairs.csv", dtype=str)
    assert pairs["id_l"].str.startswith("a-").all() and pairs["id_r"].str.startswith("b-").all()
    assert synthetic.f1(set(zip(pairs["id_l"], pairs["id_r"], strict=True)), truth)[2] >= 0.95


@pytest.fixture
def small(tmp_path):
    frames, _ = synthetic.make(30, 0.5, seed=1)
    frames[0].to_csv(tmp_path / "p.csv", index=False)
    return tmp_path


@pytest.mark.parametrize("mutate,expect", [
    pytest.param(lambda d: (["nope.csv"], {}), "nope.csv: cannot read file", id="missing_file"),
    pytest.param(lambda d: ([d / "p.csv"], {"id_column": "ID"}), "ID: missing id column",
                 id="missing_id_column"),
    pytest.param(lambda d: ([d / "p.csv"], {"compare": ["surname:fuzzy"]}),
                 "KIND must be one of", id="bad_kind"),
    pytest.param(lambda d: ([d / "p.csv"], {"compare": ["surname"]}),
                 "COLUMN:KIND", id="no_kind"),
    pytest.param(lambda d: ([d / "p.csv"], {"compare": ["middle_name:name"]}),
                 "middle_name: missing column to compare", id="missing_compare_column"),
    pytest.param(lambda d: ([d / "dup.csv"], {}), "id is not unique", id="duplicate_ids"),
    pytest.param(lambda d: ([d / "empty.csv"], {}), "empty file", id="empty_file"),
    pytest.param(lambda d: ([d / "p.csv"] * 3, {}), "one --input", id="three_inputs"),
])
def test_bad_input_is_one_line_error(small, mutate, expect):
    df = pd.read_csv(small / "p.csv", dtype=str)
    pd.concat([df, df.head(1)]).to_csv(small / "dup.csv", index=False)
    (small / "empty.csv").write_text("", encoding="utf-8")
    inputs, kw = mutate(small)
    res = CliRunner().invoke(app, _args(inputs, small / "o.csv", **kw))
    assert res.exit_code == 1
    err = res.output.strip()
    assert err.startswith("error:") and expect in err, err
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert not (small / "o.csv").exists()


def test_link_eval_on_the_real_labels_runs(tmp_path):
    """link-eval with a pairs file and the bundled hand labels (labelled_only scoring)."""
    from pipeline.config import REPO_ROOT

    lab = pd.read_csv(REPO_ROOT / "pipeline/etc/link_labels.csv", dtype=str)
    assert set(lab["is_match"]) == {"true", "false"}
    assert lab["reason"].str.len().gt(0).all()
    pos = lab[lab["is_match"] == "true"].rename(
        columns={"record_id_l": "id_l", "record_id_r": "id_r"})
    pos[["id_l", "id_r"]].to_csv(tmp_path / "pairs.csv", index=False)
    res = _run(["link-eval", "--pairs", str(tmp_path / "pairs.csv")])
    assert res.exit_code == 0, res.output
    assert "precision 1.0000  recall 1.0000" in res.output


@pytest.mark.parametrize("compare", [
    pytest.param(["surname:name", "given_name:name"], id="two_names_only"),
    pytest.param(["given_name:name"], id="one_column"),
    pytest.param(["soc_sec_id:number", "date_of_birth:date"], id="no_names"),
])
def test_link_with_few_columns_runs(dedupe_case, tmp_path, compare):
    """Every blocking column is also compared (and with swapped-name levels each name
    comparison reads every name column): EM must still run, never a splink SQL error."""
    d, _ = dedupe_case
    res = _run(_args([d / "people.csv"], tmp_path / "pairs.csv", compare=compare))
    assert res.exit_code == 0, res.output
    pairs = pd.read_csv(tmp_path / "pairs.csv", dtype=str)
    assert list(pairs.columns) == ["id_l", "id_r", "match_probability"]
