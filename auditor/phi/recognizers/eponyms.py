"""Eponyms: proper words that name a syndrome, sign or device, not a person or a place.

"Stevens-Johnson syndrome", "Passy-Muir valve", "Murphy's sign": the words are surnames or
town names, the phrase is clinical vocabulary. Names and places both skip these words.
"""

from __future__ import annotations

import re

from auditor.phi.recognizers.lexicon import (
    BLOOD_GROUP_SYSTEMS,
    EPONYM_HEADS,
    EPONYMS,
    NOT_NAMES,
    POST_TITLES,
    RELATIVES,
    TITLES,
)
from auditor.phi.recognizers.tokens import TokenView

# A grade in Roman numerals, a letter after it: "Forrest IIa", "Fitzpatrick II", "Hinchey Ib"
# (a lone "I" or "V" is an initial: "Donna V.").
_GRADE = re.compile(r"(?:II|III|IV|VI{1,3})[a-c]?|[IV][a-c]")
_NUMERAL_STARTS = frozenset("IV")
# A blood bank's words near a blood group system's name (see ``BLOOD_GROUP_SYSTEMS``).
# (not "units" alone: insulin is given in units too, "Duffy given 10 units")
_BLOOD_BANK = re.compile(
    r"\b(?:anti-|antigens?\b|antibod|phenotyp|genotyp|match|crossmatch|transfus|"
    r"blood bank|rh\b|abo\b|dat\b|rbcs?\b|red cells)",
    re.I,
)

# The surnames that name an assessment scale, read as the scale where its score follows
# ("Barthel 16/20", "Katz 5/6", "Lawton 3/8", "Berg 38/56", "Hoehn & Yahr 5", "Zarit 38"):
# geriatric, functional, pressure-area, falls, frailty and performance scales. A title before
# the word makes it the person again ("Dr Katz 5/6": seen on 5 June).
_SCALES = frozenset(
    {"barthel", "katz", "lawton", "zarit", "tinetti", "berg", "braden", "waterlow", "norton",
     "morse", "folstein", "rockwood", "abbey", "rankin", "karnofsky", "charlson", "hoehn",
     "yahr", "oswestry", "epworth", "apgar", "borg", "ashworth", "lachman"}
)  # fmt: skip
_SCORE_AFTER = re.compile(
    r"(?:[ \t]*&[ \t]*[A-Z][a-z]+)?[ \t]*(?::[ \t]*|=[ \t]*|score[ \t]+(?:of[ \t]+)?)?"
    r"\d{1,3}(?:[./]\d{1,3})?(?![\w/])"
)

_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in EPONYMS:
    _BY_FIRST.setdefault(_phrase[0], []).append(_phrase)


def eponym_words(view: TokenView) -> frozenset[int]:
    """Word indexes inside eponym phrases ("Jackson-Pratt", "Mallory Weiss tear"); found once
    per view (names and places both ask)."""
    found = view.cache.get("eponym_words")
    if not isinstance(found, frozenset):
        found = view.cache["eponym_words"] = frozenset(_eponym_words(view))
    return found


def _eponym_words(view: TokenView) -> set[int]:
    words = view.words
    out: set[int] = set()
    for i, w in enumerate(words):
        for phrase in _BY_FIRST.get(w.key, ()):
            m = len(phrase)
            if i + m <= len(words) and all(words[i + k].key == phrase[k] for k in range(1, m)):
                out.update(range(i, i + m))
        if w.key in EPONYM_HEADS and i > 0:
            out.update(_before_head(view, i))
        elif _graded(view, i) or (w.key in _SCALES and _scored(view, i)):
            out.add(i)
        elif w.key in BLOOD_GROUP_SYSTEMS and _blood_group(view, i):
            out.add(i)  # "Are Rh and Kell matching enough, or Duffy/Kidd too?"
    return out


def _blood_group(view: TokenView, i: int) -> bool:
    """A blood group system's name in a blood bank's words, standing alone: not beside
    another capitalised word as a name's part ("Pt Lewis Kidd") nor after a title."""
    words = view.words
    for j in (i - 1, i + 1):
        if (
            0 <= j < len(words)
            and view.gap(max(i, j)) == " "
            and words[j].text[:1].isupper()
            and words[j].key not in BLOOD_GROUP_SYSTEMS | {"rh", "abo"}
        ):
            return False
    if title_near(view, i):
        return False
    w = words[i]
    return _BLOOD_BANK.search(view.text, max(0, w.start - 80), w.end + 80) is not None


def _scored(view: TokenView, i: int) -> bool:
    """A scale's surname with its score right after it, no title before ("Barthel 16/20")."""
    w = view.words[i]
    if not w.text[:1].isupper() or title_near(view, i):
        return False
    return _SCORE_AFTER.match(view.text, w.end) is not None


def _graded(view: TokenView, i: int) -> bool:
    """A capitalised word alone before a Roman-numeral grade names a classification
    ("Forrest IIa", "Fitzpatrick II"); after a first name or a title the numeral is a
    generation ("Henry Ford II", "Dr. Lowe III")."""
    words = view.words
    if i + 1 >= len(words) or words[i + 1].text[:1] not in _NUMERAL_STARTS:
        return False  # most words: the next one opens with no Roman numeral
    if view.gap(i + 1) != " " or not words[i].is_title or not _GRADE.fullmatch(words[i + 1].text):
        return False
    if i > 0 and view.gap(i) in {" ", ". "}:
        before = words[i - 1]
        if before.is_title or before.key in TITLES or before.key in RELATIVES:
            return False
    return not (i > 1 and words[i - 2].key in TITLES)


def _before_head(view: TokenView, h: int) -> list[int]:
    """Up to three proper words joined to an eponym head ("PASSY-MUIR VALVE"), unless a
    title or a relative names a person ("Dr. Murphy test", "wife Mary Test")."""
    out: list[int] = []
    j = h - 1
    while j >= 0 and h - j <= 3:
        gap = view.gap(j + 1)
        if gap not in {" ", "-", "- ", " - "} or not view.looks_proper(j):
            break
        if view.words[j].key in NOT_NAMES or title_near(view, j):
            break
        out.append(j)
        j -= 1
    if j >= 0 and view.words[j].key in RELATIVES | TITLES:
        return []  # "wife Mary Test": a cue before the words makes them a name
    return out


def title_near(view: TokenView, i: int) -> bool:
    """A title just before word i, or a credential just after it."""
    words = view.words
    n = len(words)
    return (
        (i > 0 and words[i - 1].key in TITLES)
        or (i > 1 and words[i - 2].key in TITLES)
        or (i + 1 < n and words[i + 1].key in POST_TITLES)
        or (i + 2 < n and words[i + 2].key in POST_TITLES)
    )
