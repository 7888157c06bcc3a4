"""Helpers: a reports folder (index.csv + texts/) written from small texts of our own."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest


def write_reports(folder: Path, reports: list[dict[str, str]]) -> Path:
    """reports: dicts with report_id, published_date, publisher, text."""
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    with (folder / "index.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["report_id", "url", "title", "publisher", "published_date", "language",
                    "affiliation", "retrieved"])
        for r in reports:
            w.writerow([r["report_id"], "https://example.org/" + r["report_id"], "t",
                        r.get("publisher", "Example News"), r.get("published_date", ""), "en",
                        "news", "2026-01-01"])
            (folder / "texts" / f"{r['report_id']}.txt").write_text(r["text"], encoding="utf-8")
    return folder


@pytest.fixture
def make_reports(tmp_path: Path):  # noqa: ANN201
    def _make(reports: list[dict[str, str]], name: str = "reports") -> Path:
        return write_reports(tmp_path / name, reports)

    return _make
