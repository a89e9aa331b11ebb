"""Same-night alerts for critical findings: e-mail, a note to the staff member, a webhook and
CEF over syslog. Each alert is sent once per finding and channel, retried, and recorded."""

from auditor.alerts.dispatch import AlertTotals, is_critical, send_alerts

__all__ = ["AlertTotals", "is_critical", "send_alerts"]
