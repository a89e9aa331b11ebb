"""The spaCy NLP engine, for NER only (``phi.ner``): imported only when NER is on.

The recognizer pack works on words and regexes; NER adds spaCy's PERSON and place entities.
The tagger, parser, attribute ruler and lemmatizer cost time and give nothing, so they are
excluded at load. Importing this module imports spaCy (about a second), which is why the
NER-off path (:class:`auditor.phi.nlp.PlainNlpEngine`) never does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

from auditor.errors import ConfigError
from auditor.phi.model_package import resolve_model

T = TypeVar("T")

# spaCy labels -> Presidio entities; everything else is dropped at the NLP stage.
_LABELS = {"PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}
_IGNORED = [
    "ORG", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT",
    "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
]  # fmt: skip


class LeanSpacyNlpEngine(SpacyNlpEngine):
    """``SpacyNlpEngine`` with a trimmed pipeline (tok2vec + ner) and no download fallback."""

    use_ner = True

    def __init__(self, model_name: str) -> None:
        super().__init__(
            models=[{"lang_code": "en", "model_name": model_name}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=dict(_LABELS),
                labels_to_ignore=list(_IGNORED),
                low_score_entity_names=[],
            ),
        )
        self.model_name = model_name

    def load(self) -> None:
        package = resolve_model(self.model_name)
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

    def pipe_with_context(
        self, pairs: Iterable[tuple[str, T]], batch_size: int
    ) -> Iterator[tuple[NlpArtifacts, T]]:
        """``nlp.pipe`` over a lazy stream of (text, context); Presidio's ``process_batch``
        would first walk the whole stream to validate it."""
        assert self.nlp is not None, "load() first"
        nlp = self.nlp["en"]
        for doc, context in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self._doc_to_nlp_artifact(doc, "en"), context

    def pipeline_names(self) -> list[str]:
        return list(self.nlp["en"].pipe_names) if self.nlp else []

    def get_supported_languages(self) -> list[str]:
        return ["en"]

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        # Our recognizers read the text and the NER spans only; Presidio's keyword and lemma
        # fields cost a Python pass over every token, so they are left empty.
        entities = list(doc.ents)
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


class NerTagger:
    """spaCy's NER component alone, for the few lines that hold an organisation candidate.

    :mod:`auditor.phi.recognizers.org_evidence` asks it about short lines only, so a scan
    without NER pays for it in proportion to those lines (and the load once, on first need).
    The small English model's NER carries its own token-to-vector layer: the shared tok2vec
    and every other component are left out.
    """

    def __init__(self, model_name: str) -> None:
        package = resolve_model(model_name)
        path = Path(package) if Path(package).exists() else spacy.util.get_package_path(package)
        try:
            names = list(spacy.util.get_model_meta(path).get("pipeline", []))
        except Exception:  # an unusual layout: keep the usual listener-free components
            names = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
        try:
            self.nlp = spacy.load(package, exclude=[n for n in names if n != "ner"])
        except OSError as exc:
            raise ConfigError(
                f"spaCy model {model_name!r} cannot be loaded", field="phi.model"
            ) from exc

    def __call__(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """(start, end, label) of every entity, per text."""
        return [
            [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in self.nlp.pipe(texts, batch_size=64)
        ]
