"""Page 1 (needs your attention), repeat offenders, follow-up, trends and HTML navigation."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from auditor.policy.metadata import PackMetadata
from auditor.policy.model import CATEGORIES
from auditor.reports import attention, trends
from auditor.reports.history_data import CaseWork, Closure
from auditor.reports.names import NameBook
from auditor.reports.periods import parse_week
from auditor.reports.store_data import FindingRow
from tests.reports.conftest import Built

POLICIES = Path(__file__).resolve().parents[2] / "policies"
WEEK = parse_week("2026-W48", ZoneInfo("UTC"))  # Monday 2026-11-23
T0 = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
NO_NAMES = NameBook()
_ids = iter(range(1, 100_000))


def row(
    user: str,
    category: str,
    severity: str,
    at: datetime,
    *,
    patient: str = "P1",
    status: str = "open",
    explanation: str = "",
) -> FindingRow:
    return FindingRow(
        id=next(_ids),
        kind="access",
        rule_id=f"R-{category}",
        category=category,
        severity=severity,
        time=at,
        user_id=user,
        patient_id=patient,
        event_id="",
        source="",
        explanation=explanation or f"{user} {category}",
        status=status,
        reviewer="",
        first_seen=at,
        last_run_id=None,
    )


def build(rows: list[FindingRow], backlog: list[FindingRow] | None = None) -> dict:
    return attention.build(
        WEEK, rows, backlog or [], [*(backlog or []), *rows], PackMetadata(), NO_NAMES, False, 60
    )


def test_cases_are_in_severity_order_not_by_count() -> None:
    rows = [
        row(f"U{i}", "no_treatment_relationship", "high", T0, patient=f"P{i}") for i in range(5)
    ]
    crit = row("U9", "terminated_user", "critical", T0 + timedelta(days=1))
    low = row("U8", "after_hours", "low", T0)
    cases = build([*rows, crit, low])["cases"]
    assert cases[0]["finding_id"] == crit.id
    assert [c["severity"] for c in cases] == ["critical"] + ["high"] * 5
    assert all(c["severity"] in ("critical", "high") for c in cases)


def test_burst_is_one_case_with_its_patients_folded() -> None:
    burst = row(
        "U2",
        "high_volume",
        "high",
        T0 + timedelta(minutes=40),
        explanation="U2 opened 41 distinct patients within 60 min (threshold 30)",
    )
    members = [
        row(
            "U2", "no_treatment_relationship", "low", T0 + timedelta(minutes=i), patient=f"P{i:03d}"
        )
        for i in range(39)
    ]
    elsewhere = row("U2", "no_treatment_relationship", "low", T0 + timedelta(hours=5))
    out = build([burst, *members, elsewhere])
    bursts = [c for c in out["cases"] if c["kind"] == "burst"]
    assert len(bursts) == 1 and len(out["cases"]) == 1
    case = bursts[0]
    assert case["finding_id"] == burst.id and case["patients"] == 41
    assert set(case["finding_ids"]) == {burst.id, *(m.id for m in members)}
    assert elsewhere.id not in case["finding_ids"]
    assert case["new"] is True and case["weeks_open"] == 1


def test_carried_over_findings_are_listed_with_weeks_open() -> None:
    old = row("U5", "vip_access", "critical", T0 - timedelta(days=14))
    closed = row("U6", "vip_access", "critical", T0 - timedelta(days=7), status="dismissed")
    out = build([], [old, closed])
    assert [c["finding_id"] for c in out["carried_over"]] == [old.id]
    case = out["cases"][0]
    assert case["finding_id"] == old.id and case["new"] is False and case["weeks_open"] == 3


def test_repeat_offender_line_says_account_still_active() -> None:
    last_week = row("U51", "terminated_user", "critical", T0 - timedelta(days=7))
    this_week = row("U51", "terminated_user", "critical", T0)
    once = row("U7", "self_access", "high", T0)
    offenders = attention.repeat_offenders([last_week, this_week, once], WEEK, NO_NAMES, False)
    assert [u["user_id"] for u in offenders] == ["U51"]
    u = offenders[0]
    assert u["weeks_in_a_row"] == 2 and u["account_still_active"] is True
    assert u["finding_ids"] == [this_week.id]


def test_training_from_confirmed_and_sanctions_from_escalated() -> None:
    rows = [
        row("U1", "self_access", "high", T0, status="confirmed"),
        row("U2", "vip_access", "critical", T0, status="escalated"),
        row("U3", "vip_access", "critical", T0, status="open"),
    ]
    out = attention.follow_up(rows, {}, NO_NAMES, False)
    assert [(u["user_id"], u["education"]) for u in out["training"]["users"]] == [("U1", "needed")]
    assert [(e["user_id"], e["disposition"]) for e in out["sanctions"]["entries"]] == [
        ("U2", "sanctions review pending")
    ]


def test_training_and_sanctions_follow_recorded_case_decisions() -> None:
    assigned = row("U1", "self_access", "high", T0, status="confirmed")
    skipped = row("U2", "self_access", "high", T0, status="confirmed")
    judged = row("U3", "family_access", "high", T0, status="open")
    sanctioned = row("U4", "vip_access", "critical", T0, status="confirmed")
    work = {
        assigned.id: CaseWork("inappropriate", "assigned", "", "", "po"),
        skipped.id: CaseWork("appropriate", "not_needed", "", "", "po"),
        judged.id: CaseWork("inappropriate", "", "", "", "po"),
        sanctioned.id: CaseWork("inappropriate", "completed", "written_warning", "done", "po"),
    }
    out = attention.follow_up([assigned, skipped, judged, sanctioned], work, NO_NAMES, False)
    got = {u["user_id"]: u["education"] for u in out["training"]["users"]}
    assert got == {"U1": "assigned", "U3": "needed", "U4": "completed"}
    (entry,) = out["sanctions"]["entries"]
    assert entry["finding_id"] == sanctioned.id and entry["disposition"] == "written_warning"
    assert entry["breach_assessment"] == "done" and entry["reviewer"] == "po"


def test_every_category_has_guidance_in_the_default_pack() -> None:
    pack = PackMetadata.read(POLICIES)
    missing = [c for c in CATEGORIES if not pack.guidance_for(c)]
    assert not missing, f"policies/hipaa_citations.yaml guidance lacks {missing}"
    assert "disable the account" in pack.guidance_for("terminated_user").lower()


def test_time_to_close_is_a_median_in_days() -> None:
    closed = [
        Closure(1, "self_access", T0 - timedelta(days=3), T0),
        Closure(2, "self_access", T0 - timedelta(days=1), T0),
        Closure(3, "self_access", T0 - timedelta(days=10), T0),
    ]
    weeks = trends.time_to_close(WEEK, 2, closed)
    assert [w["week"] for w in weeks] == ["2026-W46", "2026-W47", "2026-W48"]
    assert weeks[-1] == {"week": "2026-W48", "closed": 3, "median_days": "3.0"}
    assert weeks[0]["median_days"] is None
    cats = trends.category_trends(WEEK, 1, [row("U1", "self_access", "high", T0)])
    assert cats == [
        {"week": "2026-W47", "by_category": {}},
        {"week": "2026-W48", "by_category": {"self_access": 1}},
    ]


def test_report_json_and_html_lead_with_attention(built: Built) -> None:
    data = json.loads((built.report.folder / "report.json").read_bytes())
    cases = data["attention"]["cases"]
    assert cases and all(c["severity"] in ("critical", "high") for c in cases)
    ranks = [("critical", "high").index(c["severity"]) for c in cases]
    assert ranks == sorted(ranks)
    assert any(not c["new"] for c in cases) and any(c["new"] for c in cases)
    assert len(data["category_trends"]) == len(data["time_to_close"]) == len(data["trends"])
    html = (built.report.folder / "report.html").read_text(encoding="utf-8")
    assert html.index('id="attention"') < html.index('id="summary"')
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S)
    assert toc is not None
    for target in re.findall(r'href="#([\w-]+)"', toc.group(0)):
        assert f'id="{target}"' in html, target
    # every in-page link lands on an anchor; every finding row carries its id
    for target in set(re.findall(r'href="#([\w-]+)"', html)):
        assert f'id="{target}"' in html, target
    first = data["findings"]["by_category"][0]["rows"][0]["id"]
    assert f'<tr id="f-{first}"><td class="id">#{first}</td>' in html


def test_closures_and_backlog_read_from_the_store(tmp_path: Path) -> None:
    from sqlalchemy import select, update

    from auditor.reports import history_data
    from auditor.store import repo
    from auditor.store.models import Finding, FindingHistory, FindingStatus
    from tests.reports.conftest import WEEK as SEED_WEEK
    from tests.reports.conftest import seeded_context

    actx = seeded_context(tmp_path / "home")
    try:
        week = parse_week(SEED_WEEK, actx.settings.tz)
        with actx.transaction() as s:
            fid = s.scalars(
                select(Finding.id)
                .where(Finding.status == FindingStatus.OPEN, Finding.event_time < week.start)
                .order_by(Finding.id)
            ).first()
            assert fid is not None
            f = repo.set_finding_status(s, fid, FindingStatus.DISMISSED, "officer")
            closed_at = f.first_seen + timedelta(days=2, hours=12)
            s.execute(
                update(FindingHistory).where(FindingHistory.finding_id == fid).values(at=closed_at)
            )
        with actx.sessions() as s:
            backlog = history_data.waiting_before(s, week.start)
            closed = history_data.closures(s, week.shifted(-8).start, week.end + timedelta(days=30))
        assert fid not in {r.id for r in backlog}
        assert backlog and all(r.status in ("open", "escalated") for r in backlog)
        mine = [c for c in closed if c.finding_id == fid]
        assert len(mine) == 1 and trends.median_days(mine) == "2.5"
    finally:
        actx.close()
