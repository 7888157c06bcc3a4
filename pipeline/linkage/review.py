"""Uncertain pairs for a person to decide: a fill-in CSV whose rows, once filled, can be
pasted into pipeline/etc/link_decisions.csv. Pure: frames in, frame out."""

from __future__ import annotations

import pandas as pd

from pipeline.linkage.decisions import DECISION_COLUMNS

SHOWN = ("name_fa", "name_latin", "father_name", "gender_code", "age_low", "age_high", "city",
         "prison", "execution_date")


def review_frame(match_pair: pd.DataFrame, records: pd.DataFrame, low: float, high: float
                 ) -> pd.DataFrame:
    """Model-decided pairs with low <= match_probability < high, most uncertain (closest to
    0.5) first, with both records' main fields side by side and empty decision columns."""
    mp = match_pair[(match_pair["decision_code"] == "model")
                    & (match_pair["match_probability"] >= low)
                    & (match_pair["match_probability"] < high)]
    mp = mp.assign(_u=(mp["match_probability"] - 0.5).abs()).sort_values(
        ["_u", "record_id_l", "record_id_r"], kind="stable")
    rec = records.set_index("record_id")
    cols = [c for c in SHOWN if c in rec.columns]
    out = pd.DataFrame({
        "record_id_l": mp["record_id_l"].to_numpy(),
        "record_id_r": mp["record_id_r"].to_numpy(),
        "match_probability": mp["match_probability"].to_numpy(),
        "is_same_person_now": mp["is_same_person"].to_numpy(),
    })
    for c in cols:
        out[f"{c}_l"] = rec[c].reindex(out["record_id_l"]).to_numpy()
        out[f"{c}_r"] = rec[c].reindex(out["record_id_r"]).to_numpy()
    for c in DECISION_COLUMNS[2:]:
        out[c] = ""
    return out.reset_index(drop=True)
