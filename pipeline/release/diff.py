"""Compare two releases as published: their descriptors (schemas included) and their tables.

Rows are matched by the primary key the descriptor declares and compared as the CSV text users
download (so a value is "changed" exactly when its published text changed). A renamed column is
a removed and an added column whose values agree on every shared row (or whose declarations
agree); its values are then compared under the new name. A new column does not count as a
change to every row: it is a schema change.

The result is a plain :class:`Diff`; :func:`render_markdown` and :func:`to_json` present it.
Which version bump a diff needs is decided in :mod:`pipeline.release.semver`.
"""

from __future__ import annotations

import csv
import io as _io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline import io
from pipeline.errors import ReleaseError

KEY_SEP = "|"
"""Joins the parts of a composite primary key in reports."""

IGNORED_PACKAGE_KEYS = ("version", "created", "resources", "sources", "documents", "description")
"""Package properties that differ between any two releases or are compared elsewhere (the
sources list is table `source`; the description quotes its attributions)."""


@dataclass(frozen=True)
class SchemaChange:
    """One change to a package, table or column declaration. ``kind`` is one of the keys of
    :data:`pipeline.release.semver.LEVELS`."""

    table: str | None
    field: str | None
    kind: str
    detail: str


@dataclass(frozen=True)
class RowChange:
    key: str
    fields: tuple[str, ...]
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass(frozen=True)
class TableDiff:
    name: str
    status: str  # 'added' | 'removed' | 'changed' | 'unchanged'
    rows_old: int
    rows_new: int
    primary_key: tuple[str, ...]
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[RowChange, ...] = ()
    schema: tuple[SchemaChange, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()

    @property
    def changed_fields(self) -> dict[str, int]:
        """How many rows changed in each field (new field names), sorted by field."""
        counts: dict[str, int] = {}
        for rc in self.changed:
            for f in rc.fields:
                counts[f] = counts.get(f, 0) + 1
        return dict(sorted(counts.items()))


@dataclass(frozen=True)
class Diff:
    old_version: str | None
    new_version: str
    tables: tuple[TableDiff, ...]
    package: tuple[SchemaChange, ...] = field(default_factory=tuple)

    @property
    def schema_changes(self) -> tuple[SchemaChange, ...]:
        """Package-level schema changes, then each table's."""
        return self.package + tuple(c for t in self.tables for c in t.schema)

    @property
    def is_empty(self) -> bool:
        """True when no schema changed and every table is unchanged."""
        return not self.schema_changes and all(t.status == "unchanged" for t in self.tables)

    def table(self, name: str) -> TableDiff:
        """The diff of table ``name``; KeyError if the release has no such table."""
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)


# ---- reading a release ------------------------------------------------------------------------


def read_descriptor(folder: Path) -> dict[str, Any]:
    """The ``datapackage.json`` of a release folder; a ReleaseError when it is missing or has no
    resources list."""
    path = Path(folder) / "datapackage.json"
    if not path.is_file():
        raise ReleaseError("not a release folder: no datapackage.json", file=str(folder))
    desc = io.read_json(path)
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
        raise ReleaseError("datapackage.json has no resources list", file=str(path))
    return desc


def csv_frame(data: bytes, *, shown: str) -> pd.DataFrame:
    """A published CSV as text: every cell a str, '' for empty, header as the column names."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReleaseError(f"not valid UTF-8 (byte {exc.start})", file=shown) from None
    rows = list(csv.reader(_io.StringIO(text, newline="")))
    if not rows:
        raise ReleaseError("empty CSV: no header row", file=shown)
    header, body = rows[0], [r for r in rows[1:] if r]
    for i, r in enumerate(body, start=2):
        if len(r) != len(header):
            raise ReleaseError(f"row has {len(r)} fields, header has {len(header)}",
                               file=shown, row=i)
    if len(set(header)) != len(header):
        raise ReleaseError("duplicate column names", file=shown, row=1)
    return pd.DataFrame(body, columns=header, dtype=object) if body else pd.DataFrame(
        {h: pd.Series([], dtype=object) for h in header})


def _resources(desc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in desc["resources"] if isinstance(r, dict) and "name" in r}


def _table(folder: Path, res: dict[str, Any]) -> pd.DataFrame:
    path = Path(folder) / res["path"]
    return csv_frame(io.read_bytes(path, shown=str(path)), shown=str(path))


def _fields(res: dict[str, Any]) -> list[dict[str, Any]]:
    return list(res.get("schema", {}).get("fields", []))


def _pk(res: dict[str, Any]) -> tuple[str, ...]:
    pk = res.get("schema", {}).get("primaryKey", [])
    return (pk,) if isinstance(pk, str) else tuple(pk)


def _keys(df: pd.DataFrame, pk: tuple[str, ...], shown: str) -> pd.Index:
    missing = [c for c in pk if c not in df.columns]
    if missing:
        raise ReleaseError(f"primary key column(s) {', '.join(missing)} not in the CSV",
                           file=shown)
    if not pk:
        raise ReleaseError("table declares no primary key; rows cannot be matched", file=shown)
    keys = df[list(pk)].astype(str).agg(KEY_SEP.join, axis=1) if len(pk) > 1 else df[pk[0]]
    idx = pd.Index(keys.astype(object), dtype=object)
    dup = idx[idx.duplicated()]
    if len(dup):
        raise ReleaseError(f"duplicate primary key {dup[0]!r}", file=shown)
    return idx


# ---- schema comparison ------------------------------------------------------------------------


def _constraints(f: dict[str, Any]) -> dict[str, Any]:
    return dict(f.get("constraints", {}))


def _field_changes(table: str, old: dict[str, Any], new: dict[str, Any],
                   old_name: str) -> list[SchemaChange]:
    name = new["name"]
    out: list[SchemaChange] = []

    def add(kind: str, detail: str) -> None:
        out.append(SchemaChange(table, name, kind, detail))

    if old.get("type") != new.get("type"):
        add("type_changed", f"type {old.get('type')} -> {new.get('type')}")
    if old.get("format") != new.get("format"):
        add("type_changed", f"format {old.get('format')} -> {new.get('format')}")
    if old.get("unit") != new.get("unit"):
        add("unit_changed", f"unit {old.get('unit')} -> {new.get('unit')}")
    oc, nc = _constraints(old), _constraints(new)
    if bool(oc.get("required")) and not nc.get("required"):
        add("required_removed", "no longer required: may now be empty")
    if not oc.get("required") and nc.get("required"):
        add("required_added", "now required")
    if oc.get("enum") != nc.get("enum"):
        before, after = set(oc.get("enum") or ()), set(nc.get("enum") or ())
        if "enum" not in nc:
            add("enum_removed", "no longer restricted to a list of codes")
        elif "enum" not in oc:
            add("enum_added", f"now restricted to {len(after)} codes")
        else:
            if before - after:
                add("enum_values_removed", "codes removed: " + ", ".join(sorted(before - after)))
            if after - before:
                add("enum_values_added", "codes added: " + ", ".join(sorted(after - before)))
    for key in ("pattern", "minimum", "maximum", "unique", "minLength", "maxLength"):
        if oc.get(key) != nc.get(key):
            add("constraint_changed", f"{key} {oc.get(key)!r} -> {nc.get(key)!r}")
    for key in ("trueValues", "falseValues", "bareNumber", "decimalChar", "groupChar"):
        if old.get(key) != new.get(key):
            add("type_changed", f"{key} {old.get(key)!r} -> {new.get(key)!r}")
    if old.get("description") != new.get("description"):
        add("description_changed",
            "description changed (review: a change of meaning needs a major bump)")
    if old_name != name:
        out.insert(0, SchemaChange(table, name, "field_renamed", f"renamed from {old_name}"))
    return out


def _same_values(old_df: pd.DataFrame | None, new_df: pd.DataFrame | None,
                 old_col: str, new_col: str) -> bool:
    if old_df is None or new_df is None:
        return False
    common = old_df.index.intersection(new_df.index)
    if not len(common):
        return False
    a = old_df.loc[common, old_col].to_numpy(dtype=object)
    b = new_df.loc[common, new_col].to_numpy(dtype=object)
    return bool((a == b).all())


def _match_renames(old_fields: dict[str, dict[str, Any]], new_fields: dict[str, dict[str, Any]],
                   removed: list[str], added: list[str], old_df: pd.DataFrame | None,
                   new_df: pd.DataFrame | None) -> list[tuple[str, str]]:
    """Pair removed with added columns: same type and identical values on every shared row,
    else same type and the same declaration apart from the name. Each column pairs once."""
    pairs: list[tuple[str, str]] = []
    free = list(added)
    for test in ("values", "declaration"):
        for o in list(removed):
            if any(o == p[0] for p in pairs):
                continue
            for a in free:
                if old_fields[o].get("type") != new_fields[a].get("type"):
                    continue
                if test == "values":
                    ok = _same_values(old_df, new_df, o, a)
                else:
                    ok = ({k: v for k, v in old_fields[o].items() if k != "name"}
                          == {k: v for k, v in new_fields[a].items() if k != "name"})
                if ok:
                    pairs.append((o, a))
                    free.remove(a)
                    break
    return sorted(pairs)


# ---- table comparison -------------------------------------------------------------------------


def _indexed(df: pd.DataFrame, keys: pd.Index) -> pd.DataFrame:
    out = df.copy()
    out.index = keys
    return out


def _compare_table(name: str, old_folder: Path, new_folder: Path, old_res: dict[str, Any],
                   new_res: dict[str, Any]) -> TableDiff:
    old_shown = str(Path(old_folder) / old_res["path"])
    new_shown = str(Path(new_folder) / new_res["path"])
    old_fields = {f["name"]: f for f in _fields(old_res)}
    new_fields = {f["name"]: f for f in _fields(new_res)}
    old_pk, new_pk = _pk(old_res), _pk(new_res)
    old_raw, new_raw = _table(old_folder, old_res), _table(new_folder, new_res)
    schema: list[SchemaChange] = []
    if list(old_raw.columns) != list(old_fields) or list(new_raw.columns) != list(new_fields):
        bad = old_shown if list(old_raw.columns) != list(old_fields) else new_shown
        raise ReleaseError("CSV header does not match the descriptor's schema fields", file=bad)

    removed_cols = [c for c in old_fields if c not in new_fields]
    added_cols = [c for c in new_fields if c not in old_fields]
    # Index both sides by the new key when the old table has its columns (a renamed key column
    # is matched under its old name), else by each side's own key.
    old_df = _indexed(old_raw, _keys(old_raw, old_pk, old_shown))
    new_df = _indexed(new_raw, _keys(new_raw, new_pk, new_shown))
    renames = _match_renames(old_fields, new_fields, removed_cols, added_cols, old_df, new_df)
    rename_map = dict(renames)  # old -> new
    for o, _a in renames:
        removed_cols.remove(o)
    for _o, a in renames:
        added_cols.remove(a)

    for c in removed_cols:
        schema.append(SchemaChange(name, c, "field_removed", "column removed"))
    for c in added_cols:
        schema.append(SchemaChange(name, c, "field_added", "column added"))
    to_old = {v: k for k, v in rename_map.items()}
    for c in new_fields:
        if c in added_cols:
            continue
        o = to_old.get(c, c)
        schema.extend(_field_changes(name, old_fields[o], new_fields[c], o))
    mapped_pk = tuple(rename_map.get(c, c) for c in old_pk)
    if mapped_pk != new_pk:
        schema.append(SchemaChange(name, None, "primary_key_changed",
                                   f"primary key {list(old_pk)} -> {list(new_pk)}"))
    common_order_old = [rename_map.get(c, c) for c in old_fields if rename_map.get(c, c)
                        in new_fields]
    common_order_new = [c for c in new_fields if c in set(common_order_old)]
    if common_order_old != common_order_new:
        schema.append(SchemaChange(name, None, "field_order_changed", "column order changed"))
    old_fk = old_res.get("schema", {}).get("foreignKeys")
    new_fk = new_res.get("schema", {}).get("foreignKeys")
    if old_fk != new_fk:
        schema.append(SchemaChange(name, None, "foreign_keys_changed",
                                   f"foreign keys {old_fk} -> {new_fk}"))
    if old_res.get("description") != new_res.get("description"):
        schema.append(SchemaChange(name, None, "description_changed",
                                   "table description changed"))

    if mapped_pk == new_pk:
        added = tuple(k for k in new_df.index if k not in old_df.index)
        removed = tuple(k for k in old_df.index if k not in new_df.index)
        changed = _changed_rows(old_df, new_df, rename_map, new_fields)
    else:  # rows cannot be matched across a new key: report counts only
        added, removed, changed = (), (), ()
    status = "changed" if (schema or added or removed or changed) else "unchanged"
    return TableDiff(name, status, len(old_raw), len(new_raw), new_pk,
                     tuple(sorted(added)), tuple(sorted(removed)), changed, tuple(schema),
                     tuple(renames))


def _changed_rows(old_df: pd.DataFrame, new_df: pd.DataFrame, rename_map: dict[str, str],
                  new_fields: dict[str, Any]) -> tuple[RowChange, ...]:
    common = new_df.index[new_df.index.isin(old_df.index)]
    pairs = [(o, rename_map.get(o, o)) for o in old_df.columns
             if rename_map.get(o, o) in new_fields]
    if not len(common) or not pairs:
        return ()
    a = old_df.loc[common, [p[0] for p in pairs]].to_numpy(dtype=object)
    b = new_df.loc[common, [p[1] for p in pairs]].to_numpy(dtype=object)
    diff = a != b
    out: list[RowChange] = []
    for i in diff.any(axis=1).nonzero()[0]:
        cols = diff[i].nonzero()[0]
        out.append(RowChange(
            key=str(common[i]),
            fields=tuple(pairs[j][1] for j in cols),
            old=tuple(str(a[i, j]) for j in cols),
            new=tuple(str(b[i, j]) for j in cols),
        ))
    return tuple(sorted(out, key=lambda r: r.key))


def _whole_table(name: str, folder: Path, res: dict[str, Any], status: str) -> TableDiff:
    df = _table(folder, res)
    shown = str(Path(folder) / res["path"])
    keys = tuple(sorted(str(k) for k in _keys(df, _pk(res), shown)))
    kind = "table_added" if status == "added" else "table_removed"
    change = SchemaChange(name, None, kind, f"table {status} ({len(df)} rows)")
    if status == "added":
        return TableDiff(name, status, 0, len(df), _pk(res), added=keys, schema=(change,))
    return TableDiff(name, status, len(df), 0, _pk(res), removed=keys, schema=(change,))


def _package_changes(old: dict[str, Any], new: dict[str, Any]) -> list[SchemaChange]:
    out: list[SchemaChange] = []
    if old.get("licenses") != new.get("licenses"):
        names = [[lic.get("name") for lic in d.get("licenses", [])] for d in (old, new)]
        out.append(SchemaChange(None, None, "license_changed",
                                f"package licence {names[0]} -> {names[1]}"))
    if old.get("name") != new.get("name"):
        out.append(SchemaChange(None, None, "package_renamed",
                                f"package name {old.get('name')} -> {new.get('name')}"))
    if old.get("title") != new.get("title"):
        out.append(SchemaChange(None, None, "package_metadata_changed", "package title changed"))
    if old.get("pipeline") != new.get("pipeline"):
        out.append(SchemaChange(None, None, "pipeline_changed",
                                "built with other pipeline code or library versions"))
    return out


def diff_releases(old: Path | None, new: Path) -> Diff:
    """Compare release folder ``old`` (None: nothing published before) with ``new``."""
    new_desc = read_descriptor(new)
    new_res = _resources(new_desc)
    if old is None:
        tables = tuple(_whole_table(n, new, r, "added") for n, r in new_res.items())
        return Diff(None, str(new_desc.get("version")), tables)
    old_desc = read_descriptor(old)
    old_res = _resources(old_desc)
    tables: list[TableDiff] = []
    for n in list(new_res) + [n for n in old_res if n not in new_res]:
        if n not in old_res:
            tables.append(_whole_table(n, new, new_res[n], "added"))
        elif n not in new_res:
            tables.append(_whole_table(n, old, old_res[n], "removed"))
        else:
            tables.append(_compare_table(n, old, new, old_res[n], new_res[n]))
    return Diff(str(old_desc.get("version")), str(new_desc.get("version")), tuple(tables),
                tuple(_package_changes(old_desc, new_desc)))


# ---- presenting -------------------------------------------------------------------------------


def to_json(diff: Diff, *, level: str | None = None, reasons: list[str] | None = None,
            sample: int = 10) -> dict[str, Any]:
    """A JSON-ready dict: every added/removed/changed key, changed field names per row, and the
    old/new values for the first ``sample`` changed rows of each table."""

    def change(c: SchemaChange) -> dict[str, Any]:
        return {"table": c.table, "field": c.field, "kind": c.kind, "detail": c.detail}

    out: dict[str, Any] = {
        "old_version": diff.old_version,
        "new_version": diff.new_version,
    }
    if level is not None:
        out["level"] = level
        out["reasons"] = list(reasons or [])
    out["package"] = [change(c) for c in diff.package]
    out["tables"] = [
        {
            "name": t.name,
            "status": t.status,
            "primary_key": list(t.primary_key),
            "rows_old": t.rows_old,
            "rows_new": t.rows_new,
            "schema": [change(c) for c in t.schema],
            "renamed": [{"old": o, "new": n} for o, n in t.renamed],
            "added": list(t.added),
            "removed": list(t.removed),
            "changed": [{"key": r.key, "fields": list(r.fields)} for r in t.changed],
            "changed_fields": t.changed_fields,
            "changed_sample": [
                {"key": r.key, "values": {f: {"old": o, "new": n}
                                          for f, o, n in zip(r.fields, r.old, r.new,
                                                             strict=True)}}
                for r in t.changed[:sample]
            ],
        }
        for t in diff.tables
    ]
    return out


def _cell(value: str, limit: int = 80) -> str:
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "'") or "∅"


def _keys_line(keys: tuple[str, ...], sample: int) -> str:
    shown = ", ".join(f"`{_cell(k)}`" for k in keys[:sample])
    more = f" … and {len(keys) - sample} more" if len(keys) > sample else ""
    return shown + more


def change_text(kind: str, detail: str) -> str:
    """'kind: detail', without saying it twice when the detail starts with the kind's words
    ('table_added' + 'table added (1 rows)' -> 'table added (1 rows)')."""
    words = kind.replace("_", " ")
    if detail.lower().startswith(words):
        return detail
    return f"{words}: {detail}" if detail else words


def render_markdown(diff: Diff, *, level: str | None = None,
                    reasons: list[str] | None = None, sample: int = 10) -> str:
    """The diff as a Markdown change note: change level and reasons when given, then per table the
    rows added, removed and changed (up to ``sample`` examples each) and the schema changes."""
    old = diff.old_version or "nothing"
    lines = [f"# Changes from {old} to {diff.new_version}", ""]
    if level is not None:
        lines.append(f"Change level: **{level}**.")
        lines.extend(f"- {r}" for r in reasons or [])
        lines.append("")
    if diff.is_empty:
        lines += ["No changes.", ""]
    lines += [
        "| table | status | rows before | rows after | added | removed | changed "
        "| schema changes |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for t in diff.tables:
        lines.append(f"| {t.name} | {t.status} | {t.rows_old} | {t.rows_new} | {len(t.added)} "
                     f"| {len(t.removed)} | {len(t.changed)} | {len(t.schema)} |")
    lines.append("")
    if diff.package:
        lines += ["## Package", ""]
        lines += [f"- {change_text(c.kind, _cell(c.detail, 200))}" for c in diff.package]
        lines.append("")
    for t in diff.tables:
        if t.status == "unchanged":
            continue
        lines += [f"## Table `{t.name}`", ""]
        if t.schema:
            lines += ["Schema:", ""]
            for c in t.schema:
                where = f"`{c.field}` " if c.field else ""
                lines.append(f"- {where}{change_text(c.kind, _cell(c.detail, 200))}")
            lines.append("")
        if t.status in ("added", "removed"):
            continue
        if t.added:
            lines += [f"Rows added ({len(t.added)}): {_keys_line(t.added, sample)}", ""]
        if t.removed:
            lines += [f"Rows removed ({len(t.removed)}): {_keys_line(t.removed, sample)}", ""]
        if t.changed:
            counts = ", ".join(f"`{f}` {n}" for f, n in t.changed_fields.items())
            lines += [f"Rows changed ({len(t.changed)}); by field: {counts}.", ""]
            shown = t.changed[:sample]
            lines += [f"Sample of {len(shown)} changed row(s):", "",
                      "| key | field | before | after |", "|---|---|---|---|"]
            for r in shown:
                for f, o, n in zip(r.fields, r.old, r.new, strict=True):
                    lines.append(f"| `{_cell(r.key)}` | {f} | {_cell(o)} | {_cell(n)} |")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
