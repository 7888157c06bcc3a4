"""Issue 16, session 4, round 4: error classes synth17's first look exposed, each on a small
text of our own (wording differs from synth17's), written before the rule."""

from __future__ import annotations

from tests.report_assistant.helpers import claims, events, keys


def test_active_detained_is_an_arrest() -> None:
    text = "Police in Tabriz detained four former political prisoners on Sunday."
    assert ("2022-08-28", "Tabriz", "IR") in keys(text, "2022-08-30")


def test_court_session_abroad_takes_the_dateline_city() -> None:
    text = ("TIRANA, Albania, June 7 (EW) - A Swedish court held hearings in the Albanian "
            "capital on Tuesday.")
    assert ("2022-06-07", "Tirana", "AL") in keys(text, "2022-06-08")


def test_city_where_the_verdict_is_expected() -> None:
    text = "The judges will then travel to Stockholm, where the verdict is expected on 2 March."
    assert ("2023-03-02", "Stockholm", "SE") in keys(text, "2023-01-10")


def test_experts_will_present_findings_to_the_council() -> None:
    text = ("The Special Rapporteur will present her findings to the Human Rights Council on "
            "4 March.")
    assert ("2024-03-04", "Geneva", "CH") in keys(text, "2024-02-20")


def test_arabic_scheduled_date_lies_ahead() -> None:
    text = "ومن المقرر أن يعقد مؤتمر في لندن يوم 3 أكتوبر."
    assert ("2019-10-03", "London", "GB") in keys(text, "2019-09-20")


def test_resolution_recalled_takes_the_body_in_the_header() -> None:
    text = ("General Assembly\nSeventy-sixth session\n"
            "Recalling its resolution 75/191 of 16 December 2020,")
    assert ("2020-12-16", "New York", "US") in keys(text, "2021-12")


def test_resolution_adopted_line() -> None:
    text = "Resolution adopted by the Human Rights Council on 7 April 2022"
    assert ("2022-04-07", "Geneva", "CH") in keys(text, "2022-04")


def test_un_header_date_after_long_padding() -> None:
    text = ("General Assembly" + " " * 30 + "Distr.: General\n" + " " * 50 + "3 August 2021\n"
            "Seventy-sixth session")
    assert ("un_report", "2021-08-03", "", "") in events(text, "2021-08")


def test_closing_role_source_wins_over_subject() -> None:
    text = "Prosecutors have named 12 witnesses, a court spokesman told reporters."
    got = claims(text, "2022-05")
    assert [(lo, hi) for _, lo, hi in got] == [(12, 12)]
    assert "spokesman" in got[0][0]


def test_quote_then_the_experts_said() -> None:
    text = '"At least nine graves were destroyed," the experts said.'
    got = claims(text, "2021-09", "Example UN Site")
    assert got and got[0][0] != "Example UN Site"


def test_paragraph_number_is_no_claim() -> None:
    assert claims("on the report of the Third Committee (A/76/462, para. 41)", "2021-12") == []
