"""Findings as scanners emit them (docs/formats.md): ids, offsets and fingerprints only."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from auditor.timefmt import iso_z


def _identity(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def access_identity(rule_id: str, event_id: str, fingerprint: str) -> str:
    """What makes an access finding the same finding in a later scan (dedupe key)."""
    return hashlib.sha256(
        f"access\x1f{rule_id}\x1f{event_id}\x1f{fingerprint}".encode()
    ).hexdigest()


class AccessRow(NamedTuple):
    """An access finding as the scan pipeline carries it: store-ready, identity computed.

    The bulk form of ``AccessFinding`` (a plain tuple, cheap at tens of thousands per
    segment); ``finding()`` gives the dataclass when a caller wants one.
    """

    identity: str
    rule_id: str
    category: str
    severity: str
    source: str
    event_id: str
    user_id: str
    patient_id: str
    timestamp: datetime
    fingerprint: str
    explanation: str
    explained: bool

    def finding(self) -> AccessFinding:
        return AccessFinding(
            rule_id=self.rule_id,
            category=self.category,
            severity=self.severity,
            event_id=self.event_id,
            user_id=self.user_id,
            patient_id=self.patient_id,
            timestamp=self.timestamp,
            explanation=self.explanation,
            explained=self.explained,
            source=self.source,
            fingerprint=self.fingerprint,
        )


@dataclass(frozen=True, slots=True)
class AccessFinding:
    """A policy rule that fired on one access event (or on a burst, for window rules)."""

    rule_id: str
    category: str
    severity: str
    event_id: str
    user_id: str
    patient_id: str
    timestamp: datetime
    explanation: str
    explained: bool = False
    source: str = ""
    fingerprint: str = ""

    kind = "access"

    @property
    def location(self) -> str:
        return self.event_id

    @property
    def identity(self) -> str:
        return access_identity(self.rule_id, self.location, self.fingerprint)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "access",
            "rule_id": self.rule_id,
            "category": self.category,
            "severity": self.severity,
            "event_id": self.event_id,
            "user_id": self.user_id,
            "patient_id": self.patient_id,
            "timestamp": iso_z(self.timestamp),
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class PhiFinding:
    """A PHI span found in a document: type, offsets and a keyed fingerprint, never the text."""

    source: str
    entity_type: str
    start: int
    end: int
    score: float
    fingerprint: str
    location: dict[str, Any] = field(default_factory=dict)

    kind = "phi"

    @property
    def location_key(self) -> str:
        loc = json.dumps(self.location, sort_keys=True) if self.location else ""
        return f"{self.source}#{loc}@{self.start}-{self.end}"

    @property
    def identity(self) -> str:
        return _identity("phi", self.entity_type, self.location_key, self.fingerprint)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": "phi",
            "source": self.source,
            "entity_type": self.entity_type,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
            "fingerprint": self.fingerprint,
        }
        if self.location:
            out["location"] = self.location
        return out

    def __repr__(self) -> str:
        return f"PhiFinding({self.entity_type} {self.source}@{self.start}-{self.end})"


def finding_dict(finding: AccessFinding | PhiFinding) -> dict[str, Any]:
    return asdict(finding)
