"""Which findings are alerted, on which channels, once: the ``alerts`` table is the record.

An alert row is claimed (unique per finding and channel) before anything is sent, then marked
``sent`` or left ``pending`` with the error and the attempt count; a later call (the next scan,
a restarted daemon) retries it until ``max_attempts``, after which it stays ``failed``. A crash
between sending and marking can repeat one message: at least once, never silently dropped.
A channel that fails every try is left alone for the rest of the call, so a mail server that
is down delays a scan by one alert's retries, not by every alert's.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from auditor.alerts import messages
from auditor.alerts.messages import AlertFacts
from auditor.config import AlertsSettings, Settings
from auditor.context import AppContext
from auditor.store.case_models import Alert
from auditor.store.models import Finding, FindingKind, FindingStatus

log = logging.getLogger(__name__)

#: Findings looked at per call: a first night with a backlog is sent over several scans.
BATCH = 500
#: Tries within one call before the alert waits for the next call.
TRIES_PER_CALL = 3

Sender = Callable[[AlertFacts], None]


@dataclass
class AlertTotals:
    sent: int = 0
    failed: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)


def is_critical(cfg: AlertsSettings, severity: str, category: str) -> bool:
    return severity in cfg.severities or category in cfg.categories


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
            channels.send_mail(cfg, list(cfg.privacy_office), *messages.office_mail(f, site))

        out["email"] = office
    if cfg.smtp_host and cfg.staff_note and cfg.staff_email_domain:

        def staff(f: AlertFacts) -> None:
            to = [f"{f.user_id}@{cfg.staff_email_domain}"]
            channels.send_mail(cfg, to, *messages.staff_mail(f, site))

        out["staff"] = staff
    if cfg.webhook_url:
        out["webhook"] = lambda f: channels.post_webhook(cfg, messages.webhook_payload(f))
    if cfg.syslog_host:

        def syslog(f: AlertFacts) -> None:
            frame = messages.rfc5424(messages.cef(f), f.severity, datetime.now(UTC))
            channels.send_syslog(cfg, frame)

        out["syslog"] = syslog
    return out


def _facts(settings: Settings, finding: Finding) -> AlertFacts:
    return AlertFacts(
        finding_id=finding.id,
        rule_id=finding.rule_id,
        category=finding.category,
        severity=finding.severity,
        user_id=finding.user_id,
        event_time=finding.event_time,
        link=messages.finding_link(settings.alerts.console_url, finding.id),
    )


def _due(actx: AppContext, names: list[str]) -> list[tuple[AlertFacts, str]]:
    """(finding, channel) pairs still to send: critical open findings with no row yet, and
    rows left pending by an earlier call. New rows are claimed here, in one transaction."""
    cfg = actx.settings.alerts
    crit = or_(Finding.severity.in_(cfg.severities), Finding.category.in_(cfg.categories))
    out: list[tuple[AlertFacts, str]] = []
    with actx.transaction() as session:
        rows = session.scalars(
            select(Finding)
            .where(Finding.kind == FindingKind.ACCESS, Finding.status == FindingStatus.OPEN)
            .where(crit)
            .order_by(Finding.id)
        )
        have: dict[int, dict[str, str]] = {}
        for alert in session.scalars(select(Alert)):
            have.setdefault(alert.finding_id, {})[alert.channel] = alert.status
        for finding in rows:
            known = have.get(finding.id, {})
            for name in names:
                state = known.get(name)
                if state is None:
                    session.add(Alert(finding_id=finding.id, channel=name, created_at=actx.clock()))
                elif state != "pending":
                    continue
                out.append((_facts(actx.settings, finding), name))
                if len(out) >= BATCH:
                    return out
    return out


def _record(actx: AppContext, finding_id: int, channel: str, ok: bool, tries: int, err: str) -> str:
    cfg = actx.settings.alerts
    with actx.transaction() as session:
        alert = session.scalars(
            select(Alert).where(Alert.finding_id == finding_id, Alert.channel == channel)
        ).one()
        alert.attempts += tries
        if ok:
            alert.status, alert.sent_at, alert.last_error = "sent", actx.clock(), ""
        else:
            alert.last_error = err[:500]
            alert.status = "failed" if alert.attempts >= cfg.max_attempts else "pending"
        return alert.status


def _send_one(cfg: AlertsSettings, sender: Sender, facts: AlertFacts) -> tuple[bool, int, str]:
    """Up to ``TRIES_PER_CALL`` tries with exponential backoff: (sent, tries, last error)."""
    err = ""
    for attempt in range(TRIES_PER_CALL):
        if attempt:
            time.sleep(min(cfg.backoff_seconds * 2 ** (attempt - 1), 60.0))
        try:
            sender(facts)
            return True, attempt + 1, ""
        except Exception as exc:  # a transport error of any library: recorded, retried
            err = f"{type(exc).__name__}: {exc}"
    return False, TRIES_PER_CALL, err


def send_alerts(actx: AppContext) -> AlertTotals:
    """Send every alert that is due. Never raises: an alert failure must not fail a scan."""
    totals = AlertTotals()
    senders = _senders(actx.settings)
    if not senders:
        return totals
    try:
        due = _due(actx, list(senders))
    except IntegrityError:  # another process claimed the same alerts first: it sends them
        return totals
    down: set[str] = set()  # channels that failed every try in this call: skipped until next
    for facts, name in due:
        if name in down:
            continue
        ok, tries, err = _send_one(actx.settings.alerts, senders[name], facts)
        status = _record(actx, facts.finding_id, name, ok, tries, err)
        if ok:
            totals.sent += 1
            totals.by_channel[name] = totals.by_channel.get(name, 0) + 1
        else:
            totals.failed += 1
            down.add(name)
            log.warning(
                "alert %s for finding %d not sent (%s): %s", name, facts.finding_id, status, err
            )
    return totals
