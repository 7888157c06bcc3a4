"""Semantic versions for the data, decided from a release diff.

MAJOR: a change that can break users: a table or column removed or renamed, a type, unit,
primary key or licence changed, codes removed from a vocabulary, a required column allowed to
be empty. MINOR: tables, columns, rows or codes added, rows removed (their keys disappear),
constraints or references changed. PATCH: corrections: values of existing rows changed,
descriptions edited. A description edit may be a change of meaning, which no program can tell:
it is listed in the diff, and a maintainer who judges it one bumps major.

A bump may be larger than the diff needs (never smaller), and an empty diff allows no release.
Version numbers themselves (parsing, order, the next one) are :mod:`pipeline.release.versions`.
"""

from __future__ import annotations

from pipeline.errors import ReleaseError
from pipeline.release.diff import Diff
from pipeline.release.versions import BUMPS

_RANK = {"none": 0, "patch": 1, "minor": 2, "major": 3}

LEVELS: dict[str, str] = {
    "table_removed": "major",
    "field_removed": "major",
    "field_renamed": "major",
    "type_changed": "major",
    "unit_changed": "major",
    "primary_key_changed": "major",
    "enum_values_removed": "major",
    "enum_added": "major",
    "required_removed": "major",
    "license_changed": "major",
    "package_renamed": "major",
    "table_added": "minor",
    "field_added": "minor",
    "enum_values_added": "minor",
    "enum_removed": "minor",
    "required_added": "minor",
    "constraint_changed": "minor",
    "foreign_keys_changed": "minor",
    "field_order_changed": "minor",
    "description_changed": "patch",
    "package_metadata_changed": "patch",
    "pipeline_changed": "none",
}
"""The bump each kind of schema change needs (kinds are produced by pipeline.release.diff)."""

def _where(table: str | None, field: str | None) -> str:
    if table and field:
        return f"{table}.{field}"
    return table or "package"


def classify(diff: Diff) -> tuple[str, list[str]]:
    """The smallest bump the diff needs ('major' | 'minor' | 'patch' | 'none') and, for each
    change that needs a bump, why: a one-line reason starting with the level it needs."""
    found: list[tuple[str, str]] = []
    for c in diff.schema_changes:
        level = LEVELS.get(c.kind, "major")  # an unknown kind of change is treated as breaking
        if level != "none":
            found.append((level, f"{_where(c.table, c.field)}: {c.kind}: {c.detail}"))
    for t in diff.tables:
        if t.status in ("added", "removed"):
            continue
        if t.added:
            found.append(("minor", f"{t.name}: {len(t.added)} row(s) added"))
        if t.removed:
            found.append(("minor", f"{t.name}: {len(t.removed)} row(s) removed"))
        if t.changed:
            fields = ", ".join(t.changed_fields)
            found.append(("patch", f"{t.name}: {len(t.changed)} row(s) changed ({fields})"))
    if not found:
        return "none", []
    level = max((lv for lv, _ in found), key=_RANK.__getitem__)
    found.sort(key=lambda x: -_RANK[x[0]])
    return level, [f"{lv}: {why}" for lv, why in found]


def check_bump(diff: Diff, bump: str) -> None:
    """Raise ReleaseError, saying why, unless ``bump`` is at least what the diff needs."""
    if bump not in BUMPS:
        raise ReleaseError(f"unknown bump {bump!r}; use one of {', '.join(BUMPS)}")
    level, reasons = classify(diff)
    old = diff.old_version or "nothing"
    if level == "none":
        raise ReleaseError(f"nothing changed since {old}: no release to make")
    if _RANK[bump] < _RANK[level]:
        needed = [r.split(": ", 1)[1] for r in reasons if r.startswith(level + ":")]
        shown = "; ".join(needed[:5]) + (f"; and {len(needed) - 5} more" if len(needed) > 5
                                          else "")
        raise ReleaseError(
            f"a {bump} bump is refused: the changes since {old} need a {level} bump: {shown}"
        )
