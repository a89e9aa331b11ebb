"""Which findings are alerted, on which channels: the ``alerts`` table is the outbox.

Delivery is at least once, its effect exactly once per finding and channel:

1. A row is written (``pending``, with its ``dedupe_key``) for each critical open finding and
   channel before anything is sent; the unique (finding, channel) makes it one row, ever.
2. Each try first marks the row ``sending`` (attempts + 1) in its own transaction, with a
   compare on the state it read, so two processes never send the same try; then sends.
3. Success marks it ``sent``. A failure puts it back to ``pending`` with ``next_attempt_at``
   (exponential backoff, also across calls and restarts) or, after ``max_attempts``, ``failed``.
4. A crash between a send and its mark leaves the row ``sending``: once that try's lease has
   run out, the next call (the next scan, a restarted daemon) sends it again, with the same
   ``dedupe_key``. The receiver may see that one message twice; the key (the e-mail's
   Message-ID, CEF ``externalId``, the webhook's ``Idempotency-Key`` and ``alert_id``) says
   it is the same alert.
5. A row whose finding was closed (confirmed, dismissed, escalated) or is no longer critical
   under the settings before it went out is marked ``skipped`` with the reason: a person has
   already acted on it, and a staff note asking to explain a dismissed access would be wrong.
   Nothing is silently lost: every row ends ``sent``, ``failed`` or ``skipped``.

A channel that fails every try is left alone for the rest of the call, so a mail server that
is down delays a scan by one alert's retries, not by every alert's.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, not_, or_, select, update
from sqlalchemy.exc import IntegrityError

from auditor.alerts import messages
from auditor.alerts.messages import AlertFacts
from auditor.config import AlertsSettings, Settings
from auditor.context import AppContext
from auditor.store.case_models import Alert, alert_dedupe_key
from auditor.store.models import Finding, FindingKind, FindingStatus

log = logging.getLogger(__name__)

#: Alerts looked at per call: a first night with a backlog is sent over several scans.
BATCH = 500
#: Tries within one call before the alert waits for the next call.
TRIES_PER_CALL = 3
#: The longest wait between two tries of one alert, across calls.
MAX_BACKOFF = timedelta(hours=1)

Sender = Callable[[AlertFacts], None]

#: A user id that can be the local part of a staff mailbox as it is: anything else (``@``,
#: ``,``, quotes, spaces, control characters) could address another mailbox or inject headers.
SAFE_LOCAL_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class Undeliverable(Exception):
    """This alert cannot be sent on this channel at all: recorded ``failed`` at once, no retry."""


@dataclass
class AlertTotals:
    sent: int = 0
    failed: int = 0
    #: Rows closed unsent because their finding was closed or is no longer critical.
    skipped: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)


def is_critical(cfg: AlertsSettings, severity: str, category: str) -> bool:
    return severity in cfg.severities or category in cfg.categories


def lease(cfg: AlertsSettings) -> timedelta:
    """How long a ``sending`` try is presumed alive: after that, a crash is assumed."""
    return timedelta(seconds=2 * cfg.timeout_seconds + 1)


def _senders(settings: Settings) -> dict[str, Sender]:
    """The channels that have a target configured, by name.

    The transports (httpx, smtplib, ssl) are imported only when a channel is configured: every
    access scan calls this, and most sites run without alerts.
    """
    cfg, site = settings.alerts, settings.report.site_name
    out: dict[str, Sender] = {}
    if not (cfg.smtp_host or cfg.webhook_url or cfg.syslog_host):
        return out
    from auditor.alerts import channels

    if cfg.smtp_host and cfg.privacy_office:

        def office(f: AlertFacts) -> None:
            subject, body = messages.office_mail(f, site)
            channels.send_mail(cfg, list(cfg.privacy_office), subject, body, f.dedupe_key)

        out["email"] = office
    if cfg.smtp_host and cfg.staff_note and cfg.staff_email_domain:

        def staff(f: AlertFacts) -> None:
            if not SAFE_LOCAL_PART.fullmatch(f.user_id or ""):
                raise Undeliverable(
                    "staff note skipped: the user id is not a safe e-mail local part"
                    " (letters, digits, . _ -); the privacy office is alerted as usual"
                )
            to = [f"{f.user_id}@{cfg.staff_email_domain}"]
            channels.send_mail(cfg, to, *messages.staff_mail(f, site), f.dedupe_key)

        out["staff"] = staff
    if cfg.webhook_url:
        out["webhook"] = lambda f: channels.post_webhook(
            cfg, messages.webhook_payload(f), f.dedupe_key
        )
    if cfg.syslog_host:

        def syslog(f: AlertFacts) -> None:
            frame = messages.rfc5424(messages.cef(f), f.severity, datetime.now(UTC))
            channels.send_syslog(cfg, frame)

        out["syslog"] = syslog
    return out


def _facts(settings: Settings, finding: Finding, dedupe_key: str = "") -> AlertFacts:
    return AlertFacts(
        finding_id=finding.id,
        rule_id=finding.rule_id,
        category=finding.category,
        severity=finding.severity,
        user_id=finding.user_id,
        event_time=finding.event_time,
        link=messages.finding_link(settings.alerts.console_url, finding.id),
        dedupe_key=dedupe_key,
    )


def _critical(cfg: AlertsSettings) -> Any:
    crit = or_(Finding.severity.in_(cfg.severities), Finding.category.in_(cfg.categories))
    return and_(Finding.kind == FindingKind.ACCESS, Finding.status == FindingStatus.OPEN, crit)


def _claim_new(actx: AppContext, names: list[str]) -> None:
    """Outbox rows for critical open findings that have none yet on a channel (one
    transaction; a concurrent process claiming the same rows makes it roll back)."""
    cfg, now = actx.settings.alerts, actx.clock()
    with actx.transaction() as session:
        have: dict[int, set[str]] = {}
        for finding_id, channel in session.execute(select(Alert.finding_id, Alert.channel)):
            have.setdefault(finding_id, set()).add(channel)
        added = 0
        for finding in session.scalars(select(Finding).where(_critical(cfg)).order_by(Finding.id)):
            for name in names:
                if name in have.get(finding.id, ()):
                    continue
                key = alert_dedupe_key(finding.identity, name)
                session.add(
                    Alert(
                        finding_id=finding.id,
                        channel=name,
                        dedupe_key=key,
                        created_at=now,
                        next_attempt_at=now,
                    )
                )
                added += 1
            if added >= BATCH:
                return


def _why_not(cfg: AlertsSettings, finding: Finding, tried: bool) -> str:
    """Why an outbox row will not be sent (ids and states only: it is shown and logged)."""
    if finding.status != FindingStatus.OPEN:
        why = f"not sent: the finding was {finding.status} before the alert went out"
    else:
        why = "not sent: the finding is no longer critical under the [alerts] settings"
    # A stale ``sending`` row: that try may have been delivered before the process died.
    return why + ("; an earlier try may have arrived" if tried else "")


def _skip_closed(actx: AppContext, names: list[str]) -> int:
    """Mark ``skipped`` the rows that would otherwise wait forever: their finding was closed
    or is no longer critical. A row some process is sending now (lease alive) is left to it;
    each update compares the state read, so a try that began meanwhile wins."""
    cfg, now = actx.settings.alerts, actx.clock()
    waiting = or_(
        Alert.status == "pending",
        and_(
            Alert.status == "sending",
            or_(Alert.last_attempt_at.is_(None), Alert.last_attempt_at <= now - lease(cfg)),
        ),
    )
    skipped = 0
    with actx.transaction() as session:
        rows = session.execute(
            select(Alert.id, Alert.status, Alert.attempts, Finding)
            .join(Finding, Finding.id == Alert.finding_id)
            .where(waiting, Alert.channel.in_(names), not_(_critical(cfg)))
            .order_by(Alert.id)
        ).all()
        for alert_id, status, attempts, finding in rows:
            why = _why_not(cfg, finding, status == "sending")
            result: Any = session.execute(
                update(Alert)
                .where(Alert.id == alert_id, Alert.status == status, Alert.attempts == attempts)
                .values(status="skipped", last_error=why, next_attempt_at=None)
            )
            if result.rowcount == 1:
                skipped += 1
                log.info("alert %d for finding %d skipped: %s", alert_id, finding.id, why)
    return skipped


@dataclass(frozen=True)
class _Due:
    alert_id: int
    channel: str
    status: str
    attempts: int
    facts: AlertFacts


def _due(actx: AppContext, names: list[str]) -> list[_Due]:
    """Rows to try now: pending and due, or ``sending`` with the lease run out (a crash)."""
    cfg, now = actx.settings.alerts, actx.clock()
    stale = now - lease(cfg)
    ready = or_(
        and_(
            Alert.status == "pending",
            or_(Alert.next_attempt_at.is_(None), Alert.next_attempt_at <= now),
        ),
        and_(
            Alert.status == "sending",
            or_(Alert.last_attempt_at.is_(None), Alert.last_attempt_at <= stale),
        ),
    )
    with actx.transaction() as session:
        rows = session.execute(
            select(Alert, Finding)
            .join(Finding, Finding.id == Alert.finding_id)
            .where(ready, Alert.channel.in_(names), _critical(cfg))
            .order_by(Alert.id)
            .limit(BATCH)
        ).all()
        return [
            _Due(
                a.id,
                a.channel,
                a.status,
                a.attempts,
                _facts(actx.settings, f, a.dedupe_key or alert_dedupe_key(f.identity, a.channel)),
            )
            for a, f in rows
        ]


def _begin(actx: AppContext, due: _Due) -> _Due | None:
    """Mark one try ``sending`` if the row is still as read (else another process has it)."""
    with actx.transaction() as session:
        result: Any = session.execute(
            update(Alert)
            .where(
                Alert.id == due.alert_id,
                Alert.status == due.status,
                Alert.attempts == due.attempts,
            )
            .values(status="sending", attempts=due.attempts + 1, last_attempt_at=actx.clock())
        )
        if result.rowcount != 1:
            return None
    return replace(due, status="sending", attempts=due.attempts + 1)


def _finish(actx: AppContext, due: _Due, err: str, *, final: bool = False) -> str:
    """Record the try: ``sent``; else ``pending`` again after a backoff, or ``failed``
    (``final``: failed now, whatever the attempts)."""
    cfg, now = actx.settings.alerts, actx.clock()
    with actx.transaction() as session:
        alert = session.get(Alert, due.alert_id)
        if alert is None:  # the finding was deleted meanwhile
            return "gone"
        if not err:
            alert.status, alert.sent_at, alert.last_error = "sent", now, ""
        else:
            alert.last_error = err[:500]
            if final or alert.attempts >= cfg.max_attempts:
                alert.status = "failed"
            else:
                wait = timedelta(seconds=cfg.backoff_seconds * 2 ** max(alert.attempts - 1, 0))
                alert.status, alert.next_attempt_at = "pending", now + min(wait, MAX_BACKOFF)
        return alert.status


def _try(actx: AppContext, sender: Sender, due: _Due) -> tuple[str, str]:
    """Up to ``TRIES_PER_CALL`` tries with exponential backoff: (final status, last error)."""
    cfg, err, status = actx.settings.alerts, "", "pending"
    for attempt in range(TRIES_PER_CALL):
        if attempt:
            time.sleep(min(cfg.backoff_seconds * 2 ** (attempt - 1), 60.0))
        claimed = _begin(actx, due)
        if claimed is None:
            return "taken", ""
        try:
            sender(claimed.facts)
            err = ""
        except Undeliverable as exc:  # no try can succeed; the channel itself is fine
            _finish(actx, claimed, str(exc), final=True)
            return "skipped", str(exc)
        except Exception as exc:  # a transport error of any library: recorded, retried
            err = f"{type(exc).__name__}: {exc}"
        status = _finish(actx, claimed, err)
        if status != "pending":
            return status, err
        due = replace(claimed, status="pending")
    return status, err


def send_alerts(actx: AppContext) -> AlertTotals:
    """Send every alert that is due. Never raises: an alert failure must not fail a scan."""
    totals = AlertTotals()
    senders = _senders(actx.settings)
    if not senders:
        return totals
    # Another process claiming the same rows first rolls ours back; its rows are sent below.
    with contextlib.suppress(IntegrityError):
        _claim_new(actx, list(senders))
    totals.skipped = _skip_closed(actx, list(senders))
    down: set[str] = set()  # channels that failed every try in this call: skipped until next
    for due in _due(actx, list(senders)):
        if due.channel in down:
            continue
        status, err = _try(actx, senders[due.channel], due)
        if status == "sent":
            totals.sent += 1
            totals.by_channel[due.channel] = totals.by_channel.get(due.channel, 0) + 1
        elif status == "skipped":
            totals.failed += 1
            log.warning(
                "alert %s for finding %d skipped: %s", due.channel, due.facts.finding_id, err
            )
        elif status in ("pending", "failed"):
            totals.failed += 1
            down.add(due.channel)
            log.warning(
                "alert %s for finding %d not sent (%s): %s",
                due.channel,
                due.facts.finding_id,
                status,
                err,
            )
    return totals
