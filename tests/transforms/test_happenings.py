import pandas as pd

from pipeline.transforms.happenings import assign_happenings, happening_id


def _ev(eid, start, end, type_="protest", city="London", country="GB", org=None):
    return {"event_id": eid, "event_type": type_, "city": city, "country_code": country,
            "event_date_earliest": start, "event_date_latest": end,
            "organizer_affiliation_code": org}


def _groups(rows):
    out = assign_happenings(pd.DataFrame(rows))
    return {e: h for e, h in zip(out["event_id"], out["happening_id"], strict=True)}


def test_same_type_place_and_overlapping_dates_share_a_happening():
    g = _groups([_ev("b", "2016-11-19", "2016-11-19"), _ev("a", "2016-11-01", "2016-11-30"),
                 _ev("c", "2016-11-19", "2016-11-19", city="Paris", country="FR"),
                 _ev("d", "2016-11-19", "2016-11-19", type_="exhibition"),
                 _ev("e", "2016-12-03", "2016-12-03")])
    assert g["a"] == g["b"] == happening_id("a")
    assert len({g["a"], g["c"], g["d"], g["e"]}) == 4


def test_a_year_only_protest_never_joins_a_dated_one():
    one = _groups([_ev("y", "2016-01-01", "2016-12-31"), _ev("d1", "2016-08-27", "2016-08-27")])
    assert one["y"] != one["d1"]
    years = _groups([_ev("y", "2016-01-01", "2016-12-31"), _ev("s", "2003-01-01", "2017-12-31")])
    assert years["y"] != years["s"]  # nor another year-only one


def test_a_year_only_wave_joins_one_dated_wave_but_never_chains_two():
    def wave(eid, start, end):
        return _ev(eid, start, end, "execution_wave", None, "IR")
    one = _groups([wave("y", "1988-01-01", "1988-12-31"), wave("d1", "1988-08-27", "1988-08-27")])
    assert one["y"] == one["d1"]
    two = _groups([wave("y", "1988-01-01", "1988-12-31"), wave("d1", "1988-02-27", "1988-02-27"),
                   wave("d2", "1988-11-19", "1988-11-19")])
    assert len({two["y"], two["d1"], two["d2"]}) == 3


def test_a_cityless_row_joins_the_only_named_city_group_without_chaining():
    g = _groups([_ev("n", "2018-12-01", "2018-12-31", "other", "London"),
                 _ev("e", "2018-12-05", "2018-12-05", "other", None),
                 _ev("f", "2019-03-05", "2019-03-05", "other", ""),
                 _ev("m", "2019-03-01", "2019-03-31", "other", "Paris"),
                 _ev("k", "2019-03-05", "2019-03-05", "other", "Berlin")])
    assert g["e"] == g["n"]  # the only candidate
    assert len({g["f"], g["m"], g["k"]}) == 3  # two candidates: it stays alone, no chain
    assert g["m"] != g["n"]
    other_type = _groups([_ev("n", "2018-12-01", "2018-12-31", "other", "London"),
                          _ev("e", "2018-12-05", "2018-12-05", "trial", None)])
    assert other_type["e"] != other_type["n"]
    no_country = _groups([_ev("n", "2018-12-01", "2018-12-31", "other", "London"),
                          _ev("e", "2018-12-05", "2018-12-05", "other", None, None)])
    assert no_country["e"] == no_country["n"]
    other_kind = _groups([_ev("n", "2022-07-01", "2022-07-31", "other", "Tehran", "IR", "state"),
                          _ev("e", "2022-07-15", "2022-07-15", "other", None, None, "ngo")])
    assert other_kind["e"] != other_kind["n"]  # an NGO's welcome is not the state's reaction
    same_kind = _groups([_ev("n", "2022-07-01", "2022-07-31", "other", "Tehran", "IR", "ngo"),
                         _ev("e", "2022-07-15", "2022-07-15", "other", None, None, "ngo")])
    assert same_kind["e"] == same_kind["n"]
    wide = _groups([_ev("n", "2018-12-01", "2018-12-31", "other", "London"),
                    _ev("e", "2018-01-01", "2018-12-31", "other", None)])
    assert wide["e"] != wide["n"]  # a year-only row does not join a dated one by rule 4


def test_year_only_reports_of_one_wave_are_one_happening():
    rows = [_ev(f"r{i}", "1988-01-01", "1988-12-31", "execution_wave", None, "IR")
            for i in range(5)]
    rows += [_ev("s", "1988-07-19", "1988-07-19", "execution_wave", None, "IR"),
             _ev("t", "1988-07-01", "1988-09-30", "execution_wave", None, "IR"),
             _ev("u", "1981-06-01", "1981-06-30", "execution_wave", None, "IR")]
    g = _groups(rows)
    assert len({g[f"r{i}"] for i in range(5)} | {g["s"], g["t"]}) == 1
    assert g["u"] != g["s"]


def test_ids_do_not_depend_on_row_order():
    rows = [_ev("b", "2016-11-19", "2016-11-19"), _ev("a", "2016-01-01", "2016-12-31"),
            _ev("c", "2017-01-01", "2017-12-31")]
    assert _groups(rows) == _groups(rows[::-1])
