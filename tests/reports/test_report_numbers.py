"""Every count a person reads in the report is written one way: ``1,000,012``, never ``1000012``."""

from __future__ import annotations

import json
import re
from typing import Any

from auditor.numfmt import count
from auditor.reports.html import render_html
from tests.reports.conftest import Built

# Identifiers and positions, not counts: shown as they are (``#1234``, "second week").
NOT_COUNTS = {"id", "finding_id", "finding_ids", "run_id", "sequence", "weeks_in_a_row"}
BIG = 1_000_000


def inflate(value: Any, key: str = "") -> Any:
    """Every count in the report data raised past a million, so a raw print would show."""
    if key in NOT_COUNTS:
        return value
    if isinstance(value, dict):
        return {k: inflate(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [inflate(v, key) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return value + BIG
    return value


def test_count_formats_ints_and_leaves_the_rest() -> None:
    assert [count(1234567), count(0), count(None), count(""), count("97.9")] == [
        "1,234,567",
        "0",
        "—",
        "—",
        "97.9",
    ]
    assert count(True) == "True"


def test_html_shows_every_count_with_thousands_separators(built: Built) -> None:
    data = inflate(json.loads((built.report.folder / "report.json").read_text(encoding="utf-8")))
    html = render_html(data)
    text = re.sub(r"<(style|script)[^>]*>.*?</\1>|<[^>]+>|data:image/[^\"]+", " ", html, flags=re.S)
    assert "1,000,0" in text  # the inflated counts are there, formatted
    raw = re.findall(r"(?<![#\w.,-])\d{5,}(?![\w.,-])", text)
    assert not raw, f"counts printed without separators: {sorted(set(raw))[:10]}"
