"""Console sessions: an API token exchanged for a signed cookie, with a per-session CSRF token.

The cookie holds the token's name, role, a session id, the CSRF token and an expiry, signed
with HMAC-SHA256 under a key kept in the home (``keys/console_session.key``, created on first
use). Every request re-checks that the token is still active, so revoking a token ends its
console sessions; logout ends the session id at once, in the store (``EndedSession``), so it
stays ended after a restart of the API and for every worker process.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from auditor.api.auth import Principal, Role, token_state
from auditor.store.index_models import EndedSession
from auditor.store.models import ApiToken

COOKIE = "auditor_console"
PRE_COOKIE = "auditor_console_login"
KEY_FILE = "console_session.key"
SESSION_SECONDS = 8 * 3600


def load_or_create_key(keys_dir: Path) -> bytes:
    """The signing key of console cookies (0600 in the home's keys folder)."""
    path = keys_dir / KEY_FILE
    if path.exists():
        return path.read_bytes()
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


@dataclass(frozen=True)
class ConsoleSession:
    sid: str
    token_name: str
    role: Role
    csrf: str
    expires: int

    @property
    def principal(self) -> Principal:
        return Principal(self.token_name, self.role)


class Signer:
    """Signs and opens cookie values (which sessions were ended is the store's business)."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def _mac(self, body: bytes) -> str:
        digest = hmac.new(self._key, body, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def dump(self, data: dict[str, object]) -> str:
        body = base64.urlsafe_b64encode(json.dumps(data, sort_keys=True).encode()).rstrip(b"=")
        return body.decode() + "." + self._mac(body)

    def load(self, value: str | None) -> dict[str, object] | None:
        if not value or "." not in value or len(value) > 4096:
            return None
        body, _, mac = value.rpartition(".")
        if not hmac.compare_digest(mac, self._mac(body.encode())):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def new_session(self, principal: Principal) -> tuple[ConsoleSession, str]:
        sess = ConsoleSession(
            sid=secrets.token_urlsafe(16),
            token_name=principal.name,
            role=principal.role,
            csrf=secrets.token_urlsafe(24),
            expires=int(time.time()) + SESSION_SECONDS,
        )
        value = self.dump(
            {
                "sid": sess.sid,
                "tok": sess.token_name,
                "role": str(sess.role),
                "csrf": sess.csrf,
                "exp": sess.expires,
            }
        )
        return sess, value

    def open(self, value: str | None) -> ConsoleSession | None:
        data = self.load(value)
        if data is None:
            return None
        try:
            sess = ConsoleSession(
                sid=str(data["sid"]),
                token_name=str(data["tok"]),
                role=Role(str(data["role"])),
                csrf=str(data["csrf"]),
                expires=int(str(data["exp"])),
            )
        except (KeyError, ValueError):
            return None
        if sess.expires < time.time():
            return None
        return sess

    def login_csrf(self) -> tuple[str, str]:
        """A CSRF token for the login form and the short-lived cookie that carries it."""
        token = secrets.token_urlsafe(24)
        return token, self.dump({"csrf": token, "exp": int(time.time()) + 3600})

    def check_login_csrf(self, cookie: str | None, submitted: str) -> bool:
        data = self.load(cookie)
        if not data or not submitted:
            return False
        if int(str(data.get("exp", 0))) < time.time():
            return False
        return hmac.compare_digest(str(data.get("csrf", "")), submitted)


def token_still_valid(session: Session, sess: ConsoleSession, now: datetime) -> bool:
    """The token behind a session is still active and still has the session's role."""
    row = session.scalars(select(ApiToken).where(ApiToken.name == sess.token_name)).first()
    if row is None or row.role != str(sess.role):
        return False
    return token_state(row, now) == "active"


def _sid_hash(sess: ConsoleSession) -> str:
    return hashlib.sha256(sess.sid.encode()).hexdigest()


def end_session(session: Session, sess: ConsoleSession, now: datetime) -> None:
    """Record a logout; rows whose cookies have expired anyway are dropped on the way."""
    session.execute(delete(EndedSession).where(EndedSession.expires_at < now))
    expires = datetime.fromtimestamp(sess.expires, UTC)
    session.merge(EndedSession(sid_hash=_sid_hash(sess), ended_at=now, expires_at=expires))


def session_ended(session: Session, sess: ConsoleSession) -> bool:
    return session.get(EndedSession, _sid_hash(sess)) is not None
