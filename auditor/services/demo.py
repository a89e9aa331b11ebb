"""``auditor demo``: a synthetic hospital's week, scanned, reported, signed and verified.

It calls the same service functions as the CLI, the daemon and the API, so the demo shows
exactly what a site would run. Everything goes under ``AUDITOR_HOME/demo/``.
"""

from __future__ import annotations

import json
import re
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
    context_configured: bool = False


def last_full_week_start(now_local: datetime) -> date:
    """Monday of the last complete ISO week before ``now_local``."""
    today = now_local.date()
    this_monday = today - timedelta(days=today.weekday())
    return this_monday - timedelta(days=7)


def iso_week(d: date) -> str:
    from zoneinfo import ZoneInfo

    from auditor.reports.periods import week_of

    return week_of(d, ZoneInfo("UTC")).label


def merge_access_summaries(summaries: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals over several access-log runs, for the demo's printout."""
    out: dict[str, Any] = {"findings_by_category": {}}
    for key in ("records_read", "records_processed", "records_quarantined", "accesses_explained"):
        out[key] = sum(int(s.get(key, 0)) for s in summaries)
    for s in summaries:
        for category, n in s.get("findings_by_category", {}).items():
            out["findings_by_category"][category] = out["findings_by_category"].get(category, 0) + n
    processed = out["records_processed"]
    out["explained_pct"] = round(100 * out["accesses_explained"] / processed, 2) if processed else 0
    return out


CONTEXT_LINE = re.compile(r'^context_dir = "(?P<value>[^"\n]*)"[ \t]*$', re.MULTILINE)


def remember_context_dir(config_path: Path, context_dir: Path, demo_dir: Path) -> bool:
    """Point the home's ``context_dir`` at the demo's context, unless the site chose its own.

    Then the next ``auditor scan access-logs`` on the demo logs explains accesses instead of
    disabling most rules. Only an empty value, or one an earlier demo wrote (under
    ``demo_dir``), is replaced.
    """
    if not config_path.is_file():
        return False
    text = config_path.read_text(encoding="utf-8")
    match = CONTEXT_LINE.search(text)
    if match is None:
        return False
    current = match.group("value")
    if current and not current.startswith(str(demo_dir.resolve())):
        return False
    value = json.dumps(str(context_dir.resolve()))  # a TOML basic string (JSON escapes)
    line = f"context_dir = {value}"
    config_path.write_text(text[: match.start()] + line + text[match.end() :], encoding="utf-8")
    return True


def run_demo(actx: AppContext, *, fresh: bool = True) -> DemoResult:
    from auditor.services.access_scan import AccessScanRequest, scan_access_logs
    from auditor.services.deid import DeidRequest, run_deid
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
    weeks = [week_start - timedelta(7), week_start]
    hospitals = [build_hospital(demo_dir / f"hospital-{iso_week(w)}", week_start=w) for w in weeks]
    exports = demo_dir / "exports"
    build_exports(exports, context_dir=hospitals[-1].context_dir)
    timings["generate"] = time.perf_counter() - t0

    # Each week is scanned against its own context; the earlier week arrives as canonical CSV,
    # the later one as FHIR AuditEvent NDJSON (the same events exist in both formats).
    t0 = time.perf_counter()
    logs = [hospitals[0].csv_log, hospitals[1].fhir_log]
    access = [
        scan_access_logs(actx, AccessScanRequest([log], context_dir=h.context_dir))
        for log, h in zip(logs, hospitals, strict=True)
    ]
    timings["access_scan"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    context_dir = hospitals[-1].context_dir
    docs = scan_documents(actx, [exports], context_dir=context_dir)
    timings["document_scan"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    deid_out = demo_dir / "exports-deidentified"
    if deid_out.exists():
        shutil.rmtree(deid_out)
    deid = run_deid(actx, DeidRequest([exports], deid_out, context_dir=context_dir))
    timings["deid"] = time.perf_counter() - t0

    # Two full weeks of access review, then this week so far: the exports were scanned and
    # de-identified today, so their findings belong to the current week's report.
    t0 = time.perf_counter()
    today = actx.clock().astimezone(settings.tz).date()
    reports = [build_weekly_report(actx, week=iso_week(w)) for w in [*weeks, today]]
    timings["reports"] = time.perf_counter() - t0

    if deid.certificate_path is None:
        raise ScanError("de-identification wrote no certificate")
    with actx.sessions() as session:
        for report in reports:
            verify_folder(settings, report.folder, session=session)
        verify_folder(settings, deid.certificate_path.parent, session=session)
        verify_chain(settings, session)

    from auditor.config import CONFIG_FILE

    configured = remember_context_dir(settings.home / CONFIG_FILE, context_dir, demo_dir)
    return DemoResult(
        demo_dir=demo_dir,
        context_dir=context_dir,
        access_logs=logs,
        exports_dir=exports,
        access=merge_access_summaries([a.summary() for a in access]),
        documents=docs.summary(),
        reports=[r.folder for r in reports],
        verified=True,
        deid_out=deid_out,
        certificate=deid.certificate_path,
        timings=timings,
        context_configured=configured,
    )
