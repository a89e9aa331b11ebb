"""Generated access-log records and the checks every reader's properties share.

``Event`` is what a generated record must come back as; ``physical_lines`` splits a file
the way the readers count lines (CRLF, LF or a lone CR), so a test can say which text a
quarantined record must have: the file's own, from its line on.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from auditor.scanners.access_logs.event import ACTIONS, Rejected
from tests.scanners.access_logs.reading import Read

# Fast and repeatable: the same examples on every run, nothing stored between runs.
FAST = settings(
    max_examples=12,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
QUICK = settings(FAST, max_examples=50)

RAW_PREVIEW = 4096
_BREAK = re.compile(rb"(\r\n|\r|\n)")


@dataclass(frozen=True)
class Event:
    event_id: str
    ts: datetime  # UTC
    user_id: str
    patient_id: str
    action: str
    record_type: str = ""
    department: str = ""
    workstation: str = ""
    break_glass: bool = False
    reason: str = ""


def _stripped(text: str) -> bool:
    return text == text.strip()


ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.", min_size=1, max_size=10)
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=10).filter(_stripped)
# Free text as a CSV cell may hold it: separators, quotes, line breaks of every kind, accents.
free_text = st.text(alphabet=st.sampled_from(list("abc XYZ,;\"'\r\n\t|éü€0")), max_size=24).filter(
    _stripped
)
# A label (department) may hold separators, quotes and accents, never a line break: identifiers
# with control characters are quarantined (docs/formats.md).
labels = st.text(alphabet=st.sampled_from(list("abc XYZ,;\"'\t|éü€0")), max_size=24).filter(
    _stripped
)
instants = st.datetimes(
    # inside the plausibility window (access.earliest_event .. now + access.future_tolerance_hours)
    min_value=datetime(2001, 1, 1),
    max_value=datetime(2025, 12, 31),
    timezones=st.just(UTC),
).map(lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000))
# Every offset a timestamp may carry: -14:00 .. +14:00, whole minutes.
offsets = st.integers(-14 * 60, 14 * 60)


@st.composite
def iso_stamps(draw: st.DrawFn) -> tuple[str, datetime]:
    """(ISO 8601 text with a valid offset, the UTC instant it names)."""
    utc = draw(instants)
    minutes = draw(offsets)
    local = utc.astimezone(timezone(timedelta(minutes=minutes))).replace(tzinfo=None)
    sign = "+" if minutes >= 0 else "-"
    hh, mm = divmod(abs(minutes), 60)
    forms = [f"{sign}{hh:02d}:{mm:02d}", f"{sign}{hh:02d}{mm:02d}"]
    if mm == 0:
        forms.append(f"{sign}{hh:02d}")
    if minutes == 0:
        forms += ["Z", "z"]
    offset = draw(st.sampled_from(forms))
    sep = draw(st.sampled_from(["T", " "]))
    body = local.strftime(f"%Y-%m-%d{sep}%H:%M:%S")
    if local.microsecond:
        body += f".{local.microsecond // 1000:03d}"
    space = draw(st.sampled_from(["", " "])) if offset not in ("Z", "z") else ""
    return body + space + offset, utc


actions = st.sampled_from([*ACTIONS, ""])


@st.composite
def events(draw: st.DrawFn, *, free: bool = True) -> tuple[Event, str]:
    """(the event a reader must produce, its timestamp text)."""
    stamp, utc = draw(iso_stamps())
    action = draw(actions)
    text = free_text if free else words
    label = labels if free else words
    event = Event(
        event_id=draw(ids),
        ts=utc,
        user_id=draw(ids),
        patient_id=draw(ids),
        action=action or "view",
        record_type=draw(st.text(alphabet="abcdefghij_", max_size=8)),
        department=draw(label),
        workstation=draw(words),
        break_glass=draw(st.booleans()),
        reason=draw(text),
    )
    return event, stamp


line_breaks = st.sampled_from(["\n", "\r\n", "\r"])


def physical_lines(data: bytes) -> list[tuple[bytes, bytes]]:
    """(text, line break) per physical line: the readers' rule."""
    parts = _BREAK.split(data)
    out = [(parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]
    if parts[-1]:
        out.append((parts[-1], b""))
    return out


def is_file_text(data: bytes, rejected: Rejected, *, lstrip_bom: bool = False) -> bool:
    """Whether the quarantined ``raw`` is the file's own text from the record's line on:
    one or more whole physical lines (no line break after the last), at most 4 KiB."""
    lines = physical_lines(data)
    start = rejected.line - 1
    if not 0 <= start < len(lines):
        return False
    text = b""
    for k in range(start, min(len(lines), start + 300)):
        text += lines[k][0]
        shown = text[:RAW_PREVIEW].decode("utf-8", "replace")
        if lstrip_bom and rejected.line == 1:  # a BOM opens the file, not the record
            shown = shown.lstrip("\ufeff")
        if shown == rejected.raw:
            return True
        if len(text) > RAW_PREVIEW:
            return False
        text += lines[k][1]
    return False


def check_accounting(got: Read, data: bytes) -> None:
    """Counts add up; every quarantined record names a line of the file and a reason."""
    assert got.read == len(got.rows) + len(got.rejected)
    n_lines = len(physical_lines(data))
    assert got.read <= max(n_lines, 1)
    for rej in got.rejected:
        assert 1 <= rej.line <= max(n_lines, 1), (rej.line, n_lines)
        assert rej.reason
    for row in got.rows:
        assert 1 <= row.line <= n_lines


@contextmanager
def scratch() -> Iterator[Path]:
    """A fresh folder per example (hypothesis reuses a test's tmp_path across examples)."""
    with tempfile.TemporaryDirectory(prefix="prop-") as tmp:
        yield Path(tmp)
