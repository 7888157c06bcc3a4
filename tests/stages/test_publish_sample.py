"""publish checks a release with Frictionless on a sample of rows per table (the descriptor,
dialect, headers, types and keys); every row was validated by pandera before."""

from __future__ import annotations

import json

from pipeline.stages import publish


def _package(tmp_path, rows):
    (tmp_path / "t.csv").write_text("id,n\n" + "".join(f"{i},{n}\n" for i, n in rows),
                                    encoding="utf-8")
    descriptor = {"name": "p", "resources": [{
        "name": "t", "path": "t.csv", "format": "csv", "encoding": "utf-8",
        "schema": {"fields": [{"name": "id", "type": "integer"},
                              {"name": "n", "type": "integer"}], "primaryKey": ["id"]}}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return tmp_path / "datapackage.json"


def test_a_bad_row_in_the_sample_fails_and_the_sample_is_bounded(tmp_path, monkeypatch):
    path = _package(tmp_path, [(1, 5), (2, 6), (3, "x")])
    assert publish._frictionless_errors(path)  # row 3 is in the sample
    monkeypatch.setattr(publish, "FRICTIONLESS_SAMPLE_ROWS", 2)
    assert publish._frictionless_errors(path) == []  # beyond it: left to pandera
    broken = _package(tmp_path, [(1, 5), (1, 6)])
    assert publish._frictionless_errors(broken)  # duplicate key inside the sample
