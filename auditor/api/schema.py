"""What the OpenAPI document promises beyond the routes' own models: errors and timestamps.

Every operation lists each error status it can answer, with the one JSON error body, so a
client generated from the schema can parse every response. Timestamps in query parameters are
RFC 3339 date-times exactly as the schema's ``format: date-time`` says (an offset is required;
a bare number or date is refused with 422); any such date-time is accepted, the ones beyond
what the store can hold are clamped to its first or last instant.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field

#: Why each error status can happen; an operation documents the ones it can answer.
_WHY = {
    400: "The body is not parseable JSON, or the request cannot be used as is (see detail).",
    401: "No, a malformed, unknown, expired or revoked bearer token.",
    403: "The token's role may not do this, or a path lies outside the allowed roots.",
    404: "The object (or a file, mapping or profile the request names) does not exist.",
    409: "The output folder already exists.",
    413: "The request body is over `[api] max_body_bytes` (refused before it is read).",
    422: "A parameter or the body does not match the schema (the input is not echoed).",
    429: "Over the token's rate limit (`Retry-After` says when to try again).",
    503: "The service behind this operation is unavailable.",
}
#: Every operation behind a token can answer these (body limit, auth, rate, validation).
AUTHENTICATED = (401, 403, 413, 422, 429)


class ValidationItem(BaseModel):
    loc: list[str] = Field(description="where: body, query or path, then the field")
    msg: str
    type: str


class ErrorBody(BaseModel):
    """Every error: a stable code and a message (or the list of validation problems)."""

    error: str = Field(description="a stable code: unauthorized, forbidden, not_found, ...")
    detail: str | list[ValidationItem]


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: each status with its reason and the JSON error body."""
    return {code: {"model": ErrorBody, "description": _WHY[code]} for code in sorted(set(codes))}


_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"(?:[Zz]|([+-])(\d{2}):(\d{2}))",
    re.ASCII,
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_FIRST = datetime.min.replace(tzinfo=UTC)
_LAST = datetime.max.replace(tzinfo=UTC)


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 in the proleptic Gregorian calendar (year 0 included)."""
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _month_days(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def parse_rfc3339(text: str) -> datetime:
    """An RFC 3339 date-time as an aware UTC datetime, clamped to what a datetime can hold.

    Raises ValueError for anything else (the API answers 422). A leap second (23:59:60 UTC)
    counts as the last microsecond of its minute.
    """
    match = _RFC3339.fullmatch(text)
    if match is None:
        raise ValueError("must be an RFC 3339 date-time with an offset (2026-03-02T08:00:00Z)")
    year, month, day, hour, minute, second = (int(g) for g in match.group(1, 2, 3, 4, 5, 6))
    sign, off_h, off_m = match.group(8), int(match.group(9) or 0), int(match.group(10) or 0)
    offset = (off_h * 60 + off_m) * (-1 if sign == "-" else 1)
    utc_minutes = (hour * 60 + minute - offset) % 1440
    if (
        not 1 <= month <= 12
        or not 1 <= day <= _month_days(year, month)
        or hour > 23
        or minute > 59
        or off_h > 23
        or off_m > 59
        or second > 60
        or (second == 60 and utc_minutes != 1439)
    ):
        raise ValueError("not a valid RFC 3339 date-time (a field is out of range)")
    micro = int((match.group(7) or "0")[:6].ljust(6, "0"))
    if second == 60:
        second, micro = 59, 999_999
    days = _days_from_civil(year, month, day)
    seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset * 60
    first = (_FIRST - _EPOCH).total_seconds()
    last = (_LAST - _EPOCH).total_seconds()
    if seconds < first:
        return _FIRST
    if seconds >= last:
        return _LAST
    return _EPOCH + timedelta(seconds=seconds, microseconds=micro)


def _rfc3339_or_none(value: object) -> object:
    return parse_rfc3339(value) if isinstance(value, str) else value


#: A query parameter documented and checked as ``format: date-time``.
DateTimeParam = Annotated[datetime, BeforeValidator(_rfc3339_or_none)]

#: How findings name the file they were found in (see ``filerefs``).
PathsView = Literal["ref", "full"]
