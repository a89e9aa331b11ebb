"""The lint step that keeps keys, databases and quarantined records out of the repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECK = ROOT / "scripts" / "check_secrets.py"
# Assembled at run time so that this file itself holds no key header or token for the check to find.
PEM_HEADER = b"-----BEGIN PRIVATE" + b" KEY-----"
TOKEN = "sk_" + "live_" + "9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c"  # pragma: allowlist secret


def _repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    shutil.copy(ROOT / ".secrets.baseline", tmp_path / ".secrets.baseline")
    (tmp_path / "README.md").write_text("hello\n")
    return tmp_path


def _check(repo: Path) -> subprocess.CompletedProcess[str]:
    subprocess.run(["git", "add", "-A", "-f"], cwd=repo, check=True)
    return subprocess.run(
        [sys.executable, str(CHECK), str(repo)], capture_output=True, text=True, timeout=120
    )


def test_clean_repository_passes(tmp_path: Path) -> None:
    result = _check(_repo(tmp_path))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("home/keys/signing.key", b"\x01" * 32),
        ("fingerprint.key", b"secret"),
        ("hh/auditor.db", b"SQLite format 3\x00"),
        ("hh/quarantine/access-1.jsonl", b'{"line": 3}\n'),
        ("notes/id.pem", PEM_HEADER + b"\nMC4CAQAwBQYDK2VwBCIEI\n"),
        ("config/settings.py", f'api_token = "{TOKEN}"\n'.encode()),
    ],
)
def test_secrets_are_refused(tmp_path: Path, name: str, content: bytes) -> None:
    repo = _repo(tmp_path)
    target = repo / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    result = _check(repo)
    assert result.returncode == 1
    assert name.split("/")[-1] in result.stderr or name in result.stderr
