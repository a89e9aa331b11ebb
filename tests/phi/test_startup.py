"""Process start-up of the PHI engine: what it imports, and that lazy Presidio is still Presidio.

Each check runs in a fresh interpreter: the test process has long imported spaCy and Presidio.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout.strip()


def test_engine_without_ner_imports_neither_spacy_nor_presidio_registry() -> None:
    out = _run(
        """
        import sys
        from auditor.phi.engine import PhiEngine
        engine = PhiEngine()
        spans = engine.analyze("Seen by Dr. John Smith on 3/4/2020, call (617) 555-0199.")
        heavy = ["spacy", "presidio_analyzer.recognizer_registry",
                 "presidio_analyzer.predefined_recognizers", "presidio_analyzer.nlp_engine",
                 "transformers", "pandas", "sqlglot", "pyspark", "fastapi"]
        print(sorted({s.entity_type for s in spans}), [m for m in heavy if m in sys.modules])
        """
    )
    assert out == "['DATE_TIME', 'PERSON', 'PHONE_NUMBER'] []"


def test_scan_documents_cli_path_stays_light() -> None:
    """The CLI module graph for ``scan documents`` up to the engine: no web, SQL-parsing or
    dataframe stacks (the API and Spark code are imported only by their own commands)."""
    out = _run(
        """
        import sys
        import auditor.cli.main, auditor.services.document_scan, auditor.phi.engine
        heavy = ["spacy", "transformers", "pandas", "sqlglot", "pyspark", "fastapi", "uvicorn",
                 "presidio_analyzer.recognizer_registry"]
        print([m for m in heavy if m in sys.modules])
        """
    )
    assert out == "[]"


def test_lazy_presidio_is_the_whole_package_on_demand() -> None:
    """Any import order after the lazy registration gives the real modules and classes."""
    out = _run(
        """
        import sys
        import auditor.phi.engine
        from presidio_analyzer.nlp_engine import NlpEngineProvider  # a heavy subpackage first
        import presidio_analyzer.nlp_engine as ne
        from presidio_analyzer import AnalyzerEngine, RecognizerResult
        import presidio_analyzer, presidio_analyzer.recognizer_result as rr
        print(type(ne.__spec__.loader).__name__, RecognizerResult is rr.RecognizerResult,
              "AnalyzerEngine" in presidio_analyzer.__all__)
        """
    )
    assert out == "SourceFileLoader True True"


def test_ner_engine_loads_spacy_on_demand() -> None:
    out = _run(
        """
        import sys
        from auditor.phi.engine import PhiEngine
        engine = PhiEngine(use_ner=True)
        print(engine.describe()["pipeline"], "spacy" in sys.modules)
        """
    )
    assert out == "['tok2vec', 'ner'] True"


def test_stop_words_are_spacys() -> None:
    from spacy.lang.en.stop_words import STOP_WORDS as spacy_words

    from auditor.phi.stop_words import STOP_WORDS

    assert frozenset(spacy_words) == STOP_WORDS
