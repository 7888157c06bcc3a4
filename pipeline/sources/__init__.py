"""Per-source readers and judgement. Everything specific to one source lives in its module."""

from __future__ import annotations

from pipeline.sources import iran_memorial_1988
from pipeline.transforms.lists import ListOptions

LIST_OPTIONS: dict[str, ListOptions] = {
    iran_memorial_1988.SOURCE_ID: iran_memorial_1988.OPTIONS,
}


def list_options(source_id: str) -> ListOptions:
    """The judgement recorded for a list source, or the neutral defaults."""
    return LIST_OPTIONS.get(source_id, ListOptions(source_id=source_id))
