"""The joined access view rules see (``av``): events joined to context and explanations.

``av`` is a view, not a table: rules run in one pass over it, so a million events are never
materialised twice. Explanations (``ex``) and contact matches (``cm``) are small per-segment
tables built by hash joins, not Python loops.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import duckdb

from auditor.policy.loader import WINDOW_DISTINCT, WINDOW_PER
from auditor.policy.model import Rule
from auditor.sql import quote_str

# The access view's columns as SQL over the join aliases, and the joins each one needs:
# e events, u workforce (user), p patients, pe workforce (patient as employee), x
# explanations, c contact matches, rr/rp role matrix. Only what the active rules use (plus
# what findings print) is selected, and only the joins those columns need are made.
_LOCAL = "e.lts"  # site-local time, computed once when the events were loaded
_MINUTE = f"(hour({_LOCAL}) * 60 + minute({_LOCAL}))"
VIEW_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "event__event_id": ("e.event_id", ()),
    "event__timestamp": ("e.ts", ()),
    "event__user_id": ("e.user_id", ()),
    "event__patient_id": ("e.patient_id", ()),
    "event__action": ("e.action", ()),
    "event__record_type": ("e.record_type", ()),
    "event__department": ("e.department", ()),
    "event__workstation": ("e.workstation", ()),
    "event__break_glass": ("e.break_glass", ()),
    "event__reason": ("e.reason", ()),
    "event__attributes": ("e.attributes", ()),
    "user__known": ("u.user_id IS NOT NULL", ("u",)),
    "user__user_id": ("u.user_id", ("u",)),
    "user__first_name": ("u.first_name", ("u",)),
    "user__last_name": ("u.last_name", ("u",)),
    "user__role": ("u.role", ("u",)),
    "user__department": ("u.department", ("u",)),
    "user__address": ("u.address", ("u",)),
    "user__street": ("u.street", ("u",)),
    "user__zip": ("u.zip", ("u",)),
    "user__status": ("u.status", ("u",)),
    "user__termination_date": ("u.termination_date", ("u",)),
    "user__shift_start": ("u.shift_start", ("u",)),
    "user__shift_end": ("u.shift_end", ("u",)),
    "patient__known": ("p.patient_id IS NOT NULL", ("p",)),
    "patient__patient_id": ("p.patient_id", ("p",)),
    "patient__first_name": ("p.first_name", ("p",)),
    "patient__last_name": ("p.last_name", ("p",)),
    "patient__birth_date": ("p.birth_date", ("p",)),
    "patient__address": ("p.address", ("p",)),
    "patient__street": ("p.street", ("p",)),
    "patient__zip": ("p.zip", ("p",)),
    "patient__vip": ("p.vip", ("p",)),
    "patient__deceased_date": ("p.deceased_date", ("p",)),
    "patient__sensitive": ("coalesce(p.sensitive, []::VARCHAR[])", ("p",)),
    "patient__is_sensitive": ("coalesce(len(p.sensitive), 0) > 0", ("p",)),
    "patient__employee_user_id": ("p.employee_user_id", ("p",)),
    "patient__employee_department": ("pe.department", ("p", "pe")),
    "explanations": ("coalesce(x.n, 0)", ("x",)),
    "explained": ("x.n IS NOT NULL", ("x",)),
    "local_ts": (_LOCAL, ()),
    "local_time": (f"strftime({_LOCAL}, '%H:%M')", ()),
    "local_date": (f"CAST({_LOCAL} AS DATE)", ()),
    "local_hour": (f"hour({_LOCAL})", ()),
    "local_minute": (_MINUTE, ()),
    "off_shift": (
        "CASE WHEN u.shift_start_min IS NULL OR u.shift_end_min IS NULL THEN NULL "
        "WHEN u.shift_start_min <= u.shift_end_min "
        f"THEN NOT ({_MINUTE} >= u.shift_start_min AND {_MINUTE} <= u.shift_end_min) "
        f"ELSE NOT ({_MINUTE} >= u.shift_start_min OR {_MINUTE} <= u.shift_end_min) END",
        ("u",),
    ),
    "contact_match": ("c.k IS NOT NULL", ("c",)),
    "role_permitted": ("(rr.role IS NULL OR rp.role IS NOT NULL)", ("u", "rr", "rp")),
    "reason_is_placeholder": (
        "lower(trim(coalesce(e.reason, ''))) IN ({placeholders})",
        (),
    ),
}
# Findings print these, whatever the rules use.
ALWAYS = (
    "event__event_id",
    "event__timestamp",
    "event__user_id",
    "event__patient_id",
    "event__action",
    "event__record_type",
    "event__department",
    "user__role",
    "user__department",
    "explained",
    "explanations",
    "local_ts",
)


def wf_at(alias: str) -> str:
    """The workforce row in force on the event's site-local day (effective dates inclusive;
    rows without them always): at most one per user, as ``context`` closes the periods."""
    day = "CAST(e.lts AS DATE)"
    return (
        f"({alias}.effective_from IS NULL OR {day} >= {alias}.effective_from) "
        f"AND ({alias}.effective_to IS NULL OR {day} <= {alias}.effective_to)"
    )


_JOINS = {
    "u": f"LEFT JOIN wf u ON u.user_id = e.user_id AND {wf_at('u')}",
    "p": "LEFT JOIN pt p ON p.patient_id = e.patient_id",
    "pe": f"LEFT JOIN wf pe ON pe.user_id = p.employee_user_id AND {wf_at('pe')}",
    "x": "LEFT JOIN ex x ON x.k = e.rowid",
    "c": "LEFT JOIN cm c ON c.k = e.rowid",
    "rr": "LEFT JOIN (SELECT DISTINCT role FROM roles) rr ON rr.role = u.role",
    "rp": "LEFT JOIN roles rp ON rp.role = u.role AND rp.record_type = e.record_type",
}


def view_columns(rules: list[Rule]) -> list[str]:
    """The view columns the rules (and the findings) need, in catalogue order."""
    used = set(ALWAYS)
    for rule in rules:
        used.update(rule.columns)
        if rule.window is not None:
            used.update((WINDOW_PER[rule.window.per], WINDOW_DISTINCT[rule.window.count_distinct]))
    return [name for name in VIEW_COLUMNS if name in used]


def create_view(
    con: duckdb.DuckDBPyConnection,
    *,
    timezone: str,
    before_days: int,
    after_days: int,
    placeholder_reasons: tuple[str, ...],
    columns: list[str],
    line_sql: str = "e.line",
    segment_columns: list[str] | None = None,
) -> tuple[int, int]:
    """(Re)create ``ex``, ``cm`` and the ``av`` view for the events loaded; (events, explained).

    ``segment_columns`` (some of ``columns``): also ``sv``, the same rows with only those
    columns and the joins they need (what ``engine.segment_rows`` reads).
    """
    tz = quote_str(timezone)
    placeholders = ", ".join(quote_str(p.strip().lower()) for p in placeholder_reasons)
    view_sql, joins = _view_sql(columns, line_sql, tz, placeholders)
    con.execute("DROP TABLE IF EXISTS ex")
    con.execute("DROP TABLE IF EXISTS cm")
    explained = 0
    if "x" in joins:
        explained = _explanations(con, before_days, after_days)
    if "c" in joins:
        con.execute(
            f"""
            CREATE TEMP TABLE cm AS
            SELECT DISTINCT e.rowid AS k FROM events e
            JOIN wf u ON u.user_id = e.user_id AND {wf_at("u")}
            JOIN ct c ON c.patient_id = e.patient_id AND c.first_name = u.first_name
                AND c.last_name = u.last_name
            WHERE e.bad IS NULL
            """
        )
    con.execute(f"CREATE OR REPLACE TEMP VIEW av AS {view_sql}")
    if segment_columns is not None:
        narrow, _ = _view_sql(segment_columns, line_sql, tz, placeholders)
        con.execute(f"CREATE OR REPLACE TEMP VIEW sv AS {narrow}")
    # The same rows without any join, for window rules that only look at the events.
    plain = [f"{VIEW_COLUMNS[n][0]} AS {n}" for n in VIEW_COLUMNS if n.startswith("event__")]
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW ev AS SELECT e.rowid AS k, {', '.join(plain)} "
        "FROM events e WHERE e.bad IS NULL"
    )
    return _count(con, "events WHERE bad IS NULL"), explained


def _view_sql(
    columns: list[str], line_sql: str, tz: str, placeholders: str
) -> tuple[str, list[str]]:
    """The view's SELECT over ``events e`` for ``columns``, with only the joins they need;
    and those joins' aliases."""
    joins: list[str] = []
    select = ["e.rowid AS k", f"{line_sql} AS line"]
    for name in columns:
        expr, needs = VIEW_COLUMNS[name]
        for alias in needs:
            if alias not in joins:
                joins.append(alias)
        select.append(f"{expr.format(tz=tz, placeholders=placeholders)} AS {name}")
    order = [a for a in _JOINS if a in joins]
    sql = (
        f"SELECT {', '.join(select)} FROM events e "
        f"{' '.join(_JOINS[a] for a in order)} WHERE e.bad IS NULL"
    )
    return sql, joins


_DAY_US = 86_400_000_000


def reach_filter(
    con: duckdb.DuckDBPyConnection, before_days: int, after_days: int, alias: str = "r"
) -> str:
    """A constant condition on ``rel`` that every relationship able to explain one of the
    loaded events meets, for the explanations' join (which keeps its own window: the same
    rows, only fewer read). A relationship explains events from ``before_days`` before its
    start to ``after_days`` after its end (or, open, its start), so one that explains an
    event of the segment starts at most ``before_days`` after the segment's last event and
    at least ``after_days`` and its length before the first (the longest relationship's
    length stands for its own). A day wider on each side than the join's window, so the
    calendar arithmetic of any session time zone stays inside it.

    Without it every segment's join read every relationship, and a time-ordered input's
    relationships grow with its days: the explanations' cost per event grew with the
    scan's length (docs/scale-out-journal.md, the sixteenth session). ``rel`` is kept sorted
    by its start (``context``) and both bounds are on the start, so DuckDB's zone maps skip
    the relationships outside the segment's reach unread.
    """
    row = con.execute(
        "SELECT epoch_us(min(ts)), epoch_us(max(ts)) FROM events WHERE bad IS NULL"
    ).fetchone()
    if row is None or row[0] is None:
        return "true"
    first, last = int(row[0]), int(row[1])
    length = con.execute(
        "SELECT max(epoch_us(coalesce(end_ts, start_ts)) - epoch_us(start_ts)) FROM rel"
    ).fetchone()
    latest = _instant_sql(last + (int(before_days) + 1) * _DAY_US)
    if latest is None:  # beyond the calendar: no bound, every relationship read
        return "true"
    bounds = [f"{alias}.start_ts <= {latest}"]
    if length is not None and length[0] is not None:
        earliest = _instant_sql(first - (int(after_days) + 1) * _DAY_US - int(length[0]))
        if earliest is not None:
            bounds.append(f"{alias}.start_ts >= {earliest}")
    return " AND ".join(bounds)


def _instant_sql(us: int) -> str | None:
    """An instant (epoch microseconds) as a TIMESTAMPTZ literal (a constant DuckDB pushes
    into the scan of ``rel``, where its zone maps skip row groups); None outside years
    1-9999."""
    try:
        at = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=us)
    except OverflowError:
        return None
    return f"TIMESTAMPTZ {quote_str(at.isoformat())}"


def _explanations(con: duckdb.DuckDBPyConnection, before_days: int, after_days: int) -> int:
    """``ex``: per event, how many relationship rows explain it (user or department match)."""
    window = (
        f"e.ts BETWEEN r.start_ts - INTERVAL {int(before_days)} DAY "
        f"AND coalesce(r.end_ts, r.start_ts) + INTERVAL {int(after_days)} DAY "
        f"AND {reach_filter(con, before_days, after_days)}"
    )
    con.execute(
        f"""
        CREATE TEMP TABLE ex AS
        SELECT k, count(*) AS n FROM (
            SELECT e.rowid AS k FROM events e
            JOIN rel r ON r.patient_id = e.patient_id AND r.user_id = e.user_id
            WHERE {window} AND e.bad IS NULL
            UNION ALL
            SELECT e.rowid AS k FROM events e
            LEFT JOIN wf u ON u.user_id = e.user_id AND {wf_at("u")}
            JOIN rel r ON r.patient_id = e.patient_id AND r.user_id IS NULL
                AND r.department = coalesce(u.department, nullif(e.department, ''))
            WHERE {window} AND e.bad IS NULL
        ) GROUP BY k
        """
    )
    return _count(con, "ex")


def _count(con: duckdb.DuckDBPyConnection, source: str) -> int:
    """Rows of ``source`` (a table, optionally with a WHERE clause)."""
    row = con.execute(f"SELECT count(*) FROM {source}").fetchone()
    return int(row[0]) if row else 0


#: The per-segment table (``engine.segment_rows``: the view's rows the carry keeps, with
#: the event key) and its distinct events, which the functions below read.
SEGMENT = "seg"
SEGMENT_KEYS = "seg_keys"


def daily_counts(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, int]]:
    """(site-local day, events, explained events) of the loaded segment, for weekly reports
    (from ``seg``)."""
    rows = con.execute(
        "SELECT strftime(CAST(local_ts AS DATE), '%Y-%m-%d') AS day, count(*), "
        f"count_if(explained) FROM {SEGMENT} GROUP BY day"
    ).fetchall()
    return [(str(d), int(n), int(m)) for d, n, m in rows]


#: An event's identity, not its delivery's: the same access read from a CSV extract and its
#: NDJSON copy, or from a re-sent file, has the same key (MD5: no identifier is stored as is).
EVENT_KEY_SQL = (
    "md5(concat_ws(chr(31), coalesce(e.event_id, ''), coalesce(e.user_id, ''), "
    "coalesce(e.patient_id, ''), CAST(epoch_us(e.ts) AS VARCHAR)))"
)


def event_keys(con: duckdb.DuckDBPyConnection) -> str:
    """The loaded segment's distinct events (``seg_keys``) as the store takes them
    (``store.audited``): a JSON object ``{"key": day * 2 + explained, ...}``, the day a
    site-local day number (days since 1970-01-01), in (day, key) order. Built here, a text
    per day (DuckDB sorts the days' events in parallel; one ordered aggregate over all of
    them cost 1.7x the CPU), joined in day order: Python never touches an event, and the
    store's B-tree is written in order. Each member made by one ``concat`` (a chain of
    ``||`` built a string per step: 0.45 -> 0.39 CPU s for 732k events). A day's members
    are listed in their own order and joined once (``list`` ordered by the member, then
    ``array_to_string``): each begins with its key in quotes, and the keys are distinct MD5s
    of 32 hex digits, so that is the keys' order; sorting the members by another column and
    growing one string with ``string_agg`` cost a third more (732k events alone: 0.30 ->
    0.22 CPU s)."""
    member = "concat('\"', ekey, '\":', day * 2 + x)"
    days = con.execute(
        f"SELECT day, array_to_string(list({member} ORDER BY {member}), ',') "
        f"FROM {SEGMENT_KEYS} WHERE day IS NOT NULL AND x IS NOT NULL AND ekey IS NOT NULL "
        "GROUP BY day ORDER BY day"
    ).fetchall()
    return "{" + ",".join(str(text) for _, text in days) + "}"
