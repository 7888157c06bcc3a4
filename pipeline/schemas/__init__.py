"""Table declarations: the one place that says what a published column is."""

from pipeline.schemas.build import to_frictionless, to_pandera, to_pyarrow
from pipeline.schemas.tables import TABLES

__all__ = ["TABLES", "to_frictionless", "to_pandera", "to_pyarrow"]
