"""The NLP stage of the PHI engine: nothing without NER, a lean spaCy pipeline with it.

The recognizer pack works on words and regexes and splits words itself; only NER
(``phi.ner``, off by default) needs spaCy. Without NER, :class:`PlainNlpEngine` hands each
chunk an empty set of NLP results and spaCy is never imported (it cost about a second of
every process start, a third of a one-file scan); with NER, :mod:`auditor.phi.nlp_spacy`
loads only tok2vec and ner.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from auditor.phi.model_package import resolve_model

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

T = TypeVar("T")


class NlpStage(Protocol):
    """What the engine needs from its NLP stage."""

    model_name: str
    use_ner: bool

    def load(self) -> None: ...

    def pipe_with_context(
        self, pairs: Iterable[tuple[str, T]], batch_size: int
    ) -> Iterator[tuple[NlpArtifacts, T]]: ...

    def pipeline_names(self) -> list[str]: ...


class PlainArtifacts:
    """Presidio's ``NlpArtifacts`` fields, all empty: what a recognizer sees without NER.

    A plain object (Presidio's class imports spaCy) that still carries per-chunk state the
    recognizers attach, such as the shared token view.
    """

    def __init__(self) -> None:
        self.entities: list[object] = []
        self.tokens: object | None = None
        self.tokens_indices: list[int] = []
        self.lemmas: list[str] = []
        self.keywords: list[str] = []
        self.scores: list[float] = []
        self.nlp_engine: object | None = None


class PlainNlpEngine:
    """No NLP at all: the recognizers split words themselves and nothing reads spaCy tokens."""

    use_ner = False

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name

    def load(self) -> None:
        resolve_model(self.model_name)  # a wrong model name fails with or without NER

    def pipe_with_context(
        self, pairs: Iterable[tuple[str, T]], batch_size: int
    ) -> Iterator[tuple[NlpArtifacts, T]]:
        for _, context in pairs:
            yield cast("NlpArtifacts", PlainArtifacts()), context

    def pipeline_names(self) -> list[str]:
        return []


def nlp_stage(model_name: str, *, use_ner: bool) -> NlpStage:
    """The NLP stage for a configuration, loaded; spaCy is imported only with NER."""
    stage: NlpStage
    if use_ner:
        from auditor.phi.nlp_spacy import LeanSpacyNlpEngine

        stage = LeanSpacyNlpEngine(model_name)
    else:
        stage = PlainNlpEngine(model_name)
    stage.load()
    return stage
