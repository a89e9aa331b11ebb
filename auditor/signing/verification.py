"""Verifying signed folders and the whole chain: digests, the DSSE signature, the ledger links.

Each check raises :class:`SignatureError` naming the file, the expected and actual digests
(also as ``expected``/``got`` attributes), the key or the broken link. The checks take the
settings' paths and a session, not the application context, so signing sits below it.
``auditor.signing.attest`` re-exports ``verify_folder`` and ``verify_chain``.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from auditor.config import Settings
from auditor.errors import SignatureError
from auditor.signing import ledger
from auditor.signing.dsse import STATEMENT_TYPE, verify_envelope
from auditor.signing.keys import key_id_of, public_keys
from auditor.store import db
from auditor.store.models import LedgerEntry, Report
from auditor.store.models import SigningKey as SigningKeyRow

ENVELOPE_SUFFIX = ".dsse.json"


def short(digest: str) -> str:
    return f"sha256:{digest[:16]}…" if digest else "(none)"


@contextmanager
def _session_for(settings: Settings, session: Session | None) -> Iterator[Session]:
    """The caller's session, or the settings' database opened for this one check."""
    if session is not None:
        yield session
        return
    url = settings.db_url
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///") :]).exists():
        raise SignatureError("cannot check the chain: no ledger database", file=url)
    engine = db.make_engine(url)
    try:
        with db.session_factory(engine)() as own:
            yield own
    finally:
        engine.dispose()


def known_public_keys(settings: Settings, session: Session | None) -> dict[str, Ed25519PublicKey]:
    """Every key this home ever signed with: ``keys/public/*.pem`` plus the SigningKey table."""
    keys = public_keys(settings.keys_dir) if (settings.keys_dir / "public").is_dir() else {}
    if session is not None:
        try:
            rows = list(session.scalars(select(SigningKeyRow)))
        except SQLAlchemyError as exc:
            raise SignatureError(f"cannot read signing keys from the store: {exc}") from exc
        for row in rows:
            try:
                pub = serialization.load_pem_public_key(row.public_pem.encode("ascii"))
            except ValueError:
                continue
            if isinstance(pub, Ed25519PublicKey) and key_id_of(pub) == row.key_id:
                keys.setdefault(row.key_id, pub)
    return keys


def find_envelope(path: Path) -> Path:
    path = Path(path)
    if path.is_file() and path.name.endswith(ENVELOPE_SUFFIX):
        return path
    if not path.exists():
        raise SignatureError("no such report or certificate folder", file=str(path))
    if not path.is_dir():
        raise SignatureError("not a folder or a *.dsse.json envelope", file=str(path))
    found = sorted(path.glob(f"*{ENVELOPE_SUFFIX}"))
    if not found:
        raise SignatureError(f"no DSSE envelope (*{ENVELOPE_SUFFIX}) in folder", file=str(path))
    if len(found) > 1:
        raise SignatureError(
            "more than one envelope in folder: " + ", ".join(p.name for p in found),
            file=str(path),
        )
    return found[0]


def check_envelope_files(
    envelope_path: Path, keys: dict[str, Ed25519PublicKey]
) -> tuple[dict[str, Any], str]:
    """Signature and subject digests; returns (statement, envelope digest). No ledger needed."""
    raw = envelope_path.read_bytes()
    try:
        envelope = json.loads(raw)
    except ValueError as exc:
        raise SignatureError("envelope is not valid JSON", file=str(envelope_path)) from exc
    if not isinstance(envelope, dict):
        raise SignatureError("envelope is not a JSON object", file=str(envelope_path))
    try:
        statement = verify_envelope(envelope, keys)
    except SignatureError as exc:
        raise SignatureError(exc.message, file=str(envelope_path)) from exc
    if statement.get("_type") != STATEMENT_TYPE:
        raise SignatureError(
            f"statement _type is {statement.get('_type')!r}, expected {STATEMENT_TYPE}",
            file=str(envelope_path),
        )
    subjects = statement.get("subject")
    if not isinstance(subjects, list) or not subjects:
        raise SignatureError("statement lists no subjects", file=str(envelope_path))
    folder = envelope_path.parent
    for subject in subjects:
        name = str(subject.get("name", "")) if isinstance(subject, dict) else ""
        expected = subject.get("digest", {}).get("sha256", "") if name else ""
        if not name or Path(name).is_absolute() or ".." in Path(name).parts:
            raise SignatureError(f"bad subject name {name!r}", file=str(envelope_path))
        target = folder / name
        if not target.is_file():
            raise SignatureError("signed file is missing", file=str(target))
        got = ledger.sha256_file(target)
        if got != expected:
            raise SignatureError.mismatch(
                f"digest mismatch: expected sha256:{expected}, got sha256:{got}",
                file=str(target),
                expected=expected,
                got=got,
            )
    return statement, ledger.sha256_bytes(raw)


def _check_link(
    settings: Settings,
    session: Session,
    envelope_path: Path,
    statement: dict[str, Any],
    digest: str,
) -> None:
    """The envelope is in the ledger at its place, and its predecessor is intact on disk."""
    predicate = statement.get("predicate") or {}
    subject_id = str(predicate.get("subject_id", ""))
    previous = str(predicate.get("previous", ""))
    where = str(envelope_path)
    try:
        entry = ledger.entry_for_subject(session, subject_id)
    except SQLAlchemyError as exc:
        raise SignatureError(f"cannot read the ledger: {exc}", file=where) from exc
    if entry is None:
        raise SignatureError(f"{subject_id or 'envelope'} is not in the ledger", file=where)
    if entry.envelope_digest != digest:
        raise SignatureError.mismatch(
            f"envelope digest mismatch for {subject_id}: ledger #{entry.seq} has "
            f"sha256:{entry.envelope_digest}, file is sha256:{digest}",
            file=where,
            expected=entry.envelope_digest,
            got=digest,
        )
    if predicate.get("sequence") != entry.seq:
        raise SignatureError(
            f"chain link broken: envelope says sequence {predicate.get('sequence')}, "
            f"ledger has #{entry.seq}",
            file=where,
        )
    if previous != entry.prev_digest:
        raise SignatureError(
            f"chain link broken at #{entry.seq} ({subject_id}): envelope names previous "
            f"{short(previous)}, ledger has {short(entry.prev_digest)}",
            file=where,
        )
    prior = ledger.entry_by_seq(session, entry.seq - 1) if entry.seq > 1 else None
    if entry.seq > 1 and prior is None:
        raise SignatureError(
            f"chain link broken at #{entry.seq} ({subject_id}): ledger entry "
            f"#{entry.seq - 1} is missing",
            file=where,
        )
    if prior is None:
        if previous:
            raise SignatureError(
                f"chain link broken at #1 ({subject_id}): first envelope names a previous one",
                file=where,
            )
        return
    if prior.envelope_digest != previous:
        raise SignatureError(
            f"chain link broken at #{entry.seq} ({subject_id}): previous is {short(previous)} "
            f"but ledger #{prior.seq} ({prior.subject_id}) is {short(prior.envelope_digest)}",
            file=where,
        )
    prior_path = ledger.resolve_path(settings, prior.path)
    if not prior_path.is_file():
        raise SignatureError(
            f"chain link broken at #{entry.seq}: previous envelope #{prior.seq} "
            f"({prior.subject_id}) is missing",
            file=str(prior_path),
        )
    got = ledger.sha256_file(prior_path)
    if got != previous:
        raise SignatureError.mismatch(
            f"chain link broken at #{entry.seq}: previous envelope #{prior.seq} "
            f"({prior.subject_id}) expected sha256:{previous}, got sha256:{got}",
            file=str(prior_path),
            expected=previous,
            got=got,
        )


def verify_folder(
    settings: Settings,
    folder: Path,
    *,
    session: Session | None = None,
    extra_keys: dict[str, Ed25519PublicKey] | None = None,
    chain: bool = True,
) -> None:
    """Check every file digest, the signature over the PAE and the envelope's chain link.

    Without ``session`` the settings' database is opened for this check. ``chain=False``
    skips the ledger (a report copied to another machine, checked with the exporting site's
    public key passed in ``extra_keys``); keys then come from ``session`` if given.
    """
    envelope_path = find_envelope(Path(folder))
    if not chain:
        keys = known_public_keys(settings, session)
        keys.update(extra_keys or {})
        check_envelope_files(envelope_path, keys)
        return
    with _session_for(settings, session) as session:
        keys = known_public_keys(settings, session)
        keys.update(extra_keys or {})
        statement, digest = check_envelope_files(envelope_path, keys)
        _check_link(settings, session, envelope_path, statement, digest)


def unlisted_files(path: Path) -> list[str]:
    """Files in an envelope's folder that its statement does not list (so nothing signs
    them: a ``report-corrected.html`` beside a signed report), as relative names, sorted."""
    envelope_path = find_envelope(Path(path))
    folder = envelope_path.parent
    listed = {
        Path(str(s.get("name", ""))).as_posix()
        for s in read_statement(envelope_path).get("subject", [])
        if isinstance(s, dict)
    }
    found = (
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if (p.is_file() or p.is_symlink()) and p != envelope_path
    )
    return sorted(name for name in found if name not in listed)


def read_statement(folder: Path) -> dict[str, Any]:
    """The (unverified) statement of a folder's envelope, for listing and display."""
    envelope = json.loads(find_envelope(folder).read_bytes())
    statement: dict[str, Any] = json.loads(base64.b64decode(envelope["payload"]))
    return statement


def _check_files_agree(settings: Settings, rows: list[ledger.LedgerLine]) -> None:
    lines = ledger.read_lines(settings)
    file_name = str(settings.home / ledger.LEDGER_FILE)
    for i in range(max(len(rows), len(lines))):
        row = rows[i] if i < len(rows) else None
        line = lines[i] if i < len(lines) else None
        if row != line:
            either = row or line
            where = f"#{either.seq}" if either is not None else f"position {i + 1}"
            which = (
                "missing from the ledger file"
                if line is None
                else "missing from the ledger table"
                if row is None
                else "differs between the ledger table and the ledger file"
            )
            raise SignatureError(f"ledger entry {where} {which}", file=file_name)


def verify_chain(
    settings: Settings,
    session: Session,
    *,
    extra_keys: dict[str, Ed25519PublicKey] | None = None,
) -> None:
    """Walk the whole ledger and the files on disk; the first problem found is raised."""
    rows = ledger.entries(session)
    keys = known_public_keys(settings, session)
    keys.update(extra_keys or {})
    _check_files_agree(settings, [ledger.LedgerLine.of(r) for r in rows])
    prev_digest = ""
    prev_label = "(start)"
    for expected_seq, entry in enumerate(rows, start=1):
        label = f"#{entry.seq} ({entry.subject_id})"
        if entry.seq != expected_seq:
            raise SignatureError(
                f"chain broken: expected entry #{expected_seq}, found {label}; "
                "an entry was removed or the chain was reordered"
            )
        if entry.prev_digest != prev_digest:
            raise SignatureError(
                f"chain broken at {label}: it names previous {short(entry.prev_digest)} "
                f"but {prev_label} is {short(prev_digest)}"
            )
        path = ledger.resolve_path(settings, entry.path)
        if not path.is_file():
            raise SignatureError(
                f"{entry.subject_kind} {entry.subject_id} (ledger #{entry.seq}) is missing",
                file=str(path),
            )
        statement, digest = check_envelope_files(path, keys)
        signed_for = str((statement.get("predicate") or {}).get("subject_id"))
        if signed_for != entry.subject_id:
            raise SignatureError(
                f"envelope at ledger {label} is for {signed_for}: reports were moved "
                "or reordered on disk",
                file=str(path),
            )
        _check_link(settings, session, path, statement, digest)
        prev_digest, prev_label = entry.envelope_digest, label
    _check_no_strays(settings, session, rows)


def _check_no_strays(settings: Settings, session: Session, rows: list[LedgerEntry]) -> None:
    """Every envelope on disk and every Report row has its ledger entry."""
    signed = {ledger.resolve_path(settings, r.path).resolve() for r in rows}
    on_disk = [
        *settings.reports_dir.glob(f"*/*{ENVELOPE_SUFFIX}"),
        *settings.certificates_dir.rglob(f"*{ENVELOPE_SUFFIX}"),
    ]
    for path in sorted(on_disk):
        if path.resolve() not in signed:
            raise SignatureError("signed envelope is not in the ledger", file=str(path))
    in_ledger = {r.subject_id for r in rows}
    for report_id in session.scalars(select(Report.id).order_by(Report.id)):
        if report_id not in in_ledger:
            raise SignatureError(f"report {report_id} has no ledger entry")
