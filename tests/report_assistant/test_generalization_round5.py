"""Issue 16, session 4, round 5: error classes synth18's first look exposed, each on a small
text of our own (wording differs from synth18's), written before the rule."""

from __future__ import annotations

from pipeline.report_assistant.places import dateline_city
from tests.report_assistant.helpers import claims, keys


def test_marched_from_is_a_protest() -> None:
    text = ("Hundreds of exiles marched from the Reichstag to the Brandenburg Gate in Berlin "
            "on Sunday.")
    assert ("2023-08-27", "Berlin", "DE") in keys(text, "2023-08-28")


def test_gathered_at_a_cemetery_is_a_commemoration() -> None:
    text = "On 1 September, dozens of mothers gathered at Khavaran to lay flowers."
    assert ("2023-09-01", "Tehran", "IR") in keys(text, "2023-09-03")


def test_allcaps_dateline_with_agency_and_dash() -> None:
    place = dateline_city("OSLO (NTB) — Norway's parliament held a hearing on Monday.")
    assert place is not None and place.city == "Oslo"


def test_arabic_dateline_with_date_in_brackets() -> None:
    place = dateline_city("جنيف (5 أيلول/سبتمبر 2023) - قال خبراء")
    assert place is not None and place.city == "Geneva"


def test_un_header_date_is_the_one_beside_distr_not_the_session() -> None:
    text = ("Human Rights Council        A/HRC/55/1\nFifty-fifth session         Distr.: General\n"
            "26 February-5 April 2024    9 February 2024\nAgenda item 4")
    assert ("2024-02-09", "", "") in keys(text, "2024-02")


def test_arabic_report_presented_to_the_council() -> None:
    text = "قدمت المقررة الخاصة تقريرها إلى مجلس حقوق الإنسان يوم الثلاثاء 12 مارس 2024."
    assert ("2024-03-12", "Geneva", "CH") in keys(text, "2024-03-15")


def test_special_rapporteur_notes_a_figure() -> None:
    text = "The Special Rapporteur notes that at least 400 people were executed in Tabriz."
    got = claims(text, "2023-06", "Example UN Mirror")
    assert got and got[0][0] != "Example UN Mirror"


def test_arabic_as_reported_by_the_organisers() -> None:
    text = "شارك نحو ثلاثمئة شخص في الوقفة، وفق ما أفاد منظمو الفعالية."
    assert claims(text, "2021-08", "Example Arabic Site") == [("organisers", 300, 300)]


def test_persian_plaintiffs_are_a_party() -> None:
    text = "به گفته شاکیان این پرونده، دست‌کم ۲۰۰ زندانی در یک هفته اعدام شدند."
    assert claims(text, "2021-08", "Example Persian Site") == [("plaintiffs", 200, None)]


def test_bracketed_wire_byline() -> None:
    text = "Dozens of relatives attended the hearing.\n(Reporting by Omar Haddad; Editing by Jo Li)"
    got = claims(text, "2022-05", "Example Wire")
    assert got and got[0][0] == "Omar Haddad"
