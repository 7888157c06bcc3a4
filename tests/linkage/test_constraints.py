"""Rules the model cannot override (pipeline/linkage/constraints.py), on small names of our own."""

import pandas as pd
import pytest

from pipeline.linkage.constraints import (
    GIVEN_DIFFERS,
    SURNAME_ONLY,
    conflict,
    conflict_checker,
    name_tokens,
)


def _tok(fa, latin):
    recs = pd.DataFrame({"record_id": ["x"], "name_fa": [fa], "name_latin": [latin]})
    return name_tokens(recs)["x"]


@pytest.mark.parametrize(("a", "b"), [
    (("عبدالکریم ماکیانی", "Abdol Karim Makiani"), ("عبدالرحیم ماکیانی", "Abdol Rahim Makiani")),
    (("اردلان صحت", "Ardalan Sehat"), ("اردوان صحت", "Ardavan Sehat")),
    ((None, "Mohammad Taqi Davari"), (None, "Mohammad Ali Davari")),
])
def test_different_given_names_never_join(a, b):
    assert conflict(_tok(*a), _tok(*b)) == GIVEN_DIFFERS


@pytest.mark.parametrize(("a", "b"), [
    (("مجید آقایی", "Majid Aqa'i"), ("مجید اقائی", "Majid Aghaei")),  # spelling of surname
    (("اشرف موسوی", "Ashraf Musavi"), ("افشار موسوی", "Ashraf Musavi")),  # typo in one script
    (("غلامرضا احمدی", "Gholamreza Ahmadi"), ("غلام رضا احمدی", "Gholam Reza Ahmadi")),
    (("مجید والی", "Majid Vali"), ("والی مجید", "Vali Majid")),  # swapped order
])
def test_spelling_spacing_and_order_variants_may_join(a, b):
    assert conflict(_tok(*a), _tok(*b)) is None


@pytest.mark.parametrize("other", [("رضایی", "Reza'i"), ("علی رضایی", "Ali Rezaei"), (None, None)])
def test_a_one_word_name_is_never_joined_by_the_model(other):
    assert conflict(_tok("رضائی", "Rezaei"), _tok(*other)) == SURNAME_ONLY


def test_checker_looks_up_records_by_id():
    recs = pd.DataFrame({"record_id": ["a", "b", "c"],
                         "name_fa": ["اردلان صحت", "اردوان صحت", "اردلان صحت"],
                         "name_latin": ["Ardalan Sehat", "Ardavan Sehat", "Ardalan Sehat"]})
    check = conflict_checker(recs)
    assert check("a", "b") == check("b", "a") == GIVEN_DIFFERS
    assert check("a", "c") is None
