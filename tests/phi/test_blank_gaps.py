"""No rule may stall on a long run of blanks after its cue word.

Regexes with two optional blank runs side by side ("label[ \\t]*[:#]?[ \\t]*") are quadratic
or cubic on a gap: "bleep" + 5,000 blanks took 625 s, a form label + 500 blanks 17 s, "txn" +
6,000 blanks 1.7 s (four times its 3,000's). Exports hold such gaps (fixed-width columns,
redacted runs turned to blanks), and a hostile file can plant one. Two checks: the shape itself,
read out of every pattern the package and the engine's rules hold (two unbounded runs that can
take the same character with only optional items between them, so a failing match tries every
split of a run); and every rule's own cue words fed a gap, which a fixed rule reads once.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import re._compiler as K
import re._constants as C
import re._parser as P
import time
from collections.abc import Iterator
from typing import Any

import pytest

import auditor
from auditor.phi.engine import PhiEngine

GAP = 6_000  # a quadratic rule costs a second or more here, a linear one about 20 ms
SLOW = 0.3  # seconds of CPU for one text
# Cue words with no trigger of their own (labels the grammar and the org stage read).
LABELS = ("Employer:", "Pharmacy on file", "Plate", "file no", "Claim #", "MRN", "ID", "Apt",
          "Suite", "Patient:", "Dr.", "referred to", "Tel", "x", "ext")  # fmt: skip


def _cue_words(engine: PhiEngine) -> list[str]:
    words = set(LABELS)
    for recognizer in engine.recognizers:
        for rule in getattr(recognizer, "rules", ()):
            words.update(rule.trigger or ())
            words.update(rule.words or ())
    return sorted(words)


@pytest.mark.slow
def test_no_cue_word_before_a_long_gap_stalls_the_engine(engine: PhiEngine) -> None:
    engine.analyze(" to  Harbor Light\n")  # a candidate for NER: its one-off load, up front
    words = _cue_words(engine)
    assert len(words) > 50  # the rules' triggers were read
    slow = []
    for word in words:
        for tail in ("x", "1", "Harbor Light\n"):
            text = f"{word}{' ' * GAP}{tail}"
            t0 = time.process_time()
            engine.analyze(text)
            spent = time.process_time() - t0
            if spent > SLOW:
                slow.append((word, tail.strip(), round(spent, 2)))
    assert slow == []


# -- the shape, read out of the patterns ---------------------------------------------------

# The characters a class is probed with: Latin-1, other scripts' blanks and a few letters.
_PROBE = [chr(i) for i in range(256)] + list("ÓíłšΩя中،–—’“”\u2009\u200b\u3000")
_ONE = (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY, C.CATEGORY)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)  # (a possessive run gives nothing back: not here)
Item = tuple[Any, Any]


def _run(item: Item, flags: int) -> frozenset[str] | None:
    """The probe characters of an unbounded, backtracking run of one class ("[ \\t]*")."""
    op, av = item
    if op not in _REPEATS or av[1] != C.MAXREPEAT or len(av[2]) != 1 or av[2][0][0] not in _ONE:
        return None
    state = P.State()
    state.flags = flags
    one = K.compile(P.SubPattern(state, [av[2][0]]), 0)
    return frozenset(c for c in _PROBE if one.fullmatch(c))


def _empty(item: Item) -> bool:
    """Whether ``item`` can match the empty string (an assertion counts as empty)."""
    op, av = item
    if op in (*_REPEATS, C.POSSESSIVE_REPEAT):
        return av[0] == 0 or all(_empty(i) for i in av[2])
    if op == C.SUBPATTERN:
        return all(_empty(i) for i in av[-1])
    if op == C.ATOMIC_GROUP:
        return all(_empty(i) for i in av)
    if op == C.BRANCH:
        return any(all(_empty(i) for i in alt) for alt in av[1])
    return op in (C.AT, C.ASSERT, C.ASSERT_NOT, C.GROUPREF_EXISTS)


def _opening(seq: list[Item], flags: int) -> Iterator[frozenset[str]]:
    """Runs that can take the first characters of what ``seq`` matches (a look-ahead's
    runs too: it scans the same characters)."""
    for item in seq:
        op, av = item
        run = _run(item, flags)
        if run is not None:
            yield run
        elif op == C.SUBPATTERN:
            yield from _opening(list(av[-1]), flags)
        elif op == C.BRANCH:
            for alt in av[1]:
                yield from _opening(list(alt), flags)
        elif op in _REPEATS and av[0] == 0:
            yield from _opening(list(av[2]), flags)
        elif op in (C.ASSERT, C.ASSERT_NOT) and av[0] == 1:
            yield from _opening(list(av[1]), flags)
        if not _empty(item):
            return


def _closing(item: Item, flags: int) -> Iterator[frozenset[str]]:
    """Runs that can take the last characters of what ``item`` matches."""
    op, av = item
    run = _run(item, flags)
    if run is not None:
        yield run
        return
    seqs: list[list[Item]] = []
    if op == C.SUBPATTERN:
        seqs = [list(av[-1])]
    elif op == C.BRANCH:
        seqs = [list(alt) for alt in av[1]]
    elif op in _REPEATS:
        seqs = [list(av[2])]
    for seq in seqs:
        for inner in reversed(seq):
            yield from _closing(inner, flags)
            if not _empty(inner):
                break


def split_runs(pattern: re.Pattern[str]) -> list[str]:
    """The characters each pair of runs in ``pattern`` can split between them."""
    tree = P.parse(pattern.pattern, pattern.flags)
    flags = tree.state.flags
    found: list[str] = []

    def meet(ends: list[frozenset[str]], starts: list[frozenset[str]]) -> None:
        found.extend("".join(sorted(a & b)) for a in ends for b in starts if a & b)

    def walk(seq: list[Item]) -> None:
        for i, item in enumerate(seq):
            op, av = item
            meet(list(_closing(item, flags)), list(_opening(seq[i + 1 :], flags)))
            if op == C.SUBPATTERN:
                walk(list(av[-1]))
            elif op == C.BRANCH:
                for alt in av[1]:
                    walk(list(alt))
            elif op in (C.ASSERT, C.ASSERT_NOT):
                walk(list(av[1]))
            elif op in _REPEATS:
                body = list(av[2])
                walk(body)
                if av[1] > 1:  # the body's end meets its own start on the next pass
                    meet(
                        [r for it in body[-1:] for r in _closing(it, flags)],
                        list(_opening(body, flags)),
                    )

    walk(list(tree))
    return found


def _patterns() -> dict[tuple[str, int], str]:
    """Every compiled pattern of the package's modules (scanners, parsers, the PHI engine,
    the de-identifier: all read what a file holds), with where it lives."""
    seen: dict[tuple[str, int], str] = {}
    for info in pkgutil.walk_packages(auditor.__path__, "auditor."):
        if ".migrations." in info.name:
            continue  # (Alembic's scripts run inside Alembic only)
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                seen.setdefault((value.pattern, value.flags), f"{info.name}.{name}")
    return seen


def _engine_patterns(engine: PhiEngine) -> dict[tuple[str, int], str]:
    seen: dict[tuple[str, int], str] = {}
    for recognizer in engine.recognizers:
        where = type(recognizer).__name__
        for value in vars(recognizer).values():
            if isinstance(value, re.Pattern):
                seen.setdefault((value.pattern, value.flags), where)
        for rule in getattr(recognizer, "rules", ()):
            regex = getattr(rule, "regex", None)
            if isinstance(regex, re.Pattern):
                seen.setdefault((regex.pattern, regex.flags), f"{where}:{rule.name}")
    return seen


def test_no_pattern_splits_one_run_two_ways(engine: PhiEngine) -> None:
    patterns = {**_engine_patterns(engine), **_patterns()}
    assert len(patterns) > 500  # the modules and the rules were read
    shared = {}
    for (source, flags), where in patterns.items():
        found = split_runs(re.compile(source, flags))
        if found:
            shared[where] = found[0][:12]
    assert shared == {}


@pytest.mark.parametrize(
    ("source", "splits"),
    [
        (r"id[ \t]*[:#]?[ \t]*(\d+)", True),  # the shape: blanks, an optional mark, blanks
        (r"id[ \t]*+[:#]?[ \t]*(\d+)", False),  # the first run possessive
        (r"id[ \t]*+(?:[:#][ \t]*+)?(\d+)", False),  # the mended form
        (r"(?:kind[ \t]*)?[ \t]*regards", True),  # a run closing a group, one after it
        (r"\([ \t]*(?=[A-Z0-9 -]*\d)[A-Z0-9]+", True),  # a look-ahead scanning the same blanks
        (r"(?:[ \t]*\w*)*!", True),  # a body that ends as it starts, repeated
        (r"[ \t]*:[ \t]*", False),  # a mark that must be there keeps the runs apart
        (r"[ \t]{0,3}[ \t]*x", False),  # (a bounded run: at most a few ways)
        (r"(?i:[a-z]+)\d*[a-z]*", True),  # letters either side of optional digits
    ],
)
def test_the_shape_is_read_as_intended(source: str, splits: bool) -> None:
    assert bool(split_runs(re.compile(source))) is splits
