"""Epic Clarity ``ACCESS_LOG`` extracts, read through the shipped column mapping."""

from __future__ import annotations

from pathlib import Path

from auditor.scanners.access_logs.mapping import CsvMapping, load_mapping

name = "epic"
MAPPING_FILE = Path(__file__).with_name("epic_mapping.yaml")
SNIFF_COLUMNS = {"access_time", "user_id", "pat_id"}


def mapping() -> CsvMapping:
    return load_mapping(MAPPING_FILE)


def sniff(head: str) -> bool:
    first = head.lstrip("\ufeff").splitlines()[0] if head.strip() else ""
    for delim in (",", "|", "\t"):
        cols = {c.strip().strip('"').lower() for c in first.split(delim)}
        if cols >= SNIFF_COLUMNS:
            return True
    return False
