"""A vehicle's make and model: words that name no one, wherever a vehicle is described.

A claim, a parking permit or a loan-car line names a car by its make and model ("2019 Toyota
Yaris Hybrid, reg LR19 HVY", "Vauxhall Corsa reg ...", "2014 John Deere S670 combine"). The
make is also a surname (Ford, Honda), a place (Vauxhall) or a given name (Kia), and the model
a word no list explains (Yaris, Corsa), so the name rules, the place lists and the
de-identifier's recall sweep each took them. The make and model identify a vehicle's kind,
never its owner; the plate and the VIN after them are what identify, and those stay PHI.

A make counts only in a vehicle's context: a model year just before it, or a registration,
plate or VIN cue within the same clause after it, a plate in brackets right after the model,
or a vehicle word just before it ("loan car Vauxhall Astra"). "Mr Ford" or "Kia ora" stays
what it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from auditor.phi.entities import Entity, TypedSpan

_MAKES_TEXT = (
    "toyota ford honda nissan mazda hyundai kia vauxhall skoda škoda volkswagen vw bmw mercedes "
    "mercedes-benz audi peugeot renault citroen citroën fiat subaru mitsubishi suzuki lexus "
    "chevrolet chevy dodge jeep gmc buick cadillac chrysler tesla volvo holden proton perodua "
    "tata mahindra maruti isuzu jaguar porsche seat dacia opel lada geely byd yamaha kawasaki "
    "ducati harley deere infiniti acura lincoln ram saab mini landrover rover alfa trek "
    "giant cannondale vespa piaggio"
)
MAKES = frozenset(_MAKES_TEXT.split())
# Makes of two words whose first word alone is something else ("John Deere", "Land Rover").
_FIRST_WORDS = frozenset({"john", "land", "range", "alfa", "aston", "rolls", "harley"})
_MAKE = re.compile(
    r"(?<![\w'’-])(?:(?:John|JOHN|Land|LAND|Range|RANGE|Alfa|ALFA|Aston|ASTON|Rolls|ROLLS)[ -])?"
    r"(?P<make>[^\W\d_][^\W\d_]+(?:-[^\W\d_]+)?)(?![\w'’])"
)
_TITLE_BEFORE = re.compile(r"\b(?i:mr|mrs|ms|dr|miss)\.?[ \t]+\Z")
_MODEL_YEAR_BEFORE = re.compile(r"(?:19|20)\d{2}[ \t]+\Z")
# Words for a vehicle (the plate rules' contexts read them too).
VEHICLE_WORDS = (
    "vehicle", "veh", "car", "truck", "van", "suv", "taxi", "cab", "motorbike", "motorcycle",
    "bike", "scooter", "boda", "ambulance", "boat", "vessel", "canoe", "dinghy",
)  # fmt: skip
_VEHICLE_WORD_BEFORE = re.compile(
    r"(?i:\b(?:"
    + "|".join((*VEHICLE_WORDS, "ute", "pickup", "tractor", "drives", "driving", "drove", "owns"))
    + r")\b)"
    r"[ \t:]*(?:an?[ \t]+|the[ \t]+|(?:[\w-]+[ \t]+)?|(?:[A-Z0-9-]+[ \t]+){1,2}\([ \t]*)\Z"
)
_REGISTRATION_AFTER = re.compile(
    r"[^.\n;]{0,30}?\b(?i:reg|rego|registration|plate|vin|licen[cs]e plate|serial|rej|"
    r"immatriculation|kenteken|kennzeichen|matr[ií]cula|placa|targa)\b"
)
# A model's words after the make: capitalised words, codes with digits, trims ("Yaris
# Hybrid", "CX-5 Maxx Sport", "F-150 XLT", "S670", "Patrol"), at most four, on the line.
_MODEL_WORD = re.compile(r"[ \t]+(?P<w>[A-Z0-9][\w]*(?:-[\w]+)*)(?![\w'’])")
_NOT_MODEL = frozenset({"reg", "rego", "vin", "plate", "registration", "serial", "no", "nr"})
_YEAR = re.compile(r"(?:19|20)\d{2}")
# A model's code is short ("CX-5", "F-150", "S670", "T14"); a longer run of letters and
# digits after the model is the plate or the VIN ("Honda Civic 7KXR442"), never the model.
_MODEL_CODE = re.compile(r"(?=[\w-]*\d)(?:[A-Za-z]{0,3}-?\d{1,3}[A-Za-z]?|[A-Za-z]{1,3}-\d{1,4})")

S = TypeVar("S", bound=TypedSpan)
# What a make and model are read as by mistake.
_NAME_TYPES = frozenset({Entity.PERSON, Entity.LOCATION, Entity.ORGANIZATION, Entity.HOSPITAL})


# A plate in brackets right after the model: "Honda Jazz (WN72 KXD)".
_PLATE_IN_BRACKETS = re.compile(
    r"[ \t]*\([ \t]*+(?=[A-Z0-9 -]*[A-Z])(?=[A-Z0-9 -]*\d)[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,4}){0,2}"
    r"[ \t]*\)"
)


def _in_context(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40) : start]
    return (
        _MODEL_YEAR_BEFORE.search(text, max(0, start - 8), start) is not None
        or _REGISTRATION_AFTER.match(text, end) is not None
        or _PLATE_IN_BRACKETS.match(text, end) is not None
        or _VEHICLE_WORD_BEFORE.search(before) is not None
    )


# A make matched by _MAKE is a whole run of letters (or, for "Mercedes-Benz", two joined by a
# dash, the first itself a make): a text none of whose runs is a make names none and skips the
# rest. A set lookup over the runs, not a scan of the text with an alternation of the makes
# (which ``re`` tries at every position: a fifth of a millisecond a note).
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _make_and_model(text: str, m: re.Match[str]) -> tuple[int, int] | None:
    """The make matched at ``m`` with its model's words, if a vehicle's context holds it."""
    make = m.group("make")
    first = text[m.start() : m.start("make")].strip(" -").lower()
    if not make[:1].isupper() or make.lower() not in MAKES or (first and first not in _FIRST_WORDS):
        return None
    if _TITLE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
        return None  # "Mr Ford (AB 12)": a person
    end = m.end()
    for _ in range(4):
        w = _MODEL_WORD.match(text, end)
        if w is None or w.group("w").lower() in _NOT_MODEL or _YEAR.fullmatch(w.group("w")):
            break
        word = w.group("w")
        if any(c.isdigit() for c in word) and not _MODEL_CODE.fullmatch(word):
            break
        end = w.end()
    return (m.start(), end) if _in_context(text, m.start(), end) else None


def vehicle_spans(text: str) -> list[tuple[int, int]]:
    """Where a vehicle's make and model stand in ``text``, in a vehicle's context."""
    if MAKES.isdisjoint(map(str.lower, _LETTER_RUN.findall(text))):
        return []
    found = (_make_and_model(text, m) for m in _MAKE.finditer(text))
    return [span for span in found if span is not None]


def vehicle_words(text: str) -> list[tuple[int, int]]:
    """The words of letters alone within each make and model: what the de-identifier's sweep
    leaves; a code with digits in a model stays the sweep's to judge (it may be an identifier
    the engine left)."""
    return [
        (a + w.start(), a + w.end())
        for a, b in vehicle_spans(text)
        for w in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*(?![\w-])", text[a:b])
    ]


def is_vehicle(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` is a vehicle's make and model, or part of one, from its make:
    read where the span opens, not over the whole text (a name rule asks for every name)."""
    m = _MAKE.match(text, start)
    span = _make_and_model(text, m) if m is not None else None
    return span is not None and end <= span[1]


def drop_names_in_vehicles(text: str, spans: Sequence[S]) -> list[S]:
    """Name, place and organisation spans that lie within a make and model: dropped."""
    if not any(s.entity_type in _NAME_TYPES for s in spans):
        return list(spans)
    vehicles = vehicle_spans(text)
    if not vehicles:
        return list(spans)
    return [
        s
        for s in spans
        if s.entity_type not in _NAME_TYPES
        or not any(a <= s.start and s.end <= b for a, b in vehicles)
    ]
