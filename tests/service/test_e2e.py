"""End to end with real processes: `auditor serve` (uvicorn) + `auditor daemon` on loopback."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from auditor.synth.access_csv import write_access_log
from tests.service.conftest import Proc, free_port, run_cli, wait_until, write_config

NOTE = (
    "Discharge summary for Maria Gonzalez, MRN 48213377, seen on 03/04/2026.\n"
    "Call her at (617) 555-0142 or write to maria.gonzalez@example.org.\n"
)


@pytest.mark.slow
@pytest.mark.service
def test_request_over_http_is_executed_by_the_daemon(
    service_home: Path, db_url: str, tmp_path: Path, spawn: Callable[..., Proc]
) -> None:
    allowed = tmp_path / "allowed"
    (allowed / "exports").mkdir(parents=True)
    write_access_log(allowed / "access.csv", 5_000)
    (allowed / "exports" / "note.txt").write_text(NOTE, encoding="utf-8")
    port = free_port()
    write_config(
        service_home,
        db_url,
        api={"allowed_roots": [str(allowed)], "port": port},
        daemon={"queue_poll_seconds": 0.3},
    )
    created = run_cli(service_home, "tokens", "create", "--role", "security", "--name", "sec")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert token.startswith("aud_") and "shown only this once" in created.stderr

    server = spawn(service_home, "serve")
    base = f"http://127.0.0.1:{port}/api/v1"
    client = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30)

    def up() -> bool:
        try:
            return client.get("/healthz").status_code == 200
        except httpx.TransportError:
            assert server.popen.poll() is None, server.log()
            return False

    wait_until(up, timeout=60)
    requests = {
        "access-logs": [str(allowed / "access.csv")],
        "documents": [str(allowed / "exports")],
    }
    ids = {}
    for kind, paths in requests.items():
        resp = client.post("/scans", json={"kind": kind, "paths": paths})
        assert resp.status_code == 202, resp.text
        ids[kind] = resp.json()["id"]
        assert client.get(f"/scans/{ids[kind]}").json()["status"] == "queued"

    daemon = spawn(service_home, "daemon")

    def all_done() -> bool:
        states = [client.get(f"/scans/{i}").json()["status"] for i in ids.values()]
        assert "failed" not in states, [client.get(f"/scans/{i}").json() for i in ids.values()]
        return all(s == "done" for s in states)

    wait_until(all_done, timeout=240, every=0.5)
    access = client.get(f"/scans/{ids['access-logs']}").json()
    assert access["records_read"] == 5_000 and access["findings_count"] > 0
    docs = client.get(f"/scans/{ids['documents']}").json()
    assert docs["records_processed"] == 1 and docs["findings_count"] > 0
    page = client.get("/findings", params={"kind": "phi", "limit": 100}).json()
    assert page["total"] >= 3
    assert "Gonzalez" not in str(page) and "555-0142" not in str(page)  # fingerprints, no PHI
    status = client.get("/status").json()
    assert status["daemon"]["running"] is True and status["queue"] == {"queued": 0, "running": 0}
    assert daemon.stop(signal.SIGTERM) == 0
    assert server.stop(signal.SIGTERM) == 0
    assert "Traceback" not in server.log() and "Gonzalez" not in daemon.log()
