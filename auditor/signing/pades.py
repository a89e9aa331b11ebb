"""PAdES signatures on report PDFs, so a PDF reader shows the report as signed.

The Ed25519 DSSE envelope is the evidence; this is for people. A site may bring its own
certificate and key (``report.pades_cert``/``report.pades_key``); otherwise a small local CA
(ECDSA P-256) is created under ``keys/pades/`` on first use, and its certificate is what a
reader or ``pdfsig`` must trust.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from auditor.config import Settings
from auditor.errors import ConfigError, SignatureError

PADES_DIR = "pades"
CA_KEY, CA_CERT = "ca.key", "ca.pem"
SIGNER_KEY, SIGNER_CERT = "signer.key", "signer.pem"
FIELD_NAME = "AuditorReportSignature"
CA_YEARS = 20
SIGNER_YEARS = 10  # longer than the six-year retention of 164.316(b)(2)


@dataclass(frozen=True)
class PadesIdentity:
    key_path: Path
    cert_path: Path
    chain: tuple[Path, ...]  # issuer certificates (the local CA), may be empty for site certs


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    os.replace(tmp, path)


def _name(common: str, org: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org or "hipaa-auditor"),
        ]
    )


def _key_usage(*, ca: bool) -> x509.KeyUsage:
    """The CA signs certificates and CRLs only; the signer signs documents (non-repudiation)."""
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _create_local_ca(folder: Path, site: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name(f"{site} hipaa-auditor local CA", site)
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(ca=True), critical=True)
        .add_extension(ca_ski, critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    signer_key = ec.generate_private_key(ec.SECP256R1())
    signer_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(f"{site} audit report signer", site))
        .issuer_name(ca_name)
        .public_key(signer_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=365 * SIGNER_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(ca=False), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(signer_key.public_key()), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    _write_key(folder / CA_KEY, ca_key)
    _write_key(folder / SIGNER_KEY, signer_key)
    pem = serialization.Encoding.PEM
    (folder / CA_CERT).write_bytes(ca_cert.public_bytes(pem))
    (folder / SIGNER_CERT).write_bytes(signer_cert.public_bytes(pem))


def ensure_pades_identity(settings: Settings) -> PadesIdentity:
    """The site's certificate if configured, else the local CA (created on first use)."""
    rep = settings.report
    if rep.pades_cert or rep.pades_key:
        if not (rep.pades_cert and rep.pades_key):
            raise ConfigError(
                "set both report.pades_cert and report.pades_key", field="report.pades_cert"
            )
        cert, key = Path(rep.pades_cert).expanduser(), Path(rep.pades_key).expanduser()
        for path, field in ((cert, "report.pades_cert"), (key, "report.pades_key")):
            if not path.is_file():
                raise ConfigError("file not found", file=str(path), field=field)
        return PadesIdentity(key, cert, ())
    folder = settings.keys_dir / PADES_DIR
    if not all((folder / n).is_file() for n in (CA_KEY, CA_CERT, SIGNER_KEY, SIGNER_CERT)):
        _create_local_ca(folder, rep.site_name)
    return PadesIdentity(folder / SIGNER_KEY, folder / SIGNER_CERT, (folder / CA_CERT,))


def sign_pdf(settings: Settings, pdf: bytes, *, reason: str, location: str = "") -> bytes:
    """Return ``pdf`` with an incremental PAdES B-B signature (SHA-256, P-256)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    ident = ensure_pades_identity(settings)
    signer = signers.SimpleSigner.load(
        str(ident.key_path), str(ident.cert_path), ca_chain_files=[str(p) for p in ident.chain]
    )
    if signer is None:
        raise SignatureError("cannot load the PAdES key or certificate", file=str(ident.key_path))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location or None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = signers.sign_pdf(writer, meta, signer=signer)
    data: bytes = out.getvalue()
    return data


def validate_pdf(settings: Settings, pdf: bytes) -> dict[str, Any]:
    """Validate every embedded signature against the local CA (or the site cert) as trust root.

    Returns a small summary; raises SignatureError when a signature is missing or invalid.
    """
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    ident = ensure_pades_identity(settings)
    roots = [load_cert_from_pemder(str(p)) for p in (ident.chain or (ident.cert_path,))]
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    sigs = reader.embedded_signatures
    if not sigs:
        raise SignatureError("the PDF carries no signature")
    out: dict[str, Any] = {"signatures": []}
    for sig in sigs:
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=roots))
        ok = bool(status.bottom_line)
        out["signatures"].append(
            {
                "field": sig.field_name,
                "intact": bool(status.intact),
                "valid": bool(status.valid),
                "trusted": bool(status.trusted),
                "coverage": str(status.coverage),
                "signer": status.signing_cert.subject.human_friendly,
                "ok": ok,
            }
        )
        if not ok:
            raise SignatureError(
                f"PDF signature {sig.field_name} does not validate: intact={status.intact} "
                f"valid={status.valid} trusted={status.trusted}"
            )
    return out
