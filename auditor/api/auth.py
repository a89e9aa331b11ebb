"""Bearer tokens, roles and per-token rate limits.

A token is shown once, when created; the store keeps only its SHA-256 (a token has 256 bits
of randomness, so a plain hash cannot be brute-forced and survives key rotation). Lookups go
by hash, and the stored hash is compared with ``hmac.compare_digest``.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor.errors import AuthError, InputError, NotFoundError, PermissionDeniedError
from auditor.store import repo
from auditor.store.models import ApiToken

TOKEN_PREFIX = "aud_"


class Role(enum.StrEnum):
    PRIVACY_OFFICER = "privacy_officer"
    SECURITY = "security"
    DATA_TEAM = "data_team"
    ADMIN = "admin"


class Permission(enum.StrEnum):
    FINDINGS_READ = "findings:read"
    FINDINGS_TRIAGE = "findings:triage"
    #: See the full path of the export file a PHI finding is in (others get a reference).
    FINDINGS_PATHS = "findings:paths"
    REPORTS_READ = "reports:read"
    SCANS_REQUEST = "scans:request"
    SCANS_READ = "scans:read"
    DEID_REQUEST = "deid:request"
    CERTIFICATES_READ = "certificates:read"
    STATUS_READ = "status:read"
    TOKENS_ADMIN = "tokens:admin"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PRIVACY_OFFICER: frozenset(
        {
            Permission.FINDINGS_READ,
            Permission.FINDINGS_TRIAGE,
            Permission.FINDINGS_PATHS,
            Permission.REPORTS_READ,
        }
    ),
    Role.SECURITY: frozenset(
        {
            Permission.SCANS_REQUEST,
            Permission.SCANS_READ,
            Permission.FINDINGS_READ,
            Permission.STATUS_READ,
        }
    ),
    Role.DATA_TEAM: frozenset({Permission.DEID_REQUEST, Permission.CERTIFICATES_READ}),
    Role.ADMIN: frozenset(Permission),
}


class RateLimitedError(PermissionDeniedError):
    """Too many requests for one token in the last minute."""

    http_status = 429


@dataclass(frozen=True)
class Principal:
    name: str
    role: Role

    @property
    def actor(self) -> str:
        return f"token:{self.name}"

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDeniedError(f"role {self.role} may not {permission}")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise InputError(f"unknown role {value!r} (one of: {roles})", field="role") from None


def create_token(
    session: Session, name: str, role: Role, *, now: datetime, expires_days: int | None = None
) -> str:
    """Create a token and return it: the only time its value exists outside the client."""
    if not name or len(name) > 128:
        raise InputError("token name must be 1-128 characters", field="name")
    if session.scalar(select(ApiToken.id).where(ApiToken.name == name)) is not None:
        raise InputError(f"a token named {name!r} already exists", field="name")
    if expires_days is not None and expires_days < 1:
        raise InputError("--expires must be at least 1 day", field="expires")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(
        ApiToken(
            name=name,
            role=str(role),
            token_hash=hash_token(token),
            prefix=token[:10],
            created_at=now,
            expires_at=now + timedelta(days=expires_days) if expires_days else None,
        )
    )
    repo.audit(session, "cli", "token.create", f"token:{name}", role=str(role))
    return token


def revoke_token(session: Session, name: str, *, now: datetime, actor: str = "cli") -> None:
    row = session.scalars(select(ApiToken).where(ApiToken.name == name)).first()
    if row is None:
        raise NotFoundError(f"no token named {name!r}")
    if row.revoked_at is None:
        row.revoked_at = now
    repo.audit(session, actor, "token.revoke", f"token:{name}")


def list_tokens(session: Session) -> list[ApiToken]:
    return list(session.scalars(select(ApiToken).order_by(ApiToken.name)))


def token_state(row: ApiToken, now: datetime) -> str:
    if row.revoked_at is not None:
        return "revoked"
    if row.expires_at is not None and row.expires_at <= now:
        return "expired"
    return "active"


def authenticate(session: Session, authorization: str | None, now: datetime) -> Principal:
    """The principal behind an ``Authorization: Bearer ...`` header, or AuthError (401)."""
    if not authorization:
        raise AuthError("missing bearer token")
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > 256:
        raise AuthError("malformed Authorization header (expected 'Bearer <token>')")
    digest = hash_token(token)
    row = session.scalars(select(ApiToken).where(ApiToken.token_hash == digest)).first()
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        raise AuthError("invalid token")
    state = token_state(row, now)
    if state != "active":
        raise AuthError(f"token is {state}")
    if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=1):
        row.last_used_at = now
    try:
        role = Role(row.role)
    except ValueError:
        raise AuthError("token has an unknown role") from None
    return Principal(row.name, role)


class RateLimiter:
    """A sliding one-minute window per token name, held by the app (not a global)."""

    def __init__(self, per_minute: int, window: float = 60.0) -> None:
        self.per_minute = per_minute
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> None:
        if self.per_minute <= 0:
            return
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= self.window:
                hits.popleft()
            if len(hits) >= self.per_minute:
                raise RateLimitedError(f"rate limit of {self.per_minute} requests per minute")
            hits.append(now)
