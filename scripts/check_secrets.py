"""Refuse a commit that tracks secrets: keys, databases, quarantined records, high-entropy strings.

Run by ``make lint``. Two layers: path and content rules for what an auditor home holds (an
Ed25519 signing key, the fingerprint secret, ``auditor.db``, raw quarantine records), then
detect-secrets against the reviewed baseline ``.secrets.baseline``.
Exit 0 when clean, 1 with one line per problem otherwise.
"""

from __future__ import annotations

import fnmatch
import json
import subprocess
import sys
from pathlib import Path

FORBIDDEN_NAMES = ("*.key", "*.db", "*.db-wal", "*.db-shm", "*.sqlite", "*.sqlite3", "auditor.toml")
FORBIDDEN_DIRS = ("keys", "quarantine", "checkpoints")
PRIVATE_KEY_MARK = b"PRIVATE" + b" KEY-----"  # split, so that this file does not match itself


def tracked_files(root: Path) -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, check=True, capture_output=True
    ).stdout.decode()
    return [name for name in out.split("\0") if name and not Path(root, name).is_symlink()]


def path_problems(root: Path, names: list[str]) -> list[str]:
    problems = []
    for name in names:
        parts = Path(name).parts
        base = parts[-1]
        if any(fnmatch.fnmatch(base, pattern) for pattern in FORBIDDEN_NAMES):
            problems.append(f"{name}: a key, database or home config must never be tracked")
        elif any(part in FORBIDDEN_DIRS for part in parts[:-1]):
            problems.append(f"{name}: files under a home's keys/, quarantine/ or checkpoints/")
        else:
            path = root / name
            if path.is_file() and PRIVATE_KEY_MARK in path.read_bytes():
                problems.append(f"{name}: holds a PEM private key")
    return problems


def detect_secrets_problems(root: Path, names: list[str]) -> list[str]:
    """detect-secrets findings not in the reviewed baseline, matched by file and secret hash.

    Matching ignores line numbers, so moving an accepted false positive needs no new review
    (detect-secrets-hook would rewrite the baseline during lint instead).
    """
    tool = Path(sys.executable).with_name("detect-secrets")
    result = subprocess.run(
        [str(tool), "scan", *names], cwd=root, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        return ["detect-secrets failed: " + result.stderr.strip()[-500:]]
    baseline = json.loads((root / ".secrets.baseline").read_text())["results"]
    accepted = {(name, item["hashed_secret"]) for name, items in baseline.items() for item in items}
    return [
        f"{name}:{item['line_number']}: {item['type']} (not in .secrets.baseline)"
        for name, items in json.loads(result.stdout)["results"].items()
        for item in items
        if (name, item["hashed_secret"]) not in accepted
    ]


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0] if argv else ".").resolve()
    names = tracked_files(root)
    problems = path_problems(root, names)
    scannable = [n for n in names if n != ".secrets.baseline"]
    problems += detect_secrets_problems(root, scannable)
    for line in problems:
        print(f"secret check: {line}", file=sys.stderr)
    if not problems:
        print(f"secret check: {len(names)} tracked files clean")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
