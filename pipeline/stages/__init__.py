"""Stages of a run, one module each, named as the stage (pipeline/runner.py runs them in order):

    snapshot -> ingest -> normalize -> validate -> link -> publish

- snapshot: every file under raw/ is listed in its source.yml with a matching sha256.
- ingest: read the raw snapshots and the hand-made inputs (pipeline/etc/) into frames; I/O
  only, no judgement.
- normalize: raw frames -> candidate rows of the published tables (pure).
- validate: candidate rows against the declared schemas; failing rows go to `reject`, and raw
  rows = published + rejected for every input file.
- link: `record` -> `person`, `record_person`, `match_pair`, `person_id_map` (record linkage
  with reviewed decisions winning; person ids kept stable against the previous release).
- publish: CSV + Parquet + datapackage.json, codebook, CHANGES.md, SQLite edition and archive,
  written atomically into published/<version>/.

cache.py stores a stage's result under the checksums of its inputs and code.

Each stage module exposes a ``run`` function; stages pass plain data (frames and small frozen
records) to each other. Bookkeeping columns that travel with candidate rows until validation:
``_source_id``, ``_file`` (repo-relative input path) and ``_row`` (editor row, header = 1).
"""

BOOKKEEPING = ("_source_id", "_file", "_row")
