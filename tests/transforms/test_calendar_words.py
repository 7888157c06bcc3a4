"""The one month vocabulary: every spelling is read as its month by the list date parser and
(Persian ones) by the report assistant; the written names are in month order."""

from __future__ import annotations

import calendar

import pytest

from pipeline.report_assistant.dates import DateContext, PubDate, find_dates
from pipeline.transforms import calendar_words as cw
from pipeline.transforms.dates import parse_gregorian_date, parse_jalali_date


@pytest.mark.parametrize("word,month", sorted(cw.JALALI_MONTH_SPELLINGS.items()))
def test_list_parser_reads_every_jalali_spelling(word, month):
    parsed = parse_jalali_date(f"12 {word} 1367")
    assert parsed.error is None, parsed.error
    assert parsed.jalali == f"1367-{month:02d}-12"


@pytest.mark.parametrize("word,month", sorted((cw.GREGORIAN_MONTHS_EN
                                                | cw.GREGORIAN_MONTHS_FA).items()))
def test_list_parser_reads_every_gregorian_spelling(word, month):
    if word == "ژانویهٔ":  # the mark is dropped by normalize_persian: read as «ژانویه»
        word = "ژانویه"
    parsed = parse_gregorian_date(f"12 {word} 1988")
    assert parsed.error is None, parsed.error
    assert parsed.iso == f"1988-{month:02d}-12"


@pytest.mark.parametrize("word,month", sorted(cw.JALALI_MONTHS_FA.items()))
def test_report_assistant_reads_every_persian_jalali_spelling(word, month):
    ctx = DateContext(pub=PubDate.parse("2020-01-01"), year=None, anchor_year=None)
    hits = find_dates(f"اعدام در ۱۲ {word} ۱۳۶۷ بود", ctx)
    assert [h.iso[:7] for h in hits] == [parse_jalali_date(f"1367/{month}/12").iso[:7]]


def test_written_names_are_in_month_order():
    assert cw.GREGORIAN_MONTH_NAMES_EN == tuple(calendar.month_name)[1:]  # (C locale)
    assert [cw.JALALI_MONTH_SPELLINGS[n] for n in cw.JALALI_MONTH_NAMES_FA] == list(range(1, 13))
    assert [cw.JALALI_MONTH_SPELLINGS[n] for n in cw.JALALI_MONTH_NAMES_LATIN] == list(
        range(1, 13))
    assert {cw.GREGORIAN_MONTHS_EN[n.lower()] for n in cw.GREGORIAN_MONTH_NAMES_EN} == set(
        range(1, 13))
    assert set(cw.SEASONS.values()) == {1, 2, 3, 4}
