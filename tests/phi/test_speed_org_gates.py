"""The organisation grammar's gates (issue 14's CPU a note) rule out no text a pattern matches.

Each gate in :mod:`auditor.phi.recognizers.organizations` claims that every match of its
pattern holds a given word or string. The claim is checked here on strings written from the
pattern itself: every branch, both sides of every optional item and blank, each class's edge
characters, in context; wherever the pattern matches such a string, its gate must pass.
"""

from __future__ import annotations

import itertools
import re
import re._constants as C
import re._parser as P
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from auditor.phi.recognizers import organizations as O

_CAP = 256  # a sequence whose choices multiply past this is covered item by item
_POOL = "aZ0 \t\n.,-_/'&é"


def _class_chars(items: Sequence[tuple[Any, Any]]) -> list[str]:
    if items and items[0][0] is C.NEGATE:
        inside = re.compile(_class_regex(items[1:]))
        return [c for c in _POOL if not inside.fullmatch(c)][:2]
    out: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.RANGE:
            out += [chr(av[0]), chr(av[1])]
        elif op is C.CATEGORY:
            out += {
                C.CATEGORY_DIGIT: ["7"],
                C.CATEGORY_SPACE: [" ", "\n"],
                C.CATEGORY_WORD: ["a", "_", "é"],
                C.CATEGORY_NOT_WORD: [" ", "-"],
                C.CATEGORY_NOT_SPACE: ["x"],
                C.CATEGORY_NOT_DIGIT: ["x"],
            }[av]
    return out


def _class_regex(items: Sequence[tuple[Any, Any]]) -> str:
    parts = []
    for op, av in items:
        if op is C.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is C.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is C.CATEGORY:
            parts.append(
                {
                    C.CATEGORY_DIGIT: r"\d",
                    C.CATEGORY_SPACE: r"\s",
                    C.CATEGORY_WORD: r"\w",
                    C.CATEGORY_NOT_WORD: r"\W",
                    C.CATEGORY_NOT_SPACE: r"\S",
                    C.CATEGORY_NOT_DIGIT: r"\D",
                }[av]
            )
    return "[" + "".join(parts) + "]"


def _seq(items: Sequence[Any], icase: bool) -> list[str]:
    options = [_item(op, av, icase) for op, av in items]
    options = [o for o in options if o != [""]]
    if not options:
        return [""]
    size = 1
    for o in options:
        size *= len(o)
    if size <= _CAP:
        return ["".join(p) for p in itertools.product(*options)]
    longest = max(len(o) for o in options)
    return ["".join(o[i % len(o)] for o in options) for i in range(longest)]


def _item(op: Any, av: Any, icase: bool) -> list[str]:
    if op is C.LITERAL:
        c = chr(av)
        return [c, c.swapcase()] if icase and c.swapcase() != c else [c]
    if op is C.NOT_LITERAL:
        return [next(c for c in _POOL if ord(c) != av)]
    if op is C.ANY:
        return ["x"]
    if op is C.IN:
        return _class_chars(av)
    if op is C.BRANCH:
        return [s for alt in av[1] for s in _seq(alt.data, icase)]
    if op is C.SUBPATTERN:
        _, add, _, body = av
        return _seq(body.data, icase or bool(add & re.IGNORECASE))
    if op is C.ATOMIC_GROUP:
        return _seq(av.data, icase)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, body = av
        counts = [n for n in (low, low + 1) if n <= high]
        return [s for n in counts for s in _seq(list(body.data) * n, icase)]
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return [""]
    raise AssertionError(f"not modelled: {op}")


def written(regex: re.Pattern[str]) -> list[str]:
    """Strings written from ``regex``'s parse tree, each in a few contexts."""
    body = _seq(P.parse(regex.pattern, regex.flags).data, bool(regex.flags & re.IGNORECASE))
    return [t for s in body for t in (s, f"Seen {s}. Ok", f"x\n{s}\n")]


Gate = Callable[[str], bool]
GATES: dict[str, tuple[re.Pattern[str], Gate]] = {
    "suffix": (O._SUFFIX, lambda t: O._SUFFIX_GATE(t, O._ascii_words(t))),
    "any-suffix": (O._SUFFIX, lambda t: O._ANY_SUFFIX.search(t) is not None),
    "short-suffix": (O._SHORT_SUFFIX, lambda t: O._SHORT_SUFFIX_GATE(t, O._ascii_words(t))),
    "partners": (O._PARTNERS, lambda t: O._PARTNERS_GATE.search(t) is not None),
    "hyphen-pair": (O._HYPHEN_PAIR, lambda t: O._HYPHEN_PAIR_GATE.search(t) is not None),
    "trade": (O._TRADE, lambda t: O._TRADE_GATE(t, O._ascii_words(t))),
    "court": (O._COURT, lambda t: "Court" in t),
    "industry": (O._INDUSTRY, lambda t: O._INDUSTRY_GATE(t, O._ascii_words(t))),
    "vessel": (O._VESSEL, lambda t: O._VESSEL_GATE(t, O._ascii_words(t))),
    "lower-legal": (O._LOWER_LEGAL, lambda t: O._LOWER_LEGAL_GATE(t, O._ascii_words(t))),
    "security": (O._SECURITY, lambda t: O._SECURITY_GATE(t, O._ascii_words(t))),
    "of-form": (O._OF_FORM, lambda t: O._OF_FORM_GATE(t, O._ascii_words(t))),
}


@pytest.mark.parametrize("name", sorted(GATES))
def test_every_written_match_passes_its_gate(name: str) -> None:
    regex, gate = GATES[name]
    texts = written(regex)
    matched = [t for t in texts if regex.search(t)]
    assert len(matched) >= 0.3 * len(texts), "the written strings should mostly match"
    missed = [t for t in matched if not gate(t)]
    assert not missed, missed[:5]


def test_the_writer_reaches_the_words_that_run_together() -> None:
    texts = written(O._TRADE)
    for word in ("LifeandAnnuity", "HomeCare", "Preschool", "Pre-School"):
        assert any(word in t and O._TRADE.search(t) for t in texts), word
    assert any("PtyLtd" in t and O._SUFFIX.search(t) for t in written(O._SUFFIX))


def test_a_gate_that_misses_a_word_is_caught() -> None:
    """The check has teeth: a gate without "Annuity" fails it."""
    words = O._TRADE_GATE.words - {"Annuity"}
    texts = [t for t in written(O._TRADE) if O._TRADE.search(t)]
    assert any(words.isdisjoint(O._ascii_words(t)) for t in texts)


# (what the recognizer found on each before the gates)
@pytest.mark.parametrize(
    ("text", "firms"),
    [
        (
            "Employed by Harrow & Vance Property Management since 2019.",
            ["Harrow & Vance Property Management"],
        ),
        ("Statement from Meridian Holdings Corp. IV attached.", ["Meridian Holdings Corp. IV"]),
        ("Her son drives for Fortescue Metals most weeks.", ["Fortescue Metals"]),
        ("Scripts go to Fowler Pharmacy on Main.", ["Fowler Pharmacy"]),
        ("Hearing at the Ontario Court of Justice next week.", ["Ontario Court of Justice"]),
        ("Deckhand aboard MV Island Star until May.", ["Island Star"]),
        ("Holds MERIDIAN BNCRP DEP SHS in an account.", ["MERIDIAN BNCRP DEP SHS"]),
        ("Letter from Smith, Jones and Brown.", ["Smith, Jones and Brown"]),
        ("requested by pratt ltd for the claim", ["pratt ltd"]),
        ("CALLED HOWARD TRANSPORT RE FUNERAL.", ["HOWARD TRANSPORT"]),
        (
            # (a double-barrelled surname after a title is a person's, no partnership)
            "Dr Okafor-Lindqvist saw her at Nordlys A/S with Maju Sdn Bhd staff.",
            ["Maju Sdn Bhd", "Nordlys A/S"],
        ),
        (
            "She studied at the University of the Platte Valley; Teamsters Local 727.",
            # ("Teamsters" alone from the public bodies' list, inside the local's name)
            ["Teamsters", "Teamsters Local 727", "University of the Platte Valley"],
        ),
        (
            "Works at Acme Widgets Pty Ltd and Gardiaan B.V. in Lisbon.",
            ["Acme Widgets Pty Ltd", "Gardiaan B.V."],
        ),
        (
            "seen by the first aid team. ORBIT HLDGS 1ST MTG BD 66 in portfolio",
            ["ORBIT HLDGS 1ST MTG BD 66"],
        ),
        (
            "PT WORKS AT SHEPPARD INC. SEEN IN THE PROBATE AND FAMILY COURT OF HAMPTON COUNTY.",
            ["COURT OF HAMPTON COUNTY", "SHEPPARD INC", "SHEPPARD INC."],
        ),
        ("BP 120/80. HR 88. NO ACUTE DISTRESS. F/U 2 WEEKS.", []),
    ],
)
def test_firms_are_found_as_before(text: str, firms: list[str]) -> None:
    from auditor.phi.recognizers.lexicon import Lexicon

    found = O.OrganizationRecognizer(Lexicon.load()).analyze(text, [])
    assert sorted({text[r.start : r.end] for r in found}) == firms
