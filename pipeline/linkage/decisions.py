"""Human link decisions (pipeline/etc/link_decisions.csv): parse, check, apply.

Columns: record_id_l, record_id_r, decision (must_link | cannot_link), reviewer, reason,
decided_date (YYYY-MM-DD). A decision always beats the model: a must-link pair ends in one
person, a cannot-link pair never does (see persons.cluster).

The hand labels (pipeline/etc/link_labels.csv: is_match true/false, labeller, labelled_date,
reason) are reviewed decisions too: :func:`labels_as_decisions` turns them into must_link /
cannot_link rows, and :func:`combine` merges both files (a pair decided differently in the two
files is an error naming the label line). Every decision is published in match_pair with who,
why, when and which file.
"""

from __future__ import annotations

import logging
import re

import pandas as pd

from pipeline.errors import InputError
from pipeline.schemas.codes import CANNOT_LINK, MUST_LINK

log = logging.getLogger(__name__)

DECISION_COLUMNS = ("record_id_l", "record_id_r", "decision", "reviewer", "reason",
                    "decided_date")
DECISIONS = (MUST_LINK, CANNOT_LINK)
"""The decisions a reviewer can write (decision_code of match_pair, but for `model`)."""
DECISIONS_FILE = "pipeline/etc/link_decisions.csv"
LABELS_FILE = "pipeline/etc/link_labels.csv"
LABEL_COLUMNS = ("record_id_l", "record_id_r", "is_match", "labeller", "labelled_date", "reason")
_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f"}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ID = re.compile(r"[A-Za-z0-9_-]+")


def empty_decisions() -> pd.DataFrame:
    """A decisions frame with no rows (every column text)."""
    return pd.DataFrame({c: pd.Series([], dtype="string")
                         for c in (*DECISION_COLUMNS, "decision_file")})


def _rows_and_lines(df: pd.DataFrame, required: tuple[str, ...], file: str
                    ) -> tuple[pd.DataFrame, pd.Series]:
    """The rows (index reset) and the line of each in ``file`` (its ``source_row``, or counted
    from 2 below the header); an InputError when a ``required`` column is missing."""
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise InputError("missing required column(s)", file=file, row=1,
                         field=", ".join(missing))
    rows = df.reset_index(drop=True)
    line = (rows["source_row"] if "source_row" in rows.columns
            else pd.Series(range(2, len(rows) + 2)))
    return rows, line


def parse_decisions(df: pd.DataFrame, *, file: str = "pipeline/etc/link_decisions.csv"
                    ) -> pd.DataFrame:
    """Check a decisions frame (as read by io.read_csv_strict: strings + source_row) and return
    it with each pair ordered (smaller id first). Any bad row is an InputError with its line."""
    rows, line = _rows_and_lines(df, DECISION_COLUMNS, file)
    out = []
    seen: dict[tuple[str, str], str] = {}
    for i, rec in rows.iterrows():
        at = int(line.iloc[i])
        vals = {c: ("" if pd.isna(rec[c]) else str(rec[c]).strip()) for c in DECISION_COLUMNS}
        for c in ("record_id_l", "record_id_r"):
            if not _ID.fullmatch(vals[c]):
                raise InputError("not a record id", file=file, row=at, field=c, value=vals[c])
        if vals["record_id_l"] == vals["record_id_r"]:
            raise InputError("a record cannot be paired with itself", file=file, row=at,
                             value=vals["record_id_l"])
        if vals["decision"] not in DECISIONS:
            raise InputError(f"decision must be one of {', '.join(DECISIONS)}", file=file,
                             row=at, field="decision", value=vals["decision"])
        for c in ("reviewer", "reason"):
            if not vals[c]:
                raise InputError("required: who decided and why", file=file, row=at, field=c)
        if not _DATE.fullmatch(vals["decided_date"]):
            raise InputError("not a YYYY-MM-DD date", file=file, row=at, field="decided_date",
                             value=vals["decided_date"])
        a, b = sorted((vals["record_id_l"], vals["record_id_r"]))
        if (a, b) in seen and seen[(a, b)] != vals["decision"]:
            raise InputError("contradicts an earlier decision on the same pair", file=file,
                             row=at, value=f"{a} {b}")
        seen[(a, b)] = vals["decision"]
        out.append(vals | {"record_id_l": a, "record_id_r": b})
    if not out:
        return empty_decisions()
    frame = pd.DataFrame(out, columns=list(DECISION_COLUMNS))
    return frame.assign(decision_file=file, source_row=[
        int(x) for x in line.iloc[: len(frame)]]).astype("string")


def labels_as_decisions(df: pd.DataFrame, *, file: str = LABELS_FILE) -> pd.DataFrame:
    """Hand labels -> decisions (true -> must_link, false -> cannot_link; labeller, reason,
    labelled_date kept). Checked like link_decisions.csv: one bad row is one InputError."""
    rows, line = _rows_and_lines(df, LABEL_COLUMNS, file)
    conv = []
    for i, rec in rows.iterrows():
        val = "" if pd.isna(rec["is_match"]) else str(rec["is_match"]).strip().lower()
        if val not in _TRUE | _FALSE:
            raise InputError("is_match must be true or false", file=file,
                             row=int(line.iloc[i]), field="is_match", value=val)
        conv.append({"record_id_l": rec["record_id_l"], "record_id_r": rec["record_id_r"],
                     "decision": MUST_LINK if val in _TRUE else CANNOT_LINK,
                     "reviewer": rec["labeller"], "reason": rec["reason"],
                     "decided_date": rec["labelled_date"], "source_row": line.iloc[i]})
    return parse_decisions(pd.DataFrame(conv, columns=[*DECISION_COLUMNS, "source_row"]),
                           file=file)


def combine(*frames: pd.DataFrame) -> pd.DataFrame:
    """Decisions from several files, one row per pair (the first file's row when both decide
    alike); a pair decided differently in two files is an InputError naming the later line."""
    seen: dict[tuple[str, str], str] = {}
    keep = []
    for frame in frames:
        for rec in frame.to_dict("records"):
            key = (str(rec["record_id_l"]), str(rec["record_id_r"]))
            if key in seen:
                if seen[key] != rec["decision"]:
                    raise InputError("contradicts a decision on the same pair in another file",
                                     file=str(rec.get("decision_file")),
                                     row=int(rec["source_row"]), value=f"{key[0]} {key[1]}")
                continue
            seen[key] = str(rec["decision"])
            keep.append(rec)
    if not keep:
        return empty_decisions()
    cols = [*DECISION_COLUMNS, "decision_file"]
    return pd.DataFrame(keep)[cols].astype("string")


def split_decisions(decisions: pd.DataFrame, known_ids: set[str]
                    ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(must_link pairs, cannot_link pairs) whose records both exist; others are logged."""
    must: list[tuple[str, str]] = []
    cannot: list[tuple[str, str]] = []
    for rec in decisions.to_dict("records"):
        a, b = str(rec["record_id_l"]), str(rec["record_id_r"])
        if a not in known_ids or b not in known_ids:
            log.warning("link decision on unknown record(s) ignored: %s %s", a, b)
            continue
        (must if rec["decision"] == MUST_LINK else cannot).append(tuple(sorted((a, b))))
    return sorted(must), sorted(cannot)
