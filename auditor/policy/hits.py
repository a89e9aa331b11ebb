"""Rule hits as finished finding rows, formatted by DuckDB rather than Python.

Tens of thousands of hits per million events are normal (every unexplained access is one),
so everything that is the same computation for every hit is done vectorised in the hit
query: the explanation text (each rule's template compiled to SQL), the ISO timestamp the
fingerprint is keyed on, and the JSON line the CLI prints. Python is left with the keyed
HMAC (the secret stays out of SQL) and the identity hash.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import duckdb

from auditor.policy.engine import (
    ActiveRule,
    source_id,
    source_sql,
    window_query,
    window_source,
    window_steps,
)
from auditor.policy.guard import RuleGuard
from auditor.policy.view import ALWAYS
from auditor.sql import quote_str

# Shape of every row handed to the service (``json`` is NULL unless asked for). The time
# travels as ISO text: turning it back into a datetime in Python is ~10x cheaper than
# DuckDB handing over TIMESTAMPTZ values.
HIT_COLUMNS = (
    "r",
    "source",
    "event_id",
    "user_id",
    "patient_id",
    "ts_iso",
    "explained",
    "explanation",
    "json",
)

# The inner hit row every query yields: one event (or a burst's first event) with what the
# explanation templates may print.
_INNER = (
    "k, {label} || ':' || line AS source, event__event_id AS event_id, "
    "event__user_id AS user_id, event__patient_id AS patient_id, event__timestamp AS ts, "
    "explained, explanations, user__role AS user_role, user__department AS user_department, "
    "event__department AS department, event__action AS action, "
    "event__record_type AS record_type, strftime(local_ts, '%Y-%m-%d %H:%M') AS local_ts"
)

# Python's ``datetime.isoformat()`` of the UTC instant (fingerprints were keyed on it before
# this moved to SQL, so it must stay byte-identical): microseconds only when non-zero.
_ISO = (
    "strftime(ts, '%Y-%m-%dT%H:%M:%S') || CASE WHEN epoch_us(ts) % 1000000 <> 0 "
    "THEN '.' || lpad(CAST(epoch_us(ts) % 1000000 AS VARCHAR), 6, '0') ELSE '' END || '+00:00'"
)


# The same row for a window rule's burst, read from ``allv`` (segment and carry events),
# whose ``sid`` names the label (``engine.source_sql``): spelt for the bursts' first events
# only, not for every event the view holds.
_INNER_WINDOW = _INNER.replace(
    "{label} || ':' || line AS source", f"{source_sql('allv.sid', 'allv.line')} AS source"
)


def define_all_events(con: duckdb.DuckDBPyConnection, label: str, rows: str = "av") -> None:
    """``allv``: the segment's events and the carry's, as a burst's first event is shown.
    ``rows``: the segment's (``av``, or ``seg`` where the scan made it: no joins again)."""
    names = ", ".join(ALWAYS)
    sid = source_id(con, label)
    con.execute(
        "CREATE OR REPLACE TEMP VIEW allv AS "
        f"SELECT k, {sid} AS sid, line, {names} FROM {rows} "
        f"UNION ALL SELECT k, sid, line, {names} FROM carry"
    )


def _fields(active: ActiveRule, timezone: str) -> dict[str, str]:
    """SQL for every placeholder an explanation may use (``loader.TEMPLATE_FIELDS``)."""
    return {
        "event_id": "coalesce(event_id, '')",
        "user_id": "coalesce(user_id, '')",
        "patient_id": "coalesce(patient_id, '')",
        "user_role": "coalesce(nullif(user_role, ''), 'unknown role')",
        "user_department": (
            "coalesce(nullif(user_department, ''), nullif(department, ''), 'unknown department')"
        ),
        "department": "coalesce(department, '')",
        "action": "coalesce(action, '')",
        "record_type": "coalesce(nullif(record_type, ''), 'record')",
        "timestamp": "ts_iso",
        "local_time": f"local_ts || {quote_str(' ' + timezone)}",
        "explanations": "CAST(explanations AS VARCHAR)",
        "count": "coalesce(CAST(n AS VARCHAR), '')",
        "window": quote_str(f"{active.over_minutes} min"),
        "threshold": quote_str(str(active.threshold)),
        "rule_id": quote_str(active.rule.id),
    }


def template_sql(template: str, fields: dict[str, str]) -> str:
    """A ``str.format`` template (names only, as the loader allows) as a SQL expression."""
    parts: list[str] = []
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        if literal:
            parts.append(quote_str(literal))
        if name is not None:
            parts.append(fields[name])
    return "concat(" + ", ".join(parts) + ")" if parts else "''"


def _by_rule(active: list[ActiveRule], expr: Any) -> str:
    arms = " ".join(f"WHEN {a.index} THEN {expr(a)}" for a in active)
    return f"CASE r {arms} END"


def _finish(inner: str, active: list[ActiveRule], timezone: str, with_json: bool) -> str:
    """The outer projection shared by row and window queries: HIT_COLUMNS."""
    explanation = _by_rule(active, lambda a: template_sql(a.rule.explain, _fields(a, timezone)))
    json = "NULL::VARCHAR"
    if with_json:
        # Keys in sorted order, as the findings JSONL is printed (docs/formats.md).
        json = (
            "to_json({category: "
            + _by_rule(active, lambda a: quote_str(a.rule.category))
            + ", event_id: event_id, explanation: explanation, kind: 'access', "
            "patient_id: patient_id, rule_id: "
            + _by_rule(active, lambda a: quote_str(a.rule.id))
            + ", severity: "
            + _by_rule(active, lambda a: quote_str(str(a.rule.severity)))
            + ", timestamp: replace(ts_iso, '+00:00', 'Z'), user_id: user_id})::VARCHAR"
        )
    return f"""
        SELECT r, source, event_id, user_id, patient_id, ts_iso, explained, explanation,
            {json} AS json
        FROM (
            SELECT *, {explanation} AS explanation FROM (SELECT *, {_ISO} AS ts_iso FROM ({inner}))
        )
    """


def _row_hits_sql(rules: list[ActiveRule], base: str) -> str:
    """All row rules in one pass over ``av``: one flag per rule, unnested to one row per hit."""
    flags = [f"coalesce(({a.rule.compiled}), false) AS f{i}" for i, a in enumerate(rules)]
    where = " OR ".join(f"f{i}" for i in range(len(rules)))
    which = ", ".join(f"CASE WHEN f{i} THEN {a.index} END" for i, a in enumerate(rules))
    names = [f"f{i}" for i in range(len(rules))]
    return f"""
        SELECT r, * EXCLUDE (r), NULL::BIGINT AS n FROM (
            SELECT unnest([{which}]) AS r, * EXCLUDE ({", ".join(names)})
            FROM (SELECT {base}, {", ".join(flags)} FROM av) WHERE {where}
        ) WHERE r IS NOT NULL
    """


#: Row rules whose verdicts one integer can hold as bits (``row_flags_sql``).
MAX_FLAGS = 62


def row_flags_sql(rules: Sequence[ActiveRule]) -> str:
    """The row rules' verdicts over ``av`` as one integer, bit ``i`` for ``rules[i]`` (each
    verdict as ``_row_hits_sql`` takes it), for ``engine.segment_rows`` to keep with the
    segment's rows: the view's joins are made once for the segment's table and the rules
    alike, and ``_flagged_hits_sql`` reads the hits back from it."""
    bits = [
        f"CASE WHEN coalesce(({a.rule.compiled}), false) THEN {1 << i} ELSE 0 END"
        for i, a in enumerate(rules)
    ]
    return f"CAST({' + '.join(bits)} AS BIGINT)"


def _flagged_hits_sql(rules: Sequence[ActiveRule], base: str, segment: str) -> str:
    """``_row_hits_sql``'s rows, from the verdicts ``segment`` keeps (``row_flags_sql``)."""
    which = ", ".join(
        f"CASE WHEN rf & {1 << i} <> 0 THEN {a.index} END" for i, a in enumerate(rules)
    )
    return f"""
        SELECT r, * EXCLUDE (r), NULL::BIGINT AS n FROM (
            SELECT unnest([{which}]) AS r, {base} FROM {segment} WHERE rf <> 0
        ) WHERE r IS NOT NULL
    """


def rule_query(
    active: ActiveRule, label: str, *, timezone: str, source: str, with_json: bool = True
) -> str:
    """One rule's finished hit rows, as a scan makes them (``when``, window query,
    explanation, JSON line): for running a rule on its own (``policy.smoke``). A window
    rule reads ``allv`` (``define_all_events``) and ``carry``."""
    if active.rule.window is None:
        inner = _row_hits_sql([active], _INNER.format(label=quote_str(label)))
    else:
        inner = window_query(active, _INNER_WINDOW, source)
    return _finish(inner, [active], timezone, with_json)


def _fixed(sql: str) -> Callable[[list[int]], str]:
    """A one-rule statement as ``RuleGuard.run`` takes it."""
    return lambda _picked: sql


def _window_hits(
    con: duckdb.DuckDBPyConnection,
    guard: RuleGuard,
    active: ActiveRule,
    source: str,
    where: Callable[[], str],
) -> None:
    """One window rule's bursts into ``seg_hits``: its stages, then (when the segment touches
    a hot island) its window query over the carry's span of those islands, per slice of the
    groups when they are large (``engine.window_steps``); each statement under ``guard``, and
    none after one that fails."""
    rid = active.rule.id

    def failed(step: str) -> bool:
        before = guard.failures.get(rid)
        count = before.segments if before is not None else 0
        guard.run([rid], _fixed(step), where)
        after = guard.failures.get(rid)
        return after is not None and (after is not before or after.segments != count)

    steps = window_steps(con, active, source, _INNER_WINDOW, into="seg_hits")
    for step in steps:
        if failed(step):
            return


def iter_hits(
    con: duckdb.DuckDBPyConnection,
    active: list[ActiveRule],
    label: str,
    *,
    timezone: str,
    guard: RuleGuard,
    where: Callable[[], str],
    chunk: int = 20000,
    with_json: bool = False,
    segment: str | None = None,
    flagged: Sequence[ActiveRule] | None = None,
) -> Iterator[list[tuple[Any, ...]]]:
    """Rule hits in chunks of HIT_COLUMNS rows (never one list of all hits).

    The rules' statements fill ``seg_hits`` first, each under ``guard`` (a statement is
    atomic: a rule stopped by the time limit or failing on the data leaves nothing half
    there, and the others' hits stay); then the finished rows stream from it.

    A burst is reported by every segment that takes part in it, always by its first event
    (so with one identity); the scan reports each identity once per run. ``segment``: the
    segment's table with the carry's columns and keys (``engine.segment_rows``), which the
    window rules then read instead of the view. A window rule reads the segment's carried
    copies (``engine.segment_copies``, made before), and with them the carry once.
    ``flagged``: the row rules whose verdicts ``segment`` holds (``row_flags_sql``, made
    under ``guard``), read from there when they are the rules to run now.
    """
    base = _INNER.format(label=quote_str(label))
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE seg_hits AS SELECT 0 AS r, {base}, NULL::BIGINT AS n "
        "FROM av LIMIT 0"
    )
    live = [a for a in active if not guard.stopped(a.rule.id)]
    rows = [a for a in live if a.rule.window is None]
    done = False
    if segment is not None and flagged is not None and list(flagged) == rows:
        done, _ = guard.attempt(
            "INSERT INTO seg_hits BY NAME " + _flagged_hits_sql(rows, base, segment)
        )
    if not done:
        guard.run(
            [a.rule.id for a in rows],
            lambda picked: (
                "INSERT INTO seg_hits BY NAME " + _row_hits_sql([rows[i] for i in picked], base)
            ),
            where,
        )
    windows = [a for a in live if a.rule.window is not None]
    if windows:
        define_all_events(con, label, segment or "av")
    source = segment or window_source(active)
    for a in windows:
        _window_hits(con, guard, a, source, where)
    # in one order, whatever order DuckDB's threads wrote the table in: the same input gives
    # its findings the same ids on every run
    cursor = con.execute(
        _finish("SELECT * FROM seg_hits", active, timezone, with_json) + " ORDER BY ALL"
    )
    while batch := cursor.fetchmany(chunk):
        yield batch
