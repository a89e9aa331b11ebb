"""Login (a token exchanged for a session cookie), logout, and the check every page makes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from auditor.api.auth import Permission, RateLimiter, authenticate
from auditor.console.render import (
    PREFIX,
    console_state,
    page,
    read_form,
    redirect,
    secure,
    set_session_cookie,
)
from auditor.console.sessions import (
    COOKIE,
    PRE_COOKIE,
    SESSION_SECONDS,
    ConsoleSession,
    end_session,
    session_ended,
    token_still_valid,
)
from auditor.context import AppContext
from auditor.errors import AuthError, PermissionDeniedError
from auditor.store import repo

router = APIRouter()
#: A console user needs one of these (data-team tokens see only the certificates).
CONSOLE_PERMISSIONS = (
    Permission.FINDINGS_READ,
    Permission.REPORTS_READ,
    Permission.CERTIFICATES_READ,
)


def current_session(request: Request) -> ConsoleSession | None:
    """The valid session of this request, or None (no cookie, bad signature, ended, revoked)."""
    state = console_state(request)
    sess = state.signer.open(request.cookies.get(COOKIE))
    if sess is None:
        return None
    actx: AppContext = request.app.state.actx
    with actx.transaction() as session:
        if not token_still_valid(session, sess, actx.clock()) or session_ended(session, sess):
            return None
    limiter: RateLimiter = request.app.state.limiter
    limiter.check(sess.token_name)
    return sess


def csrf_ok(sess: ConsoleSession, form: dict[str, str]) -> bool:
    import hmac

    return hmac.compare_digest(form.get("csrf", ""), sess.csrf)


def forbidden(request: Request, sess: ConsoleSession | None, message: str) -> HTMLResponse:
    return page(request, "error.html", sess, status=403, message=message)


@router.get(PREFIX, include_in_schema=False)
@router.get(PREFIX + "/", include_in_schema=False)
def home(request: Request) -> Response:
    if current_session(request) is None:
        return redirect(PREFIX + "/login")
    return redirect(PREFIX + "/queue")


def login_form(request: Request, *, status: int = 200, error: str = "") -> Response:
    """The login page with a fresh login CSRF token (its half in a short-lived cookie)."""
    token, cookie = console_state(request).signer.login_csrf()
    response = page(request, "login.html", None, status=status, csrf=token, error=error)
    response.set_cookie(
        PRE_COOKIE,
        cookie,
        max_age=3600,
        path=PREFIX,
        httponly=True,
        samesite="strict",
        secure=secure(request),
    )
    return response


@router.get(PREFIX + "/login", include_in_schema=False)
def login_page(request: Request) -> Response:
    return login_form(request)


@router.post(PREFIX + "/login", include_in_schema=False)
async def login(request: Request) -> Response:
    form = await read_form(request)
    signer = console_state(request).signer
    if not signer.check_login_csrf(request.cookies.get(PRE_COOKIE), form.get("csrf", "")):
        return forbidden(request, None, "The form expired or did not come from this console.")
    actx: AppContext = request.app.state.actx

    def exchange() -> tuple[str, str] | str:
        try:
            with actx.transaction() as session:
                principal = authenticate(
                    session, "Bearer " + form.get("token", "").strip(), actx.clock()
                )
                if not any(principal.can(p) for p in CONSOLE_PERMISSIONS):
                    raise PermissionDeniedError(f"role {principal.role} has no console pages")
                sess, value = signer.new_session(principal)
                repo.audit(session, principal.actor, "console.login", f"session:{sess.sid[:8]}")
                return value, str(principal.role)
        except (AuthError, PermissionDeniedError) as exc:
            return exc.message

    outcome = await run_in_threadpool(exchange)
    if isinstance(outcome, str):
        return login_form(request, status=401, error=outcome)
    value, role = outcome
    start = "/queue" if role != "data_team" else "/reports"
    done = redirect(PREFIX + start)
    set_session_cookie(done, request, value, SESSION_SECONDS)
    done.delete_cookie(PRE_COOKIE, path=PREFIX)
    return done


@router.post(PREFIX + "/logout", include_in_schema=False)
async def logout(request: Request) -> Response:
    form = await read_form(request)
    sess = await run_in_threadpool(current_session, request)
    if sess is None:
        return redirect(PREFIX + "/login")
    if not csrf_ok(sess, form):
        return forbidden(request, sess, "Missing or wrong CSRF token.")
    actx: AppContext = request.app.state.actx

    def record() -> None:
        with actx.transaction() as session:
            end_session(session, sess, actx.clock())
            repo.audit(session, sess.principal.actor, "console.logout", f"session:{sess.sid[:8]}")

    await run_in_threadpool(record)
    response = redirect(PREFIX + "/login")
    response.delete_cookie(COOKIE, path=PREFIX)
    return response
