"""The optional Spark backend of `link --engine spark` (issue #7 point 4): our DuckDB SQL
translated to Spark SQL, and a local Spark session with splink's similarity jar."""

from __future__ import annotations

import json
from typing import Any

from pipeline.errors import PipelineError

_SPARK_FUNCTIONS = (("jaro_winkler_similarity(", "jaro_winkler("),
                    ("INTERVAL 31 DAY", "INTERVAL 31 DAYS"))


def spark_sql(sql: str) -> str:
    """Our DuckDB SQL in Spark SQL: backtick identifiers (our SQL has no string literals) and
    splink's Spark UDF names (jaro_winkler, damerau_levenshtein from splink's jar)."""
    for a, b in _SPARK_FUNCTIONS:
        sql = sql.replace(a, b)
    return sql.replace('"', "`")


def to_spark_sql(settings: dict[str, Any]) -> dict[str, Any]:
    """A copy of splink settings with every SQL condition and blocking rule in Spark SQL."""
    out = json.loads(json.dumps(settings))
    for comp in out["comparisons"]:
        for level in comp["comparison_levels"]:
            level["sql_condition"] = spark_sql(level["sql_condition"])
    for rule in out["blocking_rules_to_generate_predictions"]:
        rule["blocking_rule"] = spark_sql(rule["blocking_rule"])
        rule["sql_dialect"] = "spark"
    return out


def spark_api(threads: int) -> Any:
    """splink's SparkAPI on a local Spark session with splink's similarity jar."""
    import tempfile

    try:
        from pyspark.sql import SparkSession
        from splink.backends.spark import SparkAPI, similarity_jar_location
    except ImportError as exc:
        raise PipelineError("the spark engine needs pyspark: pip install '.[spark]' "
                            f"({exc.name} missing)") from None
    try:
        spark = (SparkSession.builder.master(f"local[{max(1, int(threads))}]")
                 .appName("pipeline-link")
                 .config("spark.jars", similarity_jar_location())
                 .config("spark.sql.shuffle.partitions", "4")
                 .config("spark.default.parallelism", "4")
                 .config("spark.ui.enabled", "false")
                 .config("spark.ui.showConsoleProgress", "false")
                 .getOrCreate())
    except Exception as exc:  # noqa: BLE001 - Java missing etc.
        raise PipelineError(f"cannot start Spark (is Java 17+ installed?): {exc}") from None
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="splink-spark-"))
    return SparkAPI(spark_session=spark)

