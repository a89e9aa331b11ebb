"""The synthetic hospital is deterministic, small, and plants every category."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import date
from pathlib import Path

from auditor.policy.model import CATEGORIES
from auditor.synth.hospital import build_hospital, generate_context, generate_events_csv

WEEK = date(2024, 3, 4)


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_files(tmp_path: Path) -> None:
    a = build_hospital(tmp_path / "a", week_start=WEEK)
    b = build_hospital(tmp_path / "b", week_start=WEEK)
    c = build_hospital(tmp_path / "c", week_start=WEEK, seed=8)
    assert _digest(a.root) == _digest(b.root)
    assert _digest(a.root) != _digest(c.root)
    assert a.planted == b.planted


def test_layout_and_plants(tmp_path: Path) -> None:
    h = build_hospital(tmp_path / "h", week_start=WEEK)
    names = {p.name for p in h.context_dir.iterdir()}
    assert names == {
        "workforce.csv",
        "patients.csv",
        "relationships.csv",
        "contacts.csv",
        "places.csv",
    }
    assert set(h.planted) == set(CATEGORIES)
    assert 1000 < h.n_events < 10000  # the demo stays fast
    with h.csv_log.open() as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 1 + h.n_events + h.malformed_csv_lines
    fhir = h.fhir_log.read_text().splitlines()
    assert len(fhir) == h.n_events + h.malformed_fhir_lines
    first = json.loads(fhir[0])
    assert first["resourceType"] == "AuditEvent" and first["id"] == rows[1][0]
    assert h.access_logs == [h.csv_log]


def test_scale_generator_is_deterministic(tmp_path: Path) -> None:
    a = generate_events_csv(tmp_path / "a.csv", 2000, 50, 300, 600, seed=3)
    b = generate_events_csv(tmp_path / "b.csv", 2000, 50, 300, 600, seed=3)
    assert a.read_bytes() == b.read_bytes()
    lines = a.read_text().splitlines()
    assert len(lines) == 2001 and lines[0].startswith("event_id,timestamp,user_id,patient_id")
    ctx = generate_context(tmp_path / "ctx", n_users=50, n_patients=300, n_relationships=600)
    assert len((ctx / "relationships.csv").read_text().splitlines()) == 601
    assert len((ctx / "workforce.csv").read_text().splitlines()) == 51
