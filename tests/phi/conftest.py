"""One spaCy load per test session: the engines are built once and shared (read-only)."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from auditor.deid.sweep import Sweep
from auditor.phi.dictionaries import SiteDictionary
from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity


@pytest.fixture(scope="session")
def engine() -> PhiEngine:
    return PhiEngine()


@pytest.fixture(scope="session")
def sweep(engine: PhiEngine) -> Sweep:
    """The de-identifier's recall sweep over the shared engine's word lists."""
    return Sweep(engine.lexicon)


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


def found_as(engine: PhiEngine, text: str, value: str) -> set[str]:
    """The entity types of the spans that are exactly ``value``."""
    return {e for e, v in found(engine, text) if v == value}


def kinds(engine: PhiEngine, text: str) -> set[str]:
    """The entity types found in ``text``, for assertions that a kind is (not) there."""
    return {s.entity_type for s in engine.analyze(text)}


def covered(engine: PhiEngine, text: str, value: str) -> bool:
    """Whether every character of ``value`` (first occurrence) lies in some span."""
    start = text.index(value)
    spans = engine.analyze(text)
    return all(any(s.start <= i < s.end for s in spans) for i in range(start, start + len(value)))


def assert_found_as(engine: PhiEngine, text: str, value: str, entity: str) -> None:
    """``value`` is covered, and a span of ``entity`` lies in it or around it."""
    spans = found(engine, text)
    assert covered(engine, text, value), spans
    assert entity in {e for e, v in spans if value in v or v in value}, spans


def touched(engine: PhiEngine, text: str, value: str) -> bool:
    start = text.index(value)
    end = start + len(value)
    return any(s.start < end and start < s.end for s in engine.analyze(text))


def covered_whole(engine: PhiEngine, text: str, value: str) -> bool:
    """Whether one span covers all of ``value`` (first occurrence), not a patchwork of spans."""
    start = text.index(value)
    end = start + len(value)
    return any(s.start <= start and end <= s.end for s in engine.analyze(text))


def spans_touching(engine: PhiEngine, text: str, value: str) -> list[tuple[str, int, int]]:
    """(entity, start, end) of every span that overlaps ``value`` (first occurrence)."""
    start = text.index(value)
    end = start + len(value)
    return [
        (s.entity_type, s.start, s.end)
        for s in engine.analyze(text)
        if s.start < end and start < s.end
    ]


def covered_as(engine: PhiEngine, text: str, value: str, entity: str) -> bool:
    """Whether one span of type ``entity`` covers all of ``value`` (first occurrence)."""
    start = text.index(value)
    end = start + len(value)
    return any(
        t == entity and s <= start and end <= e for t, s, e in spans_touching(engine, text, value)
    )


def found_cases(
    found: Iterable[tuple[str, str]] = (), not_found: Iterable[tuple[str, str]] = ()
) -> list[tuple[str, str, bool]]:
    """(text, value, expected) rows for ``check_found``: True must be covered, False untouched."""
    return [(t, v, True) for t, v in found] + [(t, v, False) for t, v in not_found]


def check_found(
    engine: PhiEngine, text: str, value: str, expected: bool, *, whole: bool = False
) -> None:
    """``value`` is covered (by one span if ``whole``) if ``expected``, else no span touches it."""
    if not expected:
        assert not touched(engine, text, value), found(engine, text)
    elif whole:
        assert covered_whole(engine, text, value), found(engine, text)
    else:
        assert covered(engine, text, value), found(engine, text)
