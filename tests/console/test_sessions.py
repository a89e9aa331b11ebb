"""Console sessions without a browser: cookie flags, tampering, revocation, key in the home."""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from auditor.api.app import create_app
from auditor.api.auth import Role, create_token, revoke_token
from auditor.config import load_settings
from auditor.context import AppContext, open_context


@pytest.fixture()
def app_env(home: Path) -> Iterator[tuple[AppContext, TestClient, str]]:
    settings = load_settings(home, environ={})
    actx = open_context(settings=settings, actor="test")
    with actx.transaction() as session:
        token = create_token(session, "po", Role.PRIVACY_OFFICER, now=actx.clock())
    try:
        yield (
            actx,
            TestClient(create_app(settings, actx=actx), base_url="https://testserver"),
            token,
        )
    finally:
        actx.close()


def _login(client: TestClient, token: str) -> str:
    page = client.get("/console/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf
    done = client.post(
        "/console/login", data={"token": token, "csrf": csrf.group(1)}, follow_redirects=False
    )
    assert done.status_code == 303, done.text
    return done.headers["set-cookie"]


def test_cookie_flags_over_tls_and_key_in_home(app_env: tuple[AppContext, TestClient, str]) -> None:
    actx, client, token = app_env
    cookie = _login(client, token).lower()
    for flag in ("httponly", "samesite=strict", "secure", "path=/console"):
        assert flag in cookie
    key = actx.settings.keys_dir / "console_session.key"
    assert key.is_file() and stat.S_IMODE(key.stat().st_mode) == 0o600
    page = client.get("/console/queue")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"


def test_bad_token_and_tampered_cookie(app_env: tuple[AppContext, TestClient, str]) -> None:
    _, client, token = app_env
    page = client.get("/console/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf
    bad = client.post("/console/login", data={"token": "aud_nope", "csrf": csrf.group(1)})
    assert bad.status_code == 401 and "invalid token" in bad.text
    _login(client, token)
    value = client.cookies.get("auditor_console")
    assert value
    body, _, mac = value.rpartition(".")
    client.cookies.clear()
    client.cookies.set("auditor_console", value)  # the cookie as issued still works
    assert client.get("/console/queue", follow_redirects=False).status_code == 200
    client.cookies.clear()
    client.cookies.set("auditor_console", body[:-2] + "AA." + mac)  # the payload edited
    forged = client.get("/console/queue", follow_redirects=False)
    assert forged.status_code == 303 and forged.headers["location"].endswith("/console/login")


def test_revoking_the_token_ends_the_session(app_env: tuple[AppContext, TestClient, str]) -> None:
    actx, client, token = app_env
    _login(client, token)
    assert client.get("/console/queue", follow_redirects=False).status_code == 200
    with actx.transaction() as session:
        revoke_token(session, "po", now=actx.clock())
    gone = client.get("/console/queue", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"].endswith("/console/login")


def test_free_text_filters_are_fingerprinted_in_the_audit_trail(
    app_env: tuple[AppContext, TestClient, str],
) -> None:
    from sqlalchemy import select

    from auditor.store.models import AuditTrail

    actx, client, token = app_env
    _login(client, token)
    assert client.get(
        "/console/queue", params={"patient": "John Smith", "user": "U0001"}
    ).is_success
    with actx.transaction() as session:
        row = session.scalars(
            select(AuditTrail).where(AuditTrail.action == "console.findings.list")
        ).one()
    filters = row.detail["filters"]
    assert filters["user"] == "U0001"
    assert filters["patient"] == "fp:" + actx.fingerprinter.of("John Smith")
    assert "John" not in str(row.detail)


def test_logout_survives_an_api_restart(app_env: tuple[AppContext, TestClient, str]) -> None:
    """The ended session is in the store: a new app over the same home refuses its cookie,
    while another session of the same token, not logged out, goes on working there."""
    from sqlalchemy import select

    from auditor.store.index_models import EndedSession

    actx, client, token = app_env
    _login(client, token)
    ended = client.cookies.get("auditor_console")
    page = client.get("/console/queue")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert ended and csrf
    other = TestClient(create_app(actx.settings, actx=actx), base_url="https://testserver")
    _login(other, token)
    kept = other.cookies.get("auditor_console")
    out = client.post("/console/logout", data={"csrf": csrf.group(1)}, follow_redirects=False)
    assert out.status_code == 303

    restarted = open_context(settings=load_settings(actx.settings.home, environ={}), actor="t")
    try:
        fresh = TestClient(
            create_app(restarted.settings, actx=restarted), base_url="https://testserver"
        )
        fresh.cookies.set("auditor_console", ended)
        gone = fresh.get("/console/queue", follow_redirects=False)
        assert gone.status_code == 303 and gone.headers["location"].endswith("/console/login")
        fresh.cookies.clear()
        fresh.cookies.set("auditor_console", kept or "")
        assert fresh.get("/console/queue", follow_redirects=False).status_code == 200
        with restarted.transaction() as session:
            rows = list(session.scalars(select(EndedSession)))
        assert len(rows) == 1 and ended not in rows[0].sid_hash  # a hash, not the id
    finally:
        restarted.close()
