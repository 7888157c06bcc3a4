"""The SQLite edition of a release: one database with every table, its keys, indexes, the views
a user needs first and a full-text index over victims' names, plus ``metadata.json`` so that
`datasette` opens it with titles, descriptions, licence and sources.

Built from the same frames as the CSV and Parquet files (pipeline/stages/publish.py), with
the stdlib's sqlite3, in a temporary file (its header counters zeroed): the bytes depend only
on the rows and the SQLite library (fixed page size, no timestamps, rows in the published
order, VACUUM last).

Name search. Table ``name_search`` is an FTS5 index (trigram tokenizer: any substring of at
least three letters) over the *compact matching keys* of every record's names, the keys the
pipeline computes for linkage (pipeline/transforms/names.py): Persian letter forms folded
(ي -> ی, ك -> ک, alef and hamza forms), half-spaces (ZWNJ) and spaces removed, Latin spelling
variants folded (Mohammad / Muhammad, Gholam Reza / Gholamreza). :func:`search` folds the
user's query with the same functions, so every spelling variant finds the same records. In
Datasette the canned query ``search_name`` folds what SQL can (Arabic/Persian letter forms,
ZWNJ, spaces, case); ``python -m pipeline search`` folds everything.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.schemas import TABLES
from pipeline.schemas.fields import FIELDS
from pipeline.transforms.names import latin_name_key_compact, persian_name_key_compact
from pipeline.transforms.persian import SQL_SEARCH_FOLD

PAGE_SIZE = 4096
SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER",
             "date": "TEXT"}
FTS_TABLE = "name_search"
DATE_SUFFIXES = ("_date", "_date_earliest", "_date_latest", "_date_jalali")


METADATA = "metadata.json"


def database_file(package: str) -> str:
    """The file name of a release's database (Datasette names the database by its stem, so
    the name stays the same across versions; the version is in the release folder's name)."""
    return f"{package}.sqlite"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _value(v: Any) -> Any:
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, pd.Timestamp | dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if hasattr(v, "item"):  # numpy scalars
        return _value(v.item())
    return v


def _rows(df: pd.DataFrame, cols: list[str]) -> Iterable[tuple[Any, ...]]:
    for rec in df[cols].astype("object").itertuples(index=False, name=None):
        yield tuple(_value(v) for v in rec)


def _create_table(name: str, cols: list[str]) -> str:
    t = TABLES[name]
    lines = []
    for c in cols:
        kind = FIELDS[c].type if c in FIELDS else "string"
        null = " NOT NULL" if t.is_required(c) else ""
        check = f" CHECK ({_q(c)} IN (0, 1))" if kind == "boolean" else ""
        lines.append(f"  {_q(c)} {SQL_TYPES.get(kind, 'TEXT')}{null}{check}")
    lines.append(f"  PRIMARY KEY ({', '.join(_q(c) for c in t.primary_key)})")
    for fk in t.foreign_keys:
        lines.append(f"  FOREIGN KEY ({', '.join(_q(c) for c in fk.fields)}) REFERENCES "
                     f"{_q(fk.table)} ({', '.join(_q(c) for c in fk.reference)})")
    return f"CREATE TABLE {_q(name)} (\n" + ",\n".join(lines) + "\n)"


def _index_columns(name: str, cols: list[str]) -> list[str]:
    """Columns to index: ids (other than the primary key, which SQLite indexes) and dates."""
    pk = TABLES[name].primary_key
    out = []
    for c in cols:
        if len(pk) == 1 and c == pk[0]:
            continue
        if c.endswith("_id") or c.endswith("_code") or c.endswith(DATE_SUFFIXES) or \
                (c in FIELDS and FIELDS[c].type == "date"):
            out.append(c)
    for fk in TABLES[name].foreign_keys:
        out += [c for c in fk.fields if c not in out and c in cols]
    return out


def _views(tables: dict[str, pd.DataFrame]) -> list[tuple[str, str]]:
    """(name, SQL) of the first views, built from the columns that exist."""
    views: list[tuple[str, str]] = []
    has = {n: set(df.columns) for n, df in tables.items()}
    src_cols = [c for c in ("title", "publisher", "affiliation_code", "license", "url")
                if c in has.get("source", set())]

    def source_cols(alias: str) -> str:
        return "".join(f", {alias}.{_q(c)} AS {_q('source_' + c)}" for c in src_cols)

    if {"person", "record_person", "record", "source"} <= set(tables):
        rec_cols = [c for c in ("name_fa", "name_latin", "gender_code", "age_low", "age_high",
                                "city", "prison", "execution_date", "execution_date_jalali",
                                "source_locator", "source_url") if c in has["record"]]
        views.append(("person_record", (
            "SELECT p.person_id, p.name_fa AS person_name_fa, p.name_latin AS "
            "person_name_latin, r.record_id"
            + "".join(f", r.{_q(c)} AS {_q('record_' + c)}" for c in rec_cols)
            + ", r.source_id" + source_cols("s")
            + " FROM person p JOIN record_person rp ON rp.person_id = p.person_id"
            " JOIN record r ON r.record_id = rp.record_id"
            " LEFT JOIN source s ON s.source_id = r.source_id")))
    elif {"record", "source"} <= set(tables):
        views.append(("record_source", "SELECT r.*" + source_cols("s") +
                      " FROM record r LEFT JOIN source s ON s.source_id = r.source_id"))
    for name in ("claim", "event"):
        if {name, "source"} <= set(tables) and "source_id" in has[name]:
            views.append((f"{name}_source", f"SELECT t.*{source_cols('s')} FROM {_q(name)} t "
                          "LEFT JOIN source s ON s.source_id = t.source_id"))
    return views


def sql_fold(expr: str) -> str:
    """An SQL expression folding ``expr`` like the compact keys, as far as replace() can."""
    def lit(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    for a, b in SQL_SEARCH_FOLD:
        expr = f"replace({expr}, {lit(a)}, {lit(b)})"
    return f"lower({expr})"


def search_sql(limit: int | None = 50) -> str:
    """The canned name search: rows of ``name_search`` whose Persian or Latin key contains
    the folded query ``:q`` (at least three letters), ranked by FTS5."""
    q = sql_fold(":q")
    return (f"SELECT record_id, person_id, name_fa, name_latin, source_id FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH '\"' || {q} || '\"' ORDER BY rank, record_id"
            + (f" LIMIT {limit}" if limit else ""))


def build(tables: dict[str, pd.DataFrame], order: list[str]) -> bytes:
    """The database's bytes: ``order`` tables, indexes, views and the name index.

    Built in a temporary file, not in memory: SQLite then holds only its page cache, and a
    database of a million-record release (over 2 GB with its match pairs) can still be read
    back, where ``serialize`` of an in-memory one failed ("unable to serialize 'main'")."""
    with tempfile.TemporaryDirectory(prefix="sqlite-edition-") as tmp:
        path = Path(tmp) / "edition.sqlite"
        _build_file(path, tables, order)
        data = bytearray(path.read_bytes())
    # A file database records how often it was written and which SQLite wrote it; zeroed as an
    # in-memory database leaves them, so the bytes depend only on the rows (and equal those of
    # the releases built in memory). Change counter and version-valid-for stay equal, so the
    # header's page count stays valid.
    data[_CHANGE_COUNTER] = data[_VERSION_VALID_FOR] = data[_WRITER_VERSION] = bytes(4)
    return bytes(data)


# file header fields (https://www.sqlite.org/fileformat.html#the_database_header)
_CHANGE_COUNTER, _VERSION_VALID_FOR, _WRITER_VERSION = slice(24, 28), slice(92, 96), slice(96, 100)


def _build_file(path: Path, tables: dict[str, pd.DataFrame], order: list[str]) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode = OFF")  # a scratch file: nothing to roll back to
        con.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        con.execute("PRAGMA foreign_keys = OFF")
        with con:
            for name in order:
                df = tables[name]
                cols = [c for c in TABLES[name].fields if c in df.columns]
                con.execute(_create_table(name, cols))
                marks = ", ".join("?" for _ in cols)
                con.executemany(f"INSERT INTO {_q(name)} VALUES ({marks})", _rows(df, cols))
                for c in _index_columns(name, cols):
                    con.execute(f"CREATE INDEX {_q(f'idx_{name}_{c}')} ON {_q(name)} ({_q(c)})")
            for view, sql in _views(tables):
                con.execute(f"CREATE VIEW {_q(view)} AS {sql}")
            if "record" in tables:
                _name_index(con, tables)
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            from pipeline.errors import ReleaseError

            raise ReleaseError(f"SQLite edition: {len(problems)} foreign key violation(s), "
                               f"first {problems[0]}")
        con.execute("VACUUM")
    finally:
        con.close()


def _name_index(con: sqlite3.Connection, tables: dict[str, pd.DataFrame]) -> None:
    rec = tables["record"]
    person = {}
    if "record_person" in tables:
        rp = tables["record_person"]
        person = dict(zip(rp["record_id"], rp["person_id"], strict=True))
    con.execute(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(fa, latin, record_id UNINDEXED, "
                "person_id UNINDEXED, name_fa UNINDEXED, name_latin UNINDEXED, "
                "source_id UNINDEXED, tokenize = 'trigram')")

    def key(col: str) -> pd.Series:
        if col in rec.columns:
            return rec[col].astype("object").where(rec[col].notna(), None)
        return pd.Series([None] * len(rec), dtype="object")

    def compact(col: str) -> list[str | None]:
        return [v.replace(" ", "") if isinstance(v, str) else None for v in key(col)]

    rows = list(zip(compact("name_fa_key"), compact("name_latin_key"), rec["record_id"],
                    [person.get(r) for r in rec["record_id"]],
                    *[[_value(v) for v in key(c)] for c in ("name_fa", "name_latin",
                                                             "source_id")], strict=True))
    con.executemany(f"INSERT INTO {FTS_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    con.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")


def query_keys(query: str) -> tuple[str | None, str | None]:
    """The user's query folded like the index: (Persian compact key, Latin compact key)."""
    return persian_name_key_compact(query), latin_name_key_compact(query)


def search(db: Path, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Records whose Persian or Latin name contains ``query`` in any spelling variant."""
    fa, latin = query_keys(query)
    terms = []
    if fa and len(fa) >= 3:
        terms.append(f'fa : "{fa}"')
    if latin and len(latin) >= 3:
        terms.append(f'latin : "{latin}"')
    if not terms:
        return []
    con = sqlite3.connect(f"file:{Path(db).resolve().as_posix()}?mode=ro", uri=True)
    try:
        con.row_factory = sqlite3.Row
        cur = con.execute(
            f"SELECT record_id, person_id, name_fa, name_latin, source_id FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH ? ORDER BY rank, record_id LIMIT ?",
            (" OR ".join(terms), limit))
        return [dict(r) for r in cur.fetchall()]
    finally:
        con.close()


def datasette_metadata(descriptor: dict[str, Any], db_file: str) -> dict[str, Any]:
    """metadata.json for Datasette: package title, licence and sources; per table its title,
    description, licence, where its rows come from and each column's description."""
    lic = (descriptor.get("licenses") or [{}])[0]
    tables: dict[str, Any] = {}
    for res in descriptor.get("resources", []):
        name = res.get("name")
        srcs = res.get("sourceLicenses") or []
        n_src = sum(int(x.get("sources", 0)) for x in srcs if isinstance(x, dict))
        source = (f"{n_src} source(s) listed in table source; every row cites one "
                  "(source_id, source_locator)" if n_src else
                  "derived by the pipeline from the tables it references")
        tables[name] = {
            "title": res.get("title", name),
            "description": res.get("description", ""),
            "license": lic.get("name", ""),
            "license_url": lic.get("path", ""),
            "source": source,
            "columns": {f["name"]: f.get("description", "")
                        for f in res.get("schema", {}).get("fields", [])},
        }
    tables[FTS_TABLE] = {
        "title": "Name search (full text)",
        "description": "Trigram full-text index over the compact matching keys of every "
                       "record's Persian and Latin name (letter forms, half-spaces and "
                       "spelling variants folded). Use the canned query search_name.",
    }
    return {
        "title": f"{descriptor.get('title', '')} ({descriptor.get('version', '')})",
        "description": descriptor.get("description", ""),
        "license": lic.get("name", ""),
        "license_url": lic.get("path", ""),
        "source": "see table source (publisher, affiliation and licence of every source)",
        "databases": {Path(db_file).stem: {
            "tables": tables,
            "queries": {"search_name": {
                "title": "Search a victim's name (Persian or Latin script)",
                "description": "Finds records whose name contains the text, whatever its "
                "Arabic/Persian letter forms (ي/ی, ك/ک), half-spaces or spaces. Latin "
                "spelling variants are folded fully by `python -m pipeline search`.",
                "sql": search_sql(),
            }},
        }},
    }


def metadata_bytes(descriptor: dict[str, Any], db_file: str) -> bytes:
    """Datasette's ``metadata.json`` for the SQLite edition (:func:`datasette_metadata`), as UTF-8
    JSON."""
    return (json.dumps(datasette_metadata(descriptor, db_file), ensure_ascii=False, indent=2)
            + "\n").encode("utf-8")
