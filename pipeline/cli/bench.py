"""`python -m pipeline bench | link-bench`: the command-line wiring of the benchmarks. The
generators and the timing of the stages live in pipeline/bench/ and
pipeline/linkage/synthetic.py; this module reads the options and prints the figures."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from pipeline.cli.common import VerboseOpt, fail, out, setup_logging
from pipeline.errors import PipelineError


def bench(
    rows: Annotated[int, typer.Option(help="Rows of the synthetic list.")] = 100_000,
    stage: Annotated[list[str] | None, typer.Option(
        "--stage", help="Stage(s) to measure: ingest, normalize, validate, link, publish "
        "(repeat the option; default: all). Their prerequisites run too.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    profile: Annotated[str, typer.Option(
        help="Generated list: realistic (distinct-value profile of real lists) or "
        "low-cardinality (a few hundred names; a special case).")] = "realistic",
    input_file: Annotated[Path | None, typer.Option(
        "--input", help="Time the stages on this list file instead of a generated one.")] = None,
    mapping: Annotated[Path | None, typer.Option(
        help="mapping.yaml for --input (default: the template columns).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines on "
                                        "stderr.")] = False,
) -> None:
    """Benchmark ingest -> normalize -> validate -> link -> publish on a generated list (made
    in a temporary folder; realistic by default) or on --input FILE, with DuckDB's CSV ->
    Parquet time on the same file as a yardstick."""
    import json

    from pipeline.bench import run_bench

    setup_logging(False, logging.WARNING if quiet else logging.INFO)  # progress
    try:
        result = run_bench(rows, stages=stage, profile=profile, input_path=input_file,
                           mapping_path=mapping)
    except ValueError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        out.print_json(json.dumps(result))
        return
    what = (f"{input_file}" if input_file is not None
            else f"{profile} synthetic list of {result['rows']:,} rows")
    _print_bench(result, rows, what)


def _print_bench(result: dict, rows: int, what: str) -> None:
    tab = Table(title=f"Benchmark: {what}")
    for col in ("stage", "seconds", "CPU s", "rows/s", "peak RSS MB"):
        tab.add_column(col, justify="left" if col == "stage" else "right")
    for t in result["stages"]:
        name = t["stage"] if t["selected"] else f"{t['stage']} (setup)"
        if t["stage"] == "link" and t["rows"] < rows:
            name += f" (first {t['rows']:,} records)"
        if t["seconds"] is None:
            tab.add_row(f"{t['stage']}: {t['note']}", "-", "-", "-", "-")
            continue
        rate = f"{t['rows'] / t['seconds']:,.0f}" if t["seconds"] else "-"
        tab.add_row(name, f"{t['seconds']:.2f}", f"{t['cpu_seconds']:.2f}", rate,
                    f"{t['peak_rss_mb']:,.0f}")
    out.print(tab)
    if not result["pipeline_seconds"]:
        return
    out.print(f"pipeline ({'+'.join(result['pipeline_stages'])}): "
              f"{result['pipeline_seconds']:.2f} s, {result['rows_per_second']:,.0f} rows/s, "
              f"peak {result['pipeline_peak_rss_mb']:,.0f} MB; accepted "
              f"{result['accepted']:,}, quarantined {result['quarantined']:,}")
    out.print(f"DuckDB yardstick (CSV -> Parquet): {result['duckdb_yardstick_seconds']:.2f} s; "
              f"ratio {result['yardstick_ratio']:.1f}x; process peak RSS "
              f"{result['peak_rss_mb']:,.0f} MB; load average "
              f"{' '.join(f'{x:.2f}' for x in result['load_average'])}")


def link_bench(
    rows: Annotated[int, typer.Option(help="About this many synthetic records.")] = 100_000,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic list.")] = 99,
    kind: Annotated[str, typer.Option(
        help="realistic: a 1988-list-like population (Zipf name parts, so namesakes are "
        "common; Persian + Latin; a few % damaged duplicates); febrl: the older "
        "FEBRL-like list (few namesakes).")] = "realistic",
    threshold: Annotated[float, typer.Option(help="As in `link`.")] = 0.2,
    min_pair: Annotated[float, typer.Option("--min-pair", help="As in `link`.")] = 0.05,
    verbose: VerboseOpt = False,
) -> None:
    """Benchmark `link` on a synthetic list (made in a temporary folder): seconds, peak
    memory, precision/recall/F1."""
    import resource
    import tempfile

    from pipeline.cli.link import quiet_splink

    setup_logging(verbose, quiet_level=logging.WARNING)
    quiet_splink()
    from pipeline import io
    from pipeline.linkage import synthetic
    from pipeline.linkage.general import link_frames, parse_compare, parse_csv_bytes

    if kind == "realistic":
        frame, truth = synthetic.make_realistic(rows, seed=seed)
        frames = [frame]
        specs = parse_compare(synthetic.REALISTIC_COMPARE)
    elif kind == "febrl":
        frames, truth = synthetic.make(max(10, round(rows / 1.8)), 0.5, seed=seed)
        specs = parse_compare(["given_name:name", "surname:name", "date_of_birth:date",
                               "suburb:text", "postcode:exact", "street_number:number",
                               "address_1:text", "soc_sec_id:exact"])
    else:
        fail(PipelineError("--kind must be realistic or febrl", value=kind))
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "people.csv", Path(tmp) / "pairs.csv"
        io.write_bytes_atomic(src, io.csv_bytes(frames[0]))
        started = time.perf_counter()
        df = parse_csv_bytes(io.read_bytes(src), file="people.csv")
        pairs, _ = link_frames([df], "rec_id", specs, threshold, min_pair=min_pair)
        io.write_bytes_atomic(dst, io.csv_bytes(pairs))
        seconds = time.perf_counter() - started
    p, r, f1 = synthetic.f1(set(zip(pairs["id_l"], pairs["id_r"], strict=True)), truth)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    typer.echo(f"{len(frames[0]):,} records, {len(truth):,} true pairs: {seconds:.1f} s, "
               f"peak RSS {peak:,.0f} MB; precision {p:.4f} recall {r:.4f} F1 {f1:.4f}")
