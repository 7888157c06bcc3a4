"""Two releases (v1, then v2 with rows added, removed and changed and a column renamed):
diff, the bump rule, verify, and a publish that dies midway."""

from __future__ import annotations

import json

import pytest

from pipeline.errors import ReleaseError
from pipeline.release.diff import diff_releases, render_markdown, to_json
from pipeline.release.make import make_release
from pipeline.release.semver import check_bump, classify
from pipeline.release.verify import verify
from pipeline.release.versions import latest_version, next_version, published_versions
from pipeline.stages import publish
from tests.release.conftest import CREATED, make_v2, tree


def test_diff_reports_exactly_the_changes_and_minor_is_refused(root, v1_tables, monkeypatch):
    v1 = publish.run(v1_tables, root, "1.0.0", CREATED).path
    v2 = make_v2(v1_tables, monkeypatch)
    # the version number must fit the change: a rename under a minor bump is refused
    with pytest.raises(ReleaseError, match=r"minor bump is refused.*need a major.*notes"):
        publish.run(v2.tables, root, "1.1.0", CREATED)
    assert published_versions(root.published) == ["1.0.0"]
    assert not list(root.published.glob(".staging-*"))
    new = publish.run(v2.tables, root, "2.0.0", CREATED).path

    d = diff_releases(v1, new)
    place = d.table("place")
    assert place.added == (v2.added,)
    assert place.removed == (v2.removed,)
    assert [(r.key, r.fields) for r in place.changed] == [(v2.changed, ("name_latin",))]
    assert place.changed[0].new[0].endswith("(corrected)")
    assert place.renamed == (("notes", "note"),)
    assert [(c.table, c.field, c.kind) for c in d.schema_changes] == [
        ("place", "note", "field_renamed")]
    assert d.table("source").status == "unchanged"
    level, reasons = classify(d)
    assert level == "major" and "renamed from notes" in reasons[0]
    with pytest.raises(ReleaseError, match="renamed from notes"):
        check_bump(d, "minor")
    check_bump(d, "major")
    # the release carries the same diff as CHANGES.md, listed (with its hash) for verify
    changes = (new / "CHANGES.md").read_text(encoding="utf-8")
    assert changes == render_markdown(d, level=level, reasons=reasons)
    assert f"Rows added (1): `{v2.added}`" in changes
    js = to_json(d)
    assert js["tables"][1]["changed_sample"][0]["values"]["name_latin"]["new"].endswith(
        "(corrected)")
    desc = json.loads((new / "datapackage.json").read_text(encoding="utf-8"))
    assert {doc["path"] for doc in desc["documents"]} == {
        "CHANGES.md", "codebook.md", "codebook.html", "iran-1988-executions.sqlite",
        "metadata.json"}
    # the root descriptor follows the latest release
    root_desc = json.loads(root.root_descriptor.read_text(encoding="utf-8"))
    assert root_desc["version"] == "2.0.0"
    assert root_desc["resources"][0]["path"] == "published/2.0.0/csv/source.csv"


def test_verify_passes_on_both_and_names_a_flipped_byte(root, v1_tables, monkeypatch):
    v1 = publish.run(v1_tables, root, "1.0.0", CREATED).path
    v2 = publish.run(make_v2(v1_tables, monkeypatch).tables, root, "2.0.0", CREATED).path
    assert verify(v1) == []
    assert verify(v2) == []
    for rel in ("csv/place.csv", "parquet/place.parquet", "codebook.html"):
        path = v2 / rel
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
        problems = verify(v2)
        assert len(problems) == 1 and rel in problems[0] and "sha256 mismatch" in problems[0]
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
    assert verify(v2) == []
    csv = v1 / "csv" / "source.csv"
    csv.write_bytes(csv.read_bytes()[:-10])
    (problem,) = verify(v1)
    assert "csv/source.csv" in problem and "truncated" in problem
    (v1 / "stray.txt").write_text("x")
    assert any("stray.txt: unexpected file" in p for p in verify(v1))


def test_valid_hashes_but_invalid_data_fail_revalidation(root, v1_tables):
    """A file changed together with its recorded hash still fails: the data are re-validated."""
    v1 = publish.run(v1_tables, root, "1.0.0", CREATED).path
    import hashlib

    for stale in v1.glob("*.zip*"):  # the archive would still hold the old descriptor
        stale.unlink()
    path = v1 / "csv" / "place.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append(lines[1])  # duplicate primary key
    data = "".join(lines).encode("utf-8")
    path.write_bytes(data)
    desc_path = v1 / "datapackage.json"
    desc = json.loads(desc_path.read_text(encoding="utf-8"))
    res = next(r for r in desc["resources"] if r["name"] == "place")
    res["hash"], res["bytes"] = "sha256:" + hashlib.sha256(data).hexdigest(), len(data)
    desc_path.write_text(json.dumps(desc), encoding="utf-8")
    problems = verify(v1)
    assert problems and all("place.csv" in p for p in problems)


@pytest.mark.parametrize("where", ["writing", "validating", "diffing"])
def test_a_publish_that_dies_midway_leaves_the_last_release_intact(root, v1_tables, monkeypatch,
                                                                   where):
    publish.run(v1_tables, root, "1.0.0", CREATED)
    before, root_before = tree(root.published), root.root_descriptor.read_bytes()
    v2 = make_v2(v1_tables, monkeypatch)

    class Killed(BaseException):
        pass

    def die(*_a, **_k):
        raise Killed

    if where == "writing":
        real, calls = publish.io.write_bytes_atomic, []

        def write_then_die(path, data):
            calls.append(path)
            if len(calls) == 3:
                raise Killed
            real(path, data)

        monkeypatch.setattr(publish.io, "write_bytes_atomic", write_then_die)
    elif where == "validating":
        monkeypatch.setattr(publish, "_frictionless_errors", die)
    else:
        monkeypatch.setattr(publish, "_changes", die)
    with pytest.raises(Killed):
        publish.run(v2.tables, root, "2.0.0", CREATED)
    assert tree(root.published) == before
    assert root.root_descriptor.read_bytes() == root_before
    assert latest_version(root.published) == "1.0.0"
    monkeypatch.undo()
    assert verify(root.published / "1.0.0") == []


def test_a_staging_folder_left_by_a_killed_run_is_never_a_release(root, v1_tables,
                                                                  monkeypatch):
    publish.run(v1_tables, root, "1.0.0", CREATED)
    v2 = make_v2(v1_tables, monkeypatch)
    stale = root.published / ".staging-2.0.0"
    (stale / "csv").mkdir(parents=True)
    (stale / "csv" / "place.csv").write_text("half a fi")
    (stale / "datapackage.json").write_text("{}")
    assert latest_version(root.published) == "1.0.0"
    publish.run(v2.tables, root, "2.0.0", CREATED)
    assert not stale.exists()
    assert verify(root.published / "2.0.0") == []


def test_the_publish_lock_refuses_a_second_run(root, v1_tables):
    from pipeline import io

    with io.exclusive_lock(root.published / ".lock"):
        with pytest.raises(ReleaseError, match="lock"):
            publish.run(v1_tables, root, "1.0.0", CREATED)
    assert published_versions(root.published) == []


def test_an_unchanged_release_is_refused_and_an_older_run_keeps_the_root(root, v1_tables):
    publish.run(v1_tables, root, "1.0.0", CREATED)
    with pytest.raises(ReleaseError, match="nothing changed since 1.0.0"):
        publish.run(v1_tables, root, "1.0.1", CREATED)
    assert publish.run(v1_tables, root, "1.0.0", CREATED).status == "unchanged"


def test_make_release_bumps_writes_changelog_citation_and_config(root, v1_tables, monkeypatch,
                                                                  tmp_path):
    def run(paths, version):
        return publish.run(tables, paths, version, CREATED).path

    tables = v1_tables
    root.root.mkdir(parents=True)
    (root.root / "CHANGELOG.md").write_text("# Changelog\n\nIntro.\n\n## 0.9.0\n\n- old\n",
                                            encoding="utf-8")
    config = tmp_path / "config.py"
    config.write_text('X = 1\nRELEASE_VERSION = "0.0.0"\n"""doc"""\n', encoding="utf-8")
    first = make_release(root, "minor", run=run, config_file=config)
    assert (first.old_version, first.new_version) == (None, "0.1.0")
    tables = make_v2(v1_tables, monkeypatch).tables
    with pytest.raises(ReleaseError, match="patch bump is refused"):
        make_release(root, "patch", run=run, config_file=config)
    dry = make_release(root, "major", run=run, dry_run=True)
    assert dry.path is None and dry.level == "major" and "renamed from notes" in dry.changes
    assert published_versions(root.published) == ["0.1.0"]
    second = make_release(root, "major", run=run, config_file=config)
    assert second.new_version == next_version("0.1.0", "major") == "1.0.0"
    log = (root.root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert log.index("## 1.0.0 (2026-11-25)") < log.index("## 0.1.0") < log.index("## 0.9.0")
    assert log.startswith("# Changelog\n\nIntro.\n\n## 1.0.0") and "renamed from notes" in log
    cff = (root.root / "CITATION.cff").read_text(encoding="utf-8")
    assert "\nversion: 1.0.0\n" in cff and "date-released: '2026-11-25'" in cff
    assert config.read_text(encoding="utf-8") == 'X = 1\nRELEASE_VERSION = "1.0.0"\n"""doc"""\n'


def test_changes_opens_with_the_release_notes_in_words(v1_tables, root):
    """pipeline/etc/release_notes/<version>.md, when present, opens CHANGES.md; the mechanical
    diff follows it unchanged; a version without notes gets the diff alone."""
    notes = root.etc / "release_notes"
    notes.mkdir(parents=True)
    (notes / "1.0.0.md").write_text("## What changed, in words\n\n- A fix users read.\n",
                                    encoding="utf-8")
    new = publish.run(v1_tables, root, "1.0.0", CREATED).path
    changes = (new / "CHANGES.md").read_text(encoding="utf-8")
    head, words, diff = changes.partition("## What changed, in words\n\n- A fix users read.")
    assert head.startswith("# Changes from nothing to 1.0.0")
    assert words and "## The diff, table by table" in diff and "| source |" in diff
    assert publish.release_notes(root, "1.1.0") is None
