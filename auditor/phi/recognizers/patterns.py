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
from auditor.phi.recognizers.regex_start import accelerated

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


def context_regex(words: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of the cue words or phrases as whole words, case-insensitive."""
    # A cue ending in "#" or ":" may touch its number ("rx #5583120"): only a cue ending in a
    # letter or digit must end at a word boundary.
    cues = sorted({w.lower() for w in words}, key=len, reverse=True)
    alts = [re.escape(w) + (r"(?![a-z0-9])" if w[-1:].isalnum() else "") for w in cues]
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alts) + r")")


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


class RegexRecognizer(LocalRecognizer):
    """Runs a fixed table of :class:`Rule` over the raw text."""

    def __init__(self, name: str, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        super().__init__(name, sorted({r.entity for r in self.rules}))
        self._word_tests = {
            r.words: accelerated(_word_test(r.words)) for r in self.rules if r.words
        }
        # Rules that share one regex (a value shape read after different cues) scan once.
        uses = Counter(id(r.regex) for r in self.rules)
        self._shared = {key for key, n in uses.items() if n > 1}
        # Each regex as scanned: with a look-ahead of the characters a match can begin with
        # where that is sound and pays (see regex_start); same matches, same groups. The
        # prefilter searches of the lowered text (cue words, word tests) likewise. Looked up by
        # id with the plain regex as fallback: a recognizer rebuilt from a pickle still scans.
        self._scan = {id(r.regex): accelerated(r.regex) for r in self.rules}
        self._cues = {
            id(r.context): accelerated(r.context)
            for r in self.rules
            if r.score <= 0 and r.context is not None
        }

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        wanted = set(entities) if entities else None
        results: list[RecognizerResult] = []
        lower = text.lower()
        present: dict[int, bool] = {}
        has_words: dict[tuple[str, ...], bool] = {}
        scanned: dict[int, list[re.Match[str]]] = {}
        oids = _oid_spans(text)
        for rule in self.rules:
            if wanted is not None and rule.entity not in wanted:
                continue
            if rule.trigger and not any(t in lower for t in rule.trigger):
                continue
            if rule.words:
                if rule.words not in has_words:
                    has_words[rule.words] = self._word_tests[rule.words].search(lower) is not None
                if not has_words[rule.words]:
                    continue
            if rule.score <= 0 and rule.context is not None:
                # Context-only rule: one search of the whole text rules most texts out.
                key = id(rule.context)
                if key not in present:
                    present[key] = self._cues.get(key, rule.context).search(lower) is not None
                if not present[key]:
                    continue
            matches: Iterable[re.Match[str]]
            key = id(rule.regex)
            if key in self._shared:
                if key not in scanned:
                    scanned[key] = list(self._scan.get(key, rule.regex).finditer(text))
                matches = scanned[key]
            else:
                matches = self._scan.get(key, rule.regex).finditer(text)
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
