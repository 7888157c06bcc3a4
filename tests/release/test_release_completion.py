"""Issue 12.6: a release killed at any step after its folder is published is finished by the
next `release` or `run`, to exactly the state an uninterrupted release leaves."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Paths
from pipeline.release.make import IN_PROGRESS, finish_incomplete, make_release
from pipeline.release.verify import verify
from pipeline.release.versions import latest_version
from pipeline.stages import publish
from tests.release.conftest import CREATED, make_v2, tree

STEPS = ["building", "after_rename", "root_descriptor", "changelog", "citation", "config",
         "marker"]


class Killed(BaseException):
    """Stands for kill -9: no handler of the pipeline runs."""


def _state(paths: Paths, config: Path) -> dict[str, bytes]:
    out = {f"published/{k}": v for k, v in tree(paths.published).items()}
    for name in ("CHANGELOG.md", "CITATION.cff", "datapackage.json"):
        p = paths.root / name
        out[name] = p.read_bytes() if p.exists() else b""
    out["config.py"] = config.read_bytes()
    return out


def _release_twice(root: Paths, config: Path, v1, monkeypatch, kill_at: str | None):
    tables = {"t": v1}

    def run(paths, version):
        return publish.run(tables["t"], paths, version, CREATED).path

    root.root.mkdir(parents=True, exist_ok=True)
    config.write_text('RELEASE_VERSION = "0.0.0"\n', encoding="utf-8")
    make_release(root, "minor", run=run, config_file=config)
    tables["t"] = make_v2(v1, monkeypatch).tables
    if kill_at is None:
        make_release(root, "major", run=run, config_file=config)
        return run
    with monkeypatch.context() as m:
        _arm(m, root, config, kill_at)
        with pytest.raises(Killed):
            make_release(root, "major", run=run, config_file=config)
    return run


def _arm(m: pytest.MonkeyPatch, root: Paths, config: Path, kill_at: str) -> None:
    from pipeline import io

    real_write, real_unlink, real_root = io.write_bytes_atomic, Path.unlink, publish.write_root
    targets = {"root_descriptor": root.root_descriptor, "changelog": root.root / "CHANGELOG.md",
               "citation": root.root / "CITATION.cff", "config": config}

    def write(path, data):
        if kill_at in targets and Path(path) == targets[kill_at]:
            raise Killed
        real_write(path, data)

    def unlink(self, *a, **k):
        if kill_at == "marker" and self.name == IN_PROGRESS:
            raise Killed
        real_unlink(self, *a, **k)

    def die(*_a, **_k):
        raise Killed

    m.setattr(io, "write_bytes_atomic", write)
    m.setattr(Path, "unlink", unlink)
    if kill_at == "building":
        m.setattr(publish, "_frictionless_errors", die)
    if kill_at == "after_rename":
        m.setattr(publish, "write_root", die)
    assert real_root is not None


@pytest.mark.parametrize("kill_at", STEPS)
@pytest.mark.parametrize("recover", ["release", "run"])
def test_a_killed_release_is_finished_by_the_next_release_or_run(tmp_path, v1_tables,
                                                                 monkeypatch, kill_at, recover):
    ref_root, ref_config = Paths.under(tmp_path / "ref"), tmp_path / "ref-config.py"
    with monkeypatch.context() as m:
        _release_twice(ref_root, ref_config, v1_tables, m, None)
        expected = _state(ref_root, ref_config)
    root, config = Paths.under(tmp_path / "rel"), tmp_path / "config.py"
    run = _release_twice(root, config, v1_tables, monkeypatch, kill_at)
    if kill_at != "building":
        assert latest_version(root.published) == "1.0.0"
        assert _state(root, config) != expected or kill_at == "marker"
    if recover == "release":
        result = make_release(root, "major", run=run, config_file=config)
        if kill_at == "building":  # nothing was published: the release simply happens now
            assert result.new_version == "1.0.0" and result.bump == "major"
        else:
            assert result.new_version == "1.0.0" and result.bump == "finish"
            assert "finished release 1.0.0" in result.notes[0]
    else:
        finished = finish_incomplete(root, config_file=config)
        if kill_at == "building":
            assert finished is None
            make_release(root, "major", run=run, config_file=config)
        else:
            assert finished is not None and finished.new_version == "1.0.0"
    got = _state(root, config)
    assert sorted(got) == sorted(expected)
    for name in expected:
        assert got[name] == expected[name], name
    assert not (root.published / IN_PROGRESS).exists()
    assert verify(root.published / "1.0.0") == []
    assert finish_incomplete(root, config_file=config) is None  # nothing left to finish
