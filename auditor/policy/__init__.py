"""Policy packs: loading, validating and evaluating access rules in DuckDB."""
