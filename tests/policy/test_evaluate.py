"""SegmentEvaluator: the policy sequence (context, view, rules, window carry) on its own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from auditor.config import default_policies_dir
from auditor.policy import carry_parts, engine
from auditor.policy.evaluate import SegmentEvaluator
from auditor.policy.loader import load_pack
from auditor.scanners.access_logs import PARSERS
from auditor.scanners.access_logs.segments import csv_segments
from auditor.sql import quote_ident, quote_str
from tests.policy.conftest import EVENT_HEADER, write_csv

VOLUME = "ACC-VOLUME-001"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Sink:
    """A RejectSink that keeps what it is given."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, int, str]] = []

    def add(self, file: str, line: int, reason: str, raw: str = "", field: str = "") -> None:
        self.rows.append((file, line, reason))


def _log(path: Path, first: int, n: int) -> Path:
    """``n`` views of distinct patients by one user, one a minute from minute ``first``."""
    rows = [
        {
            "event_id": f"e{i}",
            "timestamp": (START + timedelta(minutes=i)).isoformat(),
            "user_id": "u1",
            "patient_id": f"p{i}",
            "action": "view",
        }
        for i in range(first, first + n)
    ]
    return write_csv(path, EVENT_HEADER, rows)


def test_quoting_doubles_embedded_quotes() -> None:
    assert quote_str("O'Brien") == "'O''Brien'"
    assert quote_ident('a"b') == '"a""b"'


@pytest.mark.parametrize("split", [True, False])
def test_a_burst_across_segments_is_found_once(tmp_path: Path, split: bool) -> None:
    """The carry moves on only once a segment's hits are read: a 40-patient burst split
    20 + 20 over two segments is reported once, in the second, as in one segment."""
    logs = (
        [_log(tmp_path / "a.csv", 0, 20), _log(tmp_path / "b.csv", 20, 20)]
        if split
        else [_log(tmp_path / "ab.csv", 0, 40)]
    )
    cfg = engine.EngineConfig()
    con = engine.connect(cfg, allowed_dirs=[tmp_path], allowed_paths=logs)
    try:
        evaluator = SegmentEvaluator(con, load_pack(default_policies_dir()), cfg)
        context = evaluator.prepare(None, Sink())
        assert context.present == set()
        assert VOLUME in {a.rule.id for a in evaluator.active}
        assert evaluator.disabled  # the rules needing context files say why
        hits: list[tuple[str, str]] = []
        processed = 0
        for log in logs:
            seg = next(
                csv_segments(log, PARSERS["csv"], tmp_path, site_tz="UTC", segment_bytes=1 << 20)
            )
            loaded = seg.load(con)
            evaluation = evaluator.evaluate(seg.label, loaded.line_sql)
            processed += evaluation.processed
            assert sum(n for _, n, _ in evaluation.days) == evaluation.processed
            rule_ids = {a.index: a.rule.id for a in evaluator.active}
            hits += [(rule_ids[h[0]], h[1]) for chunk in evaluation.chunks for h in chunk]
        manifest = evaluator.checkpoint_part(tmp_path / "parts")
    finally:
        con.close()
    assert processed == 40
    volume = [source for rule, source in hits if rule == VOLUME]
    assert len(volume) == 1
    assert volume[0].startswith(str(logs[-1]))
    assert [p.rows for p in manifest.parts] == [40]
    assert all(f.exists() for f in manifest.files())


def test_the_last_segments_carry_is_written_as_advancing_would_leave_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``checkpoint_part`` right after a segment writes the carry with that segment's events
    without inserting them (the scan's last segment): the same rows, keys and sources as
    moving the carry on first, with copies of carried events and events past the cutoff.
    (Every checkpoint here writes the whole carry as one part: ``MAX_PARTS`` 0.)"""
    monkeypatch.setattr(carry_parts, "MAX_PARTS", 0)
    later = engine.EngineConfig().carry_hours
    logs = [
        _log(tmp_path / "a.csv", 0, 20),
        _log(tmp_path / "b.csv", 10, 20),  # e10-e19 again (carried), e20-e29 new
        _log(tmp_path / "c.csv", (later + 1) * 60, 5),  # past the window: a's events go
    ]
    cfg = engine.EngineConfig()
    con = engine.connect(cfg, allowed_dirs=[tmp_path], allowed_paths=logs)
    try:
        evaluator = SegmentEvaluator(con, load_pack(default_policies_dir()), cfg)
        evaluator.prepare(None, Sink())
        counts = []
        for log in logs:
            seg = next(
                csv_segments(log, PARSERS["csv"], tmp_path, site_tz="UTC", segment_bytes=1 << 20)
            )
            evaluation = evaluator.evaluate(seg.label, seg.load(con).line_sql)
            for _ in evaluation.chunks:
                pass
            parts = [evaluator.checkpoint_part(tmp_path / "parts").files()]  # not moved on yet
            evaluator._advance()
            parts.append(evaluator.checkpoint_part(tmp_path / "parts").files())
            assert [len(files) for files in parts] == [1, 1]  # each the whole carry
            read = "SELECT * FROM read_parquet({}) ORDER BY k"
            written, moved = (
                con.execute(read.format(quote_str(str(files[0])))).fetchall() for files in parts
            )
            assert written == moved
            counts.append(len(moved))
    finally:
        con.close()
    assert counts == [20, 30, 5]
