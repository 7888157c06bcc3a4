"""Issue 16, session 4, round 7: error classes synth20's first look exposed, each on a small
text of our own (wording differs from synth20's), written before the rule."""

from __future__ import annotations

from tests.report_assistant.helpers import keys


def test_resolution_adopted_by_a_vote() -> None:
    text = ("Third Committee\nIran: draft resolution A/C.3/75/L.33, adopted on 18 November 2020 "
            "by a recorded vote.")
    assert ("2020-11-18", "New York", "US") in keys(text, "2020-11")


def test_arabic_levantine_and_standard_month_pair() -> None:
    text = "أقيم يوم السبت 12 أيلول/سبتمبر 2020 معرض للصور في لندن."
    assert ("2020-09-12", "London", "GB") in keys(text, "2020-09-20")


def test_past_event_verb_before_a_weekday_in_a_sentence_about_the_future() -> None:
    text = ("The retrial began at the district court in Oslo on Monday and is scheduled to last "
            "until June.")
    assert ("2023-03-06", "Oslo", "NO") in keys(text, "2023-03-08")
