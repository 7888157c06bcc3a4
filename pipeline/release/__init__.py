"""Releases users can cite, compare, verify and load.

``python -m pipeline release --bump minor`` (:mod:`.make`) takes the next version after the
latest published one (:mod:`.versions`) and runs the pipeline with it. The publish stage
(pipeline/stages/publish.py, the only publisher) builds the release in a staging folder,
writes CHANGES.md from the diff with the previous release (:mod:`.diff`), refuses a version
number smaller than the change needs (:mod:`.semver`) or a row from a source without a licence
decision (:mod:`.licences`), adds the codebook (:mod:`.codebook`, charts by :mod:`.figures`),
the SQLite edition with Datasette metadata (:mod:`.sqlite`) and the zip + .sha256 download
(:mod:`.archive`), validates and renames the folder into ``published/<version>/``.
``python -m pipeline download`` (:mod:`.download`) fetches and checks such a release, and
``verify`` (:mod:`.verify`) checks one in place.

This module holds only what the publish stage writes into a descriptor (the ``documents``
list, the root datapackage.json). It imports no stage and nothing that runs the pipeline: the
stages import from this package, and :mod:`.make`, which runs them, is imported by the command
line only (a test walks the imports).
"""

from __future__ import annotations

import json

from pipeline import io
from pipeline.config import PACKAGE_NAME

DOCUMENTS = (
    ("changes", "CHANGES.md", "text/markdown"),
    ("codebook", "codebook.md", "text/markdown"),
    ("codebook-html", "codebook.html", "text/html"),
    ("sqlite", f"{PACKAGE_NAME}.sqlite", "application/vnd.sqlite3"),
    ("datasette-metadata", "metadata.json", "application/json"),
)
"""(name, path, mediatype) of each document a release's descriptor lists."""


# ---- the descriptor's documents ---------------------------------------------------------------


def with_documents(descriptor: bytes, documents: dict[str, bytes]) -> bytes:
    """The descriptor with a ``documents`` list (path, mediatype, sha256, bytes) appended."""
    desc = json.loads(descriptor)
    desc.pop("documents", None)
    kinds = {path: (name, media) for name, path, media in DOCUMENTS}
    desc["documents"] = [
        {
            "name": kinds.get(rel, (rel, ""))[0],
            "path": rel,
            "mediatype": kinds.get(rel, ("", "application/octet-stream"))[1],
            "hash": "sha256:" + io.sha256_bytes(data),
            "bytes": len(data),
        }
        for rel, data in sorted(documents.items())
    ]
    return io.json_bytes(desc)


def root_descriptor(descriptor: bytes, prefix: str) -> bytes:
    """The root datapackage.json: every path (tables, Parquet twins, documents) prefixed."""
    desc = json.loads(descriptor)
    for res in desc.get("resources", []):
        res["path"] = prefix + res["path"]
        if isinstance(res.get("parquet"), dict):
            res["parquet"]["path"] = prefix + res["parquet"]["path"]
    for doc in desc.get("documents", []):
        doc["path"] = prefix + doc["path"]
    return io.json_bytes(desc)
