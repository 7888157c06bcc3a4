"""`python -m pipeline extract | extract-eval | extract-accept`: the report-coding assistant
(pipeline/report_assistant/; not run by `run`): rule-based extraction of events and claims from
report texts, its evaluation against gold rows, and the review loop that turns accepted
candidates into curated coding (pipeline/etc/coding/). See docs/extraction.md."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.cli.common import fail

if TYPE_CHECKING:
    import pandas as pd


def _gold_dir(path: Path) -> Path:
    """Accept the gold folder itself or a reports folder holding gold/."""
    return path / "gold" if (path / "gold" / "events.csv").is_file() else path


def extract(
    reports: Annotated[Path, typer.Option("--reports", help="Folder with index.csv and "
                                          "texts/<report_id>.txt.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Write events.csv and claims.csv "
                                          "here.")],
    review: Annotated[Path | None, typer.Option(
        "--review", help="Also write a review file of candidates not yet in the curated "
        "coding (pipeline/etc/coding/ unless --coding says otherwise).")] = None,
    coding: Annotated[Path | None, typer.Option(
        "--coding", help="Curated coding folder (events.csv, claims.csv).")] = None,
) -> None:
    """Extract dated, placed event rows and attributed claim rows from report texts."""
    from pipeline.config import Paths
    from pipeline.report_assistant import core
    from pipeline.report_assistant import review as rv

    t0 = time.perf_counter()
    reps = core.read_reports(reports)
    failures: list[str] = []
    events, claims = core.extract_reports(reps, failures)
    for line in failures:
        typer.echo(f"skipped: {line}", err=True)
    core.write_outputs(events, claims, out_dir)
    seconds = time.perf_counter() - t0
    if review is not None:
        folder = coding or (Paths().etc / "coding")
        cur_ev, cur_cl = rv.read_coding(folder)
        frame = rv.review_frame(events, claims, cur_ev, cur_cl)
        rv.write_review(frame, review)
        typer.echo(f"review: {len(frame)} candidates not in {folder} -> {review}", err=True)
    per100 = seconds / len(reps) * 100 if reps else 0.0
    typer.echo(f"{len(reps)} reports -> {len(events)} events, {len(claims)} claims in "
               f"{out_dir} ({seconds:.2f} s; {per100:.2f} s per 100 reports)", err=True)


def extract_eval(
    gold: Annotated[Path, typer.Option("--gold", help="Folder with gold events.csv and "
                                       "claims.csv (or a reports folder holding gold/).")],
    pred: Annotated[Path | None, typer.Option(
        "--pred", help="Folder with extracted events.csv and claims.csv (not with --cv: "
        "cross-validation extracts each fold itself).")] = None,
    reports: Annotated[str | None, typer.Option(
        "--only", help="Comma-separated report_ids to score (default: all in gold).")] = None,
    show_errors: Annotated[bool, typer.Option("--errors", help="List misses and extras.")
                           ] = False,
    cv: Annotated[str | None, typer.Option(
        "--cv", help="Cross-validate by publisher: 'publisher' (leave one publisher out) "
        "or N (N folds of whole publishers). Each fold is extracted with anything learned "
        "built from the other folds' gold only. Needs the reports folder (--reports).")
    ] = None,
    part: Annotated[str, typer.Option(
        "--part", help="all | dev | holdout: the held-out publishers of the protocol in "
        "docs/extraction.md (folds 3,4 of 5 by publisher) or all others.")] = "all",
    texts: Annotated[Path | None, typer.Option(
        "--reports", help="Reports folder (index.csv + texts/) for --cv and --part; "
        "default: --gold if it holds index.csv.")] = None,
) -> None:
    """Precision, recall and F1 of extracted events and claims against gold rows."""
    only = {r.strip() for r in reports.split(",") if r.strip()} if reports else None
    if part not in ("all", "dev", "holdout"):
        fail(f"--part: must be all, dev or holdout ({part})")
    first_look = part == "holdout" and pred is None and cv is None
    if cv is None and pred is None and not first_look:
        fail("--pred: a predictions folder is needed (or use --cv, or --part holdout)")
    gdir = _gold_dir(gold)
    frames = {kind: _read_rows(gdir / name, kind) for kind, name in
              (("gold_events", "events.csv"), ("gold_claims", "claims.csv"))}
    folds: list[tuple[str, set[str]]] = []
    if cv is None and part == "all":
        assert pred is not None
        frames.update({kind: _read_rows(pred / name, kind) for kind, name in
                       (("pred_events", "events.csv"), ("pred_claims", "claims.csv"))})
    else:
        only, folds = _predict_folds(frames, texts or gold, only, cv=cv, part=part,
                                     first_look=first_look, pred=pred)
    if only is None:
        only = set(frames["gold_events"]["report_id"]) | set(frames["gold_claims"]["report_id"])
    if cv is not None:
        _print_folds(frames, folds, cv)
    _print_scores(frames, only, show_errors)


def _read_rows(path: Path, kind: str) -> pd.DataFrame:
    """A gold or predicted events.csv / claims.csv, with the columns extraction writes."""
    from pipeline import io
    from pipeline.report_assistant import core

    cols = core.EVENT_COLUMNS if kind.endswith("events") else core.CLAIM_COLUMNS
    return io.read_csv_strict(path, shown=path.as_posix(), required=cols)


def _predict_folds(frames: dict[str, pd.DataFrame], rdir: Path, only: set[str] | None, *,
                   cv: str | None, part: str, first_look: bool, pred: Path | None,
                   ) -> tuple[set[str] | None, list[tuple[str, set[str]]]]:
    """Restrict ``only`` to the --part's reports, and fill frames' pred_events / pred_claims:
    read from --pred, or extracted fold by fold (--cv, or the held-out set on first look) with
    what is learned from the other reports' gold only. Returns (only, folds)."""
    from pipeline.report_assistant import core
    from pipeline.report_assistant import evaluate as ev

    reps = core.read_reports(rdir)
    if part != "all":
        keep = {r.report_id for r in reps if ev.is_holdout(r.publisher) == (part == "holdout")}
        only = keep if only is None else only & keep
    if first_look:
        # the held-out set, extracted with what is learned from the dev reports only
        dev = {r.report_id for r in reps if not ev.is_holdout(r.publisher)}
        folds = [("holdout", set(only or ()))]
        pool = dev
    elif cv is not None:
        try:
            folds = ev.cv_folds({r.report_id: r.publisher for r in reps
                                 if only is None or r.report_id in only}, cv)
        except ValueError as exc:
            fail(f"--cv: {exc} ({cv})")
        pool = only
    else:
        assert pred is not None
        frames.update({kind: _read_rows(pred / name, kind) for kind, name in
                       (("pred_events", "events.csv"), ("pred_claims", "claims.csv"))})
        return only, []
    frames["pred_events"], frames["pred_claims"], _ = core.cross_validate(
        reps, folds, frames["gold_events"], frames["gold_claims"], pool=pool)
    return only, folds


def _print_folds(frames: dict[str, pd.DataFrame], folds: list[tuple[str, set[str]]],
                 cv: str) -> None:
    from pipeline.report_assistant import evaluate as ev

    typer.echo(f"cross-validation ({cv}): {len(folds)} folds; each fold extracted with "
               "what was learned from the other folds' gold")
    for label, rids in folds:
        s_e, _, _ = ev.score_events(frames["gold_events"], frames["pred_events"], rids)
        s_c, _, _ = ev.score_claims(frames["gold_claims"], frames["pred_claims"], rids)
        typer.echo(f"  {label:40.40} reports {len(rids):3d}  events F1 {s_e.f1:5.3f} "
                   f"({s_e.matched}/{s_e.gold}/{s_e.pred})  claims F1 {s_c.f1:5.3f} "
                   f"({s_c.matched}/{s_c.gold}/{s_c.pred})")
    typer.echo("pooled over folds (match counts summed):")


def _print_scores(frames: dict[str, pd.DataFrame], only: set[str], show_errors: bool) -> None:
    from pipeline.report_assistant import evaluate as ev

    typer.echo(f"{'table':8} {'gold':>5} {'pred':>5} {'match':>5} {'precision':>9} "
               f"{'recall':>7} {'F1':>6}")
    for label, scorer, g, p in (
            ("events", ev.score_events, frames["gold_events"], frames["pred_events"]),
            ("claims", ev.score_claims, frames["gold_claims"], frames["pred_claims"])):
        score, missed, extra = scorer(g, p, only)
        typer.echo(f"{label:8} {score.gold:5d} {score.pred:5d} {score.matched:5d} "
                   f"{score.precision:9.3f} {score.recall:7.3f} {score.f1:6.3f}")
        if not show_errors:
            continue
        keys = (("event_type", "date", "city", "country") if label == "events"
                else ("claimant", "low", "high", "value_text"))
        for tag, rows in (("missed", missed), ("extra", extra)):
            for r in rows:
                vals = " | ".join(str(r.get(k, "")) for k in keys)
                typer.echo(f"  {tag:6} {r['report_id']} {vals} :: "
                           f"{str(r.get('evidence', ''))[:90]!r}")


def extract_accept(
    review: Annotated[Path, typer.Option("--review", help="Review file with a 'decision' "
                                         "column (accept | reject | empty).")],
    raw: Annotated[Path | None, typer.Option(
        "--raw", help="Folder with the report snapshots (index.csv + texts/); default "
        "raw/reports/.")] = None,
    coding: Annotated[Path | None, typer.Option(
        "--coding", help="Curated coding folder to append to; default "
        "pipeline/etc/coding/.")] = None,
) -> None:
    """Append accepted review rows to the curated coding, each evidence verified against
    its snapshot exactly as hand coding is."""
    from pipeline.config import Paths
    from pipeline.report_assistant import review as rv

    base = Paths()
    result = rv.accept(review, raw or (base.raw / "reports"), coding or (base.etc / "coding"))
    for line in result.problems:
        typer.echo(f"skipped: {line}", err=True)
    typer.echo(f"accepted {result.events} events and {result.claims} claims; "
               f"skipped {len(result.problems)}; rejected/undecided {result.left}", err=True)
