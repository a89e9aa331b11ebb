"""The walker: deterministic order, every skip with a reason, symlink loops, fifos."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from auditor.scanners.documents import SCANNERS
from auditor.scanners.documents.walker import FileEntry, SkippedPath, walk


def test_scanner_registry_is_pinned() -> None:
    # Scanner names appear in run summaries: renaming one is a breaking change.
    assert {ext: s.name for ext, s in SCANNERS.items()} == {
        ".txt": "text",
        ".md": "text",
        ".log": "text",
        ".csv": "delimited",
        ".tsv": "delimited",
        ".json": "json",
        ".jsonl": "jsonl",
        ".ndjson": "jsonl",
        ".hl7": "hl7",
        ".pdf": "pdf",
        ".docx": "docx",
        ".parquet": "parquet",
    }


def _tree(root: Path) -> None:
    for rel in ("b/2.txt", "b/1.CSV", "a/z.json", "a/y.exe", "c.hl7", "noext"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def _describe(items: list[FileEntry | SkippedPath], root: Path) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, FileEntry):
            out.append(f"{item.path.relative_to(root)} {item.scanner.name}")
        else:
            out.append(f"{os.path.relpath(item.path, root)} SKIP {item.reason}")
    return out


def test_order_and_reasons(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "b" / "again").symlink_to(tmp_path / "a")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "c-link.hl7").symlink_to(tmp_path / "c.hl7")
    os.mkfifo(tmp_path / "pipe.txt")
    items = list(walk([tmp_path, tmp_path / "nope.txt"]))
    assert _describe(items, tmp_path) == [
        "a/loop SKIP symbolic link loop",
        "a/y.exe SKIP unsupported file type .exe",
        "a/z.json json",
        "b/1.CSV delimited",
        "b/2.txt text",
        "b/again SKIP folder already scanned through another path",
        "c-link.hl7 hl7",
        "c.hl7 SKIP same file as " + str(tmp_path / "c-link.hl7"),
        "dangling.txt SKIP broken symbolic link",
        "noext SKIP unsupported file type (none)",
        "pipe.txt SKIP not a regular file",
        "nope.txt SKIP not found",
    ]
    assert items == list(walk([tmp_path, tmp_path / "nope.txt"]))  # deterministic


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        reasons = {
            Path(i.path).name: i.reason for i in walk([tmp_path]) if isinstance(i, SkippedPath)
        }
    finally:
        locked.chmod(0o700)
    assert reasons["secret.txt"] == "permission denied"
    assert reasons["locked"].startswith("cannot list folder")


def test_unreadable_file_reported_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root reads everything, so stand in for the kernel's answer on one path.
    (tmp_path / "ok.txt").write_text("x")
    (tmp_path / "locked.txt").write_text("x")
    real_access = os.access
    monkeypatch.setattr(
        "auditor.scanners.documents.walker.os.access",
        lambda p, mode: Path(p).name != "locked.txt" and real_access(p, mode),
    )
    items = list(walk([tmp_path]))
    assert [(type(i).__name__, Path(i.path).name) for i in items] == [
        ("SkippedPath", "locked.txt"),
        ("FileEntry", "ok.txt"),
    ]
    assert isinstance(items[0], SkippedPath) and items[0].reason == "permission denied"
