"""THE version parser and THE lookup of published releases (pipeline.release.versions), which
publish, link, release and load all use: they can no longer disagree."""

from __future__ import annotations

import pytest

from pipeline.config import Paths
from pipeline.errors import ReleaseError
from pipeline.release.versions import (
    implied_bump,
    is_version,
    latest_version,
    next_version,
    parse_version,
    previous_version,
    published_versions,
    resolve,
)


def _release(folder, name, descriptor=True):
    (folder / name).mkdir(parents=True)
    if descriptor:
        (folder / name / "datapackage.json").write_text("{}", encoding="utf-8")


@pytest.fixture
def published(tmp_path):
    folder = tmp_path / "published"
    for v in ("0.1.0", "0.2.0", "0.10.0"):
        _release(folder, v)
    _release(folder, "0.9.0", descriptor=False)  # half-built: no descriptor, not a release
    _release(folder, ".staging-0.11.0")
    _release(folder, "notes")
    _release(folder, "01.0.0")  # a leading zero is not SemVer
    return folder


def test_only_folders_with_a_descriptor_are_releases_in_semver_order(published):
    assert published_versions(published) == ["0.1.0", "0.2.0", "0.10.0"]
    assert latest_version(published) == "0.10.0"
    assert published_versions(published / "missing") == []
    assert latest_version(published / "missing") is None


def test_previous_is_the_newest_release_below(published):
    assert previous_version(published, "0.3.0") == "0.2.0"
    assert previous_version(published, "1.0.0") == "0.10.0"
    # 0.9.0 has no datapackage.json: the link stage used to take its ids from it
    assert previous_version(published, "0.9.1") == "0.2.0"
    assert previous_version(published, "0.10.0") == "0.2.0"  # strictly below
    assert previous_version(published, "0.1.0") is None
    with pytest.raises(ReleaseError, match="not a semantic version"):
        previous_version(published, "latest")


@pytest.mark.parametrize("text, parsed", [
    pytest.param("0.4.0", (0, 4, 0), id="plain"),
    pytest.param(" 10.0.12 ", (10, 0, 12), id="spaces_and_two_digits"),
])
def test_parse_version(text, parsed):
    assert parse_version(text) == parsed


@pytest.mark.parametrize("text", ["1.0", "01.0.0", "1.0.0-rc1", "v1.0.0", "1.0.0.0", ""])
def test_not_a_version(text):
    assert not is_version(text)
    with pytest.raises(ReleaseError, match="MAJOR.MINOR.PATCH"):
        parse_version(text)


def test_next_and_implied_bumps():
    assert next_version(None, "minor") == "0.1.0"
    assert [next_version("1.2.3", b) for b in ("major", "minor", "patch")] == [
        "2.0.0", "1.3.0", "1.2.4"]
    assert implied_bump("0.9.0", "0.10.0") == "minor"
    assert implied_bump("2.0.0", "2.0.1") == "patch"
    with pytest.raises(ReleaseError, match="not above"):
        implied_bump("0.10.0", "0.9.0")
    with pytest.raises(ReleaseError, match="unknown bump"):
        next_version("1.0.0", "huge")


def test_resolve_a_version_folder_or_descriptor(published):
    paths = Paths.under(published.parent)
    assert resolve("0.2.0", paths) == published / "0.2.0"
    assert resolve(published / "0.10.0", paths) == published / "0.10.0"
    assert resolve(published / "0.1.0" / "datapackage.json", paths) == published / "0.1.0"
    with pytest.raises(ReleaseError, match=r"no release 0\.9\.0 \(published: 0\.1\.0, 0\.2\.0"):
        resolve("0.9.0", paths)
    with pytest.raises(ReleaseError, match="not a release version or folder"):
        resolve(published / "notes" / "x", paths)
