"""Table-driven tests of the report's building blocks: weeks, percentages, runs, pack, JSON."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from auditor.errors import AuditorError, InputError
from auditor.policy.metadata import PHI_EXPOSURE_CITES, PackMetadata
from auditor.reports import json_out
from auditor.reports.builder import pct
from auditor.reports.coverage import accesses_for
from auditor.reports.documents import folder_of
from auditor.reports.html import render_html
from auditor.reports.periods import last_full_week, parse_week
from auditor.reports.store_data import RunInfo
from auditor.store.models import RunKind, RunStatus

NY = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("now", "tz", "expected"),
    [
        (datetime(2026, 11, 24, 12, tzinfo=UTC), UTC, "2026-W47"),
        (datetime(2026, 11, 23, 0, 30, tzinfo=UTC), UTC, "2026-W47"),  # Monday 00:30 UTC
        (datetime(2026, 11, 23, 3, 0, tzinfo=UTC), NY, "2026-W46"),  # still Sunday in NY
        (datetime(2027, 1, 5, tzinfo=UTC), UTC, "2026-W53"),  # 2026 has 53 ISO weeks
    ],
)
def test_last_full_week(now: datetime, tz: ZoneInfo, expected: str) -> None:
    assert last_full_week(now, tz).label == expected


def test_week_bounds_follow_the_site_timezone_across_dst() -> None:
    w = parse_week("2026-W45", NY)  # DST ends Sunday 2026-11-01, inside the week before
    assert w.start == datetime(2026, 11, 2, 5, tzinfo=UTC)
    summer = parse_week("2026-W10", NY)  # DST starts Sunday 2026-03-08: a 167-hour week
    assert (summer.end - summer.start).total_seconds() == 167 * 3600


@pytest.mark.parametrize("text", ["2026-47", "W47", "2026-W00", "2026-W54", ""])
def test_bad_weeks(text: str) -> None:
    with pytest.raises(InputError):
        parse_week(text, UTC)


@pytest.mark.parametrize(
    ("num", "den", "expected"),
    [
        (0, 0, None),
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (1, 8, "12.5"),
        (999, 1000, "99.9"),
        (9995, 10000, "100.0"),
        (5, 5, "100.0"),
        (0, 7, "0.0"),
    ],
)
def test_pct_is_exact_half_up(num: int, den: int, expected: str | None) -> None:
    assert pct(num, den) == expected


def _run(
    at: datetime, summary: dict[str, Any], processed: int = 0, status: RunStatus = RunStatus.DONE
) -> RunInfo:
    return RunInfo(
        "r", RunKind.ACCESS_LOGS, status, at, "", "cli", processed, processed, 0, 0, summary, {}, ""
    )


def test_accesses_by_day_or_by_run_time() -> None:
    w = parse_week("2026-W47", UTC)
    runs = [
        # a catch-up run after the week attributes its events by day
        _run(
            datetime(2026, 12, 2, tzinfo=UTC),
            {
                "accesses_by_day": {
                    "2026-11-16": {"audited": 10, "explained": 9},
                    "2026-11-30": {"audited": 99, "explained": 0},
                    "2026-11-17": 5,
                }
            },
        ),
        # a run without per-day counts counts in the week it finished
        _run(datetime(2026, 11, 20, tzinfo=UTC), {"accesses_explained": 70}, processed=100),
        _run(datetime(2026, 11, 27, tzinfo=UTC), {"accesses_explained": 1}, processed=1),
        _run(datetime(2026, 11, 18, tzinfo=UTC), {}, processed=50, status=RunStatus.FAILED),
    ]
    assert accesses_for(w, runs) == (115, 79)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/srv/exports/billing/a.csv", "billing"),
        ("/srv/exports/billing/x/y/a.csv", "billing"),
        ("/srv/exports/a.csv", "."),
        ("/elsewhere/outbox/a.csv", "outbox"),
    ],
)
def test_destination_folder(path: str, expected: str) -> None:
    assert folder_of(path, ["/srv/exports"]) == expected


def test_policy_pack_is_read_leniently(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "- id: R1\n  category: vip_access\n  title: VIP\n  severity: high\n  cites: [A]\n"
        "- {not: a rule}\n"
    )
    (tmp_path / "b.yml").write_text("rules:\n  - id: R2\n    category: after_hours\n    cites: B\n")
    (tmp_path / "broken.yaml").write_text("- id: [unclosed\n")
    (tmp_path / "citations.yaml").write_text("vip_access: [C]\nR2: {cites: [D]}\n")
    pack = PackMetadata.read(tmp_path)
    assert set(pack.rules) == {"R1", "R2"}
    assert pack.cites_for("R1", "vip_access") == ["A", "C"]
    assert pack.cites_for("R2", "after_hours") == ["B", "D"]
    assert pack.cites_for("R9", "unknown") == []
    assert pack.phi_cites() == sorted(PHI_EXPOSURE_CITES)
    assert PackMetadata.read(tmp_path / "missing").rules == {}
    assert PackMetadata.read(None).rules == {}


def test_canonical_json_refuses_floats() -> None:
    assert json_out.dumps({"b": 1, "a": "é"}) == '{\n  "a": "é",\n  "b": 1\n}\n'.encode()
    with pytest.raises(AuditorError, match=r"\$\.x\[1\] is a float"):
        json_out.dumps({"x": [1, 0.5]})


def test_missing_scheduled_scans_are_gaps() -> None:
    from types import SimpleNamespace

    from auditor.reports.coverage import gaps as _gaps

    w = parse_week("2026-W47", NY)
    daemon = SimpleNamespace(access_log_sources=["/var/log/ehr"], export_dirs=[])
    report, api = SimpleNamespace(path_roots=[]), SimpleNamespace(allowed_roots=[])
    actx: Any = SimpleNamespace(settings=SimpleNamespace(daemon=daemon, report=report, api=api))
    runs = [
        _run(datetime(2026, 11, 17, 15, tzinfo=UTC), {}),  # Tuesday in NY
        _run(datetime(2026, 11, 19, 4, tzinfo=UTC), {}),
    ]  # 23:00 Wednesday in NY
    gaps = _gaps(actx, w, runs, ever_docs=False)
    assert [g["date"] for g in gaps] == [
        "2026-11-16",
        "2026-11-19",
        "2026-11-20",
        "2026-11-21",
        "2026-11-22",
    ]
    assert all(g["type"] == "missing_scan" and g["scan"] == "access" for g in gaps)
    daemon.access_log_sources = []
    assert _gaps(actx, w, [], ever_docs=True)[1]["detail"] == "no document scan ran in this period"


def test_disabled_rules_and_sources_accept_every_summary_shape() -> None:
    from auditor.reports.coverage import disabled_rules as _disabled_rules
    from auditor.reports.coverage import sources as _sources

    at = datetime(2026, 11, 18, tzinfo=UTC)
    runs = [
        _run(
            at,
            {
                "disabled_rules": {"R1": "missing workforce.csv"},
                "files": [
                    {"file": "a.csv", "format": "csv", "read": 5, "processed": 4, "quarantined": 1}
                ],
            },
        ),
        _run(
            at,
            {
                "disabled_rules": ["R2", {"rule_id": "R3", "missing": ["patients.csv"]}],
                "sources": [
                    {
                        "path": "a.csv",
                        "format": "csv",
                        "records_read": 2,
                        "records_processed": 2,
                        "records_quarantined": 0,
                    }
                ],
            },
        ),
        _run(at, {}, processed=7),
    ]
    assert _disabled_rules(runs) == [
        {"rule_id": "R1", "reason": "missing workforce.csv"},
        {"rule_id": "R2", "reason": "missing context"},
        {"rule_id": "R3", "reason": "missing patients.csv"},
    ]
    sources = _sources(runs)
    assert sources[1] == {
        "source": "a.csv",
        "format": "csv",
        "runs": 2,
        "records_read": 7,
        "records_processed": 6,
        "records_quarantined": 1,
        "event_weeks": [],
        "rescanned": True,
    }
    assert sources[0]["records_processed"] == 7  # a run without per-file stats: run totals


def test_catch_up_scan_after_the_week_covers_it(actx: Any) -> None:
    from datetime import timedelta

    from sqlalchemy import update

    from auditor.findings import AccessFinding
    from auditor.reports.builder import build_report_data
    from auditor.store import repo
    from auditor.store.models import ScanRun

    w = parse_week("2026-W47", UTC)
    finding = AccessFinding(
        "ACC-X", "vip_access", "high", "e1", "u1", "p1", w.start + timedelta(days=1), "u1 opened p1"
    )
    with actx.transaction() as s:
        run = repo.create_run(s, "access-logs", "/logs/a.csv")
        repo.upsert_findings(s, [finding], run.id)
        repo.finish_run(
            s,
            run.id,
            status=RunStatus.DONE,
            records_read=10,
            records_processed=10,
            summary={"disabled_rules": {"ACC-Y": "missing contacts.csv"}},
        )
        s.execute(
            update(ScanRun)
            .where(ScanRun.id == run.id)
            .values(finished_at=w.end + timedelta(days=3))
        )
    data = build_report_data(actx, w, "weekly-2026-W47")
    assert data["summary"]["findings_total"] == 1
    assert data["summary"]["accesses_unattributed_runs"] == 1
    assert data["summary"]["accesses_audited"] == 0
    assert [g["scan"] for g in data["gaps"]] == []  # covered: not a "no scan ran" gap
    assert data["sources"][0]["source"].startswith("a.csv [folder ")  # no absolute path
    assert data["disabled_rules"] == [{"reason": "missing contacts.csv", "rule_id": "ACC-Y"}]
    assert "not counted above" in render_html(data)
