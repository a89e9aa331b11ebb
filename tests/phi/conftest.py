"""One spaCy load per test session: the engines are built once and shared (read-only)."""

from __future__ import annotations

import pytest

from auditor.phi.dictionaries import SiteDictionary
from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity


@pytest.fixture(scope="session")
def engine() -> PhiEngine:
    return PhiEngine()


@pytest.fixture(scope="session")
def site_engine() -> PhiEngine:
    dictionary = SiteDictionary()
    for term in ("Finard", "Yzerman", "Bland", "Hope", "Foley"):
        dictionary.add(Entity.PERSON, term)
    dictionary.add(Entity.HOSPITAL, "Stoneman 6")
    dictionary.add(Entity.LOCATION, "Eastham Commons")
    return PhiEngine(dictionary=dictionary)


def found(engine: PhiEngine, text: str) -> list[tuple[str, str]]:
    """(entity, matched text) pairs, for readable assertions in tests only."""
    return [(s.entity_type, text[s.start : s.end]) for s in engine.analyze(text)]


def covered(engine: PhiEngine, text: str, value: str) -> bool:
    """Whether every character of ``value`` (first occurrence) lies in some span."""
    start = text.index(value)
    spans = engine.analyze(text)
    return all(any(s.start <= i < s.end for s in spans) for i in range(start, start + len(value)))


def touched(engine: PhiEngine, text: str, value: str) -> bool:
    start = text.index(value)
    end = start + len(value)
    return any(s.start < end and start < s.end for s in engine.analyze(text))
