"""The de-identification certificate: what was done to which files, and what is left.

The privacy office signs off on an extract from this document, so it holds no PHI: the
resolved profile and the method it meets (``regulation``: Safe Harbor only when every operator
meets 164.514(b)(2)), counts by entity type and operator, the processed files (de-identified
names, output digests), the refused files with reasons (never written, never certified),
files redacted whole or copied unchanged on request, and a residual scan of the whole OUTPUT
text by the PHI engine as counts by type (split into surrogates we produced, which look like
PHI by design, and unexplained detections to review, each with its file and location).
It is canonical JSON, signed with the same DSSE/Ed25519 chain as reports, and
``auditor verify FOLDER`` checks it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.context import AppContext
from auditor.deid.operators import Ledger
from auditor.deid.regulation import SAFE_HARBOR, Method
from auditor.fingerprint import normalise
from auditor.phi.entities import safe_harbor_category
from auditor.signing.attest import sign_artifacts

CERT_FILE = "certificate.json"
SUBJECT_KIND = "deid-certificate"
PREDICATE_TYPE = "https://hipaa-auditor.dev/attestations/deid-certificate/v1"
REGULATION = SAFE_HARBOR  # the default profile's; a certificate cites its own profile's
MAX_LOCATIONS = 1000  # unexplained residuals listed one by one (the counts are complete)
# Titles and suffixes the name operator keeps around a surrogate ("Dr. Mark Jones Jr").
_KEPT_WORDS = {"dr", "mr", "mrs", "ms", "miss", "prof", "md", "do", "rn", "np", "pa", "phd",
               "jr", "sr", "ii", "iii", "iv", "dds", "the", "of", "and"}  # fmt: skip


@dataclass
class Residual:
    """Residual detections in the output, by entity type; never the text itself."""

    found: Counter[str] = field(default_factory=Counter)
    surrogate: Counter[str] = field(default_factory=Counter)
    texts: int = 0
    by_file: dict[str, int] = field(default_factory=dict)
    locations: list[dict[str, str]] = field(default_factory=list)

    def locate(self, path: str, location: str, entity_type: str) -> None:
        """Where an unexplained detection is (file, line/page/part; never its text)."""
        if len(self.locations) < MAX_LOCATIONS:
            self.locations.append({"file": path, "location": location, "type": entity_type})

    def add(self, entity_type: str, text: str, ledger: Ledger) -> bool:
        """Count one detection; True when it is unexplained (not a value we wrote)."""
        self.found[entity_type] += 1
        norm = normalise(text)
        words = [w for w in re.split(r"\W+", norm) if w and w not in _KEPT_WORDS and len(w) > 1]
        if norm in ledger.produced or (words and all(w in ledger.produced for w in words)):
            self.surrogate[entity_type] += 1
            return False
        return True

    @property
    def unexplained(self) -> Counter[str]:
        return Counter(
            {k: v - self.surrogate[k] for k, v in self.found.items() if v - self.surrogate[k] > 0}
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "texts_scanned": self.texts,
            "found": dict(sorted(self.found.items())),
            "surrogate_or_transformed": dict(sorted(self.surrogate.items())),
            "unexplained": dict(sorted(self.unexplained.items())),
            "unexplained_total": sum(self.unexplained.values()),
            "files_with_unexplained": dict(sorted((k, v) for k, v in self.by_file.items() if v)),
            "unexplained_at": list(self.locations),
        }


def counts_json(ledger: Ledger) -> dict[str, Any]:
    by_type = ledger.by_type()
    by_operator: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    for (entity, op), n in ledger.counts.items():
        by_operator[op] += n
        if op != "keep":
            by_category[safe_harbor_category(entity).citation] += n
    return {
        "by_entity_type": by_type,
        "by_operator": dict(sorted(by_operator.items())),
        "by_safe_harbor_identifier": dict(sorted(by_category.items())),
        "total_transformed": sum(n for (_, op), n in ledger.counts.items() if op != "keep"),
    }


def build_certificate(
    *,
    run_id: str,
    created: str,
    profile: dict[str, Any],
    method: Method,
    key_id: str,
    inputs: Sequence[str],
    out: str,
    ledger: Ledger,
    processed: Iterable[dict[str, Any]],
    skipped: Iterable[tuple[str, str]],
    residual: Residual,
    engine: dict[str, Any],
    reid_map: bool,
    redacted: Sequence[tuple[str, str]] = (),
    copied: Sequence[str] = (),
) -> dict[str, Any]:
    processed = list(processed)
    skipped = list(skipped)
    return {
        "certificate": "de-identification",
        "regulation": method.regulation,
        "method": {"safe_harbor": method.safe_harbor, "not_safe_harbor": list(method.deviations)},
        "run_id": run_id,
        "created": created,
        "profile": profile,
        "deid_key_id": key_id,
        "inputs": list(inputs),
        "output": out,
        "files": {
            "processed": len(processed),
            "skipped": len(skipped),
            "processed_files": processed,
            "skipped_files": [{"path": p, "reason": r} for p, r in skipped],
            "skipped_note": "skipped (refused) files were not written and are not certified",
            "redacted_whole_files": [{"path": p, "reason": r} for p, r in redacted],
            "copied_unchanged_files": list(copied),
        },
        "counts": counts_json(ledger),
        "residual_scan": residual.to_json(),
        "phi_engine": engine,
        "reidentification_map_written": reid_map,
    }


def write_certificate(actx: AppContext, folder: Path, certificate: dict[str, Any]) -> Path:
    """Write ``certificate.json`` into a new folder and sign it; returns the folder."""
    folder.mkdir(parents=True, exist_ok=False)
    data = json.dumps(certificate, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    (folder / CERT_FILE).write_text(data, encoding="utf-8")
    residual = certificate["residual_scan"]
    sign_artifacts(
        actx.sessions,
        actx.signing_key(),
        actx.settings,
        folder,
        [CERT_FILE],
        subject_kind=SUBJECT_KIND,
        subject_id=f"deid-{certificate['run_id']}",
        predicate_type=PREDICATE_TYPE,
        predicate={
            "summary": {
                "profile": certificate["profile"]["name"],
                "files_processed": certificate["files"]["processed"],
                "files_skipped": certificate["files"]["skipped"],
                "total_transformed": certificate["counts"]["total_transformed"],
                "residual_unexplained": residual["unexplained_total"],
            },
            "regulation": certificate["regulation"],
        },
        now=actx.clock(),
        actor=actx.actor,
    )
    return folder
