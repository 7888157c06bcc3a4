"""Stages of a run: snapshot -> load -> normalize -> validate -> publish.

Each stage module exposes a ``run`` function; stages pass plain data (frames and small frozen
records) to each other. Bookkeeping columns that travel with candidate rows until validation:
``_source_id``, ``_file`` (repo-relative input path) and ``_row`` (editor row, header = 1).
"""

BOOKKEEPING = ("_source_id", "_file", "_row")
