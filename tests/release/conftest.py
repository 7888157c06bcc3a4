"""Two small releases built from rows of the committed release 0.2.0 (read only), in tmp."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.config import REPO_ROOT, Paths
from pipeline.release.verify import arrow_frame
from pipeline.schemas import TABLES
from pipeline.schemas.build import conform
from pipeline.schemas.fields import FIELDS
from pipeline.transforms.geocode import geocode_places

BASE = REPO_ROOT / "published" / "0.2.0"
CREATED = "2026-11-25"


def _frame(name: str) -> pd.DataFrame:
    df = arrow_frame(pq.read_table(BASE / "parquet" / f"{name}.parquet"))
    # columns added after 0.2.0 (e.g. source.merged_source_ids) are empty in these rows
    return df.assign(**{c: None for c in TABLES[name].fields if c not in df.columns})


@pytest.fixture(scope="session")
def v1_tables() -> dict[str, pd.DataFrame]:
    """source + place: eight places and the sources they cite."""
    place = conform(geocode_places(_frame("place").head(8)), "place")  # 0.4.0 columns
    src = _frame("source")
    src = conform(src[src["source_id"].isin(set(place["source_id"]))], "source")
    return {"source": src, "place": place}


@dataclasses.dataclass(frozen=True)
class V2:
    tables: dict[str, pd.DataFrame]
    added: str
    removed: str
    changed: str


def make_v2(v1_tables: dict[str, pd.DataFrame], monkeypatch: pytest.MonkeyPatch) -> V2:
    """v1 with one place removed, one added, one name corrected, and the schema change of v2:
    place.notes renamed to place.note (same meaning). Call it after publishing v1: it patches
    the schema declarations for the rest of the test."""
    t = TABLES["place"]
    fields = tuple("note" if f == "notes" else f for f in t.fields)
    monkeypatch.setitem(TABLES, "place", dataclasses.replace(t, fields=fields))
    monkeypatch.setitem(FIELDS, "note", FIELDS["notes"])
    place = v1_tables["place"].copy()
    removed = str(place.loc[2, "place_id"])
    changed = str(place.loc[4, "place_id"])
    place.loc[4, "name_latin"] = place.loc[4, "name_latin"] + " (corrected)"
    new = place.loc[[0]].assign(place_id="P_zz_added", name_latin="An added place")
    place = pd.concat([place.drop(index=2), new]).rename(columns={"notes": "note"})
    return V2({"source": v1_tables["source"], "place": conform(place, "place")},
              added="P_zz_added", removed=removed, changed=changed)


@pytest.fixture
def root(tmp_path: Path) -> Paths:
    return Paths.under(tmp_path / "rel")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below folder (lock file excluded) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".lock"}
