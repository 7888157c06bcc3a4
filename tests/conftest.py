"""Shared fixtures: a copy of the bundled raw/ and etc/ that a test may break on purpose."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from pipeline.config import REPO_ROOT, Paths


def rehash(source_yml: Path, rel: str) -> None:
    """Update one file's sha256 in a source.yml (tests only: raw/ is immutable in real use)."""
    meta = yaml.safe_load(source_yml.read_text(encoding="utf-8"))
    target = source_yml.parent / rel
    for entry in meta["files"]:
        if entry["path"] == rel:
            entry["sha256"] = hashlib.sha256(target.read_bytes()).hexdigest()
            entry["bytes"] = target.stat().st_size
    source_yml.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False),
                          encoding="utf-8")


@pytest.fixture
def work(tmp_path: Path) -> Paths:
    """A run root in tmp_path with its own copies of raw/ and pipeline/etc/."""
    root = tmp_path / "work"
    shutil.copytree(REPO_ROOT / "raw", root / "raw",
                    ignore=shutil.ignore_patterns("lists"))
    shutil.copytree(REPO_ROOT / "pipeline" / "etc", root / "pipeline" / "etc")
    return Paths.under(root)
