"""Hostile API requests (H2, M1, M2, M3, L2, L3): refused cleanly, at the moment of use."""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from auditor.daemon.jobs import run_queued
from auditor.daemon.runtime import DaemonRuntime
from auditor.scanners.documents.walker import walk
from auditor.scanners.files import LINK_LEAVES_ROOTS, Links, SkippedPath
from auditor.store import queue
from auditor.store.models import ScanRun
from auditor.synth.hospital import HospitalPaths
from tests.service.api_fixtures import ApiEnv, sqlite_env

SCANS = "/api/v1/scans"
JSON = "application/json"


@pytest.fixture()
def env(home: Path, tmp_path: Path) -> Iterator[ApiEnv]:
    yield from sqlite_env(home, tmp_path)


def _run_next(env: ApiEnv) -> ScanRun:
    """What the daemon does with the next queued request; the run as stored afterwards."""
    with env.actx.transaction() as session:
        run = queue.claim_next(session)
    assert run is not None
    run_queued(DaemonRuntime(env.actx, logging.getLogger("test.hostile")), run)
    with env.actx.transaction() as session:
        done = session.get(ScanRun, run.id)
        assert done is not None
        session.expunge(done)
        return done


def test_h2_link_placed_at_out_after_the_request_is_refused(env: ApiEnv) -> None:
    src = env.allowed / "in"
    src.mkdir()
    (src / "a.txt").write_text("seen today\n")
    target = env.outside / "target"
    target.mkdir()
    (target / "a.txt").write_text("IMPORTANT\n")
    out = env.allowed / "out"
    with TestClient(env.app) as client:
        body = {"kind": "deid", "paths": [str(src)], "out": str(out)}
        assert client.post(SCANS, json=body, headers=env.headers("data_team")).status_code == 202
        out.symlink_to(target)  # placed after the request was accepted
        run = _run_next(env)
    assert str(run.status) == "failed" and "already exists" in run.error
    assert (target / "a.txt").read_text() == "IMPORTANT\n"


def test_h2_dangling_link_at_out_is_refused_at_request_time(env: ApiEnv) -> None:
    out = env.allowed / "out"
    out.symlink_to(env.outside / "nowhere")
    with TestClient(env.app) as client:
        body = {"kind": "deid", "paths": [str(env.allowed)], "out": str(out)}
        resp = client.post(SCANS, json=body, headers=env.headers("data_team"))
    assert resp.status_code == 409 and resp.json()["error"] == "conflict"


def test_m1_folder_scan_does_not_follow_links_out_of_the_roots(
    env: ApiEnv, hospital: HospitalPaths
) -> None:
    logs = env.allowed / "logs"
    logs.mkdir()
    (logs / "a.csv").write_text(hospital.csv_log.read_text())
    (env.outside / "other.csv").write_text(hospital.csv_log.read_text())
    (logs / "zz.csv").symlink_to(env.outside / "other.csv")
    with TestClient(env.app) as client:
        body = {"kind": "access-logs", "paths": [str(logs)]}
        assert client.post(SCANS, json=body, headers=env.headers("security")).status_code == 202
        run = _run_next(env)
    assert str(run.status) == "done", run.error
    files = [f["file"] for f in run.summary["files"]]
    assert files == [str(logs / "a.csv")]
    skipped = [s for s in walk([logs], Links.WITHIN) if isinstance(s, SkippedPath)]
    assert [s.reason for s in skipped] == [LINK_LEAVES_ROOTS]


def test_m2_mapping_and_profile_are_names_not_paths(env: ApiEnv, tmp_path: Path) -> None:
    secret = tmp_path / "leak.yaml"
    secret.write_text("db_password: hunter2\napi_key: sk-live-123\n")
    logs = env.allowed / "a.csv"
    logs.write_text("timestamp,user_id,patient_id\n")
    with TestClient(env.app) as client:
        h = env.headers("security")
        for fmt in (f"mapping:{secret}", "mapping:~/leak.yaml", "bogus", "mapping:nosuch"):
            body = {"kind": "access-logs", "paths": [str(logs)], "format": fmt}
            resp = client.post(SCANS, json=body, headers=h)
            assert resp.status_code in (404, 422), (fmt, resp.text)
            assert "hunter2" not in resp.text and "api_key" not in resp.text
        body = {"kind": "deid", "paths": [str(logs)], "out": str(env.allowed / "o")}
        for profile in ("/etc/passwd", "../x", "nosuch"):
            resp = client.post(
                SCANS, json={**body, "profile": profile}, headers=env.headers("data_team")
            )
            assert resp.status_code in (404, 422), (profile, resp.text)
            assert "root:" not in resp.text


def test_l2_hostile_paths_are_4xx_json(env: ApiEnv) -> None:
    bad_paths = [str(env.allowed / ("a" * 4096)), str(env.allowed) + "/\udc80", "/x\x00y"]
    with TestClient(env.app) as client:
        h = env.headers("security")
        for path in bad_paths:
            body = json.dumps({"kind": "access-logs", "paths": [path]})  # \udc80 escaped
            resp = client.post(SCANS, content=body, headers={**h, "content-type": JSON})
            assert 400 <= resp.status_code < 500, (path[:40], resp.status_code)
            assert resp.json()["error"]
        deid = {"kind": "deid", "paths": [str(env.allowed)], "out": str(env.allowed) + "/o\x00"}
        resp = client.post(SCANS, json=deid, headers=env.headers("data_team"))
        assert 400 <= resp.status_code < 500


def test_l3_security_headers_and_no_cdn_docs(env: ApiEnv) -> None:
    with TestClient(env.app) as client:
        resp = client.get("/api/v1/findings", headers=env.headers("privacy_officer"))
        assert resp.headers["cache-control"] == "no-store"
        assert resp.headers["x-content-type-options"] == "nosniff"
        assert client.get("/api/v1/openapi.json").status_code == 200
        page = client.get("/api/v1/docs")
        assert (
            page.status_code == 200
            and "default-src 'none'" in page.headers["content-security-policy"]
        )
        for asset in ("/api/v1/docs", "/api/v1/docs/page.js", "/api/v1/docs/page.css"):
            text = client.get(asset).text
            assert "http://" not in text and "https://" not in text and "//cdn" not in text


def test_l3_docs_page_and_schema_can_be_switched_off(env: ApiEnv) -> None:
    from auditor.api.app import create_app

    settings = env.actx.settings
    quiet = settings.model_copy(update={"api": settings.api.model_copy(update={"docs": False})})
    app = create_app(quiet, actx=env.actx)
    with TestClient(app) as client:
        for path in ("/api/v1/docs", "/api/v1/docs/page.js", "/api/v1/openapi.json"):
            assert client.get(path).status_code == 404, path
        assert client.get("/api/v1/healthz").status_code == 200


def test_m3_oversize_body_refused_before_auth_and_parsing(env: ApiEnv) -> None:
    with TestClient(env.app) as client:
        big = b'["' + b"a" * (1 << 20) + b'"]'
        resp = client.post(SCANS, content=big, headers={"content-type": "application/json"})
        assert resp.status_code == 413 and resp.json()["error"] == "too_large"

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
            for _ in range(64):
                yield b"a" * 8192

        resp = client.post(SCANS, content=chunks(), headers=env.headers("security"))
        assert resp.status_code == 413


@pytest.mark.slow
def test_m3_real_server_memory_stays_flat(env: ApiEnv) -> None:
    """A 64 MB declared body over a real socket is answered at once, not buffered."""
    import uvicorn

    config = uvicorn.Config(env.app, host="127.0.0.1", port=0, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        threading.Event().wait(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            head = b"POST /api/v1/scans HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            s.sendall(head + b"Content-Length: %d\r\n\r\n" % (64 << 20))
            s.sendall(b'["' + b"a" * 65536)
            assert b" 413 " in s.recv(200)
    finally:
        server.should_exit = True
        thread.join(5)


def test_l6_audit_trail_keeps_no_free_text_filter(env: ApiEnv) -> None:
    from sqlalchemy import select

    from auditor.store.models import AuditTrail

    with TestClient(env.app) as client:
        params = {"patient": "John Smith 078-05-1120", "user": "U0017"}
        resp = client.get("/api/v1/findings", params=params, headers=env.headers("security"))
        assert resp.status_code == 200
    with env.actx.transaction() as session:
        details = [str(d) for d in session.scalars(select(AuditTrail.detail))]
    listed = [d for d in details if "U0017" in d]
    assert listed and all("John" not in d and "078-05" not in d for d in details)
    assert any("fp:" in d for d in listed)


def test_l2_long_components_and_unknown_formats_are_4xx_at_request_time(env: ApiEnv) -> None:
    """A 300-byte name inside a root cannot exist (404); a format or kind not in the schema
    is 422: nothing reaches the daemon to fail there."""
    with TestClient(env.app) as client:
        h = env.headers("security")
        long_name = str(env.allowed / ("é" * 150))  # 300 bytes: over NAME_MAX
        resp = client.post(SCANS, json={"kind": "access-logs", "paths": [long_name]}, headers=h)
        assert resp.status_code == 404 and resp.json()["error"] == "not_found"
        for body in (
            {"kind": "access-logs", "paths": [str(env.allowed)], "format": "bogus"},
            {"kind": "documents", "paths": [str(env.allowed)], "format": "csv"},
            {"kind": "report", "paths": [str(env.allowed)]},
            {"kind": "deid", "paths": [str(env.allowed)]},  # no out
        ):
            resp = client.post(SCANS, json=body, headers=h)
            assert resp.status_code == 422, (body, resp.text)
            assert resp.json()["error"] == "validation_error"
    with env.actx.transaction() as session:
        assert queue.depth(session) == {"queued": 0, "running": 0}


def test_contract_until_is_typed_and_an_empty_interval_is_empty(env: ApiEnv) -> None:
    """Probe: `until=0.5` was read as a Unix time (200); since > until was a 400 the schema
    did not state."""
    from tests.service.api_fixtures import BASE_TIME, seed_findings

    seed_findings(env.actx, n=5)
    h = env.headers("privacy_officer")
    with TestClient(env.app) as client:
        for bad in ("0.5", "2026-03-02", "2026-03-02T08:00:00", "yesterday"):
            resp = client.get("/api/v1/findings", params={"until": bad}, headers=h)
            assert resp.status_code == 422, bad
        later = (BASE_TIME.replace(year=2027)).isoformat()
        resp = client.get(
            "/api/v1/findings",
            params={"since": later, "until": BASE_TIME.isoformat()},
            headers=h,
        )
        assert resp.status_code == 200 and resp.json()["total"] == 0
        everything = client.get(
            "/api/v1/findings", params={"since": "0000-01-01T00:00:00Z"}, headers=h
        )
        assert everything.status_code == 200 and everything.json()["total"] == 5


def test_contract_405_names_every_method_of_the_path(env: ApiEnv) -> None:
    with TestClient(env.app) as client:
        resp = client.delete("/api/v1/findings/1", headers=env.headers("admin"))
    assert resp.status_code == 405 and resp.json()["error"] == "method_not_allowed"
    assert resp.headers["allow"] == "GET, PATCH"


def _seed_phi(env: ApiEnv, source: str) -> None:
    from auditor.findings import PhiFinding
    from auditor.store import repo
    from auditor.store.models import RunStatus

    finding = PhiFinding(
        source=source,
        entity_type="PERSON",
        start=8,
        end=18,
        score=0.9,
        fingerprint=env.actx.fingerprinter.of("John Smith"),
        location={"line": 1},
    )
    with env.actx.transaction() as session:
        run = repo.create_run(session, "documents", "synthetic")
        repo.upsert_findings(session, [finding], run.id)
        repo.finish_run(
            session,
            run.id,
            status=RunStatus.DONE,
            findings_count=1,
            summary={"files_skipped": [{"path": source, "reason": "x"}], "findings": 1},
        )


def test_l8_phi_findings_name_files_by_reference_unless_allowed(env: ApiEnv) -> None:
    from sqlalchemy import select

    from auditor.store.models import AuditTrail, ScanRun

    source = str(env.allowed / "exports" / "Smith_John_discharge.PDF")
    _seed_phi(env, source)
    with TestClient(env.app) as client:
        for role in ("security", "privacy_officer", "admin"):
            listing = client.get("/api/v1/findings", headers=env.headers(role))
            item = listing.json()["items"][0]
            assert "Smith" not in listing.text and "exports" not in listing.text
            assert item["source"].startswith("file:") and item["source"].endswith(".pdf")
            assert item["location"].startswith(item["source"] + "#")
            one = client.get(f"/api/v1/findings/{item['id']}", headers=env.headers(role))
            assert one.json()["source"] == item["source"]  # stable: findings group by file
        denied = client.get(
            "/api/v1/findings", params={"paths": "full"}, headers=env.headers("security")
        )
        assert denied.status_code == 403
        full = client.get(
            "/api/v1/findings", params={"paths": "full"}, headers=env.headers("privacy_officer")
        )
        assert full.status_code == 200 and full.json()["items"][0]["source"] == source
        with env.actx.transaction() as session:
            run_id = session.scalars(select(ScanRun.id).where(ScanRun.kind == "documents")).one()
        status = client.get(f"/api/v1/scans/{run_id}", headers=env.headers("security"))
        assert status.status_code == 200 and "Smith" not in status.text
        skipped = status.json()["summary"]["files_skipped"][0]["path"]
        assert skipped == item["source"]
    with env.actx.transaction() as session:
        actions = list(session.scalars(select(AuditTrail.action)))
    assert actions.count("api.findings.paths") == 1
