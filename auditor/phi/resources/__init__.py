"""The PHI engine's word lists (package data, see README.md here), read once per process."""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources


@cache
def lines(name: str) -> tuple[str, ...]:
    """The non-empty, non-comment lines of resource ``name`` (gunzipped when ``.gz``), read
    once: the lexicon and the calendar share the word lists instead of each reading them."""
    data = resources.files(__name__).joinpath(name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return tuple(
        stripped
        for line in data.decode("utf-8").splitlines()
        if (stripped := line.strip()) and not line.startswith("#")
    )


@cache
def words(name: str) -> frozenset[str]:
    """The words (first column) of word list ``name`` as a set, built once and shared by the
    modules that only ask whether a word is on it (the calendar, the organisation lists)."""
    return frozenset(line.split("\t")[0] for line in lines(name))
