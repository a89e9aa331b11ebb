"""What an alert says, per channel. No message names a patient: the link carries the reader to
the console, where roles decide who sees what. CEF and RFC 5424 framing live here too."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import datetime
from string import Template
from typing import Any

from auditor import __version__
from auditor.timefmt import iso_z

#: CEF severity (0-10) per finding severity.
CEF_SEVERITY = {"low": 3, "medium": 5, "high": 8, "critical": 10}
#: RFC 5424 severity per finding severity (2 = critical, 3 = error, 4 = warning, 5 = notice).
SYSLOG_SEVERITY = {"low": 5, "medium": 4, "high": 3, "critical": 2}
SYSLOG_FACILITY = 13  # log audit

STAFF_NOTE = Template(
    """Hello $user_id,

On $date our access monitoring recorded an opening of a patient record under your account
that we could not match to a care relationship or a documented reason.

This is often routine (a covering shift, a consult, a referral not yet in the system). Please
confirm the reason within two working days by following this link:

    $link

This message names no patient on purpose. If you did not open this record, tell the privacy
office at once: someone else may be using your account.

-- $site privacy office
"""
)


@dataclass(frozen=True)
class AlertFacts:
    """The fields of a finding an alert may carry (ids and codes, never a patient)."""

    finding_id: int
    rule_id: str
    category: str
    severity: str
    user_id: str
    event_time: datetime | None
    link: str
    #: The outbox row's key: the same on every try, so a receiver can drop a repeat.
    dedupe_key: str = ""

    @property
    def when(self) -> str:
        return iso_z(self.event_time) if self.event_time else "unknown time"


def finding_link(console_url: str, finding_id: int) -> str:
    base = console_url.rstrip("/") or "/"
    base = base if base != "/" else ""
    return f"{base}/console/findings/{finding_id}"


def office_mail(facts: AlertFacts, site: str) -> tuple[str, str]:
    """Subject and body of the privacy office's e-mail."""
    subject = f"[{site}] {facts.severity} access finding #{facts.finding_id}: {facts.category}"
    body = (
        f"A {facts.severity} finding was stored by tonight's access-log scan.\n\n"
        f"  finding:  #{facts.finding_id}\n"
        f"  rule:     {facts.rule_id}\n"
        f"  category: {facts.category}\n"
        f"  user:     {facts.user_id}\n"
        f"  time:     {facts.when}\n\n"
        f"Open it in the console: {facts.link}\n"
        "(The patient is shown there, to the roles allowed to see it, not in e-mail.)\n"
    )
    return subject, body


def staff_mail(facts: AlertFacts, site: str) -> tuple[str, str]:
    """Subject and body of the note asking the staff member to confirm the reason."""
    day = facts.event_time.date().isoformat() if facts.event_time else "a recent day"
    body = STAFF_NOTE.substitute(user_id=facts.user_id, date=day, link=facts.link, site=site)
    return "Please confirm the reason for a record access", body


def webhook_payload(facts: AlertFacts) -> dict[str, Any]:
    return {
        "source": "hipaa-auditor",
        "finding_id": facts.finding_id,
        "rule_id": facts.rule_id,
        "category": facts.category,
        "severity": facts.severity,
        "user_id": facts.user_id,
        "event_time": iso_z(facts.event_time) if facts.event_time else None,
        "link": facts.link,
        "alert_id": facts.dedupe_key,
    }


def _cef_header(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|")


def _cef_ext(value: str) -> str:
    out = value.replace("\\", "\\\\").replace("=", "\\=")
    return out.replace("\r", "\\r").replace("\n", "\\n")


def cef(facts: AlertFacts) -> str:
    """One ArcSight CEF:0 event for the finding."""
    ext = {
        "rt": str(int(facts.event_time.timestamp() * 1000)) if facts.event_time else "",
        "suser": facts.user_id,
        "cat": facts.category,
        "cs1Label": "findingId",
        "cs1": str(facts.finding_id),
        "request": facts.link,
        "externalId": facts.dedupe_key,
    }
    extension = " ".join(f"{k}={_cef_ext(v)}" for k, v in ext.items() if v)
    header = [
        "CEF:0",
        "hipaa-auditor",
        "hipaa-auditor",
        __version__,
        facts.rule_id,
        f"{facts.category} access finding",
        str(CEF_SEVERITY.get(facts.severity, 5)),
    ]
    return "|".join(_cef_header(h) for h in header) + "|" + extension


def rfc5424(message: str, severity: str, now: datetime, *, msgid: str = "finding") -> bytes:
    """An RFC 5424 syslog message, octet-counted for TCP/TLS transport (RFC 6587, RFC 5425)."""
    pri = SYSLOG_FACILITY * 8 + SYSLOG_SEVERITY.get(severity, 4)
    host = (socket.gethostname() or "-")[:255]
    line = f"<{pri}>1 {iso_z(now)} {host} hipaa-auditor - {msgid} - {message}"
    data = line.encode("utf-8")
    return f"{len(data)} ".encode("ascii") + data
