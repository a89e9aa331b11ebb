"""Shared inputs for the hostile-input suite: one small synthetic hospital and a good log."""

from __future__ import annotations

import os
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
    """Fail when the block takes more than ``seconds`` of CPU: this process's threads and the
    child processes it waited for (a CLI run in a subprocess).

    CPU, not wall time: on a shared machine (CI's two cores, a parallel test run) the wall
    clock measures the neighbours; a pathological input still burns its own CPU."""
    started = _cpu()
    yield
    took = _cpu() - started
    assert took < seconds, f"took {took:.1f} s CPU (bound {seconds} s)"


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def log_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()
