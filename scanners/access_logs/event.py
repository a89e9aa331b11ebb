"""The one shape every access-log parser normalises to (docs/formats.md), and the value rules.

Parsers turn a vendor's spelling into an ``AccessEvent`` or a ``Rejected`` record; nothing
else leaves a parser, so every input record is accounted for as processed or quarantined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from auditor.event_columns import CANONICAL_COLUMNS as CANONICAL_COLUMNS  # re-exported
from auditor.timefmt import ANY_OFFSET as ANY_OFFSET  # re-exported
from auditor.timefmt import VALID_OFFSET as VALID_OFFSET  # re-exported

ACTIONS: tuple[str, ...] = (
    "view",
    "create",
    "update",
    "delete",
    "print",
    "export",
    "query",
    "login",
)


TRUE_WORDS = frozenset({"true", "1", "yes", "y", "t"})
FALSE_WORDS = frozenset({"false", "0", "no", "n", "f", ""})

# ISO 8601 with an explicit offset or Z: a timestamp without one is ambiguous, so rejected.
# One rule for every reader: the Python parsers match these patterns and the CSV path hands
# the same text to DuckDB (RE2), so ``[0-9]`` rather than ``\d`` (Unicode digits in Python).
# An offset is a real one (``timefmt.VALID_OFFSET``) or the record is quarantined, never
# moved to another instant.
_ISO_BODY = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ](?:[01][0-9]|2[0-3]):[0-5][0-9]"
    r"(?::[0-5][0-9](?:\.[0-9]+)?)? *"
)
ISO_PATTERN = _ISO_BODY + VALID_OFFSET
ISO_ANY_OFFSET_PATTERN = _ISO_BODY + ANY_OFFSET
ISO_WITH_OFFSET = re.compile(f"^{ISO_PATTERN}$")
_ISO_ANY_OFFSET = re.compile(f"^{ISO_ANY_OFFSET_PATTERN}$")
BAD_TIMESTAMP = "bad timestamp (ISO 8601 with offset required)"
BAD_OFFSET = "bad timestamp (impossible UTC offset; at most +/-14:00)"

# Characters a terminal or a bidi-aware viewer acts on: C0 controls except tab, DEL, C1, and
# the bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069). An identifier
# holding one is quarantined (it would be printed, stored and signed); free text loses them.
# Escapes for C0/C1 and the bidi characters themselves, so that Python ``re`` and DuckDB
# (RE2) read the one pattern alike.
UNSAFE_CHARS = r"[\x00-\x08\x0a-\x1f\x7f-\x9f" + "\u202a-\u202e\u2066-\u2069]"
_UNSAFE = re.compile(UNSAFE_CHARS)
# Free text keeps its line breaks (a quoted reason may span lines); the rest goes.
TEXT_UNSAFE_CHARS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + "\u202a-\u202e\u2066-\u2069]"
_TEXT_UNSAFE = re.compile(TEXT_UNSAFE_CHARS)
UNSAFE_REASON = "control or bidi character"
# The identifiers checked, in the order a reason names the first bad one.
ID_FIELDS = ("event_id", "user_id", "patient_id", "record_type", "department", "workstation")


def check_identifier(value: str, field_name: str) -> str:
    """``value`` unchanged, or ``BadValue`` naming the field (never the value)."""
    if _UNSAFE.search(value):
        raise BadValue(field_name, UNSAFE_REASON)
    return value


def clean_text(value: str) -> str:
    """Free text (a reason) with its control and bidi characters removed (tab and line
    breaks kept)."""
    return _TEXT_UNSAFE.sub("", value)


# The plausibility window's defaults (``access.future_tolerance_hours``,
# ``access.earliest_event`` in the configuration).
FUTURE_TOLERANCE_HOURS = 24.0
EARLIEST_EVENT = date(2000, 1, 1)


@dataclass(frozen=True, slots=True)
class EventWindow:
    """When an access can have happened: from ``earliest`` to the scan's clock plus a
    tolerance. An instant outside (year 9999, year 1, the Unix epoch of an unset clock) is
    quarantined rather than raising findings about a time nobody worked."""

    earliest: datetime
    latest: datetime
    tolerance_hours: float = FUTURE_TOLERANCE_HOURS

    @classmethod
    def at(
        cls,
        now: datetime | None = None,
        *,
        future_tolerance_hours: float = FUTURE_TOLERANCE_HOURS,
        earliest_event: date = EARLIEST_EVENT,
    ) -> EventWindow:
        """The window of a scan whose wall clock reads ``now`` (default: the current time)."""
        clock = (now or datetime.now(UTC)).astimezone(UTC)
        return cls(
            earliest=datetime.combine(earliest_event, time(), tzinfo=UTC),
            latest=clock + timedelta(hours=future_tolerance_hours),
            tolerance_hours=future_tolerance_hours,
        )

    def late_reason(self, field_name: str) -> str:
        hours = f"{self.tolerance_hours:g}"
        return (
            f"implausible timestamp (more than {hours} hours after the scan's clock; "
            f"access.future_tolerance_hours) in '{field_name}'"
        )

    def early_reason(self, field_name: str) -> str:
        return (
            f"implausible timestamp (before {self.earliest.date().isoformat()}; "
            f"access.earliest_event) in '{field_name}'"
        )


@dataclass(frozen=True, slots=True)
class AccessEvent:
    """One access to one patient's record by one user, in UTC."""

    event_id: str
    timestamp: datetime
    user_id: str
    patient_id: str
    action: str = "view"
    record_type: str = ""
    department: str = ""
    workstation: str = ""
    break_glass: bool = False
    reason: str = ""
    source: str = ""
    line: int = 0
    end_offset: int = 0
    attributes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.timestamp.tzinfo is None:
            raise ValueError("AccessEvent.timestamp must be timezone-aware")

    def __repr__(self) -> str:
        return f"AccessEvent({self.event_id} @ {self.source})"


@dataclass(frozen=True, slots=True)
class Rejected:
    """A record that could not become an event: it goes to quarantine with its reason."""

    line: int
    reason: str
    raw: str = ""
    field: str = ""
    end_offset: int = 0

    def __repr__(self) -> str:  # raw may hold PHI: never printed
        return f"Rejected(line={self.line}, reason={self.reason!r})"


class BadValue(ValueError):
    """A field value that fails the contract; carries the field name, not the value."""

    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(f"{reason} in '{field_name}'")
        self.field = field_name
        self.reason = f"{reason} in '{field_name}'"


def parse_bool(value: str | bool | None, field_name: str = "break_glass") -> bool:
    if isinstance(value, bool):
        return value
    text = (value or "").strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise BadValue(field_name, "invalid boolean")


def parse_timestamp(value: str | None, field_name: str = "timestamp") -> datetime:
    """ISO 8601 with offset (or Z) to aware UTC."""
    text = (value or "").strip()
    if not text:
        raise BadValue(field_name, "missing timestamp")
    if not ISO_WITH_OFFSET.match(text):
        reason = BAD_OFFSET if _ISO_ANY_OFFSET.match(text) else BAD_TIMESTAMP
        raise BadValue(field_name, reason)
    norm = text.replace(" ", "T", 1) if "T" not in text else text
    norm = norm.replace(" ", "")
    if norm[-1] in "Zz":
        norm = norm[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(norm).astimezone(UTC)
    except (ValueError, OverflowError) as exc:  # year 1 or 9999 moved past the calendar
        raise BadValue(field_name, "bad timestamp") from exc


# An unknown action is shown in its reason only when it looks like a code (a short word),
# so a shifted column never copies free text (possibly PHI) into reasons and summaries.
ACTION_CODE = r"[A-Za-z0-9_.-]{1,24}"
_ACTION_CODE = re.compile(ACTION_CODE)
ALLOWED_ACTIONS = f"(allowed: {', '.join(ACTIONS)}; map others with values.action)"


def unknown_action(value: str) -> str:
    """The quarantine reason for an action outside the vocabulary (docs/context-files.md)."""
    shown = f"'{value}' " if _ACTION_CODE.fullmatch(value) else ""
    return f"unknown action {shown}{ALLOWED_ACTIONS}"


def normalise_action(value: str | None) -> str:
    text = (value or "").strip().lower()
    if not text:
        return "view"
    if text not in ACTIONS:
        raise BadValue("action", unknown_action(text))
    return text


def make_event(
    *,
    event_id: str,
    timestamp: datetime,
    user_id: str | None,
    patient_id: str | None,
    action: str = "view",
    record_type: str = "",
    department: str = "",
    workstation: str = "",
    break_glass: bool = False,
    reason: str = "",
    source: str = "",
    line: int = 0,
    end_offset: int = 0,
    attributes: dict[str, str] | None = None,
) -> AccessEvent:
    """Build an event, enforcing the rules every parser shares (ids present and free of
    control characters, action known); the reason loses its control characters."""
    user = (user_id or "").strip()
    patient = (patient_id or "").strip()
    if not user:
        raise BadValue("user_id", "missing user id")
    if not patient:
        raise BadValue("patient_id", "missing patient id")
    ids = {
        "event_id": event_id.strip(),
        "user_id": user,
        "patient_id": patient,
        "record_type": (record_type or "").strip().lower(),
        "department": (department or "").strip(),
        "workstation": (workstation or "").strip(),
    }
    for fname in ID_FIELDS:
        check_identifier(ids[fname], fname)
    return AccessEvent(
        event_id=ids["event_id"],
        timestamp=timestamp.astimezone(UTC),
        user_id=user,
        patient_id=patient,
        action=normalise_action(action),
        record_type=ids["record_type"],
        department=ids["department"],
        workstation=ids["workstation"],
        break_glass=break_glass,
        reason=clean_text(reason or "").strip(),
        source=source,
        line=line,
        end_offset=end_offset,
        attributes=attributes or {},
    )
