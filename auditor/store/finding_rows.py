"""Findings as database rows: one column order, driver-ready parameters, one insert statement.

The store writes tens of thousands of findings per scan; building rows and binding them is
done here in bulk (tuples, column-wise conversion), apart from the session logic in
``repo``, and can run on a thread that holds no session.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Dialect

from auditor.findings import AccessFinding, AccessRow, PhiFinding
from auditor.store.models import Finding, FindingKind, FindingStatus

INSERT_COLUMNS = (
    "identity",
    "kind",
    "rule_id",
    "category",
    "severity",
    "location",
    "source",
    "event_id",
    "user_id",
    "patient_id",
    "event_time",
    "start",
    "end",
    "score",
    "fingerprint",
    "explanation",
    "explained",
    "status",
    "reviewer",
    "note",
    "first_seen",
    "last_seen",
    "first_run_id",
    "last_run_id",
)
Row = tuple[Any, ...]  # a findings row in INSERT_COLUMNS order


def _new_triage(run_id: str | None, seen: datetime) -> Row:
    """status, reviewer, note, first/last seen, first/last run of a finding new to the store."""
    return (FindingStatus.OPEN, "", "", seen, seen, run_id, run_id)


def access_row(r: AccessRow, run_id: str | None, seen: datetime) -> Row:
    return (
        r.identity,
        FindingKind.ACCESS,
        r.rule_id,
        r.category,
        r.severity,
        r.event_id,  # location
        r.source,
        r.event_id,
        r.user_id,
        r.patient_id,
        r.timestamp,
        None,
        None,
        None,
        r.fingerprint,
        r.explanation,
        r.explained,
        *_new_triage(run_id, seen),
    )


def phi_row(f: PhiFinding, identity: str, run_id: str | None, seen: datetime) -> Row:
    return (
        identity,
        FindingKind.PHI,
        f.entity_type,
        "phi",
        "medium",
        f.location_key,
        f.source,
        "",
        "",
        "",
        seen,
        f.start,
        f.end,
        f.score,
        f.fingerprint,
        "",
        False,
        *_new_triage(run_id, seen),
    )


_FEW_VALUES = frozenset({"kind", "status", "first_seen", "last_seen"})


class FastInsert:
    """One prepared ``INSERT ... ON CONFLICT (identity) DO UPDATE`` for the session's backend.

    Rows go to the driver's ``executemany`` as ready-made parameters (the column types' own
    bind processors applied), skipping the ORM's per-row bookkeeping: inserting tens of
    thousands of findings is then bounded by the database, not by Python. ``None`` when the
    backend has no ON CONFLICT (then the ORM path below is used).
    """

    def __init__(self, dialect: Dialect) -> None:
        from sqlalchemy.dialects import postgresql, sqlite

        mod: Any = {"sqlite": sqlite, "postgresql": postgresql}[dialect.name]
        table = Finding.__table__
        stmt = mod.insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.identity],
            set_={"last_seen": stmt.excluded.last_seen, "last_run_id": stmt.excluded.last_run_id},
        )
        compiled = stmt.compile(dialect=dialect, column_keys=list(INSERT_COLUMNS))
        self.sql = str(compiled)
        self.positional = bool(compiled.positional)
        order = list(compiled.positiontup or ()) if self.positional else list(INSERT_COLUMNS)
        if sorted(order) != sorted(INSERT_COLUMNS):  # pragma: no cover - SQLAlchemy change
            raise RuntimeError("unexpected parameters in the findings insert")
        self.order = order
        # Rows arrive in INSERT_COLUMNS order; ``take`` reorders them for the driver.
        self.take = [INSERT_COLUMNS.index(name) for name in order]
        procs = {
            name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in order
        }
        # Per driver position: the column's bind processor, and whether its values are few
        # (kind, status, the run's timestamps: converted once per distinct value).
        self.procs: list[tuple[Any, bool] | None] = [
            (proc, name in _FEW_VALUES) if (proc := procs[name]) is not None else None
            for name in order
        ]

    def params(self, rows: Sequence[Row]) -> list[Any]:
        """Driver parameters for ``rows``, converted a column at a time (list comprehensions
        instead of a Python loop over every cell)."""
        columns: list[list[Any]] = []
        for src, spec in zip(self.take, self.procs, strict=True):
            values = [row[src] for row in rows]
            if spec is not None:
                proc, few = spec
                if few:
                    memo = {v: (None if v is None else proc(v)) for v in set(values)}
                    values = [memo[v] for v in values]
                else:
                    values = [None if v is None else proc(v) for v in values]
            columns.append(values)
        if self.positional:
            return list(zip(*columns, strict=True))
        return [dict(zip(self.order, vals, strict=True)) for vals in zip(*columns, strict=True)]


@functools.lru_cache(maxsize=8)
def fast_insert(dialect: Dialect) -> FastInsert | None:
    """The compiled statement, once per dialect (engines of one backend share it)."""
    if dialect.name not in ("sqlite", "postgresql"):
        return None
    return FastInsert(dialect)


@dataclass(frozen=True)
class PreparedRows:
    """Findings rows deduplicated by identity and converted for the driver.

    Preparing is pure Python and needs no session, so a scan does it on its own thread and
    leaves the store's writer thread only the database work.
    """

    identities: list[str]
    rows: list[Row]  # INSERT_COLUMNS order
    params: list[Any] | None  # the same rows as driver parameters (None: no fast path)
    seen: datetime


def prepare(dialect: Dialect, rows: list[Row], seen: datetime) -> PreparedRows:
    unique = list({row[0]: row for row in reversed(rows)}.values())[::-1]  # first wins
    fast = fast_insert(dialect)
    params = fast.params(unique) if fast is not None else None
    return PreparedRows([row[0] for row in unique], unique, params, seen)


def as_access_row(f: AccessFinding) -> AccessRow:
    return AccessRow(
        f.identity,
        f.rule_id,
        f.category,
        f.severity,
        f.source,
        f.event_id,
        f.user_id,
        f.patient_id,
        f.timestamp,
        f.fingerprint,
        f.explanation,
        f.explained,
    )
