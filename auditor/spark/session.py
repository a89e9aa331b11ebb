"""One SparkSession per process, configured for the policy engine's semantics.

Spark's session time zone is pinned to UTC (as the DuckDB connection is): event instants are
UTC and the site-local time travels as a wall-clock value, so ``hour()`` or
``date_format()`` read the same digits in both engines. ``size(NULL)`` is NULL, as DuckDB's
``array_length(NULL)``.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING

from auditor.errors import ConfigError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"
# Settings the engine's results (or its viability) depend on: not overridable by
# ``[access] spark_conf``.
FIXED_CONF = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.legacy.sizeOfNull": "false",
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    # Data handed over from the driver (a segment's events, the context tables) becomes an
    # RDD read by the executors, never a LocalRelation: below this threshold (48 MB by
    # default) Spark embeds the rows in the query plan, so every later query over them
    # re-plans, canonicalises and compares hundreds of thousands of rows (issue #17: most of
    # a segment's time was spent there, growing with its size).
    "spark.sql.execution.arrow.localRelationThreshold": "0",
    # The window carry is a union of checkpointed pieces (one per segment): inferring
    # constraints through it failed in Catalyst at the sixth piece of a 10M-event scan
    # (``NoSuchElementException: key not found`` in ``Union.rewriteConstraints``), and the
    # inference grows with the plan. The engine's joins state their own filters.
    "spark.sql.constraintPropagation.enabled": "false",
}
DEFAULT_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    # Segments are small next to a cluster's defaults (200): a few partitions per core.
    "spark.sql.shuffle.partitions": "8",
    # A scan runs the same dozen queries on every segment, each over a few hundred thousand
    # rows: adaptive execution re-plans each query between its stages and runs every
    # shuffle stage as a job of its own (~75 jobs a segment, ~16 without), and the driver's
    # planning outweighed what it saved (issue #17: docs/scale-out.md has the figures).
    "spark.sql.adaptive.enabled": "false",
    # Generated code is cached by its source text, 100 classes by default; a segment
    # compiles a few hundred, so the cache was evicted before the next segment asked for
    # the same classes again and every segment compiled them anew (Janino, in the driver).
    "spark.sql.codegen.cache.maxEntries": "4096",
}


def spark_session(master: str | None = None, conf: Mapping[str, str] | None = None) -> SparkSession:
    """The process's session (created on first use); ``master`` and ``conf`` apply then.

    A session already running (tests, ``spark-submit``) is reused as it is: its master was
    chosen by whoever started it.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # an optional engine: say how to get it
        raise ConfigError(
            "the spark engine needs pyspark and a Java runtime (make install; docs/scale-out.md)",
            field="engine",
        ) from exc
    # pyspark warns on every pandas conversion that pandas 3 is not fully supported; the
    # conversions used here (flat columns of strings and numbers) are covered by the tests.
    warnings.filterwarnings(
        "ignore", message="PySpark does not yet fully support pandas", category=FutureWarning
    )
    active = SparkSession.getActiveSession()
    if active is not None:
        for key, value in FIXED_CONF.items():
            if key.startswith("spark.sql."):
                active.conf.set(key, value)
        return active
    # Executors must run this interpreter (the one that has the project installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("hipaa-auditor")
    if master or "spark.master" not in dict(conf or {}):
        builder = builder.master(master or DEFAULT_MASTER)
    for key, value in {**DEFAULT_CONF, **dict(conf or {}), **FIXED_CONF}.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # JVM missing or failing to start: one clear line
        raise ConfigError(
            f"cannot start Spark ({type(exc).__name__}); is Java installed? "
            "(scripts/system-deps.sh)",
            field="engine",
        ) from exc
    session.sparkContext.setLogLevel("ERROR")
    return session
