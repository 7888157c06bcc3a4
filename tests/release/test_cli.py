"""The commands as users run them: diff, verify, codebook (release: see the slow test)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pipeline.config import REPO_ROOT
from pipeline.stages import publish
from tests.release.conftest import CREATED, make_v2, tree


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True,
                          text=True, cwd=REPO_ROOT, timeout=300)


def test_diff_json_and_verify_exit_codes(root, v1_tables, monkeypatch):
    v1 = publish.run(v1_tables, root, "1.0.0", CREATED).path
    v2 = make_v2(v1_tables, monkeypatch)
    new = publish.run(v2.tables, root, "2.0.0", CREATED).path
    res = _cli("diff", str(v1), str(new), "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["level"] == "major"
    place = next(t for t in out["tables"] if t["name"] == "place")
    assert (place["added"], place["removed"]) == ([v2.added], [v2.removed])
    assert place["changed"] == [{"key": v2.changed, "fields": ["name_latin"]}]
    assert place["renamed"] == [{"old": "notes", "new": "note"}]
    res = _cli("diff", "1.0.0", "2.0.0", "--root", str(root.root))
    assert res.returncode == 0 and "| place | changed | 8 | 8 | 1 | 1 | 1 | 1 |" in res.stdout

    res = _cli("verify", str(new))
    assert res.returncode == 0, res.stderr
    parquet = new / "parquet" / "place.parquet"
    data = bytearray(parquet.read_bytes())
    data[100] ^= 0x04
    parquet.write_bytes(bytes(data))
    res = _cli("verify", str(new))
    assert res.returncode == 1
    assert "parquet/place.parquet: sha256 mismatch" in res.stderr
    res = _cli("verify", "--root", str(root.root))  # the latest release
    assert res.returncode == 1 and "2.0.0" in res.stderr


def test_codebook_command_refuses_to_write_into_a_release(root, v1_tables, tmp_path):
    v1 = publish.run(v1_tables, root, "1.0.0", CREATED).path
    before = tree(v1)
    res = _cli("codebook", str(v1), "--root", str(root.root), "--out", str(v1))
    assert res.returncode == 1 and "immutable" in res.stderr
    assert tree(v1) == before
    res = _cli("codebook", str(v1), "--out", str(tmp_path / "book"))
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "book" / "codebook.md").read_bytes() == (v1 / "codebook.md").read_bytes()


def test_committed_releases_verify():
    """Published releases are immutable: their files still match their descriptors."""
    from pipeline.release.verify import verify

    versions = sorted(p.parent.name for p in (REPO_ROOT / "published").glob("*/datapackage.json"))
    assert {"0.1.0", "0.2.0", "0.3.0"} <= set(versions)
    for version in versions:
        assert verify(REPO_ROOT / "published" / version) == []


@pytest.mark.slow
def test_release_command_on_the_bundled_raw(tmp_path):
    out = tmp_path / "repo"
    first = _cli("release", "--bump", "minor", "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert "release nothing -> 0.1.0 (minor" in first.stdout
    again = _cli("release", "--bump", "patch", "--out", str(out))
    assert again.returncode == 1 and "nothing changed since 0.1.0" in again.stderr
    assert "version: 0.1.0" in (out / "CITATION.cff").read_text(encoding="utf-8")
    assert _cli("verify", "--root", str(out)).returncode == 0
