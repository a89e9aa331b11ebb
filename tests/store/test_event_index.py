"""The pseudonymised event index: idempotent writes, retention, the console's two reads, and
a real scan that indexes every audited access (findings or not) without storing an id."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from auditor.config import load_settings
from auditor.context import AppContext, open_context
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from auditor.store import audited, event_index
from auditor.store.index_models import AccessEvent
from auditor.store.models import AuditedEvent, Finding
from auditor.synth.hospital import build_hospital

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def _row(key: str, minutes: int, user: str, patient: str, names: event_index.Pseudonyms) -> tuple:
    at = T0 + timedelta(minutes=minutes)
    return (names.user(user), at, key, names.patient(patient), "view", "note", "a.csv", "ED", "rn")


def test_writes_once_reads_by_user_and_chart_and_prunes(actx: AppContext) -> None:
    names = event_index.Pseudonyms(actx.fingerprinter)
    rows = [
        _row("k1", 0, "U1", "P1", names),
        _row("k2", 30, "U1", "P2", names),
        _row("k3", 60, "U2", "P1", names),
        _row("k4", 3 * 24 * 60, "U1", "P1", names),  # three days later
    ]
    with actx.transaction() as s:
        event_index.put_index(s, rows)
    with actx.transaction() as s:  # a re-scan: same keys, nothing added or changed
        event_index.put_index(s, rows[:2])
    with actx.transaction() as s:
        assert s.scalar(select(func.count()).select_from(AccessEvent)) == 4
        first = s.scalars(select(AccessEvent).where(AccessEvent.key == "k1")).one()
        assert first.patient_fp == names.patient("P1")
        day = event_index.user_events(
            s, names.user("U1"), T0 - timedelta(hours=1), T0 + timedelta(hours=24)
        )
        assert [e.key for e in day] == ["k1", "k2"]
        assert [e.patient_fp for e in day] == [names.patient("P1"), names.patient("P2")]
        openers = event_index.chart_openers(s, names.patient("P1"), T0, T0 + timedelta(days=7))
        assert [(o.user_fp, o.count) for o in openers] == [
            (names.user("U1"), 2),
            (names.user("U2"), 1),
        ]
        assert openers[0].first == T0 and openers[0].last == T0 + timedelta(days=3)
        assert openers[0].department == "ED" and openers[0].role == "rn"
    with actx.transaction() as s:
        assert event_index.prune(s, T0 + timedelta(days=1)) == 3
        assert list(s.scalars(select(AccessEvent.key))) == ["k4"]


def test_pseudonyms_are_keyed_and_domain_separated(actx: AppContext, tmp_path: Path) -> None:
    from auditor.fingerprint import Fingerprinter

    names = event_index.Pseudonyms(actx.fingerprinter)
    assert names.user("X1") != names.patient("X1")  # a user's pseudonym is no patient's
    assert len(names.user("X1")) == 32 and "X1" not in names.user("X1")
    other = event_index.Pseudonyms(Fingerprinter(b"another home's key, 32 bytes....."))
    assert other.user("X1") != names.user("X1")  # nothing to match without the home's key


def test_scan_indexes_every_audited_access_once_without_ids(tmp_path: Path) -> None:
    hospital = build_hospital(
        tmp_path / "h", week_start=date(2024, 3, 4), n_patients=120, events_per_patient=3
    )
    home = tmp_path / "home"
    home.mkdir()
    (home / "auditor.toml").write_text(
        f'context_dir = "{hospital.context_dir}"\n[access]\nevent_index_days = 36500\n'
    )
    with open_context(settings=load_settings(home, environ={}), actor="t") as actx:
        request = AccessScanRequest([hospital.csv_log])
        scan_access_logs(actx, request)
        scan_access_logs(actx, request)  # a re-scan: the same events, once
        with actx.transaction() as s:
            indexed = s.scalar(select(func.count()).select_from(AccessEvent))
            assert indexed == s.scalar(select(func.count()).select_from(AuditedEvent)) > 0
            keys = set(s.scalars(select(AccessEvent.key)))
            assert keys == set(audited.stored_keys(s))
            findings = s.scalar(select(func.count(func.distinct(Finding.event_id))))
            assert indexed > findings  # accesses that produced no finding are there too
            stored = list(s.execute(select(AccessEvent.__table__)))
        with hospital.csv_log.open(newline="") as fh:
            ids = {v for r in csv.DictReader(fh) for v in (r["user_id"], r["patient_id"]) if v}
        assert ids and not any(str(v) in ids for row in stored for v in row)
        assert {r.source for r in stored} == {hospital.csv_log.name}  # the file's name

    # Retention: a bound shorter than the events' age indexes nothing and prunes the rest.
    (home / "auditor.toml").write_text(
        f'context_dir = "{hospital.context_dir}"\n[access]\nevent_index_days = 30\n'
    )
    with open_context(settings=load_settings(home, environ={}), actor="t") as actx:
        scan_access_logs(actx, AccessScanRequest([hospital.csv_log]))
        with actx.transaction() as s:
            assert s.scalar(select(func.count()).select_from(AccessEvent)) == 0
            assert s.scalar(select(func.count()).select_from(AuditedEvent)) == indexed
