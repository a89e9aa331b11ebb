"""A rule that runs away or fails on the data is stopped and named; the others still report.

The hostile rules here are built past the loader (the allow-list refuses subqueries and
table functions), as if the allow-list had a hole: the time limit is the defence behind it.
"""

from __future__ import annotations

import dataclasses
import json
import resource
import shutil
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from auditor.config import default_policies_dir
from auditor.policy import engine
from auditor.policy.evaluate import SegmentEvaluator
from auditor.policy.loader import load_pack
from auditor.policy.model import PolicyPack, Rule, Severity
from auditor.scanners.access_logs import PARSERS
from auditor.scanners.access_logs.segments import csv_segments
from tests.policy.conftest import EVENT_HEADER, Scan, World, write_csv

VOLUME, BTG = "ACC-VOLUME-001", "ACC-BTG-001"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CROSS_JOIN = "(SELECT count(*) FROM range(1000000) a, range(1000000) b) > 0"
RECURSIVE = (
    "(WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT max(n) FROM r) > 0"
)


class Sink:
    def add(self, *_args: object, **_kw: object) -> None:
        """No context files: nothing to reject."""


def _log(path: Path, first: int, n: int) -> Path:
    """``n`` break-the-glass views with a placeholder reason, of distinct patients by one
    user, one a minute: a volume burst and ``n`` BTG findings."""
    rows = [
        {
            "event_id": f"e{i}",
            "timestamp": (START + timedelta(minutes=i)).isoformat(),
            "user_id": "u1",
            "patient_id": f"p{i}",
            "action": "view",
            "break_glass": "true",
            "reason": "n/a",
        }
        for i in range(first, first + n)
    ]
    return write_csv(path, EVENT_HEADER, rows)


def _hostile(rule_id: str, sql: str) -> Rule:
    return Rule(
        id=rule_id,
        category="vip_access",
        title="hostile",
        severity=Severity.LOW,
        cites=("45 CFR 164.502(b)",),
        explain="{user_id}",
        when=sql,
        compiled=sql,
    )


def _evaluate(
    tmp_path: Path, pack: PolicyPack, logs: list[Path], limit: float, memory: str = "1GB"
) -> tuple[list[tuple[str, str]], dict[str, str], float]:
    """(hits as (rule id, source), failed rules, seconds) over one segment per log."""
    cfg = dataclasses.replace(engine.EngineConfig(), rule_time_limit=limit, memory_limit=memory)
    con = engine.connect(cfg, allowed_dirs=[tmp_path], allowed_paths=logs)
    started = time.perf_counter()
    try:
        evaluator = SegmentEvaluator(con, pack, cfg)
        evaluator.prepare(None, Sink())
        ids = {a.index: a.rule.id for a in evaluator.active}
        hits: list[tuple[str, str]] = []
        for log in logs:
            seg = next(
                csv_segments(log, PARSERS["csv"], tmp_path, site_tz="UTC", segment_bytes=1 << 20)
            )
            evaluation = evaluator.evaluate(seg.label, seg.load(con).line_sql)
            hits += [(ids[h[0]], h[1]) for chunk in evaluation.chunks for h in chunk]
        return hits, dict(evaluator.failed), time.perf_counter() - started
    finally:
        con.close()


@pytest.mark.parametrize("sql", [CROSS_JOIN, RECURSIVE], ids=["cross-join", "recursive-cte"])
def test_a_runaway_rule_is_stopped_and_named(tmp_path: Path, sql: str) -> None:
    shipped = load_pack(default_policies_dir())
    pack = dataclasses.replace(shipped, rules=(*shipped.rules, _hostile("ACC-HOSTILE-001", sql)))
    logs = [_log(tmp_path / "a.csv", 0, 20), _log(tmp_path / "b.csv", 20, 20)]
    hits, failed, seconds = _evaluate(tmp_path, pack, logs, limit=1.0)
    # Stopped within the limit: in the pass that makes the segment's table, together with the
    # others in their own pass, alone; then never again.
    assert seconds < 15
    assert list(failed) == ["ACC-HOSTILE-001"]
    why = failed["ACC-HOSTILE-001"]
    assert f"{logs[0]} lines 2-21" in why and "time limit of 1 s" in why
    assert "not run again" in why and "later segment" not in why
    # Every other rule's findings came out, in both segments.
    assert sum(1 for rule, _ in hits if rule == BTG) == 40
    assert [rule for rule, _ in hits if rule == VOLUME] == [VOLUME]
    assert not any(rule == "ACC-HOSTILE-001" for rule, _ in hits)


def test_a_memory_hungry_rule_hits_the_memory_limit_and_is_named(tmp_path: Path) -> None:
    shipped = load_pack(default_policies_dir())
    hungry = "(SELECT length(string_agg(repeat('x', 1000), '')) FROM range(1000000)) > 0"
    pack = dataclasses.replace(shipped, rules=(*shipped.rules, _hostile("ACC-HUNGRY-001", hungry)))
    hits, failed, _ = _evaluate(
        tmp_path, pack, [_log(tmp_path / "a.csv", 0, 40)], limit=30.0, memory="64MB"
    )
    assert list(failed) == ["ACC-HUNGRY-001"]
    assert "OutOfMemoryException (memory limit 64MB" in failed["ACC-HUNGRY-001"]
    assert sum(1 for rule, _ in hits if rule == BTG) == 40
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 2 << 20  # KiB: under 2 GiB


def test_a_slow_window_rule_is_stopped_alone(tmp_path: Path) -> None:
    shipped = load_pack(default_policies_dir())
    volume = shipped.by_id(VOLUME)
    slow = dataclasses.replace(volume, id="ACC-VOLUME-999", compiled=CROSS_JOIN, when=CROSS_JOIN)
    pack = dataclasses.replace(shipped, rules=(*shipped.rules, slow))
    hits, failed, seconds = _evaluate(tmp_path, pack, [_log(tmp_path / "a.csv", 0, 40)], 1.0)
    assert seconds < 15 and list(failed) == ["ACC-VOLUME-999"]
    assert [rule for rule, _ in hits if rule == VOLUME] == [VOLUME]
    assert sum(1 for rule, _ in hits if rule == BTG) == 40


def test_a_rule_failing_on_one_segment_still_runs_on_the_others(tmp_path: Path) -> None:
    """A data error: the rule is named with the segment, runs alone afterwards, and its hits
    on good segments (and every other rule's) are kept."""
    shipped = load_pack(default_policies_dir())
    cast = "CAST(event__patient_id AS INTEGER) > 0"
    numeric = _hostile("ACC-CAST-001", cast)
    pack = dataclasses.replace(shipped, rules=(*shipped.rules, numeric))
    good = write_csv(
        tmp_path / "good.csv",
        EVENT_HEADER,
        [{"event_id": "g1", "timestamp": START.isoformat(), "user_id": "u", "patient_id": "7"}],
    )
    logs = [_log(tmp_path / "a.csv", 0, 5), good, _log(tmp_path / "b.csv", 5, 5)]
    hits, failed, _ = _evaluate(tmp_path, pack, logs, limit=30.0)
    assert list(failed) == ["ACC-CAST-001"]
    why = failed["ACC-CAST-001"]
    assert why.startswith(f"failed at scan time on {logs[0]} lines 2-6: ConversionException")
    assert "(and on 1 later segment(s))" in why and "not run again" not in why
    assert "p0" not in why  # DuckDB's message quotes the value: never passed on
    assert [s for rule, s in hits if rule == "ACC-CAST-001"] == [f"{good}:2"]
    assert sum(1 for rule, _ in hits if rule == BTG) == 10


RUNTIME_RULE = """- id: ACC-AGE-001
  category: vip_access
  severity: low
  title: probe
  cites: ["45 CFR 164.502(b)"]
  when: "CAST(event.attributes['age'] AS INTEGER) > 90"
  explain: "{user_id} probe {patient_id}"
"""


def age_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(default_policies_dir(), pack, ignore=shutil.ignore_patterns("__*"))
    (pack / "probe.yaml").write_text(RUNTIME_RULE, encoding="utf-8")
    return pack


def age_world(world: World) -> None:
    for i in range(5):
        ts = (START + timedelta(minutes=i)).isoformat()
        world.event(f"e{i}", ts, "u1", f"p{i}", break_glass="true", reason="n/a")
    world.workforce.append({"user_id": "u1", "first_name": "a", "last_name": "b", "role": "rn"})


def add_age(log: Path, ages: list[str]) -> None:
    lines = log.read_text(encoding="utf-8").splitlines()
    out = [lines[0] + ",age"] + [f"{ln},{age}" for ln, age in zip(lines[1:], ages, strict=True)]
    log.write_text("\n".join(out) + "\n", encoding="utf-8")


def test_a_rule_failing_on_real_data_is_in_the_run_summary(
    tmp_path: Path, world: World, run_scan: Callable[..., Scan]
) -> None:
    pack = age_pack(tmp_path)
    age_world(world)
    ctx, log = world.write()
    add_age(log, ["91", "40", "x9", "95", "12"])
    world.write = lambda skip=(): (ctx, log)  # type: ignore[method-assign]
    scan = run_scan(world, policies_dir=pack)
    assert list(scan.summary["failed_rules"]) == ["ACC-AGE-001"]
    assert "ConversionException" in scan.summary["failed_rules"]["ACC-AGE-001"]
    assert "x9" not in json.dumps(scan.summary)
    assert len([f for f in scan.findings if f.rule_id == BTG]) == 5
