"""Issue 12.2: frictionless validates the published CSV with the dialect the pipeline writes;
csv.Sniffer (quadratic on quotes) never runs, so a quote-heavy cell stays linear."""

from __future__ import annotations

import csv
import json
import time

import pandas as pd

from pipeline import frictionless_csv, io
from pipeline.release import verify


def _package(tmp_path, value: str):
    df = pd.DataFrame({"id": pd.array(["a", "b"], dtype="string"),
                       "text": pd.array([value, "plain"], dtype="string")})
    (tmp_path / "t.csv").write_bytes(io.csv_bytes(df))
    descriptor = {"name": "p", "resources": [{
        "name": "t", "path": "t.csv", "format": "csv", "encoding": "utf-8",
        "schema": {"fields": [{"name": "id", "type": "string"},
                              {"name": "text", "type": "string"}]}}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


def test_a_quote_heavy_cell_validates_in_linear_time(tmp_path, monkeypatch):
    sniffed = []
    monkeypatch.setattr(csv.Sniffer, "sniff", lambda *a, **k: sniffed.append(1) or csv.excel)
    _package(tmp_path, '",' * 1_000_000 + "\r\n;|\t'")  # 2 MB of quotes and commas
    start = time.perf_counter()
    assert verify._frictionless(tmp_path) == []  # verify's frictionless step
    assert time.perf_counter() - start < 20
    assert sniffed == []


def test_the_known_dialect_still_finds_errors(tmp_path):
    import frictionless

    _package(tmp_path, "x")
    (tmp_path / "t.csv").write_bytes(b"id,text\na,x\nb,y,extra\n")
    frictionless_csv.register()
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert "extra-cell" in {e.type for t in report.tasks for e in t.errors}
