"""Run every rule once before a pack is accepted: over an empty view and one synthetic row.

Parsing and the column allow-list (``sqlcheck``) cannot see a cast to an unknown type, a bad
regular expression literal or a date part DuckDB does not know: such a rule would fail every
scan. Here each rule's compiled SQL runs against the real access view (context tables empty,
one event), so ``policies validate`` refuses it by id instead.
"""

from __future__ import annotations

import duckdb

from auditor.policy import view
from auditor.policy.context import prepare_context
from auditor.policy.engine import load_roles
from auditor.policy.model import PolicyPack, PolicyProblem

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
    'note', 'ED', 'WS-1', false, 'probe', NULL, NULL, TIMESTAMP '2024-03-04 10:00:00',
    map(['k'], ['v']))
"""


class _NoRejects:
    def add(self, *_args: object, **_kw: object) -> None:
        """Empty context tables have no rows to reject."""


def smoke_test(pack: PolicyPack) -> list[PolicyProblem]:
    """A problem per rule whose SQL fails on an empty view or on one synthetic event."""
    problems: list[PolicyProblem] = []
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET memory_limit = '256MB'")
        con.execute("SET threads = 1")
        prepare_context(con, None, "UTC", _NoRejects())  # type: ignore[arg-type]
        load_roles(con, pack)
        con.execute(_EVENTS)
        rules = [r for r in pack.rules if r.compiled]
        columns = view.view_columns(list(pack.rules))
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
            for rule in list(rules):
                try:
                    con.execute(f"SELECT count(*) FROM av WHERE ({rule.compiled})").fetchone()
                except duckdb.Error as exc:
                    when = "one synthetic event" if with_row else "an empty view"
                    message = str(exc).splitlines()[0][:200]
                    problems.append(
                        PolicyProblem(rule.file, rule.id, "when", f"fails on {when}: {message}")
                    )
                    rules.remove(rule)
    finally:
        con.close()
    return problems
