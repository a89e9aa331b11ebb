"""A place written as coordinates: latitude and longitude, a national grid, what3words.

A search-and-rescue log, a dispatch line or a field incident form gives where a patient was
found as numbers, not a street ("PLS 46.2904 N, 122.2688 W", "casualty at NY 2091 0746",
"NZTM 1693420 5652810", "///taller.pocket.lions"). Each locates a person more finely than a
town, so each is a LOCATION under Safe Harbor's geographic element; no street or place rule
reads them. The shapes are strict where no cue stands (both hemispheres, or a grid's two
halves of one length) and looser only after a cue ("GPS", "lat/long", "coords").
"""

from __future__ import annotations

import re

from auditor.phi.entities import Entity
from auditor.phi.recognizers.patterns import Rule, context_regex

# One coordinate in degrees: decimal ("46.2904", "46.2904°") or degrees, minutes and seconds
# ("46°17'25.4\"", "46 17 25").
_DEG = (
    r"\d{1,3}(?:\.\d{2,7}°?|[ \t]?°[ \t]?\d{1,2}(?:\.\d+)?[ \t]?['’′]"
    r"(?:[ \t]?\d{1,2}(?:\.\d+)?[ \t]?(?:\"|”|″|''))?)"
)
# A pair with both hemispheres, either before or after each number: "46.2904 N, 122.2688 W",
# "S 33.8568 E 151.2153", "46°17'25\"N 122°16'08\"W".
_HEMISPHERES = re.compile(
    rf"(?<![\w.°])(?:{_DEG}[ \t]?[NS]|[NS][ \t]?{_DEG})(?:[ \t]*,[ \t]*|[ \t]+)"
    rf"(?:{_DEG}[ \t]?[EW]|[EW][ \t]?{_DEG})(?![\w°])"
)
# A signed decimal pair after a cue: "GPS 45.52310, -122.67650", "lat/long -36.8485, 174.7633"
# (a sentence's full stop may close it: "last GPS fix 51.8986, -8.4731.").
_SIGNED_PAIR = re.compile(
    r"(?<![\w.+-])([+-]?\d{1,2}\.\d{3,7}[ \t]*,[ \t]*[+-]?\d{1,3}\.\d{3,7})(?![\w]|[.,]\d)"
)
_PAIR_CTX = context_regex(
    ["gps", "lat", "latitude", "long", "longitude", "lat/long", "lat/lon", "lat-long",
     "coords", "coordinates", "co-ordinates", "location", "loc", "position", "pos", "pin",
     "dropped pin", "lkp", "pls", "ipp", "found at", "located at", "grid", "fix"]
)  # fmt: skip
# A British or Irish grid reference: the 100 km square's letters and two halves of one length
# ("NY 2091 0746", "SH 60995 54391"); a cue lets the halves run together ("GR NY20910746").
# Not "HP": Shetland's square, but a handphone's label in Singapore and Malaysia ("HP 8123
# 0457").
_OS_SQUARE = r"(?:(?!HP)[HNOST][A-HJ-Z])"
_OS_GRID = re.compile(rf"(?<![\w/-])({_OS_SQUARE}[ \t](\d{{3,5}})[ \t](\d{{3,5}}))(?![\w/-])")
_OS_GRID_JOINED = re.compile(
    rf"(?<![\w/-])({_OS_SQUARE}[ \t]?(?:\d{{6}}|\d{{8}}|\d{{10}}))(?![\w/-])"
)
_GRID_CTX = context_regex(
    ["grid", "grid ref", "gr", "ngr", "os", "os grid", "mgrs", "usng", "at", "location", "loc",
     "position", "pos", "casualty at", "found at", "located at", "lkp", "pls", "rv",
     "rendezvous"]
)  # fmt: skip
# New Zealand's and UTM's metres: "NZTM 1693420 5652810", "UTM 10T 551234 5123456".
_METRIC_GRID = re.compile(
    r"(?<![\w/-])((?:NZTM|NZMG|UTM|MGA|ITM|BNG)(?:[ \t]?\d{1,2}[A-Z]?)?[ \t:]+"
    r"[EN]?\d{6,7}(?:[ \t]*[EN])?[ \t,/]+[EN]?\d{6,7}[EN]?)(?![\w/-])"
)
# A military grid reference: zone, square, then an even number of digits ("18S UJ 23371 06519").
_MGRS = re.compile(
    r"(?<![\w/-])(\d{1,2}[C-HJ-NP-X][ \t]?[A-HJ-NP-Z]{2}[ \t]?"
    r"(?:\d{4}[ \t]?\d{4}|\d{5}[ \t]?\d{5}))(?![\w/-])"
)
# what3words: three words after three slashes ("///taller.pocket.lions").
_WHAT3WORDS = re.compile(r"(?<![\w/])///[^\W\d_]{1,20}\.[^\W\d_]{1,20}\.[^\W\d_]{1,20}(?![\w.])")


def _halves_alike(text: str) -> bool:
    """An OS grid reference's easting and northing have one length."""
    parts = text.split()
    return len(parts) == 3 and len(parts[1]) == len(parts[2])


def coordinate_rules() -> list[Rule]:
    """The rules, read in the identifiers' pass (see :func:`identifiers.identifier_recognizer`)."""
    e = Entity.LOCATION
    rules = [
        Rule("coordinates-hemispheres", e, _HEMISPHERES, 0.85),
        Rule("coordinates-signed", e, _SIGNED_PAIR, 0.0, _PAIR_CTX, 0.8, window=40, group=1),
        Rule("what3words", e, _WHAT3WORDS, 0.85, trigger=("///",)),
        Rule("grid-metric", e, _METRIC_GRID, 0.85, group=1,
             words=("nztm", "nzmg", "utm", "mga", "itm", "bng")),
        Rule("grid-mgrs", e, _MGRS, 0.0, _GRID_CTX, 0.75, window=40, group=1),
        Rule("grid-os", e, _OS_GRID, 0.0, _GRID_CTX, 0.8, window=40, group=1,
             validate=_halves_alike),
        Rule("grid-os-joined", e, _OS_GRID_JOINED, 0.0, _GRID_CTX, 0.75, window=24, group=1),
    ]  # fmt: skip
    return rules
