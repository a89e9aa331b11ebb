"""What a week's scans covered: sources read, accesses audited, rules disabled, and gaps.

The report's evidence about the monitoring itself (rather than about the findings): a
privacy officer must see which logs were read, which rules could not run, and on which
days no scan ran at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from auditor.context import AppContext
from auditor.reports.periods import Week, iso_z
from auditor.reports.store_data import SCAN_LABELS, RunInfo, as_int
from auditor.store.models import RunKind, RunStatus


def _local_day(instant: datetime, week: Week) -> date:
    return instant.astimezone(week.tz).date()


def by_day(run: RunInfo) -> dict[str, Any]:
    """A run's accesses per site-local day (``accesses_by_day``), empty if it gave none."""
    counts = run.summary.get("accesses_by_day")
    return counts if isinstance(counts, dict) else {}


def covers(run: RunInfo, week: Week) -> bool:
    """A done access run covers a week if it ran in it or counted accesses on its days."""
    if run.kind != RunKind.ACCESS_LOGS or run.status is not RunStatus.DONE:
        return False
    days = {d.isoformat() for d in week.days()}
    return week.contains(run.at) or bool(days.intersection(by_day(run)))


def accesses_for(week: Week, runs: Sequence[RunInfo]) -> tuple[int, int]:
    """(audited, explained) for a week: per-day counts when a run gives them, else run totals
    attributed to the week the run finished in."""
    audited = explained = 0
    days = {d.isoformat() for d in week.days()}
    for run in runs:
        if run.kind != RunKind.ACCESS_LOGS or run.status is not RunStatus.DONE:
            continue
        per_day = by_day(run)
        if per_day:
            for day, value in per_day.items():
                if day in days:
                    if isinstance(value, dict):
                        audited += as_int(value.get("audited", value.get("records_processed")))
                        explained += as_int(value.get("explained"))
                    else:
                        audited += as_int(value)
            continue
        if week.contains(run.at):
            audited += run.records_processed or as_int(run.summary.get("records_processed"))
            explained += as_int(run.summary.get("accesses_explained"))
    return audited, explained


def _first(item: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if item.get(key) is not None:
            return item[key]
    return None


def sources(runs: Sequence[RunInfo]) -> list[dict[str, Any]]:
    """Per source file: runs and record counts (whole-run counts of the covering runs)."""
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for run in runs:
        listed = run.summary.get("files") or run.summary.get("sources")
        items = listed if isinstance(listed, list) and listed else [None]
        for item in items:
            if isinstance(item, dict):
                name = str(_first(item, "path", "file", "source") or run.source)
                fmt = str(item.get("format") or run.summary.get("format") or "")
                counts = (
                    as_int(_first(item, "records_read", "read")),
                    as_int(_first(item, "records_processed", "processed")),
                    as_int(_first(item, "records_quarantined", "quarantined")),
                )
            else:
                name, fmt = run.source, str(run.summary.get("format") or "")
                counts = (run.records_read, run.records_processed, run.records_quarantined)
            row = table.setdefault(
                (name, fmt),
                {
                    "source": name,
                    "format": fmt,
                    "runs": 0,
                    "records_read": 0,
                    "records_processed": 0,
                    "records_quarantined": 0,
                },
            )
            row["runs"] += 1
            row["records_read"] += counts[0]
            row["records_processed"] += counts[1]
            row["records_quarantined"] += counts[2]
    return [table[k] for k in sorted(table)]


def disabled_rules(runs: Sequence[RunInfo]) -> list[dict[str, str]]:
    """``disabled_rules`` as ``{rule_id: reason}`` or a list of ids / ``{rule_id, reason}``."""
    found: dict[str, str] = {}
    for run in runs:
        raw = run.summary.get("disabled_rules")
        items = list(raw.items()) if isinstance(raw, dict) else raw if isinstance(raw, list) else []
        for item in items:
            if isinstance(item, tuple):
                rule_id, reason = item
            elif isinstance(item, str):
                rule_id, reason = item, ""
            elif isinstance(item, dict) and item.get("rule_id"):
                rule_id, reason = item["rule_id"], item.get("reason") or item.get("missing")
            else:
                continue
            if isinstance(reason, list):
                reason = "missing " + ", ".join(str(x) for x in reason)
            found.setdefault(str(rule_id), str(reason or "missing context"))
    return [{"rule_id": k, "reason": found[k]} for k in sorted(found)]


def _gap(
    kind: str,
    scan: str,
    detail: str,
    *,
    date: str | None = None,
    at: str | None = None,
    run_id: str | None = None,
) -> dict[str, Any]:
    return {"type": kind, "scan": scan, "detail": detail, "date": date, "at": at, "run_id": run_id}


def gaps(
    actx: AppContext,
    week: Week,
    runs: Sequence[RunInfo],
    ever_docs: bool,
    covering: Sequence[RunInfo] = (),
) -> list[dict[str, Any]]:
    """Failed scans, and days on which an expected scan never ran: gaps are findings too."""
    gaps: list[dict[str, Any]] = []
    for run in runs:
        if run.status is RunStatus.FAILED:
            detail = run.error.splitlines()[0][:200] if run.error else "failed"
            scan = SCAN_LABELS[run.kind]
            gaps.append(_gap("failed_scan", scan, detail, at=iso_z(run.at), run_id=run.id))
    daemon = actx.settings.daemon
    access, documents = RunKind.ACCESS_LOGS, RunKind.DOCUMENTS
    expect = {access: bool(daemon.access_log_sources), documents: bool(daemon.export_dirs)}
    for kind, label in ((access, "access-log"), (documents, "document")):
        ran_days = {_local_day(r.at, week) for r in runs if r.kind == kind}
        if kind == access:  # a catch-up scan that counted a day's accesses covers that day
            ran_days |= {d for r in covering for d in week.days() if d.isoformat() in by_day(r)}
        if expect[kind]:
            for day in week.days():
                if day not in ran_days:
                    detail = f"no scheduled {label} scan ran on this day"
                    gaps.append(
                        _gap("missing_scan", SCAN_LABELS[kind], detail, date=day.isoformat())
                    )
        elif not ran_days and not (kind == access and covering) and (kind == access or ever_docs):
            detail = f"no {label} scan ran in this period"
            gaps.append(_gap("missing_scan", SCAN_LABELS[kind], detail))
    return gaps
