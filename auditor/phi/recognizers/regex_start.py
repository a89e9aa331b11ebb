"""A first-character look-ahead that lets a rule regex fail fast where no match can begin.

CPython's ``re`` skips ahead to a possible match start only when a pattern opens with a
literal, a character class or a branch of plain literals. A rule that opens with a look-behind
(``(?<![\\w])``) or a case-insensitive alternation of cue words (``(?i:claim|case|...)``) gets
no such skip: the matcher is entered at every position of the text and tries each branch
there. Prefixing the pattern with a look-ahead of the characters a match can begin with,
``(?=[cC...])``, makes most positions fail at the first test (about 1.5-2x on such rules).

The analysis is conservative: it reads the parsed pattern (``re._parser``) up to the first
item that must consume a character, unions the possible first characters of every branch and
optional item on the way, skips zero-width items (look-arounds, anchors) and gives up
(``None``: the rule keeps its plain regex) on anything it does not model, such as a back
reference, ``.``, a local flag other than ``i``, or a pattern that can match the empty
string. Each class is written with the case-folding flag in force where the original item
stands, so ``re`` folds the look-ahead exactly as it folds the item (KELVIN SIGN for ``k``,
LONG S for ``s``). A look-ahead adds no group: group numbers and names are unchanged.

Better still, where it pays, :func:`consuming_first` rewrites the pattern to open with the
class of its first characters, then match the rest from one character later (its leading
look-behinds and anchors moved one character on, its first character test become a check of
the character consumed): ``re`` then skips in C to the next position that can start a match,
where the look-ahead still enters the matcher at every position. It works on the parse tree and
compiles the tree it builds (the compiled pattern keeps the rule's own text); same matches,
spans and groups. The tests run every rule plain and rewritten over the development corpora.

For the same reason :func:`by_first_letter` writes a case-insensitive alternation of labels
with its branches grouped by first letter, each group behind a plain class of that letter's
cases: ``re`` then skips in C the branches whose letter is not the text's.
"""

from __future__ import annotations

import itertools
import re
import re._compiler as _compiler
import re._constants as C
import re._parser as P
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

_I = int(re.IGNORECASE)  # (plain ints: flag arithmetic on the enum is slow)
# Flags that change what a character class means (besides IGNORECASE, handled per class).
_CLASS_FLAGS = int(re.ASCII | re.LOCALE)

_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w",
    C.CATEGORY_NOT_WORD: r"\W",
}
# Classes too broad to be worth a look-ahead: most positions of a text would pass them.
_BROAD = {r"\D", r"\S", r"\w", r"\W"}


class _GiveUp(Exception):
    """The pattern holds something the analysis does not model."""


def _char(code: int) -> str:
    """One code point, written safely for the inside of a character class."""
    ch = chr(code)
    if ch.isascii() and ch.isalnum():
        return ch
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


# One class of possible first characters: (items, negated, ignorecase). Items are written as
# they go inside ``[...]``.
_Class = tuple[tuple[str, ...], bool, bool]


def _in_class(items: list[tuple[Any, Any]], icase: bool) -> _Class:
    negated = False
    out: list[str] = []
    for op, av in items:
        if op is C.NEGATE:
            negated = True
        elif op is C.LITERAL:
            out.append(_char(av))
        elif op is C.RANGE:
            out.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            raise _GiveUp(op)
    if not out:
        raise _GiveUp("empty class")
    return (tuple(out), negated, icase)


def _first(items: Any, flags: int) -> tuple[list[_Class], bool]:
    """Possible first characters of a sequence of parse items, and whether it can be empty."""
    found: list[_Class] = []
    for op, av in items:
        icase = bool(flags & _I)
        if op is C.LITERAL:
            return [*found, ((_char(av),), False, icase)], False
        if op is C.NOT_LITERAL:
            return [*found, ((_char(av),), True, icase)], False
        if op is C.IN:
            return [*found, _in_class(av, icase)], False
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width: the next item supplies the first character
        if op is C.BRANCH:
            nullable = False
            for alternative in av[1]:
                classes, empty = _first(alternative, flags)
                found += classes
                nullable = nullable or empty
            if not nullable:
                return found, False
            continue
        if op is C.SUBPATTERN:
            _group, add, delete, sub = av
            inner = (flags | add) & ~delete
            if (inner ^ flags) & _CLASS_FLAGS:
                raise _GiveUp("local ascii/locale flag")
            classes, empty = _first(sub, inner)
            found += classes
            if not empty:
                return found, False
            continue
        if op is C.ATOMIC_GROUP:
            classes, empty = _first(av, flags)
            found += classes
            if not empty:
                return found, False
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, high, sub = av
            if high == 0:
                continue
            classes, empty = _first(sub, flags)
            found += classes
            if low > 0 and not empty:
                return found, False
            continue
        raise _GiveUp(op)  # ANY, GROUPREF, GROUPREF_EXISTS, anything newer
    return found, True


def _render(classes: list[_Class], flags: int) -> str:
    """The look-ahead text: one alternative per class, each under its own case flag."""
    merged: dict[bool, list[str]] = {}
    negated: list[tuple[tuple[str, ...], bool]] = []
    for items, negate, icase in classes:
        if negate:
            negated.append((items, icase))
        else:
            bucket = merged.setdefault(icase, [])
            bucket.extend(i for i in items if i not in bucket)
    parts = [("[" + "".join(items) + "]", icase) for icase, items in merged.items()]
    parts += [("[^" + "".join(items) + "]", icase) for items, icase in negated]
    outer = bool(flags & _I)
    texts = []
    for text, icase in parts:
        if icase != outer:
            text = ("(?i:" if icase else "(?-i:") + text + ")"
        texts.append(text)
    return "(?=" + "|".join(texts) + ")"


def _parse(pattern: str, flags: int) -> tuple[list[Any], int] | None:
    """The top-level items of a pattern and its flags with the global inline ones."""
    if flags & re.LOCALE:
        return None
    try:
        tree = P.parse(pattern, flags)
    except (re.error, RecursionError):
        return None
    return list(tree.data), flags | tree.state.flags


def _head(data: list[Any], flags: int) -> str | None:
    try:
        classes, empty = _first(data, flags)
    except (_GiveUp, RecursionError):
        return None
    if empty or not classes:
        return None
    return _render(classes, flags)


def first_chars(pattern: str, flags: int) -> str | None:
    """The look-ahead ``(?=[...])`` of a match's possible first characters, or None.

    None when the analysis gives up or when the pattern can match the empty string.
    """
    parsed = _parse(pattern, flags)
    return None if parsed is None else _head(*parsed)


# A typical stretch of note text, to estimate how often a look-ahead or a leading zero-width
# test passes (its share of positions). Written for this purpose; no real person.
_SAMPLE = (
    "PROGRESS NOTE\n"
    "Patient: Mara Quinlan    MRN: 5520913    DOB: 04/17/1961\n"
    "Seen on 2/14 by Dr. Okafor (cardiology), f/u in 6 weeks. Pt is a 62 y/o woman with "
    "HTN, DM2 and CKD stage 3, here for chest pain x 2 days, worse on exertion; BP 148/92, "
    "HR 88, SpO2 97% on RA. Labs: Na 138, K 4.1, Cr 1.6 (baseline 1.4). EKG shows NSR, "
    "no acute ST changes. Plan: troponin q6h, start aspirin 81 mg daily and atorvastatin "
    "40 mg; she was advised to call 617-555-0142 or the clinic at ext. 4471 with questions.\n"
    "Social: lives with her husband in Springfield, retired teacher, never smoker.\n"
    "Assessment/Plan:\n"
    "1. Chest pain - likely stable angina; stress test scheduled for March 3, 2024.\n"
    "2. Hypertension - increase lisinopril to 20 mg.\n"
    "Signed: J. Patel, MD  |  Visit 11/02/2023 10:45  |  Claim # A7730-2291\n"
)

_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_ANCHORS = {
    C.AT_BEGINNING: "^",
    C.AT_BEGINNING_STRING: r"\A",
    C.AT_BOUNDARY: r"\b",
    C.AT_NON_BOUNDARY: r"\B",
    C.AT_END: "$",
    C.AT_END_STRING: r"\Z",
}
# A look-ahead that lets more than this share of positions through is not worth its cost.
MAX_PASS = 0.6


def _share(regex: re.Pattern[str]) -> float:
    """Share of the sample's positions at which the zero-width ``regex`` matches."""
    return sum(1 for _ in regex.finditer(_SAMPLE)) / (len(_SAMPLE) + 1)


def _single(item: tuple[Any, Any]) -> bool:
    """Whether an item is one character test (or a repeat of one) that fails fast alone."""
    op, av = item
    while op is C.SUBPATTERN and len(av[3].data) == 1:
        op, av = av[3].data[0]
    if op in (C.LITERAL, C.NOT_LITERAL, C.IN):
        return True
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
        body = av[2].data
        return len(body) == 1 and body[0][0] in (C.LITERAL, C.NOT_LITERAL, C.IN)
    return False


def _zero_width_text(items: list[tuple[Any, Any]], flags: int) -> str | None:
    """Leading zero-width items written back as text, when each is an anchor or a look-around
    over single characters (so it holds no group and costs one or two character tests)."""
    out = []
    for op, av in items:
        if op is C.AT:
            if av not in _ANCHORS:
                return None
            out.append(_ANCHORS[av])
            continue
        direction, body = av
        chars = []
        try:
            for item in body.data:
                if item[0] is C.LITERAL:
                    chars.append("[" + _char(item[1]) + "]")
                elif item[0] is C.NOT_LITERAL:
                    chars.append("[^" + _char(item[1]) + "]")
                elif item[0] is C.IN:
                    cls, negated, _icase = _in_class(item[1], bool(flags & _I))
                    chars.append(("[^" if negated else "[") + "".join(cls) + "]")
                else:
                    return None
        except _GiveUp:
            return None
        if not chars:
            return None
        kind = ("(?=" if direction == 1 else "(?<=") if op is C.ASSERT else None
        if op is C.ASSERT_NOT:
            kind = "(?!" if direction == 1 else "(?<!"
        out.append(f"{kind}{''.join(chars)})")
    return "".join(out)


def _written_back(text: str, flags: int, items: list[Any]) -> bool:
    """Whether ``text`` (zero-width items written back) parses to exactly ``items``."""
    parsed = _parse(text, flags)
    return parsed is not None and repr(parsed[0]) == repr(items)


# -- Opening with the first character: the rest of the pattern from one character later ------
#
# ``re`` skips in C to the next position where a pattern can start only when the pattern opens
# with a literal, a character class or a branch of literals; the look-ahead of :func:`plan`
# still enters the matcher at every position. :func:`consuming_first` opens the pattern with
# the class of every possible first character instead, then matches the pattern "stripped of
# its first character" from one position later:
#
# - a zero-width test before the first character becomes a look-behind one character wider:
#   "(?<![\w-])" -> "(?<![\w-][\s\S])", "\b" -> "(?<=\b[\s\S])", "(?=Y)" -> "(?<=(?=Y)[\s\S])";
# - the first character test becomes the check "(?<=x)" (left out when it is the opening
#   class itself), and a count loses one: "x{2,5}" -> "(?<=x)x{1,4}", same greediness;
# - an optional first item is spelled out: "x?R" -> "(?:xR|R)" (the other way round when
#   lazy), R being the rest of its sequence (so that it is tried in the same order);
# - a non-capturing or flag group, a branch (alternative by alternative, in their order) and
#   an atomic group are stripped inside, keeping their flags;
# - a capturing group around the first character keeps its start: the class opens inside it,
#   before the moved tests (in a flag group of their own when the group changes the flags).
#
# A branch whose alternatives open with literals or small classes is instead spread, one
# alternative a first character, that character a plain literal and the moved tests after it
# ("(?<![\w/-])(?:Medic|Engine)" -> "(?:M(?<![\w/\-][\s\S])edic|E(?<![\w/\-][\s\S])ngine)"):
# ``re`` skips to those literals and tests each alternative's one inline, where a check would
# enter the matcher.
#
# Anything else at the first character (a capturing group in a branch or spelled out twice, a
# zero-width test holding a group, a back reference) gives up, and so does a rewrite whose
# class lets too many positions through (it would cost more than it spares). The tree built is
# compiled as it is, under the rule's own pattern text; :class:`_Writer` writes it out for
# :func:`consuming_first` (the tests check that the text parses back to the tree).

_Item = tuple[Any, Any]
_ANY_CHAR: _Item = (C.IN, [(C.CATEGORY, C.CATEGORY_SPACE), (C.CATEGORY, C.CATEGORY_NOT_SPACE)])
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_ONE_CHAR = (C.LITERAL, C.NOT_LITERAL, C.IN)
# Items the parser compares by value (it factors them out of a branch when all alternatives
# open with the same one); any other item holds a sub-pattern, compared by identity.
_BY_VALUE = (C.LITERAL, C.NOT_LITERAL, C.IN, C.AT, C.ANY, C.GROUPREF)
# Flags a moved test keeps through a flag group of its own.
_TEST_FLAGS = int(re.IGNORECASE | re.MULTILINE | re.DOTALL)
# Flags that decide which characters a literal matches.
_FOLDING = int(re.IGNORECASE | re.ASCII)
# A class whose share of positions is below this is worth opening the pattern with.
MAX_CONSUMING_PASS = 0.3
# A rewrite of more than this many times the pattern's items (spelled-out optional items,
# spread branches) is not made.
_MAX_GROWTH = 4
# Nor one of a pattern longer than this: its cost to build grows with it, what a scan gains
# does not.
_MAX_LENGTH = 2000
# A branch spread over more first characters than this keeps its checks.
_MAX_SPREAD = 64


def _items(sub: Any) -> list[_Item]:
    """The items of a parsed sub-pattern (a ``SubPattern``, or a list built here)."""
    return list(getattr(sub, "data", sub))


def _subpatterns(op: Any, av: Any) -> list[Any]:
    """The sub-patterns an item holds."""
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [av[1]]
    if op is C.SUBPATTERN:
        return [av[3]]
    if op is C.BRANCH:
        return list(av[1])
    if op is C.ATOMIC_GROUP:
        return [av]
    if op in _REPEATS:
        return [av[2]]
    if op is C.GROUPREF_EXISTS:
        return [s for s in av[1:] if s is not None]
    return []


def _holds(items: Any, references: bool) -> bool:
    """Whether ``items`` hold a capturing group (or, with ``references``, a reference)."""
    for op, av in _items(items):
        if op is C.SUBPATTERN and av[0] is not None:
            return True
        if references and op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return True
        if any(_holds(sub, references) for sub in _subpatterns(op, av)):
            return True
    return False


def _zero_width(item: _Item) -> bool:
    """An anchor, a look-around, or a group or branch of nothing else."""
    op, av = item
    if op in _ZERO_WIDTH:
        return True
    if op is C.BRANCH or (op is C.SUBPATTERN and av[0] is None):
        return all(_zero_width(i) for sub in _subpatterns(op, av) for i in _items(sub))
    return False


def _moved(item: _Item) -> _Item:
    """A zero-width test of a match's start, made from one character later: a look-behind
    reaching one character further back (the character the pattern has just consumed)."""
    if _holds([item], references=True):
        raise _GiveUp("a group in a zero-width test")  # (its span must not move)
    op, av = item
    if op in (C.ASSERT, C.ASSERT_NOT) and av[0] == -1:
        return (op, (-1, [*_items(av[1]), _ANY_CHAR]))
    return (C.ASSERT, (-1, [item, _ANY_CHAR]))


def _branch(alternatives: list[list[_Item]]) -> list[_Item]:
    """A branch as the parser builds it (``_parse_sub``): the items all alternatives open with
    factored out, a branch of single characters made one class."""
    alternatives = [list(a) for a in alternatives]
    if len(alternatives) == 1:
        return alternatives[0]
    out: list[_Item] = []
    while all(alternatives):
        first = alternatives[0][0]
        if first[0] not in _BY_VALUE or any(a[0] != first for a in alternatives[1:]):
            break
        out.append(first)
        for a in alternatives:
            del a[0]
    chars: list[Any] = []
    for a in alternatives:
        if len(a) != 1:
            break
        op, av = a[0]
        if op is C.LITERAL:
            chars.append((op, av))
        elif op is C.IN and av[0][0] is not C.NEGATE:
            chars += av
        else:
            break
    else:
        return [*out, (C.IN, list(dict.fromkeys(chars)))]
    return [*out, (C.BRANCH, (None, alternatives))]


def _spelled_out(items: list[_Item], i: int) -> list[_Item] | None:
    """``items`` with the optional item at ``i`` spelled out as a branch, taken and left out
    (in the order a greedy or lazy count tries them), or None for another item."""
    op, av = items[i]
    if op not in (C.MAX_REPEAT, C.MIN_REPEAT) or av[0] != 0:
        return None
    _low, high, body = av
    rest = items[i + 1 :]
    if high == 0 or _holds(rest, references=False):
        raise _GiveUp("a group after an optional first item")  # (it would be written twice)
    taken = [*_items(body), *rest] if high == 1 else [(op, (1, high, body)), *rest]
    alternatives = [taken, rest] if op is C.MAX_REPEAT else [rest, taken]
    return [*items[:i], *_branch(alternatives)]


def _one_less(op: Any, av: Any) -> list[_Item]:
    """A count of at least one, less one time: "x{2,5}" -> "x{1,4}", "x{2}" -> "x"."""
    low, high, body = av
    if high == 1:
        return []
    if (low, high) == (2, 2):
        return _items(body)
    return [(op, (low - 1, high if high == C.MAXREPEAT else high - 1, body))]


def _inner_flags(flags: int, add: int, delete: int) -> int:
    inner = (flags | add) & ~delete
    if (inner ^ flags) & _CLASS_FLAGS:
        raise _GiveUp("local ascii/locale flag")
    return inner


def _kept(items: list[_Item], outer: int, inner: int) -> list[_Item]:
    """Tests written under ``outer`` flags, to go where ``inner`` flags are in force."""
    if not items or not (outer ^ inner) & _TEST_FLAGS:
        return items
    add, delete = outer & ~inner & _TEST_FLAGS, inner & ~outer & _TEST_FLAGS
    return [(C.SUBPATTERN, (None, add, delete, items))]


def _first_index(items: list[_Item]) -> int:
    """The index of the first item that is not zero-width."""
    for i, item in enumerate(items):
        if not _zero_width(item):
            return i
    raise _GiveUp("may consume nothing")


class _Strip:
    """One rewrite. Pass one meets every first-character item (``firsts``); pass two knows the
    opening class and whether it is exactly each first item's, so that no check is needed."""

    def __init__(self, spread: bool, opener: _Item = _ANY_CHAR, exact: bool = False) -> None:
        self.firsts: list[tuple[_Item, int]] = []
        self.spread = spread
        self.opener = opener
        self.exact = exact
        self.opened = False
        self.opening: list[_Item] = []  # (the items of the class re skips ahead with)
        self.tree: list[_Item] = []

    def open(self, flags: int) -> list[_Item]:
        """The opening class, case-sensitive where the flags in force say otherwise."""
        self.opened = True
        op, av = self.opener
        self.opening = list(av) if op is C.IN else [self.opener]
        if flags & _I and any(_cased(code) for code in _class_codes(self.opening)):
            return [(C.SUBPATTERN, (None, 0, _I, [self.opener]))]
        return [self.opener]

    def check(self, item: _Item, flags: int) -> list[_Item]:
        """The test of the first character, which the opening class consumed."""
        self.firsts.append((item, flags))
        return [] if self.exact else [(C.ASSERT, (-1, [item]))]

    def lead(self, items: Any, flags: int, moved: list[_Item]) -> list[_Item]:
        """``items`` opening with the class (inside the capturing or flag groups that start
        where the match does), the tests ``moved`` from before them next."""
        items = _items(items)
        i = _first_index(items)
        here = moved + [_moved(item) for item in items[:i]]
        op, av = items[i]
        if op is C.SUBPATTERN:
            group, add, delete, sub = av
            inner = _inner_flags(flags, add, delete)
            sub = self.lead(sub, inner, _kept(here, flags, inner))
            return [(C.SUBPATTERN, (group, add, delete, sub)), *items[i + 1 :]]
        spelled = _spelled_out(items, i)
        if spelled is not None:
            return self.lead(spelled, flags, moved)
        if op is C.BRANCH and self.spread:
            spread = _spread(av[1], flags, here)
            if spread is not None:
                self.opening = spread[1]
                return [*spread[0], *items[i + 1 :]]
        return [*self.open(flags), *here, *self.first(op, av, flags), *items[i + 1 :]]

    def strip(self, items: Any, flags: int) -> list[_Item]:
        """``items`` matched from one character later, the first one consumed."""
        items = _items(items)
        i = _first_index(items)
        spelled = _spelled_out(items, i)
        if spelled is not None:
            return self.strip(spelled, flags)
        op, av = items[i]
        here = [_moved(item) for item in items[:i]]
        return [*here, *self.first(op, av, flags), *items[i + 1 :]]

    def first(self, op: Any, av: Any, flags: int) -> list[_Item]:
        """The item that consumes the first character, stripped of it."""
        if op in _ONE_CHAR:
            return self.check((op, av), flags)
        if op in _REPEATS and av[0] >= 1:
            body = av[2]
            if op is C.POSSESSIVE_REPEAT and not (
                len(_items(body)) == 1 and _items(body)[0][0] in _ONE_CHAR
            ):
                raise _GiveUp("a possessive count of several items")
            if _holds(body, references=False):
                raise _GiveUp("a counted group")  # (its first time would be written apart)
            return self.strip(body, flags) + _one_less(op, av)
        if op is C.SUBPATTERN and av[0] is None:
            _group, add, delete, sub = av
            sub = self.strip(sub, _inner_flags(flags, add, delete))
            return [(C.SUBPATTERN, (None, add, delete, sub))] if sub else []
        if op is C.BRANCH:
            return _branch([self.strip(alternative, flags) for alternative in av[1]])
        if op is C.ATOMIC_GROUP:
            return [(C.ATOMIC_GROUP, self.strip(av, flags))]
        raise _GiveUp(op)  # a capturing group (its start would move), ".", a reference


def _flat(alternatives: list[Any]) -> list[list[_Item]]:
    """Alternatives with an optional first item spelled out and a branch they open with
    distributed over what follows it ("(?:a|b)c|d" -> "ac|bc|d"): tried in the same order."""
    out: list[list[_Item]] = []
    for alternative in alternatives:
        items = _items(alternative)
        i = _first_index(items)
        items = _spelled_out(items, i) or items
        op, av = items[i]
        if op is not C.BRANCH:
            out.append(items)
            continue
        around = [*items[:i], *items[i + 1 :]]
        if _holds(around, references=False):
            raise _GiveUp("a group beside a branch")  # (it would be written twice)
        out += _flat([[*items[:i], *_items(alt), *items[i + 1 :]] for alt in av[1]])
    return out


def _codes(entries: list[_Item]) -> list[int]:
    """The characters of case-sensitive class items (no category: too many)."""
    codes: set[int] = set()
    for op, av in entries:
        if op is C.LITERAL:
            codes.add(av)
        elif op is C.RANGE and av[1] - av[0] < _MAX_SPREAD:
            codes.update(range(av[0], av[1] + 1))
        else:
            raise _GiveUp("a category or a wide range first")
    return sorted(codes)


def _opens_with(items: list[_Item], flags: int) -> tuple[list[int], list[_Item]]:
    """The characters a sequence opens with (a literal, or a class of a few, as ``re`` folds
    them) and the sequence from one character later."""
    i = _first_index(items)
    moved = [_moved(item) for item in items[:i]]
    op, av = items[i]
    rest = items[i + 1 :]
    if op in _REPEATS and av[0] >= 1 and len(_items(av[2])) == 1:
        body = av[2]
        if op is C.POSSESSIVE_REPEAT and _items(body)[0][0] not in _ONE_CHAR:
            raise _GiveUp("a possessive count of a group")
        rest = [*_one_less(op, av), *rest]
        op, av = _items(body)[0]
    if op is C.SUBPATTERN and av[0] is None:
        _group, add, delete, sub = av
        codes, inner = _opens_with(_items(sub), _inner_flags(flags, add, delete))
        group = [(C.SUBPATTERN, (None, add, delete, inner))] if inner else []
        return codes, [*moved, *group, *rest]
    if op is C.LITERAL:
        entries = [(op, av)]
    elif op is C.IN and av[0][0] is not C.NEGATE:
        entries = list(av)
    else:
        raise _GiveUp("no literal or class first")
    return _codes(_case_sensitive(entries, flags)), [*moved, *rest]


def _spread(
    alternatives: list[Any], flags: int, moved: list[_Item]
) -> tuple[list[_Item], list[_Item]] | None:
    """A branch whose alternatives open with literals or small classes, written as one
    alternative per first character: that (case-sensitive) literal, the ``moved`` tests,
    then the alternatives that can open with it, from one character later and in their
    order (no other can match where it stands), and those literals. None when one opens
    otherwise."""
    groups: dict[int, list[list[_Item]]] = {}
    try:
        for items in _flat(alternatives):
            codes, tail = _opens_with(items, flags)
            if len(codes) > 1 and _holds(tail, references=False):
                return None  # (a group would be written twice)
            for code in codes:
                groups.setdefault(code, []).append(tail)
    except _GiveUp:
        return None
    if len(groups) > _MAX_SPREAD:
        return None
    plain = flags & ~_I
    spread = [
        [(C.LITERAL, code), *_kept([*moved, *_branch(tails)], flags, plain)]
        for code, tails in groups.items()
    ]
    return _kept(_branch(spread), plain, flags), [(C.LITERAL, code) for code in groups]


def _class_codes(entries: list[_Item]) -> Iterator[int]:
    """The characters of class items' literals and ranges (not of their categories)."""
    for op, av in entries:
        if op is C.LITERAL:
            yield av
        elif op is C.RANGE:
            yield from range(av[0], av[1] + 1)


def _cased(code: int) -> bool:
    """Whether a character has another case (then re folds it under IGNORECASE)."""
    char = chr(code)
    return char.lower() != char or char.upper() != char


def _folded(code: int, flags: int) -> list[int]:
    """The characters a literal ``code`` matches under ``flags`` (re's case folding)."""
    if not flags & _I or not _cased(code):
        return [code]
    char = chr(code)
    if not (char.isascii() and char.isalpha()):
        raise _GiveUp("a non-ASCII cased character under IGNORECASE")
    both = [ord(char.upper()), ord(char.lower())]
    if flags & re.ASCII:
        return both
    return both + [ord(c) for c in _FOLDS.get(char.lower(), "") if not c.isascii()]


def _class_items(codes: set[int]) -> list[_Item]:
    """A class's items for a set of code points: runs of three or more as ranges."""
    out: list[_Item] = []
    ordered = sorted(codes)
    start = 0
    for end in range(1, len(ordered) + 1):
        if end == len(ordered) or ordered[end] != ordered[end - 1] + 1:
            run = ordered[start:end]
            if len(run) >= 3:
                out.append((C.RANGE, (run[0], run[-1])))
            else:
                out += [(C.LITERAL, c) for c in run]
            start = end
    return out


def _case_sensitive(entries: list[_Item], flags: int) -> list[_Item]:
    """Class items matching, case-sensitive, what ``entries`` match under ``flags``."""
    if not flags & _I:
        return entries
    out: list[_Item] = []
    codes: set[int] = set()
    for op, av in entries:
        if op is C.LITERAL:
            codes.update(_folded(av, flags))
        elif op is C.RANGE:
            low, high = av
            if high - low > 0x400:
                raise _GiveUp("a wide range under IGNORECASE")
            for code in range(low, high + 1):
                codes.update(_folded(code, flags))
        else:
            out.append((op, av))  # (\d, \s, \w and their negations fold onto themselves)
    return out + _class_items(codes)


def _opener(firsts: list[tuple[_Item, int]]) -> tuple[_Item, bool]:
    """The case-sensitive class of every first character, and whether it is exactly the
    set of each first item (so that their checks can go)."""
    entries: list[_Item] = []
    for (op, av), flags in firsts:
        if op is C.LITERAL:
            entries += _case_sensitive([(op, av)], flags)
        elif op is C.IN and av[0][0] is not C.NEGATE:
            entries += _case_sensitive(list(av), flags)
        elif len(firsts) == 1 and not flags & _I:
            return (op, av), True  # (a negated class: its share of positions decides)
        else:
            raise _GiveUp("a negated first item")
    if all(op in (C.LITERAL, C.RANGE) for op, _ in entries):
        codes = [{av} if op is C.LITERAL else set(range(av[0], av[1] + 1)) for op, av in entries]
        entries = _class_items(set().union(*codes))
    entries = list(dict.fromkeys(entries))  # (as the parser writes a class: no repeats)
    opener = entries[0] if len(entries) == 1 and entries[0][0] is C.LITERAL else (C.IN, entries)
    (item, flags), *others = firsts
    key = (repr(item), flags & _FOLDING)
    return opener, all((repr(i), f & _FOLDING) == key for i, f in others)


def _stripped(data: list[_Item], flags: int, spread: bool) -> _Strip | None:
    """The rewrite of a pattern's tree (``tree``) opening with its first characters, or None."""
    try:
        probe = _Strip(spread)
        probe.tree = probe.lead(data, flags, [])
        if not probe.opened:
            return probe  # (a spread branch: no class, no check)
        opener, exact = _opener(probe.firsts)
        rewrite = _Strip(spread, opener, exact)
        rewrite.tree = rewrite.lead(data, flags, [])
        return rewrite
    except (_GiveUp, RecursionError):
        return None


def _state(data: list[_Item]) -> Any:
    """The parser's state of a parsed pattern (its groups), which every sub-pattern holds; a
    pattern with no sub-pattern has no group."""
    for op, av in data:
        for sub in _subpatterns(op, av):
            if isinstance(sub, P.SubPattern):
                return sub.state
    return P.State()


def _subpattern(items: Any, state: Any) -> Any:
    """A tree built here (lists) as the parser's ``SubPattern``s, to compile; the parser's
    own sub-patterns are kept as they are."""
    if isinstance(items, P.SubPattern):
        return items
    out = []
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT):
            av = (av[0], _subpattern(av[1], state))
        elif op is C.SUBPATTERN:
            av = (*av[:3], _subpattern(av[3], state))
        elif op is C.BRANCH:
            av = (None, [_subpattern(alternative, state) for alternative in av[1]])
        elif op is C.ATOMIC_GROUP:
            av = _subpattern(av, state)
        elif op in _REPEATS:
            av = (*av[:2], _subpattern(av[2], state))
        elif op is C.GROUPREF_EXISTS:
            av = (av[0], *(None if s is None else _subpattern(s, state) for s in av[1:]))
        out.append((op, av))
    return P.SubPattern(state, out)


def _size(items: Any) -> int:
    """How many items a tree holds, at every depth."""
    return sum(1 + sum(map(_size, _subpatterns(op, av))) for op, av in _items(items))


def _made(rewrite: _Strip, data: list[_Item], flags: int) -> Any | None:
    """The rewritten tree, made of the parser's sub-patterns to compile, when the class (or
    literals) it opens with let few enough positions through, ``re`` skips ahead with it and
    it is not too large."""
    try:
        starts = re.compile(f"(?={_class_text(rewrite.opening)})", flags & ~_I)
        if _share(starts) > MAX_CONSUMING_PASS:
            return None
        tree = _subpattern(rewrite.tree, _state(data))
    except (_GiveUp, re.error, RecursionError):
        return None
    if not _opening(tree, flags) or _size(tree) > _MAX_GROWTH * _size(data) + 25:
        return None
    return tree


def _opening(data: Any, flags: int) -> list[_Item] | None:
    """The characters ``re`` skips ahead to in a parsed pattern (a class's items), or None
    when it finds none (see ``_compile_info`` in ``re._compiler``)."""
    tree = P.SubPattern(P.State(), _items(data))
    try:
        prefix = _compiler._get_literal_prefix(tree, flags)[0]
        return [(C.LITERAL, prefix[0])] if prefix else _compiler._get_charset_prefix(tree, flags)
    except (AttributeError, TypeError, IndexError):  # (private helpers of another version)
        return None


def _rewritten(pattern: str, flags: int, parsed: tuple[list[Any], int] | None) -> Any | None:
    """The tree of :func:`consuming_first`'s rewrite, or None."""
    parsed = parsed or _parse(pattern, flags)
    if parsed is None or len(pattern) > _MAX_LENGTH:
        return None
    data, flags = parsed
    if _opening(data, flags):
        return None  # (re skips ahead already)
    rewrite = _stripped(data, flags, spread=True)
    if rewrite is None:
        return None
    tree = _made(rewrite, data, flags)
    if tree is None and not rewrite.opened:  # (a spread branch that does not do: a class)
        rewrite = _stripped(data, flags, spread=False)
        tree = None if rewrite is None else _made(rewrite, data, flags)
    return tree


def consuming_first(
    pattern: str, flags: int, parsed: tuple[list[Any], int] | None = None
) -> str | None:
    r"""The pattern rewritten to open with its possible first characters, as text, or None.

    ``(?<![\w-])\d{3}-\d{4}`` becomes ``\d(?<![\w\-][\s\S])\d{2}-\d{4}``, and
    ``\b(?:mrn|chart)`` becomes ``(?:m(?<=\b[\s\S])rn|c(?<=\b[\s\S])hart)`` (see above):
    the same matches, spans and groups, and ``re`` skips in C to a position that can start
    one. None when the analysis gives up, when ``re`` skips ahead already or would not with
    the rewrite, when it would be too large, or when its first characters let more than
    ``MAX_CONSUMING_PASS`` of a note's positions through.
    """
    tree = _rewritten(pattern, flags, parsed)
    if tree is None:
        return None
    names = {number: name for name, number in tree.state.groupdict.items()}
    return _Writer(names).items(tree)


def _compiled(pattern: str, tree: Any, flags: int) -> re.Pattern[str] | None:
    """The rewritten ``tree`` compiled as ``re._compiler.compile`` compiles a parsed pattern,
    with the rule's own ``pattern`` text: whatever reads or compiles again the pattern (a
    copy, a pickle, a test writing strings from it) sees the rule; only the program is the
    rewrite (as ``re``'s own compiler rewrites ``[a]`` as a literal). None when the private
    helpers are another version's."""
    try:
        state = tree.state
        index: list[str | None] = [None] * state.groups
        for name, number in state.groupdict.items():
            index[number] = name
        code = _compiler._code(tree, flags)
        groups, names = state.groups - 1, state.groupdict
        return _compiler._sre.compile(
            pattern, flags | state.flags, code, groups, names, tuple(index)
        )
    except (AttributeError, TypeError):
        return None


# -- A parse tree written back as pattern text ------------------------------------------------

_SPECIAL = frozenset(".^$*+?{}[]\\|()#")
_CLASS_SPECIAL = frozenset("\\]^-[&~|")
_SPACES = {9: r"\t", 10: r"\n", 11: r"\v", 12: r"\f", 13: r"\r", 32: r"\ "}
_FLAG_LETTERS = (
    (re.ASCII, "a"), (re.IGNORECASE, "i"), (re.LOCALE, "L"), (re.MULTILINE, "m"),
    (re.DOTALL, "s"), (re.UNICODE, "u"), (re.VERBOSE, "x"),
)  # fmt: skip


def _escaped(code: int, special: frozenset[str]) -> str:
    """One character as pattern text: plain, or escaped when it is special or white space
    (so that the text reads the same under VERBOSE)."""
    if code in _SPACES:
        return _SPACES[code]
    char = chr(code)
    if char in special:
        return "\\" + char
    return char if char.isprintable() else _char(code)


def _class_text(items: list[_Item]) -> str:
    if len(items) == 1 and items[0][0] is C.CATEGORY and items[0][1] in _CATEGORIES:
        return _CATEGORIES[items[0][1]]  # ("\\d" reads as that class)
    out = []
    for op, av in items:
        if op is C.NEGATE:
            out.append("^")
        elif op is C.LITERAL:
            out.append(_escaped(av, _CLASS_SPECIAL))
        elif op is C.RANGE:
            out.append(_escaped(av[0], _CLASS_SPECIAL) + "-" + _escaped(av[1], _CLASS_SPECIAL))
        elif op is C.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            raise _GiveUp(op)
    return "[" + "".join(out) + "]"


def _letters(flags: int) -> str:
    return "".join(letter for flag, letter in _FLAG_LETTERS if flags & flag)


def _count(low: int, high: int) -> str:
    if high == C.MAXREPEAT:
        return {0: "*", 1: "+"}.get(low, f"{{{low},}}")
    if (low, high) == (0, 1):
        return "?"
    return f"{{{low}}}" if low == high else f"{{{low},{high}}}"


class _Writer:
    """Pattern text for a parse tree: every item written the way the parser reads it back
    (the tests parse the text again), groups by their names."""

    def __init__(self, names: dict[int, str]) -> None:
        self.names = names

    def items(self, items: Any) -> str:
        return "".join(self.item(op, av) for op, av in _items(items))

    def item(self, op: Any, av: Any) -> str:
        if op is C.LITERAL:
            return _escaped(av, _SPECIAL)
        if op is C.NOT_LITERAL:
            return "[^" + _escaped(av, _CLASS_SPECIAL) + "]"
        if op is C.IN:
            return _class_text(av)
        if op is C.ANY:
            return "."
        if op is C.AT and av in _ANCHORS:
            return _ANCHORS[av]
        if op in (C.ASSERT, C.ASSERT_NOT):
            direction, body = av
            kind = ("<" if direction == -1 else "") + ("=" if op is C.ASSERT else "!")
            return f"(?{kind}{self.items(body)})"
        if op is C.BRANCH:
            return "(?:" + "|".join(self.items(alternative) for alternative in av[1]) + ")"
        if op is C.SUBPATTERN:
            return self.group(*av)
        if op is C.ATOMIC_GROUP:
            return f"(?>{self.items(av)})"
        if op in _REPEATS:
            low, high, body = av
            text = self.items(body)
            if len(_items(body)) != 1 or _items(body)[0][0] in _REPEATS:
                text = f"(?:{text})"
            lazy = {C.MIN_REPEAT: "?", C.POSSESSIVE_REPEAT: "+"}.get(op, "")
            return text + _count(low, high) + lazy
        if op is C.GROUPREF:
            name = self.names.get(av)
            return f"(?P={name})" if name else f"(?:\\{av})"
        if op is C.GROUPREF_EXISTS:
            group, yes, no = av
            branches = self.items(yes) + ("" if no is None else "|" + self.items(no))
            return f"(?({self.names.get(group, group)}){branches})"
        raise _GiveUp(op)

    def group(self, group: int | None, add: int, delete: int, body: Any) -> str:
        if group is None:
            flags = _letters(add) + ("-" + _letters(delete) if delete else "")
            return f"(?{flags}:{self.items(body)})"
        name = self.names.get(group)
        return (f"(?P<{name}>" if name else "(") + self.items(body) + ")"


def plan(pattern: str, flags: int, parsed: tuple[list[Any], int] | None = None) -> str | None:
    """The pattern with a first-character look-ahead where one pays, else None.

    The look-ahead goes first when it passes fewer positions than the pattern's leading
    zero-width tests (``\\b``, a look-behind), else after a copy of them, where it spares only
    the costly part (a branch of cue words). None when the analysis gives up, when the
    pattern opens with nothing but one-character tests (``re`` skips ahead by itself or fails
    at once), or when the look-ahead would pass most positions.
    """
    parsed = parsed or _parse(pattern, flags)
    if parsed is None:
        return None
    data, flags = parsed
    head = _head(data, flags)
    if head is None:
        return None
    lead = 0
    while lead < len(data) and data[lead][0] in _ZERO_WIDTH:
        lead += 1
    if lead == len(data):
        return None
    try:
        passes = _share(re.compile(head, flags))
    except re.error:
        return None
    if passes > MAX_PASS:
        return None
    zero_width = _zero_width_text(data[:lead], flags) if lead else ""
    # Costly: a branch or an optional item to try first, or a look-around over more than
    # single characters.
    costly = zero_width is None or not _single(data[lead])
    # The pattern goes in a group: a top-level "a|b" must stay one alternation. (A group
    # cannot change how a pattern that compiles alone is read: global flags inside it or a
    # verbose comment eating its ")" are errors, caught where it is compiled.)
    body = "(?:" + pattern + ")"
    if zero_width:
        try:
            zero_passes = _share(re.compile(zero_width, flags))
        except re.error:
            return None
        if passes < zero_passes:
            return head + body
        if costly and _written_back(zero_width, flags, data[:lead]):
            # A copy of the zero-width tests, then the look-ahead: both hold at one position.
            return zero_width + head + body
        return None
    return head + body if costly else None


@lru_cache(maxsize=1024)
def _parsed(pattern: str, flags: int) -> tuple[list[Any], int] | None:
    """:func:`_parse` of a rule's pattern, once for both analyses (which only read it)."""
    return _parse(pattern, flags)


@lru_cache(maxsize=1024)
def _accelerated(pattern: str, flags: int) -> re.Pattern[str] | None:
    parsed = _parsed(pattern, flags)
    if parsed is None:
        return None
    tree = _rewritten(pattern, flags, parsed)
    if tree is not None:
        try:
            fast = _compiled(pattern, tree, flags)
        except (re.error, RecursionError):
            fast = None
        if fast is not None:
            return fast
    text = plan(pattern, flags, parsed)
    if text is None:
        return None
    try:
        return re.compile(text, flags)
    except re.error:  # e.g. a pattern opening with global inline flags "(?i)..."
        return None


def accelerated(regex: re.Pattern[str]) -> re.Pattern[str]:
    """``regex`` opening with its first characters (:func:`consuming_first`), else with a
    first-character look-ahead (:func:`plan`), when that is sound and pays, else itself.

    The result finds exactly the matches of ``regex`` (same spans, same groups).
    """
    if not isinstance(regex.pattern, str):
        return regex
    fast = _accelerated(regex.pattern, regex.flags)
    if fast is None or (fast.groups, fast.groupindex) != (regex.groups, regex.groupindex):
        return regex
    return fast


# -- How long a run of digits, or of word characters, every match holds ---------------------
#
# A rule for a number of nine digits cannot match in a text whose longest run of digits is
# four, and a VIN's seventeen letters and digits not where no run of word characters is that
# long. These are read from the parse tree, as lower bounds: a run of consecutive items that
# each consume only digits (only word characters) adds up the least each consumes; zero-width
# items sit between them without breaking the run; anything else (an optional item, a class
# with a space or a dash, a back reference) breaks it. A text's own longest runs are read
# with the same ``\d+`` and ``\w+``, so a text whose runs are shorter cannot hold a match.
_DIGIT_KIND, _WORD_KIND = 1, 2  # (a digit is a word character)


def _literal_kind(code: int) -> int:
    char = chr(code)
    if char.isascii() and char.isdigit():
        return _DIGIT_KIND
    # (a letter under IGNORECASE also matches its other cases, KELVIN SIGN, LONG S, dotted
    # and dotless I: all of them word characters)
    if char.isascii() and (char.isalpha() or char == "_"):
        return _WORD_KIND
    return 0


def _class_kind(items: list[tuple[Any, Any]]) -> int:
    """The narrowest of digits / word characters a class's characters all are, else 0."""
    if any(op is C.NEGATE for op, _ in items):
        # "[^\W\d_]": whatever else it leaves out, no character outside \w is in it
        if any(op is C.CATEGORY and av is C.CATEGORY_NOT_WORD for op, av in items):
            return _WORD_KIND
        return 0
    kind = _DIGIT_KIND
    for op, av in items:
        if op is C.LITERAL:
            one = _literal_kind(av)
        elif op is C.RANGE:
            low, high = av
            if 0x30 <= low <= high <= 0x39:
                one = _DIGIT_KIND
            elif 0x41 <= low <= high <= 0x5A or 0x61 <= low <= high <= 0x7A:
                one = _WORD_KIND
            else:
                one = 0
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            one = _DIGIT_KIND
        elif op is C.CATEGORY and av is C.CATEGORY_WORD:
            one = _WORD_KIND
        else:
            one = 0
        if not one:
            return 0
        kind = max(kind, one)
    return kind if items else 0


def _runs(items: Any, kind: int) -> tuple[int, int | None]:
    """(the longest run of ``kind`` every match of ``items`` holds, the least width of the
    whole sequence when it consumes only ``kind``, else None)."""
    best = run = total = 0
    whole = True
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        ok, width, inner = _item_runs(op, av, kind)
        best = max(best, inner)
        if ok:
            run += width
            total += width
            best = max(best, run)
        else:
            whole = False
            run = 0
    return best, (total if whole else None)


def _item_runs(op: Any, av: Any, kind: int) -> tuple[bool, int, int]:
    """(whether the item consumes only ``kind``, the least it consumes, the longest run of
    ``kind`` inside it that every match holds)."""
    if op is C.LITERAL:
        return 0 < _literal_kind(av) <= kind, 1, 0
    if op is C.IN:
        return 0 < _class_kind(av) <= kind, 1, 0
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, sub = av
        best, total = _runs(sub.data, kind)
        if low < 1:
            return False, 0, 0
        if total:
            return True, low * total, max(best, total)
        return False, 0, best
    if op is C.SUBPATTERN or op is C.ATOMIC_GROUP:
        sub = av[3] if op is C.SUBPATTERN else av
        best, total = _runs(sub.data, kind)
        return (True, total, best) if total else (False, 0, best)
    if op is C.BRANCH:
        found = [_runs(alternative.data, kind) for alternative in av[1]]
        inner = min(best for best, _ in found)
        totals = [total for _, total in found]
        if all(totals):
            return True, min(t for t in totals if t is not None), inner
        return False, 0, inner
    return False, 0, 0


@lru_cache(maxsize=1024)
def _run_needs(pattern: str, flags: int) -> tuple[int, int]:
    parsed = _parsed(pattern, flags)  # (None for a LOCALE pattern or one that fails to parse)
    if parsed is None:
        return 0, 0
    try:
        digits = _runs(parsed[0], _DIGIT_KIND)
        words = _runs(parsed[0], _WORD_KIND)
    except RecursionError:
        return 0, 0
    return max(digits[0], digits[1] or 0), max(words[0], words[1] or 0)


def run_needs(regex: re.Pattern[str]) -> tuple[int, int]:
    """The longest run of digits and the longest run of word characters (``\\d+``, ``\\w+``)
    that every match of ``regex`` holds: (0, 0) when nothing is known."""
    if not isinstance(regex.pattern, str):
        return 0, 0
    return _run_needs(regex.pattern, regex.flags)


# (?i:x) matches exactly these characters (the three ASCII letters with a non-ASCII case
# partner); any other letter matches itself in either case.
_FOLDS = {"i": "iI\u0130\u0131", "k": "kK\u212a", "s": "sS\u017f"}


def _scan(pattern: str) -> tuple[list[int], int, bool]:
    """The offsets of the top-level "|" of ``pattern`` (outside groups, classes and escapes),
    the offset where its first group closes past its start (or its length) and whether it
    opens a capturing group."""
    bars: list[int] = []
    depth, i, in_class, capturing = 0, 0, False, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 if pattern[i + 1 : i + 2] == "^" else 0
            i += 1 if pattern[i + 1 : i + 2] == "]" else 0
        elif c == "(":
            depth += 1
            capturing |= pattern[i + 1 : i + 2] != "?" or pattern[i + 2 : i + 3] == "P"
        elif c == ")":
            depth -= 1
            if depth < 0:
                return bars, i, capturing
        elif c == "|" and depth == 0:
            bars.append(i)
        i += 1
    return bars, len(pattern), capturing


def _alternatives(pattern: str) -> list[str]:
    """The top-level branches of ``pattern``."""
    cuts = [-1, *_scan(pattern)[0], len(pattern)]
    return [pattern[a + 1 : b] for a, b in itertools.pairwise(cuts)]


def _branches(pattern: str) -> list[str]:
    """The top-level branches, with a leading unquantified "(?:a|b)" group distributed over
    what follows it ("(?:a|b)c" -> "ac", "bc"): the same strings tried in the same order."""
    out = []
    for alt in _alternatives(pattern):
        if alt.startswith("(?:"):
            close = 3 + _scan(alt[3:])[1]  # the group's ")"
            tail = alt[close + 1 :]
            if close < len(alt) and tail[:1] not in ("?", "*", "+", "{"):
                out += [b for sub in _alternatives(alt[3:close]) for b in _branches(sub + tail)]
                continue
        out.append(alt)
    return out


def by_first_letter(alternation: str) -> str:
    """A case-insensitive alternation with its branches grouped by their first letter, each
    group behind a case-sensitive class of that letter's cases: "claim|case|file" becomes
    "(?:(?-i:[cC])(?i:laim|ase)|(?-i:[fF])(?i:ile))". To be used inside "(?i:...)".

    ``re`` tries the branches of an alternation one by one at every position it reaches; a
    branch that opens with a plain class is skipped in C when the character is not in it,
    one opening with a case-insensitive letter is entered. The branches that can match at a
    position (those of its letter, in their order, then the others) are tried in the same
    order as before: same matches. Branches that open otherwise ("(?-i:SIP)") must all come
    last. Cuts the labelled-identifier scans by about half (issue 14: CPU a note).
    """
    if _scan(alternation)[2]:
        raise ValueError("a group would be copied into several branches")
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for alt in _branches(alternation):
        head = alt[:1]
        if head.isascii() and head.isalpha() and alt[1:2] not in ("?", "*", "+", "{"):
            if others:
                raise ValueError(f"a branch opening with a letter after others: {alt!r}")
            groups.setdefault(head.lower(), []).append(alt[1:])
        else:
            others.append(alt)
    lettered = [
        f"(?-i:[{_FOLDS.get(letter, letter + letter.upper())}])(?i:{'|'.join(tails)})"
        for letter, tails in groups.items()
    ]
    return "(?:" + "|".join(lettered + others) + ")"


# -- Strings every match holds ----------------------------------------------------------------
#
# A scan for a street's type word ("Avenue|Street|...") after a number, or a building's kind
# after its name, finds nothing in most notes, yet ``re`` enters it at every position of the
# text. Every match holds one of a few plain strings (the type words): a substring test for
# them (in C) rules most texts out at a fraction of the scan's cost. The strings are read from
# the parse tree, as a necessary condition only: of a sequence of items that each must occur,
# a run of literal characters, or one item's own strings (a group's, every branch's of an
# alternation, a repeat's of one time or more); zero-width items hold nothing, and anything
# case-insensitive or not modelled gives none. Only case-sensitive characters count, and of a
# case-insensitive item only characters that are no letter.
_MAX_STRINGS = 160  # (more strings than this and the test costs what the scan does)


def _plain(code: int, icase: bool) -> bool:
    """A character a literal item matches alone (case-sensitive, or no letter at all)."""
    return not icase or (code < 128 and not chr(code).isalpha())


def _best(sets: list[frozenset[str] | None]) -> frozenset[str] | None:
    """The most selective of several sets of strings one of which a match holds."""
    found = [s for s in sets if s]
    return max(found, key=lambda s: (min(map(len, s)), -len(s))) if found else None


def _held(items: Any, flags: int) -> frozenset[str] | None:
    """Strings one of which every match of the sequence ``items`` holds, or None."""
    sets: list[frozenset[str] | None] = []
    run: list[str] = []
    for op, av in items:
        icase = bool(flags & _I)
        if op is C.LITERAL and _plain(av, icase):
            run.append(chr(av))
            continue
        if run:
            sets.append(frozenset(["".join(run)]))
            run = []
        if op is C.SUBPATTERN:
            _group, add, delete, sub = av
            sets.append(_held(sub, (flags | add) & ~delete))
        elif op is C.ATOMIC_GROUP:
            sets.append(_held(av, flags))
        elif op is C.BRANCH:
            union: set[str] = set()
            for alternative in av[1]:
                held = _held(alternative, flags)
                if held is None:
                    break
                union |= held
            else:
                if len(union) <= _MAX_STRINGS:
                    sets.append(frozenset(union))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, _high, sub = av
            if low >= 1:
                sets.append(_held(sub, flags))
        elif op is C.IN and all(o is C.LITERAL and _plain(a, icase) for o, a in av):
            sets.append(frozenset(chr(a) for _, a in av))
        # (anything else, zero-width items included, holds no string known here)
    if run:
        sets.append(frozenset(["".join(run)]))
    return _best(sets)


@lru_cache(maxsize=1024)
def _required(pattern: str, flags: int) -> tuple[str, ...] | None:
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    try:
        held = _held(*parsed)
    except RecursionError:
        return None
    if not held or min(map(len, held)) < 2:
        return None  # (a single character is in most texts: no test)
    return tuple(sorted(held, key=lambda s: (-len(s), s)))


def required_strings(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings (two characters or more) one of which every match of ``regex`` holds, or None."""
    if not isinstance(regex.pattern, str):
        return None
    return _required(regex.pattern, regex.flags)


def gated_finditer(regex: re.Pattern[str]) -> Callable[[str], Iterator[re.Match[str]]]:
    """``regex.finditer`` behind a test for the strings every match holds: a text holding
    none of them is not scanned (same matches: it has none)."""
    strings = required_strings(regex)
    if strings is None:
        return regex.finditer
    scan = regex.finditer

    def finditer(text: str) -> Iterator[re.Match[str]]:
        for s in strings:
            if s in text:
                return scan(text)
        return iter(())

    return finditer
