"""The extract / extract-eval / extract-accept commands: files written, one-line errors, and
the review loop from candidates to curated coding."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pipeline import cli

TEXT = ("On Saturday, October 12, exiles held a demonstration in Oslo. According to Amnesty "
        "International, about 4,500 prisoners were executed in 1988. More than 200 people "
        "attended the rally.")


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer(pretty_exceptions_enable=False)

    @app.callback()
    def _root() -> None:  # a group, so subcommands are named
        pass

    cli.register(app, "assistant")
    return app


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_extract_writes_gold_columns(app, make_reports, tmp_path: Path) -> None:  # noqa: ANN001
    reports = make_reports([{"report_id": "x1", "published_date": "2019-10-20", "text": TEXT}])
    res = CliRunner().invoke(app, ["extract", "--reports", str(reports), "--out",
                                   str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    with (tmp_path / "out" / "events.csv").open(encoding="utf-8") as fh:
        assert fh.readline().strip() == ("report_id,event_id,event_type,date,date_precision,"
                                         "city,country,organizer,evidence")
    events = read(tmp_path / "out" / "events.csv")
    assert ("protest", "2019-10-12", "Oslo", "NO") in [
        (e["event_type"], e["date"], e["city"], e["country"]) for e in events]
    claims = read(tmp_path / "out" / "claims.csv")
    assert [(c["claimant"], c["low"], c["high"]) for c in claims] == [
        ("Amnesty International", "4500", "4500"), ("Example News", "200", "")]
    # byte-identical on a second run
    first = (tmp_path / "out" / "claims.csv").read_bytes()
    CliRunner().invoke(app, ["extract", "--reports", str(reports), "--out", str(tmp_path / "out")])
    assert (tmp_path / "out" / "claims.csv").read_bytes() == first


@pytest.mark.parametrize(("breakage", "message"), [
    pytest.param("no_index", "index.csv not found"),
    pytest.param("no_text", "no text file texts/x1.txt"),
    pytest.param("bad_date", "published_date must be YYYY"),
    pytest.param("missing_column", "missing required column(s)"),
    pytest.param("no_folder", "reports folder not found"),
])
def test_extract_errors_are_one_line(app, make_reports, tmp_path: Path, breakage: str,  # noqa: ANN001
                                     message: str) -> None:
    reports = make_reports([{"report_id": "x1", "published_date": "2019-10-20", "text": TEXT}])
    index = reports / "index.csv"
    if breakage == "no_index":
        index.unlink()
    elif breakage == "no_text":
        (reports / "texts" / "x1.txt").unlink()
    elif breakage == "bad_date":
        index.write_text(index.read_text(encoding="utf-8").replace("2019-10-20", "20/10/2019"),
                         encoding="utf-8")
    elif breakage == "missing_column":
        index.write_text(index.read_text(encoding="utf-8").replace("publisher", "pub"),
                         encoding="utf-8")
    elif breakage == "no_folder":
        reports = tmp_path / "nowhere"
    res = CliRunner().invoke(app, ["extract", "--reports", str(reports), "--out",
                                   str(tmp_path / "out")])
    assert res.exit_code == 1
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert "Traceback" not in res.output
    assert not (tmp_path / "out" / "events.csv").exists()


def test_extract_eval_prints_scores(app, make_reports, tmp_path: Path) -> None:  # noqa: ANN001
    reports = make_reports([{"report_id": "x1", "published_date": "2019-10-20", "text": TEXT}])
    runner = CliRunner()
    runner.invoke(app, ["extract", "--reports", str(reports), "--out", str(tmp_path / "pred")])
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "events.csv").write_text(
        "report_id,event_id,event_type,date,date_precision,city,country,organizer,evidence\n"
        "x1,x1-e1,protest,2019-10-12,day,Oslo,NO,,held a demonstration in Oslo\n"
        "x1,x1-e2,other,2019-10,month,,IR,,something not extracted\n", encoding="utf-8")
    (gold / "claims.csv").write_text(
        "report_id,claim_id,claimant,subject,low,high,value_text,evidence\n"
        "x1,x1-c1,Amnesty International (cited),death_toll,4500,4500,\"about 4,500\","
        "\"about 4,500\"\n",
        encoding="utf-8")
    res = runner.invoke(app, ["extract-eval", "--gold", str(gold), "--pred",
                              str(tmp_path / "pred")])
    assert res.exit_code == 0, res.output
    rows = {line.split()[0]: line.split()[1:] for line in res.output.splitlines()[1:]}
    gold_n, pred_n, match = (int(v) for v in rows["events"][:3])
    assert (gold_n, match) == (2, 1) and pred_n >= 1
    assert rows["claims"][:3] == ["1", "2", "1"]
    assert rows["claims"][3:] == ["0.500", "1.000", "0.667"]


def test_extract_eval_missing_file_is_one_line(app, tmp_path: Path) -> None:  # noqa: ANN001
    res = CliRunner().invoke(app, ["extract-eval", "--gold", str(tmp_path), "--pred",
                                   str(tmp_path)])
    assert res.exit_code == 1 and res.output.startswith("error: ")
    assert "events.csv" in res.output and len(res.output.strip().splitlines()) == 1


def test_review_loop(app, make_reports, tmp_path: Path) -> None:  # noqa: ANN001
    reports = make_reports([{"report_id": "x1", "published_date": "2019-10-20", "text": TEXT}])
    coding = tmp_path / "coding"
    coding.mkdir()
    curated_events = (
        "report_id,event_id,event_type,date,date_precision,city,country,organizer,evidence\n"
        "x1,x1-e1,protest,2019-10-12,day,Oslo,NO,exiles,held a demonstration in Oslo\n")
    (coding / "events.csv").write_text(curated_events, encoding="utf-8")
    runner = CliRunner()
    review = tmp_path / "review.csv"
    res = runner.invoke(app, ["extract", "--reports", str(reports), "--out", str(tmp_path / "o"),
                              "--review", str(review), "--coding", str(coding)])
    assert res.exit_code == 0, res.output
    rows = read(review)
    # the curated Oslo protest is not offered again; both claims are
    assert not any(r["kind"] == "event" and r["city"] == "Oslo" for r in rows)
    claims = [r for r in rows if r["kind"] == "claim"]
    assert len(claims) == 2
    claims[0]["decision"] = "accept"
    claims[1]["decision"] = "accept"
    claims[1]["evidence"] = "More than 200 people stormed the rally"  # not in the text
    for r in rows:
        r.setdefault("decision", "")
    with review.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    res = runner.invoke(app, ["extract-accept", "--review", str(review), "--raw", str(reports),
                              "--coding", str(coding)])
    assert res.exit_code == 0, res.output
    assert "accepted 0 events and 1 claims; skipped 1" in res.output
    assert "not a verbatim part" in res.output
    # existing curated rows are kept byte for byte; the accepted claim gets the next id
    assert (coding / "events.csv").read_text(encoding="utf-8") == curated_events
    [claim] = read(coding / "claims.csv")
    assert (claim["claim_id"], claim["claimant"], claim["low"], claim["high"]) == (
        "x1-c1", "Amnesty International", "4500", "4500")
    assert claim["coded_by"] == "assistant"  # published rows say who coded them
    assert claim["value_text"] in claim["evidence"] and claim["evidence"] in TEXT


def test_accept_rejects_unknown_decision(app, make_reports, tmp_path: Path) -> None:  # noqa: ANN001
    reports = make_reports([{"report_id": "x1", "published_date": "2019-10-20", "text": TEXT}])
    review = tmp_path / "review.csv"
    review.write_text("decision,kind,candidate_id,report_id,event_type,date,date_precision,city,"
                      "country,organizer,claimant,subject,low,high,value_text,evidence\n"
                      "yes,claim,x1-c1,x1,,,,,,,X,death_toll,1,1,1,1\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["extract-accept", "--review", str(review), "--raw",
                                   str(reports), "--coding", str(tmp_path / "coding")])
    assert res.exit_code == 1 and "decision must be accept, reject or empty" in res.output


def test_a_rule_bug_on_one_text_skips_that_report_only(make_reports, monkeypatch) -> None:  # noqa: ANN001
    from pipeline.report_assistant import core

    reps = core.read_reports(make_reports([
        {"report_id": "x1", "published_date": "2019-10-20", "text": TEXT},
        {"report_id": "x2", "published_date": "2019-10-20", "text": "boom"}]))
    real = core.extract_one

    def flaky(rep):  # noqa: ANN001, ANN202
        if rep.report_id == "x2":
            raise ValueError("bad rule")
        return real(rep)

    monkeypatch.setattr(core, "extract_one", flaky)
    failures: list[str] = []
    events, claims = core.extract_reports(reps, failures)
    assert failures == ["texts/x2.txt: extraction failed: ValueError: bad rule"]
    assert set(events["report_id"]) == {"x1"} and len(claims) == 2


def _accept_one_event(app, make_reports, tmp_path: Path, curated: str) -> str:  # noqa: ANN001
    reports = make_reports([{"report_id": "x1", "published_date": "2019-10-20", "text": TEXT}])
    coding = tmp_path / "coding"
    coding.mkdir()
    (coding / "events.csv").write_text(curated, encoding="utf-8")
    review = tmp_path / "review.csv"
    cols = ["decision", "kind", "candidate_id", "report_id", "event_type", "date",
            "date_precision", "city", "country", "organizer", "claimant", "subject", "low",
            "high", "value_text", "evidence"]
    row = dict.fromkeys(cols, "") | {
        "decision": "accept", "kind": "event", "candidate_id": "x1-e9", "report_id": "x1",
        "event_type": "protest", "date": "2019-10-12", "date_precision": "day", "city": "Oslo",
        "country": "NO", "evidence": "exiles held a demonstration in Oslo"}
    with review.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerow(row)
    res = CliRunner().invoke(app, ["extract-accept", "--review", str(review), "--raw",
                                   str(reports), "--coding", str(coding)])
    assert res.exit_code == 0 and "accepted 1 events" in res.output, res.output
    return (coding / "events.csv").read_text(encoding="utf-8")


HEAD = "report_id,event_id,event_type,date,date_precision,city,country,organizer,evidence"


def test_accept_adds_coded_by_column_keeping_old_values(app, make_reports, tmp_path: Path
                                                         ) -> None:  # noqa: ANN001
    # an old row with a quoted multi-line evidence: its values must come back unchanged
    old_row = 'x1,x1-e1,other,2019,year,,IR,,"two\nlines"'
    out = _accept_one_event(app, make_reports, tmp_path, HEAD + "\n" + old_row + "\n")
    rows = list(csv.DictReader(out.splitlines(keepends=True)))
    assert out.splitlines()[0] == HEAD + ",coded_by"
    assert rows[0] | {"coded_by": ""} == rows[0]  # empty = hand
    assert (rows[0]["evidence"], rows[0]["coded_by"]) == ("two\nlines", "")
    assert (rows[1]["event_id"], rows[1]["city"], rows[1]["coded_by"]) == ("x1-e2", "Oslo",
                                                                          "assistant")


def test_accept_keeps_existing_coded_by_rows_byte_for_byte(app, make_reports, tmp_path: Path
                                                           ) -> None:  # noqa: ANN001
    curated = HEAD + ",coded_by\nx1,x1-e1,other,2019,year,,IR,,held,hand\n"
    out = _accept_one_event(app, make_reports, tmp_path, curated)
    assert out.startswith(curated)
    assert out[len(curated):].rstrip("\n").endswith(",assistant")


def _cv_folder(make_reports, tmp_path: Path) -> Path:  # noqa: ANN001
    texts = ["On Saturday, October 12, exiles held a demonstration in Oslo.",
             "On 5 May 2021 exiles held a rally in Berlin.",
             "On 3 June 2020 families held a vigil in Paris.",
             "On 9 July 2019 exiles held a protest in Vienna."]
    pubs = ["Alpha News", "Alpha News (Arabic)", "Beta Post", "Gamma Wire"]
    folder = make_reports([{"report_id": f"p{i}", "published_date": "2021-06",
                            "publisher": pubs[i], "text": t} for i, t in enumerate(texts)])
    (folder / "gold").mkdir()
    (folder / "gold" / "events.csv").write_text(
        "report_id,event_id,event_type,date,date_precision,city,country,organizer,evidence\n"
        "p1,p1-e1,protest,2021-05-05,day,Berlin,DE,,x\n"
        "p2,p2-e1,commemoration,2020-06-03,day,Paris,FR,,x\n"
        "p3,p3-e1,protest,2019-07-09,day,Vienna,AT,,x\n", encoding="utf-8")
    (folder / "gold" / "claims.csv").write_text(
        "report_id,claim_id,claimant,subject,low,high,value_text,evidence\n", encoding="utf-8")
    return folder


def test_cv_trains_each_fold_without_it(app, make_reports, tmp_path: Path, monkeypatch
                                        ) -> None:  # noqa: ANN001
    from pipeline.report_assistant import core

    folder = _cv_folder(make_reports, tmp_path)
    seen: list[set[str]] = []
    real = core.train_filter

    def spy(reports, gold_events, gold_claims):  # noqa: ANN001, ANN202
        seen.append({r.report_id for r in reports})
        return real(reports, gold_events, gold_claims)

    monkeypatch.setattr(core, "train_filter", spy)
    res = CliRunner().invoke(app, ["extract-eval", "--gold", str(folder), "--cv", "publisher"])
    assert res.exit_code == 0, res.output
    assert "3 folds" in res.output  # Alpha News and Alpha News (Arabic) are one publisher
    # every training set misses exactly one publisher's reports, and never its own fold's
    assert sorted(sorted(s) for s in seen) == [["p0", "p1", "p2"], ["p0", "p1", "p3"],
                                               ["p2", "p3"]]
    assert "events       4" not in res.output and "events       3" in res.output


def test_part_and_cv_errors_are_one_line(app, make_reports, tmp_path: Path) -> None:  # noqa: ANN001
    folder = _cv_folder(make_reports, tmp_path)
    for args, msg in ((["--cv", "1"], "--cv"), (["--part", "some"], "--part"), ([], "--pred")):
        res = CliRunner().invoke(app, ["extract-eval", "--gold", str(folder), *args])
        assert res.exit_code == 1 and msg in res.output, res.output
        assert len(res.output.strip().splitlines()) == 1


def test_accepted_rows_read_as_assistant_coded(app, make_reports, tmp_path: Path) -> None:  # noqa: ANN001
    """The publish side (pipeline.sources.reports) reads what extract-accept wrote."""
    from pipeline import io
    from pipeline.sources import reports as coded

    old_row = "x1,x1-e1,other,2019,year,,IR,,exiles"
    _accept_one_event(app, make_reports, tmp_path, HEAD + "\n" + old_row + "\n")
    path = tmp_path / "coding" / "events.csv"
    df = io.read_csv_strict(path, shown=path.as_posix())
    methods = [coded.coding_method(r) for r in df.fillna("").to_dict("records")]
    assert methods == ["hand_coded", "assistant_accepted"]
