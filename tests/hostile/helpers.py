"""Small hostile inputs made in tmp_path: a list source folder with its source.yml."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

TEMPLATE_HEADER = "name_fa,name_latin,date_of_execution_jalali\n"


def add_source(raw: Path, source_id: str, files: dict[str, bytes],
               mapping: str | None = None, listed: list[str] | None = None) -> Path:
    """raw/lists/<source_id>/ with ``files`` (relative path -> bytes), every one of them (or
    only ``listed``) listed with its sha256 in source.yml, and an optional mapping.yaml."""
    folder = raw / "lists" / source_id
    folder.mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    if mapping is not None:
        (folder / "mapping.yaml").write_text(mapping, encoding="utf-8")
        files = {**files, "mapping.yaml": mapping.encode()}
    entries = [{"path": rel, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
               for rel, data in sorted(files.items())
               if listed is None or rel in listed or rel == "mapping.yaml"]
    meta = {
        "source_id": source_id, "kind": "victim_list", "title": f"Hostile list {source_id}",
        "publisher": "tests", "affiliation": "Amnesty International (NGO)",
        "url": f"https://example.org/{source_id}", "retrieved": "2026-01-01",
        "license": "CC0-1.0", "synthetic": True, "files": entries,
    }
    (folder / "source.yml").write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True),
                                       encoding="utf-8")
    return folder
