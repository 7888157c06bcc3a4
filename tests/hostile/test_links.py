"""Issue 12.3: nothing outside a source folder is read; symlinks are refused with one line."""

from __future__ import annotations

import os

import pytest

from pipeline import readers, runner
from pipeline.errors import InputError, SnapshotError
from pipeline.stages import snapshot
from tests.hostile.helpers import TEMPLATE_HEADER, add_source

ROWS = (TEMPLATE_HEADER + "علی یک,Ali One,\n").encode()


def test_a_symlinked_folder_reached_by_the_glob_is_refused(work, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_bytes(ROWS)
    folder = add_source(work.raw, "linked", {"own/a.csv": ROWS},
                        mapping='files: "*/*.csv"\n')
    os.symlink(outside, folder / "sub")
    with pytest.raises(SnapshotError, match=r"raw/lists/linked/sub: symlink refused"):
        snapshot.run(work)
    with pytest.raises(InputError, match=r"linked/sub: symlink refused"):
        readers.read_list(folder, readers.load_mapping(folder / "mapping.yaml"),
                          shown="linked")


def test_an_unlisted_symlink_to_a_system_file_is_one_line_not_a_traceback(work):
    folder = add_source(work.raw, "sys", {"a.csv": ROWS})
    os.symlink("/etc/passwd", folder / "passwd.csv")
    with pytest.raises(SnapshotError) as err:
        runner.run(work, version="1.0.0", do_publish=False)
    assert str(err.value) == ("raw/lists/sys/passwd.csv: symlink refused: raw files must be "
                              "regular files inside their source folder, listed and hashed in "
                              "source.yml")


def test_a_listed_path_escaping_its_folder_is_refused(work, tmp_path):
    (work.raw / "lists").mkdir(parents=True, exist_ok=True)
    (work.raw / "lists" / "elsewhere.csv").write_bytes(ROWS)
    folder = add_source(work.raw, "esc", {"a.csv": ROWS})
    meta = (folder / "source.yml").read_text(encoding="utf-8")
    (folder / "source.yml").write_text(meta.replace("path: a.csv", "path: ../elsewhere.csv"),
                                       encoding="utf-8")
    with pytest.raises(SnapshotError, match="must stay inside the folder"):
        snapshot.run(work)


def test_a_symlink_added_after_a_cached_run_is_not_hidden_by_the_cache(work, tmp_path):
    from pipeline.stages.cache import Cache

    folder = add_source(work.raw, "later", {"a.csv": ROWS})
    runner.run(work, version="1.0.0", do_publish=False, cache=Cache.for_root(work.root))
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, folder / "sub")  # a folder link: no regular file is added
    with pytest.raises(SnapshotError, match="symlink refused"):
        runner.run(work, version="1.0.0", do_publish=False, cache=Cache.for_root(work.root))
