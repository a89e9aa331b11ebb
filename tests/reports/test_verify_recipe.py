"""The openssl-only recipe in docs/verify.md, run verbatim on a built report."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from auditor.signing.keys import public_pem
from tests.reports.conftest import Built

VERIFY_MD = Path(__file__).resolve().parents[2] / "docs" / "verify.md"
TOOLS = ("openssl", "jq", "base64", "sha256sum")


def recipe() -> str:
    text = VERIFY_MD.read_text(encoding="utf-8")
    m = re.search(r"<!-- verify-recipe[^>]*-->\n```sh\n(.*?)```", text, re.S)
    assert m, "docs/verify.md lost its verify-recipe block"
    return m.group(1)


def _run(report: Path, workdir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", recipe()],
        cwd=workdir,
        env={"REPORT": str(report), "PATH": "/usr/bin:/bin:/usr/local/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")
def test_openssl_recipe_verifies(built: Built, tmp_path: Path) -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    assert not missing, f"the recipe needs {missing}"
    (tmp_path / "pub.pem").write_text(public_pem(built.actx.signing_key().public))
    done = _run(built.report.folder, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Signature Verified Successfully" in done.stdout
    for name in ("report.json", "report.html", "report.pdf"):
        assert f"{name}: OK" in done.stdout


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")
def test_openssl_recipe_catches_tampering(built: Built, tmp_path: Path) -> None:
    (tmp_path / "pub.pem").write_text(public_pem(built.actx.signing_key().public))
    copy = tmp_path / "copy"
    shutil.copytree(built.report.folder, copy)
    html = copy / "report.html"
    html.write_bytes(html.read_bytes().replace(b"weekly access audit", b"weekly access audiT"))
    done = _run(copy, tmp_path)
    assert done.returncode != 0
    assert "report.html: FAILED" in done.stdout


def chain_step() -> str:
    blocks = re.findall(r"```sh\n(.*?)```", VERIFY_MD.read_text(encoding="utf-8"), re.S)
    found = [b for b in blocks if "SEQ=" in b]
    assert len(found) == 1, "docs/verify.md lost its chain-link block"
    return found[0]


def _chain(signed: Path, report: Path, workdir: Path) -> subprocess.CompletedProcess[str]:
    script = f"set -eu\njq -r '.payload' \"{report}/report.dsse.json\" | base64 -d > payload.json\n"
    return subprocess.run(
        ["bash", "-c", script + chain_step()],
        cwd=workdir,
        env={"SIGNED": str(signed), "PATH": "/usr/bin:/bin:/usr/local/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq not installed")
def test_chain_step_finds_the_previous_envelope_by_sequence(built: Built, tmp_path: Path) -> None:
    """F17: the previous envelope is the one signed before, found by sequence, not by week."""
    home = built.actx.settings.home
    done = _chain(home, built.report.folder, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "chain link OK" in done.stdout
    copy = tmp_path / "signed"
    shutil.copytree(home / "reports", copy / "reports")
    before = copy / "reports" / built.previous.folder.name / "report.dsse.json"
    before.write_text(before.read_text().replace('"sig"', '"sig" '))  # same statement, new bytes
    tampered = _chain(copy, built.report.folder, tmp_path)
    assert "chain link OK" not in tampered.stdout
