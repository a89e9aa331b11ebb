"""Run every rule once before a pack is accepted: over an empty view and one synthetic row.

Parsing and the column allow-list (``sqlcheck``) cannot see a cast to an unknown type, a bad
regular expression literal or a date part DuckDB does not know: such a rule would fail every
scan. Here each rule runs as a scan runs it (``hits.rule_query``: its ``when``, its window
query, its explanation), against the real access view built from synthetic context files
(one workforce member, patient, relationship and contact, every column filled) and one
event, so ``policies validate`` refuses it by id instead. Rule-independent columns such as
``event.attributes`` keep the values a scan would see when a file lacks them (NULL), so a
rule that only casts a site's own extra column is not refused here; if the site's data
breaks it, the scan names it (``policy.guard``).
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import duckdb

from auditor.policy import engine, hits, view
from auditor.policy.context import prepare_context
from auditor.policy.guard import Deadline
from auditor.policy.loader import validate_pack
from auditor.policy.model import PolicyPack, PolicyProblem

# Seconds one rule may take on one row: anything slower would never finish a real segment.
SMOKE_SECONDS = 10.0

_EVENTS = """
CREATE TABLE events (
    line BIGINT, event_id VARCHAR, ts TIMESTAMPTZ, user_id VARCHAR,
    patient_id VARCHAR, action VARCHAR, record_type VARCHAR, department VARCHAR,
    workstation VARCHAR, break_glass BOOLEAN, reason VARCHAR, bad VARCHAR, raw VARCHAR,
    lts TIMESTAMP, attributes MAP(VARCHAR, VARCHAR)
)
"""
_ROW = """
INSERT INTO events VALUES (2, 'E1', TIMESTAMPTZ '2024-03-04 10:00:00+00', 'U1', 'P1', 'view',
    'note', 'ED', 'WS-1', true, 'probe', NULL, NULL, TIMESTAMP '2024-03-04 10:00:00',
    map(['k'], ['v']))
"""
# One row per context file, every column given (docs/context-files.md).
_CONTEXT = {
    "workforce.csv": {
        "user_id": "U1",
        "first_name": "Ann",
        "last_name": "Lee",
        "role": "nurse",
        "department": "ED",
        "address": "1 Main St",
        "zip": "02139",
        "status": "terminated",
        "termination_date": "2024-03-01",
        "shift_start": "07:00",
        "shift_end": "19:00",
        "effective_from": "2024-01-01",
        "effective_to": "2024-12-31",
    },
    "patients.csv": {
        "patient_id": "P1",
        "first_name": "Bob",
        "last_name": "Lee",
        "birth_date": "1980-01-01",
        "address": "1 Main St",
        "zip": "02139",
        "vip": "true",
        "deceased_date": "2024-03-02",
        "sensitive": "hiv",
        "employee_user_id": "U1",
    },
    "relationships.csv": {
        "patient_id": "P1",
        "user_id": "U1",
        "department": "",
        "kind": "encounter",
        "start": "2024-03-01",
        "end": "2024-03-10",
    },
    "contacts.csv": {
        "patient_id": "P1",
        "first_name": "Ann",
        "last_name": "Lee",
        "relationship": "spouse",
        "address": "1 Main St",
    },
}


class _Rejects:
    """Collects what the context loader would quarantine (nothing, unless this file is wrong)."""

    def __init__(self) -> None:
        self.reasons: list[str] = []

    def add(self, file: str, line: int, reason: str, raw: str = "", field: str = "") -> None:
        self.reasons.append(f"{Path(file).name}:{line}: {reason}")


def _write_context(folder: Path) -> None:
    for name, row in _CONTEXT.items():
        with (folder / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
            writer.writerow(row)


def _active(pack: PolicyPack) -> list[engine.ActiveRule]:
    """Every rule, as a scan with every context file would run it."""
    cfg = engine.EngineConfig()
    out = []
    for index, rule in enumerate(pack.rules):
        over = threshold = 0
        if rule.window is not None:
            over = rule.window.over_minutes or cfg.high_volume_window_minutes
            threshold = rule.window.threshold or cfg.high_volume_threshold
        out.append(engine.ActiveRule(index, rule, over, threshold))
    return out


def smoke_test(pack: PolicyPack) -> list[PolicyProblem]:
    """A problem per rule whose SQL fails on an empty view or on one synthetic event."""
    problems: list[PolicyProblem] = []
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET memory_limit = '256MB'")
        con.execute("SET threads = 1")
        con.execute("SET TimeZone = 'UTC'")
        rejects = _Rejects()
        with tempfile.TemporaryDirectory(prefix="auditor-smoke-") as tmp:
            _write_context(Path(tmp))
            prepare_context(con, Path(tmp), "UTC", rejects)
        if rejects.reasons:  # the synthetic files are ours: a loader change broke them
            raise RuntimeError(f"smoke context rejected: {rejects.reasons[0]}")
        engine.load_roles(con, pack)
        con.execute(_EVENTS)
        active = _active(pack)
        columns = view.view_columns(list(pack.rules))
        source = engine.window_source(active)
        for with_row in (False, True):
            if with_row:
                con.execute(_ROW)
            view.create_view(
                con,
                timezone="UTC",
                before_days=1,
                after_days=1,
                placeholder_reasons=("n/a",),
                columns=columns,
            )
            if not with_row:
                engine.init_carry(con, active)
            hits.define_all_events(con, "smoke")
            for rule in list(active):
                sql = hits.rule_query(rule, "smoke", timezone="UTC", source=source)
                deadline = Deadline(con, SMOKE_SECONDS)
                try:
                    with deadline:
                        con.execute(sql).fetchall()
                except duckdb.Error as exc:
                    when = "one synthetic event" if with_row else "an empty view"
                    message = str(exc).splitlines()[0][:200]
                    if deadline.fired:
                        message = f"did not finish within {SMOKE_SECONDS:g} s"
                    field = "when" if rule.rule.when else "window"
                    problems.append(
                        PolicyProblem(
                            rule.rule.file, rule.rule.id, field, f"fails on {when}: {message}"
                        )
                    )
                    active.remove(rule)
    finally:
        con.close()
    return problems


def run_pack(directory: Path) -> tuple[PolicyPack | None, list[PolicyProblem]]:
    """``validate_pack``, then every rule run once as a scan would (``smoke_test``), so a rule
    that would fail every scan is refused by id; for ``policies validate``."""
    pack, problems = validate_pack(directory)
    if pack is None:
        return None, problems
    problems = smoke_test(pack)
    return (None, problems) if problems else (pack, [])
