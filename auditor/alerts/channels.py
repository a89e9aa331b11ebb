"""The transports: SMTP (stdlib), a webhook (httpx) and syslog over TCP or TLS.

Each sends one message or raises; retries and records are the dispatcher's business.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from email.message import EmailMessage
from typing import Any

import httpx

from auditor.config import AlertsSettings


def message_id(dedupe_key: str, mail_from: str) -> str:
    """The alert's Message-ID: the same on every try, so a repeat is recognisable."""
    domain = mail_from.rpartition("@")[2].strip("<> ") or "hipaa-auditor.invalid"
    return f"<alert-{dedupe_key}@{domain}>"


def send_mail(
    cfg: AlertsSettings, to: list[str], subject: str, body: str, dedupe_key: str = ""
) -> None:
    msg = EmailMessage()
    msg["From"] = cfg.mail_from
    msg["To"] = ", ".join(to)
    msg["Subject"] = subject
    if dedupe_key:
        msg["Message-ID"] = message_id(dedupe_key, cfg.mail_from)
        msg["X-Auditor-Alert-Key"] = dedupe_key
    msg.set_content(body)
    with smtplib.SMTP(cfg.smtp_host, cfg.smtp_port, timeout=cfg.timeout_seconds) as smtp:
        if cfg.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if cfg.smtp_user:
            smtp.login(cfg.smtp_user, cfg.smtp_password)
        smtp.send_message(msg)


def post_webhook(cfg: AlertsSettings, payload: dict[str, Any], dedupe_key: str = "") -> None:
    headers = {"Idempotency-Key": dedupe_key} if dedupe_key else {}
    response = httpx.post(
        cfg.webhook_url, json=payload, headers=headers, timeout=cfg.timeout_seconds
    )
    response.raise_for_status()


def send_syslog(cfg: AlertsSettings, frame: bytes) -> None:
    """One octet-counted frame to the collector; TLS verifies the server (a CA file if given)."""
    raw = socket.create_connection((cfg.syslog_host, cfg.syslog_port), cfg.timeout_seconds)
    try:
        if cfg.syslog_tls:
            context = ssl.create_default_context(cafile=cfg.syslog_ca_file or None)
            with context.wrap_socket(raw, server_hostname=cfg.syslog_host) as tls:
                tls.sendall(frame)
            return
        raw.sendall(frame)
    finally:
        raw.close()
