"""Columns of the hand-made input files that are not published tables, declared once.

- the victim-list template (raw/lists/: a list's columns are mapped onto these names by
  pipeline/etc/lists/*.yaml; read by the list readers, normalized into `record`);
- the report coding files (pipeline/etc/coding/events.csv and claims.csv: read by the ingest
  stage into `event` and `claim` rows, and written by the report-coding assistant).

What a published column means is in fields.py and tables.py; these are only the names an input
file must use.
"""

from __future__ import annotations

TEMPLATE_COLUMNS: tuple[str, ...] = (
    "name_fa",
    "name_latin",
    "father_name",
    "gender",
    "age",
    "city",
    "province",
    "prison",
    "date_of_execution_jalali",
    "date_of_execution_gregorian",
    "cause",
    "source_url",
    "source_note",
)
"""The columns of the victim-list template, in order."""

EVENT_COLUMNS: tuple[str, ...] = ("report_id", "event_id", "event_type", "date",
                                  "date_precision", "city", "country", "organizer", "evidence")
"""pipeline/etc/coding/events.csv: one coded event of a report snapshot per row."""
CLAIM_COLUMNS: tuple[str, ...] = ("report_id", "claim_id", "claimant", "subject", "low", "high",
                                  "value_text", "evidence")
"""pipeline/etc/coding/claims.csv: one coded claim of a report snapshot per row."""
