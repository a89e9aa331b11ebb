"""The hash chain of signed envelopes, kept twice: the ``ledger`` table and ``HOME/ledger.jsonl``.

Each envelope names the digest of the one before it. The table gives order and lookup; the
append-only JSONL file is a second copy, so deleting or rewriting rows in one place shows up
as a disagreement with the other. A lock serialises appends from the CLI, daemon and API.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from filelock import FileLock
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditor.config import Settings
from auditor.errors import SignatureError
from auditor.filehash import sha256_file as sha256_file  # re-exported: subjects, verification
from auditor.store.models import LedgerEntry

LEDGER_FILE = "ledger.jsonl"
LOCK_FILE = "ledger.lock"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextmanager
def ledger_lock(settings: Settings, timeout: float = 120.0) -> Iterator[None]:
    """One signer at a time per home, so two envelopes never claim the same predecessor."""
    settings.keys_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(str(settings.keys_dir / LOCK_FILE), timeout=timeout):
        yield


def last_entry(session: Session) -> LedgerEntry | None:
    return session.scalars(select(LedgerEntry).order_by(LedgerEntry.seq.desc()).limit(1)).first()


def entries(session: Session) -> list[LedgerEntry]:
    return list(session.scalars(select(LedgerEntry).order_by(LedgerEntry.seq)))


def entry_for_subject(session: Session, subject_id: str) -> LedgerEntry | None:
    return session.scalars(select(LedgerEntry).where(LedgerEntry.subject_id == subject_id)).first()


def entry_by_seq(session: Session, seq: int) -> LedgerEntry | None:
    return session.get(LedgerEntry, seq)


def next_seq(session: Session) -> int:
    return int(session.scalar(select(func.max(LedgerEntry.seq))) or 0) + 1


def store_path(settings: Settings, path: Path) -> str:
    """Paths under the home are kept relative, so a home can be moved or restored elsewhere."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(settings.home.resolve()).as_posix()
    except ValueError:
        return str(resolved)


def resolve_path(settings: Settings, stored: str) -> Path:
    p = Path(stored)
    return p if p.is_absolute() else settings.home / p


@dataclass(frozen=True)
class LedgerLine:
    seq: int
    subject_kind: str
    subject_id: str
    envelope_digest: str
    prev_digest: str
    path: str

    @classmethod
    def of(cls, entry: LedgerEntry) -> LedgerLine:
        return cls(
            entry.seq,
            entry.subject_kind,
            entry.subject_id,
            entry.envelope_digest,
            entry.prev_digest,
            entry.path,
        )


def append_entry(
    session: Session,
    settings: Settings,
    *,
    seq: int,
    subject_kind: str,
    subject_id: str,
    envelope_digest: str,
    prev_digest: str,
    path: Path,
    created_at: datetime,
) -> LedgerEntry:
    entry = LedgerEntry(
        seq=seq,
        subject_kind=subject_kind,
        subject_id=subject_id,
        envelope_digest=envelope_digest,
        prev_digest=prev_digest,
        created_at=created_at,
        path=store_path(settings, path),
    )
    session.add(entry)
    session.flush()
    return entry


def write_line(settings: Settings, entry: LedgerEntry) -> None:
    """Append to the JSONL copy; called after the row is committed (under the ledger lock)."""
    line = LedgerLine.of(entry)
    with (settings.home / LEDGER_FILE).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(line.__dict__, sort_keys=True) + "\n")


def read_lines(settings: Settings) -> list[LedgerLine]:
    path = settings.home / LEDGER_FILE
    if not path.exists():
        return []
    out: list[LedgerLine] = []
    with path.open(encoding="utf-8") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
                out.append(
                    LedgerLine(
                        int(data["seq"]),
                        str(data["subject_kind"]),
                        str(data["subject_id"]),
                        str(data["envelope_digest"]),
                        str(data["prev_digest"]),
                        str(data["path"]),
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise SignatureError(
                    f"ledger file line is not a ledger entry ({exc.__class__.__name__})",
                    file=str(path),
                    line=n,
                ) from exc
    return out
