"""The HTTP API: ``create_app(settings)`` builds it; ``auditor serve`` runs it with uvicorn."""

from __future__ import annotations

from auditor.api.app import create_app

__all__ = ["create_app"]
