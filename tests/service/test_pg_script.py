"""scripts/pg-test-server.sh can start (and stop) a private PostgreSQL cluster on loopback."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from auditor.store import db

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "pg-test-server.sh"


@pytest.mark.postgres
@pytest.mark.slow
def test_private_cluster_starts_migrates_and_stops() -> None:
    env = {**os.environ, "PGTEST_FORCE_PRIVATE": "1"}
    proc = subprocess.run(
        ["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=600
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot start a private PostgreSQL here: {proc.stderr.strip()[-200:]}")
    url = proc.stdout.strip().splitlines()[-1]
    datadir = next(ln.split("=", 1)[1] for ln in proc.stderr.splitlines() if "PGTEST_" in ln)
    try:
        assert url.startswith("postgresql://") and "@127.0.0.1:" in url and ":5432/" not in url
        engine = db.make_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        db.upgrade(engine)
        engine.dispose()
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", datadir], timeout=120, check=True)
    assert not Path(datadir).exists()
