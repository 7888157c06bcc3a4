"""The codebook: generated from the schema declarations, rendered by a headless browser."""

from __future__ import annotations

import html.parser
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest

from pipeline.release import codebook
from pipeline.schemas import TABLES
from pipeline.schemas.fields import FIELDS
from pipeline.stages import publish
from tests.release.conftest import CREATED

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync")


@pytest.fixture
def release(root, v1_tables) -> Path:
    return publish.run(v1_tables, root, "1.0.0", CREATED).path


def test_codebook_lists_tables_fields_codes_rows_and_sources(release, v1_tables):
    md = (release / "codebook.md").read_text(encoding="utf-8")
    page = (release / "codebook.html").read_text(encoding="utf-8")
    assert (md, page) == codebook.render(release)  # regenerated from the release, the same
    for name, df in v1_tables.items():
        assert f"| [{name}](#table-{name}) | {len(df)} |" in md
        for col in TABLES[name].fields:
            assert f"| {col.replace('_', chr(92) + '_')} | {FIELDS[col].type} |" in md
    assert FIELDS["place_kind_code"].enum  # codes listed with the field
    for code in FIELDS["place_kind_code"].enum:
        assert f"<code>{code}</code>" in page
    src = v1_tables["source"].iloc[0]
    assert src["source_id"].replace("_", "\\_") in md
    assert src["affiliation_code"].replace("_", "\\_") in md
    # well-formed enough for a parser, and nothing fetched from elsewhere
    parser = html.parser.HTMLParser()
    parser.feed(page)
    assert "<script" not in page and "src=" not in page and "@import" not in page


def _png(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the decompressed image data of a PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        if data[pos + 4:pos + 8] == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def test_codebook_html_renders_in_headless_chromium(release, tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium; "
                    ".ci/run installs it when apt is available)")
    shot = tmp_path / "codebook.png"
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        res = subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--window-size=1200,900",
             f"--screenshot={shot}", (release / "codebook.html").resolve().as_uri()],
            capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    assert shot.is_file(), res.stderr[-2000:]
    width, height, pixels = _png(shot)
    assert (width, height) == (1200, 900)
    assert len(set(pixels)) > 16  # text and table lines were drawn, not a blank page
