"""Schemathesis against the served OpenAPI schema: no input may produce a 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.service.api_fixtures import ApiEnv, make_env, seed_findings


@pytest.fixture()
def fuzz_env(home: Path, db_url: str, tmp_path: Path) -> Iterator[ApiEnv]:
    env = make_env(home, db_url, tmp_path)
    seed_findings(env.actx, n=10)
    (env.allowed / "a.csv").write_text("x\n")
    yield env
    env.actx.close()


def test_no_server_errors(fuzz_env: ApiEnv) -> None:
    """Every operation, a few generated requests each, as admin and as privacy officer."""
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", fuzz_env.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    seen: list[str] = []

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case) -> None:  # type: ignore[no-untyped-def]
            for role in ("admin", "privacy_officer"):
                response = case.call(headers=fuzz_env.headers(role))
                assert response.status_code < 500, (case.method, case.path, response.text[:300])
                if response.status_code >= 400:
                    assert set(response.json()) == {"error", "detail"}
            seen.append(case.method)

        check()
    assert len(seen) >= len(operations)
