"""Pipeline and open dataset on the 1988 mass executions of political prisoners in Iran."""

from pipeline.config import PIPELINE_VERSION

__all__ = ["PIPELINE_VERSION"]
