"""L8 in the console: a PHI finding's export file is named by the API's keyed reference for
roles without ``findings:paths``; privacy officers and admins see the path, audited."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from auditor.api.app import create_app
from auditor.api.auth import Role, create_token
from auditor.config import load_settings
from auditor.context import AppContext, open_context
from auditor.findings import PhiFinding
from auditor.store import repo
from auditor.store.models import AuditTrail, Finding
from tests.console.client import login

SOURCE = "/srv/exports/Smith_John_discharge.PDF"


@dataclass
class Env:
    actx: AppContext
    app: object
    tokens: dict[str, str]
    finding_id: int


@pytest.fixture()
def env(home: Path) -> Iterator[Env]:
    settings = load_settings(home, environ={})
    actx = open_context(settings=settings, actor="test")
    phi = PhiFinding(
        source=SOURCE,
        entity_type="PERSON",
        start=8,
        end=18,
        score=0.9,
        fingerprint=actx.fingerprinter.of("John Smith"),
        location={"line": 1},
    )
    with actx.transaction() as session:
        tokens = {
            str(role): create_token(session, f"t-{role}", role, now=actx.clock()) for role in Role
        }
        run = repo.create_run(session, "documents", "synthetic")
        repo.upsert_findings(session, [phi], run.id)
        finding = session.scalars(select(Finding)).one()
        finding.explanation = f"PERSON in {SOURCE}"  # a path in the text is named by reference too
        finding_id = finding.id
    try:
        yield Env(actx, create_app(settings, actx=actx), tokens, finding_id)
    finally:
        actx.close()


def _evidence(page: str) -> tuple[str, str, str]:
    """(source, the reference shown beside it, explanation) as the reader sees them."""
    source = re.search(r'<dd id="source">([^<]*)(?:<span [^>]*id="file-ref"[^>]*>([^<]*))?', page)
    explanation = re.search(r'<dd id="explanation">([^<]*)</dd>', page)
    assert source and explanation, page[:500]
    text = [source.group(1).strip(), source.group(2) or "", explanation.group(1)]
    return html.unescape(text[0]), html.unescape(text[1]), html.unescape(text[2])


def _paths_reads(actx: AppContext) -> list[str]:
    with actx.transaction() as session:
        return list(
            session.scalars(
                select(AuditTrail.actor).where(AuditTrail.action == "console.findings.paths")
            )
        )


def test_security_sees_the_apis_reference_not_the_path(env: Env) -> None:
    with TestClient(env.app, base_url="https://testserver") as client:  # type: ignore[arg-type]
        api = client.get(
            f"/api/v1/findings/{env.finding_id}",
            headers={"Authorization": f"Bearer {env.tokens['security']}"},
        ).json()
        login(client, env.tokens["security"])
        page = client.get(f"/console/findings/{env.finding_id}")
    assert page.status_code == 200
    assert "Smith" not in page.text and "exports" not in page.text and "/srv" not in page.text
    source, ref, explanation = _evidence(page.text)
    assert re.fullmatch(r"file:[0-9a-f]{16}\.pdf", api["source"])
    assert source == api["location"] and source.startswith(api["source"] + "#") and not ref
    assert explanation == f"PERSON in {api['source']}"
    assert _paths_reads(env.actx) == []


@pytest.mark.parametrize("role", ["privacy_officer", "admin"])
def test_roles_with_findings_paths_see_the_path_audited(env: Env, role: str) -> None:
    with TestClient(env.app, base_url="https://testserver") as client:  # type: ignore[arg-type]
        api = client.get(
            f"/api/v1/findings/{env.finding_id}",
            headers={"Authorization": f"Bearer {env.tokens[role]}"},
        ).json()
        login(client, env.tokens[role])
        page = client.get(f"/console/findings/{env.finding_id}")
    assert page.status_code == 200
    source, ref, explanation = _evidence(page.text)
    assert source.startswith(SOURCE + "#") and ref == api["source"]
    assert explanation == f"PERSON in {SOURCE}"
    assert _paths_reads(env.actx) == [f"token:t-{role}"]
