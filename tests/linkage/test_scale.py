"""Scale: `link` on 100k synthetic records (slow; run with `pytest -m slow`)."""

from __future__ import annotations

import time

import pytest

from pipeline.linkage import synthetic
from pipeline.linkage.general import link_frames, parse_compare


@pytest.mark.slow
def test_link_100k_records():
    frames, truth = synthetic.make(55_600, 0.5, seed=99)
    assert len(frames[0]) >= 95_000
    specs = parse_compare(["given_name:name", "surname:name", "date_of_birth:date",
                           "suburb:text", "postcode:exact", "street_number:number",
                           "address_1:text", "soc_sec_id:exact"])
    started = time.perf_counter()
    pairs, _ = link_frames(frames, "rec_id", specs, 0.9)
    assert time.perf_counter() - started < 300
    assert synthetic.f1(set(zip(pairs["id_l"], pairs["id_r"], strict=True)), truth)[2] >= 0.97
