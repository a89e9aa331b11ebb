"""A rule's prefilter may only skip texts its regex cannot match in (``Rule.words``).

The prefilters exist for speed; a wrong one silently loses PHI. So every rule's regex is run
over every development corpus and a set of edge texts, and must find nothing in a text its
prefilter rejects. And rules sharing one regex, scanned once, find what they found alone.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.recognizers.patterns import RegexRecognizer, Rule

CORPORA = Path(__file__).resolve().parents[2] / "bench" / "phi_corpora"
# Matches at the edges of the prefilters: capitals, words glued to digits or dashes,
# a month after a dash, a cue in another case.
EDGES = (
    "SEEN TUESDAY 3/4/2025", "on 3-Mar-2024 and 14-sept", "since MARCH", "Dec. 2, 2019",
    "in her mid-nineties", "Pg 4432", "PAGER: 55123", "TURNED 95 last week", "is aged 91",
    "a hundred and one years old", "Christmas Eve", "NEW YEAR'S DAY", "12 de marzo de 2024",
    "le 3 août 2023", "Mon 4th", "fri, 12 jan", "1-3 March", "Sat 2/3", "WED 14 FEB",
)  # fmt: skip


def _texts() -> list[str]:
    texts = list(EDGES)
    for path in sorted(CORPORA.glob("*.jsonl")):
        if "test" in path.stem:
            continue  # frozen batches are only ever scored: a failure here would show them
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return texts


def _passes(rule: Rule, lower: str) -> bool:
    if rule.trigger and not any(t in lower for t in rule.trigger):
        return False
    if rule.words:
        words = "|".join(re.escape(w) for w in rule.words)
        return re.search(rf"(?<![a-z])(?:{words})", lower) is not None
    return True


@pytest.mark.exhaustive  # every rule over every dev corpus
def test_no_prefilter_hides_a_match(engine: PhiEngine) -> None:
    texts = _texts()
    assert len(texts) > 500
    rules = [
        rule
        for recognizer in engine.recognizers
        if isinstance(recognizer, RegexRecognizer)
        for rule in recognizer.rules
        if rule.words or rule.trigger
    ]
    assert sum(bool(rule.words) for rule in rules) >= 10  # the word prefilters were read
    hidden = [
        (rule.name, m.group())
        for rule in rules
        for text in texts
        if not _passes(rule, text.lower())
        for m in [rule.regex.search(text)]
        if m is not None
    ]
    assert hidden == []


@pytest.mark.parametrize("text", ["Plan ID 88X4471Q, account 5521-0093", "plan: 77Q88 / acct 4"])
def test_rules_sharing_a_regex_find_what_each_finds_alone(text: str) -> None:
    shape = re.compile(r"(?<![\w-])[A-Z0-9][A-Z0-9-]{3,22}[A-Z0-9](?![\w-])")
    plan = Rule("plan", "HEALTH_PLAN_NUMBER", shape, 0.0, re.compile(r"plan"), 0.8)
    account = Rule("account", "ACCOUNT_NUMBER", shape, 0.0, re.compile(r"acc(?:oun)?t"), 0.8)

    def spans(*rules: Rule) -> set[tuple[str, int, int]]:
        found = RegexRecognizer("t", rules).analyze(text, [])
        return {(r.entity_type, r.start, r.end) for r in found}

    assert spans(plan, account) == spans(plan) | spans(account)
    assert spans(plan, account)  # the texts hold a cued value
