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
    return env


def render_html(data: dict[str, Any], *, max_rows: int = 200) -> str:
    tz = ZoneInfo(data["period"]["timezone"])
    template = _environment(tz).get_template(TEMPLATE)
    return template.render(
        r=data, charts=render_all(data), severities=SEVERITIES, max_rows=max_rows
    )
