#!/usr/bin/env python3
"""One-off import of ../shared material into raw/ (how the bundled snapshots were made).

Copies files byte-exact and writes each folder's source.yml with sha256 and metadata. It never
overwrites an existing raw folder (raw/ is immutable): a new copy gets a new source_id.
Run from the repository root: python scripts/import_shared.py [--only NAME]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RETRIEVED = "2026-11-25"


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def media_type(p: Path) -> str:
    return {
        ".csv": "text/csv",
        ".txt": "text/plain",
        ".md": "text/markdown",
        ".yaml": "application/yaml",
        ".json": "application/json",
    }.get(p.suffix, "application/octet-stream")


def dump(path: Path, meta: dict) -> None:
    path.write_text(
        yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )


def copy_tree(src: Path, dst: Path, names: list[str]) -> list[dict]:
    entries = []
    for name in names:
        s, d = src / name, dst / name
        d.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(s, d)
        entries.append({"path": name, "sha256": sha(d), "bytes": d.stat().st_size,
                        "media_type": media_type(d)})
    return entries


def import_facts() -> None:
    dst = ROOT / "raw" / "facts_1988"
    if dst.exists():
        sys.exit(f"{dst} exists; raw snapshots are immutable")
    src = SHARED / "facts"
    names = ["README.md", "events.csv", "estimates.csv", "officials.csv", "places.csv",
             "sources.csv"]
    files = copy_tree(src, dst, names)
    dump(dst / "source.yml", {
        "source_id": "facts_1988",
        "kind": "compilation",
        "title": "1988 executions in Iran: curated raw facts (sources, estimates, places, "
                 "officials, events)",
        "publisher": "iran1988 dataset project (curators)",
        "affiliation": "this project's curated compilation; every row cites a source in "
                       "sources.csv",
        "url": None,
        "origin": "Project-internal curated compilation (shared/facts); each row cites a "
                  "source_id whose URL is in sources.csv",
        "retrieved": RETRIEVED,
        "license": "CC-BY-SA-4.0",
        "citation": "iran1988 dataset project, curated facts on the 1988 executions, "
                    f"snapshot of {RETRIEVED}. Quotes are short excerpts of the cited works.",
        "files": files,
    })


def import_reports() -> None:
    dst = ROOT / "raw" / "reports"
    if dst.exists():
        sys.exit(f"{dst} exists; raw snapshots are immutable")
    src = SHARED / "reports"
    with open(src / "index.csv", newline="", encoding="utf-8") as fh:
        index = list(csv.DictReader(fh))
    files = copy_tree(src, dst, ["index.csv"])
    for row in index:
        rid = row["report_id"]
        (entry,) = copy_tree(src, dst, [f"texts/{rid}.txt"])
        entry.update({
            "source_id": f"report_{rid}",
            "report_id": rid,
            "kind": "report_snapshot",
            "title": row["title"],
            "publisher": row["publisher"],
            "affiliation": row["affiliation"],
            "url": row["url"],
            "published_date": row["published_date"] or None,
            "language": row["language"],
            "retrieved": row["retrieved"],
            "license": "not stated",
        })
        files.append(entry)
    dump(dst / "source.yml", {
        "source_id": "reports",
        "kind": "compilation",
        "title": "Report excerpts (news, NGO, UN, opposition, state-aligned media, blogs) "
                 "kept for checking evidence",
        "publisher": "iran1988 dataset project (curators)",
        "affiliation": "corpus of report excerpts collected for checking evidence; each text "
                       "has its own source",
        "url": None,
        "origin": "Project-internal report corpus (shared/reports): contiguous excerpts of at "
                  "most 2,000 characters of public web pages, one per text; each text's own "
                  "URL is given in its file entry",
        "retrieved": RETRIEVED,
        "license": "not stated",
        "license_note": "The excerpts are copyrighted by their publishers. They are kept in "
                        "raw/ only to check evidence; published tables carry quotes of at most "
                        "25 words, never whole texts.",
        "citation": "See each text's own entry for its publisher and URL.",
        "files": files,
    })


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", choices=["facts", "reports"])
    args = ap.parse_args()
    if args.only in (None, "facts"):
        import_facts()
    if args.only in (None, "reports"):
        import_reports()


if __name__ == "__main__":
    main()
