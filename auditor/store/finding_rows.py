"""Findings as database rows: one column order, driver-ready values, one upsert statement.

The store writes tens of thousands of findings per scan; building rows and binding them is
done here in bulk (tuples, column-wise conversion), apart from the session logic in
``repo``, and can run on a thread that holds no session.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
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
    "event_day",
)
Row = tuple[Any, ...]  # a findings row in INSERT_COLUMNS order
#: Where a row holds the two parts of the unique key.
DAY, IDENTITY = INSERT_COLUMNS.index("event_day"), INSERT_COLUMNS.index("identity")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DAY = timedelta(days=1)
_EPOCH_ORDINAL = _EPOCH.toordinal()


def event_day(at: datetime) -> int:
    """An access finding's ``event_day``: its instant's UTC day, in days since 1970-01-01
    (floored: -1 is 1969-12-31). The migration that added the column computes the same in
    SQL (``0006``)."""
    if at.tzinfo is UTC:  # the scan's instants: the date's own ordinal, no timedelta
        return at.toordinal() - _EPOCH_ORDINAL
    if at.tzinfo is None:
        raise ValueError("naive datetime given to the store; use timezone-aware UTC")
    return (at - _EPOCH) // _DAY


def _new_triage(run_id: str | None, seen: datetime) -> Row:
    """status, reviewer, note, first/last seen, first/last run of a finding new to the store."""
    return (FindingStatus.OPEN, "", "", seen, seen, run_id, run_id)


def access_row(r: AccessRow, run_id: str | None, seen: datetime) -> Row:
    """One access finding's store row (the layout is :func:`access_rows`'s)."""
    return access_rows((r,), run_id, seen)[0]


def access_rows(rows: Iterable[AccessRow], run_id: str | None, seen: datetime) -> list[Row]:
    """``access_row`` of each of ``rows``: the triage defaults made once, each row unpacked
    once instead of read field by field (a scan hands over tens of thousands a segment)."""
    triage = _new_triage(run_id, seen)
    kind, day = FindingKind.ACCESS, event_day
    return [
        (
            identity,
            kind,
            rule_id,
            category,
            severity,
            event_id,  # location
            source,
            event_id,
            user_id,
            patient_id,
            at,
            None,
            None,
            None,
            fingerprint,
            explanation,
            explained,
            *triage,
            day(at),
        )
        for (
            identity,
            rule_id,
            category,
            severity,
            source,
            event_id,
            user_id,
            patient_id,
            at,
            fingerprint,
            explanation,
            explained,
        ) in rows
    ]


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
        0,  # a PHI finding's day: its identity fixes no instant
    )


_FEW_VALUES = frozenset({"kind", "status", "first_seen", "last_seen", "explained"})
# PostgreSQL reads every JSON value as text: the columns whose type is not text are cast.
_PG_CASTS = {datetime: "timestamptz", bool: "boolean", int: "integer", float: "double precision"}


def _json_value(value: object) -> object:
    """A driver value JSON cannot hold as is: PostgreSQL's datetimes (SQLite's are text)."""
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"no JSON form for {type(value).__name__}")


class BulkUpsert:
    """Findings in one statement: ``INSERT ... SELECT`` from a JSON text of the rows,
    ``ON CONFLICT (event_day, identity) DO UPDATE`` of ``last_seen`` and ``last_run_id``.

    A batch costs the database its inserts and one round trip: the driver never steps row
    by row (Python's sqlite3 gives up the GIL and waits for it again per row of an
    ``executemany``, which on a busy scan thread costs far more than the insert). Values are
    the column types' own bind processors' output, so the rows stored are the same as the
    ORM's. A column with one value in the whole batch (the run, its instant, the kind, the
    triage defaults...) is one bound parameter instead of a JSON field: SQLite parses a
    row's text once per field it reads (from the row's text made once, ``_SQLITE_ROWS``),
    so the fields left are what the statement costs.
    ``None`` from ``bulk_upsert`` when the backend has no ON CONFLICT (then the ORM path).
    """

    def __init__(self, dialect: Dialect) -> None:
        table = Finding.__table__
        quote = dialect.identifier_preparer.quote
        self._names = ", ".join(quote(name) for name in INSERT_COLUMNS)
        self._sqlite = dialect.name == "sqlite"
        types = [_python_type(table.c[name].type) for name in INSERT_COLUMNS]
        self._casts = [None if self._sqlite or t is None else _PG_CASTS.get(t) for t in types]
        if self._sqlite:
            keys = "json_each(:keys) j"
            day, identity = "j.value ->> 0", "j.value ->> 1"
        else:
            keys = "json_array_elements(CAST(:keys AS json)) j"
            day, identity = "CAST(j ->> 0 AS integer)", "j ->> 1"
        #: How many of the batch's keys (``keys``: a JSON array of [day, identity] pairs,
        #: distinct) the store already holds (one row back).
        self.count_sql = (
            f"SELECT count(*) FROM {keys} JOIN findings f "
            f"ON f.event_day = {day} AND f.identity = {identity}"
        )
        self._sql: dict[tuple[bool, ...], str] = {}
        #: Each upsert statement's staging form (SQLite): the same values into the stage.
        self.staging: dict[str, str] = {}
        procs: dict[str, Any] = {
            name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            for name in INSERT_COLUMNS
        }
        if self._sqlite:  # the same text, without SQLAlchemy's per-value dict formatting
            for name, kind in zip(INSERT_COLUMNS, types, strict=True):
                if kind is datetime and _same_text(procs[name]):
                    procs[name] = _sqlite_utc_text
        # Per column: the column's bind processor, and whether its values are few (kind,
        # status, the run's timestamps, the verdict: converted once per distinct value).
        self.procs: list[tuple[Any, bool] | None] = [
            (proc, name in _FEW_VALUES) if (proc := procs[name]) is not None else None
            for name in INSERT_COLUMNS
        ]

    def statement(self, rows: Sequence[Row]) -> tuple[str, dict[str, Any]]:
        """The upsert of ``rows`` (identities distinct) and its parameters: ``rows``, the
        varying columns' driver values as one JSON text of arrays, and one ``c<i>`` per
        column with a single value (converted a column at a time: list comprehensions
        instead of a Python loop over every cell)."""
        varying: list[Sequence[Any]] = []
        params: dict[str, Any] = {}
        shape: list[bool] = []
        columns = list(zip(*rows, strict=True))  # one C call, not a comprehension per column
        for i, spec in enumerate(self.procs):
            values: Sequence[Any] = columns[i]
            # One value in the whole batch? (``count`` stops short of a set of every value;
            # the identity, index 0, always varies.)
            single = i > 0 and values.count(values[0]) == len(values)
            if spec is not None:
                proc, few = spec
                if few or single:
                    memo = {v: (None if v is None else proc(v)) for v in set(values)}
                    values = [memo[v] for v in values] if len(memo) > 1 else [memo.popitem()[1]]
                else:
                    values = [None if v is None else proc(v) for v in values]
            if single:
                params[f"c{i}"] = values[0]
                shape.append(False)
            else:
                varying.append(values)
                shape.append(True)
        params["rows"] = json.dumps(
            list(zip(*varying, strict=True)), default=_json_value, separators=(",", ":")
        )
        key = tuple(shape)
        sql = self._sql.get(key)
        if sql is None:
            sql = self._sql[key] = self._compose(key)
        return sql, params

    def _compose(self, shape: tuple[bool, ...]) -> str:
        values: list[str] = []
        field = 0
        for i, from_json in enumerate(shape):
            if from_json:
                value = f"j.v ->> {field}" if self._sqlite else f"j ->> {field}"
                field += 1
            else:
                value = f":c{i}"
            cast = self._casts[i]
            values.append(f"CAST({value} AS {cast})" if cast else value)
        if self._sqlite:  # WHERE: SQLite's upsert-after-SELECT rule
            select = f"{_SQLITE_ROWS} SELECT {', '.join(values)} FROM r j WHERE true"
        else:
            rows = "json_array_elements(CAST(:rows AS json)) j"
            select = f"SELECT {', '.join(values)} FROM {rows}"
        sql = f"INSERT INTO findings ({self._names}) {select} {UPSERT_TAIL}"
        if self._sqlite:
            self.staging[sql] = f"INSERT INTO temp.{STAGE_TABLE} ({self._names}) {select}"
        return sql


#: The batch's rows for SQLite's statements: ``json_each`` hands a row's array over as the
#: text of its ``value`` column, which it renders again for every reference to it; the
#: statements read ~14 fields of each row, so SQLite wrote each row's text ~14 times (and
#: parsed each copy once). Materialised, each row's text is made once and stored, and the
#: fields are read from the stored text: the 1M bench scan's 51k staged findings 0.78 ->
#: 0.36 CPU s (the same rows, in the same order: the CTE's table is read in the order it
#: was filled, ``json_each``'s, which the statement read in before).
_SQLITE_ROWS = "WITH r(v) AS MATERIALIZED (SELECT value FROM json_each(:rows))"
#: What a known finding takes from a new sighting: ``last_seen`` and ``last_run_id`` only.
UPSERT_TAIL = (
    "ON CONFLICT (event_day, identity) DO UPDATE SET "
    "last_seen = excluded.last_seen, last_run_id = excluded.last_run_id"
)
#: A scan writer's staged findings (SQLite: a TEMP table of its own connection, columns
#: without affinity so every value reaches ``findings`` as the direct upsert gives it).
STAGE_TABLE = "_findings_stage"
_QUOTED = ", ".join(f'"{name}"' for name in INSERT_COLUMNS)
STAGE_DDL = f"CREATE TEMP TABLE IF NOT EXISTS {STAGE_TABLE} ({_QUOTED})"
#: The stage into ``findings`` in the order it was staged (ids in the scan's order): the
#: same upsert as each batch's own, one row after another.
STAGE_MERGE = (
    f"INSERT INTO findings ({_QUOTED}) SELECT {_QUOTED} "
    f"FROM temp.{STAGE_TABLE} WHERE true ORDER BY rowid {UPSERT_TAIL}"
)


_PROBES = (
    datetime(2026, 11, 2, 10, 0, 5, tzinfo=UTC),
    datetime(5, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
    datetime(2026, 1, 1, 23, 30, 0, 999999, tzinfo=timezone(timedelta(hours=-5))),
)


def _sqlite_utc_text(value: datetime) -> str:
    """A timezone-aware instant as SQLite's DateTime stores it (UTC, microseconds, no
    offset): what ``UTCDateTime`` then SQLAlchemy's formatting give, in one C call; it was
    a third of preparing a batch."""
    if value.tzinfo is UTC:  # the scan's: its fields formatted, ~2x faster than isoformat
        return _UTC_TEXT % (
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
        )
    if value.tzinfo is None:
        raise ValueError("naive datetime given to the store; use timezone-aware UTC")
    return value.astimezone(UTC).isoformat(" ", "microseconds")[:26]


_UTC_TEXT = "%04d-%02d-%02d %02d:%02d:%02d.%06d"


def _same_text(proc: Any) -> bool:
    """Whether ``_sqlite_utc_text`` writes what the column's own bind processor writes
    (checked, not assumed: a custom storage format keeps the processor)."""
    try:
        return proc is not None and all(proc(v) == _sqlite_utc_text(v) for v in _PROBES)
    except (TypeError, ValueError):
        return False


def _python_type(column_type: Any) -> type | None:
    """The Python type a column holds (a decorated type's: ``UTCDateTime`` -> datetime)."""
    try:
        kind = getattr(column_type, "impl_instance", column_type).python_type
    except NotImplementedError:  # pragma: no cover - every findings column has one
        return None
    return str if issubclass(kind, str) else kind


@functools.lru_cache(maxsize=8)
def bulk_upsert(dialect: Dialect) -> BulkUpsert | None:
    """The statement, once per dialect (engines of one backend share it)."""
    if dialect.name not in ("sqlite", "postgresql"):
        return None
    return BulkUpsert(dialect)


@dataclass(frozen=True)
class PreparedRows:
    """Findings rows deduplicated by identity and converted for the driver.

    Preparing is pure Python and needs no session, so a scan does it on its own thread and
    leaves the store's writer thread only the database work.
    """

    identities: list[str]
    rows: list[Row]  # INSERT_COLUMNS order
    # The same rows as ``BulkUpsert``'s statement and parameters (None: no bulk statement).
    bulk: tuple[str, dict[str, Any]] | None
    seen: datetime


def prepare(dialect: Dialect, rows: list[Row], seen: datetime) -> PreparedRows:
    unique = list({row[0]: row for row in reversed(rows)}.values())[::-1]  # first wins
    bulk = bulk_upsert(dialect)
    statement = bulk.statement(unique) if bulk is not None and unique else None
    return PreparedRows([row[0] for row in unique], unique, statement, seen)


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
