"""Sign a folder of artifacts (a report, a de-identification certificate) and verify it later.

``sign_artifacts`` writes one DSSE envelope per folder whose in-toto statement lists every file
with its SHA-256 and names the previous envelope in the ledger, so the whole series is a hash
chain. ``verify_folder`` and ``verify_chain`` raise :class:`SignatureError` naming the file,
the expected and actual digests, the key or the broken link: the reason is the product.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from auditor import __version__
from auditor.context import AppContext
from auditor.errors import InputError
from auditor.signing import ledger
from auditor.signing.dsse import STATEMENT_TYPE, sign_statement
from auditor.signing.keys import public_pem
from auditor.signing.verification import (
    ENVELOPE_SUFFIX,
    check_envelope_files,
    find_envelope,
    known_public_keys,
    read_statement,
    verify_chain,
    verify_folder,
)
from auditor.store.models import Report
from auditor.store.models import SigningKey as SigningKeyRow
from auditor.store.repo import audit

GENERATOR = "hipaa-auditor"
REPORT_KIND = "report"


def envelope_name(subject_kind: str) -> str:
    """``report`` -> ``report.dsse.json``; a de-id certificate -> ``<kind>.dsse.json``."""
    return f"{subject_kind}{ENVELOPE_SUFFIX}"


# --------------------------------------------------------------------------- signing


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


def _record_key(session: Session, key_id: str, pem: str, now: Any) -> None:
    if session.get(SigningKeyRow, key_id) is None:
        session.add(SigningKeyRow(key_id=key_id, public_pem=pem, created_at=now))


def _period(predicate: dict[str, Any], key: str, fallback: Any) -> Any:
    from datetime import datetime

    period = predicate.get("period")
    raw = period.get(key) if isinstance(period, dict) else None
    if isinstance(raw, str):
        try:
            value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
            if value.tzinfo is not None:
                return value
        except ValueError:
            pass
    return fallback


def sign_artifacts(
    actx: AppContext,
    folder: Path,
    files: Sequence[str | os.PathLike[str]],
    *,
    subject_kind: str,
    subject_id: str,
    predicate_type: str,
    predicate: dict[str, Any],
) -> Path:
    """Sign ``files`` (names relative to ``folder``) and append the envelope to the ledger.

    The predicate gets ``previous`` (digest of the prior envelope, "" for the first),
    ``sequence``, ``subject_kind``/``subject_id``, ``generator`` and ``key_id`` added.
    For ``subject_kind="report"`` a Report row is written too (period from
    ``predicate["period"]["start"/"end"]``, summary from ``predicate["summary"]``).
    """
    folder = Path(folder)
    names = _subject_names(folder, files)
    subjects = [{"name": n, "digest": {"sha256": ledger.sha256_file(folder / n)}} for n in names]
    key = actx.signing_key()
    settings = actx.settings
    out = folder / envelope_name(subject_kind)
    with ledger.ledger_lock(settings):
        written = False
        try:
            with actx.transaction() as session:
                if ledger.entry_for_subject(session, subject_id) is not None:
                    raise InputError(f"{subject_id} is already signed; use a new id")
                last = ledger.last_entry(session)
                seq = ledger.next_seq(session)
                prev = last.envelope_digest if last is not None else ""
                now = actx.clock()
                full = dict(predicate)
                full.update(
                    previous=prev,
                    sequence=seq,
                    subject_kind=subject_kind,
                    subject_id=subject_id,
                    generator={"name": GENERATOR, "version": __version__},
                    key_id=key.key_id,
                    signed_at=now.isoformat().replace("+00:00", "Z"),
                )
                statement = {
                    "_type": STATEMENT_TYPE,
                    "subject": subjects,
                    "predicateType": predicate_type,
                    "predicate": full,
                }
                envelope = sign_statement(key, statement)
                data = (json.dumps(envelope, indent=2, sort_keys=True) + "\n").encode("utf-8")
                tmp = out.with_name(out.name + ".tmp")
                tmp.write_bytes(data)
                os.replace(tmp, out)
                written = True
                digest = ledger.sha256_bytes(data)
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
                if subject_kind == REPORT_KIND:
                    session.add(
                        Report(
                            id=subject_id,
                            kind=str(predicate.get("report_kind", "weekly")),
                            period_start=_period(predicate, "start", now),
                            period_end=_period(predicate, "end", now),
                            created_at=now,
                            path=ledger.store_path(settings, folder),
                            envelope_digest=digest,
                            key_id=key.key_id,
                            summary=dict(predicate.get("summary") or {}),
                        )
                    )
                audit(
                    session,
                    actx.actor,
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
    return out


__all__ = [
    "ENVELOPE_SUFFIX",
    "check_envelope_files",
    "envelope_name",
    "find_envelope",
    "known_public_keys",
    "read_statement",
    "sign_artifacts",
    "verify_chain",
    "verify_folder",
]
