"""Reports folder (index.csv + texts/) -> events and claims frames with the gold columns."""

from __future__ import annotations

import csv
import io as _io
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline import io
from pipeline.errors import InputError
from pipeline.report_assistant.claims import extract_claims
from pipeline.report_assistant.dates import DateContext, PubDate, find_dates
from pipeline.report_assistant.events import extract_events
from pipeline.report_assistant.model import CandidateFilter, fit
from pipeline.report_assistant.text import sentences
from pipeline.schemas.inputs import CLAIM_COLUMNS, EVENT_COLUMNS
from pipeline.transforms.calendar_words import GREGORIAN_MONTHS_EN

log = logging.getLogger(__name__)

# extract writes the gold columns plus who hosts the text: the claimant is who makes the
# statement, the publisher is reported beside it, never in its place
CLAIM_OUT_COLUMNS = (*CLAIM_COLUMNS, "publisher")
INDEX_REQUIRED = ("report_id", "publisher", "published_date")
_REPORT_ID = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class ReportInput:
    """One report to extract: its id, text, publication date, publisher and title."""
    report_id: str
    publisher: str
    published_date: str
    text: str
    title: str = ""


def read_reports(folder: Path) -> list[ReportInput]:
    """index.csv + texts/<report_id>.txt; InputError (one line) for a missing/bad index or text."""
    folder = Path(folder)
    index_path = folder / "index.csv"
    shown = index_path.as_posix()
    if not folder.is_dir():
        raise InputError("reports folder not found", file=folder.as_posix())
    if not index_path.is_file():
        raise InputError("index.csv not found in the reports folder", file=shown)
    df = io.read_csv_strict(index_path, shown=shown, required=INDEX_REQUIRED)
    out: list[ReportInput] = []
    seen: set[str] = set()
    for rec in df.to_dict("records"):
        row = int(rec["source_row"])
        rid = (rec["report_id"] or "").strip()
        if not _REPORT_ID.fullmatch(rid):
            raise InputError("report_id must be letters, digits, _ or -", file=shown, row=row,
                             field="report_id", value=rid)
        if rid in seen:
            raise InputError("duplicate report_id", file=shown, row=row, field="report_id",
                             value=rid)
        seen.add(rid)
        pub = (rec["published_date"] or "").strip()
        if pub and not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", pub):
            raise InputError("published_date must be YYYY, YYYY-MM or YYYY-MM-DD", file=shown,
                             row=row, field="published_date", value=pub)
        if pub and PubDate.parse(pub).year is None:
            raise InputError("invalid published_date", file=shown, row=row,
                             field="published_date", value=pub)
        text_path = folder / "texts" / f"{rid}.txt"
        if not text_path.is_file():
            raise InputError(f"no text file texts/{rid}.txt for this index row", file=shown,
                             row=row, field="report_id", value=rid)
        text = io.read_text(text_path, shown=text_path.as_posix())
        out.append(ReportInput(rid, (rec["publisher"] or "").strip(), pub, text,
                               (rec.get("title") or "").strip()))
    return out


def _anchor_year(text: str, pub: PubDate) -> int | None:
    """Year a text fixes when the publication date is unknown (e.g. "22nd anniversary")."""
    ctx = DateContext(pub=pub, year=None, anchor_year=None)
    years = [int(h.iso[:4]) for s in sentences(text) for h in find_dates(s.text, ctx)
             if h.kind == "anniversary"]
    return max(years) if years else None


_MONTHS = {m: i for m, i in GREGORIAN_MONTHS_EN.items() if len(m) == 3}
# a wire story's dateline: "STOCKHOLM, Aug 10 (Reuters) -", "GENEVA (10 December 2020) -",
# "London, May 6, 2021 -": the day the story was filed
_DATELINE_DATE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Za-z’'. -]{2,30}?\s*[,(]\s*(?:(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday),?\s+)?(?:(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2})|"
    r"(?P<d2>\d{1,2})\s+(?P<mon2>[A-Z][a-z]{2,8}))(?:,?\s+(?P<y>(?:19|20)\d\d))?\s*\)?\s*"
    r"(?:\((?:Reuters|AFP|AP|dpa|IPS|IRNA|Xinhua)\)\s*)?[-–—]")


# "Published 14 June 2023 | ...", "Posted on June 14, 2023": the page's own publication day
_PUBLISHED_LINE = re.compile(
    r"(?m)^[ \t]*(?:Published|Posted|Updated|Date)(?:\s+on)?\s*:?\s*(?:(?P<mon>[A-Z][a-z]{2,8})"
    r"\.?\s+(?P<d>\d{1,2}),?|(?P<d2>\d{1,2})\s+(?P<mon2>[A-Z][a-z]{2,8}))\s+(?P<y>(?:19|20)\d\d)")


def dateline_pub(published_date: str, text: str) -> str:
    """The publication date made precise by a dateline near the top of a wire story ("on
    Tuesday" is then the Tuesday before the day the story was filed), when it agrees with
    the index date; else the index date unchanged."""
    pub = PubDate.parse(published_date)
    m = _DATELINE_DATE.search(text[:600]) or _PUBLISHED_LINE.search(text[:600])
    if m is None:
        return published_date
    if pub.day is not None:
        # a page dated a day or two after its wire story ("NEW YORK, 18 July 2024 - ... today"
        # on a 19 July page): the story's "today" is the dateline's day
        import datetime as _dt

        mon = _MONTHS.get((m.group("mon") or m.group("mon2") or "")[:3].lower())
        if not m.group("y") or mon is None:
            return published_date
        try:
            filed = _dt.date(int(m.group("y")), mon, int(m.group("d") or m.group("d2")))
            gap = (_dt.date(pub.year, pub.month, pub.day) - filed).days  # type: ignore[arg-type]
        except ValueError:
            return published_date
        return filed.isoformat() if 0 < gap <= 3 else published_date
    mon = _MONTHS.get((m.group("mon") or m.group("mon2") or "")[:3].lower())
    day = int(m.group("d") or m.group("d2"))
    year = int(m.group("y")) if m.group("y") else pub.year
    if mon is None or year is None:
        return published_date
    if (pub.year and year != pub.year) or (pub.month and mon != pub.month):
        # a story filed before the page's date (a later update or repost): the dateline's day
        # anchors its weekdays only if it falls within four months before that date
        import datetime as _dt

        try:
            gap = (_dt.date(pub.year or year, pub.month or 12, 28) - _dt.date(year, mon, day)).days
        except ValueError:
            return published_date
        if not m.group("y") or not 0 <= gap <= 124:
            return published_date
    try:
        import datetime as _dt

        _dt.date(year, mon, day)
    except ValueError:
        return published_date
    return f"{year:04d}-{mon:02d}-{day:02d}"


def context_for(published_date: str, text: str) -> DateContext:
    """Date context of one report: its publication date (or the dateline's) and, when there is
    none, the year the text itself fixes."""
    pub = PubDate.parse(dateline_pub(published_date, text))
    anchor = None if pub.year else _anchor_year(text, pub)
    return DateContext(pub=pub, year=pub.year or anchor, anchor_year=anchor)


def extract_one(report: ReportInput) -> tuple[list[dict], list[dict]]:
    """Event and claim rows (output columns) of one report."""
    ctx = context_for(report.published_date, report.text)
    events = [
        {"report_id": report.report_id, "event_id": f"{report.report_id}-e{i}",
         "event_type": e.event_type, "date": e.date, "date_precision": e.date_precision,
         "city": e.city, "country": e.country, "organizer": e.organizer,
         "evidence": e.evidence}
        for i, e in enumerate(extract_events(report.text, ctx), start=1)
    ]
    claims = [
        {"report_id": report.report_id, "claim_id": f"{report.report_id}-c{i}",
         "claimant": c.claimant, "subject": c.subject,
         "low": "" if c.low is None else str(c.low),
         "high": "" if c.high is None else str(c.high),
         "value_text": c.value_text, "evidence": c.evidence, "publisher": report.publisher}
        for i, c in enumerate(extract_claims(report.text, ctx, report.publisher,
                                                    report.title), start=1)
    ]
    return events, claims


def extract_reports(reports: list[ReportInput], failures: list[str] | None = None,
                    filt: CandidateFilter | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events and claims of every report. A report whose text trips a bug in the rules is
    skipped and named in ``failures`` (one line each) rather than stopping the whole run.
    ``filt``: a learned filter (model.py) that drops candidates it finds very unlikely."""
    ev_df, cl_df = _extract_rules(reports, failures)
    if filt is None:
        return ev_df, cl_df
    ev_keep = pd.Series(filt.keep(ev_df.fillna("").to_dict("records"), "event"), dtype=bool,
                        index=ev_df.index)
    cl_keep = pd.Series(filt.keep(cl_df.fillna("").to_dict("records"), "claim"), dtype=bool,
                        index=cl_df.index)
    ev_df, cl_df = ev_df[ev_keep].reset_index(drop=True), cl_df[cl_keep].reset_index(drop=True)
    return _renumber(ev_df, "event_id", "e"), _renumber(cl_df, "claim_id", "c")


def _renumber(df: pd.DataFrame, col: str, letter: str) -> pd.DataFrame:
    n = df.groupby("report_id", sort=False).cumcount() + 1
    return df.assign(**{col: (df["report_id"] + f"-{letter}" + n.astype("string"))
                        .astype("string")})


def train_filter(reports: list[ReportInput], gold_events: pd.DataFrame,
                 gold_claims: pd.DataFrame) -> CandidateFilter:
    """The learned filter fitted on these reports' rule candidates and their gold rows."""
    ev_df, cl_df = _extract_rules(reports, None)
    rids = {r.report_id for r in reports}
    return fit(ev_df, cl_df, gold_events[gold_events["report_id"].isin(rids)],
               gold_claims[gold_claims["report_id"].isin(rids)])


def cross_validate(reports: list[ReportInput], folds: list[tuple[str, set[str]]],
                   gold_events: pd.DataFrame, gold_claims: pd.DataFrame,
                   pool: set[str] | None = None
                   ) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Predictions for the reports of every fold, each fold extracted with a filter trained on
    the reports of all other folds only (the rules themselves learn nothing); ``pool`` limits
    the reports any training may use (e.g. never the held-out set)."""
    evs, cls = [], []
    for _, rids in folds:
        train = [r for r in reports if r.report_id not in rids
                 and (pool is None or r.report_id in pool)]
        test = [r for r in reports if r.report_id in rids]
        filt = train_filter(train, gold_events, gold_claims) if train else None
        e, c = extract_reports(test, None, filt)
        evs.append(e)
        cls.append(c)
    ev_df = pd.concat(evs, ignore_index=True) if evs else pd.DataFrame(
        columns=list(EVENT_COLUMNS), dtype="string")
    cl_df = pd.concat(cls, ignore_index=True) if cls else pd.DataFrame(
        columns=list(CLAIM_OUT_COLUMNS), dtype="string")
    return ev_df, cl_df, [label for label, _ in folds]


def _extract_rules(reports: list[ReportInput], failures: list[str] | None = None
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    events: list[dict] = []
    claims: list[dict] = []
    for rep in sorted(reports, key=lambda r: r.report_id):
        try:
            ev, cl = extract_one(rep)
        except Exception as exc:  # noqa: BLE001 - a rule bug on one text must not stop the rest
            line = f"texts/{rep.report_id}.txt: extraction failed: {type(exc).__name__}: {exc}"
            log.warning(line)
            if failures is not None:
                failures.append(" ".join(line.split()))
            continue
        log.debug("%s: %d events, %d claims", rep.report_id, len(ev), len(cl))
        events.extend(ev)
        claims.extend(cl)
    ev_df = pd.DataFrame(events, columns=list(EVENT_COLUMNS), dtype="string")
    cl_df = pd.DataFrame(claims, columns=list(CLAIM_OUT_COLUMNS), dtype="string")
    return ev_df, cl_df


def csv_bytes(df: pd.DataFrame) -> bytes:
    """RFC 4180 CSV of a frame of strings: UTF-8, no BOM, \\n line ends, '' for null."""
    buf = _io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(list(df.columns))
    for rec in df.itertuples(index=False):
        w.writerow(["" if pd.isna(v) else str(v) for v in rec])
    return buf.getvalue().encode("utf-8")


def write_outputs(events: pd.DataFrame, claims: pd.DataFrame, out_dir: Path) -> None:
    """Write events.csv and claims.csv into ``out_dir`` (atomically)."""
    io.write_bytes_atomic(Path(out_dir) / "events.csv", csv_bytes(events))
    io.write_bytes_atomic(Path(out_dir) / "claims.csv", csv_bytes(claims))
