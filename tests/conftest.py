"""Shared fixtures: a temporary AUDITOR_HOME and an open context on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.context import AppContext, open_context


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
