"""The canonical access-event columns, in order (docs/formats.md): one contract, two readers.

Parsers (``scanners.access_logs``) produce events with these fields and the policy engine
(``policy.columns``) lets rules read them as ``event.x``. They sit side by side and must not
import each other, so the list lives here on the ground floor.
"""

from __future__ import annotations

CANONICAL_COLUMNS: tuple[str, ...] = (
    "event_id",
    "timestamp",
    "user_id",
    "patient_id",
    "action",
    "record_type",
    "department",
    "workstation",
    "break_glass",
    "reason",
)
