"""The codebook's summary and charts, drawn with matplotlib as inline SVG.

Pure: tables (frames as a release's Parquet files read back) in, text and SVG strings out.
Deterministic: the Agg backend, fixed rcParams (``svg.hashsalt`` so element ids do not vary,
``svg.fonttype = none`` so text stays text and the browser draws it), no date in the SVG
metadata, every category in a fixed order. A chart with no data is left out and the summary
says so; nothing is fetched when the page is viewed (the map draws points on longitude /
latitude axes, no tiles).
"""

from __future__ import annotations

import io as _io
import re
from dataclasses import dataclass

import pandas as pd

HASHSALT = "iran-1988-executions"
IRAN_BOX = (44.0, 63.5, 25.0, 40.0)  # lon min, lon max, lat min, lat max (axes extent)
ACCENT = "#1f5f8b"
TOP = 20


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    caption: str
    svg: str


@dataclass(frozen=True)
class FillRate:
    table: str
    column: str
    filled: int
    rows: int

    @property
    def rate(self) -> float:
        """Share of rows with a value (0.0 for an empty table)."""
        return self.filled / self.rows if self.rows else 0.0


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    matplotlib.rcParams.update({
        "svg.hashsalt": HASHSALT,
        "svg.fonttype": "none",
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 10,
        "figure.dpi": 100,
    })
    return plt


_HEAD = re.compile(r"^.*?(?=<svg)", re.S)
_SIZE = re.compile(r'<svg([^>]*?) width="([\d.]+)pt" height="([\d.]+)pt"')


def _svg(fig, key: str) -> str:
    plt = _plt()
    buf = _io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(fig)
    text = _HEAD.sub("", buf.getvalue(), count=1)
    # Responsive: the viewBox keeps the drawing, CSS sets the size; ids made unique per chart.
    text = _SIZE.sub(lambda m: f'<svg{m.group(1)} role="img" aria-labelledby="fig-{key}" '
                     f'style="max-width:{m.group(2)}pt"', text, count=1)
    return re.sub(r'id="([^"]+)"', lambda m: f'id="{key}-{m.group(1)}"',
                  text).replace('url(#', f'url(#{key}-').replace('href="#', f'href="#{key}-')


def _counts(s: pd.Series) -> pd.Series:
    s = s.dropna().astype(str)
    counts = s.value_counts()
    # fixed order: count descending, then code point order of the label
    return counts.sort_index().sort_values(ascending=False, kind="stable")


def _barh(labels: list[str], values: list[float], xlabel: str, key: str, *,
          fmt: str = "{:,.0f}", xmax: float | None = None):
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7.5, 0.8 + 0.24 * len(labels)))
    ys = list(range(len(labels)))[::-1]
    ax.barh(ys, values, color=ACCENT, height=0.7)
    ax.set_yticks(ys, labels)
    ax.set_xlabel(xlabel)
    if xmax is not None:
        ax.set_xlim(0, xmax)
    for y, v in zip(ys, values, strict=True):
        ax.text(v, y, " " + fmt.format(v), va="center", fontsize=8)
    ax.margins(x=0.12)
    return _svg(fig, key)


def records_by_month(record: pd.DataFrame) -> Figure | None:
    """Bar chart of records by month of execution (dates known to the month or day); None without
    such dates."""
    if "execution_date" not in record or "execution_date_precision" not in record:
        return None
    known = record[record["execution_date_precision"].isin(["day", "month"])]
    if known.empty:
        return None
    months = known["execution_date"].astype(str).str[:7]
    counts = months.value_counts().sort_index()
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7.5, 3.2))
    ax.bar(range(len(counts)), counts.to_list(), color=ACCENT)
    step = max(1, len(counts) // 16)
    ax.set_xticks(range(0, len(counts), step), counts.index.to_list()[::step], rotation=60,
                  ha="right")
    ax.set_ylabel("records")
    year_only = int((record["execution_date_precision"] == "year").sum())
    other = len(record) - len(known) - year_only
    return Figure("month", "Records by month of execution",
                  f"{len(known):,} records whose execution date is known to the month or day. "
                  f"Not shown: {year_only:,} known only to the year"
                  + (f" and {other:,} without a date" if other else "")
                  + " (never placed on 1 January).", _svg(fig, "month"))


def records_by(record: pd.DataFrame, column: str, title: str, key: str) -> Figure | None:
    """Bar chart of the most frequent values of ``column`` (``TOP`` of them); None when the column
    is missing or empty."""
    if column not in record:
        return None
    counts = _counts(record[column])
    if counts.empty:
        return None
    top = counts.head(TOP)
    missing = int(record[column].isna().sum())
    return Figure(key, title,
                  f"The {len(top)} most frequent of {len(counts):,} values; {missing:,} "
                  f"records have none.",
                  _barh(top.index.to_list(), top.to_list(), "records", key))


def age_gender(record: pd.DataFrame) -> Figure | None:
    """Histogram of exact ages and bar chart of gender as the sources state it; None without those
    columns."""
    if "age_low" not in record or "gender_code" not in record:
        return None
    ages = record[["age_low", "age_high"]].astype("Float64")
    exact = ages[ages["age_low"].notna() & (ages["age_low"] == ages["age_high"])]["age_low"]
    plt = _plt()
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(8.5, 3.2), width_ratios=(3, 1.2))
    if len(exact):
        lo, hi = int(exact.min()), int(exact.max())
        a1.hist(exact.astype(float).to_numpy(), bins=range(lo, hi + 2), color=ACCENT)
    a1.set_xlabel("age at death (years; exact ages only)")
    a1.set_ylabel("records")
    g = record["gender_code"].astype("object").where(record["gender_code"].notna(),
                                                     "not stated")
    order = [c for c in ("male", "female") if c in set(g)] + sorted(
        set(g) - {"male", "female", "not stated"}) + (["not stated"] if "not stated" in
                                                       set(g) else [])
    vals = [int((g == c).sum()) for c in order]
    a2.bar(range(len(order)), vals, color=ACCENT)
    a2.set_xticks(range(len(order)), order, rotation=30, ha="right")
    a2.set_ylabel("records")
    ranged = int((ages["age_low"].notna() & (ages["age_low"] != ages["age_high"])).sum())
    none = int(ages["age_low"].isna().sum())
    return Figure("age", "Age and gender",
                  f"{len(exact):,} records with an exact age; {ranged:,} with an age range "
                  f"(not shown); {none:,} without an age. Gender as the source states it.",
                  _svg(fig, "age"))


def death_toll(claim: pd.DataFrame, source: pd.DataFrame | None) -> Figure | None:
    """The death-toll claims, low / best / high per named claimant, by the year each claim was
    made; None without such claims."""
    need = {"subject_code", "value_low", "value_best", "value_high", "claimant_name"}
    if not need <= set(claim.columns):
        return None
    c = claim[claim["subject_code"] == "death_toll"].copy()
    vals = c[["value_low", "value_best", "value_high"]].astype("Float64")
    c = c[vals.notna().any(axis=1)]
    if c.empty:
        return None
    if source is not None and "affiliation_code" in source and "source_id" in c:
        aff = dict(zip(source["source_id"], source["affiliation_code"], strict=True))
        c["aff"] = c["source_id"].map(aff).astype("object").fillna("not stated")
    else:
        c["aff"] = "not stated"
    year = c["claim_year"].astype("Float64") if "claim_year" in c else pd.Series(
        [pd.NA] * len(c), index=c.index, dtype="Float64")
    c["y_sort"] = year.fillna(9999)
    c = c.assign(year=year).sort_values(["y_sort", "claimant_name", "claim_id"]
                                         if "claim_id" in c else ["y_sort", "claimant_name"])
    plt = _plt()
    fig, ax = plt.subplots(figsize=(8.5, 0.9 + 0.26 * len(c)))
    affs = sorted(set(c["aff"]))
    colours = plt.get_cmap("tab10")
    labels = []
    for i, rec in enumerate(c.to_dict("records")):
        y = len(c) - 1 - i
        col = colours(affs.index(rec["aff"]) % 10)
        pts = [float(rec[k]) for k in ("value_low", "value_best", "value_high")
               if pd.notna(rec[k])]
        ax.plot([min(pts), max(pts)], [y, y], color=col, lw=2, solid_capstyle="butt")
        for k, m in (("value_low", "|"), ("value_high", "|"), ("value_best", "o")):
            if pd.notna(rec[k]):
                ax.plot([float(rec[k])], [y], marker=m, color=col, ms=9, mew=2, ls="none")
        name = str(rec["claimant_name"])
        name = name if len(name) <= 48 else name[:47] + "…"
        yr = "n.d." if pd.isna(rec["year"]) else str(int(rec["year"]))
        labels.append((y, f"{yr} · {name}"))
    ax.set_yticks([y for y, _ in labels], [t for _, t in labels], fontsize=8)
    ax.set_xscale("log")
    ax.set_xlabel("claimed number of people killed (log scale): | low, ● best, | high")
    for a in affs:
        ax.plot([], [], color=colours(affs.index(a) % 10), lw=3, label=a)
    ax.legend(title="source affiliation", fontsize=7, title_fontsize=8, loc="upper left",
              bbox_to_anchor=(1.01, 1))
    ax.grid(axis="x", color="#ddd", lw=0.5)
    return Figure("toll", "The contested death toll: who claims what, and when",
                  f"{len(c)} death-toll claims, each by a named claimant, as low / best / high "
                  "as that party gives them, ordered by the year the claim was made (n.d.: "
                  "year not stated). Claims, not facts of the dataset.", _svg(fig, "toll"))


def events_per_year(event: pd.DataFrame) -> Figure | None:
    """Stacked bars of dated events per year by event type; None without dated events."""
    if "event_date" not in event or "event_type" not in event:
        return None
    e = event[event["event_date"].notna()]
    if e.empty:
        return None
    years = e["event_date"].astype(str).str[:4].astype(int)
    table = pd.crosstab(years, e["event_type"].astype(str)).sort_index()
    table = table[sorted(table.columns)]
    full = range(int(table.index.min()), int(table.index.max()) + 1)
    table = table.reindex(full, fill_value=0)
    plt = _plt()
    fig, ax = plt.subplots(figsize=(8.5, 3.6))
    bottom = [0] * len(table)
    cmap = plt.get_cmap("tab20")
    for i, t in enumerate(table.columns):
        vals = table[t].to_list()
        ax.bar(list(table.index), vals, bottom=bottom, label=t, color=cmap(i % 20), width=0.8)
        bottom = [b + v for b, v in zip(bottom, vals, strict=True)]
    ax.set_ylabel("events")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), title="event_type",
              title_fontsize=8)
    return Figure("events", "Events per year, by type",
                  f"{len(e)} dated events (by the year of event_date, whatever its "
                  "precision).", _svg(fig, "events"))


def place_map(place: pd.DataFrame) -> tuple[Figure | None, str]:
    """(the map, a sentence on coverage). Points on longitude/latitude axes, no tiles."""
    if not {"lat", "lon"} <= set(place.columns) or place.empty:
        return None, "No place table with coordinates in this release."
    p = place[place["lat"].notna() & place["lon"].notna()]
    note = f"{len(p)} of {len(place)} places have coordinates."
    if p.empty:
        return None, note + " The map is drawn once places are geocoded."
    plt = _plt()
    lon, lat = p["lon"].astype(float), p["lat"].astype(float)
    x0, x1, y0, y1 = IRAN_BOX
    inside = (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1)
    panels = [(p[inside], "Iran", (x0, x1, y0, y1), True)]
    if (~inside).any():  # commemorations, trials and protests abroad: the world, unlabelled
        panels.append((p, "All places", (max(-180.0, float(lon.min()) - 5),
                                         min(180.0, float(lon.max()) + 5),
                                         max(-90.0, float(lat.min()) - 5),
                                         min(90.0, float(lat.max()) + 5)), False))
    fig, axes = plt.subplots(1, len(panels), figsize=(5.2 * len(panels) + 1, 5.2),
                             squeeze=False)
    kinds = sorted(set(p["place_kind_code"].astype(str))) if "place_kind_code" in p else ["place"]
    cmap = plt.get_cmap("tab10")
    label_col = "city" if "city" in p else "name_latin"
    for ax, (sub, title, (a0, a1, b0, b1), labels) in zip(axes[0], panels, strict=True):
        for i, k in enumerate(kinds):
            pts = sub[sub["place_kind_code"].astype(str) == k] if "place_kind_code" in sub \
                else sub
            ax.scatter(pts["lon"].astype(float), pts["lat"].astype(float), s=26,
                       color=cmap(i % 10), label=k, marker="X" if k == "mass_grave" else "o",
                       zorder=3)
        if labels:
            done = set()
            for rec in sub.sort_values([label_col, "place_id"]).to_dict("records"):
                lab = rec.get(label_col)
                if isinstance(lab, str) and lab not in done:
                    done.add(lab)
                    ax.annotate(lab, (float(rec["lon"]), float(rec["lat"])), xytext=(4, 3),
                                textcoords="offset points", fontsize=7)
        ax.set_xlim(a0, a1)
        ax.set_ylim(b0, b1)
        ax.set_aspect(1.2)
        ax.grid(color="#ddd", lw=0.5)
        ax.set_title(f"{title} ({len(sub)})")
        ax.set_xlabel("longitude (°E)")
        ax.set_ylabel("latitude (°N)")
    axes[0][-1].legend(fontsize=7, title="place_kind_code", title_fontsize=8,
                       loc="upper left", bbox_to_anchor=(1.01, 1))
    return Figure("map", "Places and mass-grave sites",
                  note + " Points on longitude/latitude (no background map is fetched).",
                  _svg(fig, "map")), note


def fill_rates(tables: dict[str, pd.DataFrame], order: list[str]) -> list[FillRate]:
    """Fill rate of every column of the ``order`` tables (a value that is neither null nor
    empty)."""
    out = []
    for name in order:
        df = tables[name]
        for col in df.columns:
            s = df[col]
            filled = int((s.notna() & (s.astype("string") != "")).sum())
            out.append(FillRate(name, col, filled, len(df)))
    return out


def fill_rate_figure(rates: list[FillRate], table: str) -> Figure | None:
    """Horizontal bars of the fill rates of one table's columns; None for an empty table."""
    rows = [r for r in rates if r.table == table]
    if not rows or rows[0].rows == 0:
        return None
    svg = _barh([r.column for r in rows], [100 * r.rate for r in rows],
                "% of rows with a value", f"fill-{table}", fmt="{:.0f}%", xmax=100)
    return Figure(f"fill-{table}", f"Fill rate: {table}",
                  f"{rows[0].rows:,} rows.", svg)


def figures(tables: dict[str, pd.DataFrame], order: list[str]) -> list[Figure]:
    """Every chart the data allows, in page order (the map last, the fill rates apart)."""
    out: list[Figure | None] = []
    rec = tables.get("record")
    if rec is not None and len(rec):
        out += [records_by_month(rec), records_by(rec, "city", "Records by city", "city"),
                records_by(rec, "prison", "Records by prison", "prison"), age_gender(rec)]
    if "claim" in tables:
        out.append(death_toll(tables["claim"], tables.get("source")))
    if "event" in tables:
        out.append(events_per_year(tables["event"]))
    if "place" in tables:
        out.append(place_map(tables["place"])[0])
    return [f for f in out if f is not None]
