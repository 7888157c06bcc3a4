"""A table whose rows come from a source with no recorded licence decision is not published."""

from __future__ import annotations

import json

import pytest

from pipeline.errors import ReleaseError
from pipeline.release.licences import check_licences, resource_licences, terms
from pipeline.stages import publish
from tests.release.conftest import CREATED


@pytest.mark.parametrize("value", [
    pytest.param(None, id="missing"),
    pytest.param("unknown", id="unknown"),
    pytest.param("  TBD ", id="tbd"),
])
def test_publish_refuses_rows_from_a_source_without_licence_decision(root, v1_tables, value):
    tables = {k: v.copy() for k, v in v1_tables.items()}
    src = tables["source"]
    sid = tables["place"].loc[0, "source_id"]
    src.loc[src["source_id"] == sid, "license"] = value
    with pytest.raises(ReleaseError, match=rf"table place: \d+ row\(s\) come from source "
                                           rf"'{sid}', which has no recorded licence decision"):
        publish.run(tables, root, "1.0.0", CREATED)
    assert not (root.published / "1.0.0").exists()
    assert not root.root_descriptor.exists()


def test_publish_refuses_rows_from_a_source_missing_in_source(v1_tables):
    tables = {k: v.copy() for k, v in v1_tables.items()}
    tables["place"].loc[1, "source_id"] = "nowhere_2020"
    with pytest.raises(ReleaseError, match="source 'nowhere_2020', which is not in table"):
        check_licences(tables)


def test_not_stated_is_a_decision_and_restrictions_are_stated(root, v1_tables):
    tables = {k: v.copy() for k, v in v1_tables.items()}
    src = tables["source"]
    nc = src.loc[0, "source_id"]
    src.loc[0, "license"] = "CC BY-NC-ND 4.0"
    src.loc[1:, "license"] = "not stated"
    path = publish.run(tables, root, "1.0.0", CREATED).path
    desc = json.loads((path / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["licenses"][0]["name"] == "CC-BY-SA-4.0"
    place = next(r for r in desc["resources"] if r["name"] == "place")
    assert place["licenses"] == desc["licenses"]
    assert sum(x["rows"] for x in place["sourceLicenses"]) == len(tables["place"])
    text = " ".join(place["restrictions"])
    n_nc = int((tables["place"]["source_id"] == nc).sum())
    assert (f"{n_nc} row(s) come from source(s) licensed CC BY-NC-ND 4.0 (non-commercial and "
            f"no-derivatives): {nc}") in text
    assert "state no licence" in text
    book = (path / "codebook.md").read_text(encoding="utf-8")
    assert "## Licences" in book and "The package is licensed CC-BY-SA-4.0" in book
    assert "non-commercial and no-derivatives" in book


def test_terms():
    assert terms("CC BY-NC-ND 4.0 (as stated in the report)").non_commercial
    assert terms("CC-BY-NC-4.0").non_commercial and not terms("CC-BY-NC-4.0").no_derivatives
    assert not terms("CC-BY-SA-4.0").non_commercial
    assert terms("not stated").decided and terms("Not Stated").not_stated
    assert not terms("").decided and not terms(float("nan")).decided


def test_derived_tables_say_where_their_licences_come_from(v1_tables):
    tables = dict(v1_tables, person=v1_tables["place"][["place_id"]])
    out = resource_licences("person", tables)
    assert out["sourceLicenses"] == [] and "Derived" in out["restrictions"][0]
