"""Timing of the stages on a list: `python -m pipeline bench --rows N` prints seconds, CPU
seconds, rows/s and peak memory per stage, and DuckDB's CSV -> Parquet time on the same file
as a yardstick."""

from __future__ import annotations

import gc
import logging
import os
import resource
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline import io, readers
from pipeline.bench.lists import realistic_list, synthetic_list, write_realistic_csv
from pipeline.config import Paths
from pipeline.readers.read import _format_for
from pipeline.schemas.build import conform
from pipeline.stages.publish import render_data
from pipeline.stages.validate import validate_table
from pipeline.transforms.lists import ListOptions, normalize_list

log = logging.getLogger(__name__)

STAGES = ("ingest", "normalize", "validate", "link", "publish")
LINK_ROWS_MAX = 20_000
"""The link stage links at most this many records of the synthetic list. Its few hundred
distinct names make blocks of thousands of identical keys at 1M rows (billions of candidate
pairs: a 1M-row link ran out of disk after 12 minutes). Linkage at scale is measured on a
list with realistic name variety: `python -m pipeline link-bench --rows 100000`."""
PIPELINE_STAGES = ("ingest", "normalize", "validate", "publish")  # what the yardstick targets


@dataclass
class StageTiming:
    stage: str
    seconds: float | None  # None: not run (not available)
    rows: int
    peak_rss_mb: float  # the stage's own peak when the kernel can reset it, else the process'
    selected: bool = True  # False: run only because a selected stage needs its output
    note: str = ""
    cpu_seconds: float | None = None  # CPU time of the process (all threads) in the stage


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> bool:
    """Reset the kernel's high-water mark of this process (Linux clear_refs 5)."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:  # noqa: PTH123 - a kernel interface
            fh.write("5")
        return True
    except OSError:
        return False


def _stage_peak_mb(reset: bool) -> float:
    if reset:
        try:
            with open("/proc/self/status") as fh:  # noqa: PTH123
                for line in fh:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
    return _peak_rss_mb()


def _timed(name: str, rows: int, fn: Callable[[], Any], out: list[StageTiming],
           selected: bool = True) -> Any:
    gc.collect()
    reset = _reset_peak()
    cpu = time.process_time()
    log.info("bench: %s (%s rows) ...", name, f"{rows:,}")  # progress: long runs are not silent
    start = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - start
    out.append(StageTiming(name, seconds, rows, _stage_peak_mb(reset), selected,
                           cpu_seconds=time.process_time() - cpu))
    log.info("bench: %s done in %.1f s", name, seconds)
    return value


def duckdb_yardstick(csv_path: Path, parquet_path: Path, cpu: list[float] | None = None) -> float:
    """Seconds DuckDB takes to copy the CSV file to Parquet (its CPU seconds appended to
    ``cpu``)."""
    import duckdb

    cpu_start = time.process_time()
    start = time.perf_counter()
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{csv_path}', all_varchar=true, "
               f"ignore_errors=true)) "
               f"TO '{parquet_path}' (FORMAT parquet)")
    seconds = time.perf_counter() - start
    if cpu is not None:
        cpu.append(time.process_time() - cpu_start)
    return seconds


def _link_module() -> Any | None:
    """pipeline.stages.link if the linkage stage is installed (imported lazily)."""
    import importlib

    try:
        return importlib.import_module("pipeline.stages.link")
    except ImportError:
        return None


PROFILES = ("realistic", "low-cardinality")


def run_bench(rows: int, workdir: Path | None = None,
              stages: tuple[str, ...] | list[str] | None = None, *,
              profile: str = "realistic", input_path: Path | None = None,
              mapping_path: Path | None = None) -> dict[str, Any]:
    """Generate a list of `rows` (`profile`: realistic, the default, or the low-cardinality
    special case), or take the list file `input_path` as it is (CSV, XLSX, JSON...; read with
    `mapping_path` or the default mapping), then run the selected stages on it (default: all;
    a stage's prerequisites run too and are reported as such). DuckDB's CSV -> Parquet time
    on the same file is the yardstick (for a file that is not CSV: on its records as CSV)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; choose from {', '.join(PROFILES)}")
    if input_path is not None and not Path(input_path).exists():
        raise ValueError(f"{input_path}: file not found")
    mapping = (readers.load_mapping(Path(mapping_path)) if mapping_path is not None
               else readers.ListMapping.default())
    chosen, needed = _stages_to_run(stages)
    timings: list[StageTiming] = []
    with tempfile.TemporaryDirectory(prefix="bench-", dir=workdir) as tmp:
        folder = Path(tmp)
        list_path, yard_csv, rows = _bench_list(folder, rows, profile, input_path, mapping,
                                                timings)
        gc.collect()
        yard_cpu: list[float] = []
        yard = duckdb_yardstick(yard_csv, folder / "yardstick.parquet", yard_cpu)
        steps = _Steps(folder, list_path, mapping)
        for name in STAGES:
            if name not in chosen and name not in needed:
                continue
            if name == "link" and _link_module() is None:
                timings.append(StageTiming(name, None, rows, 0.0, name in chosen,
                                           "not available"))
                continue
            _timed(name, min(rows, LINK_ROWS_MAX) if name == "link" else rows,
                   getattr(steps, name), timings, name in chosen)
            if name == "ingest" and not rows:
                rows = steps.state["raw_rows"]
                timings[-1].rows = rows
    return _summary(rows, input_path, profile, chosen, steps.counts, timings, yard, yard_cpu)


def _stages_to_run(stages: tuple[str, ...] | list[str] | None) -> tuple[list[str], set[str]]:
    """The stages asked for (default: all) and the prerequisites that run with them."""
    chosen = list(STAGES) if not stages else list(dict.fromkeys(stages))
    unknown = [s for s in chosen if s not in STAGES]
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(STAGES)}")
    last = max(STAGES.index(s) for s in chosen)
    needed = {"ingest", "normalize", "validate"} & set(STAGES[:last + 1])
    if "publish" in chosen or "link" in chosen:
        needed |= {"ingest", "normalize", "validate"}
    return chosen, needed


def _bench_list(folder: Path, rows: int, profile: str, input_path: Path | None, mapping: Any,
                timings: list[StageTiming]) -> tuple[Path, Path, int]:
    """The list to time (generated into ``folder``, or ``input_path``), the CSV the yardstick
    reads, and the row count (0 when ingest counts it)."""
    if input_path is not None:
        list_path = Path(input_path)
        if _format_for(list_path, mapping, list_path.name) == "csv":
            return list_path, list_path, 0  # rows counted by ingest
        yard_csv = folder / "yardstick.csv"
        first = readers.read_list(list_path, mapping, shown=list_path.name)
        first.frame.to_csv(yard_csv, index=False)
        return list_path, yard_csv, first.raw_row_count
    list_path = folder / "list.csv"
    made: dict[str, pd.DataFrame] = {}
    make = realistic_list if profile == "realistic" else synthetic_list
    _timed("generate", rows, lambda: made.setdefault("frame", make(rows)), timings, False)
    if profile == "realistic":
        _timed("write csv", rows, lambda: write_realistic_csv(made.pop("frame"), list_path),
               timings, False)
    else:
        _timed("write csv", rows, lambda: made.pop("frame").to_csv(list_path, index=False),
               timings, False)
    return list_path, list_path, rows


class _Steps:
    """The stages as the pipeline runs them on one list, each handing its frame to the next."""

    def __init__(self, folder: Path, list_path: Path, mapping: Any) -> None:
        self.folder, self.list_path, self.mapping = folder, list_path, mapping
        self.state: dict[str, Any] = {}
        self.counts: dict[str, int] = {"accepted": 0, "quarantined": 0}

    def ingest(self) -> None:
        """Read the list file (the readers of the ingest stage)."""
        read = readers.read_list(self.list_path, self.mapping,
                                 shown=f"bench/{self.list_path.name}")
        self.state["raw_rows"] = read.raw_row_count
        self.counts["quarantined"] += read.problem_row_count
        self.state["frame"] = read.frame

    def normalize(self) -> None:
        """The generic list normalizer."""
        result = normalize_list(self.state.pop("frame"), ListOptions("bench"))
        self.counts["quarantined"] += int(result.rejects["source_row"].nunique())
        self.state["records"] = result.records

    def validate(self) -> None:
        """Row checks of the record table, then its published dtypes."""
        valid, bad = validate_table(self.state.pop("records"), "record")
        self.counts["quarantined"] += len({(r["file"], r["source_row"]) for r in bad})
        self.state["valid"] = conform(valid, "record")
        self.counts["accepted"] = len(valid)

    def link(self) -> None:
        """Linkage of the first LINK_ROWS_MAX records."""
        mod = _link_module()
        assert mod is not None
        inputs = mod.read_inputs(Paths.under(self.folder, etc=Paths().etc), "0.0.1")
        result = mod.link_tables(self.state["valid"].iloc[:LINK_ROWS_MAX], inputs)
        self.counts["persons"] = len(result.tables["person"])

    def publish(self) -> None:
        """The release's data writer (CSV + Parquet), as `run` publishes the table."""
        for rel, data in render_data({"record": self.state["valid"]}).items():
            io.write_bytes_atomic(self.folder / rel, data)


def _summary(rows: int, input_path: Path | None, profile: str, chosen: list[str],
             counts: dict[str, int], timings: list[StageTiming], yard: float,
             yard_cpu: list[float]) -> dict[str, Any]:
    """The figures `bench --json` prints."""
    measured = [t for t in timings if t.selected and t.stage in PIPELINE_STAGES
                and t.seconds is not None]
    pipeline_seconds = sum(t.seconds or 0.0 for t in measured)
    return {
        "rows": rows,
        "input": str(input_path) if input_path is not None else None,
        "profile": None if input_path is not None else profile,
        "load_average": list(os.getloadavg()),
        "cpus": os.cpu_count(),
        "stages_selected": chosen,
        "accepted": counts["accepted"],
        "quarantined": counts["quarantined"],
        **({"persons": counts["persons"]} if "persons" in counts else {}),
        "stages": [t.__dict__ for t in timings],
        "pipeline_stages": [t.stage for t in measured],
        "pipeline_seconds": pipeline_seconds,
        "rows_per_second": rows / pipeline_seconds if pipeline_seconds else None,
        "pipeline_peak_rss_mb": max((t.peak_rss_mb for t in measured), default=None),
        "pipeline_cpu_seconds": sum(t.cpu_seconds or 0.0 for t in measured),
        "duckdb_yardstick_seconds": yard,
        "duckdb_yardstick_cpu_seconds": yard_cpu[0] if yard_cpu else None,
        "yardstick_ratio": pipeline_seconds / yard if yard and pipeline_seconds else None,
        "peak_rss_mb": _peak_rss_mb(),
    }
