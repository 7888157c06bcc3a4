"""Released bytes never change: every file of every release matches its recorded sha256, and
the latest release rebuilds byte for byte from raw/ with today's code.

The first test guards the immutability of releases (a refactor, a new release or a stray edit
must not touch an old file). The second guards the code: a restructuring that changes any
published byte of the latest release fails here, naming the file."""

from __future__ import annotations

import csv
import filecmp
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.config import RELEASE_VERSION, REPO_ROOT

PUBLISHED = REPO_ROOT / "published"
MANIFEST = REPO_ROOT / "tests" / "expected" / "published_sha256.csv"


def _manifest() -> dict[str, str]:
    with MANIFEST.open(newline="", encoding="utf-8") as fh:
        return {row["path"]: row["sha256"] for row in csv.DictReader(fh)}


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and not p.name.startswith("."))


def test_every_recorded_release_file_is_unchanged():
    recorded = _manifest()
    versions = {path.split("/", 1)[0] for path in recorded}
    assert RELEASE_VERSION in versions, "record the new release's files in " + str(MANIFEST)
    for path, digest in recorded.items():
        target = PUBLISHED / path
        assert target.is_file(), f"released file removed: published/{path}"
        assert hashlib.sha256(target.read_bytes()).hexdigest() == digest, \
            f"released file changed: published/{path}"
    for version in versions:  # and nothing was added to a released version
        extra = set(_files(PUBLISHED / version)) - {p.split("/", 1)[1] for p in recorded
                                                    if p.startswith(version + "/")}
        assert not extra, f"files added to released version {version}: {sorted(extra)}"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rebuild")
    (out / "published").mkdir()
    for older in PUBLISHED.iterdir():  # earlier releases: the changelog diffs against them
        if older.is_dir() and older.name != RELEASE_VERSION:
            shutil.copytree(older, out / "published" / older.name)
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", "--out", str(out),
                           "--version", RELEASE_VERSION, "--force"],
                          capture_output=True, text=True, cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return out / "published" / RELEASE_VERSION


def test_latest_release_rebuilds_byte_identical_from_raw(rebuilt):
    released = PUBLISHED / RELEASE_VERSION
    assert _files(rebuilt) == _files(released)
    differ = [rel for rel in _files(released)
              if not filecmp.cmp(released / rel, rebuilt / rel, shallow=False)]
    assert differ == [], f"rebuilt files differ from published/{RELEASE_VERSION}: {differ}"
