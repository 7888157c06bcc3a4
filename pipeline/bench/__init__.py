"""Benchmarks: generated lists (lists.py) and the timing of the stages on them or on any list
file with DuckDB as the yardstick (timing.py). `python -m pipeline bench` runs them."""

from pipeline.bench.lists import realistic_list, synthetic_list, write_realistic_csv
from pipeline.bench.timing import (
    LINK_ROWS_MAX,
    PIPELINE_STAGES,
    PROFILES,
    STAGES,
    StageTiming,
    duckdb_yardstick,
    run_bench,
)

__all__ = ["LINK_ROWS_MAX", "PIPELINE_STAGES", "PROFILES", "STAGES", "StageTiming",
           "duckdb_yardstick", "realistic_list", "run_bench", "synthetic_list",
           "write_realistic_csv"]
