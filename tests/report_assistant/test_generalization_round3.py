"""Issue 16, session 4, round 3: error classes synth16's first look exposed, each on a small
text of our own (wording differs from synth16's), written before the rule."""

from __future__ import annotations

from tests.report_assistant.helpers import claims, events, keys


def test_court_said_it_would_rule_on_a_future_date() -> None:
    text = ("THE HAGUE, March 2 (EW) - The district court said on Thursday it would hand down "
            "its verdict on April 14.")
    assert ("2023-04-14", "The Hague", "NL") in keys(text, "2023-03-03")


def test_hypothetical_would_stays_out() -> None:
    text = "The minister said Tehran would summon the envoy if the trial went ahead."
    assert events(text, "2023-03-03") == []


def test_communication_made_public_in_a_un_document() -> None:
    text = ("Distr.: General 2 May 2022\n5. On 1 February 2022, the Special Rapporteur sent a "
            "communication to the Government. The communication was made public on 4 April 2022.")
    dates = {d for _, d, _, _ in events(text, "2022-05")}
    assert {"2022-02-01", "2022-04-04"} <= dates


def test_ngo_release_is_a_statement_without_place() -> None:
    text = "The Example Rights Group on Monday published new testimony from former prisoners."
    assert ("2022-08-29", "", "") in keys(text, "2022-08-30")


def test_persian_city_list_after_one_preposition() -> None:
    text = "ماموران روز شنبه ۱۰ شهریور ۱۴۰۰ چند نفر را در شیراز و تبریز بازداشت کردند."
    cities = {c for _, c, _ in keys(text, "2021-09-02")}
    assert {"Shiraz", "Tabriz"} <= cities


def test_arabic_joined_kinds_with_an_adjective_between() -> None:
    text = "نظم ناشطون يوم الأحد مسيرة احتجاجية ومعرضا فنيا في باريس."
    kinds = {t for t, _, c, _ in events(text, "2021-09-01") if c == "Paris"}
    assert kinds == {"protest", "exhibition"}


def test_reaction_and_the_ruling_it_reacts_to_are_two_rows() -> None:
    text = ("DUBAI, Dec 20 (EW) - Iran condemned on Wednesday the verdict handed down by a "
            "Stockholm appeals court on Tuesday against a former prison official.")
    got = keys(text, "2023-12-20")
    assert ("2023-12-20", "", "IR") in got
    assert ("2023-12-19", "Stockholm", "SE") in got


def test_to_protest_against_a_verdict_is_no_demonstration() -> None:
    text = "Iran summoned the Dutch envoy on Monday to protest against the court's decision."
    got = events(text, "2023-05-02")
    assert [t for t, _, _, _ in got] == ["other"]


def test_persian_report_to_be_examined_at_the_council() -> None:
    text = "گزارش این گروه قرار است روز ۲۰ مارس ۲۰۲۳ در شورای حقوق بشر بررسی شود."
    assert ("2023-03-20", "Geneva", "CH") in keys(text, "2023-03-01")


def test_year_of_a_persons_arrest_is_no_wave() -> None:
    text = ("Mr Karimi, who was jailed in 1983, told the panel about the death commission. "
            "The 1988 massacre claimed thousands of lives.")
    waves = {d for t, d, _, _ in events(text, "2021-08") if t == "execution_wave"}
    assert waves == {"1988"}


def test_closing_the_court_said_refers_to_the_court_named_before() -> None:
    text = ("Norway's Supreme Court said on Monday it would hear the appeal on 3 May.\n"
            "The hearing will last 12 days, the court said.")
    got = claims(text, "2023-03-01", "Example News")
    assert ("Norway's Supreme Court", 12, 12) in got or ("Supreme Court", 12, 12) in got


def test_according_to_survivors_and_mourners() -> None:
    for role in ("survivors", "mourners", "families of the victims"):
        text = f"According to {role}, guards beat some 40 people at the gate."
        got = claims(text, "2021-09", "Example Site")
        assert got and got[0][0] != "Example Site", role


def test_persian_according_to_him_after_a_rapporteur() -> None:
    text = ("گزارشگر ویژه سازمان ملل روز دوشنبه بیانیه‌ای منتشر کرد.\n"
            "به گفته او، دست‌کم هزار زندانی در گورهای بی‌نام دفن شده‌اند.")
    got = claims(text, "2021-06", "Example Persian Site")
    assert got == [("UN Special Rapporteur", 1000, None)]
