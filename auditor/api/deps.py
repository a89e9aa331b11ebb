"""Request dependencies: the app's context and the authenticated, rate-limited principal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from auditor.api.auth import Permission, Principal, RateLimiter, authenticate
from auditor.context import AppContext

#: What ``/status`` returns: the daemon's view of the store (``auditor serve`` passes
#: ``auditor.daemon.status.daemon_status``; the API itself never imports the daemon).
StatusReader = Callable[[AppContext], dict[str, Any]]

bearer = HTTPBearer(auto_error=False, description="A token from `auditor tokens create`.")


def get_actx(request: Request) -> AppContext:
    actx: AppContext = request.app.state.actx
    return actx


def require(*permissions: Permission) -> Callable[..., Principal]:
    """A dependency: 401 without a valid token, 429 over the rate, 403 without any of the rights.

    Routes whose rule depends on the request body (a deid scan vs an access-log scan) check
    the finer permission themselves.
    """

    def dependency(
        request: Request,
        _credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
    ) -> Principal:
        actx = get_actx(request)
        with actx.transaction() as session:
            principal = authenticate(session, request.headers.get("authorization"), actx.clock())
        limiter: RateLimiter = request.app.state.limiter
        limiter.check(principal.name)
        if not any(principal.can(p) for p in permissions):
            principal.require(permissions[0])
        return principal

    return dependency
