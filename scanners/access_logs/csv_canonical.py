"""Canonical CSV (docs/formats.md), loaded vectorised: DuckDB reads, SQL validates.

The raw file is read with every column as VARCHAR; DuckDB's reject store catches structural
errors (wrong column count, bad quoting, bad UTF-8) with their line numbers, and one SQL
pass maps and checks the values (ids present, timestamp with offset, boolean, action) while
inserting into ``events``; a bad row keeps its reason in ``bad`` and comes back as
``Rejected`` for the quarantine. No staging copy: line numbers come from the row id (plus
the rejected lines before it), assuming one physical line per record.
"""

from __future__ import annotations

import csv
import io
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from auditor.errors import InputError
from auditor.scanners.access_logs.csv_records import MAX_RECORD_BYTES, iter_records
from auditor.scanners.access_logs.event import (
    ACTION_CODE,
    ACTIONS,
    ALLOWED_ACTIONS,
    FALSE_WORDS,
    TRUE_WORDS,
    Rejected,
)
from auditor.scanners.access_logs.mapping import (
    CANONICAL,
    CsvMapping,
    event_id_sql,
    field_sql,
    timestamp_reason_sql,
    timestamp_sql,
)
from auditor.sql import quote_ident, quote_str

name = "csv"

# DuckDB refuses a longer line outright (its default is 2 MB); lines between the record limit
# (``csv_records.MAX_RECORD_BYTES``) and this are read and quarantined by the record check,
# longer ones send the segment to the Python record splitter.
MAX_LINE_BYTES = 8 << 20
# A header wider than this is cut (the mapped columns are always kept), and at most
# ``MAX_ATTRIBUTES`` unmapped columns become event attributes: 10,000 columns cost no more.
MAX_COLUMNS = 256
MAX_ATTRIBUTES = 64
log = logging.getLogger(__name__)

# ``line`` is NULL for rows read straight from a CSV: it is derived from the row id (see
# ``CsvLoad.line_sql``) so the file is parsed in one pass, without a staging copy. ``lts`` is
# the site-local time, converted once here rather than in every rule that looks at it.
EVENTS_DDL = """
CREATE TABLE IF NOT EXISTS events (
    line BIGINT, event_id VARCHAR, ts TIMESTAMPTZ, user_id VARCHAR,
    patient_id VARCHAR, action VARCHAR, record_type VARCHAR, department VARCHAR,
    workstation VARCHAR, break_glass BOOLEAN, reason VARCHAR, bad VARCHAR, raw VARCHAR,
    lts TIMESTAMP, attributes MAP(VARCHAR, VARCHAR)
)
"""


@dataclass(frozen=True)
class CsvLoad:
    """Rows read, rejected rows, and the SQL giving each event's line (over alias ``e``)."""

    read: int
    rejected: list[Rejected]
    line_sql: str


_LIST = "({})"


def _in_list(values: Any) -> str:
    return _LIST.format(", ".join(quote_str(v) for v in sorted(values)))


def sniff(head: str) -> bool:
    first = head.lstrip("\ufeff").splitlines()[0] if head.strip() else ""
    cols = {c.strip().strip('"').lower() for c in first.split(",")}
    return {"timestamp", "user_id", "patient_id"} <= cols


def load_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    mapping: CsvMapping = CANONICAL,
    *,
    label: str,
    first_data_line: int = 2,
    site_tz: str = "UTC",
    line_column: str | None = None,
    scratch: Path | None = None,
    starts: list[int] | None = None,
    data_lines: int | None = None,
) -> CsvLoad:
    """Load the file into ``events`` (bad rows flagged in ``bad``) and collect rejects.

    ``first_data_line`` is the original line number of the file's first data row (a segment
    copied with its header starts later); ``line_column`` names a column holding explicit
    line numbers (used for events normalised by the Python parsers); ``scratch`` is where a
    normalised copy goes when the file's line endings need fixing; ``data_lines`` is the
    number of physical lines after the header, when the caller has counted them already.
    Line numbers come from
    the row id (one record per line) unless the file has records spanning lines or blank
    lines; such a file is re-read through a normalised copy that carries each record's line.
    """
    con.execute("DROP TABLE IF EXISTS events")
    con.execute(EVENTS_DDL)
    if path.stat().st_size == 0:
        return CsvLoad(0, [], "e.line")
    try:
        mapping = _insert(con, path, mapping, label, site_tz, line_column)
    except duckdb.InvalidInputException as exc:
        # Mixed line endings stop DuckDB's CSV sniffer/state machine: retry on an LF copy.
        with tempfile.TemporaryDirectory(prefix="auditor-csv-", dir=scratch) as tmp:
            fixed = Path(tmp) / "lf.csv"
            _to_lf(path, fixed)
            con.execute("DELETE FROM events")
            try:
                mapping = _insert(con, fixed, mapping, label, site_tz, line_column)
            except duckdb.Error as exc2:
                if line_column:  # already a normalised copy: nothing left to fall back to
                    raise InputError(f"cannot read CSV: {type(exc2).__name__}", file=label) from exc
                # A line over the limit or an unterminated quote: split the records in
                # Python, quarantine only the bad ones (never the whole file).
                return _load_normalised(
                    con, path, mapping, label, first_data_line, site_tz, scratch
                )
    except duckdb.Error as exc:  # duckdb's own error tree; name the file, never values
        raise InputError(f"cannot read CSV: {type(exc).__name__}", file=label) from exc
    shift = first_data_line - 2
    if data_lines is None and not line_column:
        with path.open("rb") as fh:
            data_lines = count_lines(path, len(fh.readline()), path.stat().st_size)
    if not line_column and _records(con) != data_lines:
        return _load_normalised(con, path, mapping, label, first_data_line, site_tz, scratch)
    rejects = _structural_rejects(con, shift, starts)
    if line_column:
        line_sql = "e.line"
    elif rejects:
        con.execute(
            "CREATE TEMP TABLE rejg AS SELECT line - 2 - "
            "(row_number() OVER (ORDER BY line) - 1) AS g FROM (SELECT DISTINCT line FROM rej)"
        )
        line_sql = f"(e.rowid + 2 + {shift} + (SELECT count(*) FROM rejg WHERE g <= e.rowid))"
    else:
        line_sql = f"(e.rowid + 2 + {shift})"
    bad_rows = con.execute(
        f"SELECT {line_sql} AS line, bad, raw FROM events e WHERE bad IS NOT NULL ORDER BY 1"
    ).fetchall()
    for line, bad, raw in bad_rows:
        reason, _, fname = str(bad).rpartition("|")
        rejects.append(Rejected(line=int(line), reason=reason, raw=raw or "", field=fname))
    rejects.sort(key=lambda r: r.line)
    return CsvLoad(_records(con), rejects, line_sql)


def _records(con: duckdb.DuckDBPyConnection) -> int:
    """Records DuckDB read: loaded rows plus rejected ones."""
    row = con.execute(
        "SELECT (SELECT count(*) FROM events) + (SELECT count(DISTINCT line) FROM rej)"
    ).fetchone()
    return int(row[0]) if row else 0


def count_lines(path: Path, start: int, end: int) -> int:
    """Physical lines in the byte range (a last line without a newline counts)."""
    count, last = 0, b""
    with path.open("rb") as fh:
        fh.seek(start)
        remaining = end - start
        while remaining > 0 and (block := fh.read(min(1 << 22, remaining))):
            count += block.count(b"\n")
            remaining -= len(block)
            last = block
    return count + (1 if last and not last.endswith(b"\n") else 0)


# The column a normalised copy adds: each record's first line in the original file.
SOURCE_LINE = "__auditor_source_line"


def _load_normalised(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    mapping: CsvMapping,
    label: str,
    first_data_line: int,
    site_tz: str,
    scratch: Path | None,
) -> CsvLoad:
    """Re-read a file whose records do not sit one per line (a quoted field holding a line
    break, blank lines): Python's csv module finds each record and its first line, and a
    copy carrying that line is loaded instead. Slower, and only for such files."""
    shift = first_data_line - 2
    starts: list[int] = []
    refused: list[Rejected] = []
    with tempfile.TemporaryDirectory(prefix="auditor-csv-", dir=scratch) as tmp:
        copy = Path(tmp) / "records.csv"
        delimiter = mapping.delimiter or ","
        with path.open("rb") as src, copy.open("w", encoding="utf-8", newline="") as out:
            head = src.readline(MAX_RECORD_BYTES).decode("utf-8", "replace").lstrip("\ufeff")
            header = _parse(head, delimiter)
            if not header:
                return CsvLoad(0, [], "e.line")
            writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
            writer.writerow([*header, SOURCE_LINE])
            for rec in iter_records(src, 2):
                at = rec.line + shift
                record = _parse(rec.text, delimiter) if rec.text is not None else None
                if record is None:
                    reason = rec.reason or "malformed row: bad quoting"
                    refused.append(Rejected(line=at, reason=reason, raw=rec.raw or ""))
                    continue
                if not record:  # a blank line: not a record
                    continue
                starts.append(at)
                writer.writerow([*record, str(at)])
        loaded = load_csv(
            con,
            copy,
            mapping,
            label=label,
            site_tz=site_tz,
            line_column=SOURCE_LINE,
            scratch=scratch,
            starts=starts,
        )
    rejected = sorted([*refused, *loaded.rejected], key=lambda r: r.line)
    return CsvLoad(loaded.read + len(refused), rejected, loaded.line_sql)


def _parse(text: str, delimiter: str) -> list[str] | None:
    """One record's fields ([] for a blank line); None when it is not exactly one record."""
    # The csv module's field limit is process-wide: raised for this record only (a record
    # here is at most MAX_RECORD_BYTES), then put back for every other reader.
    previous = csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_BYTES))
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"'))
    except csv.Error:
        return None
    finally:
        csv.field_size_limit(previous)
    rows = [r for r in rows if r]
    if len(rows) > 1:
        return None
    return rows[0] if rows else []


def _insert(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    mapping: CsvMapping,
    label: str,
    site_tz: str,
    line_column: str | None,
) -> CsvMapping:
    """One pass: read the file (all VARCHAR), map, check and insert into ``events``."""
    delim = f", delim={quote_str(mapping.delimiter)}" if mapping.delimiter else ""
    for table in ("rej", "rej_scans", "rejg"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    source = (
        f"read_csv({quote_str(str(path))}, all_varchar=true, header=true, store_rejects=true, "
        "rejects_table='rej', rejects_scan='rej_scans', strict_mode=true, quote='\"', "
        f"escape='\"', max_line_size={MAX_LINE_BYTES}{delim})"
    )
    header = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
    header_l = {h.strip().lower(): h for h in header}
    mapping = _resolve_case(mapping, header_l, label)
    sep = quote_str(mapping.delimiter or ",")
    used = {*mapping.columns.values(), *mapping.event_id_columns, line_column}
    fields = [h for h in header if h != SOURCE_LINE]
    if len(fields) > MAX_COLUMNS:  # a hostile width: keep the mapped columns and the first few
        log.warning(
            "%s: %d columns; only the mapped ones and the first %d are read",
            label,
            len(fields),
            MAX_COLUMNS,
        )
        fields = [h for i, h in enumerate(fields) if i < MAX_COLUMNS or h in used]
    # ``raw_sql`` keys the digest of rows without an event id (kept as it always was: the
    # ids must stay stable); ``record_sql`` is the row as quarantined, empty fields kept.
    raw_sql = f"concat_ws({sep}, " + ", ".join(quote_ident(h) for h in fields) + ")"
    record_sql = (
        f"concat_ws({sep}, " + ", ".join(f"coalesce({quote_ident(h)}, '')" for h in fields) + ")"
    )
    line_in = f"CAST({quote_ident(line_column)} AS BIGINT)" if line_column else "NULL::BIGINT"
    attrs = _attributes_sql([h for h in fields if h not in used][:MAX_ATTRIBUTES])
    size_sql = " + ".join(f"coalesce(strlen({quote_ident(h)}), 0)" for h in fields) or "0"
    sql = _norm_sql(mapping, line_in, raw_sql, record_sql, attrs, site_tz, source, size_sql)
    con.execute(f"INSERT INTO events {sql}")
    return mapping


def _attributes_sql(extra: list[str]) -> str:
    """The row's other columns as a map (docs/formats.md), keyed by lower-case header name."""
    named = {h.strip().lower(): h for h in reversed(extra)}  # first of same-named wins
    if not named:
        return "NULL::MAP(VARCHAR, VARCHAR)"
    keys = ", ".join(quote_str(k) for k in named)
    values = ", ".join(f"nullif(trim({quote_ident(h)}), '')" for h in named.values())
    return f"map([{keys}], [{values}])"


def _to_lf(src: Path, dest: Path) -> None:
    with src.open("rb") as fin, dest.open("wb") as fout:
        carry = b""
        while block := fin.read(1 << 20):
            block = carry + block
            carry = b"\r" if block.endswith(b"\r") else b""
            if carry:
                block = block[:-1]
            fout.write(block.replace(b"\r\n", b"\n"))
        fout.write(carry)


def _resolve_case(mapping: CsvMapping, header_l: dict[str, str], label: str) -> CsvMapping:
    """Match mapped columns to the header case-insensitively; a missing one is an input error."""
    fixed: dict[str, str] = {}
    for fname, col in mapping.columns.items():
        actual = header_l.get(col.strip().lower())
        if actual is None:
            if fname in ("timestamp", "user_id", "patient_id"):
                raise InputError(
                    "required column missing from header", file=label, line=1, field=col
                )
            continue
        fixed[fname] = actual
    ids = tuple(header_l[c.lower()] for c in mapping.event_id_columns if c.lower() in header_l)
    return CsvMapping(
        name=mapping.name,
        columns=fixed,
        event_id_columns=ids,
        delimiter=mapping.delimiter,
        timestamp_format=mapping.timestamp_format,
        timestamp_timezone=mapping.timestamp_timezone,
        values=mapping.values,
        defaults=mapping.defaults,
    )


def _structural_rejects(
    con: duckdb.DuckDBPyConnection, shift: int, starts: list[int] | None
) -> list[Rejected]:
    """DuckDB's rejected rows; ``starts`` maps a normalised copy's record back to its line."""
    rows = con.execute(
        "SELECT line, min(error_type), min(csv_line) FROM rej GROUP BY line ORDER BY line"
    ).fetchall()
    out = []
    for line, kind, raw in rows:
        at = int(line) + shift
        if starts is not None and 0 <= int(line) - 2 < len(starts):
            at = starts[int(line) - 2]
        out.append(Rejected(line=at, reason=f"malformed row: {str(kind).lower()}", raw=raw or ""))
    return out


def _unknown_action_sql(action: str) -> str:
    """``event.unknown_action`` in SQL: the same reason from either path."""
    shown = (
        f"CASE WHEN regexp_full_match({action}, {quote_str(ACTION_CODE)}) "
        f"THEN '''' || {action} || ''' ' ELSE '' END"
    )
    return f"'unknown action ' || {shown} || {quote_str(ALLOWED_ACTIONS + '|action')}"


def _norm_sql(
    mapping: CsvMapping,
    line_sql: str,
    raw_sql: str,
    record_sql: str,
    attrs_sql: str,
    site_tz: str,
    source: str,
    size_sql: str = "0",
) -> str:
    """Map and check in three nested steps, so each field's text and the parsed timestamp
    are computed once and reused by the checks (``_bad``) and the output."""
    bg = f"lower(coalesce({field_sql(mapping, 'break_glass')}, ''))"
    bad = (
        "CASE "
        f"WHEN {size_sql} > {MAX_RECORD_BYTES} THEN 'record over {MAX_RECORD_BYTES} bytes|' "
        "WHEN _user IS NULL THEN 'missing user id|user_id' "
        "WHEN _patient IS NULL THEN 'missing patient id|patient_id' "
        "WHEN _ts_text IS NULL THEN 'missing timestamp|timestamp' "
        f"WHEN _ts IS NULL THEN {timestamp_reason_sql(mapping, '_ts_text')} || '|timestamp' "
        f"WHEN _bg NOT IN {_in_list(TRUE_WORDS | FALSE_WORDS)} THEN 'invalid boolean|break_glass' "
        f"WHEN _action NOT IN {_in_list(ACTIONS)} THEN {_unknown_action_sql('_action')} "
        "END"
    )
    return f"""
        SELECT _line, {event_id_sql(mapping, raw_sql)} AS event_id,
            _ts, _user, _patient, _action,
            lower(coalesce({field_sql(mapping, "record_type")}, '')) AS record_type,
            coalesce({field_sql(mapping, "department")}, '') AS department,
            coalesce({field_sql(mapping, "workstation")}, '') AS workstation,
            _bg IN {_in_list(TRUE_WORDS)} AS break_glass,
            coalesce({field_sql(mapping, "reason")}, '') AS reason,
            _bad, CASE WHEN _bad IS NOT NULL THEN {record_sql} END AS raw,
            timezone({quote_str(site_tz)}, _ts) AS lts, {attrs_sql} AS attributes
        FROM (
            SELECT *, {bad} AS _bad FROM (
                SELECT *, {timestamp_sql(mapping, site_tz, "_ts_text")} AS _ts FROM (
                    SELECT *, {line_sql} AS _line, {field_sql(mapping, "timestamp")} AS _ts_text,
                        {field_sql(mapping, "user_id")} AS _user,
                        {field_sql(mapping, "patient_id")} AS _patient,
                        lower(coalesce({field_sql(mapping, "action")}, 'view')) AS _action,
                        {bg} AS _bg
                    FROM {source}
                )
            )
        )
    """
