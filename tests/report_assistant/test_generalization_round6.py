"""Issue 16, session 4, round 6: error classes synth19's first look exposed, each on a small
text of our own (wording differs from synth19's), written before the rule."""

from __future__ import annotations

from tests.report_assistant.helpers import keys


def test_committee_heard_testimony_at_the_dateline() -> None:
    text = ("CANBERRA, May 2 (EW) - An Australian Senate committee on Monday heard testimony "
            "from two former prisoners.")
    assert ("2022-05-02", "Canberra", "AU") in keys(text, "2022-05-03")


def test_arabic_release_with_a_long_gap() -> None:
    text = "نشرت منظمة العفو الدولية يوم الثلاثاء 4 كانون الأول/ديسمبر 2018 في لندن تقريرا جديدا."
    assert any(d == "2018-12-04" for d, _, _ in keys(text, "2018-12-10"))


def test_court_refused_is_a_ruling() -> None:
    text = "The Oslo District Court on Friday refused to open a case against the former official."
    assert ("2023-06-02", "Oslo", "NO") in keys(text, "2023-06-05")


def test_complaint_filed_is_an_event() -> None:
    text = "A criminal complaint was filed in Berlin in May 2020 on behalf of ten families."
    assert ("2020-05", "Berlin", "DE") in keys(text, "2020-09")


def test_demanded_trial_does_not_hide_the_protest() -> None:
    text = ("روز شنبه ۱۵ شهریور ۱۳۹۹ ایرانیان در پاریس با برگزاری تظاهرات خواستار محاکمه "
            "آمران کشتار شدند.")
    assert ("2020-09-05", "Paris", "FR") in keys(text, "2020-09-07")


def test_city_before_a_named_airport() -> None:
    text = "He was detained at Frankfurt Main airport on 3 March 2021."
    assert ("2021-03-03", "Frankfurt am Main", "DE") in keys(text, "2021-03") or \
        ("2021-03-03", "Frankfurt", "DE") in keys(text, "2021-03")
