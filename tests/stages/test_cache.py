"""Incremental rebuilds (pipeline/stages/cache.py): a no-change re-run skips the work, a changed
list re-runs only itself, and nothing the cache does can make the output differ from a full
build."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipeline import runner
from pipeline.bench import synthetic_list
from pipeline.config import Paths
from pipeline.stages import normalize
from pipeline.stages.cache import CACHE_DIR, Cache

LIST_ROWS = 1_000
AFFILIATION = "Amnesty International (NGO)"


def _add_list(raw: Path, source_id: str, frame: pd.DataFrame) -> None:
    folder = raw / "lists" / source_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "list.csv").write_bytes(frame.to_csv(index=False, lineterminator="\n")
                                      .encode("utf-8"))
    _write_meta(folder, source_id)


def _write_meta(folder: Path, source_id: str) -> None:
    data = (folder / "list.csv").read_bytes()
    meta = {
        "source_id": source_id, "kind": "victim_list", "title": f"Synthetic list {source_id}",
        "publisher": "tests", "affiliation": AFFILIATION, "url": "https://example.org/list",
        "retrieved": "2026-01-01", "license": "CC0-1.0", "synthetic": True,
        "files": [{"path": "list.csv", "sha256": hashlib.sha256(data).hexdigest(),
                   "bytes": len(data), "media_type": "text/csv"}],
    }
    (folder / "source.yml").write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")


@pytest.fixture(autouse=True)
def pinned_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin the code version: other work on the checkout must not invalidate mid-test."""
    from pipeline.stages import cache as cache_mod

    monkeypatch.setattr(cache_mod, "code_version", lambda: "pinned")


@pytest.fixture(autouse=True)
def own_secret(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """This test's signing secret, not the account's."""
    from pipeline.stages import cache as cache_mod

    secret = tmp_path / "secret" / "cache-secret"
    monkeypatch.setattr(cache_mod, "SECRET_FILE", secret)
    return secret


@pytest.fixture
def lists_work(work: Paths) -> Paths:
    """The bundled facts and reports plus two synthetic lists of LIST_ROWS rows."""
    _add_list(work.raw, "synthetic_a", synthetic_list(LIST_ROWS, seed=1))
    _add_list(work.raw, "synthetic_b", synthetic_list(LIST_ROWS, seed=2))
    return work


@pytest.fixture
def normalized(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Source ids in the order normalize_list ran on them."""
    calls: list[str] = []
    real = normalize.normalize_list

    def spy(frame, options, *args):  # noqa: ANN001, ANN002, ANN202
        calls.append(options.source_id)
        return real(frame, options, *args)

    monkeypatch.setattr(normalize, "normalize_list", spy)
    return calls


def _files(paths: Paths, version: str) -> dict[str, bytes]:
    folder = paths.published / version
    out = {p.relative_to(folder).as_posix(): p.read_bytes()
           for p in sorted(folder.rglob("*")) if p.is_file()}
    out["<root>/datapackage.json"] = paths.root_descriptor.read_bytes()
    return out


def _forced(tmp_path: Path, work: Paths, version: str, name: str) -> dict[str, bytes]:
    """A forced full build of `version` elsewhere, with the same earlier releases."""
    other = Paths.under(tmp_path / name, raw=work.raw, etc=work.etc)
    for earlier in work.published.iterdir():
        if earlier.name != version and not earlier.name.startswith("."):
            shutil.copytree(earlier, other.published / earlier.name)
    runner.run(other, version=version, cache=Cache.for_root(other.root, force=True))
    return _files(other, version)


def _assert_same_tables(a: runner.RunReport, b: runner.RunReport) -> None:
    assert list(a.tables) == list(b.tables)
    for name in a.tables:
        pd.testing.assert_frame_equal(a.tables[name], b.tables[name], check_exact=True)
    pd.testing.assert_frame_equal(a.accounting, b.accounting)


def test_no_change_rerun_is_at_least_10x_faster_and_identical(lists_work, tmp_path, normalized):
    cache = Cache.for_root(lists_work.root)
    start = time.perf_counter()
    full = runner.run(lists_work, version="1.0.0", cache=cache)
    full_s = time.perf_counter() - start
    assert full.published.status == "published"
    assert sorted(normalized) == ["synthetic_a", "synthetic_b"]
    written = _files(lists_work, "1.0.0")

    # best of three: a single scheduler hiccup must not fail the build
    rerun_s = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        again = runner.run(lists_work, version="1.0.0", cache=Cache.for_root(lists_work.root))
        rerun_s = min(rerun_s, time.perf_counter() - start)
    speedup = full_s / rerun_s
    print(f"\nno-change re-run: full {full_s:.2f} s, re-run {rerun_s:.3f} s, "
          f"speedup {speedup:.0f}x")
    assert sorted(normalized) == ["synthetic_a", "synthetic_b"]  # nothing re-normalized
    assert again.published.status == "unchanged"
    _assert_same_tables(full, again)
    assert _files(lists_work, "1.0.0") == written
    normalized.clear()
    assert _files(lists_work, "1.0.0") == _forced(tmp_path, lists_work, "1.0.0", "forced")
    assert sorted(normalized) == ["synthetic_a", "synthetic_b"]  # --force: all rebuilt
    assert speedup >= 10


def test_changed_list_reruns_only_that_list_and_matches_a_full_build(lists_work, tmp_path,
                                                                    normalized):
    runner.run(lists_work, version="1.0.0", cache=Cache.for_root(lists_work.root))
    normalized.clear()
    _add_list(lists_work.raw, "synthetic_b", synthetic_list(LIST_ROWS + 10, seed=3))
    cache = Cache.for_root(lists_work.root)
    changed = runner.run(lists_work, version="1.1.0", cache=cache)
    assert normalized == ["synthetic_b"]  # synthetic_a came from the cache
    assert cache.hits == 1
    assert changed.accounting.set_index("source_id").loc["synthetic_b", "raw_rows"] == \
        LIST_ROWS + 10
    normalized.clear()
    forced = _forced(tmp_path, lists_work, "1.1.0", "forced")
    assert sorted(normalized) == ["synthetic_a", "synthetic_b"]
    assert _files(lists_work, "1.1.0") == forced


def test_corrupt_or_missing_cache_entries_rebuild(lists_work, normalized):
    first = runner.run(lists_work, version="1.0.0", cache=Cache.for_root(lists_work.root))
    entries = sorted((lists_work.root / CACHE_DIR).rglob("*.entry"))
    assert {p.parent.name for p in entries} == {"run", "list"}
    entries[0].write_bytes(b"not an entry")
    entries[1].write_bytes(entries[1].read_bytes()[:-100])  # truncated
    for p in entries[2:]:
        p.unlink()
    normalized.clear()
    again = runner.run(lists_work, version="1.0.0", cache=Cache.for_root(lists_work.root))
    assert sorted(normalized) == ["synthetic_a", "synthetic_b"]
    _assert_same_tables(first, again)
    # and the rebuilt entries serve the next run
    normalized.clear()
    runner.run(lists_work, version="1.0.0", cache=Cache.for_root(lists_work.root))
    assert normalized == []


def test_changed_published_file_or_code_is_not_trusted(lists_work, normalized, monkeypatch):
    from pipeline.stages import cache as cache_mod

    runner.run(lists_work, version="1.0.0", cache=Cache.for_root(lists_work.root))
    descriptor = lists_work.root_descriptor.read_bytes()
    lists_work.root_descriptor.unlink()
    normalized.clear()
    runner.run(lists_work, version="1.0.0", cache=Cache.for_root(lists_work.root))
    assert lists_work.root_descriptor.read_bytes() == descriptor
    assert normalized == []  # the lists still came from the cache; validate/publish re-ran

    monkeypatch.setattr(cache_mod, "code_version", lambda: "another version of the code")
    runner.run(lists_work, version="1.0.0", cache=Cache.for_root(lists_work.root))
    assert sorted(normalized) == ["synthetic_a", "synthetic_b"]


def test_tree_digest_sees_content_and_names(tmp_path):
    from pipeline.stages.cache import tree_digest

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.py").write_text("1")
    first = tree_digest(tmp_path)
    (tmp_path / "a" / "x.py").write_text("2")
    second = tree_digest(tmp_path)
    (tmp_path / "a" / "x.py").rename(tmp_path / "a" / "y.py")
    assert len({first, second, tree_digest(tmp_path)}) == 3


def test_runner_without_cache_stores_nothing(work):
    runner.run(work, version="1.0.0")
    assert not (work.root / CACHE_DIR).exists()


# ---- the cache is data, not code (issue 12.7) --------------------------------------------------


class _Boom:
    """A pickle that, when loaded, writes a marker file (stands for arbitrary code)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # noqa: ANN204
        return (Path.write_text, (self.marker, "pwned"))


def test_a_crafted_pickle_in_the_cache_never_runs(lists_work, tmp_path):
    import pickle

    marker = tmp_path / "marker"
    first = runner.run(lists_work, version="1.0.0", cache=Cache.for_root(lists_work.root))
    entries = sorted((lists_work.root / CACHE_DIR).rglob("*.entry"))
    assert entries and not list((lists_work.root / CACHE_DIR).rglob("*.pickle"))
    bomb = pickle.dumps(_Boom(marker))
    for entry in entries:
        entry.write_bytes(bomb)
        entry.with_suffix(".pickle").write_bytes(bomb)  # the old layout's name too
    again = runner.run(lists_work, version="1.0.0", cache=Cache.for_root(lists_work.root))
    assert not marker.exists()
    _assert_same_tables(first, again)


def test_an_entry_edited_with_checksums_recomputed_is_not_published(lists_work, tmp_path,
                                                                    normalized):
    import json
    import struct

    import pyarrow
    import pyarrow.parquet as pq

    from pipeline.stages import cache as cache_mod

    runner.run(lists_work, version="1.0.0", cache=Cache.for_root(lists_work.root))
    honest = _files(lists_work, "1.0.0")
    shutil.rmtree(lists_work.published / "1.0.0")
    (lists_work.root / CACHE_DIR / "run").rename(tmp_path / "run-entries")  # lists only
    entry = lists_work.root / CACHE_DIR / "list" / "synthetic_a.entry"
    data = entry.read_bytes()
    magic = cache_mod._MAGIC
    start = len(magic) + 32
    (size,) = struct.unpack(">Q", data[start:start + 8])
    header = json.loads(data[start + 8:start + 8 + size])
    blobs, offset = [], start + 8 + size
    for t in header["tables"]:
        blobs.append(data[offset:offset + t["bytes"]])
        offset += t["bytes"]
    records = pq.read_table(pyarrow.BufferReader(blobs[0])).to_pandas()
    column = "name_original" if "name_original" in records else records.columns[1]
    records.loc[records.index[0], column] = "FORGED"
    blobs[0] = cache_mod._frame_bytes(records)
    header["tables"][0] = {"bytes": len(blobs[0]),
                           "sha256": hashlib.sha256(blobs[0]).hexdigest()}
    head = json.dumps(header, sort_keys=True).encode()
    body = struct.pack(">Q", len(head)) + head + b"".join(blobs)
    # the attacker keeps the old signature, or signs with a secret of their own
    for signature in (data[len(magic):start], cache_mod._sign(b"another machine" * 3, body)):
        entry.write_bytes(magic + signature + body)
        normalized.clear()
        runner.run(lists_work, version="1.0.0", cache=Cache.for_root(lists_work.root))
        assert "synthetic_a" in normalized  # rebuilt, the forged entry was not used
        assert _files(lists_work, "1.0.0") == honest
        assert not any(b"FORGED" in v for v in _files(lists_work, "1.0.0").values())
        shutil.rmtree(lists_work.published / "1.0.0")
        for p in (lists_work.root / CACHE_DIR / "run").glob("*"):
            p.unlink()


def test_an_entry_holds_no_code_and_only_known_records(tmp_path):
    from pipeline.stages import cache as cache_mod

    cache = Cache(tmp_path / "c")
    frame = pd.DataFrame({"a": pd.array(["x", None], dtype="string"),
                          "b": pd.array([1, None], dtype="Int64")})
    cache.store("k", "s", "key", {"t": frame, "n": [1, 2.5, None, ("u",)]})
    got = cache.load("k", "s", "key")
    pd.testing.assert_frame_equal(got["t"], frame, check_exact=True)
    assert got["n"] == [1, 2.5, None, ("u",)]
    assert b"pickle" not in (tmp_path / "c" / "k" / "s.entry").read_bytes().lower()
    assert cache.load("k", "s", "another key") is None
    with pytest.raises(TypeError, match="cannot store"):
        cache_mod._encode(object(), [])
    with pytest.raises(KeyError):
        cache_mod._decode({"$record": "os.system", "fields": {}}, [])
