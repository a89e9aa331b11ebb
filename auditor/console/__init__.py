"""The triage console: server-rendered pages under ``/console`` on the API's tokens and roles.

``router`` is mounted by ``auditor.api.app``; docs/console.md walks through it.
"""

from fastapi import APIRouter

from auditor.console.routes_auth import router as _auth
from auditor.console.routes_pages import router as _pages

router = APIRouter(include_in_schema=False)
router.include_router(_auth)
router.include_router(_pages)

__all__ = ["router"]
