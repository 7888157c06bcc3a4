"""Claims: every figure as a claim of whoever states it, low/high per the annotation rules."""

from __future__ import annotations

import pytest

from pipeline.report_assistant.claims import extract_claims
from pipeline.report_assistant.core import context_for

PUB = "Example News"


def rows(text: str, pub: str = "2020-05-01") -> list[tuple[str, int | None, int | None]]:
    return [(c.claimant, c.low, c.high) for c in extract_claims(text, context_for(pub, text), PUB)]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("The regime executed 30,000 political prisoners.", (PUB, 30000, 30000),
                 id="exact_publisher_voice"),
    pytest.param("Officials executed about 4,500 prisoners.", (PUB, 4500, 4500), id="about"),
    pytest.param("More than 150 former officials signed the letter.", (PUB, 150, None),
                 id="more_than_low_only"),
    pytest.param("The massacre of nearly 30,000 prisoners.", (PUB, None, 30000),
                 id="nearly_high_only"),
    pytest.param("Authorities executed between 2,800 and 3,800 prisoners.", (PUB, 2800, 3800),
                 id="between_range"),
    pytest.param("They executed 2,800 to 3,800 people.", (PUB, 2800, 3800), id="to_range"),
    pytest.param("Thousands of prisoners were executed.", (PUB, 1000, None), id="thousands"),
    pytest.param("Several thousand prisoners were executed.", (PUB, 2000, None),
                 id="several_thousand"),
    pytest.param("Hundreds of families gathered.", (PUB, 100, None), id="hundreds"),
    pytest.param("Dozens of relatives were questioned.", (PUB, 20, None), id="dozens"),
    pytest.param("The killings took place within several days.", (PUB, 2, None),
                 id="several_days"),
    pytest.param("A five-member commission decided their fate.", (PUB, 5, 5),
                 id="word_number_hyphen"),
    pytest.param("Twenty-five prisoners were hanged that night.", (PUB, 25, 25),
                 id="compound_word_number"),
    pytest.param("با حضور ۷۰۰ تا ۸۰۰ نفر از خانواده ها", (PUB, 700, 800),
                 id="persian_digits_range"),
    pytest.param("بمشاركة ٧٠٠ الى ٨٠٠ شخص من العائلات", (PUB, 700, 800),
                 id="arabic_indic_digits_range"),
    pytest.param("چند هزار نفر از زندانیان اعدام شدند", (PUB, 2000, None),
                 id="persian_several_thousand"),
    pytest.param("مجزرة ضد 30 ألف سجين سياسي", (PUB, 30000, 30000), id="arabic_thousand_word"),
])
def test_figure(text: str, expected: tuple) -> None:
    assert expected in rows(text)


@pytest.mark.parametrize(("text", "claimant"), [
    pytest.param("According to Amnesty International, about 4,500 prisoners were executed.",
                 "Amnesty International", id="according_to"),
    pytest.param("Human Rights Watch estimated that 5,000 prisoners were killed.",
                 "Human Rights Watch", id="name_estimated"),
    pytest.param("The Boroumand Center, after reviewing lists, puts the number at 4,000.",
                 "Boroumand Center", id="name_comma_clause_puts"),
    pytest.param("In his memoirs, Hossein Ali Montazeri gave a figure of 3,000 prisoners.",
                 "Hossein Ali Montazeri", id="in_his_memoirs"),
    pytest.param("Other sources suggest that 12,000 were executed.", "Other sources",
                 id="unnamed_sources"),
])
def test_claimant(text: str, claimant: str) -> None:
    assert [r[0] for r in rows(text)] == [claimant]


def test_attribution_stops_at_a_clause_break() -> None:
    text = ("Amnesty International says 4,500 were killed; the opposition puts the toll at "
            "30,000.")
    got = rows(text)
    assert ("Amnesty International", 4500, 4500) in got
    assert (PUB, 30000, 30000) in got


@pytest.mark.parametrize("text", [
    pytest.param("On August 20, 2022, families gathered.", id="date_and_year"),
    pytest.param("It was the 32nd anniversary of the killings.", id="ordinal"),
    pytest.param("The killings happened 25 years ago.", id="years_ago"),
    pytest.param("No one has been punished in the past 32 years.", id="past_n_years"),
    pytest.param("در مرداد ۱۳۶۷ اعدام ها آغاز شد", id="jalali_year"),
    pytest.param("The killings were documented.[12][13]", id="footnotes"),
    pytest.param("Its report, Four Decades of Impunity, was published.", id="title_word_number"),
])
def test_not_a_claim(text: str) -> None:
    assert rows(text) == []


def test_same_figure_same_claimant_once_but_other_claimant_kept() -> None:
    text = ("The regime killed 30,000 prisoners. The 30,000 victims are remembered. "
            "According to the NCRI, 30,000 were killed.")
    assert rows(text) == [(PUB, 30000, 30000), ("NCRI", 30000, 30000)]


def test_value_text_is_inside_evidence_and_evidence_inside_text() -> None:
    text = "Witnesses said that over 1,000 prisoners were hanged in the first week alone."
    [c] = extract_claims(text, context_for("2020", text), PUB)
    assert c.value_text == "over 1,000"
    assert c.value_text in c.evidence and c.evidence in text


@pytest.mark.parametrize("text", [
    pytest.param("For nearly three decades the families waited.", id="decades"),
    pytest.param("در بیست و هشتمین سالگرد کشتار، خانواده ها جمع شدند", id="persian_ordinal"),
    pytest.param("زندانیان دهه ۶۰ را به یاد آوردند", id="persian_decade"),
])
def test_time_spans_and_ordinals_are_not_claims(text: str) -> None:
    assert rows(text) == []


def test_if_not_gives_one_claim_at_the_lower_figure() -> None:
    assert rows("Hundreds, if not thousands, of prisoners were hanged.") == [(PUB, 100, None)]


def test_a_court_states_the_sentence_it_hands_down() -> None:
    text = "On May 9, Iran’s Special Clergy Court sentenced him to 21 years in prison."
    assert rows(text) == [("Special Clergy Court", 21, 21)]


@pytest.mark.parametrize(("text", "claimant"), [
    pytest.param("- We counted 400 graves in one field, says Parvin Ahmadi.", "Parvin Ahmadi",
                 id="says_name_after"),
    pytest.param("About 700 people attended the rally, said the organiser Ali Rezaei.",
                 "Ali Rezaei", id="said_role_name_after"),
])
def test_attribution_after_the_figure(text: str, claimant: str) -> None:
    assert [r[0] for r in rows(text)] == [claimant]


def test_the_court_refers_back_to_the_court_named_before() -> None:
    text = ("In May, the Revolutionary Court sentenced him to 10 years in prison. On appeal, "
            "the court ruled that he must serve only four years.")
    assert rows(text) == [("Revolutionary Court", 10, 10), ("Revolutionary Court", 4, 4)]


# ---- generalisation rules (texts written for these tests) ----------------------------------

def test_length_of_a_war_is_not_a_claim() -> None:
    assert rows("Iran accepted a ceasefire ending the eight-year war with Iraq.") == []


def test_speaker_before_a_colon_is_the_claimant() -> None:
    text = "Banners read: “Jane Doe: The killers of nearly 30,000 prisoners must face justice”."
    assert ("Jane Doe", None, 30000) in rows(text)


def test_parliamentary_speech_speaks_for_the_member_named_in_the_title() -> None:
    text = "Mr. Speaker, in 1988 the regime massacred 5,000 political prisoners."
    got = extract_claims(text, context_for("2013-10", text), "Hansard",
                         "Jane Doe statement, House of Commons debates")
    assert [(c.claimant, c.low) for c in got] == [("Jane Doe", 5000)]


def test_reporting_by_byline_speaks_for_the_relayed_party() -> None:
    text = "Reporting by Example Group\n\nMore than 150 former officials signed the letter."
    assert ("Example Group", 150, None) in rows(text)


def test_the_report_says_refers_back_to_the_reports_owner() -> None:
    text = ("Amnesty published its new report on Tuesday. The 90-page report explains that the "
            "authorities executed thousands of prisoners in secret.")
    got = rows(text)
    assert ("Amnesty", 1000, None) in got
    assert (PUB, 90, 90) in got


def test_persian_source_named_in_the_next_sentence() -> None:
    text = ("مراسم با شرکت ۵۰۰ تا ۶۰۰ نفر برگزار شد. این خبر را خانم مریم احمدی یکی از "
            "بازماندگان به رادیو فردا گفت.")
    assert ("مریم احمدی", 500, 600) in rows(text)


def test_arabic_alef_maksura_in_a_range_word() -> None:
    # «الى» is written with alef maksura; the text is normalised before matching
    assert (PUB, 700, 800) in rows("شارك ٧٠٠ الى ٨٠٠ شخص في الوقفة.")


def test_un_experts_expressing_alarm_claim_the_figure() -> None:
    text = ("UN human rights experts today expressed alarm at the refusal to disclose the fate "
            "of thousands of prisoners.")
    assert ("UN human rights experts", 1000, None) in rows(text)


def test_report_documenting_belongs_to_its_publisher_but_page_count_to_the_describer() -> None:
    text = ("Amnesty International published a 200-page report on Tuesday documenting the fate "
            "of thousands of victims.")
    got = rows(text)
    assert ("Amnesty International", 1000, None) in got
    assert (PUB, 200, 200) in got


def test_releasing_a_file_about_a_figure_does_not_make_the_releaser_its_claimant() -> None:
    text = ("The office of Ayatollah Montazeri released an audio file concerning the execution "
            "of thousands of prisoners.")
    assert (PUB, 1000, None) in rows(text)


def test_he_estimated_refers_to_the_person_introduced_before() -> None:
    text = ("Jane Doe was a senior cleric. In 1988, she wrote letters to the leader and "
            "estimated that between 2,800 and 3,800 people had been executed.")
    assert ("Jane Doe", 2800, 3800) in rows(text)


def test_as_many_as_is_high_only() -> None:
    assert ("Rights groups", None, 5000) in rows(
        "Rights groups say as many as 5,000 prisoners were executed.")


def test_arabic_said_that_and_a_few_months() -> None:
    text = "وقالت فلانة الفلانية إن النظام أعدم أكثر من 30 ألف سجين خلال بضعة أشهر."
    got = rows(text)
    assert ("فلانة الفلانية", 30000, None) in got
    assert ("فلانة الفلانية", 2, None) in got


def test_known_party_named_in_persian_is_written_in_english() -> None:
    text = ("سازمان عفو بین‌الملل روز پنجشنبه در بیانیه‌ای از دولت ایران خواست تا درباره اعدام "
            "هزاران زندانی سیاسی تحقیق کند.")
    assert ("Amnesty International", 1000, None) in rows(text)
    arabic = "وقالت مريم رجوي إن النظام أعدم أكثر من 30 ألف سجين."
    assert ("Maryam Rajavi", 30000, None) in rows(arabic)


def test_day_range_numbers_are_dates_and_weekday_is_not_a_claimant() -> None:
    assert rows("The tribunal sat in London from 18 to 22 June 2012.") == []
    text = "Amnesty International on Tuesday released a report which says some 5,000 died."
    assert ("Amnesty International", 5000, 5000) in rows(text)


def test_coordinates_are_not_claims_and_prosecutors_say() -> None:
    assert rows("Coordinates: 35°35′N 51°32′E") == []
    assert ("Prosecutors", 35, 35) in rows("Prosecutors say that 35 plaintiffs will testify.")


def test_arabic_the_thousands_and_anniversary_is_not_a_say_verb() -> None:
    text = "نظم أنصار منظمة مجاهدي خلق مسيرة بمناسبة الذكرى السادسة والثلاثين، شارك فيها الآلاف."
    assert (PUB, 1000, None) in rows(text)


def test_prosecutors_suspect() -> None:
    text = "Prosecutors suspect him of involvement in the execution of thousands of prisoners."
    assert ("Prosecutors", 1000, None) in rows(text)


def test_postposed_at_least_and_arabic_report_owner() -> None:
    text = "أصدرت منظمة العفو الدولية تقريراً يوثق تدمير مقابر في 7 مواقع على الأقل."
    assert ("Amnesty International", 7, None) in rows(text)


def test_arabic_number_with_thousands_scale_and_the_hundreds() -> None:
    assert ("Amnesty International", 5000, None) in rows(
        "قالت منظمة العفو الدولية إن أكثر من 5 آلاف سجين أعدموا.")
    assert (PUB, 100, None) in rows("شارك المئات في التظاهرة.")
    # a year before «صدها» is not a scale
    assert (PUB, 100, None) in rows("در شهریور سال ۱۳۶۷ صدها تن اعدام شدند.")


def test_persian_according_to_him_is_the_party_named_before() -> None:
    text = ("احمد منتظری فایل صوتی را منتشر کرد. به گفته او، حدود ۴۰۰۰ زندانی اعدام شدند.")
    assert ("Montazeri", 4000, 4000) in rows(text)
