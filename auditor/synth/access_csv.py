"""A large synthetic access log in the canonical CSV shape (docs/formats.md), deterministic.

Without context files only the context-free rules apply (after hours, break glass without a
reason, volume): enough findings to prove a resumed scan equals an uninterrupted one. The
service tests and the API load benchmark write it.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

HEADER = (
    "event_id,timestamp,user_id,patient_id,action,record_type,department,"
    "workstation,break_glass,reason\n"
)
ACTIONS = ["view", "view", "view", "update", "print", "export", "query"]
RECORDS = ["note", "lab", "medication", "demographics", "imaging"]


def write_access_log(path: Path, n: int, *, seed: int = 7) -> Path:
    """``n`` events from 2026-03-02 on; a burst user every 400 events, 1% break glass."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        t = start
        for i in range(n):
            t += timedelta(seconds=rng.randint(1, 40))
            burst_user = (i // 400) % 50 == 0  # one user opening many charts in a burst
            user = "U900" if burst_user else f"U{rng.randint(1, 120):03d}"
            patient = f"P{rng.randint(1, 5000):05d}"
            glass = rng.random() < 0.01
            reason = rng.choice(["", "n/a", "emergency department admission"]) if glass else ""
            fh.write(
                f"EV{i:08d},{t.isoformat().replace('+00:00', 'Z')},{user},{patient},"
                f"{rng.choice(ACTIONS)},{rng.choice(RECORDS)},ED,WS{rng.randint(1, 40):02d},"
                f"{'true' if glass else 'false'},{reason}\n"
            )
    return path
