"""Before/after figures for issue 11 items 1-5 (claims, events, sources), for the closing note.

Usage: python scripts/measure_claims_events.py BEFORE/csv AFTER/csv  (two release folders built
with `python -m pipeline release --bump major --out DIR`, before and after the change)."""

import sys

import pandas as pd


def read(folder: str, table: str) -> pd.DataFrame:
    return pd.read_csv(f"{folder}/{table}.csv", dtype=str, keep_default_na=False)


def main(before: str, after: str) -> None:
    cb, ca = read(before, "claim"), read(after, "claim")
    m = cb.merge(ca, on="claim_id", suffixes=("_b", ""))
    cols = ["value_low", "value_best", "value_high"]
    changed = m[(m[[c + "_b" for c in cols]].to_numpy() != m[cols].to_numpy()).any(axis=1)]
    curated = changed["claim_id"].str.startswith("E")
    print(f"claims before {len(cb)}, after {len(ca)}; kept claims whose low/best/high changed: "
          f"{len(changed)} (curated {curated.sum()}, report-coded {(~curated).sum()})")
    print("  claims rejected as duplicate quotes:", sorted(set(cb.claim_id) - set(ca.claim_id)))
    print("  qualifiers:", ca.value_qualifier_code.value_counts().to_dict())
    coded_b = cb[~cb.claim_id.str.startswith("E")]
    coded_a = ca[ca.coding_method != "curated"]
    print(f"  claim_scope filled on report-coded claims: before {(coded_b.claim_scope != '').sum()}"
          f" of {len(coded_b)}, after {(coded_a.claim_scope != '').sum()} of {len(coded_a)}")
    print("  claimant_affiliation_code:", ca.claimant_affiliation_code.value_counts().to_dict())
    sb, sa = read(before, "source"), read(after, "source")
    pairs = [(old, r.source_id) for r in sa.itertuples() if r.merged_source_ids
             for old in r.merged_source_ids.split("; ")]
    print(f"sources before {len(sb)}, after {len(sa)}; merged (old -> kept): {pairs}")
    eb, ea = read(before, "event"), read(after, "event")
    print(f"events before {len(eb)}, after {len(ea)}; rejected as duplicate quotes:",
          sorted(set(eb.event_id) - set(ea.event_id)))
    sizes = ea.happening_id.value_counts()
    print(f"happenings {ea.happening_id.nunique()} for {len(ea)} event rows; "
          f"happenings with more than one row: {(sizes > 1).sum()}")
    wave = ea[(ea.event_type == "execution_wave") & ea.event_date_earliest.str.startswith("1988")
              & (ea.city == "")]
    print(f"  execution_wave rows in 1988 (no city): {len(wave)} rows, "
          f"{wave.happening_id.nunique()} happening(s)")
    me = eb.merge(ea, on="event_id", suffixes=("_b", ""))
    moved = me[(me.event_date_precision_b != me.event_date_precision)
               | (me.event_date_earliest_b != me.event_date_earliest)
               | (me.event_date_latest_b != me.event_date_latest)]
    print(f"events whose date bounds changed: {len(moved)} (precision changed: "
          f"{(moved.event_date_precision_b != moved.event_date_precision).sum()}):",
          list(moved.event_id))
    print("  organizer_affiliation_code:",
          ea.organizer_affiliation_code.replace("", "(no organizer)").value_counts().to_dict())
    print("  coding_method: events", ea.coding_method.value_counts().to_dict(),
          "claims", ca.coding_method.value_counts().to_dict())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
