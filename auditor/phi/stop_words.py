"""spaCy's English stop words, without importing spaCy.

The recognizers use the list, not spaCy: ``from spacy.lang.en.stop_words import STOP_WORDS``
imports the whole spaCy package first (about a second of every process start). The list is
read from spaCy's own file (the same words, the installed version's) and executed on its own;
when spaCy is already imported, or its file is not where expected, the ordinary import.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def _load() -> frozenset[str]:
    if "spacy" not in sys.modules:
        spec = importlib.util.find_spec("spacy")
        if spec is not None and spec.origin is not None:
            path = Path(spec.origin).parent / "lang" / "en" / "stop_words.py"
            single = importlib.util.spec_from_file_location("_auditor_spacy_en_stop_words", path)
            if path.is_file() and single is not None and single.loader is not None:
                module = importlib.util.module_from_spec(single)
                single.loader.exec_module(module)
                words = getattr(module, "STOP_WORDS", None)
                if isinstance(words, set):
                    return frozenset(words)
    from spacy.lang.en.stop_words import STOP_WORDS as spacy_words

    return frozenset(spacy_words)


STOP_WORDS: frozenset[str] = _load()
