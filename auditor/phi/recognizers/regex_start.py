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

Where the pattern opens with a look-behind over single characters and then one rare,
case-sensitive character test, it is instead rewritten to open with that test (the look-behind
moved one character later and widened by one, :func:`consuming_first`), which gives ``re``
its own skip in C. Both rewrites are checked against the parse tree; the tests run every rule
plain and rewritten over the development corpora.

For the same reason :func:`by_first_letter` writes a case-insensitive alternation of labels
with its branches grouped by first letter, each group behind a plain class of that letter's
cases: ``re`` then skips in C the branches whose letter is not the text's.
"""

from __future__ import annotations

import itertools
import re
import re._constants as C
import re._parser as P
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

_I = re.IGNORECASE
# Flags that change what a character class means (besides IGNORECASE, handled per class).
_CLASS_FLAGS = re.ASCII | re.LOCALE

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


# A look-behind over single characters, then one character test (a class, an escape, a plain
# character), then an optional greedy count: "(?<![\w-])\d{3}", as written.
_LOOK_BEHIND_THEN_CHAR = re.compile(
    r"\(\?<[!=](?:\[(?:\\.|[^\]\\])*\]|\\.|[^()\[\]\\|])+\)"
    r"(\[(?:\\.|[^\]\\])*\]|\\[dswDSW]|[^\\()\[\]{}|?*+.^$])"
    r"(?:\{(\d+)(?:(,)(\d*))?\}|(\+))?(?![?+])"
)
# A class whose share of positions is below this is worth opening the pattern with.
MAX_CONSUMING_PASS = 0.3


def _one_char(item: tuple[Any, Any]) -> bool:
    return item[0] in (C.LITERAL, C.IN)


def consuming_first(
    pattern: str, flags: int, parsed: tuple[list[Any], int] | None = None
) -> str | None:
    r"""The pattern rewritten to open with its first character test, or None.

    ``(?<![\w-])\d{3}-...`` becomes ``\d(?<![\w-][\s\S])\d{2}-...``: the look-behind moves one
    character later and reaches one character further back, which is the same test, and the
    pattern now opens with a character class, so ``re`` skips in C to the next position that
    can start a match (the look-ahead still enters the matcher at every position). Only for a
    single look-behind over single characters, a case-sensitive and rare first class and a
    greedy count of at least one; the rewrite is checked against the parse tree.
    """
    if flags & re.IGNORECASE:
        return None
    parsed = parsed or _parse(pattern, flags)
    if parsed is None:
        return None
    data, flags = parsed
    if len(data) < 2 or flags & re.IGNORECASE:
        return None
    behind, first = data[0], data[1]
    if behind[0] not in (C.ASSERT, C.ASSERT_NOT) or behind[1][0] != -1:
        return None
    if not all(_one_char(item) for item in behind[1][1].data):
        return None
    if first[0] is C.MAX_REPEAT:
        low, high, body = first[1]
        if low < 1 or len(body.data) != 1 or not _one_char(body.data[0]):
            return None
        char = body.data[0]
    elif _one_char(first):
        low = high = 1
        char = first
    else:
        return None
    m = _LOOK_BEHIND_THEN_CHAR.match(pattern)
    if m is None:
        return None
    behind_text = pattern[: m.start(1)]
    char_text = m.group(1)
    try:
        if _share(re.compile(char_text, flags)) > MAX_CONSUMING_PASS:
            return None
    except re.error:
        return None
    if high == C.MAXREPEAT:
        rest = f"{{{low - 1},}}"
    elif high == low:
        rest = f"{{{low - 1}}}" if low > 1 else ""
    else:
        rest = f"{{{low - 1},{high - 1}}}"
    moved = behind_text[:-1] + r"[\s\S])"
    candidate = char_text + moved + (char_text + rest if rest else "") + pattern[m.end() :]
    # The check: the candidate's tree is the first character, the original look-behind's
    # characters plus any one, the count less one, then the original tree after its count.
    got = _parse(candidate, flags)
    expected = _parse(char_text + moved + (char_text + rest if rest else ""), flags)
    if got is None or expected is None:
        return None
    head, tail = got[0][: len(expected[0])], got[0][len(expected[0]) :]
    if repr(tail) != repr(data[2:]) or repr(head) != repr(expected[0]):
        return None
    look = head[1]
    if (
        repr(head[0]) != repr(char)
        or look[0] is not behind[0]
        or look[1][0] != -1
        or repr(look[1][1].data[:-1]) != repr(behind[1][1].data)
        or repr(look[1][1].data[-1])
        != repr((C.IN, [(C.CATEGORY, C.CATEGORY_SPACE), (C.CATEGORY, C.CATEGORY_NOT_SPACE)]))
    ):
        return None
    if rest and (
        head[2][0] is not C.MAX_REPEAT
        or repr(head[2][1][2].data) != repr([char])
        or (head[2][1][0], head[2][1][1])
        != (low - 1, high - 1 if high != C.MAXREPEAT else C.MAXREPEAT)
    ):
        return None
    return candidate


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
    text = consuming_first(pattern, flags, parsed) or plan(pattern, flags, parsed)
    if text is None:
        return None
    try:
        return re.compile(text, flags)
    except re.error:  # e.g. a pattern opening with global inline flags "(?i)..."
        return None


def accelerated(regex: re.Pattern[str]) -> re.Pattern[str]:
    """``regex`` with a first-character look-ahead when that is sound and pays, else itself.

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
