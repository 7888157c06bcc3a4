"""Precision, recall and F1 of predicted same-person pairs against hand-labelled pairs.

Labels (pipeline/etc/link_labels.csv): record_id_l, record_id_r, is_match (true/false),
labeller, labelled_date, reason. Pure functions: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.errors import InputError

TRUE = {"true", "1", "yes", "y", "t"}
FALSE = {"false", "0", "no", "n", "f"}


@dataclass(frozen=True)
class Scores:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pick(df: pd.DataFrame, names: tuple[str, ...], file: str) -> str:
    for n in names:
        if n in df.columns:
            return n
    raise InputError("missing column", file=file, row=1, field=" or ".join(names))


def parse_labels(df: pd.DataFrame, *, file: str) -> pd.DataFrame:
    """-> id_l, id_r (ordered), is_match (bool). Without an is_match column every row is a
    true pair (a benchmark's list of true matches)."""
    a = _pick(df, ("record_id_l", "id_l"), file)
    b = _pick(df, ("record_id_r", "id_r"), file)
    if "is_match" in df.columns:
        val = df["is_match"].astype("string").str.strip().str.lower()
        bad = ~val.isin(TRUE | FALSE)
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            raise InputError("is_match must be true or false", file=file, row=i + 2,
                             field="is_match", value=str(df["is_match"].iloc[i]))
        match = val.isin(TRUE).to_numpy()
    else:
        match = [True] * len(df)
    l_, r_ = df[a].astype(str).str.strip(), df[b].astype(str).str.strip()
    out = pd.DataFrame({"id_l": l_.where(l_ < r_, r_), "id_r": r_.where(l_ < r_, l_),
                        "is_match": match})
    return out.drop_duplicates(["id_l", "id_r"]).reset_index(drop=True)


def score_pairs(predicted: set[tuple[str, str]], labels: pd.DataFrame,
                *, labelled_only: bool = True) -> Scores:
    """``predicted``: ordered (id_l, id_r) pairs said to be the same person. With
    ``labelled_only`` (labels list positives and negatives) only labelled pairs count;
    otherwise (labels = all true pairs) every predicted pair not labelled counts as false."""
    pred = {tuple(sorted(p)) for p in predicted}
    pos = {(a, b) for a, b, m in zip(labels["id_l"], labels["id_r"], labels["is_match"],
                                      strict=True) if m}
    neg = {(a, b) for a, b, m in zip(labels["id_l"], labels["id_r"], labels["is_match"],
                                      strict=True) if not m}
    tp = len(pred & pos)
    fn = len(pos - pred)
    fp = len(pred & neg) if labelled_only else len(pred - pos)
    tn = len(neg - pred)
    return Scores(tp, fp, fn, tn)


def same_person_pairs(record_person: pd.DataFrame, labels: pd.DataFrame) -> set[tuple[str, str]]:
    """The labelled pairs whose two records ended in the same person."""
    pid = dict(zip(record_person["record_id"].astype(str),
                   record_person["person_id"].astype(str), strict=True))
    return {(a, b) for a, b in zip(labels["id_l"], labels["id_r"], strict=True)
            if a in pid and b in pid and pid[a] == pid[b]}
