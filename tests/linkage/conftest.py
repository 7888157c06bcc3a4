"""A slice of the real `record` table (the committed 0.2.0 release) for linkage tests."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from pipeline.config import REPO_ROOT


@pytest.fixture(scope="session")
def records() -> pd.DataFrame:
    rec = pd.read_parquet(REPO_ROOT / "published/0.2.0/parquet/record.parquet")
    # every 3rd record plus both halves of every record imported twice ('-2'), so the
    # slice has real duplicates and real near-misses
    twice = rec["record_id"].str.endswith("-2")
    base = rec["record_id"].isin(rec.loc[twice, "record_id"].str.slice(0, -2))
    keep = twice | base | (rec.index % 3 == 0)
    return rec[keep].reset_index(drop=True)


@pytest.fixture(scope="session")
def settings() -> dict:
    text = (REPO_ROOT / "pipeline/etc/linkage.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
