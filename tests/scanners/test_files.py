"""The one tree walker: hidden entries by name, link rules, globs, and its three callers."""

from __future__ import annotations

from pathlib import Path

from auditor.daemon.jobs import expand_sources
from auditor.scanners.files import (
    LINK_NOT_FOLLOWED,
    FoundFile,
    Links,
    SkippedPath,
    walk_files,
)
from auditor.services.access_scan import expand_paths


def _names(items: list[FoundFile | SkippedPath], root: Path) -> list[str]:
    return [
        str(Path(i.path).relative_to(root))
        + ("" if isinstance(i, FoundFile) else f" SKIP {i.reason}")
        for i in items
    ]


def test_hidden_entries_skipped_by_their_own_name(tmp_path: Path) -> None:
    for rel in ("a.csv", ".secret.csv", ".cache/b.csv", "sub/c.csv"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    found = list(walk_files([tmp_path], skip_hidden=True))
    assert _names(found, tmp_path) == ["a.csv", "sub/c.csv"]
    assert len(list(walk_files([tmp_path]))) == 4


def test_hidden_parent_given_by_the_user_is_walked(tmp_path: Path) -> None:
    # ``~/.logs/ehr/`` named on the command line: the dot-folder above it is not a reason to skip.
    root = tmp_path / ".logs" / "ehr"
    root.mkdir(parents=True)
    (root / "access-1.csv").write_text("x")
    (root / ".partial.csv").write_text("x")
    assert expand_paths([root]) == [root / "access-1.csv"]
    assert expand_sources([str(root)]) == [(root / "access-1.csv").resolve()]
    assert expand_sources([str(tmp_path / ".logs" / "*" / "*.csv")]) == [
        (root / "access-1.csv").resolve()
    ]


def test_links_within_roots_followed_outside_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "a.txt").write_text("x")
    (outside / "o.txt").write_text("x")
    (root / "in-link.txt").symlink_to(root / "a.txt")
    (root / "out-link.txt").symlink_to(outside / "o.txt")
    (root / "out-dir").symlink_to(outside)
    within = _names(list(walk_files([root])), root)
    assert within == [
        "a.txt",
        "in-link.txt SKIP same file as " + str(root / "a.txt"),
        "out-dir SKIP symbolic link leads outside the scanned folders",
        "out-link.txt SKIP symbolic link leads outside the scanned folders",
    ]
    follow = _names(list(walk_files([root], links=Links.FOLLOW, unique=False)), root)
    assert follow == ["a.txt", "in-link.txt", "out-dir/o.txt", "out-link.txt"]
    never = _names(list(walk_files([root], links=Links.NEVER)), root)
    assert never == [
        "a.txt",
        f"in-link.txt SKIP {LINK_NOT_FOLLOWED}",
        f"out-dir SKIP {LINK_NOT_FOLLOWED}",
        f"out-link.txt SKIP {LINK_NOT_FOLLOWED}",
    ]


def test_globs_expand_sorted(tmp_path: Path) -> None:
    for name in ("b.csv", "a.csv", "c.txt"):
        (tmp_path / name).write_text("x")
    found = list(walk_files([str(tmp_path / "*.csv")], globs=True))
    assert [Path(i.path).name for i in found] == ["a.csv", "b.csv"]
