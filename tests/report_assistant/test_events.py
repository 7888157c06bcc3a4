"""Events: weekday dates, relative dates, anniversaries, several cities, place spellings."""

from __future__ import annotations

import pytest

from pipeline.report_assistant.core import context_for
from pipeline.report_assistant.events import extract_events


def rows(text: str, pub: str = "") -> list[tuple[str, str, str, str, str]]:
    return [(e.event_type, e.date, e.date_precision, e.city, e.country)
            for e in extract_events(text, context_for(pub, text))]


@pytest.mark.parametrize(("text", "pub", "expected"), [
    pytest.param("On Saturday, October 12, supporters held a demonstration in Oslo.", "2019-10",
                 ("protest", "2019-10-12", "day", "Oslo", "NO"), id="weekday_day_no_year"),
    pytest.param("On Saturday, December 14, a vigil was held in Paris.", "2020-01-05",
                 ("commemoration", "2019-12-14", "day", "Paris", "FR"),
                 id="weekday_picks_year_that_matches"),
    pytest.param("The court in Stockholm rejected the appeal on Wednesday.", "2024-03-11",
                 ("court_ruling", "2024-03-06", "day", "Stockholm", "SE"),
                 id="bare_weekday_before_publication"),
    pytest.param("Last week, exiles staged a protest in Toronto.", "2021-06-15",
                 ("protest", "2021-06", "month", "Toronto", "CA"), id="last_week_month"),
    pytest.param("Yesterday a memorial ceremony took place in Hamburg.", "2021-06-15",
                 ("commemoration", "2021-06-14", "day", "Hamburg", "DE"), id="yesterday_day"),
    pytest.param("Last month, relatives organised a vigil in Vienna.", "2021-01-20",
                 ("commemoration", "2020-12", "month", "Vienna", "AT"), id="last_month"),
    pytest.param("On the 30th anniversary of the 1988 massacre, a ceremony was held in Berlin.",
                 "", ("commemoration", "2018", "year", "Berlin", "DE"),
                 id="anniversary_without_publication_date"),
    pytest.param("A rally was held in Malmo to remember the victims.", "2019-10-01",
                 ("protest", "2019-10", "month", "Malmö", "SE"), id="spelling_malmo"),
    pytest.param("مراسم یادبود در تهران روز ۸ شهریور ۱۳۸۱ برگزار شد.", "",
                 ("commemoration", "2002-08-30", "day", "Tehran", "IR"),
                 id="persian_jalali_day_and_city"),
    pytest.param("تظاهر أبناء الجالية في لندن يوم 5 أغسطس 2017.", "",
                 ("protest", "2017-08-05", "day", "London", "GB"), id="arabic_city_and_month"),
])
def test_one_event(text: str, pub: str, expected: tuple) -> None:
    assert expected in rows(text, pub)


def test_several_cities_in_one_sentence_give_one_event_each() -> None:
    got = rows("Rallies were held in Toronto, Hamburg and Gothenburg on August 20, 2022.")
    assert [(r[3], r[4]) for r in got if r[0] == "protest"] == [
        ("Toronto", "CA"), ("Hamburg", "DE"), ("Gothenburg", "SE")]
    assert {r[1] for r in got} == {"2022-08-20"}


def test_list_continuation_takes_the_previous_event() -> None:
    text = ("On the 33rd anniversary of the 1988 massacre, young activists commemorated the "
            "victims. These activities were carried out in Shiraz, Rasht and Eslamshahr.")
    got = rows(text)
    assert ("commemoration", "2021", "year", "Rasht", "IR") in got
    assert ("commemoration", "2021", "year", "Eslamshahr", "IR") in got


def test_execution_wave_once_at_its_finest_date() -> None:
    text = ("The 1988 massacre is remembered every year. Between late July and early September "
            "1988, thousands of prisoners were executed.")
    waves = [r for r in rows(text, "2020-08") if r[0] == "execution_wave"]
    assert waves == [("execution_wave", "1988-07", "month", "", "IR")]


def test_person_names_are_not_cities() -> None:
    text = "On May 3, 2019, Senator Kerry Paris said the families were arrested."
    assert all(r[3] == "" for r in rows(text))


def test_a_later_mention_of_the_same_event_is_not_a_new_event() -> None:
    text = ("On Friday, October 4, exiles held a demonstration in London. Speakers addressed "
            "the protest and called for justice.")
    assert len([r for r in rows(text, "2019-10-10") if r[0] == "protest"]) == 1


def test_month_day_without_year_takes_the_year_the_narrative_named() -> None:
    text = ("On March 3, 2015, the son of the cleric was arrested. On May 9, a court in Qom "
            "sentenced him to prison.")
    assert ("court_ruling", "2015-05-09", "day", "Qom", "IR") in rows(text, "2017")


def test_month_day_after_publication_belongs_to_the_year_before() -> None:
    text = "On December 20, relatives held a vigil in Paris."
    assert ("commemoration", "2019-12-20", "day", "Paris", "FR") in rows(text, "2020-01-10")


def test_year_range_is_dated_by_its_start() -> None:
    text = "The authorities bulldozed graves between 2003 and 2017."
    assert ("other", "2003", "year", "", "IR") in rows(text, "2018-04")


def test_anniversary_in_publication_year_takes_publication_month() -> None:
    text = "Marking the 30th anniversary of the 1988 massacre, families held a vigil in Rome."
    assert ("commemoration", "2018-08", "month", "Rome", "IT") in rows(text, "2018-08-20")


def test_un_statement_has_no_place_unless_stated() -> None:
    text = ("On September 3, 2020, UN experts sent a letter to the Iranian government warning "
            "of crimes against humanity.")
    assert ("un_statement", "2020-09-03", "day", "", "") in rows(text, "2020-12-09")


# ---- generalisation rules (texts written for these tests) ----------------------------------

def test_statement_in_persian_is_dated_by_publication_and_placed_at_the_speaker() -> None:
    # "A rights group in Paris says the 1367 executions began in the cities of Shiraz ..."
    text = "یک سازمان حقوق بشری در پاریس می گوید اعدام زندانیان در سال ۱۳۶۷ در شیراز آغاز شد."
    got = [r for r in rows(text, "2019-05-02") if r[0] == "other"]
    assert got == [("other", "2019-05", "month", "Paris", "FR")]


def test_perpetrators_of_a_wave_year_is_a_name_not_a_date() -> None:
    text = ("On Sunday, exiles held a rally in Hamburg. They demanded that the perpetrators of "
            "1988 be put before an international court.")
    got = rows(text, "2022-08-29")
    assert ("other", "1988", "year", "", "IR") not in got
    assert ("protest", "2022-08-28", "day", "Hamburg", "DE") in got


def test_undated_unplaced_background_does_not_inherit_the_last_date() -> None:
    text = ("On Friday, supporters held a vigil in Brussels. Relatives of the prisoners have "
            "long faced harassment, and some were sentenced to prison terms.")
    got = rows(text, "2020-08-30")
    assert [r for r in got if r[0] == "court_ruling"] == []


def test_present_perfect_is_dated_by_publication() -> None:
    text = ("On March 3, 2017, a former prisoner released a video of his testimony. "
            "The judiciary has summoned his brother for questioning.")
    got = rows(text, "2017-05")
    assert ("other", "2017-05", "month", "", "IR") in got


def test_country_after_and_or_based_in_is_not_the_place() -> None:
    text = ("On July 20, 1988, the Iranian government arrested dozens of activists after the war "
            "between Iran and Iraq. On July 26, an armed group based in Iraq since 1986 "
            "launched an attack into Iran.")
    got = rows(text)
    assert ("other", "1988-07-20", "day", "", "IR") in got
    assert ("other", "1988-07-26", "day", "", "IR") in got
    assert not [r for r in got if r[4] == "IQ"]


def test_date_in_a_who_clause_is_not_the_event_date() -> None:
    text = ("A trial of a former prison guard in Sweden is coming to an end, while the prosecutor, "
            "who took office in March 2019, asked for a life term.")
    got = [r for r in rows(text, "2022") if r[0] == "trial"]
    assert got == [("trial", "2022", "year", "", "SE")]


def test_the_site_refers_back_to_the_landmark_named_before() -> None:
    text = ("Relatives used to meet at Khavaran every summer. "
            "In January 2009, bulldozers destroyed the site.")
    assert ("other", "2009-01", "month", "Tehran", "IR") in rows(text, "2018")
    fa = "خانواده‌ها هر سال به خاوران می‌رفتند. در دی ماه ۱۳۸۷ ماموران این محل را تخریب کردند."
    assert ("other", "2009-01", "month", "Tehran", "IR") in rows(fa, "2018")


def test_gathering_at_a_cemetery_is_a_commemoration() -> None:
    text = "Mothers gathered at Khavaran cemetery on Friday to mark the anniversary."
    assert ("commemoration", "2023-09-01", "day", "Tehran", "IR") in rows(text, "2023-09-02")


def test_each_city_takes_the_date_written_nearest_to_it() -> None:
    text = ("The people's tribunal held hearings in London in June 2012 and delivered its verdict "
            "in The Hague in October 2012.")
    got = {(r[1], r[3]) for r in rows(text)}
    assert ("2012-06", "London") in got
    assert ("2012-10", "The Hague") in got


def test_a_statement_is_not_merged_into_an_earlier_event_of_the_same_month() -> None:
    text = ("Security forces prevented families from entering Khavaran cemetery on Friday. "
            "In a statement, a rights group condemned the move.")
    got = rows(text, "2024-05-25")
    assert ("other", "2024-05-24", "day", "Tehran", "IR") in got
    assert ("other", "2024-05", "month", "", "") in got


def test_a_weekday_is_not_an_organizer() -> None:
    text = "A Stockholm court on Thursday sentenced a former official to life in prison."
    evs = extract_events(text, context_for("2022-07-14", text))
    assert [e.organizer for e in evs] == [""]


def test_arabic_triggers_with_arabic_kaf_and_yeh_match() -> None:
    # «محاكمة» (trial) is written with Arabic kaf; the text is normalised to Persian letters
    text = "بدأت في باريس يوم الأربعاء محاكمة مسؤول سابق."
    assert ("trial", "2021-11-10", "day", "Paris", "FR") in rows(text, "2021-11-10")


def test_arabic_the_day_which_is_not_today() -> None:
    text = 'وقالت: "نأمل أن يأتي اليوم الذي تتم فيه محاكمة المسؤولين".'
    assert rows(text, "2024-05-25") == []


def test_a_demanded_trial_is_not_a_trial() -> None:
    text = ("On Friday, exiles rallied in Vienna and called for the officials to be put on "
            "trial.")
    got = rows(text, "2019-08-31")
    assert [r for r in got if r[0] == "trial"] == []


def test_background_right_after_a_dated_event_inherits_its_date() -> None:
    text = ("On Friday, families held a ceremony at Khavaran. "
            "Security agents arrested several relatives.")
    assert ("other", "2018-08-24", "day", "", "IR") in rows(text, "2018-08-27")


def test_dated_statements_and_reactions() -> None:
    text = ("Human Rights Watch said on Saturday that the official should be investigated. "
            "Tehran's foreign ministry condemned the decision on Wednesday.")
    got = rows(text, "2021-06-19")
    assert ("other", "2021-06-19", "day", "", "") in got
    assert ("other", "2021-06-16", "day", "Tehran", "IR") in got


def test_a_similar_event_was_held_takes_the_type_of_the_previous_event() -> None:
    text = ("Exiles will rally in front of the Bundestag on Saturday, September 2. Organizers said "
            "a similar event was held in Toronto on August 26.")
    got = rows(text, "2023-08-31")
    assert ("protest", "2023-09-02", "day", "Berlin", "DE") in got
    assert ("protest", "2023-08-26", "day", "Toronto", "CA") in got


def test_dateline_places_a_un_statement_and_possessive_country_does_not() -> None:
    text = ("GENEVA (10 December 2020) - UN human rights experts today expressed alarm at Iran's "
            "refusal to disclose the fate of the prisoners.")
    assert ("un_statement", "2020-12-10", "day", "Geneva", "CH") in rows(text, "2020-12-10")


def test_city_after_through_central() -> None:
    text = "On September 1, hundreds joined a march through central London."
    assert ("protest", "2013-09-01", "day", "London", "GB") in rows(text, "2013-09")


def test_persian_anniversary_is_an_anchor_and_fixes_the_wave() -> None:
    text = "مراسم سی‌امین سالگرد کشتار زندانیان سیاسی روز جمعه در خاوران برگزار شد."
    got = rows(text, "2018-08-27")
    assert ("commemoration", "2018-08-24", "day", "Tehran", "IR") in got
    assert ("execution_wave", "1988", "year", "", "IR") in got


def test_headline_restating_the_dated_body_event_is_dropped() -> None:
    text = ("Exiles to hold rally in Berlin\n\nExiles will rally in front of the Bundestag on "
            "Saturday, September 2.")
    got = rows(text, "2023-08-31")
    assert [r for r in got if r[3] == "Berlin"] == [("protest", "2023-09-02", "day", "Berlin",
                                                     "DE")]


def test_planned_event_keeps_its_date_after_publication() -> None:
    text = ("The trial ended at the Stockholm District Court on May 4, 2022. The court is "
            "expected to announce its verdict on July 14.")
    got = rows(text, "2022-05-10")
    assert ("court_ruling", "2022-07-14", "day", "Stockholm", "SE") in got


def test_future_bare_weekday_is_the_next_one() -> None:
    text = "Exiles will hold a rally in Paris on Saturday."
    assert ("protest", "2023-09-02", "day", "Paris", "FR") in rows(text, "2023-08-31")


def test_published_an_n_page_report() -> None:
    text = ("Amnesty International published a 200-page report on Tuesday. The report, titled "
            "'Secrets', says the killings began in late July 1988.")
    got = rows(text, "2018-12-04")
    assert ("other", "2018-12-04", "day", "", "") in got
    assert [r for r in got if r[0] == "other"] == [("other", "2018-12-04", "day", "", "")]


def test_persian_prevented_at_the_cemetery_refers_back_to_khavaran() -> None:
    text = ("روز جمعه خانواده‌ها برای بزرگداشت یاد عزیزانشان به خاوران رفتند. "
            "نیروهای امنیتی از ورود آنان به گورستان جلوگیری کردند.")
    got = rows(text, "2017-08-26")
    assert ("other", "2017-08-25", "day", "Tehran", "IR") in got


def test_posters_put_up_in_several_cities_and_a_later_gathering_are_separate() -> None:
    text = ("On the 32nd anniversary of the 1988 massacre, activists in Tehran and Shiraz put up "
            "posters of the victims. On Wednesday, August 26, families gathered at Khavaran "
            "cemetery.")
    got = rows(text, "2020-08-28")
    assert ("commemoration", "2020-08-26", "day", "Tehran", "IR") in got
    assert {r[3] for r in got if r[1] == "2020-08"} == {"Tehran", "Shiraz"}


def test_persian_gathering_at_khavaran_and_this_ceremony_coreference() -> None:
    text = ("روز جمعه ۸ شهریور، خانواده‌ها در گلزار خاوران گرد هم آمدند. "
            "حدود ۲۰۰ نفر در این مراسم شرکت داشتند.")
    assert rows(text, "2019-09-02") == [("commemoration", "2019-08-30", "day", "Tehran", "IR")]


def test_a_court_sits_in_its_country_and_a_same_country_dateline_gives_the_city() -> None:
    text = ("STOCKHOLM, July 14 (Reuters) - A Swedish court on Thursday sentenced a former "
            "official to life in prison for crimes committed in Iran in 1988.")
    assert ("court_ruling", "2022-07-14", "day", "Stockholm", "SE") in rows(text, "2022-07-15")


def test_arabic_commemorated_the_anniversary_verb() -> None:
    text = "أحيا أنصار المعارضة في ألبانيا يوم الأحد الذكرى الثلاثين للمجزرة."
    assert ("commemoration", "2018-08-19", "day", "", "AL") in rows(text, "2018-08-20")


def test_held_a_hearing_and_the_death_commission_year() -> None:
    text = ("On Friday, the European Parliament held a hearing in Brussels. The official sat on "
            "the death commission in 1988.")
    got = rows(text, "2023-08-25")
    assert ("conference", "2023-08-25", "day", "Brussels", "BE") in got
    assert ("execution_wave", "1988", "year", "", "IR") in got


def test_persian_weekday_is_not_a_city_and_tehran_court_is() -> None:
    # «دوشنبه» (Monday) is also an alternate name of Dushanbe in the gazetteer
    text = ("روز دوشنبه ۷ شهریور ۱۴۰۱، دادگاه انقلاب تهران یکی از بستگان را به پنج سال زندان "
            "محکوم کرد.")
    assert rows(text, "2022-08-29") == [("court_ruling", "2022-08-29", "day", "Tehran", "IR")]


def test_arabic_swedish_supreme_court_is_stockholm() -> None:
    text = "رفضت المحكمة العليا السويدية يوم الثلاثاء استئناف حميد نوري."
    assert ("court_ruling", "2024-03-12", "day", "Stockholm", "SE") in rows(text, "2024-03-12")


def test_day_ranges_start_on_their_first_day_and_sessions_held() -> None:
    text = ("Its first session was held in London from 18 to 22 June 2012, and its final session "
            "took place in The Hague on 25–27 October 2012.")
    got = {(r[1], r[3]) for r in rows(text)}
    assert got == {("2012-06-18", "London"), ("2012-10-25", "The Hague")}


def test_parenthesised_dateline_places_a_statement() -> None:
    text = "(Beirut) – The election is a blow to human rights, Human Rights Watch said today."
    assert ("other", "2021-07-02", "day", "Beirut", "LB") in rows(text, "2021-07-02")


def test_navigation_and_tag_lines_are_not_events() -> None:
    text = ("Home » News » Iran Protests\nTags: protest, rally, 1988 massacre\n"
            "On Monday, August 29, families held a memorial at Khavaran cemetery.")
    assert [r for r in rows(text, "2022-08-30") if r[0] != "execution_wave"] == [
        ("commemoration", "2022-08-29", "day", "Tehran", "IR")]


def test_fatwa_as_background_is_not_an_event_but_issuing_one_is() -> None:
    assert not [r for r in rows("Thousands were executed on the basis of a fatwa by Khomeini.")
                if r[0] == "other"]
    assert ("other", "1988-07", "month", "", "IR") in rows(
        "In July 1988, Khomeini issued a secret fatwa.")


def test_until_a_date_is_an_end_not_the_event_date() -> None:
    text = "Prosecutors say the trial will last until April 2022."
    assert not [r for r in rows(text, "2021-08-10") if r[1] == "2022-04"]


def test_un_report_is_not_placed_by_its_topic_country() -> None:
    text = ("In his report to the General Assembly in October 2013, the UN Special Rapporteur on "
            "human rights in Iran noted continuing harassment.")
    assert ("un_report", "2013-10", "month", "", "") in rows(text, "2013-11")


def test_persian_cities_after_shahrhaye_and_arabic_march() -> None:
    fa = ("همزمان با سالگرد، فعالان در شهرهای رشت و شیراز با نصب پوستر یاد جانباختگان را گرامی "
          "داشتند.")
    assert {r[3] for r in rows(fa, "2023-08-19")} >= {"Rasht", "Shiraz"}
    ar = "نظم أنصار المعارضة يوم السبت الماضي مسيرة في باريس."
    assert ("protest", "2024-08-31", "day", "Paris", "FR") in rows(ar, "2024-09-05")


def test_passive_posters_and_in_city_at_sentence_start() -> None:
    text = "In Mashhad, posters of the victims were put up on Saturday."
    assert ("commemoration", "2018-08-25", "day", "Mashhad", "IR") in rows(text, "2018-08-27")


def test_a_first_name_that_is_also_a_town_is_not_a_city() -> None:
    text = "On August 9, Ahmad Montazeri posted online a 40-minute recording of his father."
    assert ("other", "2016-08-09", "day", "", "IR") in rows(text, "2016-08-20")


def test_the_letter_refers_back_to_the_un_experts_letter() -> None:
    text = ("Amnesty International welcomed today a letter by seven UN human rights experts. "
            "The letter, sent on 3 September 2020, was made public on 9 December.")
    got = rows(text, "2020-12-10")
    assert {r[1:] for r in got} >= {("2020-12-10", "day", "", ""), ("2020-09-03", "day", "", "")}
    assert ("un_statement", "2020-09-03", "day", "", "") in got


def test_persian_un_rapporteur_letter_and_english_group_says() -> None:
    fa = ("گزارشگر ویژه سازمان ملل روز سه‌شنبه ۲۸ اردیبهشت ۱۴۰۰ در نامه‌ای خواستار تحقیق "
          "مستقل شد.")
    assert ("un_statement", "2021-05-18", "day", "", "") in rows(fa, "2021-05")
    en = "A London-based rights group says that mass executions began in 1987."
    assert ("other", "2015-09", "month", "London", "GB") in rows(en, "2015-09-15")


def test_dateline_date_is_not_the_event_date_and_the_court_is_remembered() -> None:
    text = ("Stockholm, April 15, 2022 – The trial at the Stockholm District Court ended on "
            "Thursday. The verdict is due on July 14.")
    got = rows(text, "2022-04-15")
    assert ("trial", "2022-04-14", "day", "Stockholm", "SE") in got
    assert ("court_ruling", "2022-07-14", "day", "Stockholm", "SE") in got
    assert not [r for r in got if r[1] == "2022-04-15"]


def test_according_to_reports_is_not_a_statement_and_sit_in() -> None:
    text = ("Members of the diaspora staged a sit-in in The Hague on Thursday. According to "
            "reports, several relatives in Iran were detained on Friday.")
    got = rows(text, "2019-10-12")
    assert ("protest", "2019-10-10", "day", "The Hague", "NL") in got
    assert ("other", "2019-10-11", "day", "", "IR") in got


def test_persian_prevented_with_mane() -> None:
    text = "روز جمعه ۷ شهریور ۱۳۹۹ نیروهای امنیتی مانع حضور خانواده‌ها در گورستان خاوران شدند."
    assert ("other", "2020-08-28", "day", "Tehran", "IR") in rows(text, "2020-08-30")


def test_the_anniversary_does_not_take_a_city_from_its_date() -> None:
    text = ("On August 19, exiles gathered at a square in Toronto to mark the 35th anniversary "
            "of the 1988 massacre.")
    assert ("commemoration", "2023-08-19", "day", "Toronto", "CA") in rows(text, "2023-08-22")


def test_a_statement_about_a_site_is_not_placed_there() -> None:
    text = ("Amnesty International said today that the authorities must halt plans to build over "
            "the Khavaran mass grave.")
    assert ("other", "2022-11-15", "day", "", "") in rows(text, "2022-11-15")


def test_irans_supreme_court_is_in_tehran_and_persian_area_refers_back() -> None:
    text = "Iran's Supreme Court upheld the death sentence on Sunday."
    assert ("court_ruling", "2024-06-30", "day", "Tehran", "IR") in rows(text, "2024-07-01")
    fa = ("روز جمعه خانواده‌ها در خاوران حضور یافتند و یاد عزیزانشان را گرامی داشتند. "
          "ماموران از ورود برخی خانواده‌ها به محوطه جلوگیری کردند.")
    assert ("other", "2019-08-30", "day", "Tehran", "IR") in rows(fa, "2019-09-01")
