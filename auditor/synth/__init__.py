"""Synthetic data for the demo, tests and benchmarks: a hospital's context, logs and exports.

``hospital`` (access logs and context), ``scale`` (large logs for benchmarks, via DuckDB) and
``documents`` (an export folder with PHI). Everything is deterministic for a seed.
"""
