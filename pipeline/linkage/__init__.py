"""Record linkage: splink (DuckDB) -> persons with stable ids; a generic CSV linker.

Entry point for the pipeline: :func:`link_records` (see records.py).
"""

from pipeline.linkage.records import MODEL_KEY, link_records

__all__ = ["MODEL_KEY", "link_records"]
