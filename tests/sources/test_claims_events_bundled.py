"""Issue 11 items 1-5 on the bundled facts and report coding (no victim list): every published
claim follows the one figure convention, every claimant and organizer name is in the reviewed
affiliation table, no coded date claims more than its evidence, no two sources are one
publication, and happening ids are a function of the rows."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from pipeline.config import REPO_ROOT, Paths
from pipeline.stages import ingest, normalize, snapshot, validate
from pipeline.transforms.claims import convention_problem
from pipeline.transforms.dates import CodedDate, coded_date, date_evidence_problem
from pipeline.transforms.happenings import assign_happenings
from pipeline.transforms.sources_merge import normalize_url


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, pd.DataFrame]:
    root = tmp_path_factory.mktemp("facts")
    shutil.copytree(REPO_ROOT / "raw", root / "raw", ignore=shutil.ignore_patterns("lists"))
    shutil.copytree(REPO_ROOT / "pipeline" / "etc", root / "pipeline" / "etc")
    paths = Paths.under(root)
    raw = ingest.run(paths, snapshot.run(paths))
    return validate.run(normalize.run(raw)).tables


def test_every_claim_follows_the_one_figure_convention(built) -> None:
    claim = built["claim"]
    assert len(claim) > 100
    broken = [f"{r['claim_id']}: {p}" for r in claim.to_dict("records")
              if (p := convention_problem(r["value_qualifier_code"], r["value_low"],
                                          r["value_best"], r["value_high"]))]
    assert broken == []
    # 'thousands' is coded one way everywhere: no figure, the words kept
    thousands = claim[claim["value_original"].str.casefold() == "thousands"]
    assert len(thousands) >= 5
    assert set(thousands["value_qualifier_code"]) == {"vague"}
    assert thousands[["value_low", "value_best", "value_high"]].isna().all().all()
    # a plain 30,000 is in value_best whether it was curated or coded from a report
    exact = claim[claim["value_qualifier_code"] == "exact"]
    assert set(exact.loc[exact["value_best"] == 30000, "coding_method"]) == {"curated",
                                                                              "hand_coded"}


def test_report_coded_claims_have_a_scope(built) -> None:
    coded = built["claim"][built["claim"]["coding_method"] != "curated"]
    assert coded["claim_scope"].notna().all()
    assert {"nationwide", "not stated"} <= set(coded["claim_scope"])


def test_every_claimant_and_organizer_is_in_the_reviewed_table(built) -> None:
    claim, event = built["claim"], built["event"]
    unmapped = sorted(set(claim.loc[claim["claimant_affiliation_code"] == "unknown",
                                    "claimant_name"])
                      | set(event.loc[event["organizer_affiliation_code"] == "unknown",
                                      "organizer"]))
    assert unmapped == [], f"add these names to pipeline/etc/codes/claimant_affiliation.csv: " \
                           f"{unmapped}"
    assert (event["organizer"].isna() == event["organizer_affiliation_code"].isna()).all()
    # the claimant's kind, not the publisher's: Amnesty relayed by a medium stays an NGO
    amnesty = claim[claim["claimant_name"] == "Amnesty International (cited by Iran International)"]
    assert list(amnesty["claimant_affiliation_code"]) == ["ngo"]
    publisher = built["source"].set_index("source_id").loc[amnesty["source_id"].iloc[0]]
    assert publisher["affiliation_code"] != "ngo"


def test_no_coded_date_claims_more_than_its_evidence(built) -> None:
    event = built["event"]
    problems = []
    for r in event.to_dict("records"):
        coded = coded_date(r["event_date_jalali"] if r["event_date_calendar"] == "jalali"
                           else r["event_date"], r["event_date_precision"])
        assert isinstance(coded, CodedDate), (r["event_id"], coded)
        if p := date_evidence_problem(r["evidence"], coded):
            problems.append(f"{r['event_id']}: {p}")
    assert problems == []
    by_id = event.set_index("event_id")
    assert tuple(by_id.loc["r025-e1", ["event_date_earliest", "event_date_latest"]].astype(
        str).str[:10]) == ("1988-11-22", "1988-12-21")  # Azar 1367
    assert by_id.loc["r010-e2", "event_date_precision"] == "range"  # July to September 1988
    assert by_id.loc["r044-e2", "event_date"] == "2003/2017"


def test_no_two_sources_are_one_publication(built) -> None:
    source = built["source"]
    keys = source["url"].map(normalize_url).dropna()
    assert not keys.duplicated().any(), sorted(keys[keys.duplicated()])
    merged = source.set_index("source_id")["merged_source_ids"].dropna()
    assert merged.loc["wiki_en_1988"] == "report_r016"
    assert len(merged) >= 8
    old = {m for ids in merged for m in ids.split("; ")}
    for table in ("event", "claim", "reject"):
        assert not set(built[table]["source_id"]) & old
    # the same quote of one publication is published once
    assert "r015-e1" not in set(built["event"]["event_id"])
    assert set(built["event"]["event_id"]) >= {"EV_2010_geneva_expo"}


def test_happenings_group_reports_and_do_not_depend_on_row_order(built) -> None:
    event = built["event"]
    wave = event[(event["event_type"] == "execution_wave")
                 & (event["event_date_earliest"].astype(str).str[:4] == "1988")
                 & event["city"].isna()]
    assert len(wave) >= 10 and wave["happening_id"].nunique() == 1
    assert event["happening_id"].nunique() < len(event)
    cols = list(event.columns.drop("happening_id"))
    shuffled = assign_happenings(event[cols].sample(frac=1, random_state=3))
    assert list(shuffled.sort_index()["happening_id"]) == list(event["happening_id"])


def _estimate(**over: str) -> dict:
    rec = {"claim_id": "E1", "source_id": "s", "claimant": "Amnesty International",
           "claim_year": "", "low": "", "high": "", "best": "30000", "unit": "executed",
           "scope": "nationwide", "quote": "says that 30,000 prisoners died", "notes": "",
           "source_row": 2}
    return rec | over


def test_curated_estimates_take_the_same_encoding_from_the_figure_as_written() -> None:
    from pipeline.sources import facts_1988

    rows = [_estimate(), _estimate(claim_id="E2", best="", low="4000", quote="over 4,000 died"),
            _estimate(claim_id="E3", best="", quote="thousands died"),
            _estimate(claim_id="E4"), _estimate(claim_id="E5")]
    figures = {"E1": "30,000", "E2": "over 4,000", "E3": "thousands", "E5": "300,000"}
    res = facts_1988.claims(pd.DataFrame(rows), "raw/facts_1988/estimates.csv", figures,
                            {"Amnesty International": "ngo"})
    got = res.rows.set_index("claim_id")
    assert tuple(got.loc["E1", ["value_low", "value_best", "value_high"]]) == (30000,) * 3
    assert got.loc["E2", "value_qualifier_code"] == "at_least"
    assert got.loc["E3", "value_qualifier_code"] == "vague"
    assert set(got["claimant_affiliation_code"]) == {"ngo"}
    assert set(got["coding_method"]) == {"curated"}
    # no figure as written: rejected naming the table; a figure not in the quote: rejected
    assert sorted(zip(res.rejects["source_row"], res.rejects["reason_code"],
                      strict=True)) == [(2, "evidence_not_found"), (2, "missing_value")]


def test_the_claimant_table_refuses_duplicates_bad_codes_and_rows_without_a_note(work) -> None:
    from pipeline.errors import InputError

    path = work.etc / "codes" / "claimant_affiliation.csv"
    original = path.read_text(encoding="utf-8")
    for extra, field in (("NCRI,opposition_party,again\n", "name"),
                         ("Someone,bogus,x\n", "affiliation_code"),
                         ("Someone,ngo,\n", "note")):
        path.write_text(original + extra, encoding="utf-8")
        with pytest.raises(InputError) as err:
            ingest.run(work, snapshot.run(work))
        assert err.value.field == field and "claimant_affiliation.csv" in str(err.value)


_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# the figure as written does not show the number in digits, for a reason given here
_FIGURE_EXCEPTIONS = {"E031": "the source's OCR prints 'l,200' for 1,200"}


def test_every_figure_is_the_number_written_in_value_original(built) -> None:
    """A typo in a coder's low/high (or a curator's low/best/high) shows up here: each figure
    must be one of the numbers written in digits in value_original (x1000 before 'thousand',
    'ألف', 'هزار', 'mijë')."""
    import re

    wrong = []
    for r in built["claim"].to_dict("records"):
        text = (r["value_original"] or "").translate(_DIGITS)
        written = set()
        for m in re.finditer(r"(\d[\d,٬.]*\d|\d)(\s*(thousand|ألف|هزار|mijë))?", text):
            n = int(re.sub(r"[,٬.]", "", m.group(1)))
            written.add(n * 1000 if m.group(2) else n)
        figures = {int(v) for v in (r["value_low"], r["value_best"], r["value_high"])
                   if not pd.isna(v)}
        if written and not figures <= written and r["claim_id"] not in _FIGURE_EXCEPTIONS:
            wrong.append((r["claim_id"], r["value_original"], sorted(figures)))
    assert wrong == []
