"""The policy engine on Apache Spark (docs/scale-out.md): the same pack, the same findings.

The access-log scan keeps its parsers, quarantine and context validation (they run on the
driver, in the scan's DuckDB connection); the joined access view, explanations, every rule
and the window rules with their carried state run as Spark SQL. ``pyspark`` is imported only
here and only when a scan or ``policies validate`` asks for ``--engine spark``.
"""
