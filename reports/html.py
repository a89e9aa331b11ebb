"""The HTML report: one self-contained page (inline CSS, SVG charts as data URIs).

Jinja2 autoescaping is on: explanations, ids and source names come from logs and policy
files a hostile user may have written (``<script>`` in a reason field must stay text).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from auditor.numfmt import count
from auditor.reports.builder import SEVERITIES
from auditor.reports.charts import render_all
from auditor.timefmt import parse_iso

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE = "report.html.j2"


def css_string(value: Any) -> Markup:
    """Text safe inside a double-quoted CSS string in a <style> block (page headers)."""
    out = []
    for ch in str(value):
        if ch.isalnum() or ch in " .,-_:/()#·":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):06x}")
    return Markup("".join(out))


#: A category with more rows than this starts folded in the HTML (print shows every row).
FOLD_OVER = 25
#: On paper a folded case lists this many patients and finding ids, then "and N more".
PRINT_FOLD = 12
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def number(value: Any) -> str:
    """Every count in the report one way (``auditor.numfmt.count``, as the CLI prints them)."""
    return count(value)


def ordinal(value: int) -> str:
    return ORDINALS[value - 1] if 1 <= value <= len(ORDINALS) else f"{value}th"


def categories_by_severity(by_category: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Categories with their most severe finding first, then the larger: a critical category is
    never below pages of low ones (the JSON keeps its own order)."""

    def key(c: dict[str, Any]) -> tuple[int, int, str]:
        worst = next(
            (i for i, sev in enumerate(SEVERITIES) if c["by_severity"].get(sev)), len(SEVERITIES)
        )
        return (worst, -int(c["count"]), str(c["category"]))

    return sorted(by_category, key=key)


def anchored_ids(data: dict[str, Any], max_rows: int) -> set[int]:
    """Finding ids that have a row (an anchor) in the HTML, so links never point nowhere."""
    return {int(f["id"]) for c in data["findings"]["by_category"] for f in c["rows"][:max_rows]}


def _environment(tz: ZoneInfo) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def localtime(value: str | None) -> str:
        if not value:
            return "—"
        try:
            instant = parse_iso(value)
        except ValueError:
            return value
        return instant.astimezone(tz).strftime("%Y-%m-%d %H:%M")

    env.filters["localtime"] = localtime
    env.filters["cssstr"] = css_string
    env.filters["num"] = number
    env.filters["ordinal"] = ordinal
    return env


def render_html(data: dict[str, Any], *, max_rows: int = 200) -> str:
    tz = ZoneInfo(data["period"]["timezone"])
    template = _environment(tz).get_template(TEMPLATE)
    return template.render(
        r=data,
        charts=render_all(data),
        severities=SEVERITIES,
        max_rows=max_rows,
        categories=categories_by_severity(data["findings"]["by_category"]),
        anchored=anchored_ids(data, max_rows),
        user_anchors={u["user_id"] for u in data["findings"]["by_user"][:max_rows]},
        fold_over=FOLD_OVER,
        print_fold=PRINT_FOLD,
        cited_rules={c["rule_id"] for c in data["citations"]},
    )
