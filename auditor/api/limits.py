"""ASGI guards that run before routing, authentication or body parsing.

``BodyLimitMiddleware`` refuses a request whose body is larger than the limit: at once when
``Content-Length`` says so, and as soon as the streamed bytes pass it otherwise, so an
unauthenticated client cannot make the API hold a large body in memory. ``HeadersMiddleware``
marks every response as not to be cached or content-sniffed (responses carry patient ids).
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from auditor.api.asgi import HttpMiddleware, TrackingSend

SECURITY_HEADERS = (
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
)


class _TooLarge(BaseException):
    """The streamed body passed the limit (a BaseException: no body parser may swallow it)."""


def _too_large(limit: int) -> JSONResponse:
    body = {"error": "too_large", "detail": f"request body over {limit} bytes"}
    return JSONResponse(body, 413, headers={"Connection": "close"})


class BodyLimitMiddleware(HttpMiddleware):
    """413 for a body over ``max_bytes`` (declared or streamed), before anything reads it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        super().__init__(app)
        self.max_bytes = max_bytes

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.max_bytes
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = limit + 1
                if declared > limit or declared < 0:
                    await _too_large(limit)(scope, receive, send)
                    return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge
            return message

        tracking_send = TrackingSend(send)
        try:
            await self.app(scope, counted, tracking_send)
        except _TooLarge:
            if not tracking_send.started:
                await _too_large(limit)(scope, receive, send)


class HeadersMiddleware(HttpMiddleware):
    """Adds ``Cache-Control: no-store`` and ``X-Content-Type-Options: nosniff``."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)
