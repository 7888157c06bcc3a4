"""Table declarations: the one place that says what a published column is."""

from pipeline.schemas.build import columns, dtypes, row, to_frictionless, to_pandera, to_pyarrow
from pipeline.schemas.tables import TABLES

__all__ = ["TABLES", "columns", "dtypes", "row", "to_frictionless", "to_pandera", "to_pyarrow"]
