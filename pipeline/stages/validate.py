"""Validate candidate rows against the declared schemas. Failing rows go to `reject` with the
file, row, field and reason; the table frames that come out conform to their schemas, foreign
keys resolve, and raw rows = published + rejected for every input file."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pandas as pd
import pandera.errors as pa_errors

from pipeline.errors import SchemaError
from pipeline.schemas import TABLES, to_pandera
from pipeline.schemas.build import PANDAS_DTYPES, conform
from pipeline.schemas.fields import FIELDS
from pipeline.schemas.tables import INPUT_TABLES
from pipeline.sources.common import REJECT_COLUMNS, reject, rejects_frame
from pipeline.stages import BOOKKEEPING
from pipeline.stages.normalize import Candidates
from pipeline.transforms.textbytes import may_be_blank

log = logging.getLogger(__name__)


@dataclass
class Validated:
    """The tables as published (conformed, `reject` included) and the row accounting."""

    tables: dict[str, pd.DataFrame]
    accounting: pd.DataFrame  # source_id, file, raw_rows, published_rows, rejected_rows


def _reason(check: str) -> str:
    if check == "not_nullable":
        return "missing_value"
    if check.startswith("enum:") or check.startswith("isin"):
        return "invalid_code"
    if check.startswith("date:"):
        return "invalid_date"
    if "uniqueness" in check:
        return "duplicate_key"
    return "invalid_value"


def _reject_rows(df: pd.DataFrame, index: list, field: str | None, reason: str,
                 messages: list[str], values: list[object]) -> list[dict[str, object]]:
    return _reject_records(df, index, [field] * len(index), [reason] * len(index), messages,
                           values)


def _reject_records(df: pd.DataFrame, index: list, fields: list[str | None],
                    reasons: list[str], messages: list[str],
                    values: list[object]) -> list[dict[str, object]]:
    """Reject records for the rows at ``index`` of ``df``, their bookkeeping columns looked up
    in one go (by index), not row by row."""
    if not len(index):
        return []
    book = df.loc[index, ["_source_id", "_file", "_row"]]
    no_file = book["_file"].isna().to_numpy()
    if no_file.any():
        # rows built from source.yml metadata have no raw row: a failure is a config error
        k = int(no_file.argmax())
        raise SchemaError(f"{messages[k]} (from raw source metadata)", field=fields[k],
                          value=values[k])
    return [reject(*rec) for rec in zip(
        book["_source_id"].tolist(), book["_file"].tolist(), book["_row"].tolist(), fields,
        reasons, messages, values, strict=True)]


def _typed(df: pd.DataFrame, table: str) -> tuple[pd.DataFrame, list[dict[str, object]], set]:
    """Cast to declared dtypes; values that do not cast are rejected, never coerced to null."""
    out = df.copy(deep=False)  # copy-on-write: replaced columns never reach ``df``
    bad: list[dict[str, object]] = []
    bad_index: set = set()
    for col in TABLES[table].fields:
        if col not in out.columns:
            raise SchemaError(f"table {table}: candidate rows lack column {col}")
        kind = FIELDS[col].type
        if kind in ("integer", "number"):
            cast = pd.to_numeric(out[col], errors="coerce")
            broken = out[col].notna() & cast.isna()
            if broken.any():
                idx = list(out.index[broken])
                bad_index.update(idx)
                bad += _reject_rows(out, idx, col, "invalid_value",
                                    [f"not a {kind}"] * len(idx), list(out.loc[idx, col]))
            out[col] = cast.astype(PANDAS_DTYPES[kind])
        elif kind == "boolean":
            out[col] = out[col].astype("boolean")
        else:
            if out[col].dtype != pd.StringDtype():  # already text: nothing to convert
                s = out[col].astype("object")
                out[col] = s.where(s.notna(), None).astype("string")
            if not may_be_blank(out[col]):  # no value starts with '' or a space character
                continue
            blank = out[col].str.strip() == ""
            if blank.any():
                out[col] = out[col].mask(blank)
    return out, bad, bad_index


def validate_table(df: pd.DataFrame, table: str) -> tuple[pd.DataFrame, list[dict[str, object]]]:
    """Rows that pass the table's pandera schema, and reject records for the others."""
    if df.empty:
        return df, []
    for col in BOOKKEEPING:
        if col not in df.columns:
            df = df.assign(**{col: pd.NA})
    df = df.reset_index(drop=True)
    df, bad, bad_index = _typed(df, table)
    if bad_index:  # (dropping nothing still copies every column)
        df = df.drop(index=sorted(bad_index))
    pk = list(TABLES[table].primary_key)
    dup = df.duplicated(pk, keep="first") & df[pk].notna().all(axis=1)
    if dup.any():
        idx = list(df.index[dup])
        bad += _reject_rows(df, idx, ",".join(pk), "duplicate_key",
                            ["key already used by an earlier row"] * len(idx),
                            [df.loc[i, pk[0]] for i in idx])
        df = df[~dup]
    schema = to_pandera(table)
    cols = list(TABLES[table].fields)
    try:
        schema.validate(df[cols], lazy=True)
    except pa_errors.SchemaErrors as exc:  # (when nothing fails, df stays as validated)
        cases = exc.failure_cases
        frame_level = cases[cases["index"].isna()]
        if len(frame_level):
            first = frame_level.iloc[0]
            raise SchemaError(f"table {table}: {first['check']} failed", field=first["column"],
                              value=first["failure_case"]) from None
        index = [int(i) for i in cases["index"]]
        columns = [c if isinstance(c, str) else None for c in cases["column"]]
        checks = [str(c) for c in cases["check"]]
        reasons = [_reason(c) for c in checks]
        messages = [f"{col} is required" if reason == "missing_value"
                    else f"{col}: {check}" if col else check
                    for col, check, reason in zip(columns, checks, reasons, strict=True)]
        values: list[object] = [None] * len(index)
        for col in dict.fromkeys(c for c in columns if c is not None):  # a lookup per column
            at = [k for k, c in enumerate(columns) if c == col]
            for k, value in zip(at, df.loc[[index[k] for k in at], col].tolist(), strict=True):
                values[k] = value
        bad += _reject_records(df, index, columns, reasons, messages, values)
        df = df.drop(index=sorted(set(index)))
        schema.validate(df[cols])  # must now pass; anything else is a bug
    return df, bad


def _foreign_keys(tables: dict[str, pd.DataFrame]) -> list[dict[str, object]]:
    bad: list[dict[str, object]] = []
    for name in INPUT_TABLES:
        df = tables[name]
        for fk in TABLES[name].foreign_keys:
            target = tables[fk.table]
            known = set(target[fk.reference[0]].dropna())
            col = fk.fields[0]
            missing = df[col].notna() & ~df[col].isin(known)
            if missing.any():
                idx = list(df.index[missing])
                bad += _reject_rows(df, idx, col, "unknown_reference",
                                    [f"{col} does not resolve in table {fk.table}"] * len(idx),
                                    list(df.loc[idx, col]))
                tables[name] = df[~missing]
    return bad


def _reject_table(rows: pd.DataFrame) -> pd.DataFrame:
    if rows.empty:
        return conform(rows.assign(reject_id=pd.Series(dtype="string")), "reject")
    rows = rows.copy()
    field = rows["field"].fillna("")
    rows["reject_id"] = (rows["file"].astype(str) + "#row=" + rows["source_row"].astype(str)
                         + field.map(lambda f: f":{f}" if f else "").astype(str))
    rows["reject_id"] = rows["reject_id"].str.replace(r"[^A-Za-z0-9_.:/#=-]", "_", regex=True)
    merged = (rows.groupby("reject_id", sort=True, dropna=False)
              .agg({**{c: "first" for c in REJECT_COLUMNS}, "message": "; ".join})
              .reset_index())
    return conform(merged, "reject")


def accounting(candidates: Candidates, tables: dict[str, pd.DataFrame],
               rejects: pd.DataFrame) -> pd.DataFrame:
    """Per input file (or folder read as one list): raw rows, published rows, rejected rows,
    and rows counted as both (which must be none)."""
    units = list(candidates.raw_counts["file"]) if len(candidates.raw_counts) else []

    def unit_of(file: str) -> str:
        # a unit is a file, or a folder read as one list (its files are under it)
        if file in units:
            return file
        for unit in units:
            if file.startswith(unit.rstrip("/") + "/"):
                return unit
        return file

    # distinct (file, row) pairs published and rejected, per unit: one frame each, not a set
    # of a million tuples
    pub_parts = [pd.DataFrame({"file": df["_file"][df["_file"].notna()].astype(str),
                               "row": df["_row"][df["_file"].notna()].astype("int64")})
                 for df in tables.values() if not df.empty and "_file" in df.columns]
    pub = (pd.concat(pub_parts, ignore_index=True).drop_duplicates() if pub_parts
           else pd.DataFrame({"file": pd.Series(dtype=str), "row": pd.Series(dtype="int64")}))
    rej = pd.DataFrame({"file": [str(f) for f in rejects["file"]],
                        "row": pd.Series([int(r) for r in rejects["source_row"]], dtype="int64")
                        }).drop_duplicates()
    units_of = {f: unit_of(f) for f in {*pub["file"].unique(), *rej["file"].unique()}}
    pub["unit"], rej["unit"] = pub["file"].map(units_of), rej["file"].map(units_of)
    both = pub.merge(rej, on=["unit", "file", "row"], how="inner")
    n_pub, n_rej = pub["unit"].value_counts(), rej["unit"].value_counts()
    n_both = both["unit"].value_counts()
    out = []
    for rec in candidates.raw_counts.to_dict("records"):
        unit = rec["file"]
        b = int(n_both.get(unit, 0))
        out.append({**rec, "published_rows": int(n_pub.get(unit, 0)) - b,
                    "rejected_rows": int(n_rej.get(unit, 0)), "both": b})
    return pd.DataFrame(out, columns=["source_id", "file", "raw_rows", "published_rows",
                                      "rejected_rows", "both"])


def run(candidates: Candidates) -> Validated:
    """Check every candidate table against its schema and foreign keys; failing rows go to
    `reject` with file, row, field and reason."""
    bad: list[dict[str, object]] = []
    tables: dict[str, pd.DataFrame] = {}
    for name in INPUT_TABLES:
        df = candidates.tables.get(name, pd.DataFrame())
        valid, rejected = validate_table(df, name) if not df.empty else (df, [])
        tables[name] = valid if not valid.empty else pd.DataFrame(
            columns=list(TABLES[name].fields) + list(BOOKKEEPING))
        bad += rejected
    bad += _foreign_keys(tables)
    rejects = pd.concat([candidates.rejects, rejects_frame(bad)], ignore_index=True)
    acc = accounting(candidates, tables, rejects)
    out = {name: conform(df, name) for name, df in tables.items()}
    out["reject"] = _reject_table(rejects)
    log.info("validate: %s rows published, %d rejected",
             {t: len(df) for t, df in out.items() if t != "reject"}, len(out["reject"]))
    return Validated(out, acc)
