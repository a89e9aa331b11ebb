"""Import Presidio's recognizer base classes without the rest of Presidio (and spaCy).

``import presidio_analyzer`` runs a package ``__init__`` that imports the recognizer registry,
every predefined recognizer (compiling about 170 regexes, a second of CPU) and the NLP engines
(which import spaCy, another second). The PHI scan with NER off needs only the base classes
(``EntityRecognizer``, ``PatternRecognizer``, ``Pattern``, ``RecognizerResult``), so process
start-up was mostly import time. :func:`install` registers the package without running its
``__init__``: those names load from their own light modules on first use, and any other name
(``AnalyzerEngine``, ``__all__``, ...) or any other submodule (``presidio_analyzer.nlp_engine``,
whose imports assume the package order) runs the real ``__init__`` first, so code that wants
the whole of Presidio still gets it, with the same classes and modules.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import threading
from collections.abc import Sequence
from types import ModuleType

PACKAGE = "presidio_analyzer"
# Public name -> the package module that defines it and imports nothing heavy.
LIGHT = {
    "AnalysisExplanation": "analysis_explanation",
    "RecognizerResult": "recognizer_result",
    "DictAnalyzerResult": "dict_analyzer_result",
    "EntityRecognizer": "entity_recognizer",
    "LocalRecognizer": "local_recognizer",
    "Pattern": "pattern",
    "PatternRecognizer": "pattern_recognizer",
    "RemoteRecognizer": "remote_recognizer",
}
# Submodules that import nothing beyond the light names and each other.
LIGHT_MODULES = frozenset(LIGHT.values()) | {"score_thresholds"}
_lock = threading.RLock()


def install() -> None:
    """Register ``presidio_analyzer`` lazily; nothing to do once it is imported (any way)."""
    with _lock:
        if PACKAGE in sys.modules:
            return
        spec = importlib.util.find_spec(PACKAGE)
        if spec is None or spec.loader is None or spec.submodule_search_locations is None:
            return  # not installed: the ordinary import reports it where it is used
        module = importlib.util.module_from_spec(spec)

        def light_or_full(name: str) -> object:
            sub = LIGHT.get(name)
            if sub is None:
                return _run_init(module, name)
            value = getattr(importlib.import_module(f"{PACKAGE}.{sub}"), name)
            setattr(module, name, value)
            return value

        module.__getattr__ = light_or_full  # type: ignore[method-assign]
        sys.modules[PACKAGE] = module
        sys.meta_path.insert(0, _WholePackageFirst())


def _run_init(module: ModuleType, name: str) -> object:
    """The package's own ``__init__``, once, then the name it defines."""
    with _lock:
        if module.__dict__.pop("__getattr__", None) is not None:
            spec = module.__spec__
            assert spec is not None and spec.loader is not None
            spec.loader.exec_module(module)
    try:
        return module.__dict__[name]
    except KeyError:
        raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}") from None


def _deferred() -> ModuleType | None:
    """The package while its ``__init__`` has not run yet, else None."""
    module = sys.modules.get(PACKAGE)
    return module if module is not None and "__getattr__" in module.__dict__ else None


class _WholePackageFirst(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Importing a heavy submodule while the package is deferred runs the package first.

    The loader hands back the module the package ``__init__`` imported (or imports it then
    the ordinary way) and restores its own spec, so nothing is executed twice.
    """

    def __init__(self) -> None:
        self._specs: dict[str, importlib.machinery.ModuleSpec | None] = {}

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        head, _, rest = fullname.partition(".")
        if head != PACKAGE or not rest or rest.partition(".")[0] in LIGHT_MODULES:
            return None
        if _deferred() is None:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        package = _deferred()
        if package is not None:
            _run_init(package, "__name__")
        loaded = sys.modules.get(spec.name)
        if loaded is None:
            loaded = importlib.import_module(spec.name)
        self._specs[spec.name] = loaded.__spec__
        return loaded

    def exec_module(self, module: ModuleType) -> None:
        # The import system set our spec on the module; put back the one that describes it.
        module.__spec__ = self._specs.pop(module.__name__, module.__spec__)


def load_all() -> None:
    """The whole package (registry, predefined recognizers, NLP engines), as a plain import."""
    install()
    module = sys.modules[PACKAGE]
    if "__getattr__" in module.__dict__:
        _run_init(module, "AnalyzerEngine")
