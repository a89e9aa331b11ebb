"""The FastAPI application factory. No globals: each app holds its own context and limiter.

The API only records requests; the daemon (the single worker holding the lock) executes
them. Reads of findings and reports are written to the audit trail.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import text

from auditor import __version__
from auditor.api import errors
from auditor.api.auth import RateLimiter
from auditor.api.deps import StatusReader
from auditor.api.docs_page import docs_router
from auditor.api.limits import BodyLimitMiddleware, HeadersMiddleware
from auditor.api.routes_findings import router as findings_router
from auditor.api.routes_scans import router as scans_router
from auditor.api.schema import error_responses
from auditor.config import Settings
from auditor.console import router as console_router
from auditor.context import AppContext, open_context

API_PREFIX = "/api/v1"


def create_app(
    settings: Settings,
    *,
    actx: AppContext | None = None,
    status: StatusReader | None = None,
) -> FastAPI:
    """Build the app on ``settings`` (opens the store: migrates and creates secrets if new).

    ``status`` serves ``/status`` (the daemon's schedules, queue and lock); without it that
    endpoint answers 503.
    """
    context = actx or open_context(settings=settings, actor="api")
    owns_context = actx is None

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owns_context:
            context.close()

    app = FastAPI(
        title="hipaa-auditor API",
        version=__version__,
        description="Request scans, triage findings and fetch signed reports. "
        "The API queues work; the auditor daemon executes it.",
        # FastAPI's own docs pages load their assets from a CDN; ours (docs_page) is local.
        openapi_url=f"{API_PREFIX}/openapi.json" if settings.api.docs else None,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.actx = context
    app.state.status = status
    app.state.limiter = RateLimiter(settings.api.rate_limit_per_minute)
    errors.install(app)
    # Added last, so they run first: before routing, authentication and body parsing.
    app.add_middleware(HeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.api.max_body_bytes)

    @app.get(f"{API_PREFIX}/healthz", tags=["service"], responses=error_responses(413, 503))
    def healthz() -> JSONResponse:
        """Liveness and database reachability (no token needed; reveals nothing)."""
        try:
            with context.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception:
            return JSONResponse(errors.error_body(503, "database unavailable"), 503)
        return JSONResponse({"status": "ok", "version": __version__})

    app.include_router(scans_router, prefix=API_PREFIX)
    app.include_router(findings_router, prefix=API_PREFIX)
    if settings.api.docs:
        app.include_router(docs_router(), prefix=API_PREFIX)
    app.include_router(console_router)  # the triage console's pages under /console
    return app
