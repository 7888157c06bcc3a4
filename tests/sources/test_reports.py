"""Curated report coding (issue 8, point 1): each coded row is verified against its snapshot and
rejected with a reason when its evidence, date, type or place is not valid."""

from __future__ import annotations

import pandas as pd

from pipeline.config import MAX_QUOTE_WORDS
from pipeline.sources import reports
from pipeline.stages.validate import validate_table
from pipeline.transforms.happenings import assign_happenings

TEXT = ("Intro line.\nOn Saturday, October 12, supporters of the opposition in Norway held a\n"
        "demonstration in front of the   Norwegian Parliament in Oslo to remember the victims "
        "of the 1988 massacre of over 30,000 political prisoners, and many speakers, among them "
        "former prisoners, relatives and lawmakers from several parties, addressed the crowd.")
REPORT = reports.Report("x1", "rep_x1", "raw/reports/texts/x1.txt", TEXT, "2019-10")
REPS = {"x1": REPORT}


def event(**over: str) -> dict:
    rec = {"report_id": "x1", "event_id": "x1-e1", "event_type": "protest",
           "date": "2019-10-12", "date_precision": "day", "city": "Oslo", "country": "NO",
           "organizer": "", "evidence": "held a demonstration in front of the Norwegian "
           "Parliament in Oslo", "source_row": 2}
    return rec | over


def claim(**over: str) -> dict:
    rec = {"report_id": "x1", "claim_id": "x1-c1", "claimant": "Example", "subject":
           "death_toll", "low": "30000", "high": "", "value_text": "over 30,000",
           "evidence": "massacre of over 30,000 political prisoners", "source_row": 2}
    return rec | over


def run_events(*recs: dict) -> reports.Result:
    return reports.coded_events(pd.DataFrame(list(recs)), "pipeline/etc/coding/events.csv", REPS)


def run_claims(*recs: dict) -> reports.Result:
    return reports.coded_claims(pd.DataFrame(list(recs)), "pipeline/etc/coding/claims.csv", REPS)


def test_evidence_matches_after_whitespace_normalization_and_is_located() -> None:
    res = run_events(event())
    assert len(res.rows) == 1 and len(res.rejects) == 0
    row = res.rows.iloc[0]
    start, end = (int(x) for x in row["source_locator"].split("#char=")[1].split(","))
    assert " ".join(TEXT[start:end].split()) == row["evidence"]


def test_evidence_not_in_snapshot_is_rejected_with_reason() -> None:
    res = run_events(event(evidence="held a rally in front of the Norwegian Parliament"))
    assert len(res.rows) == 0
    assert res.rejects.iloc[0]["reason_code"] == "evidence_not_found"
    assert res.rejects.iloc[0]["field"] == "evidence"


def test_unknown_report_and_missing_evidence_are_rejected() -> None:
    res = run_events(event(report_id="zz"), event(evidence=""))
    assert sorted(res.rejects["reason_code"]) == ["missing_value", "unknown_reference"]


def test_invalid_date_is_rejected() -> None:
    res = run_events(event(date="2019-13-12"), event(date="2019-10", date_precision="day"))
    assert list(res.rejects["reason_code"]) == ["invalid_date", "invalid_date"]


def test_long_quotes_are_trimmed_to_the_limit_keeping_the_city() -> None:
    long_ev = " ".join(TEXT.split("\n", 1)[1].split())
    assert len(long_ev.split()) > MAX_QUOTE_WORDS
    res = run_events(event(evidence=long_ev))
    row = res.rows.iloc[0]
    assert len(row["evidence"].split()) <= MAX_QUOTE_WORDS and "Oslo" in row["evidence"]
    assert bool(row["is_evidence_trimmed"]) is True


def test_claim_value_must_be_in_evidence_and_bounds_ordered() -> None:
    res = run_claims(claim(value_text="about 30,000"), claim(low="40000", high="30000"),
                     claim(low="many"))
    assert len(res.rows) == 0
    assert list(res.rejects["reason_code"]) == ["evidence_not_found", "inconsistent_values",
                                                "invalid_value"]


def test_invalid_type_and_country_are_rejected_by_the_schema() -> None:
    res = run_events(event(), event(event_id="x1-e2", event_type="party"),
                     event(event_id="x1-e3", country="XX"))
    kept, bad = validate_table(assign_happenings(res.rows), "event")
    assert list(kept["event_id"]) == ["x1-e1"]
    assert sorted(b["field"] for b in bad) == ["country_code", "event_type"]


def test_a_date_that_claims_more_than_its_evidence_is_rejected() -> None:
    """'between July and September' coded as the month of July is refused, naming the rule;
    coded as a range it is published with the bounds of the whole span."""
    text = TEXT + " Thousands were executed between July and September 1988 in the prisons."
    reps = {"x1": reports.Report("x1", "rep_x1", "raw/reports/texts/x1.txt", text, "2019-10")}
    ev = "Thousands were executed between July and September 1988"
    rows = [event(event_id="x1-e1", event_type="execution_wave", date="1988-07",
                  date_precision="month", city="", organizer="", evidence=ev),
            event(event_id="x1-e2", event_type="execution_wave", date="1988-07/1988-09",
                  date_precision="range", city="", organizer="", evidence=ev)]
    res = reports.coded_events(pd.DataFrame(rows), "pipeline/etc/coding/events.csv", reps)
    assert list(res.rows["event_id"]) == ["x1-e2"]
    assert res.rows.iloc[0]["event_date_latest"] == "1988-09-30"
    assert list(res.rejects["reason_code"]) == ["invalid_date"]
    assert "claims more than the evidence" in res.rejects.iloc[0]["message"]


def test_coding_method_follows_the_optional_coded_by_column() -> None:
    res = run_events(event(), event(event_id="x1-e2", coded_by="assistant"),
                     event(event_id="x1-e3", coded_by="someone"))
    assert list(res.rows["coding_method"]) == ["hand_coded", "assistant_accepted",
                                               "hand_coded"]
    res = run_claims(claim(coded_by="assistant"))
    assert list(res.rows["coding_method"]) == ["assistant_accepted"]
