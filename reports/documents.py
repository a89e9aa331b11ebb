"""The report's document-scan section: files with PHI by entity type and destination folder.

The destination folder is the top folder under the scanned root (``exports/billing/a.csv``
-> ``billing``), which says where PHI is about to leave. File paths themselves only appear when
the site turns on ``report.include_names``: a file name can be PHI (``smith_john_labs.pdf``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from auditor.policy.metadata import PackMetadata
from auditor.reports.coverage import display_path
from auditor.reports.store_data import FindingRow, RunInfo, as_int
from auditor.store.models import RunKind, RunStatus


def _roots(run: RunInfo) -> list[str]:
    out: list[str] = []
    for key in ("paths", "roots"):
        for src in (run.params.get(key), run.summary.get(key)):
            if isinstance(src, list):
                out.extend(str(p) for p in src)
    if run.source:
        out.extend(p.strip() for p in run.source.replace(";", "\n").splitlines() if p.strip())
    return sorted({r.rstrip("/") for r in out if r}, key=len, reverse=True)


def folder_of(path: str, roots: Sequence[str]) -> str:
    for root in roots:
        if path.startswith(root + "/"):
            parts = PurePath(path[len(root) + 1 :]).parts
            return parts[0] if len(parts) > 1 else "."
    parent = PurePath(path).parent.name
    return parent or "."


def shown_path(path: str, roots: Sequence[str]) -> str:
    """A file as the signed report names it: relative to the scanned root that holds it
    (``to_vendor/adt_a01.hl7``), else its name and a folder digest; never a machine's path."""
    for root in roots:
        if path.startswith(root + "/"):
            return path[len(root) + 1 :]
    return display_path(path, ())


def _summary_files(runs: Sequence[RunInfo]) -> dict[str, dict[str, Any]]:
    """path -> {"folder", "types"} from the scanners' ``files_with_phi`` summaries."""
    out: dict[str, dict[str, Any]] = {}
    for run in runs:
        listed = run.summary.get("files_with_phi")
        for item in listed if isinstance(listed, list) else []:
            if isinstance(item, dict) and item.get("path"):
                types = item.get("types")
                if isinstance(types, dict):
                    types = list(types)
                out[str(item["path"])] = {
                    "folder": str(item.get("folder") or ""),
                    "types": sorted(str(t) for t in types) if isinstance(types, list) else [],
                }
    return out


def build(
    period_runs: Sequence[RunInfo],
    phi_rows: Sequence[FindingRow],
    pack: PackMetadata,
    include_names: bool,
) -> dict[str, Any]:
    runs = [r for r in period_runs if r.kind == RunKind.DOCUMENTS and r.status is RunStatus.DONE]
    roots = sorted({root for r in runs for root in _roots(r)}, key=len, reverse=True)
    files_scanned = sum(as_int(r.summary.get("files_scanned")) or r.records_processed for r in runs)
    from_summary = _summary_files(runs)
    files: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"findings": 0, "types": defaultdict(int)}
    )
    for row in phi_rows:
        entry = files[row.source]
        entry["findings"] += 1
        entry["types"][row.rule_id] += 1
    if not phi_rows:  # findings pruned or never stored: fall back on run summaries
        for path, info in from_summary.items():
            files[path]["types"].update({t: 0 for t in info["types"]})
    by_type: dict[str, dict[str, int]] = defaultdict(lambda: {"files": 0, "findings": 0})
    by_folder: dict[str, dict[str, Any]] = {}
    listing = []
    for path in sorted(files):
        entry = files[path]
        folder = from_summary.get(path, {}).get("folder") or folder_of(path, roots)
        f = by_folder.setdefault(
            folder, {"folder": folder, "files": 0, "findings": 0, "types": defaultdict(int)}
        )
        f["files"] += 1
        f["findings"] += entry["findings"]
        for etype, n in entry["types"].items():
            by_type[etype]["files"] += 1
            by_type[etype]["findings"] += n
            f["types"][etype] += 1
        if include_names:
            listing.append(
                {
                    "path": shown_path(path, roots),
                    "folder": folder,
                    "findings": entry["findings"],
                    "types": dict(sorted(entry["types"].items())),
                }
            )
    if not phi_rows:
        for run in runs:
            counts = run.summary.get("findings_by_type")
            for etype, n in counts.items() if isinstance(counts, dict) else []:
                by_type[str(etype)]["findings"] += as_int(n)
    folders = sorted(by_folder.values(), key=lambda f: (-f["files"], f["folder"]))
    for f in folders:
        f["types"] = dict(sorted(f["types"].items()))
    out: dict[str, Any] = {
        "runs": len(runs),
        "files_scanned": files_scanned,
        "files_with_phi": len(files),
        "phi_findings": len(phi_rows) or sum(v["findings"] for v in by_type.values()),
        "by_type": {k: dict(v) for k, v in sorted(by_type.items())},
        "by_folder": folders,
        "open": sum(1 for r in phi_rows if r.status == "open"),
        "citations": pack.phi_cites() if files else [],
    }
    if include_names:
        out["files"] = listing
    return out
