"""Templates, per-app console state and the responses every console page shares."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from auditor.api.auth import Role
from auditor.console.activity import ReverseCache
from auditor.console.directory import DirectoryCache
from auditor.console.sessions import COOKIE, ConsoleSession, Signer, load_or_create_key
from auditor.context import AppContext
from auditor.store import event_index
from auditor.timefmt import iso_z

PREFIX = "/console"
#: Roles that see people's names (from the context files); others see ids only.
NAME_ROLES = frozenset({Role.PRIVACY_OFFICER, Role.ADMIN})
MAX_FORM_BYTES = 64 * 1024
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; style-src 'unsafe-inline'; "
    "form-action 'self'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _when(value: Any) -> str:
    return iso_z(value).replace("T", " ")[:16] + "Z" if value else ""


_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["when"] = _when


@dataclass
class ConsoleState:
    signer: Signer
    directory: DirectoryCache
    reverse: ReverseCache


_state_lock = threading.Lock()


def console_state(request: Request) -> ConsoleState:
    """The app's signer and directory cache, made on first use (the key lives in the home)."""
    app_state = request.app.state
    with _state_lock:
        state: ConsoleState | None = getattr(app_state, "console", None)
        if state is None:
            actx: AppContext = app_state.actx
            key = load_or_create_key(actx.settings.keys_dir)
            names = event_index.Pseudonyms(actx.fingerprinter)
            state = ConsoleState(Signer(key), DirectoryCache(), ReverseCache(names))
            app_state.console = state
    return state


def secure(request: Request) -> bool:
    return request.url.scheme == "https"


def page(
    request: Request,
    template: str,
    sess: ConsoleSession | None,
    status: int = 200,
    **ctx: Any,
) -> HTMLResponse:
    html = _env.get_template(template).render(
        request=request,
        sess=sess,
        prefix=PREFIX,
        show_names=bool(sess and sess.role in NAME_ROLES),
        **ctx,
    )
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303, headers=SECURITY_HEADERS)


def set_session_cookie(response: RedirectResponse, request: Request, value: str, age: int) -> None:
    response.set_cookie(
        COOKIE,
        value,
        max_age=age,
        path=PREFIX,
        httponly=True,
        samesite="strict",
        secure=secure(request),
    )


async def read_form(request: Request) -> dict[str, str]:
    """An urlencoded form (no multipart: the console posts only small fields)."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return {}
    parsed = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {k: v[-1] for k, v in parsed.items()}
