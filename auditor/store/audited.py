"""Distinct access events per site-local day: what "accesses audited" counts.

A scan hands each segment's events here; the key identifies the event, not its delivery, so
re-scans, re-sent files and the same events in two formats land on the same rows. The report
reads per-day counts back (``counts_by_day``); a run's summary its own counts
(``run_distinct``), kept in ``audited_runs`` and moved in the same transactions as the rows.

A segment's events arrive as one JSON object (``{"key": day * 2 + explained, ...}``, in
primary-key order, built by DuckDB) and go in with one set statement: SQLite unpacks it with
``json_each`` and upserts straight into the (day, key) B-tree, PostgreSQL with
``json_each_text`` into a staging table first. No Python per event, no index besides the
primary key. An event is one member: its key as the member's name and its day and verdict
as one integer, so SQLite hands both over as they are. As an array of ``"day,explained,key"``
strings each string's fields were cut out of it with text functions, which cost as much as
the parsing (732k events into an empty table: 0.47 CPU s against 0.27); as arrays, SQLite
parsed each again for every field read (``value ->> i``).

The keys are MD5s, so a segment's events land all over their days' pages, and a commit
writes every page it touched: once the table outgrows a segment, each segment rewrote most
of it (a scan's cost grew with events x table). A scan's writer on SQLite therefore stages
its events (``stage_events``: a TEMP table of its own connection, appended to, no WAL, no
fsync) and merges them (``merge_staged``, each text in (day, key) order, the counts moving with
them) in few large transactions, each as large as what it merged before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select, text
from sqlalchemy.orm import Session

from auditor.store.models import AuditedEvent, AuditedRun

#: (key: 32 hex digits, site-local day "YYYY-MM-DD", explained): the readable form.
EventKey = tuple[str, str, bool]
#: A segment's distinct events as a JSON object ``{"<key>": <day number * 2 + explained>,
#: ...}`` in (day, key) order: the scan's form (``policy.view.event_keys``); day numbers
#: count from 1970-01-01, explained is 1 or 0. A key may appear twice (the readable form's
#: duplicates are kept, and go in as they would one after another).
EventsJson = str
#: The empty forms: no text, an empty object, or an earlier version's empty array.
EMPTY = ("", "{}", "[]")
# The fields of one member ``j`` of ``json_each`` in SQL: its name, and its integer's halves
# (``>>`` and ``&`` are arithmetic on negative numbers, so days before 1970 come back too).
_SQLITE_DAY = "(j.value >> 1)"
_SQLITE_X = "(j.value & 1)"
_SQLITE_KEY = "j.key"
_EPOCH = date(1970, 1, 1).toordinal()


# An event's day is the site-local day of its instant: the same event always has the same
# day unless the site's timezone setting changed between scans. Then it lies one day off at
# most, and is looked up there (it stays one event, on the day it was first counted); only
# then, since the lookup doubles the cost of an insert.
def _neighbour_day(day: str, key: str) -> str:
    return (
        f"coalesce((SELECT a.day FROM audited_events a WHERE a.key = {key} "
        f"AND a.day IN ({day} - 1, {day} + 1)), {day})"
    )


_NEIGHBOUR_DAY = _neighbour_day(_SQLITE_DAY, _SQLITE_KEY)
# A known event keeps its day and first run and takes the latest run's verdict. The
# statement's change count is the events new to the store or to this run; a trigger on this
# connection counts the second kind. (No rows come back: Python's sqlite3 gives up the GIL
# and waits for it again per row stepped, which costs far more than the insert.)
_SQLITE_UPSERT = (
    "INSERT INTO audited_events (day, key, explained, first_run, last_run) "
    f"SELECT {{day}}, {_SQLITE_KEY}, {_SQLITE_X}, :seq, :seq FROM json_each(:events) j "
    "WHERE true ON CONFLICT (day, key) DO UPDATE SET "
    "explained = excluded.explained, last_run = excluded.last_run "
    "WHERE audited_events.last_run <> excluded.last_run"
)
# A scan's staged events (``stage_events``) and their merge: the same upsert, from the
# staged rows in (day, key) order (delivery order among the same key's rows: the first
# delivered is the one counted, as when each segment went in on its own).
_STAGE_TABLE = "CREATE TEMP TABLE IF NOT EXISTS _audited_stage (events TEXT NOT NULL)"
_STAGE_MERGE = (
    "INSERT INTO audited_events (day, key, explained, first_run, last_run) "
    f"SELECT {{day}}, {_SQLITE_KEY}, {_SQLITE_X}, :seq, :seq "
    "FROM (SELECT events FROM temp._audited_stage WHERE rowid = :text) t, json_each(t.events) j "
    "WHERE true ON CONFLICT (day, key) DO UPDATE SET "
    "explained = excluded.explained, last_run = excluded.last_run "
    "WHERE audited_events.last_run <> excluded.last_run"
)
_SQLITE_COUNTER = (
    "CREATE TEMP TABLE IF NOT EXISTS _audited_seen (n INTEGER NOT NULL)",
    "CREATE TEMP TRIGGER IF NOT EXISTS _audited_seen_count AFTER UPDATE OF last_run "
    "ON main.audited_events BEGIN UPDATE _audited_seen SET n = n + 1; END",
    "DELETE FROM _audited_seen",
    "INSERT INTO _audited_seen VALUES (0)",
)
_PG_STAGE = (
    "CREATE TEMP TABLE IF NOT EXISTS _audited_in "
    "(day integer, key varchar(32), explained boolean, found_day integer, prev integer) "
    "ON COMMIT DELETE ROWS"
)
_PG_FILL = (
    "INSERT INTO _audited_in (day, key, explained) "
    "SELECT (j.value::integer) >> 1, j.key, ((j.value::integer) & 1) = 1 "
    "FROM json_each_text(CAST(:events AS json)) j"  # json, not jsonb: duplicates kept
)
_PG_MATCH = (
    "UPDATE _audited_in SET (found_day, prev) = (SELECT a.day, a.last_run FROM audited_events a "
    "WHERE a.key = _audited_in.key AND a.day IN ({days}) LIMIT 1)"
)
_PG_COUNT = (
    "SELECT count(*) FILTER (WHERE prev IS NULL), "
    "count(*) FILTER (WHERE prev IS NOT NULL AND prev <> :seq) FROM _audited_in"
)
_PG_MERGE = (
    "INSERT INTO audited_events (day, key, explained, first_run, last_run) "
    "SELECT coalesce(found_day, day), key, explained, :seq, :seq FROM _audited_in "
    "ON CONFLICT (day, key) DO UPDATE SET "
    "explained = excluded.explained, last_run = excluded.last_run "
    "WHERE audited_events.last_run <> excluded.last_run"
)


def day_number(day: str) -> int:
    """``YYYY-MM-DD`` as the stored day number (days since 1970-01-01)."""
    return date.fromisoformat(day).toordinal() - _EPOCH


def day_text(number: int) -> str:
    return date.fromordinal(number + _EPOCH).isoformat()


def as_json(events: EventsJson | Sequence[EventKey]) -> EventsJson:
    """The scan's JSON as it is; readable ``EventKey`` tuples (the Spark engine's, tests')
    converted and sorted."""
    if isinstance(events, str):
        return events
    days: dict[str, int] = {}
    rows = []
    for key, day, x in events:
        number = days.get(day)
        if number is None:
            number = days[day] = day_number(day)
        rows.append((number, key, int(bool(x))))
    members = (f"{json.dumps(k)}:{d * 2 + x}" for d, k, x in sorted(rows))
    return "{" + ",".join(members) + "}"


def readable(events: EventsJson | Sequence[EventKey]) -> list[EventKey]:
    """Either form as readable ``EventKey`` tuples (for checks and tests, not the scan)."""
    if not isinstance(events, str):
        return [(key, day, bool(x)) for key, day, x in events]
    if events in EMPTY:
        return []
    pairs = json.loads(events, object_pairs_hook=list)  # duplicate keys kept
    return [(str(key), day_text(int(v) >> 1), bool(int(v) & 1)) for key, v in pairs]


def run_seq(session: Session, run_id: str, timezone: str = "") -> int:
    """The run's number in ``audited_events`` (registered on first use)."""
    seq = session.scalar(select(AuditedRun.seq).where(AuditedRun.run_id == run_id))
    if seq is None:
        run = AuditedRun(run_id=run_id, timezone=timezone, events_read=0, events_new=0)
        session.add(run)
        session.flush()
        seq = run.seq
    return int(seq)


def _other_timezones(connection: Connection, seq: int, timezone: str) -> bool:
    """Whether any other run counted days in another (or an unknown) timezone."""
    stmt = select(AuditedRun.seq).where(
        AuditedRun.seq != seq, (AuditedRun.timezone != timezone) | (AuditedRun.timezone == "")
    )
    return connection.execute(stmt.limit(1)).first() is not None


def put_events(
    session: Session,
    events: EventsJson | Sequence[EventKey],
    run_id: str,
    timezone: str = "",
) -> None:
    """Record a segment's distinct events (idempotent) for the run, in its timezone ('':
    unknown); the run's counts move in the same transaction."""
    payload = as_json(events)
    if payload in EMPTY:
        return
    seq = run_seq(session, run_id, timezone)
    connection = session.connection()
    neighbours = not timezone or _other_timezones(connection, seq, timezone)
    params = {"seq": seq, "events": payload}
    if connection.dialect.name == "sqlite":
        day = _NEIGHBOUR_DAY if neighbours else _SQLITE_DAY
        new, seen = _sqlite_upsert(connection, _SQLITE_UPSERT.format(day=day), params)
    else:
        connection.execute(text(_PG_STAGE))
        connection.execute(text(_PG_FILL), params)
        days = "_audited_in.day"
        if neighbours:
            days += ", _audited_in.day - 1, _audited_in.day + 1"
        connection.execute(text(_PG_MATCH.format(days=days)))
        new, seen = connection.execute(text(_PG_COUNT), params).one()
        connection.execute(text(_PG_MERGE), params)
        connection.execute(text("DELETE FROM _audited_in"))
    _count(connection, seq, int(new), int(seen))


def stages(session: Session) -> bool:
    """Whether this store takes a scan's events staged (SQLite; PostgreSQL merges each
    segment's through its own staging table, ``put_events``)."""
    return session.get_bind().dialect.name == "sqlite"


def stage_events(session: Session, events: EventsJson | Sequence[EventKey]) -> int:
    """Append a segment's events to this connection's stage (SQLite); how many.

    Nothing is counted or visible to others until ``merge_staged``, on the same connection
    (the stage is a TEMP table: it dies with the connection, and a rolled-back transaction
    takes its rows back with it).
    """
    payload = as_json(events)
    if payload in EMPTY:
        return 0
    connection = session.connection()
    connection.exec_driver_sql(_STAGE_TABLE)
    connection.execute(
        text("INSERT INTO temp._audited_stage VALUES (:events)"), {"events": payload}
    )
    return count(payload)


def count(events: EventsJson) -> int:
    """How many events a JSON text holds (one quoted key each, no quote inside), unparsed."""
    return events.count('"') // 2


def merge_staged(session: Session, run_id: str, timezone: str = "") -> None:
    """Record the staged events (idempotent) for the run, as ``put_events`` would have
    one segment after another, and empty the stage; the run's counts move in the same
    transaction (one commit per merge, however many texts).

    One upsert per staged text, in the order staged: each text is in primary-key order
    already. Sorting all of them together into one pass cost more than it saved: 8M
    generated events in time order, merged as a scan's writer does (doubling), 9.73 CPU s
    sorted against 8.66 text by text (the sort ~0.3 us an event; the pages a merge touches
    are those of its days either way)."""
    connection = session.connection()
    connection.exec_driver_sql(_STAGE_TABLE)
    seq = run_seq(session, run_id, timezone)
    neighbours = not timezone or _other_timezones(connection, seq, timezone)
    sql = _STAGE_MERGE.format(day=_NEIGHBOUR_DAY if neighbours else _SQLITE_DAY)
    rowids = connection.exec_driver_sql("SELECT rowid FROM temp._audited_stage ORDER BY rowid")
    new = seen = 0
    for (text_id,) in rowids.fetchall():
        added, again = _sqlite_upsert(connection, sql, {"seq": seq, "text": text_id})
        new, seen = new + added, seen + again
    connection.exec_driver_sql("DELETE FROM temp._audited_stage")
    _count(connection, seq, new, seen)


def _sqlite_upsert(connection: Connection, sql: str, params: dict[str, Any]) -> tuple[int, int]:
    """Run an upsert into ``audited_events``: (events new to the store, new to the run)."""
    for statement in _SQLITE_COUNTER:
        connection.exec_driver_sql(statement)
    changed = connection.execute(text(sql), params).rowcount
    seen = connection.exec_driver_sql("SELECT n FROM _audited_seen").scalar_one()
    return int(changed) - int(seen), int(seen)


def _count(connection: Connection, seq: int, new: int, seen: int) -> None:
    connection.execute(
        text(
            "UPDATE audited_runs SET events_read = events_read + :read, "
            "events_new = events_new + :new WHERE seq = :seq"
        ),
        {"read": new + seen, "new": new, "seq": seq},
    )


def counts_by_day(session: Session, days: Sequence[str]) -> dict[str, tuple[int, int]]:
    """``{day: (distinct events, explained)}`` for the days that have any (a range of the
    primary key, whose first column is the day)."""
    if not days:
        return {}
    numbers = {day_number(d): d for d in days}
    explained = func.count().filter(AuditedEvent.explained)
    stmt = (
        select(AuditedEvent.day, func.count(), explained)
        .where(AuditedEvent.day.between(min(numbers), max(numbers)))
        .group_by(AuditedEvent.day)
    )
    out = {}
    for number, n, x in session.execute(stmt):
        if number in numbers:
            out[numbers[number]] = (int(n), int(x or 0))
    return out


def run_distinct(session: Session, run_id: str) -> tuple[int, int]:
    """(distinct events the run read, of which no earlier run had read)."""
    row = session.execute(
        select(AuditedRun.events_read, AuditedRun.events_new).where(AuditedRun.run_id == run_id)
    ).one_or_none()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def stored_keys(session: Session) -> Iterable[str]:
    """Every stored event's key (the event index's ``key``), for checks."""
    return session.scalars(select(AuditedEvent.key))
