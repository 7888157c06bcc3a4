"""The SQLite edition, the release archive and downloads (issue 15)."""

from __future__ import annotations

import asyncio
import functools
import http.server
import io as _io
import json
import sqlite3
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline import load
from pipeline.__main__ import app
from pipeline.config import PACKAGE_NAME, REPO_ROOT, Paths
from pipeline.errors import ReleaseError
from pipeline.release import archive, sqlite
from pipeline.release.download import download
from pipeline.release.verify import arrow_frame, verify
from pipeline.schemas import TABLES
from pipeline.schemas.build import conform
from pipeline.schemas.fields import FIELDS
from pipeline.stages import publish
from pipeline.transforms.geocode import geocode_places
from pipeline.transforms.names import latin_name_key, persian_name_key
from tests.release.conftest import CREATED, tree

LATEST = REPO_ROOT / "published" / "0.3.0"  # a release with records and persons (read only)
DB = sqlite.database_file(PACKAGE_NAME)
ZWNJ = "\u200c"
NAME_FA = f"محمد{ZWNJ}رضا کاظمی"  # with a half-space and Persian kaf/yeh
NAME_LATIN = "Mohammad Reza Kazemi"


def _frame(name: str) -> pd.DataFrame:
    df = arrow_frame(pq.read_table(LATEST / "parquet" / f"{name}.parquet"))
    # Columns declared after 0.3.0: empty, or when required a valid value made here (the
    # first code of the vocabulary; an id of the declared pattern).
    t = TABLES[name]
    for c in t.fields:
        if c in df.columns:
            continue
        value = None
        if t.is_required(c):
            enum = FIELDS[c].enum or []
            value = enum[0] if enum else None
        df[c] = value
    if "happening_id" in df.columns and df["happening_id"].isna().all():
        import hashlib
        df["happening_id"] = ["happening-" + hashlib.sha256(str(k).encode()).hexdigest()[:12]
                              for k in df[t.primary_key[0]]]
    return df


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    """Three records (one made here, with the test name) and their persons and sources."""
    rec = _frame("record")
    rec = pd.concat([rec.head(2), rec[rec["execution_date_precision"] == "day"].head(2)],
                    ignore_index=True)
    made = rec.head(1).copy()
    made["record_id"] = made["record_key"] = "made-kazemi"
    made["name_fa"] = made["name_fa_original"] = NAME_FA
    made["name_latin"] = made["name_latin_original"] = NAME_LATIN
    made["name_fa_key"] = persian_name_key(NAME_FA)
    made["name_latin_key"] = latin_name_key(NAME_LATIN)
    rec = pd.concat([rec, made], ignore_index=True)
    rp = _frame("record_person")
    rp = rp[rp["record_id"].isin(set(rec["record_id"]))]
    rp = pd.concat([rp, pd.DataFrame({"record_person_id": ["made-kazemi"],
                                      "record_id": ["made-kazemi"],
                                      "person_id": ["person-0000000000ad"],
                                      "match_probability": [None]})], ignore_index=True)
    person = _frame("person")
    person = person[person["person_id"].isin(set(rp["person_id"]))]
    extra = person.head(1).copy()
    extra["person_id"] = "person-0000000000ad"
    extra["name_fa"], extra["name_latin"] = NAME_FA, NAME_LATIN
    person = pd.concat([person, extra], ignore_index=True)
    claim = _frame("claim")
    claim = claim[claim["subject_code"] == "death_toll"].head(6)
    event = _frame("event").head(12)
    place = geocode_places(_frame("place").head(4))  # the pipeline's own geocoding
    src = _frame("source")
    used = set(rec["source_id"]) | set(claim["source_id"]) | set(event["source_id"]) | \
        set(place["source_id"])
    src = src[src["source_id"].isin(used)]
    return {"source": conform(src, "source"), "record": conform(rec, "record"),
            "person": conform(person, "person"),
            "record_person": conform(rp, "record_person"), "claim": conform(claim, "claim"),
            "event": conform(event, "event"), "place": conform(place, "place")}


@pytest.fixture(scope="module")
def release(tmp_path_factory, tables) -> Path:
    root = Paths.under(tmp_path_factory.mktemp("edition") / "rel")
    return publish.run(tables, root, "1.0.0", CREATED).path


# ---- SQLite edition -----------------------------------------------------------------------


def test_sqlite_has_every_table_with_the_csv_row_counts_keys_and_views(release, tables):
    desc = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    assert DB in {d["path"] for d in desc["documents"]}
    assert "metadata.json" in {d["path"] for d in desc["documents"]}
    con = sqlite3.connect(release / DB)
    for res in desc["resources"]:
        csv_rows = len(pd.read_csv(release / res["path"], dtype=str))
        assert csv_rows == len(tables[res["name"]]) > 0
        (n,) = con.execute(f'SELECT count(*) FROM "{res["name"]}"').fetchone()
        assert n == csv_rows, res["name"]
    fks = con.execute("SELECT * FROM pragma_foreign_key_list('record_person')").fetchall()
    assert {(r[2], r[3]) for r in fks} == {("record", "record_id"), ("person", "person_id")}
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    pk = [r[1] for r in con.execute("PRAGMA table_info('record')") if r[5]]
    assert pk == ["record_id"]
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "idx_record_source_id" in indexes and "idx_record_execution_date_earliest" in indexes
    rows = con.execute("SELECT person_id, record_id, source_title FROM person_record "
                       "WHERE record_id = 'made-kazemi'").fetchall()
    src = tables["source"].set_index("source_id")
    made_src = tables["record"].set_index("record_id").loc["made-kazemi", "source_id"]
    assert rows == [("person-0000000000ad", "made-kazemi", src.loc[made_src, "title"])]


@pytest.mark.parametrize("query", [
    "محمدرضا كاظمي",  # Arabic kaf and yeh, no half-space
    "محمد رضا کاظمی",  # a space for the half-space
    NAME_FA,
    "Muhammad Reza Kazemi",  # Latin spelling variants
    "mohamadreza kazemi",
    "Kazemi",
])
def test_name_search_finds_the_person_whatever_the_spelling(release, query):
    hits = sqlite.search(release / DB, query)
    assert [h["person_id"] for h in hits] == ["person-0000000000ad"]


def test_name_search_does_not_find_another_name(release):
    assert sqlite.search(release / DB, "Hosseinzadeh") == []


def test_datasette_opens_the_database_and_runs_the_name_search(release):
    datasette_app = pytest.importorskip("datasette.app", reason="pip install -e '.[datasette]'")
    meta = json.loads((release / "metadata.json").read_text(encoding="utf-8"))
    ds = datasette_app.Datasette([str(release / DB)], metadata=meta)
    db_name = Path(DB).stem

    async def get(path: str):
        return await ds.client.get(path)

    page = asyncio.run(get(f"/{db_name}/record"))
    assert page.status_code == 200
    assert meta["databases"][db_name]["tables"]["record"]["title"] in page.text
    res = asyncio.run(get(f"/{db_name}/search_name.json?_shape=array&q=" + "محمدرضا كاظمي"))
    assert res.status_code == 200, res.text[:500]
    assert [r["person_id"] for r in res.json()] == ["person-0000000000ad"]


# ---- determinism, verify ------------------------------------------------------------------


def test_a_rebuild_gives_byte_identical_files_archive_and_database(tmp_path, tables, release):
    again = publish.run(tables, Paths.under(tmp_path / "again"), "1.0.0", CREATED).path
    first, second = tree(release), tree(again)
    assert sorted(first) == sorted(second)
    assert f"{PACKAGE_NAME}-1.0.0.zip" in first and DB in first
    for rel in first:
        assert first[rel] == second[rel], rel


def test_the_archive_holds_the_release_folder_and_matches_its_sidecar(release):
    zname = archive.archive_name(PACKAGE_NAME, "1.0.0")
    data = (release / zname).read_bytes()
    side = archive.parse_sidecar((release / archive.sidecar_name(zname)).read_bytes())
    assert side is not None and side[1] == zname
    import hashlib
    assert hashlib.sha256(data).hexdigest() == side[0]
    inside = archive.members(data)
    on_disk = {k: v for k, v in tree(release).items() if not k.startswith(zname)}
    assert inside == on_disk
    with zipfile.ZipFile(_io.BytesIO(data)) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {archive.FIXED_TIME}
    assert {i.external_attr >> 16 for i in infos} == {archive.MODE}


def test_verify_names_a_tampered_database_and_a_tampered_archive(tmp_path, release):
    import shutil
    copy = tmp_path / "copy"
    shutil.copytree(release, copy)
    assert verify(copy, revalidate=False) == []
    db = copy / DB
    data = bytearray(db.read_bytes())
    data[5000] ^= 1
    db.write_bytes(bytes(data))
    problems = verify(copy, revalidate=False)
    assert len(problems) == 1 and DB in problems[0] and "sha256 mismatch" in problems[0]
    db.write_bytes((release / DB).read_bytes())
    desc = copy / "datapackage.json"
    desc.write_bytes(desc.read_bytes().replace(b'"rows": ', b'"rows":  '))
    problems = verify(copy, revalidate=False)
    assert problems == [f"{zpath_shown(copy)}: datapackage.json differs from the folder's copy"]
    zpath = copy / archive.archive_name(PACKAGE_NAME, "1.0.0")
    zpath.write_bytes(zpath.read_bytes()[:-10])
    assert any("tampered or truncated" in p for p in verify(copy, revalidate=False))


def zpath_shown(folder: Path) -> str:
    from pipeline.release.verify import show
    return show(folder / archive.archive_name(PACKAGE_NAME, "1.0.0"))


def test_older_releases_without_archive_or_database_still_verify():
    for version in ("0.1.0", "0.3.0"):
        assert verify(REPO_ROOT / "published" / version, revalidate=False) == []


# ---- download -----------------------------------------------------------------------------


@pytest.fixture
def served(tmp_path, release) -> Iterator[tuple[str, Path]]:
    """An HTTP server on 127.0.0.1 serving a folder with the release under good/, plus
    tampered/ and truncated/ copies of its archive."""
    import shutil
    site = tmp_path / "site"
    shutil.copytree(release, site / "good" / "1.0.0")
    zname = archive.archive_name(PACKAGE_NAME, "1.0.0")
    good = (release / zname).read_bytes()
    side = (release / archive.sidecar_name(zname)).read_bytes()
    inside = archive.members(good)
    inside["csv/record.csv"] = inside["csv/record.csv"].replace(b"Kazemi", b"Kazemy")
    tampered = archive.build(inside, PACKAGE_NAME, "1.0.0")[1]
    for name, data in (("tampered", tampered), ("truncated", good[: len(good) // 2])):
        (site / name).mkdir()
        (site / name / zname).write_bytes(data)
        (site / name / archive.sidecar_name(zname)).write_bytes(side)
    (site / "nosidecar").mkdir()
    (site / "nosidecar" / zname).write_bytes(tampered)
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
        pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        """/cut/<path>: announce the whole file, send half of it, close (a dropped
        connection)."""
        if not self.path.startswith("/cut/"):
            return super().do_GET()
        data = (Path(self.directory) / self.path[len("/cut/"):]).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.close_connection = True


def test_download_of_a_good_archive_unpacks_a_verified_release(served, tmp_path, release):
    base, _ = served
    zname = archive.archive_name(PACKAGE_NAME, "1.0.0")
    folder = download(f"{base}/good/1.0.0/{zname}", to=tmp_path / "dl")
    assert folder == tmp_path / "dl" / "1.0.0"
    assert tree(folder) == tree(release)
    assert verify(folder) == []
    assert [p.name for p in (tmp_path / "dl").iterdir()] == ["1.0.0"]  # no temp left


def test_download_by_descriptor_and_by_base_url_with_version(served, tmp_path, release):
    base, _ = served
    a = download(f"{base}/good/1.0.0/datapackage.json", to=tmp_path / "a")
    b = download(f"{base}/good", version="1.0.0", to=tmp_path / "b")
    assert tree(a) == tree(b) == tree(release)
    with pytest.raises(ReleaseError, match="this is release 1.0.0, not 2.0.0"):
        download(f"{base}/good/1.0.0/datapackage.json", version="2.0.0", to=tmp_path / "c")


@pytest.mark.parametrize(("where", "message"), [
    ("tampered", "sha256 mismatch"),
    ("truncated", "sha256 mismatch"),
    ("nosidecar", "csv/record.csv: .*sha256 mismatch"),
])
def test_download_refuses_a_tampered_or_truncated_archive(served, tmp_path, where, message):
    base, _ = served
    zname = archive.archive_name(PACKAGE_NAME, "1.0.0")
    with pytest.raises(ReleaseError, match=message):
        download(f"{base}/{where}/{zname}", to=tmp_path / "dl")
    assert not (tmp_path / "dl").exists()  # checked in memory: nothing was written


def test_download_refuses_a_dropped_connection_as_truncated(served, tmp_path):
    base, _ = served
    zname = archive.archive_name(PACKAGE_NAME, "1.0.0")
    with pytest.raises(ReleaseError, match="truncated"):
        download(f"{base}/cut/good/1.0.0/{zname}", to=tmp_path / "dl")
    assert not (tmp_path / "dl").exists()


def test_download_from_a_path_and_a_file_url(release, tmp_path):
    zname = archive.archive_name(PACKAGE_NAME, "1.0.0")
    a = download(str(release / zname), to=tmp_path / "a")
    b = download((release / "datapackage.json").as_uri(), to=tmp_path / "b")
    c = download(str(release.parent), version="1.0.0", to=tmp_path / "c")
    assert tree(a) == tree(b) == tree(c) == tree(release)
    assert download(str(release / zname), to=tmp_path / "a") == a  # already there, intact
    with pytest.raises(ReleaseError, match="not found"):
        download(str(tmp_path / "nothing.zip"), to=tmp_path / "d")


def test_search_command_finds_a_variant_spelling(release):
    res = CliRunner().invoke(app, ["search", "Muhammad Reza Kazemi", str(release), "--json"])
    assert res.exit_code == 0, res.output
    hits = json.loads(res.stdout)
    assert [h["record_id"] for h in hits] == ["made-kazemi"]


def test_verify_revalidates_the_database_row_counts(release, tmp_path):
    import shutil
    copy = tmp_path / "copy"
    shutil.copytree(release, copy)
    for stale in copy.glob("*.zip*"):
        stale.unlink()
    con = sqlite3.connect(copy / DB)
    con.execute("DELETE FROM record WHERE record_id = 'made-kazemi'")
    con.commit()
    con.close()
    data = (copy / DB).read_bytes()
    desc_path = copy / "datapackage.json"
    desc = json.loads(desc_path.read_text(encoding="utf-8"))
    import hashlib
    for doc in desc["documents"]:
        if doc["path"] == DB:
            doc["hash"], doc["bytes"] = "sha256:" + hashlib.sha256(data).hexdigest(), len(data)
    desc_path.write_text(json.dumps(desc), encoding="utf-8")
    problems = verify(copy)
    assert any(f"table record has {len(tables_rows(desc, 'record')) - 1} rows" in p
               for p in problems), problems


def tables_rows(desc, name):
    return range(next(r["rows"] for r in desc["resources"] if r["name"] == name))


def test_download_refuses_a_tampered_file_listed_by_a_descriptor(served, tmp_path):
    base, site = served
    csv = site / "good" / "1.0.0" / "csv" / "record.csv"
    csv.write_bytes(csv.read_bytes()[:-20])
    with pytest.raises(ReleaseError, match=r"csv/record.csv: size .*truncated"):
        download(f"{base}/good/1.0.0/datapackage.json", to=tmp_path / "dl")
    assert not (tmp_path / "dl").exists()  # checked in memory: nothing was written


def test_download_command_prints_one_line_and_exits_1_on_a_tampered_archive(served,
                                                                            tmp_path):
    base, _ = served
    zname = archive.archive_name(PACKAGE_NAME, "1.0.0")
    res = CliRunner().invoke(app, ["download", f"{base}/tampered/{zname}", "--to",
                                   str(tmp_path / "dl")])
    assert res.exit_code == 1
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "sha256 mismatch" in lines[0]
    ok = CliRunner().invoke(app, ["download", f"{base}/good/1.0.0/{zname}", "--to",
                                  str(tmp_path / "ok")])
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "ok" / "1.0.0" / DB).is_file()


def test_load_reads_a_table_from_a_url_after_checking_it(served, tables):
    base, _ = served
    zname = archive.archive_name(PACKAGE_NAME, "1.0.0")
    df = load("record", url=f"{base}/good/1.0.0/{zname}")
    assert sorted(df["record_id"]) == sorted(tables["record"]["record_id"])
    assert df.attrs["release"]["version"] == "1.0.0"
    with pytest.raises(ReleaseError, match="sha256 mismatch"):
        load("record", url=f"{base}/tampered/{zname}")


# ---- the codebook in a browser --------------------------------------------------------------


def test_codebook_opens_with_summary_citation_and_charts(release, tables):
    page = (release / "codebook.html").read_text(encoding="utf-8")
    md = (release / "codebook.md").read_text(encoding="utf-8")
    assert page.index('id="summary"') < page.index('id="charts"') < page.index("<h2>Tables")
    for key in ("month", "city", "age", "toll", "events", "map", "fill-record"):
        assert f'id="fig-{key}"' in page, key
    assert page.count("<svg") >= 7
    assert f"{len(tables['record']):,} victim records" in md
    assert "(Version 1.0.0) [Data set]" in md and "@misc{iran_1988_executions_1_0_0" in md
    with_coords = int(tables["place"]["lat"].notna().sum())
    assert 0 < with_coords  # the map is drawn (test_codebook... checks it in a browser)
    assert f"{with_coords} of {len(tables['place'])} places have coordinates" in page
    n = len(tables["record"])
    assert f"| record | name\\_fa | {n} of {n} | 100% |" in md  # the fill-rate table
    code = [part for line in md.splitlines() for part in line.split("`")[1::2]]
    assert any("<" in c for c in code)  # e.g. `<source_id>-<the source's own key>`
    assert not any("&lt;" in c for c in code)  # code spans show < > literally



def test_codebook_charts_render_in_headless_chromium_at_1280_px(release, tmp_path):
    import shutil
    import subprocess
    import tempfile

    from PIL import Image

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium)")
    shot = tmp_path / "codebook.png"
    flags = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars")
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        res = subprocess.run(
            [browser, *flags, f"--user-data-dir={profile}", "--window-size=1280,4000",
             f"--screenshot={shot}", (release / "codebook.html").resolve().as_uri()],
            capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and shot.is_file(), res.stderr[-2000:]
    import numpy as np

    img = Image.open(shot).convert("RGB")
    assert img.size == (1280, 4000)
    px = np.asarray(img).astype(int)
    # The charts drew their bars: many pixels of the charts' accent colour (#1f5f8b), far
    # more than the citation's 4-pixel border line could give.
    accent = int((np.abs(px - np.array([0x1F, 0x5F, 0x8B])) < 12).all(axis=2).sum())
    assert accent > 5000, accent
    # Readable at 1280 px: nothing runs into the right margin (a too-wide table or chart
    # would), and the page is not blank there either.
    assert (px[:, 1240:] == 255).all()
    assert (px[:, :1240] < 128).any()


# ---- citation and friction ------------------------------------------------------------------


def test_citation_strings_cff_and_zenodo_carry_version_date_title_licence():
    import yaml

    from pipeline.release import citation

    cff = yaml.safe_load(citation.citation_cff("0.4.0", "2026-12-04"))
    assert (cff["version"], cff["date-released"], cff["license"]) == \
        ("0.4.0", "2026-12-04", "CC-BY-SA-4.0")
    assert citation.apa("0.4.0", "2026-12-04") in cff["message"]
    apa = citation.apa("0.4.0", "2026-12-04")
    assert "(2026)" in apa and "(Version 0.4.0) [Data set]" in apa and cff["title"] in apa
    bib = citation.bibtex("0.4.0", "2026-12-04")
    assert bib.startswith("@misc{iran_1988_executions_0_4_0,") and "version = {0.4.0}" in bib
    assert bib.count("{") == bib.count("}")
    zen = json.loads(citation.zenodo_json("0.4.0", "2026-12-04", description="d"))
    assert zen["upload_type"] == "dataset" and zen["version"] == "0.4.0"
    assert zen["publication_date"] == "2026-12-04" and zen["license"] == "cc-by-sa-4.0"
    assert zen["creators"] and zen["description"] == "d"


def test_changelog_says_table_added_once():
    from pipeline.release.diff import change_text
    from pipeline.release.make import changelog_section

    assert change_text("table_added", "table added (1 rows)") == "table added (1 rows)"
    assert change_text("field_renamed", "renamed from notes") == \
        "field renamed: renamed from notes"

    class C:
        table, field, kind, detail = "place", None, "table_added", "table added (3 rows)"

    class D:
        new_version, old_version, schema_changes, tables = "1.0.0", None, [C()], []

        def table(self, name):
            raise KeyError(name)

    text = changelog_section(D(), "minor", [], "2026-12-04")
    assert "- `place`: table added (3 rows)" in text and "table added: table added" not in text


def test_run_refuses_an_older_version_before_any_work(monkeypatch):
    from pipeline import runner
    from pipeline.stages import snapshot

    def boom(*a, **k):
        raise AssertionError("built before refusing")

    monkeypatch.setattr(snapshot, "run", boom)
    with pytest.raises(ReleaseError, match="0.1.0 is an older published release"):
        runner.run(Paths(), version="0.1.0")
    with pytest.raises(ReleaseError, match="below the latest release"):
        runner.run(Paths(), version="0.0.9")


def test_help_shows_no_bool_for_flags():
    res = CliRunner().invoke(app, ["run", "--help"], terminal_width=100)
    assert res.exit_code == 0
    assert "--force" in res.output and "<bool>" not in res.output
    assert "<path>" in res.output  # options with values keep their type


def test_load_logs_the_release_it_chose(caplog, monkeypatch, tmp_path):
    import logging

    monkeypatch.chdir(tmp_path)  # outside the repository: a warning
    with caplog.at_level(logging.INFO, logger="pipeline.load"):
        df = load("source", version="0.3.0")
    assert df.attrs["release"]["version"] == "0.3.0"
    rec = [r for r in caplog.records if r.name == "pipeline.load"]
    assert rec and rec[0].levelno == logging.WARNING
    assert "release 0.3.0" in rec[0].getMessage() and "published" in rec[0].getMessage()


_LAYOUT_JS = """() => {
  const squeezed = [];
  for (const c of document.querySelectorAll('td, th')) {
    if (c.querySelector('ul')) continue;  // a list of codes: short lines by design
    const text = c.innerText.replace(/\\s+/g, '');
    if (text.length < 4) continue;
    const range = document.createRange();
    range.selectNodeContents(c);
    const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                          .map(r => Math.round(r.bottom))).size;
    if (lines >= 2 && text.length / lines < 6) squeezed.push(c.innerText.slice(0, 40));
  }
  const charts = [...document.querySelectorAll('figure svg')].map(s => {
    const r = s.getBoundingClientRect(); return [r.width, r.height]; });
  return {width: document.documentElement.scrollWidth, squeezed, charts};
}"""


def test_codebook_is_readable_at_1280_px_in_chromium(release):
    """No horizontal scrolling, no table column squeezed to a few letters per line (as
    'stri/ng' was in the type column), every chart drawn at a readable size."""
    import shutil

    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=browser, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = b.new_page(viewport={"width": 1280, "height": 900})
            page.goto((release / "codebook.html").resolve().as_uri())
            got = page.evaluate(_LAYOUT_JS)
        finally:
            b.close()
    assert got["width"] == 1280
    assert got["squeezed"] == []
    assert len(got["charts"]) >= 7
    assert all(w >= 300 and h >= 100 for w, h in got["charts"]), got["charts"]


def test_the_database_built_on_disk_is_sound_and_carries_no_build_counters(release):
    """The edition is built in a temporary file (a million-record release is too big to
    serialize from memory); its header counters are zeroed so the bytes depend on the rows."""
    data = (release / DB).read_bytes()
    assert data[24:28] == data[92:96] == data[96:100] == bytes(4)
    con = sqlite3.connect(f"file:{(release / DB).as_posix()}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA page_count").fetchone()[0] * 4096 == len(data)
    finally:
        con.close()
