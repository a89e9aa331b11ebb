"""No rule may stall on a long run of blanks after its cue word.

Regexes with two optional blank runs side by side ("label[ \\t]*[:#]?[ \\t]*") are quadratic
or cubic on a gap: "bleep" + 5,000 blanks took 625 s, a form label + 500 blanks 17 s. Exports
hold such gaps (fixed-width columns, redacted runs turned to blanks), and a hostile file can
plant one, so every rule's own cue words are fed a gap here; a fixed rule reads it once.
"""

from __future__ import annotations

import time

import pytest

from auditor.phi.engine import PhiEngine

GAP = 3_000  # cubic costs minutes here, linear a few milliseconds
# Cue words with no trigger of their own (labels the grammar and the org stage read).
LABELS = ("Employer:", "Pharmacy on file", "Plate", "file no", "Claim #", "MRN", "ID", "Apt",
          "Suite", "Patient:", "Dr.", "referred to", "Tel", "x", "ext")  # fmt: skip


def _cue_words(engine: PhiEngine) -> list[str]:
    words = set(LABELS)
    for recognizer in engine.recognizers:
        for rule in getattr(recognizer, "rules", ()):
            words.update(rule.trigger or ())
            words.update(rule.words or ())
    return sorted(words)


@pytest.mark.slow
def test_no_cue_word_before_a_long_gap_stalls_the_engine(engine: PhiEngine) -> None:
    engine.analyze(" to  Harbor Light\n")  # a candidate for NER: its one-off load, up front
    words = _cue_words(engine)
    assert len(words) > 50  # the rules' triggers were read
    slow = []
    for word in words:
        for tail in ("x", "1", "Harbor Light\n"):
            text = f"{word}{' ' * GAP}{tail}"
            t0 = time.process_time()
            engine.analyze(text)
            spent = time.process_time() - t0
            if spent > 1.0:
                slow.append((word, tail.strip(), round(spent, 2)))
    assert slow == []
