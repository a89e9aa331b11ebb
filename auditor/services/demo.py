"""``auditor demo``: a synthetic hospital's week, scanned, reported, signed and verified.

It calls the same service functions as the CLI, the daemon and the API, so the demo shows
exactly what a site would run. Everything goes under ``AUDITOR_HOME/demo/``.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from auditor.context import AppContext
from auditor.errors import ScanError


@dataclass
class DemoResult:
    demo_dir: Path
    context_dir: Path
    access_logs: list[Path]
    exports_dir: Path
    access: dict[str, Any] = field(default_factory=dict)
    documents: dict[str, Any] = field(default_factory=dict)
    reports: list[Path] = field(default_factory=list)
    verified: bool = False
    deid_out: Path | None = None
    certificate: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)


def last_full_week_start(now_local: datetime) -> date:
    """Monday of the last complete ISO week before ``now_local``."""
    today = now_local.date()
    this_monday = today - timedelta(days=today.weekday())
    return this_monday - timedelta(days=7)


def iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def run_demo(actx: AppContext, *, fresh: bool = True) -> DemoResult:
    from auditor.services.access_scan import scan_access_logs
    from auditor.services.deid import run_deid
    from auditor.services.document_scan import scan_documents
    from auditor.services.reporting import build_weekly_report
    from auditor.signing.attest import verify_chain, verify_folder
    from auditor.synth.documents import build_exports
    from auditor.synth.hospital import build_hospital

    settings = actx.settings
    demo_dir = settings.home / "demo"
    if fresh and demo_dir.exists():
        shutil.rmtree(demo_dir)
    demo_dir.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}

    t0 = time.perf_counter()
    week_start = last_full_week_start(actx.clock().astimezone(settings.tz))
    previous = build_hospital(demo_dir / "hospital-prev", week_start=week_start - timedelta(7))
    current = build_hospital(demo_dir / "hospital", week_start=week_start)
    exports = demo_dir / "exports"
    build_exports(exports)
    timings["generate"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    logs = [*previous.access_logs, *current.access_logs]
    access = scan_access_logs(actx, logs, context_dir=current.context_dir)
    timings["access_scan"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    docs = scan_documents(actx, [exports], context_dir=current.context_dir)
    timings["document_scan"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    reports = [
        build_weekly_report(actx, week=iso_week(week_start - timedelta(7))),
        build_weekly_report(actx, week=iso_week(week_start)),
    ]
    timings["reports"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    deid_out = demo_dir / "exports-deidentified"
    if deid_out.exists():
        shutil.rmtree(deid_out)
    deid = run_deid(actx, [exports], deid_out, context_dir=current.context_dir)
    timings["deid"] = time.perf_counter() - t0

    if deid.certificate_path is None:
        raise ScanError("de-identification wrote no certificate")
    for report in reports:
        verify_folder(actx, report.folder)
    verify_folder(actx, deid.certificate_path.parent)
    verify_chain(actx)

    return DemoResult(
        demo_dir=demo_dir,
        context_dir=current.context_dir,
        access_logs=logs,
        exports_dir=exports,
        access=access.summary(),
        documents=docs.summary(),
        reports=[r.folder for r in reports],
        verified=True,
        deid_out=deid_out,
        certificate=deid.certificate_path,
        timings=timings,
    )
