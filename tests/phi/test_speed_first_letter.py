"""Label alternations grouped by first letter (``regex_start.by_first_letter``, issue 14's
CPU a note) find the same matches, with the same groups, as the plain alternations."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from auditor.phi.recognizers import identifiers as I
from auditor.phi.recognizers import regex_start
from auditor.phi.recognizers.regex_start import by_first_letter
from tests.phi.test_speed_org_gates import written

ROOT = Path(__file__).resolve().parents[2]

# (the rewritten pattern, and the alternation as it stood before, as it was written there)
_MRN_CHAIN_LABEL = "mrn|mr#|medical record|record|records|chart|hospital number|patient id|unit no"
REWRITTEN = {
    "id-labelled": (I._ID_LABELLED, I._ID_LABEL, I._ID_LABEL),
    "id-record-label": (I._RECORD_LABELLED, I._RECORD_LABEL, I._RECORD_LABEL),
    "mrn-spaced": (I._MRN_SPACED, I._MRN_SPACED_LABEL, I._MRN_SPACED_LABEL),
    "id-spaced": (I._ID_SPACED, I._ID_SPACED_LABEL, I._ID_SPACED_LABEL),
    "mrn-chain": (I._MRN_CHAIN, _MRN_CHAIN_LABEL, f"(?i:{_MRN_CHAIN_LABEL})"),
    "age-words-be": (I._AGE_WORDS_AFTER_BE, I._AGE_SUBJECTS, f"(?:{I._AGE_SUBJECTS})"),
}


def _before(name: str) -> re.Pattern[str]:
    regex, label, was = REWRITTEN[name]
    grouped = by_first_letter(label)
    assert regex.pattern.count(grouped) == 1
    return re.compile(regex.pattern.replace(grouped, was), regex.flags)


def _found(regex: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups()) for m in regex.finditer(text)]


def _dev_texts() -> list[str]:
    corpora = sorted((ROOT / "bench" / "phi_corpora").glob("*_dev.jsonl"))
    return [
        json.loads(line)["text"]
        for path in corpora
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


# What may follow a label, so that the strings written from the label alone match too.
_AFTER = (
    " 4471203",
    ": AB-4471203",
    " 4471203 merged with 5510331",
    " is 90",
    "'s 95",
    " 2 2 0 9 1",
)


@pytest.mark.parametrize("name", sorted(REWRITTEN))
def test_same_matches_on_strings_written_from_the_pattern(name: str) -> None:
    before, after = _before(name), REWRITTEN[name][0]
    labels = written(re.compile(f"(?i:{REWRITTEN[name][1]})"))
    texts = written(before) + [label + tail for label in labels for tail in _AFTER]
    assert sum(1 for t in texts if before.search(t)) >= len(labels) / 2
    for text in texts + [t.upper() for t in texts] + [t.title() for t in texts]:
        assert _found(after, text) == _found(before, text), text


def test_same_matches_on_the_dev_corpora() -> None:
    texts = _dev_texts()
    assert len(texts) > 500
    for name in REWRITTEN:
        before, after = _before(name), REWRITTEN[name][0]
        assert [_found(after, t) for t in texts] == [_found(before, t) for t in texts], name


def test_the_folds_are_those_of_re() -> None:
    """(?i:x) matches exactly x, X and the characters listed for i, k and s."""
    anything = re.compile("(?i:[a-z])")
    odd: dict[str, str] = {}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if not char.isascii() and anything.fullmatch(char):
            for letter in "abcdefghijklmnopqrstuvwxyz":
                if re.fullmatch(f"(?i:{letter})", char):
                    odd[letter] = odd.get(letter, "") + char
    assert {k: k + k.upper() + v for k, v in odd.items()} == regex_start._FOLDS


def test_grouping_keeps_the_order_of_the_branches() -> None:
    grouped = by_first_letter(r"record|records|(?:case|file)\s+no|chart|rec\.|(?-i:SIP)")
    assert grouped == (
        r"(?:(?-i:[rR])(?i:ecord|ecords|ec\.)|(?-i:[cC])(?i:ase\s+no|hart)"
        r"|(?-i:[fF])(?i:ile\s+no)|(?-i:SIP))"
    )
    regex = re.compile(f"(?i:{grouped})")
    first = regex.match("records")
    assert first is not None and first.group() == "record"  # the first branch that matches
    assert regex.match("ſip") is None and regex.match("SIP")


@pytest.mark.parametrize(
    "alternation",
    [
        "(?-i:SIP)|case",  # a lettered branch after another kind
        "(case)|file",  # a group would be copied
        "a?b|c",  # a quantified first letter is no first letter: then "c" is after it
    ],
)
def test_what_cannot_be_grouped_is_refused(alternation: str) -> None:
    with pytest.raises(ValueError):
        by_first_letter(alternation)
