"""load(): typed frames, hashes checked first."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.errors import ReleaseError
from pipeline.stages import publish
from tests.release.conftest import CREATED


def test_load_committed_release_with_declared_dtypes():
    from pipeline import load

    event = load("event", version="0.1.0")
    assert len(event) == 188
    assert str(event["event_date_earliest"].dtype) == "datetime64[ns]"
    # a date at year or month precision stays text: no invented day
    assert event["event_date"].dtype == pd.StringDtype()
    assert event["event_date"].str.fullmatch(r"\d{4}").any()
    record = load("record", version="0.2.0")
    assert str(record["age_low"].dtype) == "Int64" and record["age_low"].isna().any()
    assert record["execution_date_jalali"].dtype == pd.StringDtype()
    assert record["execution_date_jalali"].dropna().str.startswith("13").all()


def test_load_checks_the_hash_before_reading(root, v1_tables):
    from pipeline import load

    path = publish.run(v1_tables, root, "1.0.0", CREATED).path
    place = load("place", path=path)
    pd.testing.assert_series_equal(place["place_id"], v1_tables["place"]["place_id"])
    assert str(place["lat"].dtype) == "Float64"
    assert load("place", root=root.root).equals(place)  # latest under a root
    pq = path / "parquet" / "place.parquet"
    data = bytearray(pq.read_bytes())
    data[-20] ^= 0xFF
    pq.write_bytes(bytes(data))
    with pytest.raises(ReleaseError, match=r"place\.parquet.*sha256 mismatch"):
        load("place", path=path)
    with pytest.raises(ReleaseError, match="no table 'nope'"):
        load("nope", path=path)
    with pytest.raises(ReleaseError, match="no release 9.9.9"):
        load("place", version="9.9.9", root=root.root)


@pytest.mark.parametrize("bad", ["/etc/passwd", "../outside.parquet", "parquet/../../x.parquet",
                                 "file:///etc/passwd"])
def test_load_refuses_a_path_outside_the_release_as_verify_does(tmp_path, bad):
    """Issue 12.8: a descriptor whose Parquet path is absolute or escapes the folder."""
    import json as _json

    from pipeline.errors import ReleaseError
    from pipeline.load import load

    folder = tmp_path / "rel"
    folder.mkdir()
    (tmp_path / "outside.parquet").write_bytes(b"PAR1")
    desc = {"resources": [{"name": "t", "path": "csv/t.csv",
                           "parquet": {"path": bad, "hash": "sha256:00", "bytes": 4},
                           "schema": {"fields": []}}]}
    (folder / "datapackage.json").write_text(_json.dumps(desc), encoding="utf-8")
    with pytest.raises(ReleaseError, match="not a relative path inside the release"):
        load("t", path=folder)
