"""The generic linker behind `python -m pipeline link`: any CSV(s) of people -> scored pairs.

One input deduplicates it; two inputs link across them (pairs within one file are not
scored). Columns are compared as COLUMN:KIND with KIND in name, date, exact, number, text.
Blocking keys are chosen from the data (blocking.auto_blocking) unless given.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from pipeline.errors import InputError, PipelineError
from pipeline.linkage.engine import UID, CompareSpec, EngineOptions
from pipeline.linkage.training import run_splink

GENERAL_KINDS = ("name", "date", "exact", "number", "text")
MAX_BLOCK = 20  # combined names: blocks of more records are left out (blocking.capped_rules)


def parse_compare(items: list[str]) -> list[CompareSpec]:
    """["surname:name", "dob:date"] -> specs. A bad item is a PipelineError."""
    specs = []
    for item in items:
        col, sep, kind = item.rpartition(":")
        if not sep or not col:
            raise PipelineError(f"--compare wants COLUMN:KIND, got {item!r}")
        if kind not in GENERAL_KINDS:
            raise PipelineError(f"--compare {item}: KIND must be one of "
                                f"{', '.join(GENERAL_KINDS)}")
        specs.append(CompareSpec(col, kind))
    if not specs:
        raise PipelineError("give at least one --compare COLUMN:KIND")
    return specs


def link_frames(frames: list[pd.DataFrame], id_column: str, specs: list[CompareSpec],
                threshold: float = 0.9, options: EngineOptions | None = None,
                names: list[str] | None = None, closure: bool = True,
                min_pair: float = 0.5) -> tuple[pd.DataFrame, str]:
    """Frames (strings) -> (pairs id_l, id_r, match_probability >= threshold, model JSON).

    Pairs are ordered (id_l < id_r for a dedupe; left file's id first for a link), sorted,
    probabilities rounded to 6 decimals. A dedupe with ``closure`` returns every pair of
    records in the same cluster: pairs >= threshold join clusters strongest first, but two
    clusters join only if every record of one scored >= ``min_pair`` with every record of
    the other (complete linkage, persons.cluster), so namesakes cannot chain into one
    cluster. Each pair carries its own score (>= min_pair; the joining links >= threshold)."""
    if len(frames) not in (1, 2):
        raise PipelineError("give one --input (deduplicate) or two (link across)")
    names = names or [f"input {i + 1}" for i in range(len(frames))]
    parts = []
    for i, (df, name) in enumerate(zip(frames, names, strict=True)):
        if id_column not in df.columns:
            raise InputError("missing id column", file=name, row=1, field=id_column)
        for s in specs:
            if s.column not in df.columns:
                raise InputError("missing column to compare", file=name, row=1, field=s.column)
        ids = df[id_column].astype("string")
        if ids.isna().any() or (ids.str.strip() == "").any():
            raise InputError("empty id", file=name, field=id_column)
        dup = ids[ids.duplicated()]
        if len(dup):
            raise InputError("id is not unique", file=name, field=id_column, value=dup.iloc[0])
        part = df[[s.column for s in specs]].astype("string").assign(**{UID: ids})
        part["source_dataset"] = str(i)
        parts.append(part)
    data = pd.concat(parts, ignore_index=True)
    link = len(frames) == 2
    if link:
        data[UID] = data["source_dataset"] + ":" + data[UID]
    opts = options or EngineOptions()
    opts = replace(opts, link_type="link_only" if link else "dedupe_only", swap_names=True,
                   combine_names=True, max_block_records=opts.max_block_records or MAX_BLOCK,
                   pair_floor=min(opts.pair_floor, threshold, min_pair))
    res = run_splink(data.sort_values(UID, kind="stable").reset_index(drop=True), specs, opts)
    p = res.pairs
    p = p[p["match_probability"] >= (min(threshold, min_pair) if closure and not link
                                     else threshold)]
    a, b = p["unique_id_l"].astype(str), p["unique_id_r"].astype(str)
    if link:
        left_first = a.str.startswith("0:")
        l_ = a.where(left_first, b).str.slice(2)
        r_ = b.where(left_first, a).str.slice(2)
    else:
        l_, r_ = a.where(a < b, b), b.where(a < b, a)
    out = pd.DataFrame({"id_l": l_.to_numpy(), "id_r": r_.to_numpy(),
                        "match_probability": p["match_probability"].round(6).to_numpy()})
    if closure and not link:
        out = complete_pairs(data[UID].astype(str).tolist(), out, threshold, min_pair)
    elif not link:
        out = out[out["match_probability"] >= threshold]
    out = out.sort_values(["id_l", "id_r"], kind="stable").reset_index(drop=True)
    return out, res.model_json


def complete_pairs(ids: list[str], pairs: pd.DataFrame, threshold: float, min_pair: float
                   ) -> pd.DataFrame:
    """Every pair inside the complete-linkage clusters of ``pairs`` (id_l < id_r,
    match_probability), each with its own score."""
    from pipeline.linkage.persons import cluster

    cl = cluster(ids, pairs, threshold, min_pair=min_pair)
    multi = cl[cl.duplicated("cluster_key", keep=False)]
    both = multi.merge(multi, on="cluster_key", suffixes=("_l", "_r"))
    both = both[both["record_id_l"] < both["record_id_r"]]
    inside = both.rename(columns={"record_id_l": "id_l", "record_id_r": "id_r"})[
        ["id_l", "id_r"]]
    return inside.merge(pairs, on=["id_l", "id_r"], how="left")[
        ["id_l", "id_r", "match_probability"]]


def close_pairs(pairs: pd.DataFrame) -> pd.DataFrame:
    """Every pair inside the single-linkage clusters of ``pairs`` (id_l < id_r,
    match_probability). A scored pair keeps its probability; an implied pair gets the
    probability of the link that joined its two parts."""
    order = pairs.sort_values(["match_probability", "id_l", "id_r"],
                              ascending=[False, True, True], kind="stable")
    members: dict[str, list[str]] = {}
    root: dict[str, str] = {}
    found: dict[tuple[str, str], float] = {}
    for a, b, prob in zip(order["id_l"], order["id_r"], order["match_probability"],
                          strict=True):
        ra, rb = root.setdefault(a, a), root.setdefault(b, b)
        members.setdefault(ra, [ra])
        members.setdefault(rb, [rb])
        if ra == rb:
            continue
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        for x in members[ra]:
            for y in members[rb]:
                found[(x, y) if x < y else (y, x)] = float(prob)
        for y in members[rb]:
            root[y] = ra
        members[ra] += members.pop(rb)
    own = dict(zip(zip(pairs["id_l"], pairs["id_r"], strict=True),
                   pairs["match_probability"], strict=True))
    rows = [(x, y, float(own.get((x, y), p))) for (x, y), p in found.items()]
    return pd.DataFrame(rows, columns=["id_l", "id_r", "match_probability"])


def parse_csv_bytes(data: bytes, *, file: str) -> pd.DataFrame:
    """A CSV of people as strings ('' for empty): UTF-8 (with or without BOM), else cp1252;
    delimiter sniffed among , ; tab |. A file that cannot be parsed is one InputError."""
    import csv
    import io as _io

    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise InputError("cannot decode the file (not UTF-8 or cp1252)", file=file)
    if not text.strip():
        raise InputError("empty file: no header row", file=file, row=1)
    try:
        sep = csv.Sniffer().sniff(text[:65536].split("\n", 1)[0], delimiters=",;\t|").delimiter
    except csv.Error:
        sep = ","
    try:
        df = pd.read_csv(_io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                         skipinitialspace=True)
    except (pd.errors.ParserError, ValueError) as exc:
        msg = " ".join(str(exc).split())
        raise InputError(f"cannot parse CSV: {msg}", file=file) from None
    df.columns = [str(c).strip() for c in df.columns]
    dupes = sorted({c for c in df.columns if list(df.columns).count(c) > 1})
    if dupes:
        raise InputError("duplicate column names", file=file, row=1, field=", ".join(dupes))
    return df.astype("string")
