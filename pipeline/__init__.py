"""Pipeline and open dataset on the 1988 mass executions of political prisoners in Iran."""

from __future__ import annotations

import warnings
from typing import Any

from pipeline.config import PIPELINE_VERSION

# pandera and splink import pyspark when it is installed (the optional 'spark' extra), and
# pyspark warns about pandas 3 on import even when nothing runs on Spark. Only that warning
# is silenced; the Spark engine's own test checks that Spark gives DuckDB's clusters.
warnings.filterwarnings(
    "ignore", message="PySpark does not yet fully support pandas", category=FutureWarning
)

__all__ = ["PIPELINE_VERSION", "load"]


def __getattr__(name: str) -> Any:
    # ``from pipeline import load`` imports pandas/pyarrow only when asked for. Importing the
    # submodule pipeline.load binds the module to this name; rebind it to the function.
    if name == "load":
        import importlib

        func = importlib.import_module("pipeline.load").load
        globals()["load"] = func
        return func
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
