"""Benchmarks on synthetic lists (generated in a temporary folder, never under raw/ or
published/). `python -m pipeline bench --rows N` prints seconds, rows/s and peak memory per
stage, and DuckDB's CSV -> Parquet time on the same file as a yardstick."""

from __future__ import annotations

import gc
import resource
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

GIVEN = [("محمد", "Mohammad"), ("علی", "Ali"), ("حسین", "Hossein"), ("رضا", "Reza"),
         ("مریم", "Maryam"), ("فاطمه", "Fatemeh"), ("مهدی", "Mehdi"), ("زهرا", "Zahra"),
         ("بیژن", "Bijan"), ("منصوره", "Mansoureh"), ("داوود", "Davoud"), ("اکبر", "Akbar"),
         ("عباس", "Abbas"), ("شهلا", "Shahla"), ("جعفر", "Jafar"), ("نادر", "Nader")]
LATIN_VARIANTS = {"Mohammad": ["Mohammed", "Muhammad", "Mohamad"], "Hossein": ["Hosein",
                  "Hussein"], "Davoud": ["Davood", "Dawood"], "Fatemeh": ["Fatima"],
                  "Mansoureh": ["Mansureh"]}
FAMILY = [("کریمی", "Karimi"), ("رضایی", "Rezaei"), ("احمدی", "Ahmadi"), ("حسینی", "Hosseini"),
          ("محمدی", "Mohammadi"), ("قربانزاده", "Ghorbanzadeh"), ("آبادی", "Abadi"),
          ("جاوید فر", "Javidfar"), ("ملکی", "Maleki"), ("طیاری", "Tayari"),
          ("پارسی", "Parsi"), ("انارکی", "Anaraki"), ("صادقی", "Sadeghi"), ("نوری", "Nouri")]
CITIES = ["Tehran", "Karaj", "Shiraz", "Mashhad", "Rasht", "Esfahan", "Ahvaz", "Tabriz",
          "تهران", "کرج", "شیراز", ""]
MONTHS = ["تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر"]
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def synthetic_list(rows: int, seed: int = 1988) -> pd.DataFrame:
    """A template-form list with realistic variety: Persian and Latin names with spelling
    variants, Jalali dates in several forms and digit sets, ages as ranges and approximations,
    and a few faulty rows (no name, impossible dates) like real lists have."""
    rng = np.random.default_rng(seed)
    g = rng.integers(0, len(GIVEN), rows)
    f = rng.integers(0, len(FAMILY), rows)
    f2 = rng.integers(0, len(FAMILY), rows)
    name_fa = np.array([GIVEN[i][0] for i in g], dtype=object) + " " + np.array(
        [FAMILY[i][0] for i in f], dtype=object)
    latin_given = np.array([GIVEN[i][1] for i in g], dtype=object)
    vary = rng.random(rows) < 0.3
    for idx in np.nonzero(vary)[0]:
        opts = LATIN_VARIANTS.get(latin_given[idx])
        if opts:
            latin_given[idx] = opts[int(rng.integers(0, len(opts)))]
    name_latin = latin_given + " " + np.array([FAMILY[i][1] for i in f], dtype=object)
    father = np.array([GIVEN[i][0] for i in rng.integers(0, len(GIVEN), rows)], dtype=object)
    day = rng.integers(1, 32, rows)
    month = rng.integers(4, 10, rows)
    form = rng.integers(0, 5, rows)
    dates = np.where(form == 0, [f"1367/{m:02d}/{d:02d}" for m, d in zip(month, day,
                                                                         strict=True)],
                     np.where(form == 1, [f"{d} {MONTHS[m - 4]} 1367" for m, d in
                                          zip(month, day, strict=True)],
                              np.where(form == 2, [f"{MONTHS[m - 4]} 1367" for m in month],
                                       np.where(form == 3, "1367", ""))))
    persian = rng.random(rows) < 0.4
    dates = np.array([d.translate(PERSIAN_DIGITS) if p else d for d, p in
                      zip(dates, persian, strict=True)], dtype=object)
    age = rng.integers(16, 70, rows)
    age_form = rng.integers(0, 4, rows)
    ages = np.where(age_form == 0, age.astype(str),
                    np.where(age_form == 1, [f"about {a}" for a in age],
                             np.where(age_form == 2, [f"{a}-{a + 5}" for a in age], "")))
    no_name = rng.random(rows) < 0.001
    name_fa[no_name] = ""
    name_latin[no_name] = ""
    return pd.DataFrame({
        "name_fa": name_fa,
        "name_latin": name_latin,
        "father_name": father,
        "gender": rng.choice(["male", "female", ""], rows, p=[0.8, 0.15, 0.05]),
        "age": ages,
        "city": rng.choice(CITIES, rows),
        "province": "",
        "prison": rng.choice(["Evin", "Gohardasht", "Adelabad", ""], rows),
        "date_of_execution_jalali": dates,
        "date_of_execution_gregorian": "",
        "cause": "Execution",
        "source_url": [f"https://example.org/r/{i}" for i in range(rows)],
        "source_note": np.array([FAMILY[i][1] for i in f2], dtype=object),
    })


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
    start = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - start
    out.append(StageTiming(name, seconds, rows, _stage_peak_mb(reset), selected))
    return value


def duckdb_yardstick(csv_path: Path, parquet_path: Path) -> float:
    import duckdb

    start = time.perf_counter()
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{csv_path}', all_varchar=true)) "
               f"TO '{parquet_path}' (FORMAT parquet)")
    return time.perf_counter() - start


def _link_module() -> Any | None:
    """pipeline.stages.link if the linkage stage is installed (imported lazily)."""
    import importlib

    try:
        return importlib.import_module("pipeline.stages.link")
    except ImportError:
        return None


def run_bench(rows: int, workdir: Path | None = None,
              stages: tuple[str, ...] | list[str] | None = None) -> dict[str, Any]:
    """Generate a synthetic list of `rows`, then run the selected stages on it (default: all;
    a stage's prerequisites run too and are reported as such)."""
    from pipeline import io, listformat
    from pipeline.config import Paths
    from pipeline.schemas import to_pyarrow
    from pipeline.schemas.build import conform
    from pipeline.sources.lists import ListOptions, normalize_list
    from pipeline.stages.publish import neutralize_formulas
    from pipeline.stages.validate import validate_table

    chosen = list(STAGES) if not stages else list(dict.fromkeys(stages))
    unknown = [s for s in chosen if s not in STAGES]
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(STAGES)}")
    last = max(STAGES.index(s) for s in chosen)
    needed = {"ingest", "normalize", "validate"} & set(STAGES[:last + 1])
    if "publish" in chosen or "link" in chosen:
        needed |= {"ingest", "normalize", "validate"}

    timings: list[StageTiming] = []
    counts: dict[str, int] = {"accepted": 0, "quarantined": 0}
    with tempfile.TemporaryDirectory(prefix="bench-", dir=workdir) as tmp:
        folder = Path(tmp)
        csv_path = folder / "list.csv"
        made: dict[str, pd.DataFrame] = {}
        _timed("generate", rows, lambda: made.setdefault("frame", synthetic_list(rows)),
               timings, False)
        _timed("write csv", rows, lambda: made.pop("frame").to_csv(csv_path, index=False),
               timings, False)
        gc.collect()
        yard = duckdb_yardstick(csv_path, folder / "yardstick.parquet")
        state: dict[str, Any] = {}

        def ingest() -> None:
            read = listformat.read_list(csv_path, listformat.ListMapping.default(),
                                        shown="bench/list.csv")
            counts["quarantined"] += read.problem_row_count
            state["frame"] = read.frame

        def normalize() -> None:
            result = normalize_list(state.pop("frame"), ListOptions("bench"))
            counts["quarantined"] += int(result.rejects["source_row"].nunique())
            state["records"] = result.records

        def validate() -> None:
            valid, bad = validate_table(state.pop("records"), "record")
            counts["quarantined"] += len({(r["file"], r["source_row"]) for r in bad})
            state["valid"] = conform(valid, "record")
            counts["accepted"] = len(valid)

        def link() -> None:
            mod = _link_module()
            assert mod is not None
            inputs = mod.read_inputs(Paths.under(folder, etc=Paths().etc), "0.0.1")
            result = mod.link_tables(state["valid"].iloc[:LINK_ROWS_MAX], inputs)
            counts["persons"] = len(result.tables["person"])

        def publish() -> None:
            df = state["valid"]
            io.write_bytes_atomic(folder / "record.csv",
                                  io.csv_bytes(neutralize_formulas(df, "record")))
            io.write_bytes_atomic(folder / "record.parquet",
                                  io.parquet_bytes(df, to_pyarrow("record")))

        steps = {"ingest": ingest, "normalize": normalize, "validate": validate, "link": link,
                 "publish": publish}
        for name in STAGES:
            if name not in chosen and name not in needed:
                continue
            if name == "link" and _link_module() is None:
                timings.append(StageTiming(name, None, rows, 0.0, name in chosen,
                                           "not available"))
                continue
            _timed(name, min(rows, LINK_ROWS_MAX) if name == "link" else rows, steps[name],
                   timings, name in chosen)
    measured = [t for t in timings if t.selected and t.stage in PIPELINE_STAGES
                and t.seconds is not None]
    pipeline_seconds = sum(t.seconds or 0.0 for t in measured)
    return {
        "rows": rows,
        "stages_selected": chosen,
        "accepted": counts["accepted"],
        "quarantined": counts["quarantined"],
        **({"persons": counts["persons"]} if "persons" in counts else {}),
        "stages": [t.__dict__ for t in timings],
        "pipeline_stages": [t.stage for t in measured],
        "pipeline_seconds": pipeline_seconds,
        "rows_per_second": rows / pipeline_seconds if pipeline_seconds else None,
        "pipeline_peak_rss_mb": max((t.peak_rss_mb for t in measured), default=None),
        "duckdb_yardstick_seconds": yard,
        "yardstick_ratio": pipeline_seconds / yard if yard and pipeline_seconds else None,
        "peak_rss_mb": _peak_rss_mb(),
    }
