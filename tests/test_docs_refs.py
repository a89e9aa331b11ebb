"""The documentation lives in docs/: nothing may cite a design document outside the repository.

Code, help texts, YAML comments, tests and the README once pointed at numbered sections of a
design file that never shipped; they now point at docs/*.md, and this keeps it that way.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = {".py", ".md", ".yaml", ".yml", ".toml", ".txt", ".j2", ".html", ".cfg", ".ini", ""}
# Built from parts so that this file does not match itself.
FORBIDDEN = [
    ("a DESIGN section", re.compile("DES" + r"IGN[\s│|]*§")),
    ("the DESIGN file", re.compile("DES" + r"IGN\.md")),
    ("a path outside the repository", re.compile(re.escape(".." + "/shared"))),
]


def _repository_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    paths = [ROOT / name for name in listed]
    return [p for p in paths if p.suffix in SUFFIXES and p.is_file() and not p.is_symlink()]


def test_files_are_listed() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in _repository_files()}
    assert {"README.md", "docs/architecture.md", "auditor/config.py"} <= names


def test_no_reference_outside_the_repository() -> None:
    hits = []
    for path in _repository_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for what, pattern in FORBIDDEN:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                hits.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert not hits, "point these at docs/*.md instead:\n" + "\n".join(hits)


def _pending(target: Path) -> bool:
    """docs/verify.md is moving from reports/VERIFY.md; until it lands, the old file counts."""
    return (
        target.resolve() == ROOT / "docs" / "verify.md"
        and (ROOT / "reports" / "VERIFY.md").exists()
    )


def test_docs_links_resolve() -> None:
    """Relative links between the docs (and from the README) name files that exist."""
    broken = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (doc.parent / target).exists() and not _pending(doc.parent / target):
                broken.append(f"{doc.relative_to(ROOT)} -> {target}")
    assert not broken, "\n".join(broken)
