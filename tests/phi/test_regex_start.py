"""A rule's acceleration (``regex_start``) may only speed it up, never change it.

Every rule of every regex recognizer the pack builds is run plain and accelerated (opening with
its first characters, or behind a first-character look-ahead) over the development corpora (as
written, in capitals, and with letters swapped for the non-ASCII ones that case-fold onto
ASCII) and over edge texts: every match must have the same span and the same groups. Then the
analysis itself, on small patterns: the rewrites written out, what they give up on, the case
folding they rely on.
"""

from __future__ import annotations

import json
import re
import re._constants as C
import re._parser as P
from collections.abc import Iterable
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
            or (quick.pattern == regex.pattern and consuming_first(regex.pattern, regex.flags))
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


# -- Opening with the first characters (consuming_first) --------------------------------------

# Texts for the rewrites below: string starts and ends, case-folding letters (KELVIN SIGN,
# LONG S, dotted and dotless I), newlines, runs of punctuation.
_EDGE_TEXTS = (
    "", "1", "-1", "a1", "x", "12", "123", "1234567", "\n123\n", "123-4567 a123-4567 -123-4567",
    "12345678901x 1234- 1234567890 x 21234567890", "ab 12345 \nz 12345\n12-3456", "M/91 xF 95 F/96",
    "Medic 4 MEDIC4 xMedic 5 Eng.7 Engine 9 -Eng 2 ENGINE 3", "mrn chart xmrn MRN CHART \u212aIT",
    "kit sin KIT SIN \u212ait \u017fin xkit", "abc bc xbc 1abc 1bc", "Sec4 xSec5 Sec6\n7 sec8",
    ",1234 x1234\n5678,9012", "12x ay by 3y ax", "x12a x123b 12a 123b", "1x qx Qx aqx a1x",
    "1234 5678 9012 3456 1-2-3-4-5-6-7-8-9-0-1-2-3", "abd cd xcd abcd", "1\u00e9x", "--1", "..",
    "##1# 1-1-1", "\u0130\u0131 i I", "22-22 11-12 12-12 x12-12", "123x 1234x x123x 555-1234",
    "ababc -ababc xababc", "kit1 \u212aIT2 \u017fin3 SIN4 xsin5",
)  # fmt: skip


def _same_matches(quick: re.Pattern[str], plain: re.Pattern[str], texts: Iterable[str]) -> None:
    assert (quick.groups, quick.groupindex) == (plain.groups, plain.groupindex)
    for text in texts:
        for pos in range(len(text) + 1):
            got = [(m.regs, m.lastindex) for m in quick.finditer(text, pos)]
            assert got == [(m.regs, m.lastindex) for m in plain.finditer(text, pos)], text
            for name in ("match", "fullmatch"):
                a, b = getattr(quick, name)(text, pos), getattr(plain, name)(text, pos)
                assert (a and a.regs) == (b and b.regs), (name, text, pos)


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        # a look-behind one character wider, the count one less (the old narrow rewrite)
        (r"(?<![\w-])\d{3}-\d{4}", 0, r"\d(?<![\w\-][\s\S])\d{2}-\d{4}"),
        (r"(?<![\w-])\d{11,20}x", 0, r"\d(?<![\w\-][\s\S])\d{10,19}x"),
        (r"(?<![\w-])\d+-", 0, r"\d(?<![\w\-][\s\S])\d*-"),
        (r"(?<![\w-])[12]\d{9}", 0, r"[12](?<![\w\-][\s\S])\d{9}"),
        (r"(?<=[a-z] )\d{5}(?=\s)", 0, r"\d(?<=[a-z]\ [\s\S])\d{4}(?=\s)"),
        (r"(?<![\w/.-])[MF][ /](9\d)", 0, r"[FM](?<![\w/.\-][\s\S])[\ /](9\d)"),
        # lazy, possessive, a class no case folds
        (r"(?<![\w-])\d{3}?x", 0, r"\d(?<![\w\-][\s\S])\d{2}?x"),
        (r"(?<![\w-])\d{3}+x", 0, r"\d(?<![\w\-][\s\S])\d{2}+x"),
        (r"(?<![\w-])\d{3}x", re.IGNORECASE, r"\d(?<![\w\-][\s\S])\d{2}x"),
        # anchors and look-aheads in a look-behind of one character
        (r"\b\d{3}", 0, r"\d(?<=\b[\s\S])\d{2}"),
        (r"\b(?=[^\n]*\d)Sec\d", 0, r"S(?<=\b[\s\S])(?<=(?=[^\n]*\d)[\s\S])ec\d"),
        (r"(?:(?<=,)|^)\d{4}", re.MULTILINE, r"\d(?<=(?:(?<=,)|^)[\s\S])\d{3}"),
        # a capturing group around the first character: the class opens inside it
        (r"(?<![\w-])(\d{3})", 0, r"(\d(?<![\w\-][\s\S])\d{2})"),
        (r"(?<![\w-])(?P<n>\d{2})-(?P=n)", 0, r"(?P<n>\d(?<![\w\-][\s\S])\d)-(?P=n)"),
        (r"(?<![a-z])(?i:(\d)x)", 0, r"(?i:(\d(?-i:(?<![a-z][\s\S])))x)"),
        (r"(?<![a-z])(?i:(q)x)", 0, r"(?i:((?-i:[Qq])(?-i:(?<![a-z][\s\S])))x)"),
        # checks of the consumed character, left out where the class is the item's
        (r"\b(?:\d{2}x|[a-c]y)", 0, r"[\da-c](?<=\b[\s\S])(?:(?<=\d)\dx|(?<=[a-c])y)"),
        (r"(?<!x)(?:\d{2}a|\d{3}b)", 0, r"\d(?<!x[\s\S])(?:\da|\d{2}b)"),
        (r"(?<!\w)(?>ab|c)d", 0, r"[ac](?<!\w[\s\S])(?>(?:(?<=a)b|(?<=c)))d"),
        (r"(?<!-)(?:ab){2}c", 0, r"a(?<!-[\s\S])babc"),
        (r"(?<![\w-])(?:\d[ -]?){12,18}\d", 0, r"\d(?<![\w\-][\s\S])[\ \-]?(?:\d[\ \-]?){11,17}\d"),
        # optional first items spelled out, in the order the count tries them
        (r"(?<![\w-])\d{0,3}x", 0, r"[\dx](?<![\w\-][\s\S])(?:(?<=\d)\d{0,2}x|(?<=x))"),
        (r"(?<!\d)a?bc", 0, r"(?:a(?<!\d[\s\S])bc|b(?<!\d[\s\S])c)"),
        (r"(?<!\d)a??bc", 0, r"(?:b(?<!\d[\s\S])c|a(?<!\d[\s\S])bc)"),
        # branches spread over their first letters (case-sensitive literals, re skips to them)
        (r"\b(?:mrn|chart)", 0, r"(?:m(?<=\b[\s\S])rn|c(?<=\b[\s\S])hart)"),
        (
            r"(?<![\w/-])(?:Medic|MEDIC|Engine|Eng)\.?\d",
            0,
            r"(?:M(?<![\w/\-][\s\S])(?:edic|EDIC)|E(?<![\w/\-][\s\S])ng(?:ine|))\.?\d",
        ),
        (
            r"\b(?:mrn|chart)",
            re.IGNORECASE,
            r"(?-i:(?:M(?i:(?<=\b[\s\S])rn)|m(?i:(?<=\b[\s\S])rn)"
            r"|C(?i:(?<=\b[\s\S])hart)|c(?i:(?<=\b[\s\S])hart)))",
        ),
        # KELVIN SIGN and LONG S among the cases of a case-insensitive first letter
        (
            r"\b(?i:kit|sin)\d",
            0,
            r"(?i:(?-i:(?:K(?i:(?-i:(?<=\b[\s\S]))it)|k(?i:(?-i:(?<=\b[\s\S]))it)"
            "|\u212a"
            r"(?i:(?-i:(?<=\b[\s\S]))it)|S(?i:(?-i:(?<=\b[\s\S]))in)|s(?i:(?-i:(?<=\b[\s\S]))in)"
            "|\u017f"
            r"(?i:(?-i:(?<=\b[\s\S]))in))))\d",
        ),
    ],
)
def test_consuming_first(pattern: str, flags: int, expected: str) -> None:
    assert consuming_first(pattern, flags) == expected
    plain = re.compile(pattern, flags)
    quick = accelerated(plain)  # (the rewrite compiled; its pattern is the rule's own)
    assert quick is not plain
    assert (quick.pattern, quick.flags) == (plain.pattern, plain.flags)
    _same_matches(quick, plain, _EDGE_TEXTS)
    _same_matches(re.compile(expected, flags), plain, _EDGE_TEXTS)
    assert any(quick.search(text) for text in _EDGE_TEXTS)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"(?:(a)|b)c", 0),  # a capturing group in a branch at the first character
        (r"(?=(\d))\d+", 0),  # a group in a zero-width test (its span would move)
        (r"(?<!x)(\d)?y", 0),  # an optional group: it would be written twice
        (r"(a)?\1b", 0),  # a back reference may begin the match
        (r".x", 0),  # any character
        (r"a|", 0),  # may match the empty string
        (r"\b", 0),
        ("(?i:\u00e9)x", 0),  # a non-ASCII letter under IGNORECASE
        (r"[^a]b", 0),  # a negated class passes most positions
        (r"(?<![\w-])[A-Za-z]{3}", 0),  # letters: most positions
        (r"(?<![\w-])\d{3}", re.ASCII | re.IGNORECASE | re.LOCALE),  # not parsed (LOCALE)
        (r"(?<!x)(?:ab){2}+c", 0),  # a possessive count of several items
        (r"[ab]c", 0),  # re skips ahead already
        (r"(?<![\w-])(?a:\d)x", 0),  # a local flag that changes a class
        (r"(?<![\w-])" + "|".join(f"{n:04d}x" for n in range(400)), 0),  # too long
    ],
)
def test_consuming_first_leaves_alone(pattern: str, flags: int) -> None:
    assert consuming_first(pattern, flags) is None


@pytest.mark.exhaustive
def test_every_rewrite_is_written_back_as_the_tree_it_compiles(engine: PhiEngine) -> None:
    # The rewritten tree is compiled as it is; its text, as consuming_first writes it, must
    # parse back to exactly that tree.
    from auditor.phi.recognizers import regex_start

    written = 0
    for _, regex in _rules(engine):
        tree = regex_start._rewritten(regex.pattern, regex.flags, None)
        if tree is None:
            continue
        text = consuming_first(regex.pattern, regex.flags)
        assert text is not None
        assert repr(P.parse(text, regex.flags).data) == repr(tree.data), regex.pattern
        written += 1
    assert written >= 120, "the rewrite no longer applies to most rules"


def _matching(pattern: str, flags: int) -> set[str]:
    everything = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000)
    return set(re.findall(pattern, everything, flags))


@pytest.mark.parametrize("flags", [0, re.ASCII])
def test_case_folding_of_the_opening_class_is_re_s(flags: int) -> None:
    # The class a case-insensitive first letter opens with holds exactly the characters re
    # folds onto it (KELVIN SIGN onto "k", LONG S onto "s", dotted and dotless I onto "i");
    # \d, \s, \w and their negations fold onto themselves.
    from auditor.phi.recognizers.regex_start import _folded

    folding = flags | re.IGNORECASE
    for letter in "iksIKSaz":
        assert {chr(c) for c in _folded(ord(letter), folding)} == _matching(letter, folding)
    for category in (r"\d", r"\s", r"\w", r"\D", r"\S", r"\W"):
        assert _matching(f"[{category}q]", folding) - _matching("(?i:q)", folding) == (
            _matching(f"[{category}]", flags) - _matching("(?i:q)", folding)
        )
