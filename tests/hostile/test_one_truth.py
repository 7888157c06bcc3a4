"""Issue 12.8: check-list and run give one verdict. A documented season date passes both;
check-list validates with the same record schema as run."""

from __future__ import annotations

import pandas as pd

from pipeline import runner
from pipeline.cli.lists import check_list
from tests.hostile.helpers import TEMPLATE_HEADER, add_source

SEASON = (TEMPLATE_HEADER + "علی یک,Ali One,تابستان ۱۳۶۷\nرضا دو,Reza Two,۱۳۶۷/۰۵/۱۲\n"
          + "مریم سه,Maryam Three,پاییز 1367\n").encode()


def test_a_season_date_passes_check_list_and_run_alike(work, tmp_path):
    (tmp_path / "season.csv").write_bytes(SEASON)
    checked = check_list(tmp_path / "season.csv")
    assert (checked.accepted, checked.quarantined) == (3, [])
    add_source(work.raw, "seasons", {"list.csv": SEASON})
    report = runner.run(work, version="1.0.0", do_publish=False)
    rec = report.tables["record"].set_index("name_latin")
    assert not (report.tables["reject"]["source_id"] == "seasons").any()
    ali = rec.loc["Ali One"]
    assert ali["execution_date_precision"] == "season"
    assert ali["execution_date"] == "1988-06-22/1988-09-22"
    assert ali["execution_date_original"] == "تابستان ۱۳۶۷"
    assert pd.isna(ali["execution_date_jalali"])  # no YYYY-MM form for a season
    assert rec.loc["Reza Two", "execution_date_jalali"] == "1367-05-12"


def test_check_list_quarantines_what_the_record_schema_rejects(tmp_path, monkeypatch):
    """Anything run's validate rejects, check-list reports too (here: a stricter schema)."""
    from pipeline.stages import validate

    real = validate.validate_table

    def stricter(df, table):
        df = df.assign(age_high=df["age_high"].where(df["name_latin"] != "Reza Two", 999))
        return real(df, table)

    monkeypatch.setattr(validate, "validate_table", stricter)
    (tmp_path / "l.csv").write_bytes(SEASON)
    checked = check_list(tmp_path / "l.csv")
    assert checked.accepted == 2
    [item] = checked.quarantined
    assert (item["row"], item["field"], item["reason"]) == (3, "age_high", "invalid_value")
