import hashlib

import pytest
import yaml

from pipeline.errors import SnapshotError
from pipeline.stages import snapshot
from tests.conftest import rehash


def test_bundled_raw_passes(work):
    snap = snapshot.run(work)
    assert {s.source_id for s in snap.sources} >= {"facts_1988", "reports"}
    reports = snap.get("reports")
    assert reports is not None
    text = next(f for f in reports.files if f.path == "texts/r001.txt")
    assert text.extra["source_id"] == "report_r001"
    assert text.extra["affiliation"].startswith("NCRI/MEK")
    assert snap.created == "2026-11-25"


def test_changed_file_is_a_checksum_error_naming_the_file(work):
    target = work.raw / "facts_1988" / "events.csv"
    target.write_bytes(target.read_bytes() + b"\n")
    with pytest.raises(SnapshotError) as err:
        snapshot.run(work)
    assert "raw/facts_1988/events.csv" in str(err.value)
    assert "sha256" in str(err.value)


def test_unlisted_file_is_an_error(work):
    (work.raw / "facts_1988" / "extra.csv").write_text("a\n1\n")
    with pytest.raises(SnapshotError, match="unlisted raw file"):
        snapshot.run(work)


def test_missing_listed_file_is_an_error(work):
    (work.raw / "reports" / "texts" / "r001.txt").unlink()
    with pytest.raises(SnapshotError, match="listed file is missing"):
        snapshot.run(work)


@pytest.mark.parametrize("key", ["license", "retrieved", "publisher", "affiliation"])
def test_missing_metadata_is_an_error(work, key):
    path = work.raw / "facts_1988" / "source.yml"
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    del meta[key]
    path.write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SnapshotError) as err:
        snapshot.run(work)
    assert err.value.field == key


def test_rehash_helper_restores_validity(work):
    """The tests' rehash helper records the changed file's sha256, so the snapshot checks pass
    again and list the file with its new digest."""
    target = work.raw / "facts_1988" / "events.csv"
    target.write_bytes(target.read_bytes() + b"\n")
    with pytest.raises(SnapshotError, match="sha256"):
        snapshot.run(work)
    rehash(work.raw / "facts_1988" / "source.yml", "events.csv")
    facts = snapshot.run(work).get("facts_1988")
    assert facts is not None
    listed = next(f for f in facts.files if f.path == "events.csv")
    assert listed.sha256 == hashlib.sha256(target.read_bytes()).hexdigest()
