"""Read an access-log file the way a scan does (segments, then DuckDB), for the tests.

Every format goes through its real path: CSV dialects through ``csv_segments`` and
``load_csv``, record parsers through ``record_segments``; what comes back is each event's
line and fields, the quarantined records and the number of records read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from auditor.scanners.access_logs import resolve_format
from auditor.scanners.access_logs.event import EventWindow, Rejected
from auditor.scanners.access_logs.segments import csv_segments, record_segments


@dataclass(frozen=True)
class Row:
    """An event as the scan loaded it (the columns the rules read)."""

    line: int
    event_id: str
    ts: datetime
    user_id: str
    patient_id: str
    action: str
    record_type: str
    department: str
    workstation: str
    break_glass: bool
    reason: str


@dataclass
class Read:
    rows: list[Row] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    read: int = 0


def read_log(
    path: Path,
    fmt: str,
    work: Path,
    *,
    segment_bytes: int = 1 << 20,
    events_per_segment: int = 100_000,
    site_tz: str = "UTC",
    window: EventWindow | None = None,
) -> Read:
    spec = resolve_format(fmt, path)
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    work.mkdir(parents=True, exist_ok=True)
    if spec.vectorised:
        segs = csv_segments(
            path, spec, work, site_tz=site_tz, segment_bytes=segment_bytes, window=window
        )
    else:
        segs = record_segments(
            path,
            spec,
            work,
            events_per_segment=events_per_segment,
            site_tz=site_tz,
            window=window,
        )
    out = Read()
    for seg in segs:
        loaded = seg.load(con)
        out.read += loaded.read + len(seg.pre_rejected)
        out.rejected += [*seg.pre_rejected, *loaded.rejected]
        rows = con.execute(
            f"SELECT {loaded.line_sql}, event_id, ts, user_id, patient_id, action, record_type, "
            "department, workstation, break_glass, reason FROM events e WHERE bad IS NULL "
            "ORDER BY 1"
        ).fetchall()
        out.rows += [Row(*r) for r in rows]
    con.close()
    return out
