"""Find dates in a string, shift them, and write them back in their style.

A clinical extract mixes ``7/22``, ``2014-02-14``, ``Feb 14 2014``, ``14th of February``,
``2-14-92`` and HL7 ``20140214103000``. Researchers need the result to parse the same way,
so each date is re-rendered with the original's separators, zero padding, month-name style
(full or abbreviated, case, trailing dot), ordinal suffix and year width.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from auditor.phi.calendar import WEEKDAY_STEM

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_ABBREV = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_FULL_NAMES = {v: k for k, v in _MONTHS.items()}
_MON = r"(?P<mon>" + "|".join(sorted([*_MONTHS, *_ABBREV], key=len, reverse=True)) + r")"
_ORD = r"(?P<ord>st|nd|rd|th)?"

# Ordered: earlier patterns win where matches overlap at the same start.
_PATTERNS = [
    # 2014-02-14, 2014/2/14 (also the date of an ISO/FHIR dateTime)
    r"(?<!\d)(?P<y>\d{4})(?P<s1>[-/.])(?P<m>\d{1,2})(?P=s1)(?P<d>\d{1,2})(?!\d)",
    # HL7 / compact 20140214 (a following time is left alone)
    r"(?<!\d)(?P<y>(?:18|19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?=\d{2,}|[+-]\d{4}|\b|$)",
    # 2/14/2014, 02-14-92, 14.02.2014 (day first when the first number exceeds 12)
    r"(?<![\d/.-])(?P<m>\d{1,2})(?P<s1>[-/.])(?P<d>\d{1,2})(?P=s1)(?P<y>\d{4}|\d{2})(?![\d/])",
    # Feb 14 2014, February 14th, 2014, Feb. 14, '92, Feb 14
    rf"\b{_MON}(?P<dot>\.)?(?P<s1>\s+)(?P<d>\d{{1,2}}){_ORD}(?!\d)"
    r"(?:(?P<s2>,\s*|\s+)(?P<y>\d{4}|'\d{2})(?!\d))?",
    # 14 Feb 2014, 14th of February, 14-Feb-2014, 14 February
    rf"(?<![\d/])(?P<d>\d{{1,2}}){_ORD}(?P<s1>\s+of\s+|\s+|-){_MON}(?P<dot>\.)?\b"
    r"(?:(?P<s2>,?\s+|-)(?P<y>\d{4}|\d{2})(?!\d))?",
    # February 2014, Feb. of 2014
    rf"\b{_MON}(?P<dot>\.)?(?P<s2>,?\s+(?:of\s+)?)(?P<y>\d{{4}})(?!\d)",
    # 2014-02 (FHIR partial date)
    r"(?<![\d/.-])(?P<y>\d{4})(?P<s1>-)(?P<m>0[1-9]|1[0-2])(?![\d-])",
    # 02/2014
    r"(?<![\d/.-])(?P<m>\d{1,2})(?P<s1>/)(?P<y>\d{4})(?![\d/])",
    # 7/22 (month/day, no year)
    r"(?<![\d/.-])(?P<m>\d{1,2})(?P<s1>/)(?P<d>\d{1,2})(?![\d/])",
    # a month name alone ("in February")
    rf"\b{_MON}(?P<dot>\.)?\b",
]
_COMPILED = [re.compile(p, re.IGNORECASE) for p in _PATTERNS]
_PARTS = ("y", "m", "d", "mon", "ord")


@dataclass(frozen=True)
class FoundDate:
    """One date inside a string: where it is, what it means, and how it was written."""

    start: int
    end: int
    value: date
    has_year: bool
    has_day: bool
    has_month: bool
    match: re.Match[str]
    day_first: bool = False


def year_of(raw: str, ref_year: int) -> int:
    """The year a written year means: "2014"; "'92" or "92" in the century that puts it at
    or before ``ref_year``."""
    digits = raw.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    yy = int(digits)
    return 2000 + yy if yy <= ref_year % 100 else 1900 + yy


def _month_of(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTHS.get(key) or _ABBREV[key]


def _interpret(m: re.Match[str], ref_year: int) -> FoundDate | None:
    g = m.groupdict()
    if g.get("mon") is None and g.get("m") is None:
        return None
    if g.get("mon") is not None and g.get("d") is None and g.get("y") is None:
        # A bare month word: "may" is usually the verb, so only capitalised full names count.
        mon = g["mon"]
        if mon.lower() not in _MONTHS or not mon[0].isupper() or mon.lower() == "may":
            return None
    month = _month_of(g["mon"]) if g.get("mon") else int(g["m"])
    day = int(g["d"]) if g.get("d") else None
    year = year_of(g["y"], ref_year) if g.get("y") else None
    day_first = False
    if day is not None and month > 12 and day <= 12 and g.get("mon") is None:
        month, day, day_first = day, month, True
    try:
        base = year if year is not None else (2000 if (month, day) == (2, 29) else 2001)
        value = date(base, month, day or 15)
    except ValueError:
        return None
    return FoundDate(
        start=m.start(),
        end=m.end(),
        value=value,
        has_year=year is not None,
        has_day=day is not None,
        has_month=True,
        match=m,
        day_first=day_first,
    )


def find_dates(text: str, ref_year: int) -> list[FoundDate]:
    """Non-overlapping dates in ``text``, earliest first; where candidates overlap the
    longest wins (``3 Mar 15`` over ``Mar 15``), then the earlier pattern."""
    candidates: list[tuple[int, int, FoundDate]] = []
    for index, rx in enumerate(_COMPILED):
        for m in rx.finditer(text):
            fd = _interpret(m, ref_year)
            if fd is not None:
                candidates.append((-(fd.end - fd.start), index, fd))
    candidates.sort(key=lambda c: (c[0], c[1], c[2].start))
    found: list[FoundDate] = []
    for _, _, fd in candidates:
        if not any(fd.start < f.end and f.start < fd.end for f in found):
            found.append(fd)
    found.sort(key=lambda f: f.start)
    return found


_WEEKDAY_BEFORE = re.compile(
    rf"\b(?P<w>{WEEKDAY_STEM})(?P<day>day)?(?P<tail>\.?,?\s+)$",
    re.IGNORECASE,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday_like(m: re.Match[str], *, new: date | None, days: int) -> str:
    """The new date's weekday, written like the old one (full or three letters, case).

    Without a year the new date's weekday is unknown, but a shift of ``days`` moves any
    weekday by ``days`` mod 7, whatever the year.
    """
    word = m.group(0)[: len(m.group(0)) - len(m.group("tail"))]
    if new is not None:
        name = _WEEKDAYS[new.weekday()]
    else:
        old = next(i for i, d in enumerate(_WEEKDAYS) if d.startswith(m.group("w").lower()[:3]))
        name = _WEEKDAYS[(old + days) % 7]
    return _case_like(word, name if m.group("day") else name[:3]) + m.group("tail")


def _case_like(template: str, word: str) -> str:
    if template.isupper():
        return word.upper()
    if template.islower():
        return word.lower()
    return word[:1].upper() + word[1:].lower()


def _month_name(template: str, month: int) -> str:
    full = _FULL_NAMES[month]
    key = template.lower()
    if key in _MONTHS and key not in _ABBREV and len(key) > 3:  # "May" reads as abbreviated
        word = full
    elif key == "sept" or (key in _ABBREV and len(key) == 4):
        word = "sept" if month == 9 else full[:3]
    else:
        word = full[:3]
    return _case_like(template, word)


def _ordinal(day: int, template: str) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return suffix.upper() if template.isupper() else suffix


def render(fd: FoundDate, new: date, *, drop_year: bool = False) -> str:
    """The matched text with each date part replaced by ``new``'s, in the original style."""
    m = fd.match
    pieces: list[tuple[int, int, str]] = []
    groups = m.groupdict()
    numeric = [groups[g] for g in ("m", "d") if groups.get(g)]
    padded = any(n.startswith("0") for n in numeric) or (
        len(numeric) == 2 and all(len(n) == 2 for n in numeric)
    )
    for name in _PARTS:
        raw = groups.get(name)
        if raw is None:
            continue
        month_group = "d" if fd.day_first else "m"
        day_group = "m" if fd.day_first else "d"
        if name == "y":
            if raw.startswith("'"):
                text = "'" + f"{new.year % 100:02d}"
            elif len(raw) == 2:
                text = f"{new.year % 100:02d}"
            else:
                text = f"{new.year:04d}"
        elif name == month_group:
            text = f"{new.month:02d}" if padded else str(new.month)
        elif name == day_group:
            text = f"{new.day:02d}" if padded or raw.startswith("0") else str(new.day)
        elif name == "mon":
            text = _month_name(raw, new.month)
        else:  # ord
            text = _ordinal(new.day, raw)
        pieces.append((m.start(name), m.end(name), text))
    pieces.sort()
    if drop_year and groups.get("y") is not None:
        ys, ye = m.start("y"), m.end("y")
        idx = next(i for i, p in enumerate(pieces) if p[0] == ys)
        if idx == len(pieces) - 1 and idx > 0:  # year last: drop the separator before it
            pieces[idx] = (pieces[idx - 1][1], ye, "")
        elif idx + 1 < len(pieces):  # year first: drop the separator after it
            pieces[idx] = (ys, pieces[idx + 1][0], "")
        else:
            pieces[idx] = (ys, ye, "")
    out = []
    pos = m.start()
    for start, end, text in pieces:
        out.append(m.string[pos:start])
        out.append(text)
        pos = end
    out.append(m.string[pos : m.end()])
    return "".join(out)


def shift(fd: FoundDate, days: int) -> date:
    return fd.value + timedelta(days=days)


def transform(
    text: str,
    *,
    offset_days: int,
    ref_year: int,
    drop_year: bool = False,
    found: list[FoundDate] | None = None,
) -> str | None:
    """Every date in ``text`` shifted by ``offset_days`` and written in its own style; None
    when no date is found. (Safe Harbor's year-only form is ``Deidentifier._year_only``.)"""
    if found is None:
        found = find_dates(text, ref_year)
    if not found:
        return None
    out = []
    pos = 0
    for fd in found:
        out.append(text[pos : fd.start])
        new = shift(fd, offset_days)
        if fd.has_day:  # "Tuesday, Feb 3, 2087", "Thu 6/5": the weekday moves too
            moved = functools.partial(
                _weekday_like, new=new if fd.has_year else None, days=offset_days
            )
            out[-1] = _WEEKDAY_BEFORE.sub(moved, out[-1])
        out.append(render(fd, new, drop_year=drop_year))
        pos = fd.end
    out.append(text[pos:])
    return "".join(out)


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def first_full_date(text: str, ref_year: int) -> date | None:
    """The first date with day, month and year (for ages at a reference date)."""
    for fd in find_dates(text, ref_year):
        if fd.has_year and fd.has_day:
            return fd.value
    return None
