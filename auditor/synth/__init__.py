"""Synthetic data for the demo, tests and benchmarks: a hospital's context, logs and exports.

``hospital`` (access logs and context), ``scale`` (large logs for benchmarks, via DuckDB),
``access_csv`` (a context-free canonical CSV log), ``documents`` (an export folder with PHI)
and ``report_history`` (a store seeded with weeks of runs and findings, with the small policy
pack in ``pack/`` its findings cite). Everything is deterministic for a seed.
"""
