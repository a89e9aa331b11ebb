"""What a week's scans covered: sources read, accesses audited, rules disabled, and gaps.

The report's evidence about the monitoring itself (rather than about the findings): a
privacy officer must see which logs were read, which rules could not run, and on which
days no scan ran at all.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath, PureWindowsPath
from typing import Any

from auditor.context import AppContext
from auditor.reports.periods import Week, iso_z
from auditor.reports.store_data import SCAN_LABELS, RunInfo, as_int
from auditor.store.models import RunKind, RunStatus


def _local_day(instant: datetime, week: Week) -> date:
    return instant.astimezone(week.tz).date()


def by_day(run: RunInfo) -> dict[str, Any]:
    """A run's accesses per site-local day (``accesses_by_day``), empty if it gave none."""
    counts = run.summary.get("accesses_by_day")
    return counts if isinstance(counts, dict) else {}


def covers(run: RunInfo, week: Week) -> bool:
    """A done access run covers a week if its events fall in it (by the events' own times);
    a run that kept no per-day counts, if it ran in the week."""
    if run.kind != RunKind.ACCESS_LOGS or run.status is not RunStatus.DONE:
        return False
    days = {d.isoformat() for d in week.days()}
    per_day = by_day(run)
    return bool(days.intersection(per_day)) if per_day else week.contains(run.at)


def accesses_for(
    week: Week, runs: Sequence[RunInfo], stored: Mapping[str, tuple[int, int]] | None = None
) -> tuple[int, int]:
    """(audited, explained) for a week: distinct events (``stored``, the ``audited_events``
    counts per day) wherever the store has them.

    Days the store has no events for fall back to the runs' own per-day counts, taking the
    largest single run per day rather than the sum (a re-scan never multiplies it: when
    unsure, say less); runs with no per-day counts count in the week they finished in.
    """
    stored = stored or {}
    audited = explained = 0
    days = {d.isoformat() for d in week.days()}
    legacy: dict[str, tuple[int, int]] = {}
    for day in days & set(stored):
        audited += stored[day][0]
        explained += stored[day][1]
    for run in runs:
        if run.kind != RunKind.ACCESS_LOGS or run.status is not RunStatus.DONE:
            continue
        per_day = by_day(run)
        if per_day:
            for day, value in per_day.items():
                if day in days and day not in stored:
                    if isinstance(value, dict):
                        got = (
                            as_int(value.get("audited", value.get("records_processed"))),
                            as_int(value.get("explained")),
                        )
                    else:
                        got = (as_int(value), 0)
                    legacy[day] = max(legacy.get(day, (0, 0)), got)
            continue
        if week.contains(run.at) and not stored:
            audited += run.records_processed or as_int(run.summary.get("records_processed"))
            explained += as_int(run.summary.get("accesses_explained"))
    audited += sum(a for a, _ in legacy.values())
    explained += sum(x for _, x in legacy.values())
    return audited, explained


def _first(item: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if item.get(key) is not None:
            return item[key]
    return None


def week_label(day: str) -> str:
    """The ISO week ("2026-W47") of a ``YYYY-MM-DD`` day."""
    year, number, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{number:02d}"


def declared_roots(actx: AppContext) -> list[str]:
    """Folders a signed report shows paths relative to: ``report.path_roots``, then the
    API's allowed roots, then the folders of the daemon's access-log sources."""
    s = actx.settings
    roots = [*s.report.path_roots, *s.api.allowed_roots]
    for src in s.daemon.access_log_sources:
        path = PurePath(src)
        roots.append(str(path if not path.suffix else path.parent))
    return [r for r in roots if r]


def display_path(path: str, roots: Sequence[str]) -> str:
    """A path as a signed document may show it: relative to the first declared root holding
    it, else the file name with a short fingerprint of its folder (no machine's layout)."""
    if not path:
        return path
    pure = PureWindowsPath(path) if re.match(r"[A-Za-z]:[\\/]", path) else PurePath(path)
    for root in roots:
        try:
            return pure.relative_to(PurePath(root)).as_posix()
        except ValueError:
            continue
    if str(pure.parent) in ("", "."):
        return pure.name
    folder = hashlib.sha256(str(pure.parent).encode("utf-8")).hexdigest()[:8]
    return f"{pure.name} [folder {folder}]"


# An absolute path inside a message: POSIX (``/srv/x.csv``), home (``~/x``) or Windows
# (``C:\\logs\\x.csv``); it ends at whitespace, a quote, or ``:`` (as in ``file.csv:12``).
_PATH_CHAR = r"[^\s'\",;:()<>|]"
_ABSOLUTE = re.compile(rf"(?<![\w./~:-])(?:~?/|[A-Za-z]:[\\/]){_PATH_CHAR}+")


def display_text(text: str, roots: Sequence[str], known: Sequence[str] = ()) -> str:
    """A message (a failed run's error) as a signed document may carry it: every path in it
    shown as ``display_path`` shows it. ``known`` paths (the run's sources, which may hold
    spaces) are replaced whole first; any other absolute path is found by its shape."""
    marks: dict[str, str] = {}
    for i, path in enumerate(sorted({p for p in known if p}, key=len, reverse=True)):
        whole = re.compile(rf"(?<!{_PATH_CHAR}){re.escape(path)}(?!{_PATH_CHAR})")
        if whole.search(text):
            mark = f"\x00{i}\x00"
            marks[mark] = display_path(path, roots)
            text = whole.sub(mark, text)
    text = _ABSOLUTE.sub(lambda m: display_path(m.group(0), roots), text)
    for mark, shown in marks.items():
        text = text.replace(mark, shown)
    return text


def run_paths(run: RunInfo) -> list[str]:
    """The paths a run was given (its source and ``paths`` parameter), as typed."""
    listed = run.params.get("paths")
    paths = [str(p) for p in listed] if isinstance(listed, list) else []
    if run.source:
        paths += [p.strip() for p in re.split(r"[;\n]", run.source) if p.strip()]
    return paths


def feed_of(name: str, fmt: str) -> str:
    """A feed's identity across weeks: its format and file name with digit runs as ``#``
    (``access-2026-W47.csv`` and ``access-2026-W48.csv`` are one feed)."""
    return f"{fmt}:{re.sub(r'[0-9]+', '#', PurePath(name).name)}"


def _files(run: RunInfo) -> list[dict[str, Any] | None]:
    listed = run.summary.get("files") or run.summary.get("sources")
    return list(listed) if isinstance(listed, list) and listed else [None]


def _file_days(item: dict[str, Any] | None, run: RunInfo) -> dict[str, int]:
    """Events per site-local day of one file (the run's when the file has none)."""
    raw = item.get("days") if isinstance(item, dict) else None
    if not isinstance(raw, dict):
        raw = {d: v.get("audited", 0) if isinstance(v, dict) else v for d, v in by_day(run).items()}
    return {str(d): as_int(v) for d, v in raw.items()}


def sources(
    runs: Sequence[RunInfo], week: Week | None = None, roots: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Per source file: runs, record counts, and the weeks its events fall in.

    With ``week``, a file whose events (by their own times) all lie outside it is left out.
    """
    table: dict[tuple[str, str], dict[str, Any]] = {}
    days = {d.isoformat() for d in week.days()} if week is not None else set()
    for run in runs:
        for item in _files(run):
            if isinstance(item, dict):
                name = str(_first(item, "path", "file", "source") or run.source)
                fmt = str(item.get("format") or run.summary.get("format") or "")
                counts = (
                    as_int(_first(item, "records_read", "read")),
                    as_int(_first(item, "records_processed", "processed")),
                    as_int(_first(item, "records_quarantined", "quarantined")),
                )
            else:
                name, fmt = run.source, str(run.summary.get("format") or "")
                counts = (run.records_read, run.records_processed, run.records_quarantined)
            file_days = _file_days(item, run)
            if week is not None and file_days and not days.intersection(file_days):
                continue
            shown = display_path(name, roots)
            row = table.setdefault(
                (shown, fmt),
                {
                    "source": shown,
                    "format": fmt,
                    "runs": 0,
                    "records_read": 0,
                    "records_processed": 0,
                    "records_quarantined": 0,
                    "event_weeks": [],
                    "rescanned": False,
                },
            )
            row["runs"] += 1
            row["rescanned"] = row["runs"] > 1
            row["records_read"] += counts[0]
            row["records_processed"] += counts[1]
            row["records_quarantined"] += counts[2]
            weeks = set(row["event_weeks"]) | {week_label(d) for d in file_days}
            row["event_weeks"] = sorted(weeks)
    return [table[k] for k in sorted(table)]


def feeds_by_week(runs: Sequence[RunInfo]) -> dict[str, set[str]]:
    """``{ISO week: feeds with events in it}`` (see ``feed_of``), from per-file day counts."""
    out: dict[str, set[str]] = {}
    for run in runs:
        if run.kind != RunKind.ACCESS_LOGS or run.status is not RunStatus.DONE:
            continue
        for item in _files(run):
            if not isinstance(item, dict):
                continue
            name = str(_first(item, "path", "file", "source") or run.source)
            feed = feed_of(name, str(item.get("format") or ""))
            for day, n in _file_days(item, run).items():
                if n:
                    out.setdefault(week_label(day), set()).add(feed)
    return out


def monitoring_gaps(
    week: Week,
    runs: Sequence[RunInfo],
    covering: Sequence[RunInfo],
    audited: int,
    unattributed: int,
    *,
    quarantine_pct: float,
    lookback_weeks: int = 4,
) -> list[dict[str, Any]]:
    """Gaps in what was monitored, not in what ran: a week with no accesses audited, a feed
    seen in the weeks before and absent now, and a quarantine rate above the threshold."""
    out: list[dict[str, Any]] = []
    if audited == 0 and not unattributed:
        detail = "no accesses audited in this week"
        latest = [w for w, feeds in feeds_by_week(runs).items() if feeds and w < week.label]
        gap = _gap("no_accesses", "access", detail)
        if latest:
            gap["detail"] += f"; the most recent earlier week with data is {max(latest)}"
            gap["latest_week"] = max(latest)
        out.append(gap)
    feeds = feeds_by_week(runs)
    now = feeds.get(week.label, set())
    before: set[str] = set()
    for back in range(1, lookback_weeks + 1):
        before |= feeds.get(week.shifted(-back).label, set())
    for feed in sorted(before - now):
        fmt, _, name = feed.partition(":")
        detail = f"feed {name} ({fmt}) had events in earlier weeks and none in this one"
        out.append(_gap("source_stopped", "access", detail))
    read = quarantined = 0
    for row in sources(covering, week):
        read += row["records_read"]
        quarantined += row["records_quarantined"]
    if read and Decimal(quarantined) * 100 > Decimal(str(quarantine_pct)) * read:
        share = (Decimal(quarantined) * 100 / Decimal(read)).quantize(Decimal("0.1"))
        detail = (
            f"{share}% of records read ({quarantined:,} of {read:,}) were quarantined, "
            f"above the {quarantine_pct}% threshold"
        )
        out.append(_gap("quarantine_rate", "access", detail))
    return out


def disabled_rules(runs: Sequence[RunInfo]) -> list[dict[str, str]]:
    """``disabled_rules`` as ``{rule_id: reason}`` or a list of ids / ``{rule_id, reason}``."""
    found: dict[str, str] = {}
    for run in runs:
        raw = run.summary.get("disabled_rules")
        items = list(raw.items()) if isinstance(raw, dict) else raw if isinstance(raw, list) else []
        for item in items:
            if isinstance(item, tuple):
                rule_id, reason = item
            elif isinstance(item, str):
                rule_id, reason = item, ""
            elif isinstance(item, dict) and item.get("rule_id"):
                rule_id, reason = item["rule_id"], item.get("reason") or item.get("missing")
            else:
                continue
            if isinstance(reason, list):
                reason = "missing " + ", ".join(str(x) for x in reason)
            found.setdefault(str(rule_id), str(reason or "missing context"))
    return [{"rule_id": k, "reason": found[k]} for k in sorted(found)]


def _gap(
    kind: str,
    scan: str,
    detail: str,
    *,
    date: str | None = None,
    at: str | None = None,
    run_id: str | None = None,
) -> dict[str, Any]:
    return {"type": kind, "scan": scan, "detail": detail, "date": date, "at": at, "run_id": run_id}


def gaps(
    actx: AppContext,
    week: Week,
    runs: Sequence[RunInfo],
    ever_docs: bool,
    covering: Sequence[RunInfo] = (),
) -> list[dict[str, Any]]:
    """Failed scans, and days on which an expected scan never ran: gaps are findings too."""
    gaps: list[dict[str, Any]] = []
    roots = declared_roots(actx)
    for run in runs:
        if run.status is RunStatus.FAILED:
            first = run.error.splitlines()[0] if run.error else "failed"
            detail = display_text(first, roots, run_paths(run))[:200]
            scan = SCAN_LABELS[run.kind]
            gaps.append(_gap("failed_scan", scan, detail, at=iso_z(run.at), run_id=run.id))
    daemon = actx.settings.daemon
    access, documents = RunKind.ACCESS_LOGS, RunKind.DOCUMENTS
    expect = {access: bool(daemon.access_log_sources), documents: bool(daemon.export_dirs)}
    for kind, label in ((access, "access-log"), (documents, "document")):
        ran_days = {_local_day(r.at, week) for r in runs if r.kind == kind}
        if kind == access:  # a catch-up scan that counted a day's accesses covers that day
            ran_days |= {d for r in covering for d in week.days() if d.isoformat() in by_day(r)}
        if expect[kind]:
            for day in week.days():
                if day not in ran_days:
                    detail = f"no scheduled {label} scan ran on this day"
                    gaps.append(
                        _gap("missing_scan", SCAN_LABELS[kind], detail, date=day.isoformat())
                    )
        elif not ran_days and not (kind == access and covering) and (kind == access or ever_docs):
            detail = f"no {label} scan ran in this period"
            gaps.append(_gap("missing_scan", SCAN_LABELS[kind], detail))
    return gaps
