"""Quoting for the DuckDB SQL the auditor builds as text.

On the ground floor, importing nothing of the auditor's, because parsers (``scanners``), the
policy engine (``policy``) and the synthetic data (``synth``) all quote literals and
identifiers: none of them should import another floor just to double a quote.
"""

from __future__ import annotations

__all__ = ["quote_ident", "quote_str"]


def quote_ident(name: str) -> str:
    """``name`` as a double-quoted SQL identifier (embedded quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'


def quote_str(value: str) -> str:
    """``value`` as a single-quoted SQL string literal (embedded quotes doubled)."""
    return "'" + value.replace("'", "''") + "'"
