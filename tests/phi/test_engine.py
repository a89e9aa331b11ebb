"""Engine behaviour: chunking, batching, merging, no PHI in logs, no network."""

from __future__ import annotations

import copy
import itertools
import logging
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.phi.engine import PhiEngine, PhiSpan, chunk_text, merge_spans


def test_chunks_cover_text_and_own_disjoint_ranges() -> None:
    text = " ".join(f"word{i}" for i in range(3000))
    pieces = chunk_text(text, size=1000, overlap=200)
    assert len(pieces) > 10
    owned = []
    for offset, piece, keep_from, keep_to in pieces:
        assert text[offset : offset + len(piece)] == piece
        assert len(piece) <= 1000
        owned.append((offset + keep_from, offset + keep_to))
    assert owned[0][0] == 0 and owned[-1][1] == len(text)
    for (_, end), (start, _) in itertools.pairwise(owned):
        assert end == start  # owned ranges tile the text: every span has exactly one owner


@pytest.mark.parametrize("shift", range(0, 60, 7))
def test_span_straddling_a_chunk_boundary_is_found_once(engine: PhiEngine, shift: int) -> None:
    small = copy.copy(engine)
    small.chunk_chars, small.chunk_overlap = 400, 120
    phone = "(617) 555-0143"
    filler = "pt resting comfortably, no acute events overnight. " * 8
    # Put the phone number across the first chunk's natural end (~400 chars).
    text = filler[: 380 + shift] + " call " + phone + " " + filler
    assert len(chunk_text(text, 400, 120)) > 1
    spans = [s for s in small.analyze(text) if s.entity_type == "PHONE_NUMBER"]
    assert [(text[s.start : s.end]) for s in spans] == [phone]
    assert spans == [s for s in engine.analyze(text) if s.entity_type == "PHONE_NUMBER"]


def test_analyze_many_keeps_order_and_handles_empty(engine: PhiEngine) -> None:
    texts = ["", "Call 617-555-0143.", "   ", "Seen by Dr. Swan on 7/22."] * 40
    results = list(engine.analyze_many(texts))
    assert len(results) == len(texts)
    for text, spans in zip(texts, results, strict=True):
        assert spans == engine.analyze(text)
    assert results[0] == [] and results[2] == []
    assert {s.entity_type for s in results[3]} == {"PERSON", "DATE_TIME"}


def test_merge_unions_same_type_and_drops_contained_other_type() -> None:
    spans = [
        PhiSpan("PERSON", 0, 4, 0.6),
        PhiSpan("PERSON", 3, 10, 0.9),
        PhiSpan("LOCATION", 5, 8, 0.7),
        PhiSpan("DATE_TIME", 20, 24, 0.9),
    ]
    assert merge_spans(spans) == [PhiSpan("PERSON", 0, 10, 0.9), PhiSpan("DATE_TIME", 20, 24, 0.9)]


def test_per_entity_thresholds_not_global(engine: PhiEngine) -> None:
    assert len(set(engine.thresholds.values())) > 1
    loose = copy.copy(engine)
    loose.thresholds = {**engine.thresholds, "PHONE_NUMBER": 1.01}
    text = "Call 617-555-0143, seen 7/22."
    assert {s.entity_type for s in loose.analyze(text)} == {"DATE_TIME"}


def test_no_phi_in_logs(engine: PhiEngine, caplog: pytest.LogCaptureFixture) -> None:
    values = ["Kowalczyk", "617-555-0143", "jane.doe@example.com", "123-45-6788", "7/22"]
    text = (
        f"Seen by Dr. {values[0]}, call {values[1]}, email {values[2]}, "
        f"SSN {values[3]}, admitted {values[4]}."
    )
    with caplog.at_level(logging.DEBUG):
        spans = engine.analyze(text)
        list(engine.analyze_many([text, text]))
    assert len(spans) >= 5
    logged = caplog.text + "".join(repr(r.args) for r in caplog.records)
    for value in values:
        assert value not in logged
    assert all(value not in repr(s) for s in spans for value in values)


def test_no_network_during_analysis(engine: PhiEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    text = "Mail jane.doe@example.co.uk or visit www.example.org"
    assert {s.entity_type for s in engine.analyze(text)} == {"EMAIL_ADDRESS", "URL"}


def test_from_settings_uses_config_and_home_dictionaries(tmp_path: Path) -> None:
    from auditor.config import load_settings

    home = tmp_path / "home"
    (home / "dictionaries").mkdir(parents=True)
    (home / "dictionaries" / "staff.tsv").write_text("PERSON\tQuillfeather\n")
    (home / "auditor.toml").write_text("[phi]\nthresholds = { PHONE_NUMBER = 1.01 }\n")
    settings = load_settings(home, environ={"AUDITOR_PHI__MRN_PATTERNS": '["ZZ\\\\d{5}"]'})
    built = PhiEngine.from_settings(settings)
    assert built.analyze("call 617-555-0143") == []  # the site raised the phone threshold
    text = "note by quillfeather, id ZZ12345"
    assert {(s.entity_type, text[s.start : s.end]) for s in built.analyze(text)} == {
        ("PERSON", "quillfeather"),
        ("MEDICAL_RECORD_NUMBER", "ZZ12345"),
    }


def test_optional_ner_keeps_a_lean_pipeline_and_the_stop_list() -> None:
    ner = PhiEngine(use_ner=True)
    assert ner.describe()["pipeline"] == ["tok2vec", "ner"]
    text = "Foley catheter placed. Seen by Ativan team. Zbigniew Kowalczyk visited."
    found = {(s.entity_type, text[s.start : s.end]) for s in ner.analyze(text)}
    assert ("PERSON", "Zbigniew Kowalczyk") in found
    assert not any(v in {"Foley", "Ativan"} for _, v in found)


def test_default_pipeline_is_tokenizer_only(engine: PhiEngine) -> None:
    info = engine.describe()
    assert info["pipeline"] == []
    assert "AuditorNameRecognizer" in info["recognizers"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=0, max_size=400))
def test_any_text_gives_in_bounds_sorted_spans(engine: PhiEngine, text: str) -> None:
    spans = engine.analyze(text)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert spans == sorted(spans, key=lambda s: (s.start, s.end, s.entity_type))


def test_unspaced_and_crlf_inputs(engine: PhiEngine) -> None:
    blob = "x" * 250_000 + " call (617) 555-0143\r\nSeen by Dr. Swan\r\n" + "y" * 10
    spans = {(s.entity_type, blob[s.start : s.end]) for s in engine.analyze(blob)}
    assert spans == {("PHONE_NUMBER", "(617) 555-0143"), ("PERSON", "Swan")}
