"""A thin Presidio recognizer for a table of regex rules with context and negative context.

Presidio's PatternRecognizer boosts scores from context through a separate lemma enhancer
and cannot veto a match from its surroundings (``pain 4/10`` is not a date). A rule here
carries both: context words near the match raise the score, a ``reject`` check on the
surroundings drops it, and a ``validate`` check (checksums) decides on the value itself.
Regexes are compiled once, when the pack is built.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from presidio_analyzer import RecognizerResult

from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.regex_start import accelerated, run_needs

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


# The runs of ASCII letters of a lower-cased text: a cue or a rule's word can occur only where
# its own first run of letters is one of them (see _Facts).
_LETTER_RUN = re.compile(r"[a-z]+")
_DIGIT_RUN = re.compile(r"\d+")
_WORD_RUN = re.compile(r"\w+")
_ALNUM_RUN = re.compile(r"[a-z0-9]+")
_LETTERS_ONLY = re.compile(r"[a-z]+\Z")
# The first run of letters of every cue of a context_regex that opens with a letter a-z, the
# first characters of the others ("#", "č"), and the cues that are one run of letters, by
# pattern.
_CUE_HEADS: dict[str, tuple[frozenset[str], tuple[str, ...], frozenset[str]]] = {}


def _heads(words: Iterable[str]) -> list[str] | None:
    """The leading run of letters a-z of each (lower-cased) word, or None if one has none."""
    heads = []
    for word in words:
        m = _LETTER_RUN.match(word)
        if m is None:
            return None
        heads.append(m.group())
    return heads


def context_regex(words: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of the cue words or phrases as whole words, case-insensitive."""
    # A cue ending in "#" or ":" may touch its number ("rx #5583120"): only a cue ending in a
    # letter or digit must end at a word boundary.
    cues = sorted({w.lower() for w in words}, key=len, reverse=True)
    alts = [re.escape(w) + (r"(?![a-z0-9])" if w[-1:].isalnum() else "") for w in cues]
    regex = re.compile(r"(?<![a-z0-9])(?:" + "|".join(alts) + r")")
    if cues and all(cues):  # (an empty cue, or none at all, matches everywhere: always searched)
        lettered = [w for w in cues if _LETTER_RUN.match(w)]
        others = tuple(sorted({w[0] for w in cues if not _LETTER_RUN.match(w)}))
        whole = frozenset(w for w in cues if _LETTERS_ONLY.match(w))
        _CUE_HEADS[regex.pattern] = (frozenset(_heads(lettered) or ()), others, whole)
    return regex


def _cue_heads(
    regex: re.Pattern[str],
) -> tuple[frozenset[str], tuple[str, ...], frozenset[str]] | None:
    """The heads of a context_regex's cues, the first characters of those with none and the
    cues of letters only; None for another regex (which is always searched)."""
    if regex.flags != re.UNICODE:
        return None
    return _CUE_HEADS.get(regex.pattern)


def _word_keys(words: Sequence[str]) -> frozenset[str] | None:
    """Up to three first letters of each word's leading run (``Rule.words``), see _Facts."""
    heads = _heads([w.lower() for w in words])
    return None if heads is None else frozenset(h[:3] for h in heads)


def _sure_words(words: Sequence[str]) -> frozenset[str]:
    """The words of ``Rule.words`` of one to three letters a-z: a run that begins with one
    (among the text's ``prefixes``) is a match of the word test."""
    lowered = (w.lower() for w in words)
    return frozenset(w for w in lowered if len(w) <= 3 and _LETTERS_ONLY.match(w))


class _Facts:
    """What the rule prefilters ask of one text, computed once and shared by the regex
    recognizers that analyse the same text object one after the other.

    ``runs`` are the text's maximal runs of letters a-z after lower-casing. A cue of
    :func:`context_regex` matches after no letter or digit and, when it ends in a letter, before
    none: so the run that starts where it matches is exactly the cue's leading run of letters
    (the whole cue when it is all letters, else the letters before its first other character).
    A cue whose head is no run cannot match: its regex need not be searched. Likewise a word of
    ``Rule.words`` begins where no letter precedes, so the run there starts with the word (all
    letters) or is its leading run: its first three letters (or fewer, for a shorter run) are
    among ``prefixes``, the first one, two and three letters of every run. Both tests rule
    texts out; a text that passes is searched with the regex as before, unless the test is
    sure: a cue of letters only that is a whole run of letters and digits (``alnum_runs``:
    nothing of [a-z0-9] before or after it) matches there, and so does a word of Rule.words
    of up to three letters among the ``prefixes``.
    """

    __slots__ = (
        "_alnum_runs",
        "_oids",
        "_prefixes",
        "digit_run",
        "lower",
        "runs",
        "text",
        "word_run",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower = text.lower()
        self.runs = frozenset(_LETTER_RUN.findall(self.lower))
        # The longest runs of digits and of word characters: a rule whose every match holds
        # a longer one (regex_start.run_needs) cannot match.
        self.digit_run = max(map(len, _DIGIT_RUN.findall(text)), default=0)
        self.word_run = max(map(len, _WORD_RUN.findall(text)), default=0)
        self._prefixes: frozenset[str] | None = None
        self._alnum_runs: frozenset[str] | None = None
        self._oids: list[tuple[int, int]] | None = None

    @property
    def alnum_runs(self) -> frozenset[str]:
        if self._alnum_runs is None:
            self._alnum_runs = frozenset(_ALNUM_RUN.findall(self.lower))
        return self._alnum_runs

    @property
    def oids(self) -> list[tuple[int, int]]:
        """The spans of ISO object identifiers in the text (see _oid_spans)."""
        if self._oids is None:
            self._oids = _oid_spans(self.text)
        return self._oids

    @property
    def prefixes(self) -> frozenset[str]:
        if self._prefixes is None:
            runs = self.runs
            self._prefixes = frozenset(
                {r[:3] for r in runs} | {r[:2] for r in runs} | {r[:1] for r in runs}
            )
        return self._prefixes


_last_facts: _Facts | None = None


def _facts(text: str) -> _Facts:
    """The facts of ``text``: those of the previous call when it was the same text object."""
    global _last_facts
    facts = _last_facts
    if facts is None or facts.text is not text:
        facts = _last_facts = _Facts(text)
    return facts


@dataclass(frozen=True)
class Rule:
    """One pattern. ``score`` applies without context, ``context_score`` with a cue nearby."""

    name: str
    entity: str
    regex: re.Pattern[str]
    score: float
    context: re.Pattern[str] | None = None
    context_score: float = 0.0
    window: int = 32
    group: int | str = 0
    validate: Callable[[str], bool] | None = None
    reject: Callable[[str, int, int], bool] | None = None
    # Context words after the match count too (e.g. "7/22 admission").
    right_window: int = 0
    # Cheap prefilter: skip the regex unless one of these substrings is in the lowered text.
    trigger: tuple[str, ...] = ()
    # The same, for words every match holds: skip unless one of these begins a word (follows
    # no letter) in the lowered text. Sharper than a substring ("mar" of "summary" is none).
    words: tuple[str, ...] = ()


def _word_test(words: Sequence[str]) -> re.Pattern[str]:
    """Whether one of ``words`` begins a word of a lower-cased text (``Rule.words``)."""
    alts = sorted({re.escape(w.lower()) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![a-z])(?:" + "|".join(alts) + ")")


def make_result(
    recognizer: Any, entity: str, start: int, end: int, score: float
) -> RecognizerResult:
    """A result tagged with the recognizer that made it (Presidio uses it for thresholds)."""
    return RecognizerResult(
        entity_type=str(entity),
        start=start,
        end=end,
        score=score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )


def near(text: str, start: int, end: int, regex: re.Pattern[str], left: int, right: int) -> bool:
    """Whether ``regex`` occurs in the lower-cased text just before (or after) a match.

    The window is read with one character more on its cut side, so that a cue's word-boundary
    checks see the word it was cut from: "ate" (as in "ate 1/2 tray") is no cue in the tail of
    "Date of birth", nor "call" in the head of "callus".
    """
    if left:
        lo = max(0, start - left)
        pad = 1 if lo > 0 else 0
        if regex.search(text[lo - pad : start].lower(), pad):
            return True
    if not right:
        return False
    hi = min(len(text), end + right)
    window = text[end : hi + 1].lower()
    limit = hi - end
    return any(m.end() <= limit for m in regex.finditer(window) if m.start() < limit)


# An ISO object identifier (five arcs or more, "1.3.6.1.4.1..."): it names a standard, a code
# system or an assigning authority, and no number inside it is a record, phone or date.
_OID = re.compile(r"(?<![\w.])[0-2](?:\.(?:0|[1-9]\d{0,9})){4,40}(?!\w|\.\d)")
_OID_SCAN = accelerated(_OID)  # every text with a "." is scanned: a first-digit look-ahead


def _oid_spans(text: str) -> list[tuple[int, int]]:
    if "." not in text:
        return []
    return [m.span() for m in _OID_SCAN.finditer(text)]


class _Trigger:
    """``Rule.trigger``: one of these substrings is in the lower-cased text."""

    __slots__ = ("subs",)

    def __init__(self, subs: tuple[str, ...]) -> None:
        self.subs = subs

    def __call__(self, facts: _Facts) -> bool:
        lower = facts.lower
        for sub in self.subs:  # noqa: SIM110 (a loop: no generator per call)
            if sub in lower:
                return True
        return False


class _Search:
    """A word test (``Rule.words``) or a context-only rule's cue regex: the regex searched in
    the lower-cased text, unless none of ``keys`` is among the text's ``runs`` or
    ``prefixes`` (see :class:`_Facts`) and none of ``chars`` (the first characters of the
    cues that open with no letter a-z) is in it. ``keys`` None: always searched."""

    __slots__ = ("chars", "keys", "prefixes", "regex", "sure")

    def __init__(
        self,
        regex: re.Pattern[str],
        keys: frozenset[str] | None,
        prefixes: bool,
        chars: tuple[str, ...] = (),
        sure: frozenset[str] = frozenset(),
    ) -> None:
        self.regex = regex
        self.keys = keys
        self.chars = chars
        self.prefixes = prefixes
        self.sure = sure  # (empty when keys is None)

    def __call__(self, facts: _Facts) -> bool:
        keys = self.keys
        if keys is not None:
            if keys.isdisjoint(facts.prefixes if self.prefixes else facts.runs):
                lower = facts.lower
                for char in self.chars:
                    if char in lower:
                        break
                else:
                    return False
            elif self.sure and not self.sure.isdisjoint(
                facts.prefixes if self.prefixes else facts.alnum_runs
            ):
                return True
        return self.regex.search(facts.lower) is not None


def _cue_search(regex: re.Pattern[str], scan: re.Pattern[str]) -> _Search:
    """The presence test of a context-only rule's cue regex (searched as ``scan``)."""
    heads = _cue_heads(regex)
    if heads is None:
        return _Search(scan, None, False)
    return _Search(scan, heads[0], False, heads[1], heads[2])


class RegexRecognizer(LocalRecognizer):
    """Runs a fixed table of :class:`Rule` over the raw text."""

    def __init__(self, name: str, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        super().__init__(name, sorted({r.entity for r in self.rules}))
        # Each rule's prefilters are tests of the text shared by the rules that name the same
        # trigger, words or cue regex, run once per text (the first time a rule asks) and
        # ruling the rule out when one fails; before them, the runs of digits and word
        # characters every match holds (regex_start.run_needs) against the text's longest.
        # The regexes as searched: with a look-ahead of the characters a match can begin with
        # where that is sound and pays (see regex_start); same matches, same groups.
        self._scan = {id(r.regex): accelerated(r.regex) for r in self.rules}
        self._word_tests = {
            r.words: accelerated(_word_test(r.words)) for r in self.rules if r.words
        }
        self._cues = {
            id(r.context): accelerated(r.context)
            for r in self.rules
            if r.score <= 0 and r.context is not None
        }
        self._tests: list[Callable[[_Facts], bool]] = []
        index: dict[tuple[object, ...], int] = {}

        def test(key: tuple[object, ...], check: Callable[[_Facts], bool]) -> int:
            if key not in index:
                index[key] = len(self._tests)
                self._tests.append(check)
            return index[key]

        # Rules that share one regex (a value shape read after different cues) scan once.
        uses = Counter(id(r.regex) for r in self.rules)
        shared: dict[int, int] = {}
        self._plans: list[tuple[Rule, tuple[int, ...], re.Pattern[str], int, int, int]] = []
        for r in self.rules:
            tests = []
            if r.trigger:
                tests.append(test(("trigger", r.trigger), _Trigger(r.trigger)))
            if r.words:
                keys = _word_keys(r.words)
                sure = _sure_words(r.words) if keys is not None else frozenset()
                check = _Search(self._word_tests[r.words], keys, True, (), sure)
                tests.append(test(("words", r.words), check))
            if r.score <= 0 and r.context is not None:
                # Context-only rule: one search of the whole text rules most texts out.
                context = r.context
                check = _cue_search(context, self._cues[id(context)])
                tests.append(test(("cue", context.pattern, context.flags), check))
            slot = -1
            if uses[id(r.regex)] > 1:
                slot = shared.setdefault(id(r.regex), len(shared))
            digits, words = run_needs(r.regex)
            self._plans.append((r, tuple(tests), self._scan[id(r.regex)], slot, digits, words))
        self._n_shared = len(shared)
        self._entities = frozenset(r.entity for r in self.rules)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        wanted = set(entities) if entities else None
        if wanted is not None and wanted.issuperset(self._entities):
            wanted = None  # (the engine asks for every entity: no rule to leave out)
        results: list[RecognizerResult] = []
        facts = _facts(text)
        passed: list[bool | None] = [None] * len(self._tests)
        scanned: list[list[re.Match[str]] | None] = [None] * self._n_shared
        oids = facts.oids
        digit_run, word_run = facts.digit_run, facts.word_run
        for rule, tests, scan, slot, digits, words in self._plans:
            if digits > digit_run or words > word_run:
                continue  # every match holds a longer run of digits or word characters
            if wanted is not None and rule.entity not in wanted:
                continue
            if tests:
                for i in tests:
                    ok = passed[i]
                    if ok is None:
                        ok = passed[i] = self._tests[i](facts)
                    if not ok:
                        break
                if not ok:
                    continue
            matches: Iterable[re.Match[str]]
            if slot >= 0:
                found = scanned[slot]
                if found is None:
                    found = scanned[slot] = list(scan.finditer(text))
                matches = found
            else:
                matches = scan.finditer(text)
            for match in matches:
                start, end = match.span(rule.group)
                if start < 0 or end <= start:
                    continue
                if oids and any(s <= start and end <= e for s, e in oids):
                    continue
                value = text[start:end]
                if rule.validate is not None and not rule.validate(value):
                    continue
                if rule.reject is not None and rule.reject(text, start, end):
                    continue
                score = rule.score
                if rule.context is not None and near(
                    text, start, end, rule.context, rule.window, rule.right_window
                ):
                    score = max(score, rule.context_score)
                if score <= 0:
                    continue
                results.append(make_result(self, rule.entity, start, end, score))
        return results
