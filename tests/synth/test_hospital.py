"""The synthetic hospital is deterministic, small, and plants every category."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import date, datetime, timedelta
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


def test_ordered_generator_is_a_log_in_time_order(tmp_path: Path) -> None:
    """The bench's time-ordered input: deterministic, in time order at the rate per day,
    split by day into the same lines, ~95% of events within two days after the start of a
    relationship of their user and patient."""
    from auditor.synth.scale import days_for, generate_ordered_events

    n, per_day, rels = 6000, 2500, 900
    days = days_for(n, per_day)
    assert days == 3
    ctx = generate_context(
        tmp_path / "ctx", n_users=40, n_patients=400, n_relationships=rels, days=days
    )
    [one] = generate_ordered_events(tmp_path / "a.csv", n, 40, 400, rels, per_day=per_day)
    [again] = generate_ordered_events(tmp_path / "b.csv", n, 40, 400, rels, per_day=per_day)
    assert one.read_bytes() == again.read_bytes()
    files = generate_ordered_events(
        tmp_path / "days", n, 40, 400, rels, per_day=per_day, split_days=True
    )
    assert [f.name for f in files] == ["day-000.csv", "day-001.csv", "day-002.csv"]
    with one.open() as fh:
        rows = list(csv.DictReader(fh))
    split = [r for f in files for r in csv.DictReader(f.open())]
    assert split == rows and len(rows) == n
    stamps = [r["timestamp"] for r in rows]
    assert stamps == sorted(stamps)
    assert sum(s.startswith("2024-03-05") for s in stamps) == per_day  # day 2 of 3
    assert stamps[-1].startswith("2024-03-06")

    def at(text: str) -> datetime:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)

    with (ctx / "relationships.csv").open() as fh:
        starts: dict[tuple[str, str], list[datetime]] = {}
        for r in csv.DictReader(fh):
            starts.setdefault((r["user_id"], r["patient_id"]), []).append(at(r["start"]))
    assert sum(len(v) for v in starts.values()) == rels
    follow = sum(
        any(
            timedelta(0) <= at(r["timestamp"]) - s <= timedelta(days=2)
            for s in starts.get((r["user_id"], r["patient_id"]), [])
        )
        for r in rows
    )
    assert 0.93 < follow / n < 0.97


def test_ordered_generator_follows_every_relationship_alike(tmp_path: Path) -> None:
    """With more relationships than minutes in the span, events still spread over all of
    them (a pick by the minute followed one relationship in every few)."""
    from auditor.synth.scale import generate_ordered_events

    n = rels = 20_000
    ctx = generate_context(
        tmp_path / "ctx", n_users=40, n_patients=100_000, n_relationships=rels, days=3
    )
    [log] = generate_ordered_events(tmp_path / "e.csv", n, 40, 100_000, rels, per_day=6_667)
    by_pair: dict[tuple[str, str], list[datetime]] = {}
    with (ctx / "relationships.csv").open() as fh:
        for r in csv.DictReader(fh):
            start = datetime.fromisoformat(r["start"])
            by_pair.setdefault((r["user_id"], r["patient_id"]), []).append(start)
    used = set()
    with log.open() as fh:
        for r in csv.DictReader(fh):
            at = datetime.fromisoformat(r["timestamp"].replace("Z", ""))
            pair = (r["user_id"], r["patient_id"])
            for start in by_pair.get(pair, []):
                if timedelta(0) <= at - start <= timedelta(days=2, minutes=1):
                    used.add((*pair, start))
                    break
    assert len(used) > 0.5 * rels  # ~0.6 expected; a pick by the minute reaches at most 0.36
