"""Licence decisions: which licence each source's rows come under, and what that restricts.

Every source has a recorded licence decision in ``source.license`` (from its
``raw/<source_id>/source.yml``): a licence as the source states it (``CC-BY-SA-4.0``,
``CC BY-NC-ND 4.0 (as stated in the report)``) or ``not stated`` when the source states none
(we then publish only facts and quotes of at most 25 words from it). A missing, empty or
placeholder value (``unknown``, ``tbd``, ``?``) is no decision: :func:`check_licences` refuses
to publish any table with a row from such a source, naming the source.

:func:`resource_licences` summarises, per table, the licences of the sources its rows come
from and states the restrictions (non-commercial, no-derivatives, no licence stated) in words
for the datapackage and the codebook. Pure functions: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pipeline.config import MAX_QUOTE_WORDS
from pipeline.errors import ReleaseError

NOT_STATED = "not stated"
UNDECIDED = frozenset({"", "unknown", "tbd", "todo", "?", "none", "n/a", "na"})
"""Values that record no decision (compared lower-cased, stripped)."""

_NC = re.compile(r"(\bNC\b|non[- ]?commercial)", re.IGNORECASE)
_ND = re.compile(r"(\bND\b|no[- ]?deriv)", re.IGNORECASE)


@dataclass(frozen=True)
class LicenceTerms:
    licence: str
    decided: bool
    non_commercial: bool
    no_derivatives: bool
    not_stated: bool


def terms(licence: object) -> LicenceTerms:
    """What a recorded ``source.license`` value allows (pure, no lookup)."""
    text = "" if licence is None or (not isinstance(licence, str) and pd.isna(licence)) \
        else " ".join(str(licence).split())
    low = text.lower()
    return LicenceTerms(
        licence=text,
        decided=low not in UNDECIDED,
        non_commercial=bool(_NC.search(text)),
        no_derivatives=bool(_ND.search(text)),
        not_stated=low == NOT_STATED,
    )


def _source_licences(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    src = tables.get("source")
    if src is None:
        return {}
    lic = src["license"].astype("object").where(src["license"].notna(), "")
    return dict(zip(src["source_id"].astype(str), lic.astype(str), strict=True))


def check_licences(tables: dict[str, pd.DataFrame]) -> None:
    """Raise ReleaseError naming the source (and table, row count) when any published row comes
    from a source with no recorded licence decision, or from a source missing in `source`."""
    if "source" not in tables:
        raise ReleaseError("no `source` table: the licence of no row can be checked")
    licences = _source_licences(tables)
    for name in sorted(tables):
        df = tables[name]
        if "source_id" not in df.columns:
            continue  # derived tables (person, ...) come from rows checked in their own table
        counts = df["source_id"].astype("object").where(df["source_id"].notna(), "").value_counts()
        for sid in sorted(counts.index, key=str):
            sid = str(sid)
            n = int(counts[sid])
            if sid == "":
                raise ReleaseError(f"table {name}: {n} row(s) cite no source_id, so their "
                                   "licence cannot be checked", field="source_id")
            if sid not in licences:
                raise ReleaseError(f"table {name}: {n} row(s) come from source {sid!r}, which "
                                   "is not in table `source`: no licence decision recorded",
                                   field="source_id", value=sid)
            if not terms(licences[sid]).decided:
                raise ReleaseError(
                    f"table {name}: {n} row(s) come from source {sid!r}, which has no recorded "
                    f"licence decision (license = {licences[sid]!r}); record its licence in "
                    f"its source.yml, or '{NOT_STATED}' when the source states none",
                    field="license", value=sid)


def resource_licences(name: str, tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """For table ``name``: ``sourceLicenses`` (licence -> rows, sources) and ``restrictions``
    (sentences). Tables without a source_id column (derived) say where theirs come from."""
    df = tables[name]
    licences = _source_licences(tables)
    if "source_id" not in df.columns:
        return {"sourceLicenses": [], "restrictions": [
            "Derived from other tables of this package (see their restrictions); no row of "
            "its own cites a source."]}
    ids = df["source_id"].astype("object").where(df["source_id"].notna(), "").astype(str)
    by_licence: dict[str, tuple[int, set[str]]] = {}
    for sid in ids:
        lic = licences.get(sid, "")
        rows, sids = by_licence.get(lic, (0, set()))
        sids.add(sid)
        by_licence[lic] = (rows + 1, sids)
    summary = [{"license": lic, "rows": rows, "sources": len(sids)}
               for lic, (rows, sids) in sorted(by_licence.items())]
    restrictions: list[str] = []
    for lic, (rows, sids) in sorted(by_licence.items()):
        t = terms(lic)
        shown = ", ".join(sorted(sids)[:10]) + (f" and {len(sids) - 10} more"
                                                 if len(sids) > 10 else "")
        if t.non_commercial or t.no_derivatives:
            what = " and ".join(w for w, on in (("non-commercial", t.non_commercial),
                                                ("no-derivatives", t.no_derivatives)) if on)
            restrictions.append(
                f"{rows} row(s) come from source(s) licensed {lic} ({what}): {shown}. Only "
                f"facts and quotes of at most {MAX_QUOTE_WORDS} words are taken from them; "
                "reuse of those quotes beyond quotation may need the rights holder's "
                "permission.")
        elif t.not_stated:
            restrictions.append(
                f"{rows} row(s) come from {len(sids)} source(s) that state no licence: only "
                f"facts and quotes of at most {MAX_QUOTE_WORDS} words are taken from them; "
                "reuse of those quotes beyond quotation may need the rights holder's "
                "permission.")
    return {"sourceLicenses": summary, "restrictions": restrictions}
