"""docs/cli.md is generated from --help; it must not drift from the commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_cli_reference_is_current(tmp_path: Path) -> None:
    out = tmp_path / "cli.md"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_cli_docs.py"), str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, (
        "docs/cli.md is stale: run `.venv/bin/python scripts/gen_cli_docs.py`"
    )
