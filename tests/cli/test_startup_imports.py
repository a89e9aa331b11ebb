"""An access-log scan imports what it uses: no PHI engine modules at start-up (issue 17:
start-up work done once, lazily)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.cli.common import require_context_files
from auditor.errors import InputError

PROBE = """
import json, runpy, sys
sys.argv = ["auditor", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("auditor.cli.main", run_name="__main__")
except SystemExit as exc:
    code = exc.code
phi = sorted(m for m in sys.modules if m.startswith("auditor.phi"))
print(json.dumps({"code": code, "phi": phi}))
"""


def test_access_scan_imports_no_phi_module(tmp_path: Path) -> None:
    ctx = tmp_path / "context"
    ctx.mkdir()
    (ctx / "workforce.csv").write_text("user_id,role\nU1,nurse\n")
    log = tmp_path / "log.csv"
    log.write_text("event_id,timestamp,user_id,patient_id\ne1,2024-03-05T12:00:00Z,U1,P1\n")
    env = {**os.environ, "AUDITOR_HOME": str(tmp_path / "home")}
    argv = ["scan", "access-logs", str(log), "--context", str(ctx), "--output-format", "jsonl"]
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], env=env, capture_output=True, text=True, check=True
    )
    probe = json.loads(out.stdout.splitlines()[-1])
    assert probe["code"] in (0, 1, None)
    assert probe["phi"] == []


def test_a_folder_of_places_alone_is_still_a_context_folder(tmp_path: Path) -> None:
    (tmp_path / "places.csv").write_text("name\nLumino\n")
    require_context_files(tmp_path)
    (tmp_path / "places.csv").unlink()
    with pytest.raises(InputError, match="not a context folder"):
        require_context_files(tmp_path)
