"""The console's pages: queue, cases, a finding, the report archive and the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from auditor.api.auth import Permission
from auditor.api.filerefs import file_ref, redact_finding
from auditor.console import activity, archive, queries
from auditor.console.directory import Directory
from auditor.console.render import PREFIX, console_state, page, read_form, redirect
from auditor.console.routes_auth import csrf_ok, current_session, forbidden
from auditor.console.sessions import ConsoleSession
from auditor.context import AppContext
from auditor.errors import AuditorError, InputError, NotFoundError
from auditor.services import triage
from auditor.store import repo
from auditor.store.case_models import FindingCase
from auditor.store.models import Finding, FindingKind, FindingStatus

router = APIRouter(include_in_schema=False)
#: The statuses a finding can have, for the pages' filters and forms.
STATUSES = tuple(s.value for s in FindingStatus)
#: The error page's title by HTTP status (else "Cannot show this page": bad input).
ERROR_HEADINGS = {401: "Not allowed", 403: "Not allowed", 404: "Not found"}
MAX_OFFSET = 10_000_000
MAX_FINDING_ID = 2**31 - 1
FILTERS = ("severity", "category", "user", "patient", "department", "week", "status", "assignee")


def _guarded(
    request: Request, permission: Permission, build: Callable[[ConsoleSession], Response]
) -> Response:
    """Session, permission and errors handled once for every page."""
    sess = current_session(request)
    if sess is None:
        return redirect(PREFIX + "/login")
    if not sess.principal.can(permission):
        return forbidden(request, sess, f"Your role ({sess.role}) may not open this page.")
    try:
        return build(sess)
    except AuditorError as exc:
        heading = ERROR_HEADINGS.get(exc.http_status, "Cannot show this page")
        return page(
            request, "error.html", sess, status=exc.http_status, message=str(exc), heading=heading
        )


def _actx(request: Request) -> AppContext:
    actx: AppContext = request.app.state.actx
    return actx


def _directory(request: Request, actx: AppContext) -> Directory:
    """The site directory (workforce, departments) from the configured context folder."""
    return console_state(request).directory.get(actx.settings.resolved_context_dir)


@router.get(PREFIX + "/queue")
def queue_page(request: Request) -> Response:
    actx = _actx(request)
    params = {k: request.query_params.get(k, "").strip()[:128] for k in FILTERS}
    if "status" not in request.query_params:
        params["status"] = "open"
    sort = request.query_params.get("sort", "severity")
    flt = queries.QueueFilter(**params, sort=sort if sort in queries.SORTS else "severity")
    offset = _offset(request.query_params.get("offset", "0"))

    def build(sess: ConsoleSession) -> Response:
        directory = _directory(request, actx)
        members = directory.users_in(flt.department) if flt.department else None
        with actx.transaction() as session:
            try:
                total, rows = queries.queue(
                    session,
                    flt,
                    users_in_department=members,
                    offset=offset,
                    actor=sess.principal.actor,
                    fingerprint=actx.fingerprinter.of,
                )
                filter_error, status = "", 200
            except InputError as exc:  # a filter the user can correct: the form, with why
                total, rows, filter_error, status = 0, [], str(exc), exc.http_status
            facets = queries.facets(session)
            return _triage_page(
                request,
                "queue.html",
                sess,
                directory,
                status=status,
                filter_error=filter_error,
                rows=rows,
                total=total,
                flt=flt,
                offset=offset,
                page_size=queries.PAGE,
                facets=facets,
                sorts=queries.SORTS,
                departments=directory.department_names,
            )

    return _guarded(request, Permission.FINDINGS_READ, build)


def _offset(raw: str) -> int:
    """The page offset; not ASCII digits is 0. ``str.isdigit`` alone passes ``\u00b2``, and
    ``int`` refuses more than 4300 digits: either was a 500."""
    if not (raw.isascii() and raw.isdigit()):
        return 0
    return MAX_OFFSET if len(raw) > len(str(MAX_OFFSET)) else min(int(raw), MAX_OFFSET)


def _triage_page(
    request: Request, template: str, sess: ConsoleSession, directory: Directory, **ctx: Any
) -> Response:
    """A findings page: the directory to name users and patients, the statuses to filter by."""
    return page(request, template, sess, directory=directory, statuses=STATUSES, **ctx)


@router.get(PREFIX + "/cases")
def cases_page(request: Request) -> Response:
    actx = _actx(request)
    status = request.query_params.get("status", "open")
    if status not in ("any", *STATUSES):
        status = "open"

    def build(sess: ConsoleSession) -> Response:
        directory = _directory(request, actx)
        with actx.transaction() as session:
            groups = queries.cases(session, actor=sess.principal.actor, status=status)
            return _triage_page(
                request,
                "cases.html",
                sess,
                directory,
                groups=groups[:300],
                total=len(groups),
                status_filter=status,
            )

    return _guarded(request, Permission.FINDINGS_READ, build)


@router.get(PREFIX + "/case")
def case_page(request: Request) -> Response:
    actx = _actx(request)
    user = request.query_params.get("user", "")[:128]
    day = request.query_params.get("day", "")[:10]

    def build(sess: ConsoleSession) -> Response:
        directory = _directory(request, actx)
        reverse = console_state(request).reverse
        with actx.transaction() as session:
            rows = queries.case_findings(
                session, user, day, actor=sess.principal.actor, fingerprint=actx.fingerprinter.of
            )
            cases = {f.id: session.get(FindingCase, f.id) for f in rows}
            begin, end = queries.day_bounds(day)  # checked by case_findings
            accesses = activity.user_accesses(
                session,
                user,
                begin,
                end - timedelta(microseconds=1),
                names=reverse.names,
                reverse=reverse.get(directory),
            )
            repo.audit(
                session,
                sess.principal.actor,
                "console.events.read",
                f"user:{queries.audit_text(user, actx.fingerprinter.of)}",
                day=day,
                accesses=len(accesses),
            )
            return page(
                request,
                "case.html",
                sess,
                user_id=user,
                day=day,
                rows=rows,
                cases=cases,
                accesses=accesses,
                index_days=actx.settings.access.event_index_days,
                directory=directory,
            )

    return _guarded(request, Permission.FINDINGS_READ, build)


def _evidence(
    actx: AppContext, sess: ConsoleSession, finding: Finding, session: Session
) -> dict[str, str]:
    """Where the finding was found, as this role may see it.

    A PHI finding's export file name may carry a patient's name: roles without
    ``findings:paths`` see the keyed reference the API gives (``file:<16 hex>.<ext>``, the
    same function, so the two agree); those with it see the path, and that read is audited as
    such. Access-log findings name system log files and keep them.
    """
    item = {
        "kind": str(finding.kind),
        "source": finding.source or "",
        "location": finding.location or "",
        "explanation": finding.explanation or "",
    }
    if finding.kind != FindingKind.PHI or not item["source"]:
        return {**item, "ref": ""}
    if not sess.principal.can(Permission.FINDINGS_PATHS):
        return {**redact_finding(item, actx.fingerprinter.of), "ref": ""}
    repo.audit(session, sess.principal.actor, "console.findings.paths", f"finding:{finding.id}")
    return {**item, "ref": file_ref(actx.fingerprinter.of, item["source"])}


def _check_id(finding_id: int) -> None:
    """Finding ids are 32-bit in the store: a larger one cannot exist (and would be a database
    error, a 500, rather than a 404)."""
    if not 1 <= finding_id <= MAX_FINDING_ID:
        raise NotFoundError(f"finding {finding_id} not found")


def _finding_view(
    request: Request, sess: ConsoleSession, finding_id: int, *, status: int = 200, **extra: Any
) -> Response:
    actx = _actx(request)
    directory = _directory(request, actx)
    reverse = console_state(request).reverse
    _check_id(finding_id)
    with actx.transaction() as session:
        finding = triage.get_finding(
            session, finding_id, actor=sess.principal.actor, channel="console"
        )
        context = activity.finding_context(
            session,
            finding,
            names=reverse.names,
            reverse=reverse.get(directory),
            actor=sess.principal.actor,
        )
        return _triage_page(
            request,
            "finding.html",
            sess,
            directory,
            status=status,
            f=finding,
            evidence=_evidence(actx, sess, finding, session),
            case=session.get(FindingCase, finding_id),
            around=queries.around(session, finding),
            openers=queries.chart_openers(session, finding),
            context=context,
            around_hours=activity.AROUND_HOURS,
            index_days=actx.settings.access.event_index_days,
            audit=queries.audit_rows(session, f"finding:{finding_id}"),
            alerts=queries.alerts_for(session, finding_id),
            can_triage=sess.principal.can(Permission.FINDINGS_TRIAGE),
            choices={
                "disposition": queries.DISPOSITIONS,
                "education": queries.EDUCATION,
                "sanction": queries.SANCTIONS,
                "breach_assessment": queries.BREACH,
            },
            **extra,
        )


@router.get(PREFIX + "/findings/{finding_id}")
def finding_page(request: Request, finding_id: int) -> Response:
    return _guarded(
        request,
        Permission.FINDINGS_READ,
        lambda sess: _finding_view(request, sess, finding_id),
    )


@router.post(PREFIX + "/findings/{finding_id}")
async def finding_update(request: Request, finding_id: int) -> Response:
    form = await read_form(request)
    actx = _actx(request)

    def handle() -> Response:
        sess = current_session(request)
        if sess is None:
            return redirect(PREFIX + "/login")
        if not csrf_ok(sess, form):
            return forbidden(request, sess, "Missing or wrong CSRF token.")
        if not sess.principal.can(Permission.FINDINGS_TRIAGE):
            return forbidden(request, sess, f"Your role ({sess.role}) may not triage findings.")
        try:
            _check_id(finding_id)
            with actx.transaction() as session:
                actor = sess.principal.actor
                current = triage.get_finding(session, finding_id, actor=actor, channel="console")
                wanted = form.get("status", "")
                target = FindingStatus(wanted) if wanted else current.status
                note = form.get("note", "").strip()[:4000]
                if target != current.status or note:
                    triage.update_finding(
                        session, finding_id, target, actor=actor, note=note, channel="console"
                    )
                queries.update_case(session, finding_id, form, actor=actor, now=actx.clock())
        except ValueError:
            return _finding_view(request, sess, finding_id, status=400, error="unknown status")
        except NotFoundError as exc:  # no finding page to show the error on
            return page(
                request, "error.html", sess, status=404, message=str(exc), heading="Not found"
            )
        except AuditorError as exc:
            return _finding_view(request, sess, finding_id, status=exc.http_status, error=str(exc))
        return redirect(f"{PREFIX}/findings/{finding_id}#saved")

    return await run_in_threadpool(handle)


@router.get(PREFIX + "/reports")
def reports_page(request: Request) -> Response:
    actx = _actx(request)

    def build(sess: ConsoleSession) -> Response:
        with actx.transaction() as session:
            reports = (
                archive.reports(actx.settings, session)
                if sess.principal.can(Permission.REPORTS_READ)
                else None
            )
            certs = (
                archive.certificates(actx.settings, session)
                if sess.principal.can(Permission.CERTIFICATES_READ)
                else None
            )
            repo.audit(session, sess.principal.actor, "console.reports.list", "reports")
            return page(request, "reports.html", sess, reports=reports, certificates=certs)

    sess = current_session(request)
    permission = Permission.REPORTS_READ
    if sess is not None and not sess.principal.can(permission):
        permission = Permission.CERTIFICATES_READ
    return _guarded(request, permission, build)


@router.get(PREFIX + "/audit")
def audit_page(request: Request) -> Response:
    actx = _actx(request)

    def build(sess: ConsoleSession) -> Response:
        with actx.transaction() as session:
            rows = queries.audit_rows(session, request.query_params.get("target") or None, 300)
            return page(request, "audit.html", sess, rows=rows)

    return _guarded(request, Permission.FINDINGS_TRIAGE, build)
