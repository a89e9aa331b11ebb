"""Collect an access scan's findings as dataclasses (the scan hands them over in batches)."""

from __future__ import annotations

from collections.abc import Callable

from auditor.findings import AccessFinding
from auditor.services.access_findings import AccessBatch


def into(found: list[AccessFinding]) -> Callable[[AccessBatch], None]:
    return lambda batch: found.extend(batch.findings())
