"""End to end: `auditor demo` in a temporary home, as a newcomer runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_demo_end_to_end(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITOR_")}
    env["AUDITOR_HOME"] = str(home)
    proc = subprocess.run(
        [sys.executable, "-m", "auditor.cli.main", "demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert "Verified: reports, certificate and chain" in out
    assert "Traceback" not in proc.stderr

    # The hints work right after `make demo`, venv not activated (F2), and the home keeps the
    # demo's context, so the next scan of a demo log explains accesses (F5).
    assert f"{Path(sys.executable).parent / 'auditor'}" in out or ".venv/bin/auditor" in out
    assert "/activate` once" in out
    assert "weeks are relative to today; the demo hospital is on UTC" in out
    config = (home / "auditor.toml").read_text(encoding="utf-8")
    context = (home / "demo").glob("hospital-*/context")
    assert any(f'context_dir = "{c}"' in config for c in context), config

    reports = sorted((home / "reports").iterdir())
    assert len(reports) >= 2, "the chain needs at least two links"
    for folder in reports:
        for name in ("report.json", "report.html", "report.pdf", "report.dsse.json"):
            assert (folder / name).stat().st_size > 0, f"{folder.name}/{name}"

    # The access weeks show planted violations of several categories, with explanations.
    week = json.loads((reports[1] / "report.json").read_text(encoding="utf-8"))
    text = json.dumps(week)
    for category in ("self_access", "vip_access", "break_glass_unjustified", "high_volume"):
        assert category in text

    # Documents: PHI was found, and the de-identified copy and certificate exist.
    assert "PHI findings 0" not in out
    assert any((home / "demo" / "exports-deidentified").rglob("*.txt"))
    assert list((home / "certificates").rglob("certificate.json"))

    # The whole chain verifies from the CLI afterwards; a changed byte is caught.
    verify = [sys.executable, "-m", "auditor.cli.main", "verify", "--all"]
    ok = subprocess.run(verify, env=env, capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "verified" in ok.stdout + ok.stderr
    html = reports[0] / "report.html"
    html.write_bytes(html.read_bytes().replace(b"</html>", b"</html> "))
    bad = subprocess.run(verify, env=env, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1
    assert "report.html" in bad.stdout + bad.stderr

    # Malformed input is accounted for, not dropped.
    quarantined = list((home / "quarantine").rglob("*"))
    assert quarantined, "the demo plants malformed lines; they must be quarantined"


def test_remember_context_dir_keeps_a_site_choice(tmp_path: Path) -> None:
    from auditor.config_template import DEFAULT_CONFIG_TEXT
    from auditor.services.demo import remember_context_dir

    demo_dir = tmp_path / "demo"
    config = tmp_path / "auditor.toml"
    config.write_text(DEFAULT_CONFIG_TEXT, encoding="utf-8")
    first = demo_dir / "hospital-2026-W47" / "context"
    assert remember_context_dir(config, first, demo_dir)
    assert f'context_dir = "{first.resolve()}"' in config.read_text(encoding="utf-8")
    later = demo_dir / "hospital-2026-W48" / "context"  # a later demo moves it on
    assert remember_context_dir(config, later, demo_dir)
    assert f'context_dir = "{later.resolve()}"' in config.read_text(encoding="utf-8")
    text = config.read_text(encoding="utf-8").replace(str(later.resolve()), "/site/context")
    config.write_text(text, encoding="utf-8")
    assert not remember_context_dir(config, later, demo_dir)  # the site's own folder stays
    assert 'context_dir = "/site/context"' in config.read_text(encoding="utf-8")
