"""One error tree. The CLI maps it to exit codes and the API to HTTP statuses in one place each.

Messages never contain raw PHI: they name the file, line and field, not the value.
"""

from __future__ import annotations


class AuditorError(Exception):
    """Base of every error the service raises on purpose."""

    exit_code = 2
    http_status = 400

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field

    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(str(self.file) + (f":{self.line}" if self.line is not None else ""))
        if self.field:
            parts.append(f"field '{self.field}'")
        return " ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class InputError(AuditorError):
    """Bad user input: a file, an argument, a config value."""


class ConflictError(InputError):
    """The request would replace something that exists (an output folder): HTTP 409."""

    http_status = 409


class ConfigError(InputError):
    """auditor.toml or AUDITOR_* environment is invalid."""


class PolicyError(AuditorError):
    """A policy pack is invalid or empty; scans refuse to run (fail closed)."""


class SignatureError(AuditorError):
    """A report, certificate or chain failed verification.

    A digest mismatch also carries the two digests as ``expected`` and ``got`` (hex SHA-256),
    so callers can compare them without parsing the message.
    """

    exit_code = 1
    http_status = 422
    expected: str | None = None
    got: str | None = None

    @classmethod
    def mismatch(cls, message: str, *, file: str, expected: str, got: str) -> SignatureError:
        """A digest that differs from the one signed or chained: both digests kept as data."""
        error = cls(message, file=file)
        error.expected = expected
        error.got = got
        return error


class ScanError(AuditorError):
    """A scan could not complete (as opposed to a bad record, which is quarantined)."""

    exit_code = 1
    http_status = 500


class NotFoundError(AuditorError):
    """A requested object (finding, report, scan) does not exist."""

    http_status = 404


class LockHeldError(AuditorError):
    """Another daemon holds the single-instance lock for this database."""

    exit_code = 3
    http_status = 409


class AuthError(AuditorError):
    """Missing, bad, expired or revoked API token."""

    http_status = 401


class PermissionDeniedError(AuditorError):
    """The token's role may not do this."""

    http_status = 403
