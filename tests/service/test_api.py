"""The HTTP API through TestClient on SQLite and PostgreSQL: auth, paths, triage, audit."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from auditor.api.auth import Role, create_token
from auditor.store.models import ApiToken, AuditTrail, Report, RunStatus, ScanRun
from tests.service.api_fixtures import BASE_TIME, ApiEnv, make_env, seed_findings


@pytest.fixture()
def env(home: Path, db_url: str, tmp_path: Path) -> Iterator[ApiEnv]:
    e = make_env(home, db_url, tmp_path)
    seed_findings(e.actx)
    yield e
    e.actx.close()


@pytest.fixture()
def client(env: ApiEnv) -> Iterator[TestClient]:
    with TestClient(env.app, raise_server_exceptions=False) as c:
        yield c


def _report(env: ApiEnv, tmp_path: Path) -> str:
    folder = tmp_path / "reports" / "2026-W10"
    folder.mkdir(parents=True)
    (folder / "report.json").write_text('{"ok": true}')
    (folder / "report.html").write_text("<p>ok</p>")
    (tmp_path / "secret.txt").write_text("not a report file")
    (folder / "escape.txt").symlink_to(tmp_path / "secret.txt")
    with env.actx.transaction() as s:
        s.add(
            Report(
                id="2026-W10",
                period_start=BASE_TIME,
                period_end=BASE_TIME + timedelta(days=7),
                created_at=BASE_TIME + timedelta(days=7),
                path=str(folder),
                envelope_digest="0" * 64,
                key_id="k" * 16,
            )
        )
    return "2026-W10"


def _access_run(env: ApiEnv) -> str:
    with env.actx.transaction() as s:
        run = s.scalars(select(ScanRun).where(ScanRun.kind == "access-logs")).first()
        assert run is not None
        return run.id


PO, SEC, DT, ADM = "privacy_officer", "security", "data_team", "admin"

# (method, path template, json body, {role: expected status})
MATRIX = [
    ("GET", "/api/v1/findings", None, {PO: 200, SEC: 200, DT: 403, ADM: 200}),
    ("GET", "/api/v1/findings/{fid}", None, {PO: 200, SEC: 200, DT: 403, ADM: 200}),
    (
        "PATCH",
        "/api/v1/findings/{fid}",
        {"status": "confirmed", "note": "checked"},
        {PO: 200, SEC: 403, DT: 403, ADM: 200},
    ),
    ("GET", "/api/v1/reports", None, {PO: 200, SEC: 403, DT: 403, ADM: 200}),
    ("GET", "/api/v1/reports/{rid}/report.json", None, {PO: 200, SEC: 403, DT: 403, ADM: 200}),
    (
        "POST",
        "/api/v1/scans",
        {"kind": "access-logs", "paths": ["{allowed}"]},
        {PO: 403, SEC: 202, DT: 403, ADM: 202},
    ),
    (
        "POST",
        "/api/v1/scans",
        {"kind": "documents", "paths": ["{allowed}"]},
        {PO: 403, SEC: 202, DT: 403, ADM: 202},
    ),
    (
        "POST",
        "/api/v1/scans",
        {"kind": "deid", "paths": ["{allowed}"], "out": "{allowed}/deid-out-{role}"},
        {PO: 403, SEC: 403, DT: 202, ADM: 202},
    ),
    ("GET", "/api/v1/scans/{sid}", None, {PO: 403, SEC: 200, DT: 403, ADM: 200}),
    ("GET", "/api/v1/status", None, {PO: 403, SEC: 200, DT: 403, ADM: 200}),
    ("GET", "/api/v1/tokens", None, {PO: 403, SEC: 403, DT: 403, ADM: 200}),
]


def _fill(value: object, subs: dict[str, str]) -> object:
    if isinstance(value, str):
        return value.format(**subs)
    if isinstance(value, list):
        return [_fill(v, subs) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, subs) for k, v in value.items()}
    return value


def test_auth_matrix(env: ApiEnv, client: TestClient, tmp_path: Path) -> None:
    subs = {"fid": "1", "rid": _report(env, tmp_path), "sid": _access_run(env)}
    subs["allowed"] = str(env.allowed)
    failures = []
    for method, path, body, expected in MATRIX:
        for role, status in expected.items():
            s = {**subs, "role": role}
            url = str(_fill(path, s))
            resp = client.request(method, url, json=_fill(body, s), headers=env.headers(role))
            if resp.status_code != status:
                failures.append((method, url, role, resp.status_code, resp.text[:200]))
            if status == 403:
                assert resp.json()["error"] == "forbidden"
        # No token and a wrong token: 401 whatever the route.
        url = str(_fill(path, {**subs, "role": "anon"}))
        for headers in ({}, {"Authorization": "Bearer aud_wrong"}, {"Authorization": "Basic x"}):
            anon_body = _fill(body, {**subs, "role": "anon"})
            resp = client.request(method, url, json=anon_body, headers=headers)
            if resp.status_code != 401:
                failures.append((method, url, "anon", resp.status_code, resp.text[:200]))
            assert resp.headers.get("www-authenticate") == "Bearer"
    assert failures == []


def test_revoked_and_expired_tokens_get_401(env: ApiEnv, client: TestClient) -> None:
    with env.actx.transaction() as s:
        expiring = create_token(s, "soon", Role.ADMIN, now=env.actx.clock(), expires_days=1)
    assert (
        client.get("/api/v1/findings", headers={"Authorization": f"Bearer {expiring}"}).status_code
        == 200
    )
    with env.actx.transaction() as s:
        s.execute(
            update(ApiToken)
            .where(ApiToken.name == "soon")
            .values(expires_at=env.actx.clock() - timedelta(seconds=1))
        )
    resp = client.get("/api/v1/findings", headers={"Authorization": f"Bearer {expiring}"})
    assert resp.status_code == 401 and "expired" in resp.json()["detail"]
    from auditor.api.auth import revoke_token

    with env.actx.transaction() as s:
        revoke_token(s, "t-security", now=env.actx.clock())
    resp = client.get("/api/v1/findings", headers=env.headers("security"))
    assert resp.status_code == 401 and "revoked" in resp.json()["detail"]
    # Only hashes are stored.
    with env.actx.transaction() as s:
        hashes = s.scalars(select(ApiToken.token_hash)).all()
    assert all(len(h) == 64 and not h.startswith("aud_") for h in hashes)
    assert env.tokens["admin"] not in hashes


@pytest.mark.parametrize(
    ("make_path", "status", "field"),
    [
        (lambda e: f"{e.allowed}/../outside", 422, "paths"),  # the schema's pattern
        (lambda e: "relative/path", 422, "paths"),
        (lambda e: str(e.outside), 403, "paths[0]"),
        (lambda e: str(e.allowed / "link-out"), 403, "paths[0]"),
        (lambda e: str(e.allowed / "missing.csv"), 404, "paths[0]"),
        (lambda e: "/", 403, "paths[0]"),
        (lambda e: str(e.allowed / "inside.csv"), 202, None),
        (lambda e: str(e.allowed / "link-in"), 202, None),
    ],
)
def test_scan_paths_are_restricted(
    env: ApiEnv,
    client: TestClient,
    make_path,
    status: int,
    field: str | None,  # type: ignore[no-untyped-def]
) -> None:
    (env.allowed / "inside.csv").write_text("x\n")
    (env.outside / "secret.csv").write_text("x\n")
    os.symlink(env.outside / "secret.csv", env.allowed / "link-out")
    os.symlink(env.allowed / "inside.csv", env.allowed / "link-in")
    body = {"kind": "access-logs", "paths": [make_path(env)]}
    resp = client.post("/api/v1/scans", json=body, headers=env.headers("security"))
    assert resp.status_code == status, resp.text
    if field:
        assert field in str(resp.json()["detail"])
        assert str(env.outside) not in resp.text  # no path echoed back
    else:
        run_id = resp.json()["id"]
        got = client.get(f"/api/v1/scans/{run_id}", headers=env.headers("security")).json()
        assert got["status"] == "queued" and got["trigger"] == "api"
        assert got["requested_by"] == "token:t-security"


def test_findings_filters_and_pagination(env: ApiEnv, client: TestClient) -> None:
    h = env.headers("privacy_officer")
    everything = client.get("/api/v1/findings", params={"limit": 1000}, headers=h).json()
    assert everything["total"] == 30 and len(everything["items"]) == 30
    seen: list[int] = []
    for offset in range(0, 30, 7):
        page = client.get(
            "/api/v1/findings", params={"limit": 7, "offset": offset}, headers=h
        ).json()
        assert page["total"] == 30 and page["limit"] == 7
        seen.extend(item["id"] for item in page["items"])
    assert sorted(seen) == sorted(i["id"] for i in everything["items"])  # no gaps, no repeats
    cases = [
        ({"category": "vip_access"}, 10),
        ({"severity": "high"}, 10),
        ({"user": "U1"}, 8),
        ({"patient": "P0"}, 6),
        ({"category": "vip_access", "user": "U1"}, 3),
        ({"since": (BASE_TIME + timedelta(hours=10)).isoformat()}, 20),
        ({"until": (BASE_TIME + timedelta(hours=10)).isoformat()}, 10),
        ({"status": "open"}, 30),
        ({"status": "confirmed"}, 0),
        ({"kind": "phi"}, 0),
    ]
    for params, total in cases:
        got = client.get("/api/v1/findings", params=params, headers=h).json()
        assert got["total"] == total, params
        for item in got["items"]:
            for key, value in params.items():
                if key in {"category", "severity", "status", "kind"}:
                    assert item[key] == value
    bad = client.get("/api/v1/findings", params={"status": "nope"}, headers=h)
    assert bad.status_code == 422 and bad.json()["error"] == "validation_error"
    assert "nope" not in bad.text  # inputs are not echoed
    bad = client.get("/api/v1/findings", params={"limit": 0}, headers=h)
    assert bad.status_code == 422


def test_patch_keeps_history_and_everything_is_audited(env: ApiEnv, client: TestClient) -> None:
    h = env.headers("privacy_officer")
    fid = client.get("/api/v1/findings", params={"limit": 1}, headers=h).json()["items"][0]["id"]
    r1 = client.patch(
        f"/api/v1/findings/{fid}", json={"status": "escalated", "note": "a"}, headers=h
    )
    r2 = client.patch(
        f"/api/v1/findings/{fid}", json={"status": "dismissed", "note": "b"}, headers=h
    )
    assert r1.status_code == r2.status_code == 200
    got = client.get(f"/api/v1/findings/{fid}", headers=h).json()
    assert got["status"] == "dismissed" and got["reviewer"] == "token:t-privacy_officer"
    assert [(x["old_status"], x["new_status"], x["note"]) for x in got["history"]] == [
        ("open", "escalated", "a"),
        ("escalated", "dismissed", "b"),
    ]
    bad = client.patch(f"/api/v1/findings/{fid}", json={"status": "closed"}, headers=h)
    assert bad.status_code == 422
    missing = client.patch("/api/v1/findings/999999", json={"status": "open"}, headers=h)
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    with env.actx.transaction() as s:
        rows = s.scalars(
            select(AuditTrail).where(AuditTrail.actor == "token:t-privacy_officer")
        ).all()
        actions = [r.action for r in rows]
    assert actions.count("api.findings.list") == 1
    assert actions.count("api.findings.update") == 2
    assert "api.findings.read" in actions
    listing = next(r for r in rows if r.action == "api.findings.list")
    assert listing.detail["limit"] == 1 and listing.detail["returned"] == 1


def test_reports_list_and_files(env: ApiEnv, client: TestClient, tmp_path: Path) -> None:
    rid = _report(env, tmp_path)
    h = env.headers("privacy_officer")
    listing = client.get("/api/v1/reports", headers=h).json()
    assert listing[0]["id"] == rid
    assert listing[0]["files"] == ["report.html", "report.json"]  # symlinks are not listed
    ok = client.get(f"/api/v1/reports/{rid}/report.json", headers=h)
    assert ok.status_code == 200 and ok.json() == {"ok": True}
    for name in ["escape.txt", "%2E%2E", "nope.pdf", "..%2Fsecret.txt", "%2E%2E%2F..%2Fsecret.txt"]:
        resp = client.get(f"/api/v1/reports/{rid}/{name}", headers=h)
        assert resp.status_code in {400, 404}, (name, resp.status_code)
        assert "not a report file" not in resp.text
    assert client.get("/api/v1/reports/none/report.json", headers=h).status_code == 404
    with env.actx.transaction() as s:
        actions = s.scalars(select(AuditTrail.action)).all()
    assert "api.reports.list" in actions and "api.reports.read" in actions


def test_rate_limit_429(home: Path, db_url: str, tmp_path: Path) -> None:
    env = make_env(home, db_url, tmp_path, rate_limit=5)
    try:
        with TestClient(env.app) as c:
            codes = [
                c.get("/api/v1/findings", headers=env.headers("security")).status_code
                for _ in range(7)
            ]
            other = c.get("/api/v1/findings", headers=env.headers("admin")).status_code
    finally:
        env.actx.close()
    assert codes == [200] * 5 + [429] * 2
    assert other == 200  # per token


def test_errors_are_json(env: ApiEnv, client: TestClient) -> None:
    assert client.get("/api/v1/healthz").json()["status"] == "ok"
    resp = client.get("/api/v1/nothing-here")
    assert resp.status_code == 404 and set(resp.json()) == {"error", "detail"}
    resp = client.post(
        "/api/v1/scans",
        content=b"{not json",
        headers={**env.headers("admin"), "content-type": "application/json"},
    )
    assert resp.status_code == 422 and resp.json()["error"] == "validation_error"
    resp = client.put("/api/v1/findings", headers=env.headers("admin"))
    assert resp.status_code == 405 and resp.json()["error"] == "method_not_allowed"
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "hipaa-auditor API"


def test_queue_state_machine(env: ApiEnv, client: TestClient) -> None:
    from auditor.store import queue

    (env.allowed / "a.csv").write_text("x\n")
    ids = [
        client.post(
            "/api/v1/scans",
            json={"kind": "access-logs", "paths": [str(env.allowed / "a.csv")]},
            headers=env.headers("security"),
        ).json()["id"]
        for _ in range(3)
    ]

    def claim() -> ScanRun | None:
        with env.actx.transaction() as s:
            return queue.claim_next(s)

    with env.actx.transaction() as s:
        assert queue.depth(s) == {"queued": 3, "running": 0}
    first = claim()
    assert first is not None and first.id == ids[0] and first.status is RunStatus.RUNNING
    second = claim()
    assert second is not None and second.id == ids[1]
    # A crash leaves them running; recovery puts API requests back in the queue.
    with env.actx.transaction() as s:
        assert queue.recover_orphans(s) == set()
    with env.actx.transaction() as s:
        assert queue.depth(s) == {"queued": 3, "running": 0}
    order = [claim() for _ in range(4)]
    assert [r.id if r else None for r in order] == [*ids, None]


def test_unexpected_error_is_500_json_without_details(
    env: ApiEnv, caplog: pytest.LogCaptureFixture
) -> None:
    def boom() -> None:
        raise ValueError("value for patient Jane Roe")  # as if a bug quoted data

    env.app.add_api_route("/api/v1/boom", boom)
    with TestClient(env.app, raise_server_exceptions=False) as c:
        resp = c.get("/api/v1/boom")
    assert resp.status_code == 500
    body = resp.json()
    assert body["error"] == "internal_error" and "reference" in body["detail"]
    assert "Jane" not in resp.text and "Traceback" not in resp.text
    assert "Jane" not in caplog.text
    assert any(getattr(r, "fields", {}).get("exc_type") == "ValueError" for r in caplog.records)


@pytest.mark.parametrize(
    "path",
    [
        "2026-W10/report.json%00.html",
        "2026-W10/%00",
        "2026-W10%00/report.json",
        "2026-W10/report%1B.json",
        "%00/%00",
    ],
)
def test_control_character_in_a_report_path_is_a_client_error(
    env: ApiEnv, client: TestClient, tmp_path: Path, path: str
) -> None:
    """P2: a NUL in {id} or {file} is a 404 JSON error like any bad name, never a 500
    (PostgreSQL refuses NUL in a text parameter), and the reply does not echo it."""
    rid = _report(env, tmp_path)
    h = env.headers("privacy_officer")
    resp = client.get(f"/api/v1/reports/{path}", headers=h)
    assert resp.status_code == 404, (path, resp.status_code, resp.text)
    assert resp.headers["content-type"].startswith("application/json")
    assert resp.json()["error"] == "not_found"
    assert "\\u0000" not in resp.text and "\\x00" not in resp.text and "\\u001b" not in resp.text
    assert client.get(f"/api/v1/reports/{rid}/report.json", headers=h).status_code == 200
