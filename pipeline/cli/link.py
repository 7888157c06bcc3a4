"""Linkage commands: `link` (any CSV of people), `review` (uncertain pairs to decide) and
`link-eval` (precision / recall / F1 on labelled pairs); `link-bench` is in cli/bench.py.
Errors are one line (file, row, field) and exit code 1, never a traceback."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.cli.common import EtcOpt, RawOpt, VerboseOpt, console, fail, run_paths, setup_logging
from pipeline.errors import PipelineError

if TYPE_CHECKING:
    import pandas as pd

    from pipeline.config import Paths
    from pipeline.linkage.evaluate import Scores


def quiet_splink() -> None:
    """Silence splink's and DuckDB's INFO chatter and pyspark's pandas-version warning."""
    import warnings

    # pyspark (optional extra) warns on import that it does not yet support pandas 3
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support")
    for name in ("splink", "duckdb"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _start(verbose: bool) -> None:
    setup_logging(verbose, quiet_level=logging.WARNING)
    quiet_splink()


def _linked_tables(raw: Path | None, etc: Path | None) -> dict:
    """Every stage up to link (nothing published): the run's tables."""
    from pipeline import runner

    report = runner.run(run_paths(None, raw, etc), do_publish=False)
    if "record_person" not in report.tables:
        raise PipelineError("no records to link (no victim list under raw/)")
    return report.tables


def link(
    inputs: Annotated[list[Path], typer.Option(
        "--input", help="A CSV of people; once to deduplicate it, twice to link across "
        "the two files.")],
    id_column: Annotated[str, typer.Option("--id-column", help="Unique id column (in "
                                           "every input).")],
    compare: Annotated[list[str], typer.Option(
        "--compare", help="COLUMN:KIND, repeatable; KIND is name, date, exact, number or "
        "text.")],
    out_file: Annotated[Path, typer.Option("--out", help="Where to write the pairs CSV "
                                           "(id_l, id_r, match_probability).")],
    threshold: Annotated[float, typer.Option(help="Keep pairs at or above this match "
                                             "probability.")] = 0.9,
    model_out: Annotated[Path | None, typer.Option(
        "--model-out", help="Also write the fitted splink model (JSON) here.")] = None,
    min_pair: Annotated[float, typer.Option(
        "--min-pair", help="Deduplicating: two clusters join only if every record of one "
        "scored at least this with every record of the other (complete linkage).")] = 0.5,
    pairs_only: Annotated[bool, typer.Option(
        "--pairs-only", help="Deduplicating: write only the scored pairs at or above the "
        "threshold, not every pair inside the clusters they form.")] = False,
    engine: Annotated[str, typer.Option(
        help="splink backend: duckdb, or spark (optional extra: pip install '.[spark]'; "
        "needs Java 17+).")] = "duckdb",
    verbose: VerboseOpt = False,
) -> None:
    """Deduplicate one CSV of people, or link two, with splink (DuckDB, EM-trained)."""
    _start(verbose)
    from pipeline import io
    from pipeline.linkage.engine import EngineOptions
    from pipeline.linkage.general import link_frames, parse_compare, parse_csv_bytes

    started = time.perf_counter()
    if not 0 <= threshold <= 1:
        raise PipelineError("--threshold must be between 0 and 1", value=threshold)
    if not 0 <= min_pair <= 1:
        raise PipelineError("--min-pair must be between 0 and 1", value=min_pair)
    try:
        specs = parse_compare(compare)
        frames = [parse_csv_bytes(io.read_bytes(p, shown=p.as_posix()), file=p.as_posix())
                  for p in inputs]
        if engine not in ("duckdb", "spark"):
            raise PipelineError("--engine must be duckdb or spark", value=engine)
        pairs, model = link_frames(frames, id_column, specs, threshold,
                                   options=EngineOptions(backend=engine),
                                   closure=not pairs_only, min_pair=min_pair,
                                   names=[p.as_posix() for p in inputs])
        io.write_bytes_atomic(out_file, io.csv_bytes(pairs))
        if model_out is not None:
            io.write_bytes_atomic(model_out, model.encode("utf-8"))
    except PipelineError:
        raise
    except Exception as err:  # noqa: BLE001 - never a traceback for the user
        fail(PipelineError(f"linkage failed: {type(err).__name__}: {err}"))
    console.print(f"{len(pairs):,} pairs >= {threshold} from "
                  f"{sum(len(f) for f in frames):,} rows -> {out_file} "
                  f"({time.perf_counter() - started:.1f} s)")


def review(
    out_file: Annotated[Path | None, typer.Option(
        "--out", help="Write the fill-in CSV here (default: standard output).")] = None,
    low: Annotated[float | None, typer.Option(help="Lowest probability listed (default: "
                                              "review_band in linkage.yaml).")] = None,
    high: Annotated[float | None, typer.Option(help="List pairs below this probability "
                                               "(default: review_band).")] = None,
    raw: RawOpt = None,
    etc: EtcOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """List undecided record pairs in a probability band as a fill-in CSV: fill decision
    (must_link / cannot_link), reviewer, reason, decided_date and paste the rows into
    pipeline/etc/link_decisions.csv."""
    _start(verbose)
    from pipeline import io
    from pipeline.linkage.review import review_frame

    paths = run_paths(None, raw, etc)
    settings = io.read_yaml(paths.etc / "linkage.yaml",
                            shown=paths.show_etc(paths.etc / "linkage.yaml")) or {}
    band = settings.get("review_band", [0.3, 0.995])
    lo = float(band[0]) if low is None else low
    hi = float(band[1]) if high is None else high
    if not 0 <= lo < hi <= 1:
        raise PipelineError("need 0 <= --low < --high <= 1", value=f"{lo} {hi}")
    tables = _linked_tables(raw, etc)
    frame = review_frame(tables["match_pair"], tables["record"], lo, hi)
    data = io.csv_bytes(frame)
    if out_file is not None:
        io.write_bytes_atomic(out_file, data)
    if out_file is None:
        typer.echo(data.decode("utf-8"), nl=False)
    console.print(f"{len(frame):,} undecided pairs with {lo} <= probability < {hi}"
                  + (f" -> {out_file}" if out_file else ""))


def link_eval(
    labels: Annotated[Path | None, typer.Option(
        help="Labelled pairs (record_id_l, record_id_r, is_match); default "
        "pipeline/etc/link_labels.csv.")] = None,
    pairs: Annotated[Path | None, typer.Option(
        help="Score this pairs CSV (id_l, id_r) from `link` instead of the pipeline's "
        "persons; labels without is_match are then the complete list of true pairs.")
    ] = None,
    raw: RawOpt = None,
    etc: EtcOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Precision, recall and F1 of the linkage on hand-labelled pairs."""
    _start(verbose)
    from pipeline import io
    from pipeline.linkage.evaluate import parse_labels
    from pipeline.linkage.general import parse_csv_bytes

    paths = run_paths(None, raw, etc)
    lab_path = labels or paths.etc / "link_labels.csv"
    shown = lab_path.as_posix()
    lab_df = parse_csv_bytes(io.read_bytes(lab_path, shown=shown), file=shown)
    lab = parse_labels(lab_df, file=shown)
    published = None
    if pairs is not None:
        scores = _score_pairs_file(pairs, lab, labelled_only="is_match" in lab_df.columns)
    else:
        scores, published = _score_pipeline(paths, lab, raw, etc)
    typer.echo(f"labelled pairs: {len(lab)} ({int(lab['is_match'].sum())} same person, "
               f"{int((~lab['is_match']).sum())} different)")
    if published is not None:
        typer.echo("model and rules, labels withheld:")
    typer.echo(f"tp {scores.tp}  fp {scores.fp}  fn {scores.fn}  tn {scores.tn}")
    typer.echo(f"precision {scores.precision:.4f}  recall {scores.recall:.4f}  "
               f"F1 {scores.f1:.4f}")
    if published is not None:
        typer.echo("published persons (labels applied as reviewed decisions): "
                   f"tp {published.tp}  fp {published.fp}  fn {published.fn}  "
                   f"tn {published.tn}; F1 {published.f1:.4f}")


def _score_pairs_file(pairs: Path, lab: pd.DataFrame, *, labelled_only: bool) -> Scores:
    """Score the (id_l, id_r) pairs of a `link` output file against the labels."""
    from pipeline import io
    from pipeline.linkage.evaluate import score_pairs
    from pipeline.linkage.general import parse_csv_bytes

    pdf = parse_csv_bytes(io.read_bytes(pairs, shown=pairs.as_posix()), file=pairs.as_posix())
    for c in ("id_l", "id_r"):
        if c not in pdf.columns:
            raise PipelineError("missing column", file=pairs.as_posix(), row=1, field=c)
    predicted = set(zip(pdf["id_l"].astype(str), pdf["id_r"].astype(str), strict=True))
    return score_pairs(predicted, lab, labelled_only=labelled_only)


def _score_pipeline(paths: Paths, lab: pd.DataFrame, raw: Path | None,
                    etc: Path | None) -> tuple[Scores, Scores]:
    """(model and rules with the labels withheld, the published persons) scored on ``lab``."""
    from pipeline.config import RELEASE_VERSION
    from pipeline.linkage.evaluate import same_person_pairs, score_pairs
    from pipeline.stages.link import link_tables, read_inputs

    tables = _linked_tables(raw, etc)
    published = score_pairs(same_person_pairs(tables["record_person"], lab), lab)
    # the labels are reviewed decisions, so the published persons honour them by
    # construction; the honest figure is the model + rules with the labels withheld
    held = read_inputs(paths, RELEASE_VERSION, with_labels=False)
    alone = link_tables(tables["record"], held).tables["record_person"]
    return score_pairs(same_person_pairs(alone, lab), lab), published
