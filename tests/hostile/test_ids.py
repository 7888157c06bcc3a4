"""Issue 12.5: two template-form files in one list folder keep every row (ids name the file);
an accounting that adds up by rejecting a whole file for an id clash is a failure."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline import runner
from pipeline.errors import PipelineError
from tests.hostile.helpers import TEMPLATE_HEADER, add_source


def test_two_template_files_in_one_folder_keep_all_rows(work):
    add_source(work.raw, "two_files", {
        "a.csv": (TEMPLATE_HEADER + "علی یک,Ali One,۱۳۶۷/۰۵/۱۲\nرضا دو,Reza Two,\n").encode(),
        "b.csv": (TEMPLATE_HEADER + "مریم سه,Maryam Three,\nسارا چهار,Sara Four,\n").encode(),
    })
    report = runner.run(work, version="1.0.0", do_publish=False)
    records = report.tables["record"]
    mine = records[records["source_id"] == "two_files"]
    assert len(mine) == 4
    assert mine["record_id"].is_unique
    assert sorted(mine["record_id"]) == ["two_files-a-000002", "two_files-a-000003",
                                         "two_files-b-000002", "two_files-b-000003"]
    rej = report.tables["reject"]
    assert not (rej["source_id"] == "two_files").any()
    acc = report.accounting.set_index("file")
    assert acc.loc["raw/lists/two_files/b.csv", "published_rows"] == 2


def test_a_whole_file_rejected_as_duplicate_key_fails_the_accounting():
    acc = pd.DataFrame({"file": ["raw/lists/x/a.csv", "raw/lists/x/b.csv"],
                        "raw_rows": [2, 2], "published_rows": [2, 0], "rejected_rows": [0, 2],
                        "both": [0, 0]})
    rejects = pd.DataFrame({"file": ["raw/lists/x/b.csv"] * 2,
                            "reason_code": ["duplicate_key"] * 2})
    runner.check_accounting(acc)  # the counts add up ...
    with pytest.raises(PipelineError, match=r"raw/lists/x/b.csv: every row \(2\) was rejected "
                                            "as duplicate_key"):
        runner.check_no_file_lost_to_a_key_clash(acc, rejects)  # ... and that is a failure
    one = rejects.iloc[:1]
    acc_one = acc.assign(published_rows=[2, 1], rejected_rows=[0, 1])
    runner.check_no_file_lost_to_a_key_clash(acc_one, one)  # one duplicate row is input's
