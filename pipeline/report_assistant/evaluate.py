"""Precision / recall / F1 of extracted events and claims against gold rows.

Matching is one-to-one within a report (each gold row and each predicted row is used at most
once, greedily in file order):

* event: same ``report_id``; the predicted date cut to the gold date's precision equals the
  gold date (a predicted ``1988-07`` matches a gold ``1988``; a predicted ``1988`` does not match
  a gold ``1988-07``); same ``country``; same ``city`` after folding case and diacritics, or the
  same gazetteer entry (Malmo = Malmö).
* claim: same ``report_id``, same ``low`` and ``high`` (empty = empty), and matching claimants.
  Claimants match when their *keys* intersect. A name's keys are: the folded name without its
  bracketed qualifiers; the folded text of a bracket that is a web domain or names who is
  being relayed ("republishing Radio Zamaneh"); domain stems ("irannewsupdate.com" ->
  "irannewsupdate"); acronyms of multi-word names ("Human Rights Watch" -> "hrw"); and, for
  "A and B" / "A / B" names, each part. A key that is a whole-word prefix of another key also
  matches ("amnesty" ~ "amnesty international"), and so does a lone surname of 5+ letters
  that ends a multi-word key ("Montazeri" ~ "Hussein Ali Montazeri"). Qualifiers such as
  "(cited by X)", "(quoted)", "(memoir)" never make X the claimant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from pipeline.report_assistant.text import fold

_RELAY = re.compile(r"^(?:republishing|relaying|quoting|reposting|via|reprinted by|blog quoting|"
                    r"republished by)\s+(.+)$", re.I)
_DOMAIN = re.compile(r"\b([a-z0-9-]+)\.(?:com|org|net|co\.uk|org\.uk|ca|tech|info|de|fr|se)\b",
                     re.I)
_STOP = {"the", "of", "and", "for", "in", "on", "a"}


def claimant_keys(name: str) -> set[str]:
    """Match keys of a claimant name: folded name, relayed names, domain stems, acronyms, parts."""
    name = (name or "").strip()
    keys: set[str] = set()
    main = re.sub(r"\([^)]*\)", " ", name)
    brackets = re.findall(r"\(([^)]*)\)", name)
    parts = [main] + [p for p in re.split(r"\s+(?:and|/|&)\s+|\s*/\s*", main) if p.strip()]
    for b in brackets:
        m = _RELAY.match(b.strip())
        if m:
            parts.append(m.group(1))
        elif _DOMAIN.search(b) and len(b.split()) == 1:
            parts.append(b)
    for dm in _DOMAIN.finditer(main):
        keys.add(dm.group(1).lower())
    for b in brackets:
        if _DOMAIN.fullmatch(b.strip()):
            keys.add(_DOMAIN.fullmatch(b.strip()).group(1).lower())  # type: ignore[union-attr]
    for p in parts:
        k = fold(p)
        if not k:
            continue
        keys.add(k)
        words = [w for w in k.split() if w not in _STOP]
        if len(words) >= 2:
            keys.add("".join(w[0] for w in words))
        keys.add(k.replace(" ", ""))
    return {k for k in keys if len(k) >= 2}


def claimants_match(a: str, b: str) -> bool:
    """Whether two claimant names name the same party (shared key, prefix or lone surname)."""
    ka, kb = claimant_keys(a), claimant_keys(b)
    if ka & kb:
        return True
    for x in ka:
        for y in kb:
            short, long_ = (x, y) if len(x) <= len(y) else (y, x)
            if " " in long_ and len(short) >= 4 and (long_ + " ").startswith(short + " "):
                return True
            if " " not in short and len(short) >= 5 and long_.split()[-1] == short:
                return True  # a surname alone ("Montazeri" ~ "Hussein Ali Montazeri")
    return False


def _same_city(a: str, b: str) -> bool:
    a, b = (a or "").strip(), (b or "").strip()
    if fold(a) == fold(b):
        return True
    if not a or not b:
        return False
    from pipeline.report_assistant.places import gazetteer

    g = gazetteer()
    ga, gb = g.canonical(a), g.canonical(b)
    return ga is not None and ga == gb


def event_match(gold: dict, pred: dict) -> bool:
    """Gold and predicted event agree: date at gold precision, country and city."""
    gd, pd_ = (gold.get("date") or "").strip(), (pred.get("date") or "").strip()
    if not gd or len(pd_) < len(gd) or pd_[: len(gd)] != gd:
        return False
    if (gold.get("country") or "").strip().upper() != (pred.get("country") or "").strip().upper():
        return False
    return _same_city(gold.get("city") or "", pred.get("city") or "")


def _num(v: object) -> str:
    s = "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v).strip()
    if s in ("", "<NA>", "nan"):
        return ""
    try:
        return str(int(float(s)))
    except ValueError:
        return s


def claim_match(gold: dict, pred: dict) -> bool:
    """Gold and predicted claim agree: same low and high, matching claimants."""
    if _num(gold.get("low")) != _num(pred.get("low")) or \
            _num(gold.get("high")) != _num(pred.get("high")):
        return False
    return claimants_match(gold.get("claimant") or "", pred.get("claimant") or "")


@dataclass(frozen=True)
class Score:
    """Counts of gold, predicted and matched rows, with precision, recall and F1."""
    gold: int
    pred: int
    matched: int

    @property
    def precision(self) -> float:
        """Matched / predicted (0 when nothing was predicted)."""
        return self.matched / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        """Matched / gold (0 when there is no gold)."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _match(gold: pd.DataFrame, pred: pd.DataFrame, same, reports: set[str] | None  # noqa: ANN001
           ) -> tuple[Score, list[dict], list[dict]]:
    g_recs = [r for r in gold.fillna("").to_dict("records")
              if reports is None or r["report_id"] in reports]
    p_recs = [r for r in pred.fillna("").to_dict("records")
              if reports is None or r["report_id"] in reports]
    used: set[int] = set()
    missed: list[dict] = []
    for g in g_recs:
        hit = next((i for i, p in enumerate(p_recs) if i not in used
                    and p["report_id"] == g["report_id"] and same(g, p)), None)
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
    extra = [p for i, p in enumerate(p_recs) if i not in used]
    return Score(len(g_recs), len(p_recs), len(used)), missed, extra


def score_events(gold: pd.DataFrame, pred: pd.DataFrame, reports: set[str] | None = None
                 ) -> tuple[Score, list[dict], list[dict]]:
    """Score predicted events against gold, one-to-one within each report."""
    return _match(gold, pred, event_match, reports)


def score_claims(gold: pd.DataFrame, pred: pd.DataFrame, reports: set[str] | None = None
                 ) -> tuple[Score, list[dict], list[dict]]:
    """Score predicted claims against gold, one-to-one within each report."""
    return _match(gold, pred, claim_match, reports)


# ---- publisher folds: cross-validation and the held-out set ---------------------------------
#
# A report's publisher key is its index.csv `publisher` without bracketed qualifiers, folded
# ("Iran International (Arabic)" and "Iran International" are one publisher). A publisher's fold
# is sha1(key) mod k: stable, independent of row order and of the texts. The held-out set of the
# protocol in docs/extraction.md is folds 3 and 4 of k = 5, fixed on 2026-12-04 before any rule
# of issue 16 was changed; it is scored once, at the end of a round of work.
HOLDOUT_K = 5
HOLDOUT_FOLDS = (3, 4)


def publisher_key(publisher: str) -> str:
    """"Iran International (Arabic)" -> "iran international"; "openparliament.ca (...)" ->
    "openparliament.ca" (lower case, brackets dropped, spaces collapsed; nothing else)."""
    key = " ".join(re.sub(r"\s*\([^)]*\)", " ", publisher or "").split()).lower()
    return key or "unknown"


def publisher_fold(publisher: str, k: int) -> int:
    """Fold of a publisher among ``k``: sha1 of its publisher key mod k."""
    import hashlib

    return int(hashlib.sha1(publisher_key(publisher).encode("utf-8")).hexdigest(), 16) % k


def is_holdout(publisher: str) -> bool:
    """Whether a publisher belongs to the held-out folds fixed for issue 16."""
    return publisher_fold(publisher, HOLDOUT_K) in HOLDOUT_FOLDS


def cv_folds(publishers: dict[str, str], cv: str) -> list[tuple[str, set[str]]]:
    """(fold label, report_ids) for ``cv`` = "publisher" (leave one publisher out) or "N" (N
    folds of whole publishers, by publisher_fold). ``publishers``: report_id -> publisher."""
    groups: dict[str, set[str]] = {}
    if cv == "publisher":
        for rid, pub in publishers.items():
            groups.setdefault(publisher_key(pub), set()).add(rid)
        return sorted(groups.items())
    if not cv.isdigit() or int(cv) < 2:
        raise ValueError("--cv must be 'publisher' or a number of folds >= 2")
    k = int(cv)
    for rid, pub in publishers.items():
        groups.setdefault(f"fold {publisher_fold(pub, k)}", set()).add(rid)
    return sorted(groups.items())
