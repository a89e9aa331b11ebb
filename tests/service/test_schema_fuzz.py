"""Schemathesis against the served OpenAPI schema, every check, once per role.

The run is schemathesis' own engine (the one ``st run`` drives: coverage, fuzzing and
stateful phases) in process, over ASGI: no 5xx, every status and body documented, every
schema-valid request accepted and every schema-violating one refused, for each role's token.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import jsonschema_rs
import pytest
import schemathesis
from hypothesis import given, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events, from_schema

from auditor.api.auth import Role
from auditor.api.schema import parse_rfc3339
from tests.service.api_fixtures import ApiEnv, seed_findings, sqlite_env

#: The checks' default expectations, plus 413 for a schema-violating body: a body over
#: ``[api] max_body_bytes`` is refused (documented) before it is parsed.
NEGATIVE_REJECTED = [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429]
ALL_CHECKS = {
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "missing_required_header",
    "unsupported_method",
    "allow_header_conformance",
    "use_after_free",
    "ensure_resource_availability",
    "ignored_auth",
    "object_level_authorization",
}


@pytest.fixture()
def fuzz_env(home: Path, tmp_path: Path) -> Iterator[ApiEnv]:
    for env in sqlite_env(home, tmp_path):
        seed_findings(env.actx, n=10)
        (env.allowed / "a.csv").write_text("x\n")
        yield env


def run_all_checks(env: ApiEnv, token: str, max_examples: int) -> tuple[int, Counter[str], list]:  # type: ignore[type-arg]
    """(cases generated, checks run by name, failures as (check, operation, title, curl))."""
    config = SchemathesisConfig.from_dict(
        {
            "seed": 1,
            "headers": {"Authorization": f"Bearer {token}"},
            "checks": {"negative_data_rejection": {"expected-statuses": NEGATIVE_REJECTED}},
            "generation": {"max-examples": max_examples},
        }
    )
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", env.app, config=config)
    cases = 0
    ran: Counter[str] = Counter()
    failures = []
    for event in from_schema(schema).execute():
        if isinstance(event, events.NonFatalError | events.FatalError):
            failures.append(("engine", getattr(event, "label", ""), repr(event), ""))
        if not isinstance(event, events.ScenarioFinished):
            continue
        cases += len(event.recorder.cases)
        for nodes in event.recorder.checks.values():
            for node in nodes:
                ran[node.name] += 1
                if node.status.value == "failure" and node.failure_info is not None:
                    info = node.failure_info
                    failures.append(
                        (node.name, event.recorder.label, info.failure.title, info.code_sample)
                    )
    return cases, ran, failures


@pytest.mark.slow
@pytest.mark.parametrize("role", [str(r) for r in Role])
def test_every_check_passes_for_every_role(fuzz_env: ApiEnv, role: str) -> None:
    cases, ran, failures = run_all_checks(fuzz_env, fuzz_env.tokens[role], max_examples=2)
    assert failures == []
    assert cases >= 300, cases
    assert set(ran) == ALL_CHECKS


_DIGITS = st.integers(0, 99).map(lambda n: f"{n:02d}")
_NEAR_RFC3339 = st.builds(
    lambda y, mo, d, sep, h, mi, s, frac, tz: f"{y:04d}-{mo}-{d}{sep}{h}:{mi}:{s}{frac}{tz}",
    st.integers(0, 9999),
    _DIGITS,
    _DIGITS,
    st.sampled_from(["T", "t", " "]),
    _DIGITS,
    _DIGITS,
    _DIGITS,
    st.sampled_from(["", ".5", ".123456789", "."]),
    st.one_of(
        st.sampled_from(["Z", "z", "", "+0100"]),
        st.builds(lambda s, h, m: f"{s}{h}:{m}", st.sampled_from("+-"), _DIGITS, _DIGITS),
    ),
)
_DATE_TIME = jsonschema_rs.validator_for(
    {"type": "string", "format": "date-time"}, validate_formats=True
)


@given(st.one_of(_NEAR_RFC3339, st.text(max_size=40)))
@settings(max_examples=400, deadline=None, database=None)
def test_until_and_since_accept_exactly_the_schemas_date_times(text: str) -> None:
    """What ``format: date-time`` allows parses (clamped to the store's range); nothing else."""
    try:
        parsed = parse_rfc3339(text)
    except ValueError:
        parsed = None
    assert (parsed is not None) == _DATE_TIME.is_valid(text), text
    if parsed is not None:
        assert parsed.tzinfo is UTC


def test_date_times_beyond_a_datetime_are_clamped_not_errors() -> None:
    assert parse_rfc3339("0000-01-01T00:00:00Z") == datetime.min.replace(tzinfo=UTC)
    assert parse_rfc3339("9999-12-31T23:59:59-05:00") == datetime.max.replace(tzinfo=UTC)
    assert parse_rfc3339("2016-12-31T23:59:60Z").second == 59
    assert parse_rfc3339("2026-03-02T08:00:00+01:00") == datetime(2026, 3, 2, 7, tzinfo=UTC)
    with pytest.raises(ValueError):
        parse_rfc3339("0.5")
