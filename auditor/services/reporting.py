"""Weekly reports: build (JSON -> HTML -> PDF), sign (PAdES + DSSE, chained), list and show.

The CLI, the daemon's weekly job and the API all call ``build_weekly_report``. A report folder
is only left on disk once it is signed and in the ledger; a failure removes it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from auditor.context import AppContext
from auditor.errors import AuditorError, NotFoundError, SignatureError
from auditor.signing import ledger
from auditor.signing.attest import sign_artifacts, verify_folder
from auditor.store.models import LedgerEntry, Report, RunStatus
from auditor.store.repo import finish_run, start_run

REPORT_PREDICATE = "https://hipaa-auditor.dev/attestation/weekly-report/v1"
JSON_NAME, HTML_NAME, PDF_NAME = "report.json", "report.html", "report.pdf"


@dataclass(frozen=True)
class ReportResult:
    report_id: str
    folder: Path
    files: list[Path]
    envelope: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)


def _taken(actx: AppContext, report_id: str) -> bool:
    if (actx.settings.reports_dir / report_id).exists():
        return True
    with actx.sessions() as session:
        return (
            session.get(Report, report_id) is not None
            or ledger.entry_for_subject(session, report_id) is not None
        )


def new_report_id(actx: AppContext, base: str) -> str:
    """``weekly-2026-W47``, then ``weekly-2026-W47-r2``... when a week is rebuilt."""
    candidate, n = base, 1
    while _taken(actx, candidate):
        n += 1
        candidate = f"{base}-r{n}"
    return candidate


def existing_report(actx: AppContext, report_id: str) -> ReportResult | None:
    """The signed report with this id, if any (files as listed in its envelope)."""
    from auditor.signing.attest import read_statement

    with actx.sessions() as session:
        row = session.get(Report, report_id)
    if row is None:
        return None
    folder = ledger.resolve_path(actx.settings, row.path)
    try:
        names = [s["name"] for s in read_statement(folder)["subject"]]
    except (AuditorError, OSError, ValueError, KeyError):
        names = []
    env = folder / "report.dsse.json"
    return ReportResult(report_id, folder, [folder / n for n in names], envelope=env)


def build_weekly_report(
    actx: AppContext,
    week: str | None = None,
    *,
    rebuild: bool = True,
    run_id: str | None = None,
    trigger: str | None = None,
) -> ReportResult:
    """Build and sign the report for ``week`` (``2026-W47``; default: last full ISO week).

    ``rebuild=False`` (the daemon's weekly job after a restart or misfire) returns the week's
    existing report instead of signing a second one (``weekly-2026-W47-r2``). ``run_id`` is
    a run the caller already recorded (the daemon's), so one build leaves one run.
    """
    import time

    from auditor.reports import json_out
    from auditor.reports.builder import build_report_data
    from auditor.reports.html import render_html
    from auditor.reports.pdf import render_pdf
    from auditor.reports.periods import last_full_week, parse_week
    from auditor.signing.pades import sign_pdf

    settings = actx.settings
    tz = settings.tz
    w = parse_week(week, tz) if week else last_full_week(actx.clock(), tz)
    if not rebuild and (found := existing_report(actx, f"weekly-{w.label}")) is not None:
        return found
    report_id = new_report_id(actx, f"weekly-{w.label}")
    with actx.transaction() as session:
        run_id = start_run(
            session,
            run_id,
            "report",
            [report_id],
            trigger=trigger or actx.actor,
            requested_by=actx.actor,
            params={"week": w.label},
        )
    folder = settings.reports_dir / report_id
    timings: dict[str, float] = {}
    try:
        t = time.perf_counter()
        data = build_report_data(actx, w, report_id)
        timings["collect"] = time.perf_counter() - t
        folder.mkdir(parents=True)
        t = time.perf_counter()
        (folder / JSON_NAME).write_bytes(json_out.dumps(data))
        html = render_html(data, max_rows=settings.report.max_table_rows)
        (folder / HTML_NAME).write_text(html, encoding="utf-8")
        timings["json_html"] = time.perf_counter() - t
        names = [JSON_NAME, HTML_NAME]
        if settings.report.pdf:
            t = time.perf_counter()
            pdf = render_pdf(html)
            timings["pdf"] = time.perf_counter() - t
            if settings.report.pades:
                t = time.perf_counter()
                pdf = sign_pdf(
                    settings,
                    pdf,
                    reason=f"Weekly access audit {w.label} ({report_id})",
                    location=settings.report.site_name,
                )
                timings["pades"] = time.perf_counter() - t
            (folder / PDF_NAME).write_bytes(pdf)
            names.append(PDF_NAME)
        t = time.perf_counter()
        envelope = sign_artifacts(
            actx,
            folder,
            names,
            subject_kind="report",
            subject_id=report_id,
            predicate_type=REPORT_PREDICATE,
            predicate={
                "report_kind": "weekly",
                "site": data["site"],
                "period": data["period"],
                "schema": data["schema"],
                "summary": data["summary"],
            },
        )
        timings["sign"] = time.perf_counter() - t
    except BaseException as exc:
        shutil.rmtree(folder, ignore_errors=True)
        with actx.transaction() as session:
            finish_run(session, run_id, status=RunStatus.FAILED, error=str(exc)[:500])
        raise
    with actx.transaction() as session:
        finish_run(
            session,
            run_id,
            status=RunStatus.DONE,
            findings_count=int(data["summary"]["findings_total"]),
            summary={"report_id": report_id, "week": w.label, "folder": str(folder)},
        )
    return ReportResult(
        report_id, folder, [folder / n for n in names], envelope=envelope, timings=timings
    )


def _row(actx: AppContext, r: Report) -> dict[str, Any]:
    summary = r.summary or {}
    first_day = r.period_start.astimezone(actx.settings.tz).date()
    year, week, _ = first_day.isocalendar()
    return {
        "id": r.id,
        "kind": r.kind,
        "week": f"{year}-W{week:02d}",
        "first_day": first_day.isoformat(),
        "period_start": r.period_start.isoformat().replace("+00:00", "Z"),
        "period_end": r.period_end.isoformat().replace("+00:00", "Z"),
        "created_at": r.created_at.isoformat().replace("+00:00", "Z"),
        "path": str(ledger.resolve_path(actx.settings, r.path)),
        "envelope_digest": r.envelope_digest,
        "key_id": r.key_id,
        "findings": summary.get("findings_total"),
        "explained_pct": summary.get("explained_pct"),
        "gaps": summary.get("gaps"),
    }


def list_reports(actx: AppContext) -> list[dict[str, Any]]:
    """Every signed report, oldest period first."""
    with actx.sessions() as session:
        rows = session.scalars(select(Report).order_by(Report.period_start, Report.created_at))
        return [_row(actx, r) for r in rows]


def report_folder(actx: AppContext, report_id: str) -> Path:
    with actx.sessions() as session:
        r = session.get(Report, report_id)
    if r is None:
        raise NotFoundError(f"report {report_id} not found; see `auditor report list`")
    return ledger.resolve_path(actx.settings, r.path)


def show_report(actx: AppContext, report_id: str) -> dict[str, Any]:
    """The stored row, the files with sizes, the ledger position and a fresh verification."""
    with actx.sessions() as session:
        r = session.get(Report, report_id)
        if r is None:
            raise NotFoundError(f"report {report_id} not found; see `auditor report list`")
        entry = session.scalars(
            select(LedgerEntry).where(LedgerEntry.subject_id == report_id)
        ).first()
        out = _row(actx, r)
        out["summary"] = r.summary
    folder = Path(out["path"])
    files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    out["files"] = [{"name": p.name, "bytes": p.stat().st_size} for p in files]
    out["ledger_seq"] = entry.seq if entry else None
    try:
        verify_folder(actx, folder)
        out["verification"] = "verified"
    except (SignatureError, AuditorError) as exc:
        out["verification"] = f"FAILED: {exc}"
    return out
