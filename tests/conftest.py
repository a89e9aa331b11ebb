"""Shared fixtures: a temporary AUDITOR_HOME and an open context on it; the xdist schedule.

``make test`` runs the suite on pytest-xdist workers with ``--dist loadgroup``: tests go one
by one to whichever worker is free, except that everything under ``tests/spark/`` is one unit
of work, run by one worker. Those tests share a worker's one Spark session (a JVM running
``local[2]``, started once, not once per worker), and the unit, the largest, is sent first
while the other workers take the rest of the suite. (pytest-xdist 3.8 groups ``xdist_group``
marks by rewriting node ids, which pytest 9.2's structured ids ignore, pytest-xdist#1386:
hence a scheduler here, which reads only the node id's path.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.context import AppContext, open_context

SPARK_DIR = "tests/spark/"


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class SparkGroupScheduling(LoadGroupScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return SPARK_DIR if nodeid.startswith(SPARK_DIR) else super()._split_scope(nodeid)

    return SparkGroupScheduling(config, log)


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("AUDITOR_HOME", str(h))
    for key in list(__import__("os").environ):
        if key.startswith("AUDITOR_") and key != "AUDITOR_HOME":
            monkeypatch.delenv(key)
    return h


@pytest.fixture()
def actx(home: Path) -> Iterator[AppContext]:
    ctx = open_context(home)
    try:
        yield ctx
    finally:
        ctx.close()
