"""Helpers for signing tests: small synthetic artifact folders, signed through attest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.context import AppContext
from auditor.signing.attest import sign_artifacts

PREDICATE_TYPE = "https://hipaa-auditor.dev/attestation/test/v1"


def sign_folder(actx: AppContext, subject_id: str, kind: str = "report") -> Path:
    folder = actx.settings.reports_dir / subject_id
    folder.mkdir(parents=True)
    (folder / "report.json").write_text(json.dumps({"id": subject_id, "n": 1}) + "\n")
    (folder / "report.html").write_text(f"<p>{subject_id}</p>\n")
    (folder / "report.pdf").write_bytes(b"%PDF-1.7\n" + subject_id.encode() + b"\n%%EOF\n")
    sign_artifacts(
        actx,
        folder,
        ["report.json", "report.html", "report.pdf"],
        subject_kind=kind,
        subject_id=subject_id,
        predicate_type=PREDICATE_TYPE,
        predicate={
            "period": {"start": "2026-11-16T05:00:00Z", "end": "2026-11-23T05:00:00Z"},
            "summary": {"findings_total": 3},
        },
    )
    return folder


@pytest.fixture()
def chain(actx: AppContext) -> list[Path]:
    """Three signed folders: a chain with two links."""
    return [sign_folder(actx, f"weekly-2026-W{n}") for n in (45, 46, 47)]
