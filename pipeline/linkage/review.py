"""Uncertain pairs for a person to decide: a fill-in CSV whose rows, once filled, can be
pasted into pipeline/etc/link_decisions.csv. Pure: frames in, frame out."""

from __future__ import annotations

import pandas as pd

from pipeline.linkage.decisions import DECISION_COLUMNS

SHOWN = ("name_fa", "name_latin", "father_name", "gender_code", "age_low", "age_high", "city",
         "prison", "execution_date")


def _text(s: pd.Series) -> pd.Series:
    """Values as a reader writes them: 30, not 30.0; empty for missing."""
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        return s.map(lambda v: f"{v:g}", na_action="ignore").astype("string")
    return s.astype("string")


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
        "is_same_person_now": pd.array(mp["is_same_person"].to_numpy(), dtype="boolean"),
    })
    for c in cols:
        shown = _text(rec[c])
        out[f"{c}_l"] = pd.array(shown.reindex(out["record_id_l"]).to_numpy(), dtype="string")
        out[f"{c}_r"] = pd.array(shown.reindex(out["record_id_r"]).to_numpy(), dtype="string")
    for c in DECISION_COLUMNS[2:]:
        out[c] = ""
    return out.reset_index(drop=True)
