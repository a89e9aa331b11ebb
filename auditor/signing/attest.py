"""Sign a folder of artifacts (a report, a de-identification certificate) into the ledger.

``sign_artifacts`` writes one DSSE envelope per folder whose in-toto statement lists every file
with its SHA-256 and names the previous envelope in the ledger, so the whole series is a hash
chain. It takes what it needs (a key, a session factory, the settings' paths, the time) and
returns a :class:`SignedEnvelope`; the domain rows (a ``Report``) belong to the caller, which
may add them in the same transaction through ``record``. ``verify_folder`` and
``verify_chain`` live in :mod:`auditor.signing.verification` and are re-exported here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from auditor import __version__
from auditor.config import Settings
from auditor.errors import InputError
from auditor.signing import ledger
from auditor.signing.dsse import STATEMENT_TYPE, sign_statement
from auditor.signing.keys import SigningKey, public_pem
from auditor.signing.verification import (
    ENVELOPE_SUFFIX,
    check_envelope_files,
    find_envelope,
    known_public_keys,
    read_statement,
    verify_chain,
    verify_folder,
)
from auditor.store import db
from auditor.store.models import SigningKey as SigningKeyRow
from auditor.store.repo import audit
from auditor.timefmt import iso_z

GENERATOR = "hipaa-auditor"


@dataclass(frozen=True)
class SignedEnvelope:
    """What signing produced: the envelope file, its SHA-256, the key and the ledger place."""

    path: Path
    digest: str
    key_id: str
    sequence: int


def envelope_name(subject_kind: str) -> str:
    """``report`` -> ``report.dsse.json``; a de-id certificate -> ``<kind>.dsse.json``."""
    return f"{subject_kind}{ENVELOPE_SUFFIX}"


def _subject_names(folder: Path, files: Sequence[str | os.PathLike[str]]) -> list[str]:
    names: set[str] = set()
    for f in files:
        p = Path(f)
        if p.is_absolute():
            try:
                p = p.resolve().relative_to(folder.resolve())
            except ValueError as exc:
                raise InputError("file to sign is outside the folder", file=str(f)) from exc
        name = p.as_posix()
        if ".." in p.parts or name.endswith(ENVELOPE_SUFFIX):
            raise InputError("cannot sign this path", file=name)
        if not (folder / name).is_file():
            raise InputError("file to sign does not exist", file=str(folder / name))
        names.add(name)
    if not names:
        raise InputError("nothing to sign", file=str(folder))
    return sorted(names)


def _record_key(session: Session, key_id: str, pem: str, now: datetime) -> None:
    if session.get(SigningKeyRow, key_id) is None:
        session.add(SigningKeyRow(key_id=key_id, public_pem=pem, created_at=now))


def _write_envelope(out: Path, envelope: dict[str, Any]) -> str:
    """Write atomically (tmp + rename); returns the digest of the bytes written."""
    data = (json.dumps(envelope, indent=2, sort_keys=True) + "\n").encode("utf-8")
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, out)
    return ledger.sha256_bytes(data)


def sign_artifacts(
    sessions: sessionmaker[Session],
    key: SigningKey,
    settings: Settings,
    folder: Path,
    files: Sequence[str | os.PathLike[str]],
    *,
    subject_kind: str,
    subject_id: str,
    predicate_type: str,
    predicate: dict[str, Any],
    now: datetime,
    actor: str,
    record: Callable[[Session, SignedEnvelope], None] | None = None,
) -> SignedEnvelope:
    """Sign ``files`` (names relative to ``folder``) and append the envelope to the ledger.

    The predicate gets ``previous`` (digest of the prior envelope, "" for the first),
    ``sequence``, ``subject_kind``/``subject_id``, ``generator``, ``key_id`` and ``signed_at``
    added. ``record`` runs inside the ledger transaction, so a caller's row (the weekly
    ``Report``) commits or rolls back with the ledger entry. On failure the envelope is removed.
    """
    folder = Path(folder)
    names = _subject_names(folder, files)
    subjects = [{"name": n, "digest": {"sha256": ledger.sha256_file(folder / n)}} for n in names]
    out = folder / envelope_name(subject_kind)
    with ledger.ledger_lock(settings):
        written = False
        try:
            with db.transaction(sessions) as session:
                if ledger.entry_for_subject(session, subject_id) is not None:
                    raise InputError(f"{subject_id} is already signed; use a new id")
                last = ledger.last_entry(session)
                seq = ledger.next_seq(session)
                prev = last.envelope_digest if last is not None else ""
                full = dict(predicate)
                full.update(
                    previous=prev,
                    sequence=seq,
                    subject_kind=subject_kind,
                    subject_id=subject_id,
                    generator={"name": GENERATOR, "version": __version__},
                    key_id=key.key_id,
                    signed_at=iso_z(now),
                )
                statement = {
                    "_type": STATEMENT_TYPE,
                    "subject": subjects,
                    "predicateType": predicate_type,
                    "predicate": full,
                }
                digest = _write_envelope(out, sign_statement(key, statement))
                written = True
                signed = SignedEnvelope(out, digest, key.key_id, seq)
                entry = ledger.append_entry(
                    session,
                    settings,
                    seq=seq,
                    subject_kind=subject_kind,
                    subject_id=subject_id,
                    envelope_digest=digest,
                    prev_digest=prev,
                    path=out,
                    created_at=now,
                )
                _record_key(session, key.key_id, public_pem(key.public), now)
                if record is not None:
                    record(session, signed)
                audit(
                    session,
                    actor,
                    "sign",
                    subject_id,
                    subject_kind=subject_kind,
                    envelope_digest=digest,
                    key_id=key.key_id,
                    sequence=seq,
                )
        except BaseException:
            if written:
                out.unlink(missing_ok=True)
            raise
        ledger.write_line(settings, entry)
    return signed


__all__ = [
    "ENVELOPE_SUFFIX",
    "SignedEnvelope",
    "check_envelope_files",
    "envelope_name",
    "find_envelope",
    "known_public_keys",
    "read_statement",
    "sign_artifacts",
    "verify_chain",
    "verify_folder",
]
