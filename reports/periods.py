"""Report periods: ISO weeks in the site timezone, as UTC instants for store queries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from auditor.errors import InputError
from auditor.timefmt import iso_z as _iso_z

_WEEK = re.compile(r"^([0-9]{4})-W([0-9]{2})$")  # ASCII digits only: "2026-W4８" is refused
#: A report looks back up to a year (trend, "source stopped", repeat offenders): those weeks,
#: the week itself and its next Monday must all be dates Python can hold (years 1 to 9999).
HISTORY_WEEKS = 53


@dataclass(frozen=True)
class Week:
    """One ISO week: Monday 00:00 to the next Monday 00:00, local to the site."""

    year: int
    number: int
    tz: ZoneInfo

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def start(self) -> datetime:
        return datetime.combine(self.monday, time(0), self.tz).astimezone(UTC)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.monday + timedelta(days=7), time(0), self.tz).astimezone(UTC)

    def days(self) -> list[date]:
        return [self.monday + timedelta(days=i) for i in range(7)]

    def shifted(self, weeks: int) -> Week:
        y, w, _ = (self.monday + timedelta(weeks=weeks)).isocalendar()
        return Week(y, w, self.tz)

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end


def parse_week(text: str, tz: ZoneInfo) -> Week:
    m = _WEEK.match(text.strip())
    if not m:
        raise InputError("week must look like 2026-W47", field="week")
    year, number = int(m.group(1)), int(m.group(2))
    try:
        date.fromisocalendar(year, number, 1)
    except ValueError as exc:
        raise InputError(f"{text} is not an ISO week", field="week") from exc
    week = Week(year, number, tz)
    try:
        _ = (week.start, week.end, week.shifted(-HISTORY_WEEKS).start)
    except (OverflowError, ValueError):
        raise InputError(
            f"{text} is out of range: the week, the year before it and its next Monday"
            " must fall within years 1 to 9999",
            field="week",
        ) from None
    return week


def week_of(day: date, tz: ZoneInfo) -> Week:
    y, w, _ = day.isocalendar()
    return Week(y, w, tz)


def last_full_week(now: datetime, tz: ZoneInfo) -> Week:
    """The most recent ISO week that has ended, in the site timezone."""
    return week_of(now.astimezone(tz).date(), tz).shifted(-1)


def iso_z(instant: datetime | None) -> str | None:
    if instant is None:
        return None
    return _iso_z(instant.astimezone(UTC))
