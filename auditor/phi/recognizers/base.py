"""The base of our recognizers: English, and built from data given to the constructor."""

from __future__ import annotations

from collections.abc import Iterable

from presidio_analyzer import EntityRecognizer


class LocalRecognizer(EntityRecognizer):
    """Word lists and rules arrive compiled through ``__init__``, so Presidio's ``load`` hook
    (meant for recognizers that fetch models or data) has nothing to do."""

    def __init__(self, name: str, entities: Iterable[str]) -> None:
        super().__init__(
            supported_entities=list(dict.fromkeys(entities)),
            name=name,
            supported_language="en",
        )

    def load(self) -> None:
        return None
