"""What the generalization tests compare: the assistant's events and claims on a small text,
reduced to the fields the gold is scored on (extract-eval's semantics)."""

from __future__ import annotations

from pipeline.report_assistant.claims import extract_claims
from pipeline.report_assistant.core import context_for
from pipeline.report_assistant.events import extract_events


def events(text: str, pub: str = "2021-06") -> list[tuple[str, str, str, str]]:
    """(event_type, date, city, country) of every event found in ``text`` published ``pub``."""
    return [(e.event_type, e.date, e.city, e.country)
            for e in extract_events(text, context_for(pub, text))]


def keys(text: str, pub: str = "2021-06") -> set[tuple[str, str, str]]:
    """(date, city, country) of every event: the match key of extract-eval."""
    return {(d, c, cc) for _, d, c, cc in events(text, pub)}


def claims(text: str, pub: str = "2021-06", publisher: str = "Example News"
           ) -> list[tuple[str, int | None, int | None]]:
    """(claimant, low, high) of every claim found in ``text``, hosted by ``publisher``."""
    return [(c.claimant, c.low, c.high)
            for c in extract_claims(text, context_for(pub, text), publisher)]
