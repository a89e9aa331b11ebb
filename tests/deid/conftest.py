"""Fixtures for de-identification tests: one real PHI engine per session, operators per key."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from auditor.config import load_settings
from auditor.deid.operators import Deidentifier
from auditor.deid.profiles import Profile, load_profile
from auditor.phi.engine import PhiEngine

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
REFERENCE = date(2026, 6, 1)


@pytest.fixture(scope="session")
def phi_engine(tmp_path_factory: pytest.TempPathFactory) -> PhiEngine:
    """The real engine (spaCy + recognizer pack), built once: it takes about a second."""
    home = tmp_path_factory.mktemp("engine-home")
    return PhiEngine.from_settings(load_settings(home, environ={}))


SITE_TERMS = "PERSON\tZebulon Quartermaine\nPERSON\tQuartermaine\nPERSON\tZebulon\n"


@pytest.fixture(scope="session")
def site_dictionary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site dictionary (docs/formats.md): the planted test patient, as a site would list it."""
    path = tmp_path_factory.mktemp("site") / "names.tsv"
    path.write_text(SITE_TERMS, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def site_engine(tmp_path_factory: pytest.TempPathFactory, site_dictionary: Path) -> PhiEngine:
    """The real engine with the site dictionary, as ``auditor deid --dictionary`` builds it."""
    home = tmp_path_factory.mktemp("site-engine-home")
    return PhiEngine.from_settings(load_settings(home, environ={}), dictionaries=[site_dictionary])


@pytest.fixture()
def make_deid() -> Callable[..., Deidentifier]:
    def make(
        key: bytes = KEY, profile: Profile | None = None, shift_days: int = 365
    ) -> Deidentifier:
        return Deidentifier(
            key,
            profile or load_profile("shifted-dates"),
            shift_days=shift_days,
            reference=REFERENCE,
        )

    return make


def write(path: Path, text: str, newline: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline=newline) as fh:
        fh.write(text)
    return path
