"""extract-eval: matching rules and precision / recall / F1."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.report_assistant.evaluate import (
    Score,
    claimants_match,
    event_match,
    score_claims,
    score_events,
)


def ev(rid: str, date: str, city: str, country: str) -> dict:
    return {"report_id": rid, "date": date, "city": city, "country": country}


@pytest.mark.parametrize(("gold", "pred", "same"), [
    pytest.param(ev("r1", "1988", "", "IR"), ev("r1", "1988-07", "", "IR"), True,
                 id="finer_prediction_matches_coarser_gold"),
    pytest.param(ev("r1", "1988-07", "", "IR"), ev("r1", "1988", "", "IR"), False,
                 id="coarser_prediction_does_not_match"),
    pytest.param(ev("r1", "2019-10-12", "Malmö", "SE"), ev("r1", "2019-10-12", "Malmo", "SE"),
                 True, id="city_diacritics"),
    pytest.param(ev("r1", "2020", "Islamshahr", "IR"), ev("r1", "2020", "Eslamshahr", "IR"),
                 True, id="city_same_gazetteer_entry"),
    pytest.param(ev("r1", "2020", "Tehran", "IR"), ev("r1", "2020", "", "IR"), False,
                 id="missing_city"),
    pytest.param(ev("r1", "2020", "", "IR"), ev("r1", "2020", "", "SE"), False,
                 id="other_country"),
])
def test_event_match(gold: dict, pred: dict, same: bool) -> None:
    assert event_match(gold, pred) is same


@pytest.mark.parametrize(("a", "b", "same"), [
    pytest.param("irannewsupdate.com", "Iran News Update (irannewsupdate.com)", True,
                 id="domain_in_brackets"),
    pytest.param("Radio Zamaneh", "mpliran.net (republishing Radio Zamaneh)", True,
                 id="relayed_source"),
    pytest.param("Amnesty International (cited by Iran International)", "Amnesty International",
                 True, id="qualifier_dropped"),
    pytest.param("Amnesty International (cited by Iran International)", "Iran International",
                 False, id="citing_party_is_not_the_claimant"),
    pytest.param("Human Rights Watch", "HRW", True, id="acronym"),
    pytest.param("Hussein Ali Montazeri (memoir)", "Montazeri", True, id="surname"),
    pytest.param("Amnesty International and Justice for Iran", "Justice for Iran", True,
                 id="one_of_two_parties"),
    pytest.param("NCRI", "Amnesty International", False, id="different"),
])
def test_claimants_match(a: str, b: str, same: bool) -> None:
    assert claimants_match(a, b) is same


def test_scores_are_one_to_one() -> None:
    gold = pd.DataFrame([ev("r1", "1988", "", "IR"), ev("r1", "2020", "Paris", "FR"),
                         ev("r2", "2021", "", "IR")])
    pred = pd.DataFrame([ev("r1", "1988-08", "", "IR"), ev("r1", "1988", "", "IR"),
                         ev("r2", "2021", "", "IR"), ev("r3", "2021", "", "IR")])
    score, missed, extra = score_events(gold, pred)
    assert (score.gold, score.pred, score.matched) == (3, 4, 2)
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert [m["city"] for m in missed] == ["Paris"]
    assert len(extra) == 2


def test_claim_scores_need_low_and_high() -> None:
    gold = pd.DataFrame([{"report_id": "r1", "claimant": "NCRI", "low": "30000", "high": ""}])
    pred = pd.DataFrame([{"report_id": "r1", "claimant": "NCRI", "low": "30000",
                          "high": "30000"}])
    assert score_claims(gold, pred)[0].matched == 0
    assert score_claims(gold, pred.assign(high=""))[0].matched == 1


def test_empty_prediction_scores_zero() -> None:
    assert Score(gold=3, pred=0, matched=0).f1 == 0.0
