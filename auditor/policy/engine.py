"""Evaluate a policy pack over access events in DuckDB.

One connection per scan, locked down from the start: external access is off except for the
scan's own inputs and work folder (``allowed_paths``/``allowed_directories``), and the
configuration is frozen, so a rule cannot read files or change settings even if the SQL
allow-list had a hole. Per segment: events are loaded, the ``av`` view is (re)defined, all
row rules run in one pass (their verdicts kept with the segment's rows, ``segment_rows``;
one boolean column per rule when a rule failed), window rules run over ``av`` plus
``carry`` (the recent events of earlier segments, files and scans, each event once, kept by
event time) so a burst is found however its events were split, and reported once.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from auditor.policy import carry_parts
from auditor.policy import columns as cols
from auditor.policy.context import ContextInfo
from auditor.policy.loader import WINDOW_DISTINCT, WINDOW_PER
from auditor.policy.model import PolicyPack, Rule
from auditor.policy.view import ALWAYS, SEGMENT, SEGMENT_KEYS
from auditor.sql import quote_ident, quote_str


@dataclass(frozen=True)
class EngineConfig:
    timezone: str = "UTC"
    before_days: int = 7
    after_days: int = 30
    placeholder_reasons: tuple[str, ...] = ("", "n/a", "na", ".", "-", "none", "test")
    high_volume_threshold: int = 30
    high_volume_window_minutes: int = 60
    memory_limit: str = "1GB"
    threads: int = 0
    temp_dir: Path | None = None
    # The window carry's database file (``CARRY_DB``): disk-backed, so the carry need not fit
    # in ``memory_limit``; None: an in-memory one (tests, pack checks).
    carry_db: Path | None = None
    # The carry's expected size in memory, bytes (None: unknown): one expected within
    # ``MEMORY_CARRY_SHARE`` of ``memory_limit`` is kept in memory even with a ``carry_db``.
    carry_bytes: int | None = None
    # How far back (from the newest event) the window rules see earlier scans' events.
    carry_hours: int = 192
    # Seconds one rule's statement may run per segment before it is stopped (policy.guard).
    rule_time_limit: float = 300.0


@dataclass(frozen=True)
class ActiveRule:
    index: int
    rule: Rule
    over_minutes: int = 0
    threshold: int = 0


def rule_needs(rule: Rule) -> set[str]:
    needed: set[str] = set()
    for column in rule.columns:
        needed.update(cols.needs(column))
    return needed


def split_rules(
    pack: PolicyPack, context: ContextInfo, cfg: EngineConfig
) -> tuple[list[ActiveRule], dict[str, str]]:
    """(rules that can run, {rule id: why disabled}) given the context files present."""
    active: list[ActiveRule] = []
    disabled: dict[str, str] = {}
    for index, rule in enumerate(pack.rules):
        missing = sorted(rule_needs(rule) - context.present)
        if missing:
            disabled[rule.id] = f"needs {', '.join(missing)}"
            continue
        over = threshold = 0
        if rule.window is not None:
            over = rule.window.over_minutes or cfg.high_volume_window_minutes
            threshold = rule.window.threshold or cfg.high_volume_threshold
        active.append(ActiveRule(index, rule, over, threshold))
    return active, disabled


def _str_list(paths: Sequence[Path]) -> str:
    return "[" + ", ".join(quote_str(str(p)) for p in paths) + "]"


MAX_TEMP = "8GB"
#: The database the window carry lives in (``CARRY``; read through the temp view ``carry``):
#: a file in the scan's work folder (``EngineConfig.carry_db``), whose blocks DuckDB writes
#: compressed and evicts at will. As a TEMP table the carry sat in memory and, past the
#: memory limit, in the spill folder uncompressed: a 30M-event bench scan (a carry of ~27M
#: events) filled both and stopped with an OutOfMemoryException.
CARRY_DB = "carrydb"
CARRY = f"{CARRY_DB}.carry"
#: A carry expected to take at most this share of the memory limit (``EngineConfig.
#: carry_bytes``) is kept in an in-memory database, not in ``carry_db``'s file: a file's
#: blocks are compressed and written as they are inserted, which at 1M bench events (one
#: scan, the carry ~500k events after its first segment) cost 0.72 CPU s against 0.33 in
#: memory. Beyond the limit, DuckDB spills an in-memory database's blocks to the temp folder.
MEMORY_CARRY_SHARE = 0.25


def carry_in_memory(con: duckdb.DuckDBPyConnection, carry_bytes: int | None) -> bool:
    """Whether a carry expected to take ``carry_bytes`` (None: unknown) stays in memory."""
    limit = memory_limit_bytes(con)
    return (
        carry_bytes is not None
        and limit is not None
        and (carry_bytes <= limit * MEMORY_CARRY_SHARE)
    )


def connect(
    cfg: EngineConfig, *, allowed_dirs: Sequence[Path], allowed_paths: Sequence[Path]
) -> duckdb.DuckDBPyConnection:
    """An in-memory database that can read only the scan's inputs and work folder; the
    carry's database (``CARRY_DB``) attached from ``cfg.carry_db`` unless the carry is
    expected to be small (``carry_in_memory``), else in memory when the carry is made."""
    config: dict[str, Any] = {"memory_limit": cfg.memory_limit}
    if cfg.threads:
        config["threads"] = cfg.threads
    con = duckdb.connect(config=config)
    con.execute("SET TimeZone='UTC'")
    if cfg.temp_dir is not None:
        con.execute(f"SET temp_directory={quote_str(str(cfg.temp_dir))}")
        # Spill is bounded too: a rule that validates cannot fill the disk (probe M4).
        con.execute(f"SET max_temp_directory_size={quote_str(MAX_TEMP)}")
    if cfg.carry_db is not None and not carry_in_memory(con, cfg.carry_bytes):
        con.execute(f"ATTACH {quote_str(str(cfg.carry_db))} AS {CARRY_DB}")
    dirs = [str(Path(d).resolve()).rstrip("/") + "/" for d in allowed_dirs]
    con.execute(f"SET allowed_directories={_str_list([Path(d) for d in dirs])}")
    con.execute(f"SET allowed_paths={_str_list([Path(p).resolve() for p in allowed_paths])}")
    con.execute("SET enable_external_access=false")
    con.execute("SET lock_configuration=true")
    return con


def load_roles(con: duckdb.DuckDBPyConnection, pack: PolicyPack) -> None:
    con.execute("CREATE TABLE roles (role VARCHAR, record_type VARCHAR)")
    rows = [(role, rt) for role, types in pack.role_matrix.items() for rt in sorted(types)]
    rows += [(role, "\x00none") for role, types in pack.role_matrix.items() if not types]
    if rows:
        con.executemany("INSERT INTO roles VALUES (?, ?)", rows)


def window_source(active: list[ActiveRule]) -> str:
    """``ev`` (events only, no joins) when the window rules need nothing else, else ``av``."""
    names = carry_columns(active)
    return "ev" if all(n.startswith("event__") for n in names) else "av"


def carry_columns(active: list[ActiveRule]) -> list[str]:
    """View columns the window rules need from earlier segments."""
    needed = {"event__timestamp"}
    for a in active:
        spec = a.rule.window
        if spec is not None:
            needed.update((WINDOW_PER[spec.per], WINDOW_DISTINCT[spec.count_distinct]))
            needed.update(a.rule.columns)
    return sorted(needed)


#: An event's identity in view column names (as ``view.EVENT_KEY_SQL``): the carry holds
#: each event once however often it was delivered, and a segment's own events replace theirs.
EKEY = (
    "md5(concat_ws(chr(31), coalesce(event__event_id, ''), coalesce(event__user_id, ''), "
    "coalesce(event__patient_id, ''), CAST(epoch_us(event__timestamp) AS VARCHAR)))"
)


def stored_columns(active: list[ActiveRule]) -> list[str]:
    """What the carry keeps per event: the window columns and what a finding shows."""
    return sorted(set(carry_columns(active)) | set(ALWAYS))


def segment_sql(active: list[ActiveRule], flags: str | None = None) -> str:
    """The SELECT of ``seg``'s rows (``segment_rows``); with ``flags``, an expression over
    ``av`` (the row rules' verdicts, ``hits.row_flags_sql``), kept as its column ``rf``."""
    names = ", ".join(stored_columns(active))
    select = f"SELECT k, line, {EKEY} AS ekey, {names}"
    if flags is None:
        return f"{select} FROM sv"
    return f"{select}, {flags} AS rf FROM av"


#: Where each segment's rows live (``segment_rows``): a table ``carrydb.seg_<n>`` per
#: segment, read through the temp view ``seg``, and kept as a chunk of the carry once the
#: carry takes the segment (``advance_carry``): its rows are not copied into the carry's
#: table. This temp table lists the chunks, one row each: its table, its number ``n``
#: (segment order), the ``shift`` that moves its keys below every key then in use (NULL:
#: the segment being evaluated, not carried), its label's ``sid`` and its events' instants
#: ``lo``, ``hi`` (epoch microseconds; ``lo`` a bound once events were forgotten).
CARRY_CHUNKS = "carry_chunks"
#: At most this many chunks: more are merged into the carry's table (``advance_carry``).
#: A log in time order forgets its chunks whole as they pass out of ``carry_hours``; one
#: out of order may keep a few events of every segment.
MAX_CHUNKS = 24


#: The segment's table when the carry does not keep it as a chunk: no window rule runs (no
#: carry), the carry's database is a file (``_carry_in_memory_db``), or the segment is
#: small (``CHUNK_MIN_EVENTS``). A temp table made by one ``CREATE TABLE AS``, as ``seg``
#: was before the chunks; the carry, if any, takes a copy of its rows (``advance_carry``).
UNCARRIED_SEGMENT = "seg_rows"
#: A segment of fewer events than this is not kept as a chunk: a chunk saves the carry's
#: insert of its rows (~0.4 us an event) but costs its segment a few statements more (its
#: registration in ``CARRY_CHUNKS``, a ``DESCRIBE``, its shift and bounds), and every
#: later statement over the view ``carry`` one more branch to bind until it is forgotten
#: or merged, which a small segment's insert does not repay (a log of nine days in random
#: order, the default pack, in-process CPU of whole scans with and without chunks,
#: medians: segments of 46 events +31 ms a segment with chunks, of 5,900 +105 ms, of
#: 23,000 +82 ms (one pair of two the other way); of 43,000 -172 ms, of 100,000 -171 ms;
#: the 1M bench's of ~730,000 -0.3 s).
CHUNK_MIN_EVENTS = 40_000


def _carry_in_memory_db(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the carry's database (``_attach_carry_db``) is in memory, not a file.

    Only then are segments' tables kept as chunks: in a file, each segment's table is
    written there as it is made, and read back from DuckDB's buffers by every statement of
    its segment, which at 10M bench events (13 segments, the carry's file) cost about what
    the carry's insert of a temp table's rows did (the segments' tables 17.0 -> 24.4 CPU s,
    the insert 9.6 -> 0; whole scans within noise of each other, or dearer)."""
    _attach_carry_db(con)
    row = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = ?", [CARRY_DB]
    ).fetchone()
    return row is not None and row[0] is None


def _chunks_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {CARRY_CHUNKS} (name VARCHAR, n BIGINT, "
        "shift BIGINT, sid INTEGER, lo BIGINT, hi BIGINT)"
    )


def _drop_uncarried(con: duckdb.DuckDBPyConnection) -> None:
    """The table of a segment the carry did not take (no events left to carry) dropped,
    and its registration: ``advance_carry`` takes the registered one as the segment's."""
    _chunks_table(con)
    names = con.execute(f"SELECT name FROM {CARRY_CHUNKS} WHERE shift IS NULL").fetchall()
    for (name,) in names:
        con.execute(f"DROP TABLE IF EXISTS {name}")
    if names:
        con.execute(f"DELETE FROM {CARRY_CHUNKS} WHERE shift IS NULL")


def _segment_table(con: duckdb.DuckDBPyConnection) -> str:
    """A name for the next segment's table, once the last segment's is dropped if the carry
    did not take it (no window rule, an empty segment)."""
    _attach_carry_db(con)
    _drop_uncarried(con)
    row = con.execute(f"SELECT coalesce(max(n), 0) + 1 FROM {CARRY_CHUNKS}").fetchone()
    n = int(row[0]) if row else 1
    name = f"{CARRY_DB}.seg_{n}"
    con.execute(f"INSERT INTO {CARRY_CHUNKS} (name, n) VALUES (?, ?)", [name, n])
    return name


def segment_rows(
    con: duckdb.DuckDBPyConnection,
    active: list[ActiveRule],
    made: Callable[[str], bool] | None = None,
    flags: str | None = None,
    events: int | None = None,
) -> bool:
    """``seg``: the segment's events as the carry keeps them (``stored_columns``, each with
    its line and its key ``ekey``), read once from ``sv`` (``view.create_view`` with
    ``segment_columns=stored_columns(active)``: only the joins those need); ``seg_keys``: each
    distinct event once (key, first row ``k``, site-local day number, explained).

    What reads the segment besides the row rules' one pass (the day counts, the store's
    distinct events, the window rules, a burst's first event, the carry) reads these: the
    view's joins and the MD5 key are computed once per event instead of once per reader.

    ``seg`` is a view of the segment's table in the carry's database (``CARRY_CHUNKS``),
    which the carry keeps as it is when it takes the segment (``advance_carry``): a second
    copy of every event, the carry's insert, was ~0.5 us an event (10M bench events: 9.6 of
    the scan's 125 CPU s). Its text columns in ``UNCOMPRESSED`` are stored so (``table_for``).
    Without window rules there is no carry, and a carry in a file takes a copy, as it does
    of a segment of fewer than ``CHUNK_MIN_EVENTS`` ``events`` (None: unknown, kept): the
    table is then ``UNCARRIED_SEGMENT``.

    ``flags`` (with ``made``, which runs it under the rules' guard: True when it ran): the
    row rules' verdicts computed in the same pass, over ``av``, as ``seg``'s column ``rf``;
    when that statement fails (a rule's error or time limit) ``seg`` is made without them,
    and the rules run as before, each failure named. Whether ``seg`` has ``rf``.
    """
    windowed = bool(_window_rules(active))
    chunked = (
        windowed and (events is None or events >= CHUNK_MIN_EVENTS) and _carry_in_memory_db(con)
    )
    if not chunked and windowed:
        _drop_uncarried(con)  # a chunk made for an earlier segment the carry did not take
    table = _segment_table(con) if chunked else UNCARRIED_SEGMENT
    with_flags = False
    if flags is not None and made is not None:
        select = segment_sql(active, flags)
        if not chunked:  # one statement, as before the chunks
            with_flags = made(f"CREATE OR REPLACE TEMP TABLE {table} AS {select}")
        else:
            try:  # binding alone: a rule that cannot bind fails the guarded statement below
                con.execute(table_for(con, table, select))
            except duckdb.Error:
                pass
            else:
                with_flags = made(f"INSERT INTO {table} {select}")
    if not with_flags and chunked:
        create_table(con, table, segment_sql(active))
    elif not with_flags:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {segment_sql(active)}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW {SEGMENT} AS SELECT * FROM {table}")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {SEGMENT_KEYS} AS SELECT ekey, min(k) AS k, "
        "date_diff('day', DATE '1970-01-01', min(CAST(local_ts AS DATE))) AS day, "
        f"CAST(bool_or(explained) AS INTEGER) AS x FROM {SEGMENT} GROUP BY ekey"
    )
    return with_flags


#: The carried copies of the segment's events (``k``, ``ekey``: a re-delivery, the same events
#: in another format), found once a segment (``segment_copies``) for the window rule (left
#: out of ``W_SRC``) and the carry's advance (not taken again) alike.
SEG_COPIES = "seg_copies"


def segment_copies(con: duckdb.DuckDBPyConnection) -> None:
    """``SEG_COPIES``: the carried events whose key is one of the segment's (``seg_keys``).

    A copy has its event's instant, so only the carry within the segment's span is read (a
    constant filter: for a log in time order, zone maps skip the rest of the carry). Run
    after ``segment_rows``, with the carry as the segment's rules and advance see it: no
    carried event changes between (``advance_carry`` runs at the next segment, before
    ``seg`` is replaced)."""
    row = con.execute(
        f"SELECT epoch_us(min(event__timestamp)), epoch_us(max(event__timestamp)) FROM {SEGMENT}"
    ).fetchone()
    within = "false"
    if row is not None and row[0] is not None:
        within = f"event__timestamp BETWEEN {_instant(int(row[0]))} AND {_instant(int(row[1]))}"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {SEG_COPIES} AS SELECT k, ekey FROM carry "
        f"SEMI JOIN {SEGMENT_KEYS} USING (ekey) WHERE {within}"
    )


def _window_rules(active: list[ActiveRule]) -> list[ActiveRule]:
    return [a for a in active if a.rule.window is not None]


def _bucket_parts(active: ActiveRule) -> tuple[str, str, int]:
    """(group SQL, condition SQL, bucket width in ms) of a window rule over view columns."""
    spec = active.rule.window
    assert spec is not None
    cond = f"({active.rule.compiled})" if active.rule.compiled else "true"
    return WINDOW_PER[spec.per], cond, active.over_minutes * 60_000


def _bucket_of(ms: int, ts: str = "event__timestamp") -> str:
    return f"CAST(floor(epoch_ms({ts}) / {ms}) AS BIGINT)"


def bucket_table(active: ActiveRule) -> str:
    """The carry's event counts per (group, time bucket) for one window rule."""
    return f"carry_b{active.index}"


#: Appended bucket counts are merged (one row per bucket) once they outnumber twice the rows
#: of the last merge and this: a segment's appends cost what it holds, merges stay amortised.
MERGE_FLOOR = 1_000_000


def _count_buckets(
    con: duckdb.DuckDBPyConnection,
    active: list[ActiveRule],
    rows: str,
    *,
    merged: dict[str, int] | None = None,
) -> None:
    """Count ``rows`` (carry-shaped) per window rule, group and bucket into its table.

    The window query reads these counts instead of re-counting every carried event each
    segment (that made a scan's cost grow with the square of its events). A count may run
    high (events forgotten since, events the rule's condition leaves out), never low: it only
    picks the buckets worth a closer look. The rule's own SQL is not run here: it runs only
    in the window query, under the rule guard's time limit.

    ``merged`` (the rows of each table at its last merge): the counts are appended, so a
    bucket may have several rows, which the window stage sums, and the table is merged to
    one row per bucket when it outgrows ``MERGE_FLOOR`` and twice its last merge. The
    merged table is bounded by the groups times the buckets of ``carry_hours`` (~1M at 10M
    bench events), where appending alone grew it to 3.4M rows read by every segment.
    Without ``merged`` the table is (re)made from ``rows``.
    """
    for a in _window_rules(active):
        grp, _, ms = _bucket_parts(a)
        counted = (
            f"SELECT {grp} AS grp, {_bucket_of(ms)} AS b, count(*) AS c FROM {rows} GROUP BY ALL"
        )
        table = bucket_table(a)
        if merged is None:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {counted}")
            continue
        con.execute(f"INSERT INTO {table} {counted}")
        if _rows(con, table) > max(2 * merged.get(table, 0), MERGE_FLOOR):
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT grp, b, "
                f"CAST(sum(c) AS BIGINT) AS c FROM {table} GROUP BY ALL"
            )
            merged[table] = _rows(con, table)


def _rows(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


#: Where each carried event was read: the carry keeps a number for the segment's label
#: (``CARRY_SOURCES``) and the line, and spells ``label:line`` only where it is shown or
#: persisted. The text, ~60 bytes per event, was a quarter of the carry's memory (~240 bytes
#: per event; at 10M bench events the carry is ~9.6M events, over the 1 GB memory limit).
CARRY_SOURCES = "carry_src"
#: A persisted ``source`` read back as (label, line): the line is the digits after the last
#: colon, written without leading zeros; anything else is kept whole as the label.
_SOURCE_RE = r"(?s)^(.*):([1-9][0-9]{0,17}|0)$"


def source_id(con: duckdb.DuckDBPyConnection, label: str) -> int:
    """The carry's number for a segment's label (``CARRY_SOURCES``), added when new."""
    row = con.execute(f"SELECT sid FROM {CARRY_SOURCES} WHERE label = ?", [label]).fetchone()
    if row is not None:
        return int(row[0])
    row = con.execute(f"SELECT coalesce(max(sid), 0) + 1 FROM {CARRY_SOURCES}").fetchone()
    sid = int(row[0]) if row else 1
    con.execute(f"INSERT INTO {CARRY_SOURCES} VALUES (?, ?)", [sid, label])
    return sid


def source_sql(sid: str, line: str) -> str:
    """A carried event's ``label:line`` (as the segment it was read in wrote it)."""
    label = f"(SELECT label FROM {CARRY_SOURCES} WHERE {CARRY_SOURCES}.sid = {sid})"
    return f"concat_ws(':', {label}, {line})"


def _attach_carry_db(con: duckdb.DuckDBPyConnection) -> None:
    """``CARRY_DB``: the connection's (``connect``), else an in-memory one."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_databases() WHERE database_name = ?", [CARRY_DB]
    ).fetchone()
    if not (row and row[0]):
        con.execute(f"ATTACH ':memory:' AS {CARRY_DB}")


#: Carried text columns whose values are (nearly) all distinct: the event key (an MD5), the
#: event's id and its patient. DuckDB stores them uncompressed in the carry's database:
#: choosing and applying its default compression (dictionary with FSST) to them was about a
#: third of inserting the carried events (10M bench events, 9.6M carried: 15.9 -> 10.8 CPU s
#: in isolation), for a file 1.8x as large (635 -> 1,125 MB), which DuckDB still reads
#: and evicts a block at a time. Low-cardinality columns stay compressed.
UNCOMPRESSED = frozenset({"ekey", "event__event_id", "event__patient_id"})


def table_for(
    con: duckdb.DuckDBPyConnection, table: str, select: str, plain: frozenset[str] = UNCOMPRESSED
) -> str:
    """``CREATE OR REPLACE TABLE table`` with ``select``'s columns (empty), its text columns
    named in ``plain`` stored uncompressed."""
    columns = []
    for name, kind, *_ in con.execute(f"DESCRIBE {select}").fetchall():
        how = " USING COMPRESSION uncompressed" if name in plain and kind == "VARCHAR" else ""
        columns.append(f"{quote_ident(str(name))} {kind}{how}")
    return f"CREATE OR REPLACE TABLE {table} ({', '.join(columns)})"


def create_table(con: duckdb.DuckDBPyConnection, table: str, select: str) -> None:
    """``CREATE OR REPLACE TABLE table AS select``, with ``UNCOMPRESSED`` text columns so."""
    con.execute(table_for(con, table, select))
    con.execute(f"INSERT INTO {table} {select}")


def init_carry(
    con: duckdb.DuckDBPyConnection,
    active: list[ActiveRule],
    files: Sequence[Path] = (),
    cutoff: int | None = None,
) -> bool:
    """The carry table: earlier events for the window rules, from the persisted window (every
    earlier scan's recent events, its ``source`` text split into label and line: the Parquet
    ``files`` of ``policy.carry_parts``, events before ``cutoff``, microseconds, left out;
    files that no longer exist are skipped) or empty; and its per-bucket counts. Whether the
    persisted window was read."""
    names = ", ".join(stored_columns(active))
    _attach_carry_db(con)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {CARRY_SOURCES} (sid INTEGER, label VARCHAR)")
    loaded = False
    present = [f for f in files if f.exists()]
    if present:
        live = "" if cutoff is None else f" WHERE epoch_us(event__timestamp) >= {int(cutoff)}"
        parquet = f"(SELECT * FROM read_parquet({_str_list(present)}, union_by_name = true){live})"
        split = quote_str(_SOURCE_RE)
        label = (
            f"CASE WHEN regexp_matches(s, {split}) THEN regexp_extract(s, {split}, 1) ELSE s END"
        )
        try:
            con.execute(
                f"INSERT INTO {CARRY_SOURCES} SELECT row_number() OVER (ORDER BY label), label "
                f"FROM (SELECT DISTINCT {label} AS label FROM "
                f"(SELECT coalesce(source, '') AS s FROM {parquet}))"
            )
            create_table(
                con,
                CARRY,
                f"SELECT CAST(k AS BIGINT) AS k, ekey, c.sid, line, {names} FROM ("
                f"SELECT *, {label} AS label, CASE WHEN regexp_matches(s, {split}) "
                f"THEN CAST(regexp_extract(s, {split}, 2) AS BIGINT) END AS line "
                f"FROM (SELECT k, ekey, coalesce(source, '') AS s, {names} FROM {parquet})"
                f") JOIN {CARRY_SOURCES} c USING (label)",
            )
            loaded = True
        except duckdb.Error:  # a pack change altered the columns: start the window afresh
            con.execute(f"DELETE FROM {CARRY_SOURCES}")
    if not loaded:
        create_table(
            con,
            CARRY,
            f"SELECT CAST(k AS BIGINT) AS k, {EKEY} AS ekey, 0::INTEGER AS sid, "
            f"0::BIGINT AS line, {names} FROM av LIMIT 0",
        )
    _chunks_table(con)
    for (name,) in con.execute(
        f"SELECT name FROM {CARRY_CHUNKS} WHERE shift IS NOT NULL"
    ).fetchall():  # an earlier carry's chunks: this carry starts afresh
        con.execute(f"DROP TABLE IF EXISTS {name}")
    con.execute(f"DELETE FROM {CARRY_CHUNKS} WHERE shift IS NOT NULL")
    define_carry(con)
    _count_buckets(con, active, "carry")
    return loaded


def define_carry(con: duckdb.DuckDBPyConnection) -> None:
    """The temp view ``carry``: the carry's table (``CARRY``) and then its chunks
    (``CARRY_CHUNKS``: segments' tables the carry took whole) in segment order: the rows
    the table would hold had every chunk's been inserted into it when it was taken
    (``_chunk_selects``), in that order too, but where the insert's joins reordered them (a
    segment with an event twice or carried already; no query reads the carry by order)."""
    parts = [f"SELECT * FROM {CARRY}"] + [select for _, select in _chunk_selects(con)]
    con.execute(f"CREATE OR REPLACE TEMP VIEW carry AS {' UNION ALL '.join(parts)}")


def _chunk_selects(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(table, its rows as the carry's) for each carried chunk in segment order: its keys
    moved by its shift, its label's number given and its columns cast to the carry
    table's types, as an insert into the table would."""
    _chunks_table(con)
    kinds = [(str(r[0]), str(r[1])) for r in con.execute(f"DESCRIBE {CARRY}").fetchall()]
    chunks = con.execute(
        f"SELECT name, shift, sid FROM {CARRY_CHUNKS} WHERE shift IS NOT NULL ORDER BY n"
    ).fetchall()
    selects = []
    for name, shift, sid in chunks:
        own = {"k": f"k + {int(shift)}", "sid": str(int(sid))}
        columns = ", ".join(
            f"CAST({own.get(col, quote_ident(col))} AS {kind}) AS {quote_ident(col)}"
            for col, kind in kinds
        )
        selects.append((str(name), f"SELECT {columns} FROM {name}"))
    return selects


def lowest_key(con: duckdb.DuckDBPyConnection) -> int:
    """The carry's lowest key (0 when empty)."""
    row = con.execute("SELECT coalesce(min(k), 0) FROM carry").fetchone()
    return int(row[0]) if row else 0


@dataclass
class CarryMarks:
    """The carry's newest instant and a bound on its oldest (epoch microseconds; None while
    it is empty), kept from segment to segment so that its upkeep does not scan it for them.

    ``advance_carry`` took the newest with ``max(event__timestamp)`` over the whole carry
    three times a segment (the events it takes, what it forgets, which buckets empty), and
    deleted with that subquery as the bound, which DuckDB's zone maps cannot skip by: at 10M
    bench events (a carry of ~9.6M) those scans were ~0.7 CPU s a segment, 9.5 of the
    scan's 181, and grew with the carry. With the instant known, the forgetting is a
    constant filter (row groups skipped by their zone maps), and none at all while no
    carried event can be older than the cutoff (``oldest``: no carried event is older).
    """

    newest: int | None = None
    oldest: int | None = None


def carry_marks(con: duckdb.DuckDBPyConnection) -> CarryMarks:
    """The carry's ``CarryMarks``, read once (after ``init_carry``)."""
    row = con.execute(
        "SELECT epoch_us(max(event__timestamp)), epoch_us(min(event__timestamp)) FROM carry"
    ).fetchone()
    if row is None or row[0] is None:
        return CarryMarks()
    return CarryMarks(int(row[0]), int(row[1]))


def _instant(us: int | None) -> str:
    """An instant (epoch microseconds) as a TIMESTAMPTZ literal; None as a NULL one."""
    if us is None:
        return "CAST(NULL AS TIMESTAMPTZ)"
    at = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=us)
    return f"TIMESTAMPTZ {quote_str(at.isoformat())}"


def _carry_additions(
    con: duckdb.DuckDBPyConnection,
    active: list[ActiveRule],
    label: str,
    hours: int,
    floor: int,
    marks: CarryMarks,
) -> tuple[str, int]:
    """The segment's events the carry takes (a SELECT of carry rows) and the lowest carry
    key before them. Reads ``seg``/``seg_keys`` (``segment_rows``) and the segment's carried
    copies (``SEG_COPIES``, ``segment_copies``), which it takes no second time. ``floor``:
    the lowest key ever given, kept since the carry was made (the carry's lowest may have
    been forgotten since, and no carried key is below it): new keys go below it, so the
    events added since a persisted part are those below its keys. ``marks``: the carry's
    (``CarryMarks``): neither is read from the carry."""
    names = ", ".join(stored_columns(active))
    # Only events the carry keeps: older than ``hours`` before the newest (of the carry and
    # this segment) they would be deleted at once. Each event once (its first row in file
    # order, ``seg_keys.k``), and not again when the carry already holds it. Keys move below
    # every key in use, keeping the segment's order (``k`` is file order): a burst's first
    # event among same-instant peers is the same as it was in its own segment. Hash joins,
    # no sort and no window over every event, straight into the carry: this runs on every
    # segment. Copies of an event share its instant, so only carried events within the
    # segment's span are checked: for a log read in time order, DuckDB's zone maps skip the
    # rest of the carry instead of scanning it (``segment_copies``); and only those among the
    # segment's keys, so the hash table is built on the segment, not on a carry of millions.
    # The joins only where they can leave an event out: a segment whose events are all
    # distinct and none of them carried already (a log read once, the usual case) is taken
    # as it is, in its own order (the hash joins cost a fifth of the insert, 732k events:
    # 0.37 -> 0.28 CPU s, and left the rows out of the segment's order).
    hours_sql = f"INTERVAL {int(hours)} HOUR"
    row = con.execute(
        f"SELECT max(k) + 1, count(*), (SELECT count(*) FROM {SEGMENT_KEYS}), "
        f"(SELECT count(*) FROM {SEG_COPIES}) FROM {SEGMENT}"
    ).fetchone()
    if row is None or row[0] is None:  # no events in the segment
        lowest, shift, joins = 0, 0, []
    else:
        lowest, shift = int(floor), int(floor) - int(row[0])
        joins = [f"SEMI JOIN {SEGMENT_KEYS} USING (k)"] if row[2] != row[1] else []
        joins += [f"ANTI JOIN {SEG_COPIES} USING (ekey)"] if row[3] else []
    return (
        f"""
        WITH cur AS (
            SELECT * FROM {SEGMENT} WHERE event__timestamp >= {_newest_sql(marks)} - {hours_sql}
        )
        SELECT k + {shift} AS k, ekey, {source_id(con, label)} AS sid, line, {names}
        FROM cur {" ".join(joins)}
        """,
        lowest,
    )


def advance_carry(
    con: duckdb.DuckDBPyConnection,
    active: list[ActiveRule],
    label: str,
    hours: int,
    merged: dict[str, int],
    floor: int,
    marks: CarryMarks,
) -> int:
    """Add the segment's events to the carry (negative keys, below ``floor`` too), each
    event once, and forget events more than ``hours`` older than the newest; the lowest key
    given so far (the next ``floor``). Reads ``seg``/``seg_keys`` (``segment_rows``) and
    ``SEG_COPIES`` (``segment_copies``). ``marks``: the carry's (``CarryMarks``, with
    ``floor`` kept since the carry was made), used instead of reading the carry for them,
    and moved on with it; ``merged``: the bucket counts' rows at their last merge.

    With the carry in memory the segment's table becomes a chunk of the carry
    (``CARRY_CHUNKS``, ``define_carry``): the rows the carry would not take
    (``_carry_additions``: too old to keep, a repeat of an event in the segment, a copy of a
    carried event) are deleted from it, which for a log read once and in time order is none,
    and its keys are moved in the carry's view. Else (``UNCARRIED_SEGMENT``: the carry's
    database is a file) the rows it takes are inserted into the carry's table.

    The window is kept by event time, not by file order: a burst split over two files or two
    feeds, or crossing midnight between daily files, is found whichever is scanned first.
    """
    if not any(a.rule.window for a in active):
        return floor
    sid = source_id(con, label)
    row = con.execute(f"SELECT name FROM {CARRY_CHUNKS} WHERE shift IS NULL").fetchone()
    table = str(row[0]) if row is not None else None
    stats = con.execute(
        f"SELECT max(k) + 1, count(*), count(event__timestamp), "
        f"epoch_us(min(event__timestamp)), epoch_us(max(event__timestamp)), "
        f"(SELECT count(*) FROM {SEGMENT_KEYS}), (SELECT count(*) FROM {SEG_COPIES}) "
        f"FROM {SEGMENT}"
    ).fetchone()
    lowest, added = floor, None
    if table is not None and stats is not None and stats[0] is not None:
        shift = int(floor) - int(stats[0])
        known = [int(v) for v in (stats[4], marks.newest) if v is not None]
        if not known:  # no instant to keep events from (``_carry_additions`` keeps none)
            con.execute(f"DELETE FROM {table}")
        elif stats[3] is not None and int(stats[3]) < max(known) - hours * 3_600_000_000:
            keep_from = _instant(max(known) - hours * 3_600_000_000)
            con.execute(f"DELETE FROM {table} WHERE event__timestamp < {keep_from}")
        if stats[2] != stats[1]:
            con.execute(f"DELETE FROM {table} WHERE event__timestamp IS NULL")
        if stats[5] != stats[1]:  # an event on two rows: its first is kept
            con.execute(f"DELETE FROM {table} WHERE k NOT IN (SELECT k FROM {SEGMENT_KEYS})")
        if stats[6]:  # carried already
            con.execute(f"DELETE FROM {table} WHERE ekey IN (SELECT ekey FROM {SEG_COPIES})")
        added = con.execute(
            f"SELECT min(k), epoch_us(min(event__timestamp)), epoch_us(max(event__timestamp)) "
            f"FROM {table}"
        ).fetchone()
        if added is not None and added[0] is not None:
            con.execute(
                f"UPDATE {CARRY_CHUNKS} SET shift = ?, sid = ?, lo = ?, hi = ? WHERE name = ?",
                [shift, sid, int(added[1]), int(added[2]), table],
            )
            added = (int(added[0]) + shift, int(added[1]), int(added[2]))
        else:
            added = None
    elif table is None and stats is not None and stats[0] is not None:
        # No chunk to keep (``UNCARRIED_SEGMENT``): the events inserted into the table.
        additions, lowest = _carry_additions(con, active, label, hours, floor, marks)
        con.execute(f"INSERT INTO {CARRY} BY NAME {additions}")
        row = con.execute(
            f"SELECT min(k), epoch_us(min(event__timestamp)), epoch_us(max(event__timestamp)) "
            f"FROM {CARRY} WHERE k < {lowest}"
        ).fetchone()
        added = None if row is None or row[0] is None else tuple(int(v) for v in row)
    else:
        lowest = 0  # no events in the segment
    if added is not None:
        floor = min(floor, lowest, added[0])
        low, high = added[1], added[2]
        marks.oldest = low if marks.oldest is None else min(marks.oldest, low)
        marks.newest = high if marks.newest is None else max(marks.newest, high)
    else:
        floor = min(floor, lowest)
    cutoff = _instant(None if marks.newest is None else marks.newest - hours * 3_600_000_000)
    if added is not None and table is not None:
        _count_buckets(con, active, table, merged=merged)
    elif added is not None:
        _count_buckets(con, active, f"(SELECT * FROM {CARRY} WHERE k < {lowest})", merged=merged)
    if marks.newest is not None and marks.oldest is not None:
        bound = marks.newest - hours * 3_600_000_000
        if marks.oldest < bound:  # else no carried event is old enough to forget
            con.execute(f"DELETE FROM {CARRY} WHERE event__timestamp < {cutoff}")
            _forget_chunks(con, bound, cutoff)
            marks.oldest = bound
    _merge_chunks(con)
    define_carry(con)
    for a in _window_rules(active):  # buckets wholly before the cutoff are empty now
        _, _, ms = _bucket_parts(a)
        con.execute(f"DELETE FROM {bucket_table(a)} WHERE (b + 1) * {ms} <= epoch_ms({cutoff})")
    return floor


def _forget_chunks(con: duckdb.DuckDBPyConnection, bound: int, cutoff: str) -> None:
    """The carried chunks' events before ``bound`` (epoch microseconds; ``cutoff`` as SQL)
    deleted: a chunk with none left dropped, one with none that old left alone."""
    chunks = con.execute(
        f"SELECT name, hi FROM {CARRY_CHUNKS} WHERE shift IS NOT NULL AND lo < ?", [bound]
    ).fetchall()
    for name, hi in chunks:
        if int(hi) < bound:
            con.execute(f"DROP TABLE {name}")
            con.execute(f"DELETE FROM {CARRY_CHUNKS} WHERE name = ?", [name])
        else:
            con.execute(f"DELETE FROM {name} WHERE event__timestamp < {cutoff}")
            con.execute(f"UPDATE {CARRY_CHUNKS} SET lo = ? WHERE name = ?", [bound, name])


def _merge_chunks(con: duckdb.DuckDBPyConnection) -> None:
    """More than ``MAX_CHUNKS`` carried chunks: all of them inserted into the carry's table
    (in segment order, as ``define_carry`` shows them) and dropped."""
    selects = _chunk_selects(con)
    if len(selects) <= MAX_CHUNKS:
        return
    for name, select in selects:
        con.execute(f"INSERT INTO {CARRY} {select}")
        con.execute(f"DROP TABLE {name}")
        con.execute(f"DELETE FROM {CARRY_CHUNKS} WHERE name = ?", [name])


#: Distinct values a part's column may have in a row group and still be written with a
#: dictionary (DuckDB's ``DICTIONARY_SIZE_LIMIT``; its default is a few thousand). The
#: event key, source, event id and patient of a part are (nearly) all distinct: DuckDB
#: built each one's dictionary up to its limit before writing it plain, a fifth of writing
#: the part (1M events: 1.07-1.16 -> 0.89-0.95 CPU s, file +4%: the users, ~5,000 per row
#: group here, are written plain too; departments, roles, record types, actions stay
#: dictionaries). Readers see the same values.
PART_DICTIONARY_LIMIT = 1000
#: The part's Parquet options. ``PARQUET_VERSION v2``: the integers and instants written
#: as deltas (``DELTA_BINARY_PACKED``), the plain texts as their lengths' deltas then their
#: bytes (``DELTA_LENGTH_BYTE_ARRAY``), dictionaries as ``RLE_DICTIONARY``: a 1M-event part
#: (960k rows, 15 columns, from a table, seven runs each, alternating) 0.90 -> 0.80 CPU s
#: to write, 0.51 -> 0.41 to read back, 68 -> 57 MiB. The same values and types (DuckDB,
#: pyarrow: the Spark engine's reader) and the same schema; writing needs DuckDB 1.2 or later
#: (1.1.3 refuses the option; 1.2.0 writes it: pyproject's floor), reading one that knows
#: those encodings (Arrow does).
PART_OPTIONS = f"FORMAT parquet, DICTIONARY_SIZE_LIMIT {PART_DICTIONARY_LIMIT}, PARQUET_VERSION v2"


def _copy_carry(con: duckdb.DuckDBPyConnection, rows: str, path: Path) -> None:
    """Carry-shaped ``rows`` as Parquet, its columns as they always were (``k, ekey,
    source``, then the stored columns): an older version, or the Spark engine, reads it as
    before."""
    source = "concat_ws(':', s.label, c.line)"
    con.execute(
        f"COPY (SELECT CAST(c.k AS BIGINT) AS k, c.ekey, {source} AS source, "
        "c.* EXCLUDE (k, ekey, sid, line) "
        f"FROM {rows} c LEFT JOIN {CARRY_SOURCES} s USING (sid)) TO {quote_str(str(path))} "
        f"({PART_OPTIONS})"
    )


def _advanced_rows(
    con: duckdb.DuckDBPyConnection,
    active: list[ActiveRule],
    label: str,
    hours: int,
    floor: int,
    marks: CarryMarks,
) -> str:
    """The carry as ``advance_carry`` would leave it (a subquery of carry rows), the carry
    table untouched: the same rows (the same keys, sources and columns) without inserting
    the segment's events, counting their buckets and deleting what falls out, which the
    scan's last segment needs for nothing else. Reads ``seg``/``seg_keys``."""
    if not any(a.rule.window for a in active):
        return "carry"
    additions, _ = _carry_additions(con, active, label, hours, floor, marks)
    names = ", ".join(stored_columns(active))
    return (
        f"(SELECT * FROM (SELECT k, ekey, sid, line, {names} FROM carry "
        f"UNION ALL SELECT k, ekey, sid, line, {names} FROM ({additions})) "
        f"WHERE NOT coalesce(event__timestamp < {_newest_sql(marks)} - INTERVAL {int(hours)} HOUR, "
        "false))"
    )


def _newest_sql(marks: CarryMarks) -> str:
    """The newest instant once the segment is carried: its newest event is always added or
    already carried (with its instant), so it is the newest of both (the carry's from its
    ``CarryMarks``)."""
    return f"greatest((SELECT max(event__timestamp) FROM {SEGMENT}), {_instant(marks.newest)})"


def save_carry_part(
    con: duckdb.DuckDBPyConnection,
    active: list[ActiveRule],
    path: Path,
    *,
    below: int | None,
    marks: CarryMarks,
    pending: str | None = None,
    hours: int = 192,
    floor: int = 0,
) -> tuple[carry_parts.Part | None, int | None]:
    """A part of the persisted carry (``policy.carry_parts``): the carried events with keys
    below ``below`` (None: all), as the carry is after the ``pending`` segment's advance
    when one is given (``_advanced_rows``), written to ``path``. (The part, None when it
    would be empty and nothing is written; the carry's newest instant, microseconds.)
    ``marks``: as ``advance_carry`` takes them."""
    if pending is None:
        rows, newest_sql = "carry", _instant(marks.newest)
    else:
        rows = _advanced_rows(con, active, pending, hours, floor, marks)
        newest_sql = _newest_sql(marks)
    row = con.execute(f"SELECT epoch_us({newest_sql})").fetchone()
    newest = None if row is None or row[0] is None else int(row[0])
    if below is not None:
        rows = f"(SELECT * FROM {rows} WHERE k < {int(below)})"
    _copy_carry(con, rows, path)
    stats = con.execute(
        "SELECT count(*), min(k), max(k), epoch_us(min(event__timestamp)), "
        f"epoch_us(max(event__timestamp)) FROM read_parquet({quote_str(str(path))})"
    ).fetchone()
    if stats is None or not stats[0]:
        path.unlink(missing_ok=True)
        return None, newest
    n, low, high, oldest, last = (0 if v is None else int(v) for v in stats)
    return carry_parts.Part(path.name, n, low, high, oldest, last), newest


#: The tables a scan's window rule is staged through (``window_stages``), per segment:
#: its events, the buckets its islands by event counts cover, and those of the islands
#: by distinct values (``refine_sql``), which the window query reads.
W_CUR, W_KEEP, W_KEEP2 = "w_cur", "w_keep", "w_keep2"
#: The carried events in ``W_KEEP``'s buckets (``keep_carried_sql``), read from the carry
#: once per segment for the narrowing and the window query (each of its slices) alike. In
#: the carry's database: at 30M bench events nearly every carried event is in one.
W_SRC = f"{CARRY_DB}.w_src"
#: ``W_SRC``'s text columns stored uncompressed (``UNCOMPRESSED``): the default pack's window
#: rule groups by user and counts distinct patients (10M bench: 6.0 -> 5.1 CPU s in all).
W_SRC_PLAIN = frozenset({"grp", "val"})


def _cur_sql(active: ActiveRule, source: str) -> str:
    """The segment's events the window rule counts: time, group, value, bucket, key."""
    grp, cond, ms = _bucket_parts(active)
    assert active.rule.window is not None
    val = WINDOW_DISTINCT[active.rule.window.count_distinct]
    ekey = "ekey" if source == SEGMENT else EKEY  # ``seg`` has it computed
    return (
        f"SELECT k, event__timestamp, {grp} AS grp, {val} AS val, {_bucket_of(ms)} AS b, "
        f"{ekey} AS ekey FROM {source} WHERE {cond}"
    )


def keep_sql(
    active: ActiveRule, cur: str, counts: str | None = None, floor: int | None = None
) -> str:
    """The (group, bucket) pairs whose carried events the window query must read, given the
    segment's events ``cur`` (``_cur_sql``'s rows) and the carry's counts per (group,
    bucket) (``counts``; default ``bucket_table``). The Spark engine runs this same text,
    transpiled (``spark.windows.keep_sql``).

    An event's window [t - over, t] lies in its own bucket and the one before, and distinct
    values never outnumber events: only a pair of adjacent buckets holding more than the
    threshold together (a hot pair, counted by a hash aggregate over the segment's counts and
    the carry's, ``bucket_table``) can hold an event over the threshold, and only in its
    second bucket. A hot pair has a bucket over half the threshold (``big``), so only the
    pairs next to one are joined to their second bucket: most pairs of a quiet log are none
    (at 1M bench events no bucket is big, and the self-join of every pair was a third of
    this statement). Runs of hot pairs of a group (islands, [lo, hi] by their first buckets)
    hold every burst whole, with the events their counts need: buckets [lo, hi + 1]; two
    islands' hot events lie more than a window apart, so no burst spans two. A burst can be
    this segment's to report only if one of the segment's events falls in its reach, which
    lies within its island's buckets: islands the segment has no event in are left out, so a
    log read in time order reads the carry near its own times, not the whole carry.

    The carry's counts may be too high (copies of this segment's events, events forgotten
    since): that only widens the closer look.

    ``floor`` (a bucket below every one of ``cur``'s): only the carry's counts from it on are
    read. Every pair from ``floor`` on has both its buckets' counts whole, so the buckets kept
    are those kept without it from ``floor`` on (an island reaching below it is cut there);
    ``window_steps`` says when that is enough.
    """
    bounded = "" if floor is None else f" AND b >= {int(floor)}"
    return f"""
        WITH buckets AS (
            SELECT grp, b, sum(c) AS c FROM (
                SELECT grp, b, count(*) AS c FROM {cur} GROUP BY ALL
                UNION ALL SELECT grp, b, c FROM {counts or bucket_table(active)}
                WHERE grp IN (SELECT grp FROM {cur}){bounded}
            ) GROUP BY ALL
        ),
        big AS (SELECT grp, b FROM buckets WHERE 2 * c > {active.threshold}),
        hot_pairs AS (
            SELECT a.grp, a.b FROM (
                SELECT * FROM buckets SEMI JOIN (
                    SELECT grp, b FROM big UNION SELECT grp, b - 1 FROM big
                ) USING (grp, b)
            ) a LEFT JOIN buckets n ON n.grp = a.grp AND n.b = a.b + 1
            WHERE a.c + coalesce(n.c, 0) > {active.threshold}
        ),
        islands AS ({_islands("hot_pairs", "b")}),
        spread AS (SELECT grp, lo, unnest(range(lo, hi + 2)) AS b FROM islands),
        touched AS (SELECT DISTINCT grp, lo FROM spread SEMI JOIN {cur} USING (grp, b))
        SELECT grp, b FROM spread SEMI JOIN touched USING (grp, lo)
    """


def _islands(pairs: str, col: str) -> str:
    """Islands [lo, hi] of ``pairs``: per group, each run of consecutive ``col`` values (the
    hot pairs ``keep_sql`` and ``refine_sql`` find, each by its own count)."""
    return (
        f"SELECT grp, min({col}) AS lo, max({col}) AS hi FROM ("
        f"SELECT grp, {col}, {col} - row_number() OVER (PARTITION BY grp ORDER BY {col}) AS run "
        f"FROM {pairs}) GROUP BY grp, run"
    )


#: How many buckets before the segment's first bucket a window rule's stages read the
#: carry's counts from at first (``window_steps``: the hot pairs, the carried events staged,
#: the narrowing; at least 2). On a log in time order many (group, bucket) pairs are hot by
#: events, and by distinct values too, for hours on end (10M bench events: ~25 events a
#: user in two buckets against a threshold of 30), so their islands reached back over the
#: whole carry, and each segment read the carry's counts, staged the carried events and
#: counted their distinct values over all of it: the stages grew with the carry until it
#: spanned ``carry_hours``, though bursts are rare and short.
KEEP_REACH = 4


def window_stages(
    con: duckdb.DuckDBPyConnection, active: ActiveRule, source: str
) -> Generator[str, None, int | None]:
    """The statements that fill ``W_CUR`` and ``W_KEEP`` for the window query
    (``window_steps``), each to be run (under the rule guard) before the next is asked for:
    run first, so a segment with no hot island skips the window query, and the one that
    runs reads the carry only within the islands' time span. ``W_KEEP`` from the bucket
    ``KEEP_REACH`` before the segment's first on (``keep_sql``'s ``floor``), which it
    returns (None: from the first, when the segment has no event the rule counts)."""
    yield f"CREATE OR REPLACE TEMP TABLE {W_CUR} AS {_cur_sql(active, source)}"
    row = con.execute(f"SELECT min(b) FROM {W_CUR}").fetchone()
    floor = None if row is None or row[0] is None else int(row[0]) - KEEP_REACH
    yield f"CREATE OR REPLACE TEMP TABLE {W_KEEP} AS {keep_sql(active, W_CUR, floor=floor)}"
    return floor


def keep_span(
    con: duckdb.DuckDBPyConnection, active: ActiveRule, table: str = W_KEEP
) -> tuple[str, str] | None:
    """The instants [from, to) that ``table``'s buckets cover, as SQL literals (a constant
    filter, which DuckDB's zone maps use to skip carried row groups); None when it is empty."""
    row = con.execute(f"SELECT min(b), max(b) FROM {table}").fetchone()
    if row is None or row[0] is None:
        return None
    ms = active.over_minutes * 60_000

    def at(bucket: int) -> str:
        instant = datetime.fromtimestamp(bucket * ms / 1000, UTC)
        return f"TIMESTAMPTZ {quote_str(instant.isoformat())}"

    return at(int(row[0])), at(int(row[1]) + 1)


def window_query(
    active: ActiveRule,
    base: str,
    source: str,
    staged: tuple[str, str] | None = None,
    carried: str | None = None,
) -> str:
    """One row per burst that this segment's events take part in, shown by its first event
    (wherever that lies: this segment or the carry), with ``base`` columns and ``n``.

    ``base`` reads ``allv``: the segment's events (``av``, with their ``source``) and the
    carry's. Carry copies of this segment's own events are left out (a re-scan, the same
    events in another format), so nothing is counted twice.

    Only carried events in the islands of hot buckets the segment touches are read
    (``keep_sql``, narrowed by ``refine_sql``), so a segment costs what it holds and what
    lies near it, not what the carry holds. ``staged``: ``W_CUR`` and ``W_KEEP2`` are filled
    (``window_steps``) and the carry is read only in this span of instants (``keep_span``),
    or not at all when its kept events are staged in ``carried`` (``keep_carried_sql``);
    else all in one statement.
    """
    if staged is None:
        head = f"cur AS ({_cur_sql(active, source)}), "
        if REFINE_PAIRS:
            head += f"keep1 AS ({keep_sql(active, 'cur')}), "
            head += f"keep AS ({refine_sql(active, 'cur', 'keep1', None)}),"
        else:
            head += f"keep AS ({keep_sql(active, 'cur')}),"
    else:
        head = f"cur AS (SELECT * FROM {W_CUR}), keep AS (SELECT * FROM {W_KEEP2}),"
    return f"""
        WITH {head} {_bursts_ctes(active, staged, carried)}
        SELECT {active.index} AS r, {base}, firsts.n
        FROM firsts JOIN allv ON allv.k = firsts.first_k
    """


#: Whether a window rule's islands are narrowed to pairs hot by distinct values
#: (``refine_sql``); off only in the tests that compare the findings of both.
REFINE_PAIRS = True


def keep_carried_sql(active: ActiveRule, span: tuple[str, str], copies: str) -> str:
    """``W_SRC``: the carried events the window query may count (``_bursts_ctes``'s carry
    side: the rule's condition, not copies of this segment's events) in ``W_KEEP``'s
    buckets, read in ``span`` (``keep_span`` of ``W_KEEP``): time, group, value, bucket, key.
    The copies are known by their keys (``copies``, ``segment_copies``): the event keys of
    every carried event in the span were the larger part of reading them here.

    The narrowing (``refine_sql``) and then the window query (once, or per slice) each
    read the carry in its span and kept what lay in their buckets: on a log out of time
    order the span is the whole carry, and at 10M bench events each of those reads scanned
    5-7M carried events for under 100k kept (~1 CPU s a read). Staged, the carry is read
    once a segment. The window query reads it by ``W_KEEP2``'s buckets, which may reach a
    bucket beyond ``W_KEEP``'s at an island's ends; the carried events there are not
    staged, and need not be: an event over the threshold in bucket b has its pair (b - 1,
    b) hot by events, so both buckets are ``W_KEEP``'s, and its count is whole; any other
    event counts no more without them, so stays under the threshold.
    """
    grp, cond, ms = _bucket_parts(active)
    assert active.rule.window is not None
    val = WINDOW_DISTINCT[active.rule.window.count_distinct]
    return f"""
        SELECT k, event__timestamp, grp, val, b FROM (
            SELECT k, event__timestamp, {grp} AS grp, {val} AS val, {_bucket_of(ms)} AS b
            FROM carry
            WHERE event__timestamp >= {span[0]} AND event__timestamp < {span[1]} AND {cond}
        ) c SEMI JOIN {W_KEEP} USING (grp, b)
        WHERE k NOT IN (SELECT k FROM {copies} SEMI JOIN {W_CUR} USING (ekey))
    """


def refine_sql(
    active: ActiveRule,
    cur: str,
    keep: str,
    span: tuple[str, str] | None,
    carried: str | None = None,
) -> str:
    """The buckets of ``keep`` (``keep_sql``) in islands of pairs of adjacent buckets that
    hold more than the threshold of distinct values, not merely of events: what the window
    query then reads (``span``: the carry is read in these instants, ``keep_span``).

    ``keep`` picks pairs by event counts, which is all the carry's bucket counts can tell; a
    user who opens the same patients again and again fills them (the 10M bench input:
    102,522 pairs over 30 events, 174 over 30 distinct patients), and the window query read
    every carried event of their islands into three window operators, segment after
    segment. Here only each kept event's group, bucket and value are read, their distinct
    values per pair counted (hash aggregates; carried copies of the segment's events add no
    value, so need no key), and the islands formed again from the pairs over the threshold.

    The proof is ``keep_sql``'s with distinct values for events: an event over the threshold
    in bucket b has its window within buckets b - 1 and b, whose distinct values then exceed
    the threshold, so that pair is kept with its island, buckets [lo, hi + 1], which hold
    the event and its whole window: it counts the same as over all of ``keep``. Any other
    event counts at most what it did (fewer rows), so stays under the threshold: the events
    over it, their counts and so the bursts are the same. A pair at the edge of ``keep``,
    one bucket read, was no hot pair by events, so it is none by distinct values either.

    ``carried``: ``keep``'s carried events are staged there (``keep_carried_sql``, without
    the copies of this segment's events, whose values ``cur`` has).
    """
    grp, cond, ms = _bucket_parts(active)
    assert active.rule.window is not None
    val = WINDOW_DISTINCT[active.rule.window.count_distinct]
    where = (
        "true"
        if span is None
        else (f"event__timestamp >= {span[0]} AND event__timestamp < {span[1]}")
    )
    from_carry = f"""SELECT grp, b, val FROM (
                    SELECT {grp} AS grp, {_bucket_of(ms)} AS b, {val} AS val FROM carry
                    WHERE {where} AND {cond}
                ) SEMI JOIN {keep} USING (grp, b)"""
    if carried is not None:
        from_carry = f"SELECT grp, b, val FROM {carried} SEMI JOIN {keep} USING (grp, b)"
    return f"""
        WITH vals AS (
            SELECT DISTINCT grp, b, val FROM (
                SELECT grp, b, val FROM {cur} SEMI JOIN {keep} USING (grp, b)
                UNION ALL {from_carry}
            ) WHERE val IS NOT NULL
        ),
        hot AS (
            SELECT grp, p FROM (
                SELECT DISTINCT grp, p, val FROM (
                    SELECT grp, b AS p, val FROM vals UNION ALL SELECT grp, b - 1, val FROM vals
                )
            ) GROUP BY grp, p HAVING count(*) > {active.threshold}
        ),
        islands AS ({_islands("hot", "p")})
        SELECT grp, unnest(range(lo, hi + 2)) AS b FROM islands
    """


def _bursts_ctes(
    active: ActiveRule, staged: tuple[str, str] | None, carried: str | None = None
) -> str:
    """The window query's steps after ``cur`` and ``keep`` (CTEs of that name), ending in
    ``firsts`` (``first_k``, ``n``, ``t0``, ``grp``): the first event, peak count, first
    instant and group of each burst this segment takes part in. Every window is partitioned
    by the group, so groups are independent: the bursts of ``keep``'s groups are those of
    the whole, whichever subset of the groups ``keep`` holds (``window_steps`` runs it per
    slice of them, and again for some groups). ``carried``:
    the carried events are staged there (``keep_carried_sql``), not read from the carry."""
    spec = active.rule.window
    assert spec is not None
    grp, cond, ms = _bucket_parts(active)
    val = WINDOW_DISTINCT[spec.count_distinct]
    over = f"INTERVAL {active.over_minutes} MINUTE"
    names = f"k, event__timestamp, {grp} AS grp, {val} AS val"
    span = "true"
    if staged is not None:
        span = f"event__timestamp >= {staged[0]} AND event__timestamp < {staged[1]}"
    from_carry = f"""SELECT k, event__timestamp, grp, val FROM (
                SELECT {names}, {_bucket_of(ms)} AS b, ekey FROM carry WHERE {span} AND {cond}
            ) c SEMI JOIN keep USING (grp, b)
            WHERE ekey NOT IN (SELECT ekey FROM cur)"""
    if carried is not None:
        from_carry = (
            f"SELECT k, event__timestamp, grp, val FROM {carried} SEMI JOIN keep USING (grp, b)"
        )
    return f"""
        src AS (
            SELECT k, event__timestamp, grp, val FROM cur SEMI JOIN keep USING (grp, b)
            UNION ALL {from_carry}
        ),
        counted AS (
            SELECT k, event__timestamp, grp, count(DISTINCT val) OVER (
                PARTITION BY grp ORDER BY event__timestamp
                RANGE BETWEEN {over} PRECEDING AND CURRENT ROW) AS n
            FROM src
        ),
        hot AS (
            SELECT *, lag(event__timestamp) OVER (
                PARTITION BY grp ORDER BY event__timestamp, k) AS prev
            FROM counted WHERE n > {active.threshold}
        ),
        bursts AS (
            SELECT *, sum(CASE WHEN prev IS NULL OR event__timestamp - prev > {over}
                               THEN 1 ELSE 0 END)
                OVER (PARTITION BY grp ORDER BY event__timestamp, k
                      ROWS UNBOUNDED PRECEDING) AS burst
            FROM hot
        ),
        spans AS (
            SELECT grp, arg_min(k, (event__timestamp, k)) AS first_k, max(n) AS n,
                min(event__timestamp) AS t0, max(event__timestamp) AS t1
            FROM bursts GROUP BY grp, burst
        ),
        firsts AS (
            -- Only bursts this segment takes part in: one of its events lies in the burst's
            -- reach (a burst wholly in the carry was reported when its events were scanned).
            SELECT first_k, n, t0, grp FROM spans s WHERE EXISTS (
                SELECT 1 FROM cur WHERE cur.grp = s.grp
                    AND cur.event__timestamp BETWEEN s.t0 - {over} AND s.t1)
        )
    """


#: The bursts' first events (``first_k``, ``n``; the burst's first instant ``t0`` and group
#: ``grp``) of a window rule's slices, gathered before one statement adds them all to the
#: hits: a slice that fails leaves no rule half reported (``window_steps``, ``_firsts``).
W_FIRSTS = "w_firsts"
#: A segment's groups whose window stages run again over all of the carry's counts, their
#: events, and the other groups' bursts meanwhile (``_regroup``).
W_AGAIN, W_CUR_AGAIN, W_FIRSTS_KEPT = "w_again", "w_cur_again", "w_firsts_kept"
#: DuckDB memory per row the window query holds, an estimate with margin: its three window
#: operators each keep their input (~50 bytes a row: key, instant, group, value) and
#: ``count(DISTINCT)``'s merge-sort tree; the carry's buffers and the segment's tables share
#: the same limit. (Measured, docs/scale-out-journal.md, "Seventh session".)
SLICE_ROW_BYTES = 400
#: At most this many slices (statements) per rule and segment: a slice holds at least one
#: group, and each statement reads the carry's span of the islands once.
MAX_SLICES = 64


def keep_rows(con: duckdb.DuckDBPyConnection, active: ActiveRule, table: str = W_KEEP) -> int:
    """Events in ``table``'s buckets (the segment's and the carry's counts; the carry's may
    run high): about the rows the window query holds."""
    row = con.execute(
        f"SELECT (SELECT coalesce(sum(c), 0) FROM {bucket_table(active)} "
        f"SEMI JOIN {table} USING (grp, b)) + "
        f"(SELECT count(*) FROM {W_CUR} SEMI JOIN {table} USING (grp, b))"
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


_UNITS = {"bytes": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3, "tb": 1000**4}
_UNITS.update({"kib": 1024, "mib": 1024**2, "gib": 1024**3, "tib": 1024**4})


def memory_limit_bytes(con: duckdb.DuckDBPyConnection) -> int | None:
    """The connection's ``memory_limit`` in bytes (DuckDB shows it as e.g. ``953.6 MiB``)."""
    row = con.execute("SELECT current_setting('memory_limit')").fetchone()
    text = str(row[0]).strip().lower() if row else ""
    number, _, unit = text.partition(" ")
    try:
        return int(float(number) * _UNITS[unit or "bytes"])
    except (KeyError, ValueError):
        return None


def slice_count(rows: int, memory_bytes: int | None) -> int:
    """How many slices of groups the window query runs in so that each holds about what the
    memory limit takes (``SLICE_ROW_BYTES`` a row), at most ``MAX_SLICES``."""
    if not memory_bytes or rows <= 0:
        return 1
    budget = max(1, memory_bytes // SLICE_ROW_BYTES)
    return max(1, min(MAX_SLICES, -(-rows // budget)))


def _slice_of(slices: int) -> str:
    """A group's slice, stable within a statement and the same for each of its events."""
    return f"hash(grp) % {int(slices)}"


def _narrowing(
    con: duckdb.DuckDBPyConnection,
    active: ActiveRule,
    span: tuple[str, str],
    carried: str | None,
    slices: int | None,
) -> Iterator[str]:
    """The statements that fill ``W_KEEP2`` (``refine_sql``): in one, or per slice of the
    groups as the window query (``slice_count`` from ``keep_rows`` of ``W_KEEP``; or
    ``slices``). Its counts and islands are per group, so the slices' buckets are the
    whole's. At 30M bench events nearly every carried event is in a kept bucket, and its
    hash aggregates over them in one statement ran out of DuckDB's 1 GB."""
    if not REFINE_PAIRS:
        yield f"CREATE OR REPLACE TEMP TABLE {W_KEEP2} AS FROM {W_KEEP}"
        return
    if slices is None:
        slices = slice_count(keep_rows(con, active, W_KEEP), memory_limit_bytes(con))
    if slices <= 1:
        keep = refine_sql(active, W_CUR, W_KEEP, span, carried)
        yield f"CREATE OR REPLACE TEMP TABLE {W_KEEP2} AS {keep}"
        return
    yield f"CREATE OR REPLACE TEMP TABLE {W_KEEP2} AS SELECT grp, b FROM {W_KEEP} LIMIT 0"
    for i in range(slices):
        part = f"(SELECT * FROM {W_KEEP} WHERE {_slice_of(slices)} = {i})"
        yield f"INSERT INTO {W_KEEP2} {refine_sql(active, W_CUR, part, span, carried)}"


def _kept_islands(
    con: duckdb.DuckDBPyConnection, active: ActiveRule, slices: int | None
) -> Generator[str, None, bool]:
    """``W_SRC`` and ``W_KEEP2`` from ``W_KEEP`` (``window_steps``); whether ``W_KEEP``
    holds an island (else neither is made)."""
    span = keep_span(con, active)
    if span is None:
        return False
    kept = keep_carried_sql(active, span, SEG_COPIES)
    try:  # its columns read outside the guard: a statement that cannot bind fails under it
        yield table_for(con, W_SRC, kept, W_SRC_PLAIN)
        yield f"INSERT INTO {W_SRC} {kept}"
    except duckdb.Error:
        yield f"CREATE OR REPLACE TABLE {W_SRC} AS {kept}"
    yield from _narrowing(con, active, span, W_SRC, slices)
    return True


def window_steps(
    con: duckdb.DuckDBPyConnection,
    active: ActiveRule,
    source: str,
    base: str,
    *,
    into: str,
    slices: int | None = None,
) -> Iterator[str]:
    """A window rule's statements for one segment, each to be run (under the rule guard)
    before the next is asked for: the stages (``window_stages``); when the segment touches
    an island hot by event counts, its narrowing to islands hot by distinct values
    (``W_KEEP2``, ``refine_sql``); then, when one is left, the window query's bursts into
    ``W_FIRSTS`` (``_firsts``), and one statement adds them to ``into`` (``base`` columns,
    ``n``): a statement that fails leaves no rule half reported.

    The query runs in one statement when the islands' events fit the memory limit, else per
    slice of the groups (``slice_count`` from ``keep_rows``; or ``slices``). The window is
    partitioned by the group, so the slices' bursts are the same as the whole's, and one
    statement holds ~1/N of the islands: a 30M-event input, nearly all of it in hot
    islands, ran out of DuckDB memory in a single window query.

    The narrowing runs per slice of the groups too, by the events of ``W_KEEP`` (``_narrowing``).

    The kept buckets' carried events are staged in ``W_SRC`` (``keep_carried_sql``, the
    segment's carried copies left out by ``SEG_COPIES``, ``segment_copies``) and read there
    by the narrowing and the window query: the carry once a segment.

    The stages read the carry's counts from ``KEEP_REACH`` buckets before the segment's
    first on (the floor L; a bucket is a window wide), and all of them again, for its group
    only (``_regroup``), when a burst found starts before bucket L + 2. Why the bursts are
    the same otherwise (per group: every step is partitioned by it): a pair of
    buckets from L on has both buckets' counts whole, so ``W_KEEP`` is what the whole read
    makes from L on (an island reaching below L is cut there), ``W_SRC`` likewise, and each
    pair from L on has its distinct values whole in the narrowing. An event in bucket L + 1
    or later has its window in its bucket and the one before, a pair from L on, hot by
    distinct values if the event is over the threshold: its count is whole, so it is found
    over the threshold exactly when it is. An event in bucket L may count low, never high.
    So every event found over the threshold is one, and a burst found that starts at bucket
    L + 2 or later is a whole burst: an event of it before its first would lie within a
    window of it, from bucket L + 1 on, and be found. A burst this segment takes part in
    (``_bursts_ctes``' ``firsts``) ends at or after the segment's first event (bucket
    L + ``KEEP_REACH`` or later), so its last events are found, in a burst found: whole,
    or starting before bucket L + 2, and then its group's stages run again over all of the
    counts.
    """
    floor = yield from window_stages(con, active, source)
    if not (yield from _kept_islands(con, active, slices)):
        return
    if not (yield from _firsts(con, active, slices)):
        return
    if floor is not None:
        yield from _regroup(con, active, slices, (floor + 2) * _bucket_parts(active)[2])
    yield f"""
        INSERT INTO {into} BY NAME
        SELECT {active.index} AS r, {base}, firsts.n
        FROM {W_FIRSTS} firsts JOIN allv ON allv.k = firsts.first_k
    """


def _regroup(
    con: duckdb.DuckDBPyConnection, active: ActiveRule, slices: int | None, start_ms: int
) -> Iterator[str]:
    """The groups with a burst in ``W_FIRSTS`` that starts before ``start_ms`` (epoch ms:
    the start of the floor's bucket + 2, ``window_steps``): their stages and bursts again
    from all of the carry's counts, the other groups' bursts kept. Every step is per group,
    so a subset of the groups' events (``W_CUR_AGAIN``) gives those groups' bursts as all of
    them would."""
    row = con.execute(
        f"SELECT count(*) FROM {W_FIRSTS} WHERE epoch_ms(t0) < {int(start_ms)}"
    ).fetchone()
    if row is None or not row[0]:
        return
    yield (
        f"CREATE OR REPLACE TEMP TABLE {W_AGAIN} AS SELECT DISTINCT grp FROM {W_FIRSTS} "
        f"WHERE epoch_ms(t0) < {int(start_ms)}"
    )
    yield (
        f"CREATE OR REPLACE TEMP TABLE {W_CUR_AGAIN} AS "
        f"SELECT * FROM {W_CUR} SEMI JOIN {W_AGAIN} USING (grp)"
    )
    yield (
        f"CREATE OR REPLACE TEMP TABLE {W_FIRSTS_KEPT} AS "
        f"SELECT * FROM {W_FIRSTS} ANTI JOIN {W_AGAIN} USING (grp)"
    )
    yield f"CREATE OR REPLACE TEMP TABLE {W_KEEP} AS {keep_sql(active, W_CUR_AGAIN)}"
    if (yield from _kept_islands(con, active, slices)) and (
        yield from _firsts(con, active, slices)
    ):
        yield f"INSERT INTO {W_FIRSTS} SELECT * FROM {W_FIRSTS_KEPT}"
    else:
        yield f"CREATE OR REPLACE TEMP TABLE {W_FIRSTS} AS FROM {W_FIRSTS_KEPT}"


def _firsts(
    con: duckdb.DuckDBPyConnection, active: ActiveRule, slices: int | None
) -> Generator[str, None, bool]:
    """``W_FIRSTS``: the first event, peak count, first instant and group of each burst this
    segment takes part in, from ``W_CUR``, ``W_KEEP2`` and ``W_SRC`` (``window_steps``): in
    one statement when the islands' events fit the memory limit, else per slice of the
    groups (``slice_count`` from ``keep_rows``; or ``slices``). Whether ``W_KEEP2`` holds an
    island (else nothing is made)."""
    span = keep_span(con, active, W_KEEP2)
    if span is None:
        return False
    if slices is None:
        slices = slice_count(keep_rows(con, active, W_KEEP2), memory_limit_bytes(con))
    ctes = _bursts_ctes(active, span, W_SRC)
    for i in range(max(1, slices)):
        keep = W_KEEP2 if slices <= 1 else f"{W_KEEP2} WHERE {_slice_of(slices)} = {i}"
        into = (
            f"CREATE OR REPLACE TEMP TABLE {W_FIRSTS} AS" if i == 0 else f"INSERT INTO {W_FIRSTS}"
        )
        yield f"""
            {into}
            WITH cur AS (SELECT * FROM {W_CUR}), keep AS (SELECT * FROM {keep}), {ctes}
            SELECT first_k, n, t0, grp FROM firsts
        """
    return True
