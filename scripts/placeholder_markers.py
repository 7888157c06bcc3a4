#!/usr/bin/env python3
"""Audit the placeholder rule (issue 11 item 6) on a list folder: how many values and records
each marker of pipeline.transforms.placeholders.PLACEHOLDER_MARKERS hits, and how many records
contain the weak words the rule deliberately does not use (false positives it would have).

Run from the repository root:
    python scripts/placeholder_markers.py [raw/lists/iran_memorial_1988]
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.readers import load_mapping, read_list  # noqa: E402
from pipeline.transforms.lists import TEMPLATE_COLUMNS  # noqa: E402
from pipeline.transforms.placeholders import PLACEHOLDER_MARKERS  # noqa: E402

WEAK = ("example", "sample", "representative", "template", "illustrat", "placeholder",
        "نمونه", "فرضی", "(or ")


def main(folder: Path) -> None:
    mapping = folder / "mapping.yaml"
    f = read_list(folder, load_mapping(mapping) if mapping.exists() else None).frame
    cols = [c for c in TEMPLATE_COLUMNS if c in f.columns and c != "source_url"] + \
        [c for c in f.columns if c.startswith("x_")]
    key = f["record_key"].fillna(f["source_row"].astype(str))
    values, records = Counter(), defaultdict(set)
    for name, pattern, only in PLACEHOLDER_MARKERS:
        for c in cols:
            field = c[2:] if c.startswith("x_") else c
            if only is not None and field not in only:
                continue
            for k, v in zip(key, f[c], strict=True):
                if isinstance(v, str) and pattern.search(v):
                    values[name] += 1
                    records[name].add(k)
    print(f"{folder}: {len(f)} rows")
    for name, _, _ in PLACEHOLDER_MARKERS:
        print(f"  marker {name:22s} {values[name]:4d} values, records: {sorted(records[name])}")
    for w in WEAK:
        hit = sorted({k for c in cols for k, v in zip(key, f[c], strict=True)
                      if isinstance(v, str) and w.casefold() in v.casefold()})
        print(f"  weak word {w!r:18s} {len(hit):4d} records {hit[:6]}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "raw/lists/iran_memorial_1988"))
