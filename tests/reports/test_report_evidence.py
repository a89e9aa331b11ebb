"""Signed numbers that hold: distinct events, monitoring gaps, coverage by event time (#15)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from auditor.context import AppContext
from auditor.reports import coverage
from auditor.reports.builder import build_report_data
from auditor.reports.periods import parse_week
from auditor.reports.store_data import RunInfo
from auditor.services.reporting import zero_accesses_warning
from auditor.store import audited, repo
from auditor.store.models import RunKind, RunStatus

W47 = parse_week("2026-W47", UTC)


def _scan(actx: AppContext, files: list[dict[str, Any]], per_day: dict[str, int]) -> None:
    """A finished access run as the scanner records it (per-file event days included)."""
    with actx.transaction() as s:
        run = repo.create_run(s, "access-logs", files[0]["file"])
        read = sum(f["read"] for f in files)
        repo.finish_run(
            s,
            run.id,
            status=RunStatus.DONE,
            records_read=read,
            records_processed=read,
            summary={
                "files": files,
                "accesses_by_day": {d: {"audited": n, "explained": 0} for d, n in per_day.items()},
            },
        )


def _file(name: str, days: dict[str, int], quarantined: int = 0) -> dict[str, Any]:
    n = sum(days.values())
    return {
        "file": f"/srv/hospital/logs/{name}",
        "format": name.rsplit(".", 1)[-1],
        "read": n + quarantined,
        "processed": n,
        "quarantined": quarantined,
        "days": days,
    }


def test_rescans_and_two_formats_count_each_event_once(actx: AppContext) -> None:
    days = {"2026-11-16": 3, "2026-11-17": 2}
    events = [(f"{i:032x}", "2026-11-16" if i < 3 else "2026-11-17", i == 0) for i in range(5)]
    for name in ("access-2026-W47.csv", "access-2026-W47.ndjson", "access-2026-W47.csv"):
        _scan(actx, [_file(name, days)], days)
        with actx.transaction() as s:
            audited.put_events(s, events, "r")
    data = build_report_data(actx, W47, "weekly-2026-W47")
    assert data["summary"]["accesses_audited"] == 5  # not 15: deliveries are not events
    assert data["summary"]["accesses_explained"] == 1
    w47 = next(t for t in data["trends"] if t["week"] == "2026-W47")
    assert w47["accesses_audited"] == 5
    sources = {r["source"]: r for r in data["sources"]}
    csv = sources["access-2026-W47.csv [folder " + next(iter(sources))[-9:]]
    assert csv["runs"] == 2 and csv["rescanned"] and csv["event_weeks"] == ["2026-W47"]
    assert not any("/srv/" in r["source"] for r in data["sources"])


def test_legacy_runs_without_stored_events_never_sum_rescans() -> None:
    def run(n: int) -> RunInfo:
        summary = {"accesses_by_day": {"2026-11-16": {"audited": n, "explained": 1}}}
        return RunInfo(
            "r", RunKind.ACCESS_LOGS, RunStatus.DONE, W47.start, "", "cli", n, n, 0, 0, summary,
            {}, "",
        )  # fmt: skip

    assert coverage.accesses_for(W47, [run(10), run(10), run(7)]) == (10, 1)
    assert coverage.accesses_for(W47, [run(10)], {"2026-11-16": (4, 2)}) == (4, 2)


def test_empty_week_stopped_feed_and_quarantine_rate_are_gaps(actx: AppContext) -> None:
    w46 = W47.shifted(-1)
    _scan(actx, [_file("access-2026-W46.csv", {"2026-11-10": 4})], {"2026-11-10": 4})
    _scan(actx, [_file("fhir-2026-W46.ndjson", {"2026-11-10": 4})], {"2026-11-10": 4})
    data = build_report_data(actx, W47, "weekly-2026-W47")
    kinds = [g["type"] for g in data["gaps"]]
    assert "no_accesses" in kinds and kinds.count("source_stopped") == 2
    empty = next(g for g in data["gaps"] if g["type"] == "no_accesses")
    assert empty["latest_week"] == w46.label and w46.label in empty["detail"]
    assert zero_accesses_warning(W47.label, data["gaps"]) == (
        f"warning: 0 accesses audited in 2026-W47; did you mean --week {w46.label}?"
    )
    assert data["sources"] == []  # the W46 files do not cover W47, whenever they ran

    # W47 arrives, one feed only, with 6% of its records quarantined (threshold 5%)
    _scan(actx, [_file("access-2026-W47.csv", {"2026-11-17": 94}, 6)], {"2026-11-17": 94})
    data = build_report_data(actx, W47, "weekly-2026-W47")
    gaps = {g["type"]: g for g in data["gaps"]}
    assert "no_accesses" not in gaps
    assert gaps["source_stopped"]["detail"].startswith("feed fhir-#-W#.ndjson (ndjson)")
    assert "6.0% of records read (6 of 100)" in gaps["quarantine_rate"]["detail"]
    assert [r["event_weeks"] for r in data["sources"]] == [["2026-W47"]]


def test_quarantine_at_the_threshold_is_not_a_gap() -> None:
    at = W47.start + timedelta(days=1)
    item = _file("a.csv", {"2026-11-17": 95}, 5)
    run = RunInfo(
        "r", RunKind.ACCESS_LOGS, RunStatus.DONE, at, "", "cli", 100, 95, 5, 0,
        {"files": [item]}, {}, "",
    )  # fmt: skip
    kinds = [
        g["type"] for g in coverage.monitoring_gaps(W47, [run], [run], 95, 0, quarantine_pct=5)
    ]
    assert kinds == []


def test_display_path_relative_to_roots_or_fingerprinted() -> None:
    roots = ["/srv/hospital"]
    assert coverage.display_path("/srv/hospital/logs/a.csv", roots) == "logs/a.csv"
    shown = coverage.display_path("/home/alice/x/a.csv", roots)
    assert shown.startswith("a.csv [folder ") and "alice" not in shown
    assert coverage.display_path("a.csv", roots) == "a.csv"
    assert (
        coverage.covers(
            RunInfo(
                "r",
                RunKind.ACCESS_LOGS,
                RunStatus.DONE,
                W47.start + timedelta(days=2),
                "",
                "cli",
                1,
                1,
                0,
                0,
                {"accesses_by_day": {"2026-11-02": 1}},
                {},
                "",
            ),
            W47,
        )
        is False
    )  # ran in W47, but its events are from W45
    assert datetime(2026, 11, 16, tzinfo=UTC) == W47.start


def test_report_folder_carries_its_verification_instructions(tmp_path: Any) -> None:
    import json as _json
    from base64 import b64decode
    from pathlib import Path

    from auditor.config import load_settings
    from auditor.context import open_context
    from auditor.services.reporting import build_weekly_report

    settings = load_settings(str(tmp_path / "home"), environ={"AUDITOR_REPORT__PDF": "false"})
    with open_context(settings=settings) as actx:
        result = build_weekly_report(actx, "2026-W47")
    folder = result.folder
    docs = Path(__file__).resolve().parents[2] / "docs" / "verify.md"
    assert (folder / "VERIFY.txt").read_bytes() == docs.read_bytes()
    envelope = _json.loads((folder / "report.dsse.json").read_text())
    statement = _json.loads(b64decode(envelope["payload"]))
    assert "VERIFY.txt" in {s["name"] for s in statement["subject"]}


def test_display_text_keeps_no_machine_path() -> None:
    roots = ["/srv/hospital"]
    show = coverage.display_text
    assert show("/srv/hospital/logs/a.csv:3 field 'action': bad", roots) == (
        "logs/a.csv:3 field 'action': bad"
    )
    spaced = "/home/alice/My Logs/a b.csv"
    shown = show(f"{spaced}: permission denied", roots, [spaced])
    assert shown.startswith("a b.csv [folder ") and "alice" not in shown
    assert "alice" not in show("cannot read ~/x.csv and /home/alice/y.csv", roots)
    # a folder given as the source, then a file in it: each shown on its own
    two = show("folder /data/in, file /data/in/x.csv", roots, ["/data/in"])
    assert "/data" not in two and "x.csv [folder " in two
    plain = "see https://example.org/doc and/or 1/2 (KeyboardInterrupt)"
    assert show(plain, roots) == plain


def test_failed_scan_gap_shows_no_absolute_path(actx: AppContext) -> None:
    """A failed run's error names its file; the signed gap names it relative or digested."""
    secret = "/home/alice/exports/feb"
    error = f"{secret}/access.csv:12 field 'timestamp': not a time"
    with actx.transaction() as s:
        run = repo.create_run(s, "access-logs", f"{secret}/access.csv")
        repo.finish_run(s, run.id, status=RunStatus.FAILED, error=error)
        run.finished_at = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)  # inside W47
    data = build_report_data(actx, W47, "weekly-2026-W47")
    failed = [g for g in data["gaps"] if g["type"] == "failed_scan"]
    assert len(failed) == 1
    assert failed[0]["detail"].startswith("access.csv [folder ")
    assert failed[0]["detail"].endswith(":12 field 'timestamp': not a time")
    import json as _json

    assert "/home/alice" not in _json.dumps(data)


def test_document_files_are_named_relative_to_the_scanned_root() -> None:
    from auditor.reports.documents import shown_path

    roots = ["/home/alice/exports"]
    assert shown_path("/home/alice/exports/to_vendor/a.hl7", roots) == "to_vendor/a.hl7"
    other = shown_path("/home/bob/b.csv", roots)
    assert other.startswith("b.csv [folder ") and "bob" not in other
