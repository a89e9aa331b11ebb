"""A data team requests de-identification over the API; the daemon runs it; they fetch the
signed certificate (and nothing else)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from auditor.daemon.service import run_daemon
from tests.service.api_fixtures import ApiEnv, sqlite_env


@pytest.fixture()
def env(home: Path, tmp_path: Path) -> Iterator[ApiEnv]:
    yield from sqlite_env(home, tmp_path)


@pytest.mark.slow
def test_deid_request_runs_and_certificate_is_served(env: ApiEnv) -> None:
    src = env.allowed / "export"
    src.mkdir()
    (src / "note.txt").write_text(
        "Patient John Smith (MRN 55120033) seen 03/04/2026, phone (617) 555-0199.\n"
    )
    out = env.allowed / "deid-out"
    with TestClient(env.app) as client:
        h = env.headers("data_team")
        body = {"kind": "deid", "paths": [str(src)], "out": str(out)}
        resp = client.post("/api/v1/scans", json=body, headers=h)
        assert resp.status_code == 202, resp.text
        scan_id = resp.json()["id"]
        bad = client.post("/api/v1/scans", json={**body, "out": str(env.outside / "x")}, headers=h)
        assert bad.status_code == 403
        assert run_daemon(env.actx, logging.getLogger("test.daemon"), once=True) == 0
        got = client.get(f"/api/v1/scans/{scan_id}", headers=h).json()
        assert got["status"] == "done", got
        assert got["summary"]["certificate"]
        cert = client.get(f"/api/v1/scans/{scan_id}/certificate", headers=h)
        assert cert.status_code == 200 and cert.headers["content-type"] == "application/json"
        assert client.get("/api/v1/findings", headers=h).status_code == 403
    text = "\n".join(p.read_text() for p in out.rglob("*.txt"))
    assert "John Smith" not in text and "555-0199" not in text
