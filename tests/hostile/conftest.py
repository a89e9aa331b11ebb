"""Shared inputs for the hostile-input suite: one small synthetic hospital and a good log."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from auditor.synth.hospital import HospitalPaths, build_hospital

WEEK = date(2024, 3, 4)
# Every hostile file must be dealt with in this many seconds (2 shared cores).
TIME_BOUND = 10.0


@pytest.fixture(scope="package")
def hospital(tmp_path_factory: pytest.TempPathFactory) -> HospitalPaths:
    return build_hospital(tmp_path_factory.mktemp("hostile-hospital"), week_start=WEEK)


@contextmanager
def bounded(seconds: float = TIME_BOUND) -> Iterator[None]:
    """Fail when the block takes longer than ``seconds``."""
    started = time.perf_counter()
    yield
    took = time.perf_counter() - started
    assert took < seconds, f"took {took:.1f} s (bound {seconds} s)"


def log_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()
