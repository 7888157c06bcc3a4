"""Issue 16: one test per error class seen on unseen publishers, on small texts of our own."""

from __future__ import annotations

import pytest

from pipeline.report_assistant.core import dateline_pub
from pipeline.report_assistant.evaluate import cv_folds, is_holdout, publisher_fold, publisher_key
from pipeline.report_assistant.text import is_furniture
from tests.report_assistant.helpers import claims, events

# ---- page furniture and captions --------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "FILE PHOTO: Iranian exiles rally in Berlin, July 2019.",
    "FILE - Protesters in Paris on 1 July 2018 (AFP)",
    "Photo: Supporters held a rally in Oslo on 12 October 2019.",
    "5 min read", "Reading time: 4 minutes", "rally_2019_10_12_4431.jpg",
])
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)
    assert events(line, "2019-10") == []


def test_running_text_is_not_furniture() -> None:
    assert not is_furniture("Exiles held a rally in Berlin on Saturday.")


def test_caption_does_not_add_an_event_beside_the_story() -> None:
    text = ("Iranians held a rally in Berlin on 12 July 2019.\n"
            "FILE PHOTO: Iranians held a rally in Paris on 1 July 2018.")
    assert events(text, "2019-07") == [("protest", "2019-07-12", "Berlin", "DE")]


def test_repeated_headline_is_one_mention() -> None:
    text = ("Exiles rally in Berlin on 12 July 2019\nExiles rally in Berlin on 12 July 2019\n"
            "The rally drew hundreds.")
    assert events(text, "2019-07").count(("protest", "2019-07-12", "Berlin", "DE")) == 1


@pytest.mark.parametrize(("text", "value"), [
    ("The rally began at 10.30 GMT in front of the embassy.", 10),
    ("Reading time: 7 minutes. Families gathered.", 7),
    ("The report is listed under agenda item 4 of the session.", 4),
    ("It will be discussed at the 52nd session of the Council.", 52),
    ("See image rally_4431.jpg for the protest.", 4431),
])
def test_furniture_numbers_are_not_claims(text: str, value: int) -> None:
    assert all(value not in (lo, hi) for _, lo, hi in claims(text))


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Montazeri said two thousand eight hundred prisoners were executed.", 2800, 2800),
    ("Some five hundred and sixty prisoners were executed in Mashhad.", 560, 560),
    ("More than three thousand five hundred prisoners were executed.", 3500, None),
])
def test_spelled_out_compound_numbers_read_exactly(text: str, low: int, high: int | None
                                                    ) -> None:
    assert any((lo, hi) == (low, high) for _, lo, hi in claims(text))


# ---- claimants -------------------------------------------------------------------------------

def test_according_to_described_party() -> None:
    [(who, lo, _)] = claims("About 5,000 prisoners were executed, according to human rights "
                            "groups.")
    assert (who, lo) == ("human rights groups", 5000)


def test_list_compiled_by_a_party() -> None:
    [(who, lo, _)] = claims("A list compiled by the PMOI names 20,000 victims of the massacre.")
    assert (who, lo) == ("PMOI", 20000)


def test_named_authors_not_the_hosting_website() -> None:
    text = "Why 1988 still matters\nBy Jane Doe and John Roe\nThousands of prisoners were hanged."
    [(who, lo, _)] = claims(text, publisher="example-blog.org")
    assert "Jane Doe" in who and lo == 1000


def test_publisher_column_beside_claimant(make_reports) -> None:  # noqa: ANN001
    from pipeline.report_assistant.core import extract_reports, read_reports

    folder = make_reports([{"report_id": "g1", "published_date": "2021", "publisher": "Host.org",
                            "text": "According to Amnesty International, 5,000 were executed."}])
    _, cl = extract_reports(read_reports(folder))
    assert list(cl[["claimant", "publisher"]].iloc[0]) == ["Amnesty International", "Host.org"]


# ---- events ----------------------------------------------------------------------------------

def test_letter_sending_and_publication_dates_are_two_events() -> None:
    text = ("UN experts sent a letter to Iran on 3 September 2020, which was published on "
            "9 December 2020.")
    dates = {d for t, d, _, _ in events(text, "2020-12") if t == "un_statement"}
    assert dates == {"2020-09-03", "2020-12-09"}


def test_wire_dateline_anchors_the_weekday() -> None:
    text = ("STOCKHOLM, Aug 10 (Reuters) - A Swedish court on Tuesday opened the trial of a "
            "former Iranian prison official.")
    assert dateline_pub("2021", text) == "2021-08-10"
    assert ("trial", "2021-08-10", "Stockholm", "SE") in events(text, "2021")


def test_verdict_in_wire_story() -> None:
    text = ("STOCKHOLM, July 14 (Reuters) - A Swedish court on Thursday sentenced a former "
            "Iranian official to life in prison.")
    assert ("court_ruling", "2022-07-14", "Stockholm", "SE") in events(text, "2022-07")


def test_report_to_be_debated_at_un_body_is_at_its_seat() -> None:
    text = ("The Special Rapporteur's report on Iran is to be debated at the UN Human Rights "
            "Council on 18 March 2024.")
    assert ("un_report", "2024-03-18", "Geneva", "CH") in events(text, "2024-03-01")


def test_two_kinds_held_together_give_two_rows() -> None:
    text = "Exiles held a rally and an exhibition in Berlin on 12 July 2019."
    got = events(text, "2019-07")
    assert ("protest", "2019-07-12", "Berlin", "DE") in got
    assert ("exhibition", "2019-07-12", "Berlin", "DE") in got


def test_arrest_not_placed_at_the_prison_city() -> None:
    text = "Security forces arrested the activist in Rasht on 5 May 2021 and took her to Evin."
    got = events(text, "2021-05")
    assert ("other", "2021-05-05", "Rasht", "IR") in got
    assert not any(c == "Tehran" for _, _, c, _ in got)
    got = events("He was arrested on 5 May 2021 and taken to Evin prison.", "2021-05")
    assert got == [("other", "2021-05-05", "", "IR")]


@pytest.mark.parametrize("text", [
    "Since 1979 the authorities have arrested thousands of dissidents.",
    "Protesters recalled the 1979 revolution at the rally in Berlin.",
])
def test_context_years_are_not_event_dates(text: str) -> None:
    assert not any(d == "1979" for _, d, _, _ in events(text, "2019-07"))


# ---- evaluation discipline -------------------------------------------------------------------

def test_publisher_key_and_folds_are_stable() -> None:
    assert publisher_key("Iran International (Arabic)") == publisher_key("Iran International")
    assert publisher_fold("Reuters (mirror copy)", 5) == publisher_fold("Reuters", 5)
    pubs = {"a": "Reuters", "b": "Reuters (mirror)", "c": "BBC Persian", "d": "Wikipedia"}
    folds = cv_folds(pubs, "publisher")
    assert sorted(len(r) for _, r in folds) == [1, 1, 2]
    assert all({"a", "b"} <= r or not ({"a", "b"} & r) for _, r in cv_folds(pubs, "3"))
    with pytest.raises(ValueError):
        cv_folds(pubs, "1")
    # the held-out set is whole publishers
    assert is_holdout("Reuters") == is_holdout("Reuters (mirror copy)")


def test_government_reaction_to_a_foreign_court_is_the_reaction() -> None:
    text = ("TEHRAN, July 15 (Example Wire) - Iran on Friday condemned the life sentence handed "
            "down by a Swedish court to a former official.")
    assert events(text, "2022-07-15") == [("other", "2022-07-15", "Tehran", "IR")]


def test_hypothetical_would_is_not_an_event() -> None:
    assert events("A spokesman said Tehran would summon the Swedish envoy.", "2022-07-15") == []


def test_expected_verdict_after_publication_at_the_dateline_court() -> None:
    text = ("STOCKHOLM, May 4 (Reuters) - The trial opened in August 2021. A verdict is expected "
            "on July 14.")
    assert ("court_ruling", "2022-07-14", "Stockholm", "SE") in events(text, "2022-05")


def test_wire_credit_at_the_end_names_the_claimant() -> None:
    text = "The court has heard 58 witnesses.\nReporting by Anna Berg; editing by Tom Hale"
    assert claims(text, publisher="Reuters") == [("Anna Berg", 58, 58)]


def test_arabic_word_number_with_thousands_is_one_figure() -> None:
    got = claims("وقالت منظمة العفو الدولية إن نحو خمسة آلاف سجين أعدموا سرا.", "2023-08-29")
    assert got == [("Amnesty International", 5000, 5000)]


def test_n_years_on_is_a_time_anchor_not_a_figure() -> None:
    assert claims("Opinion: Thirty years on, the graves still speak") == []


def test_arabic_yesterday_inside_a_word_is_not_a_date() -> None:
    text = "أحيا إيرانيون يوم السبت الذكرى الخامسة والثلاثين لمجزرة السجناء بمسيرة ومعرض في برلين."
    got = events(text, "2023-08-29")
    assert ("protest", "2023-08-26", "Berlin", "DE") in got
    assert ("exhibition", "2023-08-26", "Berlin", "DE") in got
    assert not any(d == "2023-08-28" for _, d, _, _ in got)


def test_rallies_to_commemorate_are_protests_only() -> None:
    text = "On 26 August 2021 exiles held rallies in Berlin and Paris to commemorate the victims."
    assert {t for t, _, _, _ in events(text, "2021-08")} == {"protest"}


def test_meeting_announced_with_weekday_and_day_month() -> None:
    text = "A public meeting will be held at the European Parliament on Tuesday, 12 March."
    assert any(t == "conference" and d == "2024-03-12"
               for t, d, _, _ in events(text, "2024-03-01"))


def test_un_resolution_with_number_and_ocr_date() -> None:
    text = "The General Assembly adopted resolution 77/228 on 15December 2022 on Iran."
    got = events(text, "2023")
    assert any(t == "un_statement" and d == "2022-12-15" for t, d, _, _ in got)
    assert all(lo not in (77, 228) for _, lo, _ in claims(text, "2023"))


@pytest.mark.parametrize("text", [
    "Thousands were executed in the prisons of Tehran in the summer of 1988.",
    "الذين أُعدموا في سجون طهران، خلال صيف عام 1988 سرًا.",
])
def test_killings_at_a_named_prison_city(text: str) -> None:
    assert ("execution_wave", "1988", "Tehran", "IR") in events(text, "2020")


def test_arabic_comma_does_not_hide_a_city() -> None:
    text = "بدأت في ستوكهولم، الثلاثاء، محاكمة مسؤول إيراني سابق."
    assert ("trial", "2021-08-10", "Stockholm", "SE") in events(text, "2021-08-11")


def test_arabic_until_is_an_end_not_a_date() -> None:
    text = "وقال المدعي العام إن المحاكمة ستستمر حتى أبريل 2022."
    assert not any(d.startswith("2022-04") for _, d, _, _ in events(text, "2021-08-11"))


def test_arabic_thousands_with_a_preposition_and_role_party() -> None:
    assert claims("وقال المدعي العام إن أكثر من 30 شاهدا سيدلون بشهاداتهم.") == [
        ("prosecutor", 30, None)]
    assert any(lo == 1000 for _, lo, _ in claims("الضحايا يقدر عددهم بالآلاف."))


def test_wire_today_is_the_dateline_day() -> None:
    text = "NEW YORK, 18 July 2024 – The UN Special Rapporteur presented his final report today."
    assert dateline_pub("2024-07-19", text) == "2024-07-18"
    assert any(d == "2024-07-18" for _, d, _, _ in events(text, "2024-07-19"))
