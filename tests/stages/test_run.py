"""End to end on the bundled raw data (without the victim lists, which have their own tests)."""

import csv
import io as _io
import subprocess
import sys

import duckdb
import frictionless
import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import runner
from pipeline.config import REPO_ROOT, Paths
from pipeline.errors import PipelineError, ReleaseError
from tests.conftest import rehash


@pytest.fixture
def built(work):
    report = runner.run(work, version="9.9.9")
    return work, report


def test_run_publishes_valid_package(built):
    work, report = built
    release = work.published / "9.9.9"
    assert frictionless.validate(str(release / "datapackage.json")).valid
    assert frictionless.validate(str(work.root_descriptor)).valid
    for name, df in report.tables.items():
        from_csv = pd.read_csv(release / "csv" / f"{name}.csv", dtype=str, keep_default_na=False)
        assert len(from_csv) == len(df)
        assert pq.read_table(release / "parquet" / f"{name}.parquet").num_rows == len(df)
        csv = release / "csv" / f"{name}.csv"
        assert duckdb.sql(f"select count(*) from read_csv('{csv}')").fetchall()[0][0] == len(df)


def test_every_row_cites_a_known_source(built):
    _, report = built
    known = set(report.tables["source"]["source_id"])
    for name, df in report.tables.items():
        if name != "source":
            assert set(df["source_id"].dropna()) <= known, name
            assert df["source_id"].notna().all(), name


def test_row_accounting_adds_up(built):
    _, report = built
    acc = report.accounting
    assert len(acc) >= 7
    assert (acc["raw_rows"] == acc["published_rows"] + acc["rejected_rows"]).all()
    assert (acc["both"] == 0).all()


def test_irannewsupdate_2019_events(built):
    _, report = built
    ev = report.tables["event"]
    r001 = ev[ev["report_id"] == "r001"].set_index("event_id")
    expect = {
        "r001-e1": ("2019-10-04", "London", "GB", "exhibition"),
        "r001-e2": ("2019-10-12", "Oslo", "NO", "protest"),
        "r001-e3": ("2019-10-12", "Malmö", "SE", "protest"),
    }
    text = (REPO_ROOT / "raw/reports/texts/r001.txt").read_text(encoding="utf-8")
    for eid, (date, city, country, kind) in expect.items():
        row = r001.loc[eid]
        assert (row["event_date"], row["city"], row["country_code"], row["event_type"]) == (
            date, city, country, kind)
        assert row["event_date_precision"] == "day"
        start, end = map(int, row["source_locator"].split("#char=")[1].split(","))
        assert " ".join(text[start:end].split()) == " ".join(row["evidence"].split())
    src = report.tables["source"].set_index("source_id").loc["report_r001"]
    assert src["affiliation_code"] == "opposition_party"
    assert "NCRI/MEK" in src["affiliation_original"]


def test_no_published_quote_exceeds_25_words(built):
    work, _ = built
    for name, col in (("event", "evidence"), ("claim", "quote")):
        data = (work.published / "9.9.9" / "csv" / f"{name}.csv").read_text(encoding="utf-8")
        rows = list(csv.DictReader(_io.StringIO(data)))
        assert rows and max(len(r[col].split()) for r in rows) <= 25


def test_contested_death_tolls_stand_side_by_side(built):
    _, report = built
    claims = report.tables["claim"]
    tolls = claims[claims["subject_code"] == "death_toll"]
    assert (tolls["value_best"] == 30000).any() or (tolls["value_low"] == 30000).any()
    montazeri = tolls[tolls["claimant_name"].str.contains("Montazeri")]
    assert ((montazeri["value_low"] == 2800) & (montazeri["value_high"] == 3800)).any()
    assert montazeri["value_best"].isna().all()  # a range is never averaged into best


def test_year_only_dates_are_not_first_of_january(built):
    _, report = built
    ev = report.tables["event"]
    years = ev[ev["event_date_precision"] == "year"]
    assert len(years) and years["event_date"].str.fullmatch(r"\d{4}").all()
    assert (years["event_date_latest"].str.endswith("-12-31")).all()


def test_two_runs_are_byte_identical(work, tmp_path):
    runner.run(work, version="1.0.0")
    other = Paths.under(tmp_path / "second", raw=work.raw, etc=work.etc)
    runner.run(other, version="1.0.0")
    first = sorted((work.published / "1.0.0").rglob("*"))
    assert first
    for path in first:
        if path.is_file():
            twin = other.published / "1.0.0" / path.relative_to(work.published / "1.0.0")
            assert path.read_bytes() == twin.read_bytes(), path.name
    assert work.root_descriptor.read_bytes() == other.root_descriptor.read_bytes()


def test_rerun_identical_is_noop_and_changed_input_is_refused(work):
    first = runner.run(work, version="1.0.0")
    assert first.published.status == "published"
    again = runner.run(work, version="1.0.0")
    assert again.published.status == "unchanged"
    before = {p: p.read_bytes() for p in (work.published / "1.0.0").rglob("*") if p.is_file()}
    coding = work.etc / "coding" / "events.csv"
    lines = coding.read_text(encoding="utf-8").splitlines(keepends=True)
    coding.write_text("".join(lines[:-1]), encoding="utf-8")
    with pytest.raises(ReleaseError, match="immutable"):
        runner.run(work, version="1.0.0")
    after = {p: p.read_bytes() for p in (work.published / "1.0.0").rglob("*") if p.is_file()}
    assert before == after
    assert not list(work.published.glob(".staging-*"))


def _break_facts_date(work, bad="2019-13-45"):
    path = work.raw / "facts_1988" / "events.csv"
    rows = list(csv.reader(_io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[3][1] = bad
    buf = _io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    rehash(work.raw / "facts_1988" / "source.yml", "events.csv")


def test_bad_date_in_curated_raw_is_an_error_naming_file_row_field(work):
    _break_facts_date(work)
    with pytest.raises(PipelineError) as err:
        runner.run(work, version="1.0.0")
    msg = str(err.value)
    assert "raw/facts_1988/events.csv:4" in msg and "date" in msg
    assert not (work.published / "1.0.0").exists()


def test_bad_coded_evidence_is_rejected_not_published(work):
    path = work.etc / "coding" / "claims.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("over 30,000 political and Human Rights prisoners",
                                 "over 30,000 political and human rights prisoners"),
                    encoding="utf-8")
    report = runner.run(work, version="1.0.0")
    rej = report.tables["reject"]
    hit = rej[rej["reason_code"] == "evidence_not_found"]
    assert len(hit) == 1 and hit.iloc[0]["source_id"] == "report_r003"
    assert "r003-c1" not in set(report.tables["claim"]["claim_id"])


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True,
                          text=True, cwd=cwd or REPO_ROOT, timeout=300)


@pytest.mark.parametrize("breakage", ["hash", "missing_column", "bad_date"])
def test_cli_malformed_raw_gives_one_line_error_and_touches_nothing(work, breakage):
    runner.run(work, version="0.1.0")
    published_before = {p: p.read_bytes() for p in work.published.rglob("*") if p.is_file()}
    root_before = work.root_descriptor.read_bytes()
    events = work.raw / "facts_1988" / "events.csv"
    if breakage == "hash":
        events.write_bytes(events.read_bytes().replace(b"Geneva", b"Genf", 1))
    elif breakage == "missing_column":
        text = events.read_text(encoding="utf-8").replace("event_type,", "kind,", 1)
        events.write_text(text, encoding="utf-8")
        rehash(work.raw / "facts_1988" / "source.yml", "events.csv")
    else:
        _break_facts_date(work)
    res = _cli("run", "--out", str(work.root), "--raw", str(work.raw), "--etc", str(work.etc),
               "--version", "0.2.0")
    assert res.returncode == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1, res.stderr
    assert "Traceback" not in res.stderr
    assert "raw/facts_1988/events.csv" in lines[0]
    expected_field = {"hash": "sha256", "missing_column": "event_type", "bad_date": "date"}
    assert expected_field[breakage] in lines[0]
    if breakage == "bad_date":
        assert "events.csv:4" in lines[0]
    after = {p: p.read_bytes() for p in work.published.rglob("*") if p.is_file()
             if ".lock" not in p.name}
    assert {k: v for k, v in published_before.items() if ".lock" not in k.name} == after
    assert work.root_descriptor.read_bytes() == root_before


def test_cli_help_on_every_command():
    for args in (["--help"], ["run", "--help"], ["validate", "--help"], ["snapshot", "--help"]):
        res = _cli(*args)
        assert res.returncode == 0, res.stderr
        assert "Usage" in res.stdout
    run_help = " ".join(_cli("run", "--help").stdout.replace("│", " ").split())
    assert "snapshot check -> ingest -> normalize -> validate -> link -> publish" in run_help


def test_every_command_registered_once_with_help():
    from typer.testing import CliRunner

    from pipeline.cli import COMMANDS, app

    names = [name for _, name, _, _ in COMMANDS]
    assert len(names) == len(set(names))
    for cmd in ("run", "check-list", "extract", "extract-eval", "extract-accept", "link",
                "link-bench", "bench", "release", "search"):
        assert cmd in names
    for name in names:
        res = CliRunner().invoke(app, [name, "--help"], catch_exceptions=False)
        assert res.exit_code == 0, (name, res.output)
        assert "Usage" in res.output, name


def test_a_pipeline_error_is_one_line_in_process_too(tmp_path):
    """The guard is on the registered commands, not only on the `python -m` entry point, so
    the app driven in process (CliRunner, as the tests and other tools do) never raises."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    res = CliRunner().invoke(app, ["verify", "--root", str(tmp_path)])
    assert res.exit_code == 1
    assert res.exception is None or isinstance(res.exception, SystemExit)
    lines = [ln for ln in res.output.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and "no release has been published yet" in lines[0], res.output
