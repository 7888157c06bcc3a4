"""The codebook of a release, as Markdown and as one self-contained HTML page.

It is generated, never written by hand: tables, fields, types, descriptions and constraints
come from the release's datapackage.json (itself generated from pipeline/schemas), the meaning
of each code from the same declarations (FIELDS[...].enum_meanings), row counts from the
descriptor, and the list of sources (publisher, affiliation, licence) from the release's
`source` table. The HTML page has no scripts, fonts, images or stylesheets from elsewhere;
every value is escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow
import pyarrow.parquet as pq

from pipeline import io
from pipeline.release.figures import Figure, FillRate
from pipeline.schemas.fields import FIELDS

MAX_LISTED_CODES = 40
"""Longer vocabularies without meanings (country codes) are summarized, not listed."""


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str
    required: bool
    description: str
    constraints: tuple[str, ...]
    codes: tuple[tuple[str, str], ...]  # (code, meaning or '')
    codes_summary: str


@dataclass(frozen=True)
class TableDoc:
    name: str
    description: str
    rows: int | None
    primary_key: tuple[str, ...]
    foreign_keys: tuple[str, ...]
    fields: tuple[FieldDoc, ...]
    licences: tuple[tuple[str, int, int], ...] = ()  # (source licence, rows, sources)
    restrictions: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceDoc:
    source_id: str
    title: str
    publisher: str
    affiliation_code: str
    affiliation: str
    license: str
    url: str


@dataclass(frozen=True)
class Codebook:
    title: str
    version: str
    created: str
    licenses: tuple[str, ...]
    description: str
    tables: tuple[TableDoc, ...]
    sources: tuple[SourceDoc, ...]
    summary: tuple[str, ...] = ()
    limits: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    fill: tuple[FillRate, ...] = ()
    fill_figures: tuple[Figure, ...] = ()
    map_note: str = ""
    cite_apa: str = ""
    cite_bibtex: str = ""


def load_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """Every table of the release in ``folder``, from its Parquet files, as verify reads them
    (so a codebook regenerated from a release equals the one published with it)."""
    from pipeline.release.verify import arrow_frame

    desc = io.read_json(Path(folder) / "datapackage.json")
    out = {}
    for res in desc.get("resources", []):
        if isinstance(res.get("parquet"), dict):
            data = io.read_bytes(Path(folder) / res["parquet"]["path"])
            out[str(res.get("name"))] = arrow_frame(pq.read_table(pyarrow.BufferReader(data)))
    return out


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.0f}%" if d else "0%"


def _summary(desc: dict[str, Any], tables: dict[str, pd.DataFrame]
             ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(counts and coverage, known limits) in sentences, from the data."""
    rows = {str(r.get("name")): r.get("rows") for r in desc.get("resources", [])}
    summary: list[str] = []
    limits: list[str] = []
    rec = tables.get("record")
    if rec is not None and len(rec):
        n = len(rec)
        lists = rec["source_id"].nunique() if "source_id" in rec else 0
        persons = rows.get("person")
        summary.append(f"{n:,} victim records from {lists} list(s)"
                       + (f", linked into {persons:,} persons" if isinstance(persons, int)
                          else "") + ".")
        if {"execution_date_earliest", "execution_date_latest"} <= set(rec.columns):
            lo = rec["execution_date_earliest"].dropna().astype(str)
            hi = rec["execution_date_latest"].dropna().astype(str)
            if len(lo) and len(hi):
                summary.append(f"Execution dates span {lo.min()} to {hi.max()}.")
        if "execution_date_precision" in rec:
            prec = rec["execution_date_precision"].astype("object")
            parts = [f"{_pct(int((prec == k).sum()), n)} to the {k}" for k in
                     ("day", "month", "year")]
            summary.append("Execution date known " + ", ".join(parts) + ".")
            year = int((prec == "year").sum())
            if year:
                limits.append(f"{_pct(year, n)} of records give the execution date only to "
                              "the year: month charts leave them out.")
        for col, what in (("city", "a city"), ("age_low", "an age"),
                          ("gender_code", "a gender"), ("prison", "a prison")):
            if col in rec:
                filled = int(rec[col].notna().sum())
                summary.append(f"{_pct(filled, n)} of records name {what}.")
                if filled < n / 2:
                    limits.append(f"Only {_pct(filled, n)} of records name {what}.")
    counts = [f"{rows[t]:,} {label}" for t, label in (
        ("source", "sources"), ("event", "events"), ("claim", "claims"),
        ("place", "places"), ("actor", "actors"), ("reject", "rejected input rows (each with "
                                                   "its reason)"))
        if isinstance(rows.get(t), int)]
    if counts:
        summary.append("Also: " + ", ".join(counts) + ".")
    claim = tables.get("claim")
    if claim is not None and {"subject_code", "value_low", "value_high", "value_best"} <= \
            set(claim.columns):
        toll = claim[claim["subject_code"] == "death_toll"]
        vals = pd.concat([toll[c].astype("Float64") for c in
                          ("value_low", "value_best", "value_high")]).dropna()
        if len(vals):
            limits.append(f"The death toll is contested: {len(toll)} claims by named parties "
                          f"range from {int(vals.min()):,} to {int(vals.max()):,}. They are "
                          "attributed claims, not facts of the dataset.")
    if "person" in tables:
        limits.append("Persons are linked from records by a probabilistic model (tables "
                      "match_pair, link_model): a person can join two people or split one; "
                      "use your own threshold on match_pair if needed.")
    limits.append("Report texts are copyrighted and not redistributed: quotes are at most 25 "
                  "words, and the lists are only those bundled in raw/.")
    return tuple(summary), tuple(limits)


def load_sources(folder: Path) -> pd.DataFrame | None:
    """The release's `source` table (from its Parquet file), or None if it has none."""
    desc = io.read_json(Path(folder) / "datapackage.json")
    for res in desc.get("resources", []):
        if res.get("name") == "source" and isinstance(res.get("parquet"), dict):
            data = io.read_bytes(Path(folder) / res["parquet"]["path"])
            return pq.read_table(pyarrow.BufferReader(data)).to_pandas()
    return None


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _field_doc(f: dict[str, Any], pk: tuple[str, ...]) -> FieldDoc:
    name = str(f.get("name"))
    c = dict(f.get("constraints", {}))
    declared = FIELDS.get(name)
    meanings = (declared.enum_meanings or {}) if declared is not None else {}
    parts: list[str] = []
    if name in pk:
        parts.append("primary key")
    if "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    if "minimum" in c:
        parts.append(f"minimum {c['minimum']}")
    if "maximum" in c:
        parts.append(f"maximum {c['maximum']}")
    if f.get("unit"):
        parts.append(f"unit {f['unit']}")
    enum = [str(e) for e in c.get("enum", [])]
    codes: tuple[tuple[str, str], ...] = ()
    summary = ""
    if enum and (meanings or len(enum) <= MAX_LISTED_CODES):
        codes = tuple((e, meanings.get(e, "")) for e in enum)
    elif enum:
        summary = f"one of {len(enum)} codes (listed in datapackage.json)"
    return FieldDoc(name, str(f.get("type", "string")), bool(c.get("required")),
                    str(f.get("description", "")), tuple(parts), codes, summary)


def build(desc: dict[str, Any], sources: pd.DataFrame | None = None,
          data: dict[str, pd.DataFrame] | None = None) -> Codebook:
    """The codebook of a release; ``data`` (its tables) adds the summary, charts and fill
    rates."""
    tables = []
    for res in desc.get("resources", []):
        schema = res.get("schema", {})
        pk = schema.get("primaryKey", [])
        pk = (pk,) if isinstance(pk, str) else tuple(pk)
        fks = tuple(
            f"{', '.join(fk['fields'])} -> {fk['reference']['resource']}."
            f"{', '.join(fk['reference']['fields'])}"
            for fk in schema.get("foreignKeys", [])
        )
        tables.append(TableDoc(
            str(res.get("name")), str(res.get("description", "")),
            res.get("rows") if isinstance(res.get("rows"), int) else None, pk, fks,
            tuple(_field_doc(f, pk) for f in schema.get("fields", [])),
            tuple((str(x.get("license", "")), int(x.get("rows", 0)), int(x.get("sources", 0)))
                  for x in res.get("sourceLicenses", []) if isinstance(x, dict)),
            tuple(str(r) for r in res.get("restrictions", [])),
        ))
    meanings = FIELDS["affiliation_code"].enum_meanings or {}
    srcs: list[SourceDoc] = []
    if sources is not None:
        for rec in sources.to_dict("records"):
            code = _text(rec.get("affiliation_code"))
            srcs.append(SourceDoc(
                _text(rec.get("source_id")), _text(rec.get("title")),
                _text(rec.get("publisher")), code, meanings.get(code, ""),
                _text(rec.get("license")), _text(rec.get("url")),
            ))
    from pipeline.release import citation, figures

    version, created = str(desc.get("version", "")), str(desc.get("created", ""))[:10]
    lic = ", ".join(str(x.get("name", "")) for x in desc.get("licenses", []))
    extra: dict[str, Any] = {
        "cite_apa": citation.apa(version, created, title=str(desc.get("title", "")),
                                 license_id=lic),
        "cite_bibtex": citation.bibtex(version, created, title=str(desc.get("title", "")),
                                       license_id=lic),
    }
    if data:
        order = [t.name for t in tables if t.name in data]
        fill = figures.fill_rates(data, order)
        summary, limits = _summary(desc, data)
        extra |= {
            "summary": summary, "limits": limits,
            "figures": tuple(figures.figures(data, order)), "fill": tuple(fill),
            "fill_figures": tuple(f for f in (figures.fill_rate_figure(fill, t)
                                              for t in order) if f is not None),
            "map_note": figures.place_map(data["place"])[1] if "place" in data else "",
        }
    return Codebook(
        title=str(desc.get("title", "")),
        version=version,
        created=created,
        licenses=tuple(str(lic.get("name", "")) for lic in desc.get("licenses", [])),
        description=str(desc.get("description", "")),
        tables=tuple(tables),
        sources=tuple(sorted(srcs, key=lambda s: s.source_id)),
        **extra,
    )


# ---- Markdown ---------------------------------------------------------------------------------


def _md(value: str) -> str:
    """Text from elsewhere (source titles, publishers), inert inside a Markdown table cell."""
    text = " ".join(value.split())
    for ch in ("\\", "|", "*", "_", "`", "<", ">", "[", "]"):
        text = text.replace(ch, "\\" + ch)
    return text


def _doc(value: str) -> str:
    """Our own declarations (written with `code` spans) for a Markdown table cell: kept as
    Markdown, with only what would break the table or open an HTML tag escaped."""
    text = " ".join(value.split())
    parts = _CODE_SPAN_MD.split(text)  # odd items: the text inside `code` spans
    return "".join(
        (f"`{p}`" if i % 2 else p.replace("<", "&lt;").replace(">", "&gt;")).replace("|", "\\|")
        for i, p in enumerate(parts))


_CODE_SPAN_MD = re.compile(r"`([^`]+)`")
"""Inside a code span Markdown shows text literally: `<source_id>` stays as it is there
(an entity would be shown as '&lt;'); outside, < and > are escaped so no tag opens."""


def _overview_md(book: Codebook) -> list[str]:
    lines: list[str] = []
    if book.summary:
        lines += ["## Summary", ""] + [f"- {_doc(x)}" for x in book.summary] + [""]
    if book.limits:
        lines += ["## Known limits", ""] + [f"- {_doc(x)}" for x in book.limits] + [""]
    if book.cite_apa:
        lines += ["## How to cite", "", "```text", book.cite_apa, "```", "", "```bibtex",
                  book.cite_bibtex, "```", "",
                  "Credit the sources too: table `source` names each one with its licence.", ""]
    if book.figures or book.fill:
        lines += ["Charts (records by month, city and prison, age and gender, the contested "
                  "death toll, events per year, the map of places, fill rates) are in "
                  "`codebook.html`." + (f" {book.map_note}" if book.map_note else ""), ""]
    if book.fill:
        lines += ["## Fill rates", "", "| table | column | rows with a value | fill rate |",
                  "|---|---|--:|--:|"]
        lines += [f"| {_md(f.table)} | {_md(f.column)} | {f.filled} of {f.rows} | "
                  f"{100 * f.rate:.0f}% |" for f in book.fill]
        lines.append("")
    return lines


def markdown(book: Codebook) -> str:
    """The codebook as Markdown: overview, the tables, licences, then each table's fields (type,
    required, description, constraints) and fill rates."""
    lines = [f"# Codebook: {_md(book.title)}", "",
             f"Version {book.version}, released {book.created}. Licence: "
             f"{', '.join(book.licenses) or 'not stated'}.", "", _doc(book.description), ""]
    lines += _overview_md(book)
    lines += ["## Tables", "", "| table | rows | description |", "|---|--:|---|"]
    for t in book.tables:
        rows = "" if t.rows is None else str(t.rows)
        lines.append(f"| [{_md(t.name)}](#table-{t.name}) | {rows} | {_doc(t.description)} |")
    lines.append("")
    lines += _licences_md(book)
    for t in book.tables:
        lines += [f"## Table `{t.name}`", "", _doc(t.description), "",
                  f"Rows: {'' if t.rows is None else t.rows}. Primary key: "
                  f"{', '.join(t.primary_key) or 'none'}."]
        if t.foreign_keys:
            lines.append("References: " + "; ".join(f"`{fk}`" for fk in t.foreign_keys) + ".")
        lines += ["", "| field | type | required | description | constraints |",
                  "|---|---|---|---|---|"]
        for f in t.fields:
            lines.append(f"| {_md(f.name)} | {f.type} | {'yes' if f.required else ''} | "
                         f"{_doc(f.description)} | {_doc('; '.join(f.constraints))} |")
        lines.append("")
        for f in t.fields:
            if f.codes:
                lines += [f"Codes of `{t.name}.{f.name}`:", "", "| code | meaning |",
                          "|---|---|"]
                lines += [f"| `{c}` | {_doc(m)} |" for c, m in f.codes]
                lines.append("")
            elif f.codes_summary:
                lines += [f"Codes of `{t.name}.{f.name}`: {f.codes_summary}.", ""]
    if book.sources:
        lines += ["## Sources", "",
                  "| source_id | title | publisher | affiliation | licence | url |",
                  "|---|---|---|---|---|---|"]
        for s in book.sources:
            aff = s.affiliation_code + (f" ({s.affiliation})" if s.affiliation else "")
            lines.append(f"| {_md(s.source_id)} | {_md(s.title)} | {_md(s.publisher)} | "
                         f"{_md(aff)} | {_md(s.license)} | {_md(s.url)} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _licences_md(book: Codebook) -> list[str]:
    lines = ["## Licences", "",
             f"The package is licensed {', '.join(book.licenses) or 'not stated'}. Each "
             "source's own licence is in table `source` (column `license`); restrictions "
             "per table:", ""]
    for name, parts, restrictions in _licence_rows(book, _md):
        lines.append(f"- `{name}`: {parts}.")
        lines += [f"  - {_md(r)}" for r in restrictions]
    lines.append("")
    return lines


def _licence_rows(book: Codebook, escape: Callable[[str], str]
                  ) -> list[tuple[str, str, tuple[str, ...]]]:
    """Per table with licensed rows or restrictions: its name, its rows by licence
    ('CC BY-SA 4.0: 3613 rows from 1 source(s); ...', escaped for the page) and its
    restrictions; the Markdown and the HTML codebook both say exactly this."""
    out = []
    for t in book.tables:
        if not t.licences and not t.restrictions:
            continue
        parts = "; ".join(f"{escape(lic) or 'none'}: {rows} rows from {n} source(s)"
                          for lic, rows, n in t.licences)
        out.append((t.name, parts or "no rows of its own cite a source", tuple(t.restrictions)))
    return out


# ---- HTML -------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;
color:#111;background:#fff;line-height:1.4}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}
th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top;
overflow-wrap:break-word}
td a,td code{overflow-wrap:anywhere}
table.sources{table-layout:fixed}table.sources td{overflow-wrap:anywhere;white-space:normal}
th{background:#eee}td.n{text-align:right}td:first-child,td.n{white-space:nowrap}
code{background:#f4f4f4;padding:0 .2rem}
figure{margin:1rem 0 2rem}figure svg{width:100%;height:auto;display:block}
figcaption{color:#333;font-size:.9rem;margin-top:.3rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(30rem,1fr));gap:1rem}
pre{background:#f4f4f4;padding:.6rem;overflow-x:auto;white-space:pre-wrap}
blockquote{border-left:4px solid #1f5f8b;margin:.5rem 0;padding:.2rem .8rem;background:#f7fafc}
h2{border-bottom:2px solid #333;margin-top:2.5rem}ul.codes{margin:.2rem 0;padding-left:1.2rem}
"""


def _h(value: object) -> str:
    return html.escape(str(value), quote=True)


_CODE_SPAN = re.compile(r"`([^`]+)`")


def _hd(value: str) -> str:
    """Our own declarations as HTML: escaped, `code` spans shown as code."""
    return _CODE_SPAN.sub(r"<code>\1</code>", _h(value))


def _link(url: str) -> str:
    if url.startswith(("https://", "http://")):
        return f'<a href="{_h(url)}" rel="noreferrer">{_h(url)}</a>'
    return _h(url)


def _figure(f: Figure) -> str:
    return (f'<figure id="fig-{_h(f.key)}"><h3>{_h(f.title)}</h3>{f.svg}'
            f"<figcaption>{_hd(f.caption)}</figcaption></figure>")


def _overview_html(book: Codebook) -> list[str]:
    out: list[str] = []
    if book.summary:
        out += ['<h2 id="summary">Summary</h2>', "<ul>"]
        out += [f"<li>{_hd(x)}</li>" for x in book.summary] + ["</ul>"]
    if book.limits:
        out += ['<h2 id="limits">Known limits</h2>', "<ul>"]
        out += [f"<li>{_hd(x)}</li>" for x in book.limits] + ["</ul>"]
    if book.cite_apa:
        out += ['<h2 id="cite">How to cite</h2>', f"<blockquote>{_h(book.cite_apa)}"
                "</blockquote>", f"<pre>{_h(book.cite_bibtex)}</pre>",
                "<p>Credit the sources too: table <code>source</code> names each one with its "
                "licence.</p>"]
    if book.figures:
        out.append('<h2 id="charts">Charts</h2>')
        out += [_figure(f) for f in book.figures]
    if book.map_note and not any(f.key == "map" for f in book.figures):
        out.append(f'<p id="map-note">Map of places: {_h(book.map_note)}</p>')
    if book.fill_figures:
        out += ['<h2 id="fill">Fill rates</h2>', '<div class="grid">']
        out += [_figure(f) for f in book.fill_figures] + ["</div>"]
    if book.fill:
        out += ["<details><summary>Fill rate of every column (table)</summary>",
                "<table><thead><tr><th>table</th><th>column</th><th>rows with a value</th>"
                "<th>fill rate</th></tr></thead><tbody>"]
        out += [f"<tr><td><code>{_h(f.table)}</code></td><td><code>{_h(f.column)}</code></td>"
                f'<td class="n">{f.filled} of {f.rows}</td>'
                f'<td class="n">{100 * f.rate:.0f}%</td></tr>' for f in book.fill]
        out += ["</tbody></table></details>"]
    return out


def html_page(book: Codebook) -> str:
    """The codebook as one self-contained HTML page (inline CSS and SVG charts, nothing
    fetched)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No fetches of any kind: the page is complete on its own.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">",
        f"<title>Codebook: {_h(book.title)} {_h(book.version)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>Codebook: {_h(book.title)}</h1>",
        f"<p>Version <strong>{_h(book.version)}</strong>, released {_h(book.created)}. "
        f"Licence: {_h(', '.join(book.licenses) or 'not stated')}.</p>",
        f"<p>{_hd(book.description)}</p>",
        *_overview_html(book),
        "<h2>Tables</h2>",
        "<table><thead><tr><th>table</th><th>rows</th><th>description</th></tr></thead><tbody>",
    ]
    for t in book.tables:
        rows = "" if t.rows is None else str(t.rows)
        out.append(f'<tr><td><a href="#table-{_h(t.name)}">{_h(t.name)}</a></td>'
                   f'<td class="n">{rows}</td><td>{_hd(t.description)}</td></tr>')
    out.append("</tbody></table>")
    out += _licences_html(book)
    for t in book.tables:
        out += _table_html(t)
    out += _sources_html(book)
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _licences_html(book: Codebook) -> list[str]:
    """The licences section: the package's and each table's by source."""
    out: list[str] = []
    out += ['<h2 id="licences">Licences</h2>',
            f"<p>The package is licensed {_h(', '.join(book.licenses) or 'not stated')}. "
            "Each source's own licence is in table <code>source</code> (column "
            "<code>license</code>); restrictions per table:</p>", "<ul>"]
    for name, parts, restrictions in _licence_rows(book, _h):
        items = "".join(f"<li>{_h(r)}</li>" for r in restrictions)
        out.append(f"<li><code>{_h(name)}</code>: {parts}."
                   + (f"<ul>{items}</ul>" if items else "") + "</li>")
    out.append("</ul>")
    return out


def _table_html(t: TableDoc) -> list[str]:
    """One table's section: description, keys and its fields with codes."""
    out: list[str] = []
    out += [
        f'<h2 id="table-{_h(t.name)}">Table <code>{_h(t.name)}</code></h2>',
        f"<p>{_hd(t.description)}</p>",
        f"<p>Rows: {'' if t.rows is None else t.rows}. Primary key: "
        f"<code>{_h(', '.join(t.primary_key) or 'none')}</code>.</p>",
    ]
    if t.foreign_keys:
        out.append("<p>References: " + "; ".join(f"<code>{_h(fk)}</code>"
                                                 for fk in t.foreign_keys) + ".</p>")
    out.append("<table><thead><tr><th>field</th><th>type</th><th>required</th>"
               "<th>description</th><th>constraints and codes</th></tr></thead><tbody>")
    for f in t.fields:
        cell = _hd("; ".join(f.constraints))
        if f.codes:
            items = "".join(
                f"<li><code>{_h(c)}</code>{(': ' + _hd(m)) if m else ''}</li>"
                for c, m in f.codes)
            cell += f'<ul class="codes">{items}</ul>'
        elif f.codes_summary:
            cell += (" " if cell else "") + _h(f.codes_summary)
        out.append(f"<tr><td><code>{_h(f.name)}</code></td><td>{_h(f.type)}</td>"
                   f"<td>{'yes' if f.required else ''}</td><td>{_hd(f.description)}</td>"
                   f"<td>{cell}</td></tr>")
    out.append("</tbody></table>")
    return out


def _sources_html(book: Codebook) -> list[str]:
    """The sources table (id, title, publisher, affiliation, licence, url)."""
    out: list[str] = []
    if book.sources:
        out += ['<h2 id="sources">Sources</h2>',
                # fixed layout: long ids, codes and URLs wrap inside the page width
                '<table class="sources"><colgroup><col style="width:17%"><col style="width:22%">'
                '<col style="width:17%"><col style="width:16%"><col style="width:10%">'
                '<col style="width:18%"></colgroup>'
                "<thead><tr><th>source_id</th><th>title</th><th>publisher</th>"
                "<th>affiliation</th><th>licence</th><th>url</th></tr></thead><tbody>"]
        for s in book.sources:
            aff = _h(s.affiliation_code) + (f"<br><small>{_h(s.affiliation)}</small>"
                                            if s.affiliation else "")
            out.append(f"<tr><td><code>{_h(s.source_id)}</code></td>"
                       f'<td dir="auto">{_h(s.title)}</td><td dir="auto">{_h(s.publisher)}</td>'
                       f"<td>{aff}</td><td>{_h(s.license)}</td><td>{_link(s.url)}</td></tr>")
        out.append("</tbody></table>")
    return out


def render(folder: Path) -> tuple[str, str]:
    """(codebook.md, codebook.html) for the release in ``folder``."""
    desc = io.read_json(Path(folder) / "datapackage.json")
    book = build(desc, load_sources(folder), load_tables(folder))
    return markdown(book), html_page(book)
