"""Shared setup for API tests: an app on a test home, one token per role, seeded findings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi import FastAPI

from auditor.api.app import create_app
from auditor.api.auth import Role, create_token
from auditor.config import load_settings
from auditor.context import AppContext, open_context
from auditor.daemon.status import daemon_status
from auditor.findings import AccessFinding
from auditor.store import repo
from auditor.store.models import RunStatus
from tests.service.conftest import write_config

BASE_TIME = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
CATEGORIES = ["after_hours", "vip_access", "self_access"]
SEVERITIES = ["low", "medium", "high"]


@dataclass
class ApiEnv:
    app: FastAPI
    actx: AppContext
    tokens: dict[str, str]
    allowed: Path
    outside: Path

    def headers(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


def seed_findings(actx: AppContext, n: int = 30) -> None:
    findings = [
        AccessFinding(
            rule_id=f"ACC-{CATEGORIES[i % 3].upper()}-001",
            category=CATEGORIES[i % 3],
            severity=SEVERITIES[i % 3],
            event_id=f"E{i:04d}",
            user_id=f"U{i % 4}",
            patient_id=f"P{i % 5}",
            timestamp=BASE_TIME + timedelta(hours=i),
            explanation=f"synthetic finding {i}",
        )
        for i in range(n)
    ]
    with actx.transaction() as session:
        run = repo.create_run(session, "access-logs", "synthetic")
        repo.upsert_findings(session, findings, run.id)
        repo.finish_run(session, run.id, status=RunStatus.DONE, findings_count=n)


def make_env(home: Path, db_url: str, tmp_path: Path, *, rate_limit: int = 10_000) -> ApiEnv:
    allowed = tmp_path / "allowed"
    outside = tmp_path / "outside"
    allowed.mkdir()
    outside.mkdir()
    write_config(
        home,
        db_url,
        api={"allowed_roots": [str(allowed)], "rate_limit_per_minute": rate_limit},
        daemon={"queue_poll_seconds": 0.3},
    )
    settings = load_settings(home)
    actx = open_context(settings=settings, actor="test")
    tokens: dict[str, str] = {}
    with actx.transaction() as session:
        for role in Role:
            tokens[str(role)] = create_token(session, f"t-{role}", role, now=actx.clock())
    app = create_app(settings, actx=actx, status=daemon_status)
    return ApiEnv(app, actx, tokens, allowed, outside)


def sqlite_env(home: Path, tmp_path: Path) -> Iterator[ApiEnv]:
    """An ``env`` fixture body: an API over SQLite in ``home``, closed after the test."""
    e = make_env(home, f"sqlite:///{home / 'auditor.db'}", tmp_path)
    yield e
    e.actx.close()
