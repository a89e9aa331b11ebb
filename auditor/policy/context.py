"""Context CSVs (docs/context-files.md): who works here, who the patients are, what explains.

Each file is read once per scan in one SQL pass: validated (bad rows go to quarantine with
file, line and reason), normalised (names and addresses lower-cased, local times to UTC)
and kept as a table in the scan's database. A missing file leaves an empty table, and the
rules needing it are disabled (the run summary says which).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import duckdb

from auditor.errors import InputError
from auditor.policy.columns import (
    CONTACTS,
    CONTEXT_COLUMNS,
    PATIENTS,
    RELATIONSHIPS,
    WORKFORCE,
    WORKFORCE_PERIOD,
)
from auditor.policy.context_read import readable_copy, unreadable
from auditor.sql import quote_ident, quote_str
from auditor.timefmt import ANY_OFFSET, VALID_OFFSET

log = logging.getLogger(__name__)

SENSITIVE_TAGS = ("behavioral_health", "substance_use", "hiv", "reproductive", "genetic")
RELATIONSHIP_KINDS = ("encounter", "appointment", "order", "care_team", "referral", "result")
TIME_RE = r"^([01]?\d|2[0-3]):[0-5]\d$"
# An offset is one only after a time of day (``2026-03-04`` ends in ``-04``, a day, not an
# offset). One that looks like an offset but does not exist (``+25:00``, ``-05:60``) refuses
# the row, as in the access-log readers (``timefmt.VALID_OFFSET``): never another instant.
_AFTER_TIME = r"[0-9]:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)? *"
OFFSET_RE = f"{_AFTER_TIME}{ANY_OFFSET}$"
VALID_OFFSET_RE = f"{_AFTER_TIME}{VALID_OFFSET}$"
BAD_OFFSET = "bad time (impossible UTC offset; at most +/-14:00)"

REQUIRED = {
    WORKFORCE: ("user_id",),
    PATIENTS: ("patient_id",),
    RELATIONSHIPS: ("patient_id", "start"),
    CONTACTS: ("patient_id", "first_name", "last_name"),
}
OPTIONAL = {
    name: tuple(c for c in columns if c not in REQUIRED[name])
    + (WORKFORCE_PERIOD if name == WORKFORCE else ())
    for name, columns in CONTEXT_COLUMNS.items()
}
TABLES = {WORKFORCE: "wf", PATIENTS: "pt", RELATIONSHIPS: "rel", CONTACTS: "ct"}
EMPTY_DDL = {
    "wf": "user_id VARCHAR, first_name VARCHAR, last_name VARCHAR, role VARCHAR, "
    "department VARCHAR, address VARCHAR, street VARCHAR, zip VARCHAR, status VARCHAR, "
    "termination_date DATE, shift_start VARCHAR, shift_end VARCHAR, shift_start_min INTEGER, "
    "shift_end_min INTEGER, effective_from DATE, effective_to DATE",
    "pt": "patient_id VARCHAR, first_name VARCHAR, last_name VARCHAR, birth_date DATE, "
    "address VARCHAR, street VARCHAR, zip VARCHAR, vip BOOLEAN, deceased_date DATE, "
    "sensitive VARCHAR[], employee_user_id VARCHAR",
    "rel": "patient_id VARCHAR, user_id VARCHAR, department VARCHAR, kind VARCHAR, "
    "start_ts TIMESTAMPTZ, end_ts TIMESTAMPTZ",
    "ct": "patient_id VARCHAR, first_name VARCHAR, last_name VARCHAR, relationship VARCHAR, "
    "address VARCHAR",
}


class RejectSink(Protocol):
    """Where unusable context rows go (the scan's quarantine): a protocol, so the policy
    engine needs no parser module to report them."""

    def add(self, file: str, line: int, reason: str, raw: str = "", field: str = "") -> None: ...


@dataclass
class ContextInfo:
    """What context a scan has: files present, rows loaded, rows rejected, Parquet copies."""

    directory: Path | None
    present: set[str] = field(default_factory=set)
    rows: dict[str, int] = field(default_factory=dict)
    rejected: dict[str, int] = field(default_factory=dict)

    @property
    def missing(self) -> list[str]:
        return sorted(set(TABLES) - self.present)


def _text(col: str) -> str:
    return f"nullif(trim({quote_ident(col)}), '')"


def _name(col: str) -> str:
    return f"nullif(lower(regexp_replace(trim({quote_ident(col)}), '\\s+', ' ', 'g')), '')"


def _address(col: str) -> str:
    stripped = f"regexp_replace(trim({quote_ident(col)}), '[.,#]', '', 'g')"
    return f"nullif(lower(regexp_replace({stripped}, '\\s+', ' ', 'g')), '')"


def _street(col: str) -> str:
    return f"nullif(regexp_replace({_address(col)}, '^\\d+[a-z]?(-\\d+)?\\s+', ''), '')"


def _date(col: str) -> str:
    return f"try_cast({_text(col)} AS DATE)"


def _bad_date(col: str) -> str:
    return f"({_text(col)} IS NOT NULL AND {_date(col)} IS NULL)"


def _local_ts(col: str, tz: str, end: bool = False) -> str:
    text = _text(col)
    plain = f"timezone({quote_str(tz)}, try_cast({text} AS TIMESTAMP))"
    if end:
        plain = f"(CASE WHEN length({text}) = 10 THEN {plain} + INTERVAL 1 DAY ELSE {plain} END)"
    return (
        f"(CASE WHEN regexp_matches({text}, {quote_str(VALID_OFFSET_RE)}) "
        f"THEN try_cast({text} AS TIMESTAMPTZ) "
        f"WHEN regexp_matches({text}, {quote_str(OFFSET_RE)}) THEN NULL ELSE {plain} END)"
    )


def _bad_offset(col: str) -> str:
    """Whether the column holds a time with an offset that does not exist."""
    text = _text(col)
    return (
        f"(regexp_matches({text}, {quote_str(OFFSET_RE)}) "
        f"AND NOT regexp_matches({text}, {quote_str(VALID_OFFSET_RE)}))"
    )


def _minutes(col: str) -> str:
    text = _text(col)
    return (
        f"(CASE WHEN regexp_matches({text}, {quote_str(TIME_RE)}) THEN "
        f"CAST(split_part({text}, ':', 1) AS INTEGER) * 60 + "
        f"CAST(split_part({text}, ':', 2) AS INTEGER) END)"
    )


def _workforce_sql(_tz: str) -> tuple[str, str]:
    """workforce.csv: ids, names, role, address, status and shift times."""
    select = f"""
        {_text("user_id")} AS user_id, {_name("first_name")} AS first_name,
        {_name("last_name")} AS last_name, lower({_text("role")}) AS role,
        {_text("department")} AS department, {_address("address")} AS address,
        {_street("address")} AS street, left({_text("zip")}, 5) AS zip,
        coalesce(lower({_text("status")}), 'active') AS status,
        {_date("termination_date")} AS termination_date,
        {_text("shift_start")} AS shift_start, {_text("shift_end")} AS shift_end,
        {_minutes("shift_start")} AS shift_start_min,
        {_minutes("shift_end")} AS shift_end_min,
        {_date("effective_from")} AS effective_from, {_date("effective_to")} AS effective_to"""
    bad = f"""CASE WHEN {_text("user_id")} IS NULL THEN 'missing user id|user_id'
        WHEN coalesce(lower({_text("status")}), 'active') NOT IN ('active', 'terminated')
            THEN 'status must be active or terminated|status'
        WHEN {_bad_date("termination_date")} THEN 'bad date|termination_date'
        WHEN {_text("shift_start")} IS NOT NULL AND {_minutes("shift_start")} IS NULL
            THEN 'bad time (HH:MM)|shift_start'
        WHEN {_text("shift_end")} IS NOT NULL AND {_minutes("shift_end")} IS NULL
            THEN 'bad time (HH:MM)|shift_end'
        WHEN {_bad_date("effective_from")} THEN 'bad date|effective_from'
        WHEN {_bad_date("effective_to")} THEN 'bad date|effective_to'
        WHEN {_date("effective_to")} < {_date("effective_from")}
            THEN 'effective_to before effective_from|effective_to' END"""
    return select, bad


def _patients_sql(_tz: str) -> tuple[str, str]:
    """patients.csv: ids, names, dates, VIP flag and sensitive tags."""
    clean = (
        f"regexp_replace(regexp_replace(lower(coalesce({_text('sensitive')}, '')), "
        "'\\s+', '', 'g'), '^;+|;+$|(;);+', '\\1', 'g')"
    )
    tags = f"(CASE WHEN {clean} = '' THEN []::VARCHAR[] ELSE string_split({clean}, ';') END)"
    tag_list = "[" + ", ".join(quote_str(t) for t in SENSITIVE_TAGS) + "]"
    vip = f"lower(coalesce({_text('vip')}, 'false'))"
    select = f"""
        {_text("patient_id")} AS patient_id, {_name("first_name")} AS first_name,
        {_name("last_name")} AS last_name, {_date("birth_date")} AS birth_date,
        {_address("address")} AS address, {_street("address")} AS street,
        left({_text("zip")}, 5) AS zip, {vip} IN ('true', '1', 'yes', 'y') AS vip,
        {_date("deceased_date")} AS deceased_date,
        {tags} AS sensitive,
        {_text("employee_user_id")} AS employee_user_id"""
    bad = f"""CASE WHEN {_text("patient_id")} IS NULL THEN 'missing patient id|patient_id'
        WHEN {vip} NOT IN ('true', '1', 'yes', 'y', 'false', '0', 'no', 'n')
            THEN 'invalid boolean|vip'
        WHEN {_bad_date("birth_date")} THEN 'bad date|birth_date'
        WHEN {_bad_date("deceased_date")} THEN 'bad date|deceased_date'
        WHEN NOT list_has_all({tag_list}, {tags})
            THEN 'unknown sensitive tag|sensitive' END"""
    return select, bad


def _relationships_sql(tz: str) -> tuple[str, str]:
    """relationships.csv: who (user or department) may see whom, from when."""
    kinds = "(" + ", ".join(quote_str(k) for k in RELATIONSHIP_KINDS) + ")"
    select = f"""
        {_text("patient_id")} AS patient_id, {_text("user_id")} AS user_id,
        {_text("department")} AS department, lower({_text("kind")}) AS kind,
        {_local_ts("start", tz)} AS start_ts, {_local_ts("end", tz, end=True)} AS end_ts"""
    bad = f"""CASE WHEN {_text("patient_id")} IS NULL THEN 'missing patient id|patient_id'
        WHEN {_text("user_id")} IS NULL AND {_text("department")} IS NULL
            THEN 'user_id or department required|user_id'
        WHEN {_text("kind")} IS NOT NULL AND lower({_text("kind")}) NOT IN {kinds}
            THEN 'unknown relationship kind|kind'
        WHEN {_bad_offset("start")} THEN {quote_str(BAD_OFFSET + "|start")}
        WHEN {_local_ts("start", tz)} IS NULL THEN 'bad or missing time|start'
        WHEN {_bad_offset("end")} THEN {quote_str(BAD_OFFSET + "|end")}
        WHEN {_text("end")} IS NOT NULL AND {_local_ts("end", tz, True)} IS NULL
            THEN 'bad time|end' END"""
    return select, bad


def _contacts_sql(_tz: str) -> tuple[str, str]:
    """contacts.csv: the patient's family and friends, by name."""
    select = f"""
        {_text("patient_id")} AS patient_id, {_name("first_name")} AS first_name,
        {_name("last_name")} AS last_name, lower({_text("relationship")}) AS relationship,
        {_address("address")} AS address"""
    bad = f"""CASE WHEN {_text("patient_id")} IS NULL THEN 'missing patient id|patient_id'
        WHEN {_name("first_name")} IS NULL OR {_name("last_name")} IS NULL
            THEN 'contact name required|last_name' END"""
    return select, bad


# Per context file: (normalised select list, CASE giving 'reason|field' for a bad row), given
# the site's timezone.
_SQL: dict[str, Callable[[str], tuple[str, str]]] = {
    WORKFORCE: _workforce_sql,
    PATIENTS: _patients_sql,
    RELATIONSHIPS: _relationships_sql,
    CONTACTS: _contacts_sql,
}


def prepare_context(
    con: duckdb.DuckDBPyConnection, directory: Path | None, tz: str, quarantine: RejectSink
) -> ContextInfo:
    """Create the four context tables (empty for a missing file), validated and normalised."""
    info = ContextInfo(directory=directory)
    if directory is not None and not directory.is_dir():
        raise InputError("context folder not found", file=str(directory))
    for fname, table in TABLES.items():
        path = directory / fname if directory is not None else None
        if path is None or not path.exists():
            con.execute(f"CREATE TEMP TABLE {table} ({EMPTY_DDL[table]}, bad VARCHAR)")
            continue
        _load_one(con, path, fname, tz, quarantine, info)
        info.present.add(fname)
    return info


def context_files(directory: Path | None) -> list[Path]:
    """The context files a scan reads (for the database's allow-list)."""
    if directory is None:
        return []
    return [directory / name for name in TABLES if (directory / name).exists()]


def _line_of(rowid: int, gaps: list[int]) -> int:
    """File line of the ``rowid``-th parsed row, given structurally rejected lines' gaps."""
    return rowid + 2 + sum(1 for g in gaps if g <= rowid)


def _load_one(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    fname: str,
    tz: str,
    quarantine: RejectSink,
    info: ContextInfo,
) -> None:
    table = TABLES[fname]
    for name in ("crej", "crej_scans"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    with readable_copy(con, path) as readable:
        source = (
            f"read_csv({quote_str(str(readable))}, all_varchar=true, header=true, delim=',', "
            "quote='\"', escape='\"', strict_mode=true, store_rejects=true, "
            "rejects_table='crej', rejects_scan='crej_scans', parallel=false)"
        )
        columns = _columns(con, path, fname, source)
        select, bad = _SQL[fname](tz)
        try:
            con.execute(
                f"CREATE TEMP TABLE {table} AS SELECT {select}, {bad} AS bad "
                f"FROM (SELECT {columns} FROM {source})"
            )
        except duckdb.Error as exc:
            raise unreadable(path, exc) from exc
    rejected, gaps = _quarantine_bad(con, table, path, quarantine)
    if table == "wf":  # one row per user and start date: a user's rows are their history
        rejected += _dedupe(con, table, "user_id", path, gaps, quarantine, "effective_from")
        _close_periods(con)
    elif table == "pt":
        rejected += _dedupe(con, table, "patient_id", path, gaps, quarantine)
    elif table == "rel":  # in start order: a segment's explanations read only its span's
        # relationships (``view.reach_filter``), and zone maps skip the rest. Only after
        # the quarantine, whose line numbers are the file's row order.
        con.execute("CREATE OR REPLACE TEMP TABLE rel AS SELECT * FROM rel ORDER BY start_ts")
    count = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    info.rows[fname] = int(count[0]) if count else 0
    info.rejected[fname] = rejected


def _columns(con: duckdb.DuckDBPyConnection, path: Path, fname: str, source: str) -> str:
    """The file's columns under their contract names (absent optional ones as NULL).

    Header names match case-insensitively and trimmed; a missing required column is an
    input error naming the file, line 1 and the column.
    """
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    except duckdb.Error as exc:
        raise unreadable(path, exc) from exc
    header = {r[0].strip().lower(): r[0] for r in described}
    for col in REQUIRED[fname]:
        if col not in header:
            raise InputError(
                "required column missing from header", file=str(path), line=1, field=col
            )
    if fname == RELATIONSHIPS and "user_id" not in header and "department" not in header:
        raise InputError("needs user_id or department", file=str(path), line=1, field="user_id")
    wanted = (*REQUIRED[fname], *OPTIONAL[fname])
    present = [f"{quote_ident(header[c])} AS {quote_ident(c)}" for c in wanted if c in header]
    absent = [f"NULL::VARCHAR AS {quote_ident(c)}" for c in OPTIONAL[fname] if c not in header]
    return ", ".join(present + absent)


def _quarantine_bad(
    con: duckdb.DuckDBPyConnection, table: str, path: Path, quarantine: RejectSink
) -> tuple[int, list[int]]:
    """Quarantine malformed and invalid rows, then drop the invalid ones from ``table``.

    Returns (rows rejected, gaps): the gaps map later row ids back to file lines.
    """
    rej = con.execute(
        "SELECT line, min(error_type) FROM crej GROUP BY line ORDER BY line"
    ).fetchall()
    gaps = [int(line) - 2 - i for i, (line, _) in enumerate(rej)]
    rejected = 0
    for line, kind in rej:
        quarantine.add(str(path), int(line), f"malformed row: {str(kind).lower()}")
        rejected += 1
    bad_rows = con.execute(
        f"SELECT rowid, bad FROM {table} WHERE bad IS NOT NULL ORDER BY rowid"
    ).fetchall()
    for rowid, why in bad_rows:
        reason, _, fld = str(why).partition("|")
        quarantine.add(str(path), _line_of(int(rowid), gaps), reason, field=fld)
        rejected += 1
    if bad_rows:
        con.execute(f"DELETE FROM {table} WHERE bad IS NOT NULL")
    return rejected, gaps


def _dedupe(
    con: duckdb.DuckDBPyConnection,
    table: str,
    key: str,
    path: Path,
    gaps: list[int],
    quarantine: RejectSink,
    also: str = "",
) -> int:
    """Keep the first row per id (and ``also``); later duplicates are quarantined.

    Each repeated id is also a warning line naming the file, the lines that hold it and the
    rule (never the id or the rows' values): a user listed terminated then active must not
    pass unseen.
    """
    by = f"{key}, {also}" if also else key
    groups = con.execute(
        f"SELECT list(r ORDER BY r) FROM (SELECT rowid AS r, {by}, count(*) OVER"
        f" (PARTITION BY {by}) AS c FROM {table}) WHERE c > 1 GROUP BY {by} ORDER BY min(r)"
    ).fetchall()
    dups = [(rowid,) for (rows,) in groups for rowid in rows[1:]]
    for (rows,) in groups:
        lines = ", ".join(str(_line_of(int(r), gaps)) for r in rows)
        same = f" and {also}" if also else ""
        log.warning(
            "%s: the same %s%s on lines %s: the first row is used, the later ones are quarantined",
            path.name,
            key,
            same,
            lines,
        )
    for (rowid,) in dups:
        quarantine.add(str(path), _line_of(int(rowid), gaps), f"duplicate {key}", field=key)
    if dups:
        ids = ", ".join(str(int(r[0])) for r in dups)
        con.execute(f"DELETE FROM {table} WHERE rowid IN ({ids})")
    return len(dups)


def _close_periods(con: duckdb.DuckDBPyConnection) -> None:
    """A user's workforce rows as periods that never overlap: each ends (inclusive) where it
    says or the day before the user's next row starts, whichever is first, so an access
    matches the one row in force on its site-local day (``view.WF_AT``)."""
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE wf AS
        SELECT * EXCLUDE (nxt) REPLACE (
            CASE WHEN nxt IS NULL THEN effective_to
                 ELSE least(coalesce(effective_to, nxt - 1), nxt - 1) END AS effective_to
        )
        FROM (
            SELECT *, lead(effective_from) OVER (
                PARTITION BY user_id ORDER BY effective_from NULLS FIRST) AS nxt
            FROM wf
        )
        """
    )
