"""Page 1 of the report: what needs the privacy officer this week, as cases, most severe first.

A case is what an officer acts on once: a burst with the lower-severity findings it explains
folded into it, or one user's findings of one category (17 critical rows of a terminated account
are one case with 17 patients). Findings still waiting from earlier weeks become cases too, with
how many weeks they have been open. Everything here is derived from rows the report already
has, so the JSON stays the single source of the HTML and the PDF.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from auditor.policy.metadata import PackMetadata
from auditor.reports.history_data import CaseWork
from auditor.reports.names import NameBook
from auditor.reports.periods import Week, iso_z, week_of
from auditor.reports.store_data import FindingRow

SEVERITIES = ("critical", "high", "medium", "low")
ATTENTION_SEVERITIES = ("critical", "high")
WAITING = ("open", "escalated")
BURST_CATEGORY = "high_volume"
TERMINATED_CATEGORY = "terminated_user"
_DISTINCT = re.compile(r"\b(\d+) distinct patients\b")


def sev_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def _burst_size(explanation: str, listed: int) -> int:
    """The burst's distinct-patient count as the rule stated it; at least the patients listed."""
    m = _DISTINCT.search(explanation)
    return max(int(m.group(1)), listed) if m else listed


def _case(
    lead: FindingRow,
    members: Sequence[FindingRow],
    kind: str,
    week: Week,
    names: NameBook,
    include_names: bool,
) -> dict[str, Any]:
    rows = sorted([lead, *members], key=lambda r: (r.time or lead.first_seen, r.id))
    times = [r.time for r in rows if r.time is not None]
    patients = sorted({r.patient_id for r in rows if r.patient_id})
    start = min(times) if times else None
    first_week = week_of(start.astimezone(week.tz).date(), week.tz) if start else week
    weeks_open = max(1, (week.monday - first_week.monday).days // 7 + 1)
    case: dict[str, Any] = {
        "kind": kind,
        "finding_id": lead.id,
        "finding_ids": [r.id for r in rows],
        "category": lead.category or "uncategorised",
        "rule_id": lead.rule_id,
        "severity": lead.severity,
        "user_id": lead.user_id,
        "first_time": iso_z(start),
        "last_time": iso_z(max(times) if times else None),
        "patients": _burst_size(lead.explanation, len(patients))
        if kind == "burst"
        else len(patients),
        "patient_ids": patients,
        "findings": len(rows),
        "explanation": lead.explanation,
        "status": lead.status,
        "new": week.contains(start) if start else True,
        "weeks_open": weeks_open,
    }
    if include_names:
        case["user_name"] = names.user(lead.user_id)
    return case


def cases(
    rows: Iterable[FindingRow],
    week: Week,
    window: timedelta,
    names: NameBook,
    include_names: bool,
) -> list[dict[str, Any]]:
    """Waiting findings as cases, severity first, then the earliest.

    A burst (``high_volume``) folds in the same user's less severe findings within the window on
    either side of it; the rest fold by (user, category). The lead is the most severe, earliest
    finding of a case, and its id is the case's id.
    """
    waiting = sorted(
        (r for r in rows if r.status in WAITING),
        key=lambda r: (sev_rank(r.severity), r.time or r.first_seen, r.id),
    )
    folded: set[int] = set()
    out: list[dict[str, Any]] = []
    for burst in (r for r in waiting if r.category == BURST_CATEGORY and r.time is not None):
        if burst.id in folded:
            continue
        assert burst.time is not None
        members = [
            r
            for r in waiting
            if r.id != burst.id
            and r.id not in folded
            and r.user_id == burst.user_id
            and r.time is not None
            and abs(r.time - burst.time) <= window
            and (sev_rank(r.severity) > sev_rank(burst.severity) or r.category == BURST_CATEGORY)
        ]
        folded.update({burst.id, *(r.id for r in members)})
        out.append(_case(burst, members, "burst", week, names, include_names))
    groups: dict[tuple[str, str], list[FindingRow]] = defaultdict(list)
    for r in waiting:
        if r.id not in folded:
            groups[(r.user_id, r.category)].append(r)
    for items in groups.values():
        kind = "finding" if len(items) == 1 else "series"
        out.append(_case(items[0], items[1:], kind, week, names, include_names))
    out.sort(key=lambda c: (sev_rank(c["severity"]), c["first_time"] or "", c["finding_id"]))
    return out


def repeat_offenders(
    history: Iterable[FindingRow], week: Week, names: NameBook, include_names: bool
) -> list[dict[str, Any]]:
    """Users with findings this week and in the week(s) just before it, longest streak first."""
    weeks_by_user: dict[str, set[str]] = defaultdict(set)
    this_week: dict[str, list[FindingRow]] = defaultdict(list)
    for r in history:
        if r.time is None:
            continue
        weeks_by_user[r.user_id].add(week_of(r.time.astimezone(week.tz).date(), week.tz).label)
        if week.contains(r.time):
            this_week[r.user_id].append(r)
    out: list[dict[str, Any]] = []
    for user, items in this_week.items():
        streak = 0
        while week.shifted(-streak).label in weeks_by_user[user]:
            streak += 1
        if streak < 2:
            continue
        cats = sorted({r.category for r in items})
        entry: dict[str, Any] = {
            "user_id": user,
            "weeks_in_a_row": streak,
            "weeks": sorted(weeks_by_user[user]),
            "categories": cats,
            "max_severity": min((r.severity for r in items), key=sev_rank),
            # a terminated user's access this week means the account still works
            "account_still_active": TERMINATED_CATEGORY in cats,
            "finding_ids": sorted(r.id for r in items),
        }
        if include_names:
            entry["user_name"] = names.user(user)
        out.append(entry)
    out.sort(
        key=lambda u: (
            not u["account_still_active"],
            -u["weeks_in_a_row"],
            sev_rank(u["max_severity"]),
            u["user_id"],
        )
    )
    return out


def build(
    week: Week,
    rows: Sequence[FindingRow],
    backlog: Sequence[FindingRow],
    history: Sequence[FindingRow],
    pack: PackMetadata,
    names: NameBook,
    include_names: bool,
    window_minutes: int,
) -> dict[str, Any]:
    """The report's ``attention`` key: page-1 cases, the carried-over backlog, repeat offenders
    and one line of what to do per category that appears in any of them."""
    window = timedelta(minutes=max(1, window_minutes))
    new_cases = cases(rows, week, window, names, include_names)
    carried = cases(backlog, week, window, names, include_names)
    top = [c for c in [*new_cases, *carried] if c["severity"] in ATTENTION_SEVERITIES]
    top.sort(key=lambda c: (sev_rank(c["severity"]), c["first_time"] or "", c["finding_id"]))
    offenders = repeat_offenders(history, week, names, include_names)
    cats = sorted({c["category"] for c in [*new_cases, *carried]} | {r.category for r in rows})
    return {
        "cases": top,
        "carried_over": carried,
        "repeat_offenders": offenders,
        "guidance": {c: pack.guidance_for(c) for c in cats if pack.guidance_for(c)},
        "window_minutes": int(window.total_seconds() // 60),
    }


def _latest(rows: Iterable[FindingRow]) -> datetime | None:
    times = [r.time for r in rows if r.time is not None]
    return max(times) if times else None


def follow_up(
    history: Sequence[FindingRow],
    work: Mapping[int, CaseWork],
    names: NameBook,
    include_names: bool,
) -> dict[str, Any]:
    """``training`` and ``sanctions`` over the trend window, from the office's recorded decisions.

    Education: a finding whose case says education ``assigned`` or ``completed``, or one judged
    inappropriate or confirmed with no education decision yet (``needed``); ``not_needed``
    drops it. Sanctions: every recorded sanction decision, and escalated findings with none
    yet (``sanctions review pending``).
    """
    per_user: dict[str, list[tuple[FindingRow, str]]] = defaultdict(list)
    for r in history:
        w = work.get(r.id)
        education = w.education if w else ""
        if education in ("assigned", "completed"):
            per_user[r.user_id].append((r, education))
        elif not education and (
            r.status == "confirmed" or (w is not None and w.disposition == "inappropriate")
        ):
            per_user[r.user_id].append((r, "needed"))
    training: list[dict[str, Any]] = []
    for user, items in sorted(per_user.items()):
        states = {state for _, state in items}
        entry: dict[str, Any] = {
            "user_id": user,
            "categories": sorted({r.category for r, _ in items}),
            "finding_ids": sorted(r.id for r, _ in items),
            "last_time": iso_z(_latest(r for r, _ in items)),
            # the least advanced state: one open need outweighs a completed course
            "education": next(s for s in ("needed", "assigned", "completed") if s in states),
        }
        if include_names:
            entry["user_name"] = names.user(user)
        training.append(entry)
    sanctions: list[dict[str, Any]] = []
    for r in sorted(history, key=lambda r: (sev_rank(r.severity), r.id)):
        w = work.get(r.id)
        if w is not None and w.sanction:
            decision = w.sanction
        elif r.status == "escalated":
            decision = "sanctions review pending"
        else:
            continue
        sanctions.append(
            {
                "finding_id": r.id,
                "user_id": r.user_id,
                "category": r.category,
                "severity": r.severity,
                "time": iso_z(r.time),
                "status": r.status,
                "reviewer": (w.updated_by if w and w.updated_by else r.reviewer),
                "disposition": decision,
                "breach_assessment": w.breach_assessment if w else "",
            }
        )
    return {
        "training": {"basis": "case_education_or_confirmed", "users": training},
        "sanctions": {"basis": "case_sanction_or_escalated", "entries": sanctions},
    }
