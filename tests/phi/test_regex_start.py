"""The first-character look-ahead (``regex_start``) may only speed a rule up, never change it.

Every rule of every regex recognizer the pack builds is run plain and accelerated over the
development corpora (as written, in capitals, and with letters swapped for the non-ASCII ones
that case-fold onto ASCII) and over edge texts: every match must have the same span and the
same groups. Then the analysis itself, on small patterns.
"""

from __future__ import annotations

import json
import re
import re._constants as C
import re._parser as P
from pathlib import Path

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.recognizers import patterns
from auditor.phi.recognizers.patterns import RegexRecognizer, _word_test
from auditor.phi.recognizers.regex_start import accelerated, consuming_first, first_chars, plan
from auditor.synth.documents import note_texts

CORPORA = Path(__file__).resolve().parents[2] / "bench" / "phi_corpora"
# Starts in every case and script: KELVIN SIGN folds to "k", LONG S to "s", dotted/dotless
# I, Unicode digits, fullwidth forms, ligatures, accents, an empty text.
EDGES = (
    "", "K", "\u212a", "\u017f", "MRN: 5520913", "mrn 5520913", "\u212aase # 4471",
    "\u017fsn 123-45-6789", "CLAIM NO. A7730-2291", "claim no. a7730-2291", "Claim No A7730",
    "\u0130D 5521-0093", "\u0131d 5521-0093", "DOB \u0663/\u0664/\u0661\u0669\u0665\u0660",
    "seen \uff11\uff12/\uff13\uff14", "\ufb01le 88231", "\u00c9t\u00e9 2019", "\u00e9t\u00e9 2019",
    "Sept. 3rd", "SEPT. 3RD", "\u017fept. 3rd", "the twenty-first of June", "THE 21ST",
    "Tuesday, March 3", "TUESDAY 3/4", "t\u00fcesday", "12 de marzo de 2024", "3 ao\u00fbt",
    "Pager 4471", "PGR#4471", "call 617-555-0142 x1234", "ext. 4471", "Ext 44",
    "she is ninety-one", "SHE TURNED 95", "aged 91", "Member ID: ZX88231", "login: jdoe77",
    "www.example.org/a", "HTTPS://EXAMPLE.ORG/x", "Venmo @jdoe", "IG: @j.doe", "NHS 943 476 5919",
    "|J.P.|", "| 4471-22 |", "Smith^John^Q", "XXX-XX-1234", "***-**-1234", "'98", "\u201998",
    "Christmas Eve 2019", "in his early 90's", "M/91", "F 102", "Oak St, Pune - 411004",
)  # fmt: skip


def _dev_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(CORPORA.glob("*_dev.jsonl")):
        if "test" in path.name:
            continue  # frozen batches are never read outside their scoring
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return texts


def _folded(text: str) -> str:
    return text.lower().replace("k", "\u212a").replace("s", "\u017f").replace("i", "\u0130")


def _texts() -> list[str]:
    dev = _dev_texts()
    assert len(dev) > 500
    notes = note_texts(40, seed=7)
    return [*EDGES, *dev, *notes, *(t.upper() for t in dev[::3]), *map(_folded, dev[1::3])]


def _rules(engine: PhiEngine) -> list[tuple[RegexRecognizer, re.Pattern[str]]]:
    seen: dict[int, tuple[RegexRecognizer, re.Pattern[str]]] = {}
    for recognizer in engine.recognizers:
        if isinstance(recognizer, RegexRecognizer):
            for rule in recognizer.rules:
                seen.setdefault(id(rule.regex), (recognizer, rule.regex))
    return list(seen.values())


@pytest.mark.exhaustive  # every accelerated rule over every dev corpus
def test_every_accelerated_rule_finds_the_same_matches(engine: PhiEngine) -> None:
    rules = _rules(engine)
    fast = [(regex, accelerated(regex)) for _, regex in rules]
    sped = [(regex, quick) for regex, quick in fast if quick is not regex]
    assert len(sped) >= 60, "the look-ahead no longer applies to most rules"
    texts = _texts()
    differ = []
    for regex, quick in sped:
        for text in texts:
            if [m.regs for m in quick.finditer(text)] != [m.regs for m in regex.finditer(text)]:
                differ.append((regex.pattern[:60], text[:80]))
                break
    assert differ == []


@pytest.mark.exhaustive
def test_accelerated_prefilters_and_oids_find_the_same(engine: PhiEngine) -> None:
    # The cue-word searches of context-only rules and the word tests run on the lowered text,
    # the object-identifier scan on the text itself (both are tried on both).
    pairs = [
        (plain, quick)
        for recognizer in engine.recognizers
        if isinstance(recognizer, RegexRecognizer)
        for plain, quick in [
            *((r.context, recognizer._cues[id(r.context)]) for r in recognizer.rules
              if r.score <= 0 and r.context is not None),
            *((_word_test(words), test) for words, test in recognizer._word_tests.items()),
        ]
    ]  # fmt: skip
    assert sum(quick is not plain for plain, quick in pairs) >= 20
    assert patterns._OID_SCAN is not patterns._OID
    pairs.append((patterns._OID, patterns._OID_SCAN))  # object identifiers, on every text
    texts = _texts()
    both = [*(t.lower() for t in texts), *texts, "1.2.840.10008.5.1.4 and 2.16.840.1.113883.3"]
    differ = [
        (plain.pattern[:60], text[:80])
        for plain, quick in pairs
        for text in both
        if [m.regs for m in quick.finditer(text)] != [m.regs for m in plain.finditer(text)]
    ]
    assert differ == []


def test_the_recognizer_scans_with_the_accelerated_regex_and_keeps_rule_regex(
    engine: PhiEngine,
) -> None:
    for recognizer, regex in _rules(engine):
        quick = recognizer._scan[id(regex)]
        assert quick.groups == regex.groups
        assert quick.groupindex == regex.groupindex
        assert quick.flags == regex.flags
        assert (
            quick is regex
            or _one_look_ahead_added(regex, quick)
            or quick.pattern == consuming_first(regex.pattern, regex.flags)
        )


def _one_look_ahead_added(plain: re.Pattern[str], quick: re.Pattern[str]) -> bool:
    """``quick`` parses to ``plain``'s leading zero-width items (none, or a copy of them), a
    look-ahead, then all of ``plain``: the look-ahead is all that was added."""
    original = list(P.parse(plain.pattern, plain.flags).data)
    data = list(P.parse(quick.pattern, quick.flags).data)
    lead = len(data) - 1 - len(original)
    return (
        quick.pattern.endswith("(?:" + plain.pattern + ")")
        and lead >= 0
        and data[lead][0] is C.ASSERT
        and data[lead][1][0] == 1
        and repr(data[:lead]) == repr(original[:lead])
        and repr(data[lead + 1 :]) == repr(original)
    )


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        ("abc", 0, "(?=[a])"),
        ("ab|cd", 0, "(?=[ac])"),
        ("x?y", 0, "(?=[xy])"),
        ("x*y+", 0, "(?=[xy])"),
        ("x{0}y", 0, "(?=[y])"),
        ("(?:a|)b", 0, "(?=[ab])"),
        (r"(?<![\w])\d+", 0, r"(?=[\d])"),
        (r"\b(?=q)zz", 0, "(?=[z])"),
        (r"(?<=[a-z] )[2-9]\d", 0, "(?=[2-9])"),
        ("(?i:ab)|c", 0, "(?=(?i:[a])|[c])"),
        ("(?-i:A)b|c", re.IGNORECASE, "(?=(?-i:[A])|[c])"),
        ("k", re.IGNORECASE, "(?=[k])"),
        (r"(a)\1", 0, "(?=[a])"),
        ("[^a]b", 0, "(?=[^a])"),
        (r"[\s,-]", 0, r"(?=[\s\x2c\x2d])"),
        ("[\u00e9\u2013]", 0, r"(?=[\xe9\u2013])"),
        ("(?>ab|c)", 0, "(?=[ac])"),
    ],
)
def test_first_chars(pattern: str, flags: int, expected: str) -> None:
    assert first_chars(pattern, flags) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        "a*",  # can match the empty string
        "(?:a|)",
        r"\b",
        r"(?=a)",
        "(a)?\\1b",  # a back reference may begin the match
        ".x",  # any character
        r"(?a:\w)x",  # a local flag that changes a class
        r"(?(1)a|b)",
    ],
)
def test_first_chars_gives_up(pattern: str) -> None:
    assert first_chars(pattern, 0) is None


def test_case_folding_follows_the_flag_in_force() -> None:
    # The look-ahead class is read under the same flag as the item it stands for, so re folds
    # it the same way: KELVIN SIGN and LONG S pass where "k" and "s" would match.
    for pattern in ("(?i:kase)", "(?i:ssn)", "\\b(?i:k|s)x"):
        text = plan(pattern, 0) or first_chars(pattern, 0)
        assert text is not None
        quick = re.compile(text)
        for sample in ("\u212aASE", "\u017fsn", " \u212ax", "KASE", "kase", "SSN"):
            assert quick.search(sample) is not None or re.search(pattern, sample) is None


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\[\*\*x", 0),  # opens with a literal: re skips ahead by itself
        (r"(?<![\w-])[A-Za-z0-9]+@x", 0),  # a look-ahead of any alphanumeric rarely fails
        (r"(?<![\w-])[A-Z]{2}\d", re.IGNORECASE),  # letters in either case: most positions
    ],
)
def test_plan_leaves_alone_what_would_not_pay(pattern: str, flags: int) -> None:
    assert first_chars(pattern, flags) is not None
    assert plan(pattern, flags) is None


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\bfoo\d|\bbar\d", 0),  # the parser factors "\b" out of a top-level alternation
        (r"(?<![\w])(?i:claim|case)\s*#?\s*(\d+)", 0),
        (r"\b(?:mon|tues?)day|\b(?:jan|feb)\w*", re.IGNORECASE),
        (r"(?<![\w/.-])(0?[1-9]|1[0-2])/(?P<d>\d\d)", 0),
    ],
)
def test_planned_patterns_match_the_same(pattern: str, flags: int) -> None:
    text = plan(pattern, flags)
    assert text is not None
    quick, plain = re.compile(text, flags), re.compile(pattern, flags)
    assert quick.groupindex == plain.groupindex
    sample = (
        "xfoo1 foo2 bar3 zbar4 Claim #12 CASE 7 \u212aase 9 Monday MONDAY Tuesday JANUARY "
        "febr 3/14 11/02 1/3/7 a/4/12"
    )
    assert [m.regs for m in quick.finditer(sample)] == [m.regs for m in plain.finditer(sample)]
    assert quick.findall(sample)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<![\w-])\d{3}-\d{4}", r"\d(?<![\w-][\s\S])\d{2}-\d{4}"),
        (r"(?<![\w-])\d{11,20}x", r"\d(?<![\w-][\s\S])\d{10,19}x"),
        (r"(?<![\w-])\d+-", r"\d(?<![\w-][\s\S])\d{0,}-"),
        (r"(?<![\w-])[12]\d{9}", r"[12](?<![\w-][\s\S])\d{9}"),
        (r"(?<=[a-z] )\d{5}(?=\s)", r"\d(?<=[a-z] [\s\S])\d{4}(?=\s)"),
        (r"(?<![\w/.-])[MF][ /](9\d)", r"[MF](?<![\w/.-][\s\S])[ /](9\d)"),
    ],
)
def test_consuming_first(pattern: str, expected: str) -> None:
    assert consuming_first(pattern, 0) == expected
    quick, plain = re.compile(expected), re.compile(pattern)
    sample = (
        "123-4567 a123-4567 -123-4567 12345678901x 1234- 1234567890 x 21234567890 ab 12345 "
        "z 12345\n12-3456 M/91 xF 95 F/96 123-45678 1234567890123456789012x 9-"
    )
    assert [m.regs for m in quick.finditer(sample)] == [m.regs for m in plain.finditer(sample)]
    assert [m.regs for m in quick.finditer(sample[1:])] == [
        m.regs for m in plain.finditer(sample[1:])
    ]
    assert quick.findall(sample)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"(?<![\w-])\d{3}x", re.IGNORECASE),  # a cased class under IGNORECASE: no C skip
        (r"(?<![\w-])\d{3}?x", 0),  # lazy
        (r"(?<![\w-])\d{3}+x", 0),  # possessive
        (r"(?<![\w-])\d{0,3}x", 0),  # may consume nothing
        (r"(?<![\w-])(\d{3})", 0),  # the first character is in a group
        (r"(?<![\w-])[A-Za-z]{3}", 0),  # letters: most positions
        (r"(?<!\w\w|x)\d", 0),  # a look-behind with a branch
        (r"\b\d{3}", 0),  # no look-behind
    ],
)
def test_consuming_first_leaves_alone(pattern: str, flags: int) -> None:
    assert consuming_first(pattern, flags) is None
