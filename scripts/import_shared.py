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


MEMORIAL_MAPPING = """\
# How the iran-memorial YAML records map onto the list template (pipeline/listformat.py).
# Hand-made; reviewed with the records' SOURCE.md. Unmapped keys are kept as x_* extras.
files: "records/*.yaml"
format: records
columns:
  name_fa: name_farsi
  name_latin: name_latin
  gender: gender
  age: age_at_death
  city: place_of_death
  province: province
  date_of_execution_gregorian: date_of_death
  cause: cause_of_death
  source_url: sources.0.url
"""


def import_memorial() -> None:
    dst = ROOT / "raw" / "lists" / "iran_memorial_1988"
    if dst.exists():
        sys.exit(f"{dst} exists; raw snapshots are immutable")
    src = SHARED / "peers" / "iran-memorial-1988"
    names = ["SOURCE.md"] + sorted(
        f"records/{p.name}" for p in (src / "records").iterdir() if p.suffix == ".yaml"
    )
    files = copy_tree(src, dst, names)
    (dst / "mapping.yaml").write_text(MEMORIAL_MAPPING, encoding="utf-8")
    files.insert(1, {"path": "mapping.yaml", "sha256": sha(dst / "mapping.yaml"),
                     "bytes": (dst / "mapping.yaml").stat().st_size,
                     "media_type": "application/yaml"})
    dump(dst / "source.yml", {
        "source_id": "iran_memorial_1988",
        "kind": "victim_list",
        "title": "Iran Memorial: 1988 victim records (data/victims/1988/*.yaml)",
        "publisher": "Iran Memorial project (github.com/pedramholi/iran-memorial)",
        "affiliation": "memorial project compiling victim records (imported from the "
                       "Abdorrahman Boroumand Center's Omid memorial)",
        "url": "https://github.com/pedramholi/iran-memorial/tree/"
               "712eca0ac6c502d6d696b809478d8d0960f14475/data/victims/1988",
        "retrieved": RETRIEVED,
        "license": "CC-BY-SA-4.0",
        "citation": "Victim records © Iran Memorial project "
                    "(https://github.com/pedramholi/iran-memorial, commit 712eca0, "
                    "data/victims/1988/), licensed CC BY-SA 4.0 "
                    "(https://creativecommons.org/licenses/by-sa/4.0/). Records originally "
                    "compiled by the Abdorrahman Boroumand Center, Omid memorial "
                    "(iranrights.org). Modified: `circumstances` and `event_context` values "
                    "set to null in 3,565 files, and `quotes` set to null in 72 files.",
        "files": files,
    })


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", choices=["facts", "reports", "memorial"])
    args = ap.parse_args()
    if args.only == "memorial":
        import_memorial()
        return
    if args.only in (None, "facts"):
        import_facts()
    if args.only in (None, "reports"):
        import_reports()


if __name__ == "__main__":
    main()
