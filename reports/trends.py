"""Trends beyond severity: findings per category per week, and how long findings take to close.

Time-to-close is the median number of days from a finding's first sighting to its first move
to confirmed or dismissed, over the findings closed in each week: an exact one-decimal string,
like every other ratio in the report JSON.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from statistics import median
from typing import Any

from auditor.reports.history_data import Closure
from auditor.reports.periods import Week
from auditor.reports.store_data import FindingRow


def _days(seconds: Decimal) -> Decimal:
    return seconds / Decimal(86400)


def median_days(values: Sequence[Closure]) -> str | None:
    """Median first-seen-to-closed time in days, one decimal; None when nothing closed."""
    if not values:
        return None
    spans = [
        _days(Decimal(max(0, int((c.closed_at - c.first_seen).total_seconds())))) for c in values
    ]
    return str(Decimal(median(spans)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def category_trends(
    week: Week, weeks_back: int, findings: Sequence[FindingRow]
) -> list[dict[str, Any]]:
    """One entry per week (oldest first): access findings per category in that week."""
    out = []
    for back in range(weeks_back, -1, -1):
        w = week.shifted(-back)
        counts = Counter(f.category for f in findings if f.time is not None and w.contains(f.time))
        out.append({"week": w.label, "by_category": dict(sorted(counts.items()))})
    return out


def time_to_close(week: Week, weeks_back: int, closed: Sequence[Closure]) -> list[dict[str, Any]]:
    """One entry per week (oldest first): findings closed that week and their median days open."""
    out = []
    for back in range(weeks_back, -1, -1):
        w = week.shifted(-back)
        mine = [c for c in closed if w.contains(c.closed_at)]
        out.append({"week": w.label, "closed": len(mine), "median_days": median_days(mine)})
    return out
