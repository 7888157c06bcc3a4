"""Hand labels are reviewed decisions; two files may not contradict each other."""

import pandas as pd
import pytest

from pipeline.errors import InputError
from pipeline.linkage.decisions import combine, labels_as_decisions, parse_decisions


def _labels(rows):
    return pd.DataFrame(rows, columns=["record_id_l", "record_id_r", "is_match", "labeller",
                                       "labelled_date", "reason"])


def test_labels_become_must_and_cannot_link_with_who_and_why():
    got = labels_as_decisions(_labels([
        ("b", "a", "true", "ann", "2026-12-01", "imported twice"),
        ("c", "d", "false", "bob", "2026-12-02", "brothers"),
    ]))
    assert got[["record_id_l", "record_id_r", "decision", "reviewer"]].values.tolist() == [
        ["a", "b", "must_link", "ann"], ["c", "d", "cannot_link", "bob"]]
    assert set(got["decision_file"]) == {"pipeline/etc/link_labels.csv"}


def test_a_bad_label_is_one_error_naming_its_line():
    with pytest.raises(InputError, match="is_match") as err:
        labels_as_decisions(_labels([("a", "b", "maybe", "ann", "2026-12-01", "x")]))
    assert "row 2" in str(err.value) or "2" in str(err.value)


def test_files_that_contradict_each_other_are_an_error():
    dec = parse_decisions(pd.DataFrame(
        [("a", "b", "cannot_link", "ann", "father names differ", "2026-12-03")],
        columns=["record_id_l", "record_id_r", "decision", "reviewer", "reason",
                 "decided_date"]))
    lab = labels_as_decisions(_labels([("a", "b", "true", "bob", "2026-12-01", "same")]))
    with pytest.raises(InputError, match="contradicts"):
        combine(dec, lab)
    same = labels_as_decisions(_labels([("b", "a", "false", "bob", "2026-12-01", "brothers")]))
    both = combine(dec, same)
    assert len(both) == 1 and both["reviewer"].iloc[0] == "ann"
