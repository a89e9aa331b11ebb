"""Canonical CSV (docs/formats.md), loaded vectorised: DuckDB reads, SQL validates.

The raw file is read with every column as VARCHAR; DuckDB's reject store catches structural
errors (wrong column count, bad quoting, bad UTF-8) with their line numbers, and one SQL
pass maps and checks the values (ids present, timestamp with offset, boolean, action) while
inserting into ``events``; a bad row keeps its reason in ``bad`` and comes back as
``Rejected`` for the quarantine. No staging copy: line numbers come from the row id (plus
the rejected lines before it), assuming one physical line per record.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import io
import logging
import re
import tempfile
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import duckdb

from auditor.errors import InputError
from auditor.scanners.access_logs.event import (
    ACTION_CODE,
    ACTIONS,
    ALLOWED_ACTIONS,
    FALSE_WORDS,
    ID_FIELDS,
    TEXT_UNSAFE_CHARS,
    TRUE_WORDS,
    UNSAFE_CHARS,
    UNSAFE_REASON,
    EventWindow,
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
from auditor.scanners.formats.csv_records import (
    Run,
    count_lines,
    iter_blocks,
    lines_at,
    read_first_line,
    split_runs,
)
from auditor.sql import quote_ident, quote_str

name = "csv"

# A record (all its fields) may hold at most this many bytes; longer ones are quarantined.
MAX_RECORD_BYTES = 1 << 20
# A quoted field may span at most this many physical lines (the records path only).
MAX_RECORD_LINES = 256
# How much of a quarantined record is kept.
RAW_PREVIEW = 4096
# DuckDB refuses a longer line outright (its default is 2 MB); lines between the record limit
# (``MAX_RECORD_BYTES``) and this are read and quarantined by the record check,
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
    data_lines: int | None = None,
    window: EventWindow | None = None,
) -> CsvLoad:
    """Load the file into ``events`` (bad rows flagged in ``bad``) and collect rejects.

    ``first_data_line`` is the original line number of the file's first data row (a segment
    copied with its header starts later); ``line_column`` names a column holding explicit
    line numbers (used for events normalised by the Python parsers); ``scratch`` is where a
    copy goes when one is needed; ``data_lines`` is the number of physical lines after the
    header, when the caller has counted them already; ``window`` is the plausibility window
    (default: the current clock with the default bounds). Line numbers come from the row id
    (one record per line) unless the file has records spanning lines or blank lines; such
    a file is re-read through a copy that carries each record's line (``_load_records``).
    A quarantined record is the text of the file, never DuckDB's rendering of its fields.
    """
    window = window or EventWindow.at()
    con.execute("DROP TABLE IF EXISTS events")
    con.execute(EVENTS_DDL)
    if path.stat().st_size == 0:
        return CsvLoad(0, [], "e.line")
    if mapping.delimiter is None:
        mapping = dataclasses.replace(mapping, delimiter=_header_delimiter(path, mapping))
    try:
        mapping = _insert(con, path, mapping, label, site_tz, line_column, window)
    except duckdb.InvalidInputException as exc:
        # Mixed line endings stop DuckDB's CSV sniffer/state machine: retry on an LF copy.
        with tempfile.TemporaryDirectory(prefix="auditor-csv-", dir=scratch) as tmp:
            fixed = Path(tmp) / "lf.csv"
            _to_lf(path, fixed)
            con.execute("DELETE FROM events")
            try:
                mapping = _insert(con, fixed, mapping, label, site_tz, line_column, window)
            except duckdb.Error as exc2:
                if line_column:  # already a copy of ours: nothing left to fall back to
                    raise InputError(f"cannot read CSV: {type(exc2).__name__}", file=label) from exc
                # A line over the limit or an unterminated quote: split the records in
                # Python, quarantine only the bad ones (never the whole file).
                return _load_records(
                    con, path, mapping, label, first_data_line, site_tz, scratch, window
                )
    except duckdb.Error as exc:  # duckdb's own error tree; name the file, never values
        raise InputError(f"cannot read CSV: {type(exc).__name__}", file=label) from exc
    if line_column:
        structural = _structural_rejects(con, 0, prefixed=line_column == SOURCE_LINE)
        return CsvLoad(_records(con), _bad_rows(con, "e.line", structural), "e.line")
    shift = first_data_line - 2
    with path.open("rb") as fh:
        header = len(read_first_line(fh, MAX_LINE_BYTES))
        if data_lines is None:
            data_lines = count_lines(fh, header, path.stat().st_size)
    if _records(con) != data_lines:
        return _load_records(con, path, mapping, label, first_data_line, site_tz, scratch, window)
    rejects = _structural_rejects(con, shift)
    if rejects:
        con.execute(
            "CREATE TEMP TABLE rejg AS SELECT line - 2 - "
            "(row_number() OVER (ORDER BY line) - 1) AS g FROM (SELECT DISTINCT line FROM rej)"
        )
        line_sql = f"(e.rowid + 2 + {shift} + (SELECT count(*) FROM rejg WHERE g <= e.rowid))"
    else:
        line_sql = f"(e.rowid + 2 + {shift})"
    rejects = _bad_rows(con, line_sql, rejects)
    if rejects:  # one record per line here: the physical line is the record
        with path.open("rb") as fh:
            fh.seek(header)
            texts = lines_at(fh, 2, [r.line - shift for r in rejects])
        rejects = [_with_raw(r, texts.get(r.line - shift)) for r in rejects]
    return CsvLoad(_records(con), rejects, line_sql)


def _bad_rows(
    con: duckdb.DuckDBPyConnection, line_sql: str, rejects: list[Rejected]
) -> list[Rejected]:
    """``rejects`` plus the rows whose values failed a check, in line order."""
    bad_rows = con.execute(
        f"SELECT {line_sql} AS line, bad, raw FROM events e WHERE bad IS NOT NULL ORDER BY 1"
    ).fetchall()
    for line, bad, raw in bad_rows:
        reason, _, fname = str(bad).rpartition("|")
        rejects.append(Rejected(line=int(line), reason=reason, raw=raw or "", field=fname))
    return sorted(rejects, key=lambda r: r.line)


def _with_raw(rejected: Rejected, text: bytes | None) -> Rejected:
    if text is None:
        return rejected
    raw = _preview(text)
    return Rejected(rejected.line, rejected.reason, raw, rejected.field, rejected.end_offset)


def _preview(text: bytes) -> str:
    return text[:RAW_PREVIEW].decode("utf-8", "replace")


def _records(con: duckdb.DuckDBPyConnection) -> int:
    """Records DuckDB read: loaded rows plus rejected ones."""
    row = con.execute(
        "SELECT (SELECT count(*) FROM events) + (SELECT count(DISTINCT line) FROM rej)"
    ).fetchone()
    return int(row[0]) if row else 0


# The column a copy adds: each record's first line in the original file.
SOURCE_LINE = "__auditor_source_line"


class _Index:
    """Where each record spanning lines sits in the original: line, offset and length."""

    def __init__(self) -> None:
        self.lines, self.offsets, self.sizes = array("q"), array("q"), array("q")

    def add(self, line: int, offset: int, size: int) -> None:
        self.lines.append(line)
        self.offsets.append(offset)
        self.sizes.append(size)

    def text(self, fh: BinaryIO, line: int) -> bytes | None:
        at = bisect.bisect_left(self.lines, line)
        if at == len(self.lines) or self.lines[at] != line:
            return None
        fh.seek(self.offsets[at])
        return fh.read(min(self.sizes[at], RAW_PREVIEW))


def _load_records(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    mapping: CsvMapping,
    label: str,
    first_data_line: int,
    site_tz: str,
    scratch: Path | None,
    window: EventWindow | None = None,
) -> CsvLoad:
    """Re-read a file whose records do not sit one per line (a quoted field holding a line
    break, blank lines, a record DuckDB cannot read) through a copy with each record's line
    in front: ``formats.csv_records`` finds the records (the one rule), one-line records
    are copied as they are, records spanning lines go through the csv module. Refused
    records (over a limit, quoting never closed) are quarantined, never the file."""
    shift = first_data_line - 2
    refused: list[Rejected] = []
    index = _Index()
    delimiter = mapping.delimiter or ","
    sep = delimiter.encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="auditor-csv-", dir=scratch) as tmp:
        copy = Path(tmp) / "records.csv"
        with path.open("rb") as src, copy.open("wb") as out:
            header = read_first_line(src, MAX_RECORD_BYTES)
            if not header.strip():
                return CsvLoad(0, [], "e.line")
            out.write(SOURCE_LINE.encode() + sep + header.rstrip(b"\r\n") + b"\n")
            offset = len(header)
            pieces = split_runs(
                iter_blocks(src),
                b'"',
                first_line=2,
                max_size=MAX_RECORD_BYTES,
                max_lines=MAX_RECORD_LINES,
            )
            for item in pieces:
                if isinstance(item, Run):  # one-line records, copied as they are
                    offset += _copy_run(out, sep, item, shift)
                    continue
                at = item.line + shift
                if item.refused:
                    refused.append(Rejected(line=at, reason=item.refused, raw=_preview(item.text)))
                elif item.text:  # a blank line is not a record
                    row = item.text if item.lines == 1 else _normalised(item.text, delimiter)
                    if row is None:
                        reason = "malformed row: bad quoting"
                        refused.append(Rejected(line=at, reason=reason, raw=_preview(item.text)))
                    else:
                        out.write(b"%d" % at + sep + row + b"\n")
                        if item.lines > 1:  # one-line records are found by their line
                            index.add(at, offset, len(item.text))
                offset += item.size
        loaded = load_csv(
            con,
            copy,
            mapping,
            label=label,
            site_tz=site_tz,
            line_column=SOURCE_LINE,
            scratch=scratch,
            window=window,
        )
    with path.open("rb") as fh:
        fh.seek(len(read_first_line(fh, MAX_RECORD_BYTES)))
        single = lines_at(fh, 2, [r.line - shift for r in loaded.rejected])
        texts = {line + shift: text for line, text in single.items()}
        rejected = [
            _with_raw(r, index.text(fh, r.line) or texts.get(r.line)) for r in loaded.rejected
        ]
    rejected = sorted([*refused, *rejected], key=lambda r: r.line)
    return CsvLoad(loaded.read + len(refused), rejected, loaded.line_sql)


def _copy_run(out: BinaryIO, sep: bytes, run: Run[bytes], shift: int) -> int:
    """Write a run of one-line records with their lines in front; the input it took."""
    line = run.line + shift
    rows = [b"%d%s%s\n" % (line + k, sep, text) for k, text in enumerate(run.texts) if text]
    out.write(b"".join(rows))
    return sum(map(len, run.texts)) + sum(map(len, run.ends))


def _header_delimiter(path: Path, mapping: CsvMapping) -> str:
    """The delimiter of a mapping that names none: the first of ``, | tab ;`` that splits
    the header into names holding the mapped timestamp column (DuckDB's own sniffer gives
    up on some small files), else ``,``."""
    with path.open("rb") as fh:
        head = read_first_line(fh, MAX_RECORD_BYTES).decode("utf-8", "replace")
    head = head.lstrip("\ufeff").rstrip("\r\n")
    wanted = mapping.columns.get("timestamp", "timestamp").strip().lower()
    for delimiter in (",", "|", "\t", ";"):
        if wanted in {c.strip().strip('"').lower() for c in head.split(delimiter)}:
            return delimiter
    return ","


def _normalised(text: bytes, delimiter: str) -> bytes | None:
    """A record spanning lines as one CSV row DuckDB reads the same way (None: not one)."""
    fields = _parse(text.decode("utf-8", "replace"), delimiter)
    if not fields:
        return None
    buf = io.StringIO()
    # "\r\n" as terminator so fields holding either character are quoted; then cut it.
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerow(fields)
    return buf.getvalue()[:-2].encode("utf-8")


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
    window: EventWindow | None = None,
) -> CsvMapping:
    """One pass: read the file (all VARCHAR), map, check and insert into ``events``."""
    delim = f", delim={quote_str(mapping.delimiter)}" if mapping.delimiter else ""
    for table in ("rej", "rej_scans", "rejg"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    # One reader thread: lines come from the row order, and DuckDB's parallel CSV reader
    # (2.0.1, two threads) stored a 64 MB file's two halves out of order, so findings named
    # the wrong lines (tests/scanners/access_logs/test_million_rows.py). The CPU is the same.
    source = (
        f"read_csv({quote_str(str(path))}, all_varchar=true, header=true, store_rejects=true, "
        "rejects_table='rej', rejects_scan='rej_scans', strict_mode=true, quote='\"', "
        f"escape='\"', max_line_size={MAX_LINE_BYTES}, parallel=false{delim})"
    )
    header = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
    header_l = {h.strip().lower(): h for h in header}
    mapping = _resolve_case(mapping, header_l, label)
    sep = quote_str(mapping.delimiter or ",")
    used = {*mapping.columns.values(), *mapping.event_id_columns, line_column}
    fields = [h for h in header if h not in (SOURCE_LINE, line_column)]
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
    sql = _norm_sql(mapping, line_in, raw_sql, record_sql, attrs, site_tz, source, size_sql, window)
    con.execute(f"INSERT INTO events {sql}")
    return mapping


def _attributes_sql(extra: list[str]) -> str:
    """The row's other columns as a map (docs/formats.md), keyed by lower-case header name."""
    named = {h.strip().lower(): h for h in reversed(extra)}  # first of same-named wins
    if not named:
        return "NULL::MAP(VARCHAR, VARCHAR)"
    keys = ", ".join(quote_str(k) for k in named)
    values = ", ".join(f"nullif({_clean_sql(quote_ident(h))}, '')" for h in named.values())
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
    con: duckdb.DuckDBPyConnection, shift: int, prefixed: bool = False
) -> list[Rejected]:
    """DuckDB's rejected rows; ``prefixed``: a copy of ours, whose first field is the line."""
    rows = con.execute(
        "SELECT line, min(error_type), min(csv_line) FROM rej GROUP BY line ORDER BY line"
    ).fetchall()
    out = []
    for line, kind, raw in rows:
        at = int(line) + shift
        prefix = _LINE_PREFIX.match(str(raw or "")) if prefixed else None
        if prefix:
            at = int(prefix.group(1))
        out.append(Rejected(line=at, reason=f"malformed row: {str(kind).lower()}", raw=raw or ""))
    return out


_LINE_PREFIX = re.compile(r"([0-9]{1,18})[^0-9]")


def _unknown_action_sql(action: str) -> str:
    """``event.unknown_action`` in SQL: the same reason from either path."""
    shown = (
        f"CASE WHEN regexp_full_match({action}, {quote_str(ACTION_CODE)}) "
        f"THEN '''' || {action} || ''' ' ELSE '' END"
    )
    return f"'unknown action ' || {shown} || {quote_str(ALLOWED_ACTIONS + '|action')}"


# The event fields checked for control and bidi characters, as the SQL columns holding them.
_ID_COLUMNS = {
    "event_id": "_eid",
    "user_id": "_user",
    "patient_id": "_patient",
    "record_type": "_rtype",
    "department": "_dept",
    "workstation": "_ws",
}


def _unsafe_any_sql() -> str:
    """One scan over the identifiers (the common, clean row pays for one regexp only)."""
    cols = ", ".join(f"coalesce({_ID_COLUMNS[f]}, '')" for f in ID_FIELDS)
    return f"regexp_matches(concat({cols}), {quote_str(UNSAFE_CHARS)})"


def _unsafe_reason_sql() -> str:
    """``event.check_identifier``'s reason for the first identifier holding one."""
    arms = " ".join(
        f"WHEN regexp_matches({_ID_COLUMNS[f]}, {quote_str(UNSAFE_CHARS)}) "
        f"THEN {quote_str(f'{UNSAFE_REASON} in {f!r}|{f}')}"
        for f in ID_FIELDS
    )
    return f"(CASE {arms} END)"


def _clean_sql(text: str) -> str:
    """``event.clean_text`` in SQL: control and bidi characters out (tab, CR, LF kept).
    Replaced only where one is found (a match is cheaper than a rewrite of every text)."""
    rx = quote_str(TEXT_UNSAFE_CHARS)
    return (
        f"(CASE WHEN regexp_matches({text}, {rx}) "
        f"THEN regexp_replace({text}, {rx}, '', 'g') ELSE {text} END)"
    )


def _window_sql(window: EventWindow | None) -> str:
    """The plausibility window's arms of the ``bad`` CASE (``EventWindow`` gives reasons)."""
    if window is None:
        return ""
    return (
        f"WHEN _ts > {quote_str(window.latest.isoformat())}::TIMESTAMPTZ "
        f"THEN {quote_str(window.late_reason('timestamp') + '|timestamp')} "
        f"WHEN _ts < {quote_str(window.earliest.isoformat())}::TIMESTAMPTZ "
        f"THEN {quote_str(window.early_reason('timestamp') + '|timestamp')} "
    )


def _norm_sql(
    mapping: CsvMapping,
    line_sql: str,
    raw_sql: str,
    record_sql: str,
    attrs_sql: str,
    site_tz: str,
    source: str,
    size_sql: str = "0",
    window: EventWindow | None = None,
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
        f"WHEN {_unsafe_any_sql()} THEN {_unsafe_reason_sql()} "
        f"{_window_sql(window)}"
        "END"
    )
    return f"""
        SELECT _line, _eid AS event_id,
            _ts, _user, _patient, _action, _rtype AS record_type, _dept AS department,
            _ws AS workstation, _bg IN {_in_list(TRUE_WORDS)} AS break_glass,
            {_clean_sql(f"coalesce({field_sql(mapping, 'reason')}, '')")} AS reason,
            _bad, CASE WHEN _bad IS NOT NULL THEN {record_sql} END AS raw,
            timezone({quote_str(site_tz)}, _ts) AS lts, {attrs_sql} AS attributes
        FROM (
            SELECT *, {bad} AS _bad FROM (
                SELECT *, {timestamp_sql(mapping, site_tz, "_ts_text")} AS _ts FROM (
                    SELECT *, {line_sql} AS _line, {field_sql(mapping, "timestamp")} AS _ts_text,
                        {field_sql(mapping, "user_id")} AS _user,
                        {field_sql(mapping, "patient_id")} AS _patient,
                        lower(coalesce({field_sql(mapping, "action")}, 'view')) AS _action,
                        {bg} AS _bg, {event_id_sql(mapping, raw_sql)} AS _eid,
                        lower(coalesce({field_sql(mapping, "record_type")}, '')) AS _rtype,
                        coalesce({field_sql(mapping, "department")}, '') AS _dept,
                        coalesce({field_sql(mapping, "workstation")}, '') AS _ws
                    FROM {source}
                )
            )
        )
    """
