"""Collect one week's report from the store into a canonical dict (the JSON is the source of truth).

Everything the HTML and PDF show comes from this dict, so the three formats cannot disagree.
Counts are integers and percentages are decimal strings ("93.4"): exact, never floats.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.context import AppContext
from auditor.policy.metadata import PackMetadata
from auditor.reports import attention, coverage, history_data, trends
from auditor.reports import documents as docs_section
from auditor.reports.names import NameBook
from auditor.reports.periods import Week, iso_z
from auditor.reports.store_data import (
    SCAN_LABELS,
    FindingRow,
    RunInfo,
    access_findings,
    audited_by_day,
    open_before,
    phi_counts_by_first_seen,
    phi_findings,
    runs_between,
)
from auditor.store.models import RunKind, RunStatus

SCHEMA = "https://hipaa-auditor.dev/report/weekly/v1"
SEVERITIES = ("critical", "high", "medium", "low")
TREND_WEEKS = 8
SIGNOFF_STATEMENT = (
    "I have reviewed the information system activity in this report, including every "
    "finding above, as required by 45 CFR 164.308(a)(1)(ii)(D)."
)


def pct(num: int, den: int) -> str | None:
    """A percentage as an exact one-decimal string, or None when there is nothing to divide."""
    if den <= 0:
        return None
    value = (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return str(value)


def sev_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def by_severity(rows: Iterable[FindingRow]) -> dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for r in rows:
        counts[r.severity] = counts.get(r.severity, 0) + 1
    return counts


# ------------------------------------------------------------------ findings


def _row_json(r: FindingRow, names: NameBook, include_names: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": r.id,
        "rule_id": r.rule_id,
        "category": r.category,
        "severity": r.severity,
        "time": iso_z(r.time),
        "user_id": r.user_id,
        "patient_id": r.patient_id,
        "event_id": r.event_id,
        "explanation": r.explanation,
        "status": r.status,
        "reviewer": r.reviewer,
    }
    if include_names:
        out["user_name"] = names.user(r.user_id)
        out["patient_name"] = names.patient(r.patient_id)
    return out


def _sort_key(r: FindingRow) -> tuple[int, str, int]:
    return (sev_rank(r.severity), iso_z(r.time) or "", r.id)


def _findings(
    rows: list[FindingRow], pack: PackMetadata, names: NameBook, include_names: bool
) -> dict[str, Any]:
    per_cat: dict[str, list[FindingRow]] = defaultdict(list)
    per_user: dict[str, list[FindingRow]] = defaultdict(list)
    for r in rows:
        per_cat[r.category or "uncategorised"].append(r)
        per_user[r.user_id].append(r)
    by_category: list[dict[str, Any]] = []
    for cat, items in per_cat.items():
        items.sort(key=_sort_key)
        by_category.append(
            {
                "category": cat,
                "count": len(items),
                "by_severity": by_severity(items),
                "rules": sorted({r.rule_id for r in items}),
                "citations": sorted({c for r in items for c in pack.cites_for(r.rule_id, cat)}),
                "rows": [_row_json(r, names, include_names) for r in items],
            }
        )
    by_category.sort(key=lambda c: (-c["count"], c["category"]))
    by_user: list[dict[str, Any]] = []
    for user, items in per_user.items():
        items.sort(key=_sort_key)
        entry: dict[str, Any] = {
            "user_id": user,
            "count": len(items),
            "max_severity": min((r.severity for r in items), key=sev_rank),
            "categories": dict(sorted(Counter(r.category for r in items).items())),
            "patients": len({r.patient_id for r in items if r.patient_id}),
            "open": sum(1 for r in items if r.status == "open"),
            "finding_ids": [r.id for r in items],
        }
        if include_names:
            entry["user_name"] = names.user(user)
        by_user.append(entry)
    by_user.sort(key=lambda u: (-u["count"], sev_rank(u["max_severity"]), u["user_id"]))
    return {"by_category": by_category, "by_user": by_user}


def _citations(rows: list[FindingRow], pack: PackMetadata) -> list[dict[str, Any]]:
    fired = Counter((r.rule_id, r.category) for r in rows)
    out = []
    for (rule_id, category), n in sorted(fired.items()):
        info = pack.rule(rule_id, category)
        out.append(
            {
                "rule_id": rule_id,
                "category": info.category or category,
                "title": info.title,
                "severity": info.severity,
                "cites": pack.cites_for(rule_id, category),
                "fired": n,
                "in_policy_pack": rule_id in pack.rules,
            }
        )
    return out


# ------------------------------------------------------------------ trends


def _trends(
    week: Week,
    runs: Sequence[RunInfo],
    findings: Sequence[FindingRow],
    phi_seen: Sequence[datetime],
    stored: dict[str, tuple[int, int]],
) -> list[dict[str, Any]]:
    out = []
    for back in range(TREND_WEEKS, -1, -1):
        w = week.shifted(-back)
        rows = [f for f in findings if f.time is not None and w.contains(f.time)]
        audited, explained = coverage.accesses_for(w, runs, stored)
        out.append(
            {
                "week": w.label,
                "accesses_audited": audited,
                "accesses_explained": explained,
                "explained_pct": pct(explained, audited),
                "findings": len(rows),
                "by_severity": by_severity(rows),
                "phi_findings": sum(1 for t in phi_seen if w.contains(t)),
                "failed_scans": sum(
                    1 for r in runs if r.status is RunStatus.FAILED and w.contains(r.at)
                ),
            }
        )
    return out


# ------------------------------------------------------------------ the report


def build_report_data(actx: AppContext, week: Week, report_id: str) -> dict[str, Any]:
    settings = actx.settings
    include_names = settings.report.include_names
    pack = PackMetadata.read(settings.resolved_policies_dir)
    names = NameBook.load(settings.resolved_context_dir, include_names)
    trend_start = week.shifted(-TREND_WEEKS).start
    with actx.sessions() as session:
        all_runs = runs_between(session, trend_start, None)
        trend_findings = access_findings(session, trend_start, week.end)
        period_runs = [r for r in all_runs if week.contains(r.at)]
        doc_run_ids = [r.id for r in period_runs if r.kind == RunKind.DOCUMENTS]
        phi_rows = phi_findings(session, week.start, week.end, doc_run_ids)
        phi_seen = phi_counts_by_first_seen(session, trend_start, week.end)
        carried = open_before(session, week.start)
        backlog = history_data.waiting_before(session, week.start)
        closed = history_data.closures(session, trend_start, week.end)
        work = history_data.case_work(session, (f.id for f in trend_findings))
        # A day early: the site-local days of a UTC window reach past its UTC dates.
        stored = audited_by_day(session, trend_start - timedelta(days=1), week.end)
    rows = [f for f in trend_findings if f.time is not None and week.contains(f.time)]
    audited, explained = coverage.accesses_for(week, all_runs, stored)
    ever_docs = any(r.kind == RunKind.DOCUMENTS for r in all_runs)
    documents = docs_section.build(period_runs, phi_rows, pack, include_names)
    # Runs that produced this week's findings scanned it, even if they ran later (catch-up).
    finding_runs = {r.last_run_id for r in rows if r.last_run_id}
    covering = [
        r
        for r in all_runs
        if coverage.covers(r, week)
        or (r.kind == RunKind.ACCESS_LOGS and r.status is RunStatus.DONE and r.id in finding_runs)
    ]
    unattributed = sum(1 for r in covering if not coverage.by_day(r) and not week.contains(r.at))
    gaps = coverage.gaps(actx, week, period_runs, ever_docs, covering)
    gaps += coverage.monitoring_gaps(
        week,
        all_runs,
        covering,
        audited,
        unattributed,
        quarantine_pct=settings.report.quarantine_gap_pct,
    )
    new_open = sum(1 for r in rows if r.status == "open") + sum(
        1 for r in phi_rows if r.status == "open" and week.contains(r.first_seen)
    )
    scans: dict[str, dict[str, int]] = {}
    for kind, label in SCAN_LABELS.items():
        mine = [r for r in period_runs if r.kind == kind]
        scans[label] = {s.value: sum(1 for r in mine if r.status is s) for s in RunStatus}
    summary = {
        "accesses_audited": audited,
        "accesses_explained": explained,
        # scans that covered the week but gave no per-day counts: their accesses are not above
        "accesses_unattributed_runs": unattributed,
        "explained_pct": pct(explained, audited),
        "findings_total": len(rows),
        "findings_by_severity": by_severity(rows),
        "findings_by_category": dict(sorted(Counter(r.category for r in rows).items())),
        "open_new": new_open,
        "open_carried_over": sum(carried.values()),
        "users_with_findings": len({r.user_id for r in rows}),
        "phi_findings": documents["phi_findings"],
        "phi_files": documents["files_with_phi"],
        "scans": scans,
        "gaps": len(gaps),
    }
    return {
        "schema": SCHEMA,
        "report_id": report_id,
        "kind": "weekly",
        "site": settings.report.site_name,
        "generated_at": iso_z(actx.clock()),
        "generator": {"name": "hipaa-auditor", "version": __version__},
        "include_names": include_names,
        "period": {
            "week": week.label,
            "start": iso_z(week.start),
            "end": iso_z(week.end),
            "first_day": week.monday.isoformat(),
            "last_day": week.sunday.isoformat(),
            "timezone": settings.timezone,
        },
        "summary": summary,
        "gaps": gaps,
        "sources": coverage.sources(covering, week, coverage.declared_roots(actx)),
        "disabled_rules": coverage.disabled_rules(covering),
        "findings": _findings(rows, pack, names, include_names),
        "citations": _citations(rows, pack),
        "documents": documents,
        "trends": _trends(week, all_runs, trend_findings, phi_seen, stored),
        "category_trends": trends.category_trends(week, TREND_WEEKS, trend_findings),
        "time_to_close": trends.time_to_close(week, TREND_WEEKS, closed),
        "attention": attention.build(
            week,
            rows,
            backlog,
            trend_findings,
            pack,
            names,
            include_names,
            settings.access.high_volume_window_minutes,
        ),
        **attention.follow_up(trend_findings, work, names, include_names),
        "policy_pack": Path(settings.resolved_policies_dir).name,
        "signoff": {
            "statement": SIGNOFF_STATEMENT,
            "reviewer": "",
            "title": "Privacy Officer",
            "date": "",
        },
    }
