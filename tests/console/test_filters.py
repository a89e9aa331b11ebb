"""Bad input on console pages without a browser: a week the user mistyped is a 400 naming
the filter, on the queue page itself, never a 500 or another week's findings; so is a case's
day; a bad value in the finding form is a 400 with the reason, and changes nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from auditor.api.app import create_app
from auditor.api.auth import Role, create_token
from auditor.config import load_settings
from auditor.context import AppContext, open_context
from auditor.findings import AccessFinding
from auditor.store import repo
from tests.console.client import login


def _finding(event_id: str, when: datetime) -> AccessFinding:
    return AccessFinding(
        rule_id="ACC-SELF-001",
        category="self_access",
        severity="high",
        event_id=event_id,
        user_id="u1",
        patient_id="p1",
        timestamp=when,
        explanation="synthetic",
    )


@pytest.fixture()
def client(home: Path) -> Iterator[TestClient]:
    settings = load_settings(home, environ={})
    actx: AppContext = open_context(settings=settings, actor="test")
    with actx.transaction() as session:
        token = create_token(session, "po", Role.PRIVACY_OFFICER, now=actx.clock())
        run = repo.create_run(session, "access-logs", "synthetic")
        repo.upsert_findings(
            session,
            [
                _finding("E-W10", datetime(2026, 3, 4, 9, tzinfo=UTC)),  # 2026-W10
                _finding("E-W48", datetime(2026, 11, 25, 9, tzinfo=UTC)),  # 2026-W48
            ],
            run.id,
        )
    try:
        with TestClient(create_app(settings, actx=actx), base_url="https://testserver") as c:
            login(c, token)
            yield c
    finally:
        actx.close()


def _shown(html: str) -> int:
    return len(re.findall(r'class="finding-row"', html))


def test_a_real_week_filters_to_that_week(client: TestClient) -> None:
    for week in ("2026-W10", "2026-w10", "2026-W48"):
        page = client.get("/console/queue", params={"week": week})
        assert page.status_code == 200 and _shown(page.text) == 1, week
        assert 'id="filter-error"' not in page.text
    assert _shown(client.get("/console/queue", params={"week": "2026-W11"}).text) == 0


@pytest.mark.parametrize(
    ("week", "why"),
    [
        ("9999-W52", "ends after 9999-12-31"),  # Monday 9999-12-27: the week ends in 10000
        ("0000-W01", "no such week"),
        ("2026-W4\uff18", "must look like 2024-W10"),  # full-width 8: int() reads it as 48
        ("2026-W60", "no such week"),
        ("2025-W53", "no such week"),  # 2025 has 52 ISO weeks
        ("2026-W1_0", "must look like 2024-W10"),  # int() reads 1_0 as 10
        ("+2026-W10", "must look like 2024-W10"),
        ("2026-W\u0661\u0660", "must look like 2024-W10"),  # Arabic-Indic 10
    ],
)
def test_a_bad_week_is_a_filter_error_not_a_500_or_another_week(
    client: TestClient, week: str, why: str
) -> None:
    page = client.get("/console/queue", params={"week": week})
    assert page.status_code == 400, page.text[:300]
    error = re.search(r'id="filter-error">([^<]*)<', page.text)
    assert error and why in error.group(1) and "week" in error.group(1)
    assert _shown(page.text) == 0  # not the W48 (or any) finding under a week not asked for
    assert 'id="filters"' in page.text  # the form is there to correct it


def test_a_bad_value_in_the_finding_form_is_a_400_and_changes_nothing(client: TestClient) -> None:
    queue = client.get("/console/queue", params={"week": "2026-W10"}).text
    link = re.search(r'href="/console/findings/(\d+)"', queue)
    assert link
    url = f"/console/findings/{link.group(1)}"
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get(url).text)
    assert csrf
    for form, why in (
        ({"disposition": "fine"}, "unknown disposition"),
        ({"status": "dismissed", "disposition": "fine"}, "unknown disposition"),  # not half-saved
        ({"due_date": "2026-02-30"}, "due date must be YYYY-MM-DD"),
        ({"status": "closed"}, "unknown status"),
    ):
        answer = client.post(url, data={**form, "csrf": csrf.group(1)}, follow_redirects=False)
        assert answer.status_code == 400, (form, answer.status_code)
        error = re.search(r'id="form-error">([^<]*)<', answer.text)
        assert error and why in error.group(1)
    page = client.get(url).text
    assert re.search(r'<dd id="status">open', page)
    assert 'value="fine" selected' not in page and "2026-02-30" not in page


@pytest.mark.parametrize(
    ("day", "why"),
    [
        ("9999-12-31", "ends after 9999-12-31"),  # its next midnight does not exist: was a 500
        ("2026-02-30", "no such day"),
        ("\uff12\uff10\uff12\uff16-03-04", "must be YYYY-MM-DD"),  # full-width digits
        ("2026-W10-3", "must be YYYY-MM-DD"),  # an ISO week date is another day's notation
        ("20260304", "must be YYYY-MM-DD"),
    ],
)
def test_a_bad_case_day_is_a_400_naming_the_field(client: TestClient, day: str, why: str) -> None:
    page = client.get("/console/case", params={"user": "u1", "day": day})
    assert page.status_code == 400, page.text[:300]
    error = re.search(r'id="error">([^<]*)<', page.text)
    assert error and why in error.group(1) and "day" in error.group(1)
    assert "<h1>Cannot show this page</h1>" in page.text


def test_a_real_case_day_and_a_missing_finding(client: TestClient) -> None:
    case = client.get("/console/case", params={"user": "u1", "day": "2026-03-04"})
    assert case.status_code == 200 and case.text.count('class="finding-link"') == 1
    missing = client.get("/console/findings/99999")
    assert missing.status_code == 404 and "<h1>Not found</h1>" in missing.text


def test_any_offset_gives_a_page(client: TestClient) -> None:
    """Superscript two passes str.isdigit and int() refuses 5000 digits: both were a 500."""
    for offset, rows in (("\u00b2", 2), ("9" * 5000, 0), ("1", 1), ("-1", 2), ("\uff11", 2)):
        page = client.get("/console/queue", params={"offset": offset})
        assert page.status_code == 200, offset[:10]
        assert _shown(page.text) == rows, offset[:10]


def test_a_finding_id_beyond_the_store_is_not_found(client: TestClient) -> None:
    """Finding ids are 32-bit in the store: a larger one cannot exist (was a 500); a POST to
    a finding that does not exist answered the API's JSON error, not a console page."""
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/console/queue").text)
    assert csrf
    for fid in (0, 12345, 2**31, 2**63, 10**30):
        page = client.get(f"/console/findings/{fid}")
        assert page.status_code == 404 and "<h1>Not found</h1>" in page.text, fid
        update = client.post(f"/console/findings/{fid}", data={"csrf": csrf.group(1)})
        assert update.status_code == 404 and "<h1>Not found</h1>" in update.text, fid
