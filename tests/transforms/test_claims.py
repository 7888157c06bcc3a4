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
