import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.transforms.claims import bounds_problem, unit_for_subject


@pytest.mark.parametrize("subject,unit", [
    ("death_toll", "count"), ("duration_months", "month"), ("sentence_years", "year"),
    ("age", "year"), ("hearing_days", "day"), ("audio_length_minutes", "minute"),
])
def test_unit_for_subject(subject, unit):
    assert unit_for_subject(subject) == unit


def test_bounds():
    assert bounds_problem(2800, None, 3800) is None
    assert bounds_problem(None, None, None) is None  # qualitative claim: nothing invented
    assert "out of order" in bounds_problem(5000, None, 4000)
    assert "out of order" in bounds_problem(1, 10, 5)
    assert bounds_problem(-1, None, None) == "negative figure"


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6))
def test_ordered_bounds_are_accepted(a, b, c):
    low, best, high = sorted((a, b, c))
    assert bounds_problem(low, best, high) is None


# --- one figure convention (issue 11 item 1) ---------------------------------------------------

from pipeline.transforms.claims import (  # noqa: E402
    claim_scope,
    claimant_affiliation,
    coded_claim_values,
    convention_problem,
    encode_figures,
    figure_qualifier,
)


@pytest.mark.parametrize("text,figures,expected", [
    pytest.param("30,000", [30000], ("exact", 30000, 30000, 30000), id="exact"),
    pytest.param("30 ألف", [30000], ("exact", 30000, 30000, 30000), id="arabic_thousand"),
    pytest.param("four-person", [4], ("exact", 4, 4, 4), id="number_word"),
    pytest.param("over 30,000", [30000], ("at_least", 30000, None, None), id="over"),
    pytest.param("could exceed 20,000", [20000], ("at_least", 20000, None, None), id="exceed"),
    pytest.param("up to 5,000", [5000], ("at_most", None, None, 5000), id="up_to"),
    pytest.param("nearly 30,000", [30000], ("at_most", None, None, 30000), id="nearly"),
    pytest.param("about 4,500", [4500], ("about", None, 4500, None), id="about"),
    pytest.param("an estimated 5,000", [5000], ("about", None, 5000, None), id="estimated"),
    pytest.param("approximately five months", [5, 5], ("about", None, 5, None), id="approx"),
    pytest.param("2,800 to 3,800", [2800, 3800], ("range", 2800, None, 3800), id="range"),
    pytest.param("٧٠٠ الى ٨٠٠", [700, 800], ("range", 700, None, 800), id="arabic_range"),
    pytest.param("thousands", [], ("vague", None, None, None), id="thousands_curated"),
    pytest.param("thousands", [1000], ("vague", None, None, None), id="thousands_coded_1000"),
    pytest.param("hundreds, if not thousands", [100], ("vague", None, None, None),
                 id="hundreds"),
    pytest.param("چند هزار", [2000], ("vague", None, None, None), id="persian_few_thousand"),
    pytest.param("no estimate possible", [], ("none", None, None, None), id="none"),
])
def test_one_encoding_for_every_figure(text, figures, expected):
    assert coded_claim_values(text, figures) == expected
    qualifier, low, best, high = expected
    assert convention_problem(qualifier, low, best, high) is None


def test_convention_problem_names_the_old_encodings():
    # report-coded '30,000' as low = high with best empty (the 0.3.0 encoding) is refused
    assert convention_problem("exact", 30000, None, 30000) is not None
    # 'thousands' as 1000 is refused
    assert convention_problem("vague", 1000, None, None) is not None
    assert convention_problem("range", 5000, None, 5000) is not None
    assert convention_problem("bogus", None, None, None) is not None
    assert figure_qualifier("30,000", [30000, 30000]) == "exact"
    assert encode_figures("range", [3800, 2800]) == (2800, None, 3800)


@pytest.mark.parametrize("evidence,subject,scope", [
    ("executed thousands of political prisoners across the country", "death_toll",
     "nationwide"),
    ("the 1988 massacre of 30,000 political prisoners in Iran", "death_toll", "nationwide"),
    ("hundreds of executions took place in Gohardasht", "death_toll",
     "Gohardasht prison, Karaj"),
    ("hundreds were buried secretly in mass graves", "burials_khavaran",
     "Khavaran mass grave, Tehran"),
    ("with 92 hearing days in Stockholm District Court", "hearing_days", "not stated"),
    ("has so far verified over 11,000 individuals", "death_toll_1980s_verified",
     "nationwide, 1980s"),
    ("executions in Iran in the 1980s", "death_toll", "nationwide, 1980s"),
    ("اعدام‌های دهه ۶۰", "death_toll", "nationwide, 1980s"),
])
def test_claim_scope_by_rule(evidence, subject, scope):
    assert claim_scope(evidence, subject) == scope


def test_claimant_affiliation_never_defaults_silently():
    table = {"Amnesty International": "ngo"}
    assert claimant_affiliation("Amnesty International", table) == "ngo"
    assert claimant_affiliation("Amnesty International ", table) == "ngo"
    assert claimant_affiliation("Someone new", table) == "unknown"
    assert claimant_affiliation(None, table) is None
