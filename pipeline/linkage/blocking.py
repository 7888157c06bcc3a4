"""Blocking: which record pairs splink scores at all (keys chosen from the data, counted
before any pair is made)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from pipeline.linkage.engine import PERSON_NAME_COLS, CompareSpec, EngineOptions, other_cols

log = logging.getLogger(__name__)


def _pair_count(keys: pd.DataFrame) -> int:
    ok = keys.dropna()
    if ok.empty:
        return 0
    n = ok.value_counts().to_numpy(dtype=np.int64)
    return int((n * (n - 1) // 2).sum())


def auto_blocking(prepared: pd.DataFrame, specs: list[CompareSpec],
                  opts: EngineOptions) -> list[tuple[str, ...]]:
    """Blocking keys chosen from the data: every single key column, then pairs of key columns
    (and name prefixes), kept when they make at most ``max_block_pairs`` candidate pairs."""
    name_cols = [s.column for s in specs if s.kind == "name"]
    singles: list[str] = []
    for s in specs:
        if s.kind in ("name",):
            singles += [f"{s.column}__k", f"{s.column}__s"]
        elif s.kind in ("date", "exact", "number", "text"):
            singles.append(f"{s.column}__k")
    derived: dict[str, pd.Series] = {}
    for c in name_cols:  # 3-letter prefixes of names catch typos later in the name
        derived[f"{c}__p3"] = prepared[f"{c}__s"].str.slice(0, 3)
    for s in specs:  # date halves and text prefixes: combined with another key only
        for suffix in {"date": ("__y", "__md"), "text": ("__t3",)}.get(s.kind, ()):
            derived[s.column + suffix] = prepared[s.column + suffix]
    cols = {c: prepared[c] for c in singles} | derived
    chosen: list[tuple[str, ...]] = []
    budget = max(opts.min_block_pairs, opts.block_pairs_per_record * len(prepared))
    total = 0
    for c in singles:
        n = pairs_of(cols, (c,), prepared, opts)
        if n <= budget:
            chosen.append((c,))
            total += n
    # pairs of keys, names first (spec order), until the candidate pairs (counted per key,
    # overlaps included) pass the total budget: bounded work on large inputs
    limit = max(opts.min_total_pairs, opts.total_pairs_per_record * len(prepared))
    base = [c for c in singles if not c.endswith("__s")] + sorted(derived)
    for i, a in enumerate(base):
        for b in base[i + 1:]:
            if a.split("__")[0] == b.split("__")[0]:
                continue
            if any(set(ch) <= {a, b} for ch in chosen):
                continue
            n = pairs_of(cols, (a, b), prepared, opts)
            if n <= budget and total + n <= limit:
                chosen.append((a, b))
                total += n
    return chosen


def pairs_of(cols: dict[str, pd.Series], key: tuple[str, ...], prepared: pd.DataFrame,
              opts: EngineOptions) -> int:
    """Candidate pairs the blocking key ``key`` makes (across the two inputs of a link)."""
    frame = pd.DataFrame({k: cols[k].astype("string") for k in key})
    if opts.link_type == "link_only":
        frame["_ds"] = prepared["source_dataset"]
        ok = frame.dropna()
        counts = ok.groupby(list(key))["_ds"].value_counts().unstack(fill_value=0)
        return int(counts.prod(axis=1).sum()) if len(counts) else 0
    return _pair_count(frame)


def rule(key: tuple[str, ...]) -> dict[str, str]:
    """A blocking key -> a splink blocking rule (the key columns equal on both sides)."""
    parts = []
    for k in key:
        if k.endswith("__p3"):
            col = k[: -len("__p3")] + "__s"
            parts.append(f'substr(l."{col}", 1, 3) = substr(r."{col}", 1, 3)')
        else:
            parts.append(f'l."{k}" = r."{k}"')
    return {"blocking_rule": " AND ".join(parts), "sql_dialect": "duckdb"}


def combined_blocking(prepared: pd.DataFrame, specs: list[CompareSpec],
                      opts: EngineOptions) -> list[tuple[str, ...]]:
    """Blocking for the combined name, chosen so candidate pairs stay few per record: each
    script's whole key and sound/consonant skeleton, its two rarest words together, and its
    rarest word with each other field (date, age, city, father...). Every key is then cut to
    blocks of at most ``max_block_records`` records by :func:`capped_rules`, so candidate
    pairs grow linearly with the list."""
    f, la = PERSON_NAME_COLS
    cand: list[tuple[str, ...]] = [(f"{c}__{x}",) for x in ("k", "sk") for c in (f, la)]
    cand += [(f"{c}__w", f"{c}__w2") for c in (f, la)]
    others = [o for o in other_cols(specs)
              if o in prepared.columns and prepared[o].nunique(dropna=True) > 2]
    cand += [(f"{c}__w", o) for o in others for c in (f, la)]
    return [k for k in cand if prepared[list(k)].notna().all(axis=1).any()]


def exists(prepared: pd.DataFrame, key: str) -> bool:
    """True when the derived column a blocking key names (``__p3``: its ``__s``) exists."""
    col = key[: -len("__p3")] + "__s" if key.endswith("__p3") else key
    return col in prepared.columns



def _key_values(prepared: pd.DataFrame, key: tuple[str, ...]) -> pd.Series:
    """One string per record for a blocking key (its columns joined), null when any is."""
    parts = []
    for k in key:
        col = prepared[k[: -len("__p3")] + "__s"].str.slice(0, 3) if k.endswith("__p3") \
            else prepared[k]
        parts.append(col.astype("string"))
    out = parts[0]
    for part in parts[1:]:
        out = out + "\x1f" + part
    return out


def _budget_cap(n: np.ndarray, budget: int) -> int:
    """The biggest block size such that the blocks up to it make at most ``budget`` pairs."""
    by_size = np.sort(n)
    cum = np.cumsum(by_size * (by_size - 1) // 2)
    cap = int(by_size[np.searchsorted(cum, budget, side="right") - 1]) if cum[0] <= budget \
        else 1
    # ties: every block of the cap size must fit, else the cap drops one size lower
    while cap > 1 and int((n[n <= cap] * (n[n <= cap] - 1) // 2).sum()) > budget:
        cap = int(n[n < cap].max()) if (n < cap).any() else 1
    return cap


def capped_rules(prepared: pd.DataFrame, keys: list[tuple[str, ...]], opts: EngineOptions
                 ) -> tuple[pd.DataFrame, dict[tuple[str, ...], dict[str, str]]]:
    """A blocking rule per key, so candidate pairs grow with the list, not with its square.

    A key whose blocks hold at most ``max_block_records`` records (no limit when None) and
    that makes at most ``key_pairs_per_record`` x N pairs (at least ``min_block_pairs``) keeps
    its plain rule (:func:`rule`). Any other key gets a derived column ``__blk<i>``: the key
    where its block is small enough, null in the largest blocks (cut to the size limit and
    to the biggest size that keeps the key within the pair budget). A name shared by
    thousands of records, or a 3-letter prefix with a big city, says little about who is the
    same person; those records still meet in the other keys' blocks. Returns (prepared with
    the derived columns, key -> rule)."""
    budget = max(opts.min_block_pairs, opts.key_pairs_per_record * len(prepared))
    rules: dict[tuple[str, ...], dict[str, str]] = {}
    extra: dict[str, pd.Series] = {}
    for i, key in enumerate(keys):
        values = _key_values(prepared, key)
        sizes = values.value_counts(dropna=True)
        n = sizes.to_numpy(dtype=np.int64)
        cap = int(n.max()) if len(n) else 0
        if opts.max_block_records is not None:
            cap = min(cap, int(opts.max_block_records))
        if int((n[n <= cap] * (n[n <= cap] - 1) // 2).sum()) > budget:
            cap = _budget_cap(n, budget)
        if opts.link_type == "link_only" or not len(n) or cap >= n.max():
            rules[key] = rule(key)
            continue
        col = f"__blk{i}"
        keep = values.map(sizes).le(cap).fillna(False).astype(bool)
        extra[col] = values.where(keep)
        rules[key] = {"blocking_rule": f'l."{col}" = r."{col}"', "sql_dialect": "duckdb"}
        log.info("linkage: blocking key %s: blocks of more than %d records left out (%d "
                 "records, left to the other keys)", "+".join(key), cap,
                 int((~keep & values.notna()).sum()))
    if extra:
        prepared = prepared.assign(**extra)
    return prepared, rules
