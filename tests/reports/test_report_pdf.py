"""The PDF renders, carries a valid PAdES signature, and is the file the DSSE digest covers."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess

import pytest
from pypdf import PdfReader

from auditor.signing import ledger
from auditor.signing.attest import read_statement, verify_folder
from auditor.signing.pades import FIELD_NAME, ensure_pades_identity, validate_pdf
from tests.reports.conftest import Built


def test_pdf_renders_pages(built: Built) -> None:
    reader = PdfReader(io.BytesIO((built.report.folder / "report.pdf").read_bytes()))
    assert len(reader.pages) > 0
    text = reader.pages[0].extract_text()
    assert "weekly access audit" in text and "2026-W47" in text


def test_pades_signature_validates_with_pyhanko(built: Built) -> None:
    summary = validate_pdf(built.actx.settings, (built.report.folder / "report.pdf").read_bytes())
    (sig,) = summary["signatures"]
    assert sig["field"] == FIELD_NAME
    assert sig["intact"] and sig["valid"] and sig["trusted"]
    assert sig["coverage"].endswith("ENTIRE_FILE")


def test_pades_signature_breaks_on_change(built: Built) -> None:
    from auditor.errors import SignatureError

    pdf = bytearray((built.report.folder / "report.pdf").read_bytes())
    at = pdf.find(b"/Type /Page") + 1  # inside the signed byte range
    pdf[at] ^= 0x01
    with pytest.raises(SignatureError, match="does not validate"):
        validate_pdf(built.actx.settings, bytes(pdf))


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils not installed")
def test_pades_signature_validates_with_pdfsig(built: Built) -> None:
    out = subprocess.run(
        ["pdfsig", str(built.report.folder / "report.pdf")],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert "Signature is Valid." in out
    assert FIELD_NAME in out and "Total document signed" in out


def test_dsse_digest_covers_the_signed_pdf(built: Built) -> None:
    statement = read_statement(built.report.folder)
    digests = {s["name"]: s["digest"]["sha256"] for s in statement["subject"]}
    assert digests["report.pdf"] == ledger.sha256_file(built.report.folder / "report.pdf")
    assert b"/ByteRange" in (built.report.folder / "report.pdf").read_bytes()
    assert statement["predicate"]["period"]["week"] == "2026-W47"
    verify_folder(built.actx.settings, built.report.folder)


def test_local_ca_files_and_modes(built: Built) -> None:
    ident = ensure_pades_identity(built.actx.settings)
    assert ident.chain and ident.chain[0].name == "ca.pem"
    for key in (ident.key_path, ident.key_path.with_name("ca.key")):
        assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    # a second call reuses the same identity (no new CA per report)
    again = ensure_pades_identity(built.actx.settings)
    assert again.cert_path.read_bytes() == ident.cert_path.read_bytes()
