"""Small helpers the readers share: the kind of a value and a value's preview (for messages),
and where a YAML error is."""

from __future__ import annotations

import re
from collections.abc import Mapping

import yaml

_PREVIEW_CHARS = 2000
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, Mapping):
        return "mapping"
    return type(value).__name__


def _preview(text: str) -> str:
    text = text.replace("\x00", "\u2400")
    return text if len(text) <= _PREVIEW_CHARS else text[: _PREVIEW_CHARS - 1] + "…"


def _yaml_line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def _yaml_problem(exc: yaml.YAMLError) -> str:
    return str(getattr(exc, "problem", None) or exc).split("\n")[0]
