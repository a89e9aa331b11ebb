"""DSSE envelopes (secure-systems-lab/dsse v1) over in-toto statements, signed with Ed25519.

The signature covers the pre-authentication encoding (PAE), so anyone can rebuild those bytes
with standard tools and check them with ``openssl pkeyutl -verify -rawin``.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from auditor.errors import SignatureError
from auditor.signing.keys import SigningKey

PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"


def pae(payload_type: str, payload: bytes) -> bytes:
    """``DSSEv1 SP LEN(type) SP type SP LEN(body) SP body`` with ASCII decimal lengths."""
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


def canonical_json(obj: Any) -> bytes:
    """Sorted keys, UTF-8, no insignificant whitespace: the bytes we sign and digest."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sign_statement(key: SigningKey, statement: dict[str, Any]) -> dict[str, Any]:
    payload = canonical_json(statement)
    sig = key.sign(pae(PAYLOAD_TYPE, payload))
    return {
        "payloadType": PAYLOAD_TYPE,
        "payload": base64.b64encode(payload).decode("ascii"),
        "signatures": [{"keyid": key.key_id, "sig": base64.b64encode(sig).decode("ascii")}],
    }


def verify_envelope(
    envelope: dict[str, Any], public_keys: dict[str, Ed25519PublicKey]
) -> dict[str, Any]:
    """Check one known key's signature over the PAE; return the statement or raise."""
    try:
        payload_type = envelope["payloadType"]
        payload = base64.b64decode(envelope["payload"], validate=True)
        signatures = envelope["signatures"]
    except (KeyError, TypeError, ValueError) as exc:
        raise SignatureError(f"malformed DSSE envelope: {exc}") from exc
    if payload_type != PAYLOAD_TYPE:
        raise SignatureError(f"unexpected payloadType {payload_type!r}, expected {PAYLOAD_TYPE}")
    message = pae(payload_type, payload)
    tried = []
    for entry in signatures:
        keyid = entry.get("keyid", "")
        public = public_keys.get(keyid)
        if public is None:
            tried.append(f"unknown key {keyid[:16]}")
            continue
        try:
            public.verify(base64.b64decode(entry.get("sig", "")), message)
        except (InvalidSignature, ValueError):
            tried.append(f"bad signature by key {keyid[:16]}")
            continue
        try:
            statement: dict[str, Any] = json.loads(payload)
        except ValueError as exc:
            raise SignatureError("signed payload is not JSON") from exc
        return statement
    raise SignatureError("envelope signature does not verify: " + ("; ".join(tried) or "none"))
