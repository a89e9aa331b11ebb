"""One seeded store and one full report build (JSON, HTML, PDF, PAdES, DSSE) per test session.

Rendering the PDF is the slow part (~2 s), so tests that only read the built report share it;
tests that tamper with files restore them before returning.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest

from auditor.config import load_settings
from auditor.context import AppContext, open_context
from auditor.reports.periods import Week, parse_week
from auditor.services.reporting import ReportResult, build_weekly_report
from auditor.synth.report_history import PACK_DIR, fixed_clock, seed_report_history

WEEK = "2026-W47"
ENVIRON = {"AUDITOR_POLICIES_DIR": str(PACK_DIR), "AUDITOR_TIMEZONE": "America/New_York"}


@dataclass
class Built:
    actx: AppContext
    week: Week
    previous: ReportResult  # week before, JSON + HTML only: the first link of the chain
    report: ReportResult  # the full report, chained to ``previous``


def seeded_context(home: object, **extra_env: str) -> AppContext:
    settings = load_settings(str(home), environ={**ENVIRON, **extra_env})
    actx = open_context(settings=settings)
    week = parse_week(WEEK, settings.tz)
    actx.clock = lambda: fixed_clock(week)
    seed_report_history(actx, week)
    return actx


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    actx = seeded_context(tmp_path_factory.mktemp("report") / "home")
    week = parse_week(WEEK, actx.settings.tz)
    no_pdf = actx.settings.model_copy(
        update={"report": actx.settings.report.model_copy(update={"pdf": False})}
    )
    previous = build_weekly_report(replace(actx, settings=no_pdf), week.shifted(-1).label)
    report = build_weekly_report(actx)  # default week: the last full week before the clock
    try:
        yield Built(actx, week, previous, report)
    finally:
        actx.close()
