"""A rule is skipped in a text whose longest run of digits, or of word characters, is shorter
than one every match of its regex holds (``regex_start.run_needs``): the need may only be a
lower bound.

Every rule of every regex recognizer is run over the development corpora (as written, in
capitals, with letters swapped for the non-ASCII ones that case-fold onto ASCII, with digits
in other scripts) and edge texts: each match must itself hold runs as long as the need. Then
the analysis on small patterns.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.recognizers import patterns
from auditor.phi.recognizers.patterns import RegexRecognizer
from auditor.phi.recognizers.regex_start import run_needs
from auditor.synth.documents import note_texts

CORPORA = Path(__file__).resolve().parents[2] / "bench" / "phi_corpora"
EDGES = (
    "", "1", "123-45-6789", "123 45 6789", "123456789", "SSN\u00a0123456789", "1HGCM82633A004352",
    "1hgcm82633a004352", "AB1234563", "\u212aB1234563", "\u0661\u0662\u0663-\u0664\u0665-"
    "\u0666\u0667\u0668\u0669", "\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19",
    "4111 1111 1111 1111", "4111-1111-1111-1111", "NPI 1234567893", "MRN: 0012345678",
    "DOB 19600417", "+44 20 7946 0958", "617.555.0142", "x_y_z 12_34", "IE29AIBK93115212345678",
)  # fmt: skip
_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(r"\w+")


def _texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(CORPORA.glob("*.jsonl")):
        if "test" in path.stem:
            continue  # frozen batches are only ever scored
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    assert len(texts) > 500
    folded = [t.replace("k", "\u212a").replace("s", "\u017f").replace("i", "\u0131") for t in texts]
    arabic = str.maketrans(
        "0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    )
    return [
        *EDGES, *texts, *note_texts(40, seed=7), *(t.upper() for t in texts[::2]),
        *folded[1::3], *(t.translate(arabic) for t in texts[2::3]),
    ]  # fmt: skip


def _longest(regex: re.Pattern[str], text: str) -> int:
    return max(map(len, regex.findall(text)), default=0)


@pytest.mark.exhaustive  # every rule over every dev corpus and its variants
def test_every_match_holds_the_runs_its_rule_needs(engine: PhiEngine) -> None:
    rules = {
        id(rule.regex): rule.regex
        for recognizer in engine.recognizers
        if isinstance(recognizer, RegexRecognizer)
        for rule in recognizer.rules
    }
    needs = {key: run_needs(regex) for key, regex in rules.items()}
    assert sum(d >= 5 for d, _ in needs.values()) >= 20  # most number rules need five digits
    short = []
    for text in _texts():
        for key, regex in rules.items():
            digits, words = needs[key]
            if not (digits or words):
                continue
            for m in regex.finditer(text):
                if _longest(_DIGITS, m.group()) < digits or _longest(_WORDS, m.group()) < words:
                    short.append((regex.pattern[:50], m.group()))
    assert short == []


def test_a_text_without_the_runs_is_not_scanned_and_finds_the_same(engine: PhiEngine) -> None:
    # The recognizers with the skip find what every rule finds alone in texts that have and
    # lack long numbers.
    texts = ["seen 3/4, call 617-555-0142", "MRN 5520913, VIN 1HGCM82633A004352", "NPI 1234567893"]
    for recognizer in engine.recognizers:
        if not isinstance(recognizer, RegexRecognizer):
            continue
        for text in texts:
            facts = patterns._Facts(text)
            for _rule, _tests, scan, _slot, digits, words in recognizer._plans:
                if digits > facts.digit_run or words > facts.word_run:
                    assert scan.search(text) is None


@pytest.mark.parametrize(
    ("pattern", "flags", "needs"),
    [
        (r"\d{3}-\d{2}-\d{4}", 0, (4, 4)),
        (r"(?<![\w-])\d{9}(?![\w-])", 0, (9, 9)),
        (r"(?<![\w-])[A-HJ-NPR-Z0-9]{17}(?![\w-])", re.IGNORECASE, (0, 17)),
        (r"[A-Z][A-Z9]\d{7}", re.IGNORECASE, (7, 9)),
        (r"(?:19|20)\d{2}", 0, (4, 4)),
        (r"\d+(?=x)\d\d", 0, (3, 3)),  # a look-ahead between digits breaks no run
        (r"(?:ab|\d\d\d)x", 0, (0, 3)),  # the shorter alternative counts
        (r"(?:\d[ -]?){12,18}\d", 0, (1, 1)),  # an optional blank breaks the run
        (r"a?\d\d", 0, (2, 2)),
        (r"\d{0,3}", 0, (0, 0)),
        (r"(\d)\1", 0, (1, 1)),  # a back reference is no known class
        (r"[^\W\d_]{3,}", 0, (0, 3)),
        (r"[0-9a-f]{4}", 0, (0, 4)),
        (r"[\d.]{6}", 0, (0, 0)),  # a dot is neither
        (r"\d\d.\d\d", 0, (2, 2)),
        (r"(?:\d\d|)\d", 0, (1, 1)),  # an empty alternative consumes nothing
    ],
)
def test_run_needs(pattern: str, flags: int, needs: tuple[int, int]) -> None:
    assert run_needs(re.compile(pattern, flags)) == needs
