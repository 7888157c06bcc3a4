"""Benchmarks on synthetic lists (generated in a temporary folder, never under raw/ or
published/). `python -m pipeline bench --rows N` prints seconds, rows/s and peak memory per
stage, and DuckDB's CSV -> Parquet time on the same file as a yardstick."""

from __future__ import annotations

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


@dataclass
class StageTiming:
    stage: str
    seconds: float
    rows: int
    peak_rss_mb: float


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(name: str, rows: int, fn: Callable[[], Any], out: list[StageTiming]) -> Any:
    start = time.perf_counter()
    value = fn()
    out.append(StageTiming(name, time.perf_counter() - start, rows, _peak_rss_mb()))
    return value


def duckdb_yardstick(csv_path: Path, parquet_path: Path) -> float:
    import duckdb

    start = time.perf_counter()
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{csv_path}', all_varchar=true)) "
               f"TO '{parquet_path}' (FORMAT parquet)")
    return time.perf_counter() - start


def run_bench(rows: int, workdir: Path | None = None) -> dict[str, Any]:
    """Generate, then ingest -> normalize -> validate -> publish a synthetic list of `rows`."""
    from pipeline import io, listformat
    from pipeline.schemas import to_pyarrow
    from pipeline.schemas.build import conform
    from pipeline.sources.lists import ListOptions, normalize_list
    from pipeline.stages.publish import neutralize_formulas
    from pipeline.stages.validate import validate_table

    timings: list[StageTiming] = []
    with tempfile.TemporaryDirectory(prefix="bench-", dir=workdir) as tmp:
        folder = Path(tmp)
        csv_path = folder / "list.csv"
        frame = _timed("generate", rows, lambda: synthetic_list(rows), timings)
        _timed("write csv", rows, lambda: frame.to_csv(csv_path, index=False), timings)
        del frame
        yard = duckdb_yardstick(csv_path, folder / "yardstick.parquet")
        read = _timed("ingest", rows, lambda: listformat.read_list(
            csv_path, listformat.ListMapping.default(), shown="bench/list.csv"), timings)
        result = _timed("normalize", rows, lambda: normalize_list(
            read.frame, ListOptions("bench")), timings)
        valid, bad = _timed("validate", rows, lambda: validate_table(result.records, "record"),
                            timings)

        def publish() -> int:
            df = conform(valid, "record")
            io.write_bytes_atomic(folder / "record.csv",
                                  io.csv_bytes(neutralize_formulas(df, "record")))
            io.write_bytes_atomic(folder / "record.parquet",
                                  io.parquet_bytes(df, to_pyarrow("record")))
            return len(df)

        published = _timed("publish", rows, publish, timings)
    pipeline_seconds = sum(t.seconds for t in timings if t.stage in
                           ("ingest", "normalize", "validate", "publish"))
    return {
        "rows": rows,
        "accepted": int(published),
        "quarantined": int(read.problem_row_count + len(result.rejects["source_row"].unique())
                           + len({(r["file"], r["source_row"]) for r in bad})),
        "stages": [t.__dict__ for t in timings],
        "pipeline_seconds": pipeline_seconds,
        "rows_per_second": rows / pipeline_seconds if pipeline_seconds else None,
        "duckdb_yardstick_seconds": yard,
        "yardstick_ratio": pipeline_seconds / yard if yard else None,
        "peak_rss_mb": _peak_rss_mb(),
    }
