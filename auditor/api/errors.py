"""Every error leaves the API as JSON ``{error, detail}`` with the right status, never a traceback.

AuditorError subclasses carry their HTTP status; validation errors drop the offending input
(it may be PHI); anything unexpected becomes a 500 with a reference id, logged by type only.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path
from starlette.types import Receive, Scope, Send

from auditor.api.asgi import HttpMiddleware, TrackingSend
from auditor.api.auth import RateLimitedError
from auditor.errors import AuditorError

log = logging.getLogger("auditor.api")

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


def error_body(status: int, detail: Any, code: str | None = None) -> dict[str, Any]:
    return {"error": code or _HTTP_CODES.get(status, "error"), "detail": detail}


async def _auditor_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AuditorError)
    status = exc.http_status
    headers = {}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, RateLimitedError):
        headers["Retry-After"] = "60"
    return JSONResponse(error_body(status, str(exc)), status, headers=headers)


def _allowed_methods(request: Request, fallback: str) -> str:
    """Every method the schema documents at this path (each route serves one method, so the
    route that answered 405 knows only its own); ``fallback`` for undocumented paths."""
    path = request.scope.get("path", "")
    for template, operations in request.app.openapi().get("paths", {}).items():
        if compile_path(template)[0].match(path):
            return ", ".join(sorted(method.upper() for method in operations))
    return fallback


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request, headers.get("Allow", ""))
    return JSONResponse(error_body(exc.status_code, exc.detail), exc.status_code, headers=headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = [
        {
            "loc": [str(p) for p in err.get("loc", ())],
            "msg": err.get("msg", ""),
            "type": err.get("type", ""),
        }
        for err in exc.errors()
    ]
    return JSONResponse(error_body(422, detail), 422)


class CatchAllMiddleware(HttpMiddleware):
    """The last line: an unexpected exception is logged (type, ref id) and answered with 500."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        tracking_send = TrackingSend(send)
        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            ref = uuid.uuid4().hex[:12]
            log.error(
                "unhandled error",
                extra={
                    "fields": {
                        "ref": ref,
                        "exc_type": type(exc).__name__,
                        "method": scope.get("method"),
                        "route": scope.get("path"),
                    }
                },
            )
            if tracking_send.started:
                return
            body = error_body(500, f"internal error (reference {ref})")
            await JSONResponse(body, 500)(scope, receive, send)


def install(app: FastAPI) -> None:
    app.add_exception_handler(AuditorError, _auditor_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_middleware(CatchAllMiddleware)
