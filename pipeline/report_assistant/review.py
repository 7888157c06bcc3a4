"""Review loop: extracted candidates not yet in the curated coding -> a review CSV a person marks
``accept`` or ``reject`` -> accepted rows appended to pipeline/etc/coding/{events,claims}.csv,
each checked the same way as hand coding (pipeline.sources.reports.coded_events/coded_claims:
evidence verbatim in the snapshot, date valid at its precision, low <= high)."""

from __future__ import annotations

import csv
import io as _io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline import io
from pipeline.errors import InputError
from pipeline.report_assistant import core
from pipeline.report_assistant.evaluate import claim_match, event_match
from pipeline.sources import reports as coded

REVIEW_COLUMNS = ("decision", "kind", "candidate_id", "report_id", "event_type", "date",
                  "date_precision", "city", "country", "organizer", "claimant", "subject", "low",
                  "high", "value_text", "evidence")
DECISIONS = {"", "accept", "reject"}
EVENT_TYPES = {"commemoration", "protest", "exhibition", "conference", "trial", "court_ruling",
               "un_statement", "un_report", "execution_wave", "other"}


@dataclass
class AcceptResult:
    """What an accept step wrote and what it skipped, with reasons."""
    events: int = 0
    claims: int = 0
    left: int = 0
    problems: list[str] = field(default_factory=list)


def read_coding(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The curated coding (events, claims) of a coding folder."""
    folder = Path(folder)
    frames = []
    for name, cols in (("events.csv", core.EVENT_COLUMNS), ("claims.csv", core.CLAIM_COLUMNS)):
        path = folder / name
        if path.is_file():
            frames.append(io.read_csv_strict(path, shown=path.as_posix(), required=cols))
        else:
            frames.append(pd.DataFrame(columns=list(cols), dtype="string"))
    return frames[0], frames[1]


def _is_known(rec: dict, curated: list[dict], same) -> bool:  # noqa: ANN001
    return any(c["report_id"] == rec["report_id"] and same(c, rec) for c in curated)


def review_frame(events: pd.DataFrame, claims: pd.DataFrame, cur_events: pd.DataFrame,
                 cur_claims: pd.DataFrame) -> pd.DataFrame:
    """Candidates that match no curated row (same matching as extract-eval), decision empty."""
    rows: list[dict] = []
    cur_ev = cur_events.fillna("").to_dict("records")
    cur_cl = cur_claims.fillna("").to_dict("records")
    for rec in events.fillna("").to_dict("records"):
        if not _is_known(rec, cur_ev, event_match):
            rows.append({"kind": "event", "candidate_id": rec["event_id"], **rec})
    for rec in claims.fillna("").to_dict("records"):
        if not _is_known(rec, cur_cl, claim_match):
            rows.append({"kind": "claim", "candidate_id": rec["claim_id"], **rec})
    df = pd.DataFrame(rows, columns=[*REVIEW_COLUMNS, "event_id", "claim_id"], dtype="string")
    return df.loc[:, list(REVIEW_COLUMNS)].fillna("").assign(decision="")


def write_review(df: pd.DataFrame, path: Path) -> None:
    """Write a review file (CSV) atomically."""
    io.write_bytes_atomic(Path(path), core.csv_bytes(df))


def _next_ids(existing: pd.DataFrame, id_col: str, letter: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for rid, val in zip(existing["report_id"], existing[id_col], strict=True):
        m = re.fullmatch(re.escape(str(rid)) + "-" + letter + r"(\d+)", str(val))
        if m:
            out[str(rid)] = max(out.get(str(rid), 0), int(m.group(1)))
    return out


def _csv_lines(rows: list[dict], columns: tuple[str, ...]) -> str:
    buf = _io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for r in rows:
        w.writerow([r.get(c, "") for c in columns])
    return buf.getvalue()


CODED_BY = "coded_by"  # hand (the default when empty) | assistant: read by the publish step


def _with_coded_by(text: str) -> tuple[str, list[str]]:
    """A coding CSV's text with a ``coded_by`` column (added last, empty = hand, when missing)
    and its header. Existing values are kept; only a trailing empty field is added to each
    record, at the end of its last physical line (quoted multi-line fields stay intact)."""
    lines = text.splitlines(keepends=True)
    header = next(csv.reader([lines[0]])) if lines else []
    header = [h.strip() for h in header]
    if CODED_BY in header or not lines:
        return text, header
    ends: set[int] = set()  # 0-based index of the last physical line of every record
    reader = csv.reader(_io.StringIO(text, newline=""))
    for rec in reader:
        if rec:
            ends.add(reader.line_num - 1)
    out = []
    for i, line in enumerate(lines):
        body, nl = (line[:-1], "\n") if line.endswith("\n") else (line, "")
        if body.endswith("\r"):
            body, nl = body[:-1], "\r" + nl
        out.append(body + ("," + CODED_BY if i == 0 else ",") + nl if i in ends else line)
    return "".join(out), header + [CODED_BY]


def _append(path: Path, rows: list[dict], columns: tuple[str, ...]) -> None:
    """Append rows to a coding CSV marked ``coded_by`` = assistant, keeping the existing rows'
    values as they are (a file without the column gets it, empty = hand, for the old rows)."""
    if not rows:
        return
    if path.is_file():
        old, header = _with_coded_by(io.read_text(path, shown=path.as_posix()))
    else:
        header = [*columns, CODED_BY]
        old = _csv_lines([dict(zip(header, header, strict=True))], tuple(header))
    if old and not old.endswith("\n"):
        old += "\n"
    marked = [{**r, CODED_BY: "assistant"} for r in rows]
    io.write_bytes_atomic(path, (old + _csv_lines(marked, tuple(header))).encode("utf-8"))


def accept(review: Path, reports_dir: Path, coding_dir: Path) -> AcceptResult:
    """Append the review rows marked ``accept`` to the curated coding after verification."""
    shown = Path(review).as_posix()
    df = io.read_csv_strict(review, shown=shown, required=REVIEW_COLUMNS)
    bad = sorted({str(d) for d in df["decision"].fillna("") if str(d).strip().lower()
                  not in DECISIONS})
    if bad:
        raise InputError("decision must be accept, reject or empty", file=shown,
                         field="decision", value=", ".join(bad))
    snaps = {r.report_id: coded.Report(r.report_id, r.report_id,
                                       (Path(reports_dir) / "texts" / f"{r.report_id}.txt")
                                       .as_posix(), r.text, r.published_date or None)
             for r in core.read_reports(reports_dir)}
    cur_ev, cur_cl = read_coding(coding_dir)
    next_e, next_c = _next_ids(cur_ev, "event_id", "e"), _next_ids(cur_cl, "claim_id", "c")
    result = AcceptResult()
    new_events: list[dict] = []
    new_claims: list[dict] = []
    for rec in df.fillna("").to_dict("records"):
        row = int(rec["source_row"])
        if str(rec["decision"]).strip().lower() != "accept":
            result.left += 1
            continue
        rid = rec["report_id"]
        where = f"{shown}:{row}"
        if rec["kind"] == "event":
            if rec["event_type"] not in EVENT_TYPES:
                result.problems.append(f"{where}: event_type: unknown type "
                                       f"({rec['event_type']})")
                continue
            if rec["country"] and not re.fullmatch(r"[A-Z]{2}", rec["country"]):
                result.problems.append(f"{where}: country: not ISO 3166-1 alpha-2 "
                                       f"({rec['country']})")
                continue
            n = next_e.get(rid, 0) + 1
            cand = {c: rec[c] for c in core.EVENT_COLUMNS if c in rec} | {"event_id": f"{rid}-e{n}"}
            check = coded.coded_events(pd.DataFrame([cand | {"source_row": row}]), shown, snaps)
            target = new_events
        elif rec["kind"] == "claim":
            n = next_c.get(rid, 0) + 1
            cand = {c: rec[c] for c in core.CLAIM_COLUMNS if c in rec} | {"claim_id": f"{rid}-c{n}"}
            check = coded.coded_claims(pd.DataFrame([cand | {"source_row": row}]), shown, snaps)
            target = new_claims
        else:
            result.problems.append(f"{where}: kind: must be event or claim ({rec['kind']})")
            continue
        if len(check.rejects):
            r = check.rejects.iloc[0]
            result.problems.append(f"{where}: {r['field']}: {r['message']}")
            continue
        target.append(cand)
        if rec["kind"] == "event":
            next_e[rid] = n
        else:
            next_c[rid] = n
    _append(Path(coding_dir) / "events.csv", new_events, core.EVENT_COLUMNS)
    _append(Path(coding_dir) / "claims.csv", new_claims, core.CLAIM_COLUMNS)
    result.events, result.claims = len(new_events), len(new_claims)
    return result
