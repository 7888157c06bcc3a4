import pandas as pd
import pytest

from pipeline.transforms.sources_merge import (
    drop_duplicate_evidence,
    merge_sources,
    normalize_url,
    quotes_overlap,
)


@pytest.mark.parametrize("a,b", [
    ("https://www.example.org/a/b/", "http://example.org/a/b"),
    ("https://example.org/a?utm_source=x&id=3", "https://example.org/a?id=3"),
    ("https://example.org/a%20b#top", "https://EXAMPLE.org/a b"),
    ("https://example.org/a?amp=1", "https://example.org/a"),
])
def test_normalize_url_same(a, b):
    assert normalize_url(a) == normalize_url(b)


def test_normalize_url_different():
    assert normalize_url("https://example.org/a?id=3") != normalize_url(
        "https://example.org/a?id=4")
    assert normalize_url("http://piglix.com/x") != normalize_url("http://primidi.com/x")
    assert normalize_url(None) is None


def _src(sid, kind, url, title="A long enough title of a publication", **extra):
    return {"source_id": sid, "source_kind": kind, "url": url, "title": title,
            "published_date": None, "language_code": None, "citation": None,
            "raw_path": extra.get("raw_path"), "raw_sha256": extra.get("raw_sha256"),
            "retrieved_date": extra.get("retrieved_date"), "_source_id": "c", "_file": None,
            "_row": None}


def test_curated_id_survives_and_keeps_the_snapshot():
    src = pd.DataFrame([
        _src("report_r001", "report_snapshot", "http://www.x.org/p/", raw_path="raw/r/r1.txt",
             raw_sha256="ab" * 32, retrieved_date="2026-11-25"),
        _src("x_2019", "publication", "https://x.org/p"),
        _src("y_2019", "publication", "https://y.org/q", title="Something else entirely here"),
        _src("report_r002", "report_snapshot", "https://z.org/other",
             title="Something else entirely here"),  # same title on another site: kept
    ])
    out, id_map, bad = merge_sources(src)
    assert id_map == {"report_r001": "x_2019"}
    assert bad == []
    row = out.set_index("source_id").loc["x_2019"]
    assert row["merged_source_ids"] == "report_r001"
    assert row["raw_path"] == "raw/r/r1.txt" and row["source_kind"] == "report_snapshot"
    assert sorted(out["source_id"]) == ["report_r002", "x_2019", "y_2019"]


def test_same_quote_of_one_publication_is_published_once():
    def claim(cid, method, quote, low, source="report_r001"):
        return {"claim_id": cid, "coding_method": method, "quote": quote, "value_low": low,
                "value_best": None, "value_high": None, "subject_code": "death_toll",
                "source_id": source, "_source_id": source, "_file": "f.csv", "_row": 2}
    df = pd.DataFrame([
        claim("r001-c1", "hand_coded", "to destroy or damage seven suspected sites", 7),
        claim("E1", "curated", "destroy or damage seven suspected sites across Iran", 7, "x"),
        claim("r001-c2", "hand_coded", "over 4,000 were executed", 4000),
        claim("r001-c3", "hand_coded", "destroy or damage seven suspected sites", 3),
    ])
    out, bad = drop_duplicate_evidence(df, "claim", {"report_r001": "x"})
    assert sorted(out["claim_id"]) == ["E1", "r001-c2", "r001-c3"]  # c3: another figure
    assert [b["value_original"] for b in bad] == ["r001-c1"]
    assert "claim E1" in bad[0]["message"] and bad[0]["reason_code"] == "duplicate_evidence"
    assert set(out["source_id"]) == {"x"}


def test_quotes_overlap():
    assert quotes_overlap("a b c d e", "x a b c d e y")
    assert not quotes_overlap("a b c d e", "a b x y z")


def _event(eid, method, city, evidence="On 3 May the court sentenced him to 21 years",
           etype="court_ruling", source="s"):
    return {"event_id": eid, "coding_method": method, "evidence": evidence, "city": city,
            "event_type": etype, "source_id": source, "_source_id": source, "_file": "f.csv",
            "_row": 2}


def test_empty_city_is_the_same_evidence_as_a_named_city():
    df = pd.DataFrame([
        _event("r1-e1", "hand_coded", None),
        _event("EV_a", "curated", "Qom"),
        _event("r1-e2", "hand_coded", "Tehran"),  # another named city: another event
        _event("r1-e3", "hand_coded", "", etype="other"),  # another type: another event
    ])
    out, bad = drop_duplicate_evidence(df, "event", {})
    assert sorted(out["event_id"]) == ["EV_a", "r1-e2", "r1-e3"]
    assert [b["value_original"] for b in bad] == ["r1-e1"]


def test_finer_report_coding_replaces_a_folded_curated_claim():
    def claim(cid, method, quote, low, high=None):
        return {"claim_id": cid, "coding_method": method, "quote": quote, "value_low": low,
                "value_best": None, "value_high": high, "subject_code": "death_toll",
                "source_id": "s", "_source_id": "s", "_file": "f.csv", "_row": 9}
    quote = "verified over 11,000 people but others suggest it could exceed 20,000"
    df = pd.DataFrame([
        claim("E9", "curated", quote, 11000, 20000),
        claim("r1-c1", "hand_coded", "verified over 11,000 people", 11000),
        claim("r1-c2", "hand_coded", "others suggest it could exceed 20,000", 20000),
        claim("E8", "curated", "over 4,000 were executed in the summer", 4000),
        claim("r1-c3", "hand_coded", "over 4,000 were executed", 4000),  # one: not finer
    ])
    out, bad = drop_duplicate_evidence(df, "claim", {})
    assert sorted(out["claim_id"]) == ["E8", "r1-c1", "r1-c2"]
    why = {b["value_original"]: b["message"] for b in bad}
    assert set(why) == {"E9", "r1-c3"}
    assert "more finely" in why["E9"] and "r1-c1; r1-c2" in why["E9"]
    assert "claim E8" in why["r1-c3"]


def _links(*rows):
    from pipeline.transforms.sources_merge import LINK_COLUMNS, parse_source_links
    df = pd.DataFrame([dict(zip(LINK_COLUMNS, r, strict=True)) for r in rows], dtype="string")
    return parse_source_links(df.assign(source_row=range(2, 2 + len(df))), "links.csv")


def test_reviewed_links_merge_a_copy_and_link_a_reproduction():
    src = pd.DataFrame([
        {**_src("b_copy", "publication", "https://b.org/x", title="Ministers of Murder (copy)"),
         "_file": "raw/s.csv", "_row": 3},
        _src("z_orig", "publication", "https://z.org/y", title="Ministers of Murder"),
        _src("a_ua", "publication", "https://a.org/ua", title="Urgent Action 235/88"),
        _src("p_ua", "publication", "https://p.org/ua", title="Urgent Action 235/88 (copy)"),
    ])
    links = _links(("b_copy", "z_orig", "same_publication", "same report", "me", "d"),
                   ("p_ua", "a_ua", "reproduces", "a party's copy", "me", "d"))
    out, id_map, bad = merge_sources(src, links)
    assert id_map == {"b_copy": "z_orig"}  # the reviewed target survives, not the smaller id
    rows = out.set_index("source_id")
    assert sorted(rows.index) == ["a_ua", "p_ua", "z_orig"]
    assert rows.loc["z_orig", "merged_source_ids"] == "b_copy"
    assert rows.loc["p_ua", "reproduces_source_id"] == "a_ua"
    assert pd.isna(rows.loc["a_ua", "reproduces_source_id"])
    assert [(b["value_original"], b["reason_code"]) for b in bad] == [
        ("b_copy", "excluded_by_review")]
    assert "same report" in bad[0]["message"]


def test_bad_source_links_are_errors_naming_the_row():
    from pipeline.errors import InputError
    src = pd.DataFrame([_src("a", "publication", "https://a.org/")])
    with pytest.raises(InputError) as err:
        merge_sources(src, _links(("a", "nope", "same_publication", "r", "me", "d")))
    assert err.value.row == 2 and err.value.field == "target_source_id"
    with pytest.raises(InputError) as err:
        _links(("a", "b", "copies", "r", "me", "d"))
    assert err.value.field == "relation"
