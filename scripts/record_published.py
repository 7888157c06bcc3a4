"""Record the sha256 of every file under published/ in tests/expected/published_sha256.csv.

Run once after publishing a release. Files already recorded keep their recorded hash (a released
file never changes; tests/release/test_published_unchanged.py fails if one does)."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "tests" / "expected" / "published_sha256.csv"


def main() -> None:
    with MANIFEST.open(newline="", encoding="utf-8") as fh:
        recorded = {row["path"]: row["sha256"] for row in csv.DictReader(fh)}
    published = ROOT / "published"
    for path in sorted(published.rglob("*")):
        rel = path.relative_to(published).as_posix()
        if path.is_file() and not path.name.startswith(".") and rel not in recorded:
            recorded[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    rows = "".join(f"{rel},{digest}\n" for rel, digest in sorted(recorded.items()))
    MANIFEST.write_text("path,sha256\n" + rows, encoding="utf-8")
    print(f"{len(recorded)} released files recorded in {MANIFEST.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
