"""A learned filter on the rules' candidates, trained from gold rows (no download, no weights
shipped: it is rebuilt from the gold it is given, deterministically, in about a second).

The rules propose events and claims (high recall on what they know); the filter learns, from
reports with gold rows, which *kinds* of candidates are real: a logistic regression over
character n-grams of the candidate's evidence (digits folded to 0, Persian/Arabic letters
normalised) plus the rule that made it and its type. A candidate whose probability is below
``THRESHOLD`` is dropped. Labels come from matching the candidates of the training reports to
their gold with the same matching as ``extract-eval``. Execution waves are never filtered (one
per report by rule, README).

Used by ``extract`` (trained from the repository's curated coding, pipeline/etc/coding/ over
raw/reports/) and by ``extract-eval --cv`` (trained per fold from the other folds only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from pipeline.report_assistant.dates import norm_fa
from pipeline.report_assistant.text import ascii_digits

THRESHOLD = 0.2  # drop only candidates the model finds very unlikely (precision, not recall)
MIN_TRAIN = 20  # fewer labelled candidates of a table than this: no filter for it


def _norm(text: str) -> str:
    return re.sub(r"\d", "0", norm_fa(ascii_digits(text or "")).lower())


def _features(rec: dict, kind: str) -> str:
    if kind == "event":
        tag = f" __type_{rec.get('event_type', '')} __prec_{rec.get('date_precision', '')} "
        tag += " __city" if rec.get("city") else " __nocity"
    else:
        tag = f" __subj_{rec.get('subject', '')} " + (" __range" if rec.get("low") and
                                                       rec.get("high") and rec["low"] !=
                                                       rec["high"] else "")
        tag += f" __val {_norm(rec.get('value_text', ''))} "
    return _norm(rec.get("evidence", "")) + " " + tag


@dataclass
class CandidateFilter:
    """Per table (event, claim) a fitted pipeline or None (too little data: keep everything)."""
    models: dict[str, object]

    def keep(self, rows: list[dict], kind: str) -> list[bool]:
        """For each candidate row, whether the learned filter keeps it (all, without a model)."""
        model = self.models.get(kind)
        if model is None or not rows:
            return [True] * len(rows)
        probs = model.predict_proba([_features(r, kind) for r in rows])[:, 1]  # type: ignore[attr-defined]
        out = []
        for r, p in zip(rows, probs, strict=True):
            wave = kind == "event" and r.get("event_type") == "execution_wave"
            out.append(bool(wave or p >= THRESHOLD))
        return out


def _fit_one(x: list[str], y: list[int]) -> object | None:
    if len(y) < MIN_TRAIN or len(set(y)) < 2:
        return None
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True),
        LogisticRegression(C=1.0, class_weight="balanced", solver="liblinear", random_state=0),
    )
    model.fit(x, y)
    return model


def fit(cand_events: pd.DataFrame, cand_claims: pd.DataFrame, gold_events: pd.DataFrame,
        gold_claims: pd.DataFrame) -> CandidateFilter:
    """Label the rules' candidates of the training reports by the gold and fit the filter."""
    from pipeline.report_assistant.evaluate import score_claims, score_events

    models: dict[str, object | None] = {}
    for kind, cands, gold, scorer in (("event", cand_events, gold_events, score_events),
                                      ("claim", cand_claims, gold_claims, score_claims)):
        rids = set(cands["report_id"]) if len(cands) else set()
        gold = gold[gold["report_id"].isin(rids)] if len(gold) else gold
        _, _, extra = scorer(gold, cands, rids)
        id_col = "event_id" if kind == "event" else "claim_id"
        wrong = {r[id_col] for r in extra}
        recs = cands.fillna("").to_dict("records")
        if kind == "event":
            recs = [r for r in recs if r["event_type"] != "execution_wave"]
        x = [_features(r, kind) for r in recs]
        y = [0 if r[id_col] in wrong else 1 for r in recs]
        models[kind] = _fit_one(x, y)
    return CandidateFilter({k: v for k, v in models.items() if v is not None})
