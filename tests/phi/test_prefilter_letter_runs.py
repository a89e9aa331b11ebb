"""The set tests that spare a cue or word search (``patterns._Facts``) only rule out texts in
which that search finds nothing.

A context-only rule's cue regex and a rule's word test are searched in a text only when the
head of one of their cues or words is among the text's runs of letters (or its first one to
three letters, for a word), or a cue's first character that is no letter is in the text.
Every such test of every regex recognizer is run over the development corpora (as written, in
capitals, folded onto non-ASCII letters) and edge texts, against its regex alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.recognizers import patterns
from auditor.phi.recognizers.patterns import RegexRecognizer, Rule, context_regex
from auditor.synth.documents import note_texts

CORPORA = Path(__file__).resolve().parents[2] / "bench" / "phi_corpora"
# Cues and words glued to digits, dashes, apostrophes and non-ASCII letters, at the edges of
# a text, after a digit, in another script, a cue that opens with "#".
EDGES = (
    "", "a", "#", "#4471", "rx#5583120", "x1234", "5mrn 4471", "mrn5", "-mrn 1", "mrn-4471",
    "MRN", "Mrn:", "\u212aase 4471", "\u017fsn", "soc sec", "social  security", "ss#123",
    "\u010d. 4471/26", "č. 4471", "n\u00ba 4471", "№ 12345", "telefone: 11 4471", "тел. 4471",
    "d.o.b 1/2/33", "DOB:1/2/33", "5mrn", "mrn5", "pg4432", "a pg", "pt:", "dob",
    "ngày 3 tháng 4", "Pg 4432", "bleep 4471", "o'clock",
    "2ndmarch", "march2nd", "3-mar-2024", "mid-nineties", "in his 90s", "\u00e9t\u00e9 2019",
)  # fmt: skip


def _texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(CORPORA.glob("*.jsonl")):
        if "test" in path.stem:
            continue  # frozen batches are only ever scored
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    assert len(texts) > 500
    folded = [t.lower().replace("k", "\u212a").replace("s", "\u017f") for t in texts[1::3]]
    return [*EDGES, *texts, *note_texts(40, seed=7), *(t.upper() for t in texts[::3]), *folded]


def _set_tests(engine: PhiEngine) -> list[patterns._Search]:
    return [
        test
        for recognizer in engine.recognizers
        if isinstance(recognizer, RegexRecognizer)
        for test in recognizer._tests
        if isinstance(test, patterns._Search) and test.keys is not None
    ]


def test_every_set_test_says_what_its_regex_finds(engine: PhiEngine) -> None:
    # It rules out no text its regex finds something in, and where it is sure without the
    # regex (a cue that is a whole run, a short word that begins one), the regex agrees.
    tests = _set_tests(engine)
    assert sum(t.prefixes for t in tests) >= 10  # the word tests
    assert sum(not t.prefixes for t in tests) >= 25  # the cue regexes of context-only rules
    assert sum(bool(t.sure) for t in tests) >= 25
    differ = []
    for text in _texts():
        facts = patterns._Facts(text)
        for test in tests:
            m = test.regex.search(facts.lower)
            if (m is not None) != test(facts):
                differ.append((test.regex.pattern[:60], m and m.group(), text[:60]))
    assert differ == []


def test_the_set_tests_rule_out_most_notes(engine: PhiEngine) -> None:
    # What they are for: most cue and word searches of a plain note are spared.
    tests = _set_tests(engine)
    notes = [patterns._Facts(t) for t in note_texts(30, seed=3)]
    spared = sum(
        test.keys is not None
        and test.keys.isdisjoint(f.prefixes if test.prefixes else f.runs)
        and not any(c in f.lower for c in test.chars)
        for f in notes
        for test in tests
    )
    assert spared > 0.5 * len(notes) * len(tests)


@pytest.mark.parametrize(
    ("cues", "text", "found"),
    [
        (["mrn", "mr #"], "seen, MR # 4471", True),
        (["mrn", "mr #"], "mrs smith", False),
        (["mrn", "mr #"], "5mrn", False),
        (["#", "ext"], "call 4471 #2", True),
        (["#", "ext"], "call 4471", False),
        (["\u010d.", "nr"], "\u010d. 4471", True),
        (["social security", "ssn"], "social work", False),
        (["social security", "ssn"], "Social Security 4471", True),
    ],
)
def test_a_cue_regex_and_its_set_test_agree(cues: list[str], text: str, found: bool) -> None:
    regex = context_regex(cues)
    facts = patterns._Facts(text)
    assert (regex.search(facts.lower) is not None) is found
    assert patterns._cue_search(regex, regex)(facts) is found


def test_an_empty_cue_list_is_always_searched() -> None:
    # "(?:)" matches everywhere: no set can stand for it.
    assert patterns._cue_heads(context_regex([])) is None
    assert patterns._cue_heads(context_regex([""])) is None


def test_word_keys_hold_a_short_word_whole_and_a_long_one_by_three_letters() -> None:
    assert patterns._word_keys(("Mr", "jan", "Sept", "d.o.b")) == {"mr", "jan", "sep", "d"}
    assert patterns._word_keys(("ngày", "1st")) is None  # a word opening with no letter a-z


def test_the_facts_of_a_text_are_built_once_for_the_recognizers_in_turn() -> None:
    text = "MRN 4471 seen 3/4"
    first = patterns._facts(text)
    assert patterns._facts(text) is first
    other = "".join(["MRN 4471 ", "seen 3/4"])  # equal, another object
    assert patterns._facts(other) is not first
    assert patterns._facts(other).runs == first.runs == {"mrn", "seen"}


def test_rules_with_the_same_prefilters_share_one_test() -> None:
    cue = context_regex(["plan", "member"])
    shape = patterns.re.compile(r"\d{4,}")
    rules = [
        Rule("a", "ID", shape, 0.0, cue, 0.8),
        Rule("b", "ID", patterns.re.compile(r"[A-Z]\d{4,}"), 0.0, cue, 0.8, words=("plan",)),
        Rule("c", "ID", shape, 0.7, trigger=(":",)),
    ]
    recognizer = RegexRecognizer("t", rules)
    assert len(recognizer._tests) == 3  # the cue once, the words, the trigger
    found = recognizer.analyze("plan: 44712 and X55120", [])
    assert sorted((r.start, r.end, r.score) for r in found) == [
        (6, 11, 0.7),
        (6, 11, 0.8),
        (16, 22, 0.8),
        (17, 22, 0.7),
        (17, 22, 0.8),
    ]
