"""Report snapshots (raw/reports/) and their hand-made coding (pipeline/etc/coding/): each coded
event or claim is checked against its report text and published with a short verbatim quote.
Pure: frames and texts in, frames out."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from pipeline.config import MAX_QUOTE_WORDS
from pipeline.schemas.fields import SNAKE_PATTERN
from pipeline.sources import common
from pipeline.sources.common import blank, reject, rejects_frame, to_int
from pipeline.transforms.calendar_words import GREGORIAN_MONTH_NAMES_EN
from pipeline.transforms.claims import (
    bounds_problem,
    claim_scope,
    coded_claim_values,
    unit_for_subject,
)
from pipeline.transforms.dates import DateProblem, coded_date, date_evidence_problem
from pipeline.transforms.quotes import find_quote, trim_quote

CORPUS_ID = "reports"

# optional column of a coding file: who proposed the row (`assistant` when the report-extraction
# assistant did and a reviewer accepted it); anything else or empty means coded by hand
CODED_BY = "coded_by"

_MONTHS = GREGORIAN_MONTH_NAMES_EN


@dataclass(frozen=True)
class Report:
    """One report snapshot of raw/reports/ and its text."""

    report_id: str
    source_id: str
    text_path: str  # repo-relative path of the snapshot
    text: str
    published_date: str | None


@dataclass(frozen=True)
class Result:
    """Candidate rows of one table (with bookkeeping columns) and the rows rejected."""

    rows: pd.DataFrame
    rejects: pd.DataFrame


def coding_method(rec: dict) -> str:
    """`assistant_accepted` for a coding row whose optional `coded_by` is `assistant`, else
    `hand_coded`."""
    by = blank(rec.get(CODED_BY))
    return "assistant_accepted" if by and by.strip().casefold() == "assistant" else "hand_coded"


def _date_anchors(date: str | None) -> tuple[str, ...]:
    if date and "/" in date:
        return tuple(a for side in date.split("/") for a in _date_anchors(side))
    if not date or not date[:4].isdigit() or int(date[:4]) < 1800:
        return ()  # a Jalali date: its words are Persian, not these
    parts = date.split("-")
    out = [parts[0]]
    if len(parts) > 1:
        out.append(_MONTHS[int(parts[1]) - 1] if 1 <= int(parts[1]) <= 12 else parts[1])
    if len(parts) > 2:
        out.append(str(int(parts[2])))
    return tuple(out)


def _locate(report: Report, evidence: str, core: str) -> str:
    """RFC 5147 character range of the published quote within the snapshot."""
    span = find_quote(report.text, evidence)
    assert span is not None
    inner = find_quote(report.text[span.start : span.end], core)
    assert inner is not None
    start = span.start + inner.start
    return f"{report.text_path}#char={start},{span.start + inner.end}"


def _check_evidence(rec: dict, report: Report | None, file: str, row: int, bad: list,
                    must_contain: str | None, anchors: tuple[str, ...]) -> str | None:
    """The published quote for a coded row, or None after recording why the row is rejected."""
    evidence = blank(rec.get("evidence"))
    source_id = report.source_id if report else CORPUS_ID
    if report is None:
        bad.append(reject(CORPUS_ID, file, row, "report_id", "unknown_reference",
                          "no report snapshot with this report_id in raw/reports/",
                          rec.get("report_id")))
        return None
    if evidence is None:
        bad.append(reject(source_id, file, row, "evidence", "missing_value",
                          "evidence is required", None))
        return None
    if find_quote(report.text, evidence) is None:
        bad.append(reject(source_id, file, row, "evidence", "evidence_not_found",
                          f"not a verbatim part of {report.text_path}", evidence))
        return None
    core = trim_quote(evidence, MAX_QUOTE_WORDS, must_contain=must_contain, anchors=anchors)
    if core is None:
        bad.append(reject(source_id, file, row, "evidence", "quote_too_long",
                          f"no {MAX_QUOTE_WORDS}-word window of the evidence holds "
                          f"{must_contain!r}", evidence))
        return None
    return core


def coded_events(df: pd.DataFrame, file: str, reports: dict[str, Report],
                 affiliations: dict[str, str] | None = None) -> Result:
    """Coded events (pipeline/etc/coding/events.csv) -> `event` rows, each with a verbatim
    quote of its report (trimmed to the word limit, keeping the city when the text names it)
    located by character range; a row whose evidence or date does not hold is rejected."""
    rows, bad = [], []
    for rec in df.to_dict("records"):
        row = int(rec["source_row"])
        report = reports.get(rec["report_id"])
        date, precision = blank(rec["date"]), blank(rec["date_precision"])
        anchors = tuple(a for a in (rec.get("city"), rec.get("organizer"), rec.get("event_type"))
                        if blank(a)) + _date_anchors(date)
        city = blank(rec.get("city"))
        evidence = blank(rec.get("evidence")) or ""
        # the city an event row stands for must survive trimming when the text names it
        must = city if city and city in evidence else None
        core = _check_evidence(rec, report, file, row, bad, must, anchors)
        if core is None or report is None:
            continue
        coded = coded_date(date, precision)
        if isinstance(coded, DateProblem):
            bad.append(reject(report.source_id, file, row, "date", "invalid_date",
                              coded.reason, date))
            continue
        overclaim = date_evidence_problem(blank(rec["evidence"]), coded)
        if overclaim:
            bad.append(reject(report.source_id, file, row, "date", "invalid_date",
                              f"{date} ({precision}) claims more than the evidence: "
                              f"{overclaim}", date))
            continue
        rows.append(common.event_row(
            rec, coded, affiliations,
            coding_method=coding_method(rec),
            evidence=core,
            is_evidence_trimmed=core != blank(rec["evidence"]),
            report_id=report.report_id,
            source_id=report.source_id,
            source_locator=_locate(report, rec["evidence"], core),
        ) | common.provenance(report.source_id, file, row))
    return Result(pd.DataFrame(rows), rejects_frame(bad))


def coded_claims(df: pd.DataFrame, file: str, reports: dict[str, Report],
                 affiliations: dict[str, str] | None = None) -> Result:
    """Coded claims (pipeline/etc/coding/claims.csv) -> `claim` rows: the figure as written
    must be a verbatim part of the evidence, the quote keeps it, and low/best/high follow
    from it (transforms/claims.py); a row that does not hold is rejected."""
    rows, bad = [], []
    for rec in df.to_dict("records"):
        row = int(rec["source_row"])
        report = reports.get(rec["report_id"])
        value_text = blank(rec["value_text"])
        evidence = blank(rec["evidence"])
        if value_text is None or (evidence is not None and value_text not in evidence):
            bad.append(reject(report.source_id if report else CORPUS_ID, file, row,
                              "value_text", "evidence_not_found",
                              "value_text must be a verbatim part of the evidence", value_text))
            continue
        anchors = tuple(a for a in (rec.get("claimant"),) if blank(a))
        core = _check_evidence(rec, report, file, row, bad, value_text, anchors)
        if core is None or report is None:
            continue
        low, ok_low = to_int(blank(rec["low"]))
        high, ok_high = to_int(blank(rec["high"]))
        if not (ok_low and ok_high):
            field = "low" if not ok_low else "high"
            bad.append(reject(report.source_id, file, row, field, "invalid_value",
                              "not a whole number", rec[field]))
            continue
        problem = bounds_problem(low, None, high)
        encoded = coded_claim_values(value_text, [v for v in (low, high) if v is not None])
        if problem or isinstance(encoded, str):
            bad.append(reject(report.source_id, file, row, "low", "inconsistent_values",
                              problem or str(encoded), f"{rec['low']}/{rec['high']}"))
            continue
        subject = blank(rec["subject"]) or ""
        year = report.published_date[:4] if report.published_date else None
        rows.append(common.claim_row(
            rec, encoded, affiliations,
            subject_code=subject,
            coding_method=coding_method(rec),
            unit_code=unit_for_subject(subject) if re.fullmatch(SNAKE_PATTERN, subject)
            else None,
            value_original=value_text,
            claim_scope=claim_scope(evidence, subject),
            claim_year=int(year) if year else None,
            quote=core,
            report_id=report.report_id,
            source_id=report.source_id,
            source_locator=_locate(report, evidence or "", core),
        ) | common.provenance(report.source_id, file, row))
    return Result(pd.DataFrame(rows), rejects_frame(bad))
