"""Weekly reports: build (JSON -> HTML -> PDF), sign (PAdES + DSSE, chained), list and show.

The CLI, the daemon's weekly job and the API all call ``build_weekly_report``. A report folder
is only left on disk once it is signed and in the ledger; a failure removes it. The ``Report``
row is written here, from the ``Week`` the build already holds, in the signing transaction.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor.context import AppContext
from auditor.errors import AuditorError, NotFoundError, SignatureError
from auditor.reports.builder import build_report_data
from auditor.reports.periods import Week, last_full_week, parse_week, week_of
from auditor.services.runs import RunTotals, recorded_run
from auditor.signing import ledger
from auditor.signing.attest import SignedEnvelope, read_statement, sign_artifacts, verify_folder
from auditor.store.models import LedgerEntry, Report, RunKind
from auditor.timefmt import iso_z

REPORT_PREDICATE = "https://hipaa-auditor.dev/attestation/weekly-report/v1"
REPORT_KIND = "weekly"
JSON_NAME, HTML_NAME, PDF_NAME = "report.json", "report.html", "report.pdf"
VERIFY_NAME = "VERIFY.txt"  # docs/verify.md, shipped in the package and copied into each folder


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


class _Timer:
    """Wall-clock seconds per build step, returned in ``ReportResult.timings`` for the bench."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._t = time.perf_counter()

    def start(self) -> None:
        self._t = time.perf_counter()

    def stop(self, step: str) -> None:
        self.timings[step] = time.perf_counter() - self._t


def _render(
    actx: AppContext,
    w: Week,
    report_id: str,
    data: dict[str, Any],
    folder: Path,
    timer: _Timer,
) -> list[str]:
    """Write JSON, HTML and (if configured) the PAdES-signed PDF; returns the names written."""
    # Lazy: matplotlib and the PDF engine load only when a report is built, not on `report list`.
    from auditor.reports import json_out
    from auditor.reports.html import render_html
    from auditor.reports.pdf import render_pdf
    from auditor.signing.pades import sign_pdf

    settings = actx.settings
    timer.start()
    (folder / JSON_NAME).write_bytes(json_out.dumps(data))
    html = render_html(data, max_rows=settings.report.max_table_rows)
    (folder / HTML_NAME).write_text(html, encoding="utf-8")
    timer.stop("json_html")
    # The folder carries its own verification instructions, signed with it.
    verify = resources.files("auditor.reports").joinpath(VERIFY_NAME).read_bytes()
    (folder / VERIFY_NAME).write_bytes(verify)
    names = [JSON_NAME, HTML_NAME, VERIFY_NAME]
    if not settings.report.pdf:
        return names
    timer.start()
    pdf = render_pdf(html)
    timer.stop("pdf")
    if settings.report.pades:
        timer.start()
        pdf = sign_pdf(
            settings,
            pdf,
            reason=f"Weekly access audit {w.label} ({report_id})",
            location=settings.report.site_name,
        )
        timer.stop("pades")
    (folder / PDF_NAME).write_bytes(pdf)
    return [*names, PDF_NAME]


def _sign(
    actx: AppContext,
    w: Week,
    report_id: str,
    data: dict[str, Any],
    folder: Path,
    names: list[str],
) -> SignedEnvelope:
    """Sign the folder into the ledger and write its ``Report`` row in the same transaction."""
    settings = actx.settings
    now = actx.clock()

    def record(session: Session, signed: SignedEnvelope) -> None:
        session.add(
            Report(
                id=report_id,
                kind=REPORT_KIND,
                period_start=w.start,
                period_end=w.end,
                created_at=now,
                path=ledger.store_path(settings, folder),
                envelope_digest=signed.digest,
                key_id=signed.key_id,
                summary=dict(data["summary"]),
            )
        )

    return sign_artifacts(
        actx.sessions,
        actx.signing_key(),
        settings,
        folder,
        names,
        subject_kind="report",
        subject_id=report_id,
        predicate_type=REPORT_PREDICATE,
        predicate={
            "report_kind": REPORT_KIND,
            "site": data["site"],
            "period": data["period"],
            "schema": data["schema"],
            "summary": data["summary"],
        },
        now=now,
        actor=actx.actor,
        record=record,
    )


def zero_accesses_warning(label: str, gaps: list[dict[str, Any]]) -> str:
    """What ``report weekly`` says before signing a week in which no access was audited."""
    text = f"warning: 0 accesses audited in {label}"
    latest = next((g.get("latest_week") for g in gaps if g.get("latest_week")), None)
    return text + (f"; did you mean --week {latest}?" if latest else "; no earlier week has data")


def build_weekly_report(
    actx: AppContext,
    week: str | None = None,
    *,
    rebuild: bool = True,
    run_id: str | None = None,
    trigger: str | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> ReportResult:
    """Build and sign the report for ``week`` (``2026-W47``; default: last full ISO week).

    ``rebuild=False`` (the daemon's weekly job after a restart or misfire) returns the week's
    existing report instead of signing a second one (``weekly-2026-W47-r2``). ``run_id`` is
    a run the caller already recorded (the daemon's), so one build leaves one run.
    ``on_warning`` hears, before signing, what a person should know (a week with 0 accesses).
    """
    tz = actx.settings.tz
    w = parse_week(week, tz) if week else last_full_week(actx.clock(), tz)
    if not rebuild and (found := existing_report(actx, f"weekly-{w.label}")) is not None:
        return found
    report_id = new_report_id(actx, f"weekly-{w.label}")
    folder = actx.settings.reports_dir / report_id
    timer = _Timer()
    with recorded_run(
        actx,
        RunKind.REPORT,
        [report_id],
        trigger=trigger or actx.actor,
        run_id=run_id,
        params={"week": w.label},
    ) as run:
        try:
            timer.start()
            data = build_report_data(actx, w, report_id)
            timer.stop("collect")
            if on_warning is not None and not data["summary"]["accesses_audited"]:
                on_warning(zero_accesses_warning(w.label, data["gaps"]))
            folder.mkdir(parents=True)
            names = _render(actx, w, report_id, data, folder, timer)
            timer.start()
            signed = _sign(actx, w, report_id, data, folder, names)
            timer.stop("sign")
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        run.totals = RunTotals(
            findings_count=int(data["summary"]["findings_total"]),
            details={"report_id": report_id, "week": w.label, "folder": str(folder)},
        )
    files = [folder / n for n in names]
    return ReportResult(report_id, folder, files, envelope=signed.path, timings=timer.timings)


def _row(actx: AppContext, r: Report) -> dict[str, Any]:
    summary = r.summary or {}
    first_day = r.period_start.astimezone(actx.settings.tz).date()
    return {
        "id": r.id,
        "kind": r.kind,
        "week": week_of(first_day, actx.settings.tz).label,
        "first_day": first_day.isoformat(),
        "period_start": iso_z(r.period_start),
        "period_end": iso_z(r.period_end),
        "created_at": iso_z(r.created_at),
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
        with actx.sessions() as session:
            verify_folder(actx.settings, folder, session=session)
        out["verification"] = "verified"
    except (SignatureError, AuditorError) as exc:
        out["verification"] = f"FAILED: {exc}"
    return out
