"""Report charts as SVG (matplotlib ``Figure`` objects: no pyplot, no GUI backend, no globals).

Output is deterministic: a fixed ``svg.hashsalt``, no creation date, glyphs as paths. The same
data renders to the same bytes, so a rebuilt report's HTML digest only changes when data does.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from typing import Any

from matplotlib import rc_context
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from auditor.numfmt import count

SEVERITY_COLORS = {
    "critical": "#7f1d1d",
    "high": "#dc2626",
    "medium": "#f59e0b",
    "low": "#60a5fa",
}
RC: dict[str, Any] = {
    "svg.hashsalt": "hipaa-auditor-report",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _count_axis(axis: Axis) -> None:
    """Whole-number ticks written as the report writes counts (``1,500``, never ``1500.0``)."""
    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: count(round(value))))


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buf.getvalue()


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def trend_chart(trends: Sequence[dict[str, Any]]) -> str:
    """Findings per week stacked by severity, with % of accesses explained on a second axis."""
    with rc_context(RC):  # type: ignore[arg-type]
        fig = Figure(figsize=(7.0, 2.6))
        ax = fig.add_subplot()
        labels = [t["week"][5:] for t in trends]
        x = list(range(len(trends)))
        bottom = [0] * len(trends)
        for sev, color in SEVERITY_COLORS.items():
            values = [int(t["by_severity"].get(sev, 0)) for t in trends]
            ax.bar(x, values, bottom=bottom, color=color, label=sev, width=0.65)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_xticks(x, labels)
        ax.set_ylabel("findings")
        _count_axis(ax.yaxis)
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=4, frameon=False, fontsize=7)
        ax.set_ylim(0, max([*bottom, 1]) * 1.15)
        pts = [(i, float(t["explained_pct"])) for i, t in enumerate(trends) if t["explained_pct"]]
        if pts:
            ax2 = ax.twinx()
            ax2.plot(
                [p[0] for p in pts],
                [p[1] for p in pts],
                color="#065f46",
                marker="o",
                markersize=3,
                linewidth=1.2,
            )
            ax2.set_ylim(0, 105)
            ax2.set_ylabel("% accesses explained", color="#065f46")
            ax2.spines["top"].set_visible(False)
        return _svg(fig)


def bar_chart(counts: dict[str, int], *, xlabel: str, color: str = "#1e3a8a") -> str:
    """Horizontal bars, largest on top; used for categories and PHI types."""
    items = sorted(counts.items(), key=lambda kv: (kv[1], kv[0]))
    with rc_context(RC):  # type: ignore[arg-type]
        fig = Figure(figsize=(7.0, max(1.2, 0.28 * len(items) + 0.6)))
        ax = fig.add_subplot()
        if items:
            ax.barh([k for k, _ in items], [v for _, v in items], color=color, height=0.6)
            for i, (_, v) in enumerate(items):
                ax.text(v, i, f" {count(v)}", va="center", fontsize=7)
            _count_axis(ax.xaxis)
        else:
            ax.text(0.5, 0.5, "none", ha="center", va="center", transform=ax.transAxes)
            ax.set_yticks([])
        ax.set_xlabel(xlabel)
        return _svg(fig)


def category_trend_chart(weeks: Sequence[dict[str, Any]], *, top: int = 6) -> str:
    """One line per category over the weeks (the ``top`` largest; the rest as "other")."""
    totals: dict[str, int] = {}
    for w in weeks:
        for cat, n in w["by_category"].items():
            totals[cat] = totals.get(cat, 0) + int(n)
    ranked = sorted(totals, key=lambda c: (-totals[c], c))
    shown, rest = ranked[:top], set(ranked[top:])
    with rc_context(RC):  # type: ignore[arg-type]
        fig = Figure(figsize=(7.0, 2.4))
        ax = fig.add_subplot()
        x = list(range(len(weeks)))
        series = [
            (c.replace("_", " "), [int(w["by_category"].get(c, 0)) for w in weeks]) for c in shown
        ]
        if rest:
            series.append(
                (
                    "other",
                    [sum(int(n) for c, n in w["by_category"].items() if c in rest) for w in weeks],
                )
            )
        for label, values in series:
            ax.plot(x, values, marker="o", markersize=3, linewidth=1.2, label=label)
        ax.set_xticks(x, [w["week"][5:] for w in weeks])
        ax.set_ylabel("findings")
        _count_axis(ax.yaxis)
        ax.set_ylim(0, max([1, *(v for _, vs in series for v in vs)]) * 1.15)
        if series:
            ax.legend(
                loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=4, frameon=False, fontsize=7
            )
        return _svg(fig)


def render_all(data: dict[str, Any]) -> dict[str, str]:
    """Chart name -> data URI, for the template."""
    docs = data["documents"]
    extra = (
        {"category_trend": data_uri(category_trend_chart(data["category_trends"]))}
        if data.get("category_trends")
        else {}
    )
    return {
        **extra,
        "trend": data_uri(trend_chart(data["trends"])),
        "categories": data_uri(
            bar_chart(data["summary"]["findings_by_category"], xlabel="findings this week")
        ),
        "phi_types": data_uri(
            bar_chart(
                {k: v["files"] for k, v in docs["by_type"].items()},
                xlabel="files with this PHI type",
                color="#7c3aed",
            )
        ),
    }
