"""The curated facts compilation (raw/facts_1988/): sources, estimates, places, officials and
events, each row citing a publication in sources.csv. Pure: frames in, frames out."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline import schemas
from pipeline.sources.common import (
    blank,
    claim_row,
    event_row,
    provenance,
    reject,
    rejects_frame,
    to_int,
)
from pipeline.transforms.claims import bounds_problem, coded_claim_values, unit_for_subject
from pipeline.transforms.dates import DateProblem, coded_date, date_evidence_problem
from pipeline.transforms.names import normalize_persian

SOURCE_ID = "facts_1988"

COLUMNS = {
    "sources.csv": ("source_id", "url", "title", "publisher", "published_date", "language",
                    "affiliation", "stance_note", "license_if_stated"),
    "estimates.csv": ("claim_id", "source_id", "claimant", "claim_year", "low", "high", "best",
                      "unit", "scope", "quote", "notes"),
    "places.csv": ("place_id", "name_en", "name_fa", "kind", "city", "province", "country",
                   "lat", "lon", "source_id", "notes"),
    "officials.csv": ("official_id", "name_en", "name_fa", "role_in_1988", "later_positions",
                      "source_id", "contested"),
    "events.csv": ("event_id", "date", "date_precision", "event_type", "city", "country",
                   "organizer", "description", "evidence", "source_id"),
}

# estimates.csv `unit` is what the figure counts; it becomes the claim's subject.
UNIT_TO_SUBJECT = {
    "executed": "death_toll",
    "named_victims": "named_victims",
    "prisons": "prisons",
    "other": "other",
}


@dataclass(frozen=True)
class Result:
    """Candidate rows of one table (with bookkeeping columns) and the rows rejected."""

    rows: pd.DataFrame
    rejects: pd.DataFrame


def _locator(file: str, row: int) -> str:
    return f"{file}#row={row}"


def sources(df: pd.DataFrame, file: str, affiliation_codes: dict[str, str]) -> Result:
    """sources.csv -> `source` rows (publications); an affiliation missing from
    pipeline/etc/codes/affiliation_map.csv rejects the row."""
    rows, bad = [], []
    for rec in df.to_dict("records"):
        row = int(rec["source_row"])
        affiliation = blank(rec["affiliation"])
        code = affiliation_codes.get(affiliation or "")
        if code is None:
            bad.append(reject(SOURCE_ID, file, row, "affiliation", "invalid_code",
                              "affiliation not in pipeline/etc/codes/affiliation_map.csv",
                              affiliation))
            continue
        rows.append(schemas.row(
            "source",
            source_id=rec["source_id"],
            source_kind="publication",
            title=blank(rec["title"]),
            publisher=blank(rec["publisher"]),
            url=blank(rec["url"]),
            published_date=blank(rec["published_date"]),
            language_code=blank(rec["language"]),
            affiliation_code=code,
            affiliation_original=affiliation,
            stance_note=blank(rec["stance_note"]),
            license=blank(rec["license_if_stated"]) or "not stated",
        ) | provenance(SOURCE_ID, file, row))
    return Result(pd.DataFrame(rows), rejects_frame(bad))


def places(df: pd.DataFrame, file: str) -> Result:
    """places.csv -> `place` rows; a lat/lon that is not a number rejects the row."""
    rows, bad = [], []
    for rec in df.to_dict("records"):
        row = int(rec["source_row"])
        coords = {}
        ok = True
        for col in ("lat", "lon"):
            text = blank(rec[col])
            try:
                coords[col] = float(text) if text is not None else None
            except ValueError:
                bad.append(reject(SOURCE_ID, file, row, col, "invalid_value", "not a number",
                                  text))
                ok = False
        if not ok:
            continue
        rows.append(schemas.row(
            "place",
            place_id=rec["place_id"],
            place_kind_code=blank(rec["kind"]),
            name_latin=blank(rec["name_en"]),
            name_fa=normalize_persian(blank(rec["name_fa"])),
            city=blank(rec["city"]),
            province=blank(rec["province"]),
            country_code=blank(rec["country"]),
            lat=coords["lat"], lon=coords["lon"],
            notes=blank(rec["notes"]),
            source_id=blank(rec["source_id"]),
            source_locator=_locator(file, row),
        ) | provenance(SOURCE_ID, file, row))
    return Result(pd.DataFrame(rows), rejects_frame(bad))


def actors(df: pd.DataFrame, file: str) -> Result:
    """officials.csv -> `actor` rows (people named by a source as responsible)."""
    rows = []
    for rec in df.to_dict("records"):
        row = int(rec["source_row"])
        rows.append(schemas.row(
            "actor",
            actor_id=rec["official_id"],
            actor_kind="person",
            name_latin=blank(rec["name_en"]),
            name_fa=normalize_persian(blank(rec["name_fa"])),
            role_in_1988=blank(rec["role_in_1988"]),
            later_positions=blank(rec["later_positions"]),
            contested_note=blank(rec["contested"]),
            source_id=blank(rec["source_id"]),
            source_locator=_locator(file, row),
        ) | provenance(SOURCE_ID, file, row))
    return Result(pd.DataFrame(rows), rejects_frame([]))


def events(df: pd.DataFrame, file: str, affiliations: dict[str, str] | None = None) -> Result:
    """events.csv -> `event` rows; a date that cannot be read at its precision, or that
    claims more than the evidence says, rejects the row."""
    rows, bad = [], []
    for rec in df.to_dict("records"):
        row = int(rec["source_row"])
        date, precision = blank(rec["date"]), blank(rec["date_precision"])
        coded = coded_date(date, precision)
        if isinstance(coded, DateProblem):
            bad.append(reject(SOURCE_ID, file, row, "date", "invalid_date", coded.reason,
                              date))
            continue
        overclaim = date_evidence_problem(blank(rec["evidence"]), coded)
        if overclaim:
            bad.append(reject(SOURCE_ID, file, row, "date", "invalid_date",
                              f"{date} ({precision}) claims more than the evidence: "
                              f"{overclaim}", date))
            continue
        rows.append(event_row(
            rec, coded, affiliations,
            coding_method="curated",
            description=blank(rec["description"]),
            evidence=blank(rec["evidence"]),
            is_evidence_trimmed=False,
            source_id=blank(rec["source_id"]),
            source_locator=_locator(file, row),
        ) | provenance(SOURCE_ID, file, row))
    return Result(pd.DataFrame(rows), rejects_frame(bad))


def claims(df: pd.DataFrame, file: str, figures: dict[str, str | None] | None = None,
           affiliations: dict[str, str] | None = None) -> Result:
    """Curated estimates. The figure as written (`value_original`) comes from the reviewed
    pipeline/etc/coding/estimate_figures.csv (a verbatim part of the quote); the qualifier and
    low/best/high follow from it by the one convention of transforms/claims.py, whatever
    columns the curator filled."""
    figures = figures or {}
    rows, bad = [], []
    for rec in df.to_dict("records"):
        row = int(rec["source_row"])
        if rec["claim_id"] not in figures:
            bad.append(reject(SOURCE_ID, file, row, "claim_id", "missing_value",
                              "no entry in pipeline/etc/coding/estimate_figures.csv (the "
                              "figure as written)", rec["claim_id"]))
            continue
        value_text = figures[rec["claim_id"]]
        if value_text is not None and value_text not in (blank(rec["quote"]) or ""):
            bad.append(reject(SOURCE_ID, file, row, "quote", "evidence_not_found",
                              "the figure as written (estimate_figures.csv) is not a verbatim "
                              "part of the quote", value_text))
            continue
        values: dict[str, int | None] = {}
        for col in ("low", "best", "high", "claim_year"):
            value, ok = to_int(blank(rec[col]))
            if not ok:
                bad.append(reject(SOURCE_ID, file, row, col, "invalid_value",
                                  "not a whole number", rec[col]))
                break
            values[col] = value
        else:
            problem = bounds_problem(values["low"], values["best"], values["high"])
            if problem:
                bad.append(reject(SOURCE_ID, file, row, "low", "inconsistent_values", problem,
                                  f"{rec['low']}/{rec['best']}/{rec['high']}"))
                continue
            unit = blank(rec["unit"])
            subject = UNIT_TO_SUBJECT.get(unit or "")
            if subject is None:
                bad.append(reject(SOURCE_ID, file, row, "unit", "invalid_code",
                                  f"unit must be one of {sorted(UNIT_TO_SUBJECT)}", unit))
                continue
            encoded = coded_claim_values(value_text, [v for k, v in values.items()
                                                      if k != "claim_year" and v is not None])
            if isinstance(encoded, str):
                bad.append(reject(SOURCE_ID, file, row, "low", "inconsistent_values", encoded,
                                  f"{rec['low']}/{rec['best']}/{rec['high']}"))
                continue
            rows.append(claim_row(
                rec, encoded, affiliations,
                subject_code=subject,
                coding_method="curated",
                unit_code=unit_for_subject(subject),
                value_original=value_text,
                claim_scope=blank(rec["scope"]),
                claim_year=values["claim_year"],
                quote=blank(rec["quote"]),
                notes=blank(rec["notes"]),
                source_id=blank(rec["source_id"]),
                source_locator=_locator(file, row),
            ) | provenance(SOURCE_ID, file, row))
    return Result(pd.DataFrame(rows), rejects_frame(bad))
