"""Report content from a seeded store: golden JSON, totals, escaping, self-containment."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

from auditor.reports.builder import build_report_data
from auditor.reports.charts import category_trend_chart, trend_chart
from auditor.reports.html import render_html
from auditor.synth.report_history import HOSTILE
from tests.reports.conftest import Built, seeded_context

GOLDEN = Path(__file__).resolve().parent / "golden" / "weekly-2026-W47.json"


def normalise(data: dict[str, Any]) -> dict[str, Any]:
    """Drop the fields that legitimately vary between runs, deliberately and only these:
    the generator version (changes on every release) and the ids of failed scan runs (uuid4).
    Everything else, including generated_at (pinned by the fixed clock), is compared."""
    out = copy.deepcopy(data)
    out["generator"].pop("version")
    for gap in out["gaps"]:
        gap["run_id"] = "<run-id>" if gap["run_id"] else None
    return out


def test_golden_json(built: Built) -> None:
    data = json.loads((built.report.folder / "report.json").read_bytes())
    got = normalise(data)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(got, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert got == expected, "report JSON changed; rerun with UPDATE_GOLDEN=1 if intended"


def test_json_is_canonical(built: Built) -> None:
    raw = (built.report.folder / "report.json").read_bytes()
    data = json.loads(raw)
    assert raw == (json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode()
    assert b"." not in json.dumps(data["summary"]["findings_by_severity"]).encode()
    assert isinstance(data["summary"]["explained_pct"], str)


def test_totals_add_up(built: Built) -> None:
    data = json.loads((built.report.folder / "report.json").read_bytes())
    s = data["summary"]
    assert s["findings_total"] == 40
    assert sum(s["findings_by_severity"].values()) == s["findings_total"]
    assert sum(s["findings_by_category"].values()) == s["findings_total"]
    cats = data["findings"]["by_category"]
    assert sum(c["count"] for c in cats) == s["findings_total"]
    assert all(len(c["rows"]) == c["count"] for c in cats)
    users = data["findings"]["by_user"]
    assert sum(u["count"] for u in users) == s["findings_total"]
    counts = [u["count"] for u in users]
    assert counts == sorted(counts, reverse=True)  # repeat offenders first
    assert users[0]["user_id"] in {"u0000", "u0001"}
    assert data["trends"][-1]["week"] == "2026-W47" and len(data["trends"]) == 9
    assert data["trends"][-1]["findings"] == s["findings_total"]
    missing = next(t for t in data["trends"] if t["week"] == "2026-W44")
    assert missing["accesses_audited"] == 0 and missing["explained_pct"] is None
    assert sum(c["fired"] for c in data["citations"]) == s["findings_total"]
    docs = data["documents"]
    assert docs["files_with_phi"] == 6 and sum(f["files"] for f in docs["by_folder"]) == 6
    assert {f["folder"] for f in docs["by_folder"]} == {"billing", "research", "outbound-fax"}
    assert "files" not in docs  # file names can be PHI: only with include_names


def test_gaps_and_context_are_reported(built: Built) -> None:
    data = json.loads((built.report.folder / "report.json").read_bytes())
    assert [g["type"] for g in data["gaps"]] == ["failed_scan"]
    assert data["gaps"][0]["detail"].startswith("source unreadable")
    assert data["disabled_rules"] == [
        {"reason": "missing workforce.csv", "rule_id": "ACC-COWORKER-001"}
    ]
    cites = {c["rule_id"]: c for c in data["citations"]}
    assert "42 CFR 2.13" in cites["ACC-SENS-001"]["cites"]
    assert "42 CFR 2.32" in cites["ACC-SENS-001"]["cites"]  # from the citation map
    assert cites["ACC-NOREL-009"]["in_policy_pack"] is False


def test_no_names_unless_enabled(built: Built, tmp_path: Path) -> None:
    html = (built.report.folder / "report.html").read_text()
    assert "user_name" not in (built.report.folder / "report.json").read_text()
    ctx_dir = tmp_path / "context"
    ctx_dir.mkdir()
    (ctx_dir / "workforce.csv").write_text("user_id,first_name,last_name\nu0000,Ada,Quill\n")
    (ctx_dir / "patients.csv").write_text("patient_id,first_name,last_name\n")
    assert "Ada Quill" not in html
    actx = seeded_context(
        tmp_path / "home", AUDITOR_REPORT__INCLUDE_NAMES="true", AUDITOR_CONTEXT_DIR=str(ctx_dir)
    )
    try:
        data = build_report_data(actx, built.week, "weekly-2026-W47")
    finally:
        actx.close()
    assert data["include_names"] is True
    assert any(u.get("user_name") == "Ada Quill" for u in data["findings"]["by_user"])
    assert "files" in data["documents"]
    assert "Ada Quill" in render_html(data)


def test_html_escapes_hostile_strings(built: Built) -> None:
    html = (built.report.folder / "report.html").read_text()
    assert HOSTILE not in html
    assert "<script" not in html.lower()
    assert "onerror=alert" not in html.replace("&#34;", '"').split("&lt;img")[0]
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    json_text = (built.report.folder / "report.json").read_text()
    assert json.dumps(HOSTILE)[1:-1] in json_text  # the data itself is kept, as text


def test_html_is_self_contained(built: Built) -> None:
    html = (built.report.folder / "report.html").read_text()
    assert '<meta name="viewport"' in html
    for bad in ('src="http', "src='http", "<link", "@import", "<script"):
        assert bad not in html
    # trend, per-category trend, categories, PHI types
    assert html.count('src="data:image/svg+xml;base64,') == 4


def test_charts_are_deterministic(built: Built) -> None:
    data = json.loads((built.report.folder / "report.json").read_bytes())
    first = trend_chart(data["trends"])
    assert first == trend_chart(data["trends"])
    assert "<svg" in first
    by_category = category_trend_chart(data["category_trends"])
    assert by_category == category_trend_chart(data["category_trends"]) and "<svg" in by_category


def test_site_name_cannot_break_out_of_css(built: Built) -> None:
    data = json.loads((built.report.folder / "report.json").read_bytes())
    data["site"] = 'Evil"; } body { display:none } </style><script>x()</script>'
    html = render_html(data)
    assert "<script>" not in html and html.count("</style>") == 1
    style = html.split("<style>")[1].split("</style>")[0]
    assert "Evil\\000022\\00003b" in style  # the quote and semicolon stay inside the string
    assert '"; }' not in style
