"""`auditor tokens` and `auditor findings` from the command line (same code as the API)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from auditor.cli.main import main
from auditor.context import open_context
from auditor.store.models import ApiToken, AuditTrail, FindingHistory
from tests.service.api_fixtures import seed_findings


def test_tokens_create_list_revoke(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tokens", "create", "--role", "security", "--name", "ci", "--expires", "30"]) == 0
    out = capsys.readouterr()
    token = out.out.strip()
    assert token.startswith("aud_") and "shown only this once" in out.err
    assert main(["tokens", "create", "--role", "security", "--name", "ci"]) == 2  # unique
    assert main(["tokens", "create", "--role", "root", "--name", "x"]) == 2
    assert main(["tokens", "list"]) == 0
    listing = capsys.readouterr().out
    assert "ci" in listing and "active" in listing and token not in listing
    assert main(["tokens", "revoke", "ci"]) == 0
    assert main(["tokens", "revoke", "nobody"]) == 2
    with open_context(home) as actx, actx.transaction() as s:
        row = s.scalars(select(ApiToken).where(ApiToken.name == "ci")).one()
        assert row.revoked_at is not None and row.expires_at is not None
        assert row.token_hash != token


def test_findings_list_and_update(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_context(home) as actx:
        seed_findings(actx, n=12)
    capsys.readouterr()
    args = ["findings", "list", "--category", "vip_access", "--output-format", "jsonl"]
    assert main(args) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 4 and {r["category"] for r in rows} == {"vip_access"}
    fid = rows[0]["id"]
    assert (
        main(
            [
                "findings",
                "update",
                str(fid),
                "--status",
                "confirmed",
                "--note",
                "ok",
                "--reviewer",
                "po1",
            ]
        )
        == 0
    )
    assert main(["findings", "update", str(fid), "--status", "bogus"]) == 2
    assert main(["findings", "update", "99999", "--status", "open"]) == 2
    assert main(["findings", "list", "--status", "confirmed", "--output-format", "jsonl"]) == 0
    confirmed = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["id"], r["reviewer"], r["note"]) for r in confirmed] == [(fid, "po1", "ok")]
    assert main(["findings", "list", "--since", "not-a-date"]) == 2
    assert main(["findings", "list", "--limit", "5"]) == 0
    with open_context(home) as actx, actx.transaction() as s:
        history = s.scalars(select(FindingHistory)).all()
        actions = s.scalars(select(AuditTrail.action)).all()
    assert [(h.old_status, h.new_status, h.actor) for h in history] == [
        ("open", "confirmed", "po1")
    ]
    assert actions.count("cli.findings.list") == 3 and "cli.findings.update" in actions
