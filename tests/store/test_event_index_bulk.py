"""The scan's bulk path into the event index (fingerprints joined and rows sorted in DuckDB,
driver-form inserts: SQLite executemany, PostgreSQL COPY) writes exactly the rows that the
per-row Python path would: same fingerprints, instants, fields; once per event on a re-scan."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from auditor.config import load_settings
from auditor.context import open_context
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from auditor.store import event_index
from auditor.store.audited import stored_keys
from auditor.store.index_models import AccessEvent
from auditor.synth.hospital import build_hospital
from tests.store.pg import fresh_database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """'' for the home's SQLite file, else a fresh PostgreSQL database, dropped afterwards."""
    if request.param == "sqlite":
        yield ""
        return
    with fresh_database() as url:
        yield url


def _expected(log: Path, names: event_index.Pseudonyms) -> dict[str, tuple[object, ...]]:
    """Per event key, what the index must hold, computed row by row in Python."""
    out: dict[str, tuple[object, ...]] = {}
    with log.open(newline="") as fh:
        for r in csv.DictReader(fh):
            try:
                at = datetime.fromisoformat(r["timestamp"].replace("Z", "+00:00"))
            except ValueError:
                continue  # a planted bad line: quarantined by the scan, not indexed
            at = at.astimezone(UTC)
            us = int(at.timestamp()) * 1_000_000 + at.microsecond
            raw = "\x1f".join((r["event_id"], r["user_id"], r["patient_id"], str(us)))
            key = hashlib.md5(raw.encode()).hexdigest()
            user, patient = names.user(r["user_id"]), names.patient(r["patient_id"])
            out[key] = (user, at, patient, r["action"], r["record_type"], log.name)
    return out


def test_bulk_index_matches_row_by_row_and_is_idempotent(tmp_path: Path, database_url: str) -> None:
    hospital = build_hospital(
        tmp_path / "h", week_start=date(2024, 3, 4), n_patients=120, events_per_patient=3
    )
    home = tmp_path / "home"
    home.mkdir()
    db = f'database_url = "{database_url}"\n' if database_url else ""
    (home / "auditor.toml").write_text(
        f'{db}context_dir = "{hospital.context_dir}"\n[access]\nevent_index_days = 36500\n'
    )
    with open_context(settings=load_settings(home, environ={}), actor="t") as actx:
        assert actx.engine.dialect.name == (database_url.split("+")[0] or "sqlite")
        request = AccessScanRequest([hospital.csv_log])
        scan_access_logs(actx, request)
        with actx.transaction() as s:
            first = {e.key: e for e in s.scalars(select(AccessEvent))}
            snapshot = {
                k: (e.user_fp, e.at, e.patient_fp, e.action, e.record_type, e.source)
                for k, e in first.items()
            }
            roles = {e.role for e in first.values()}
            audited = set(stored_keys(s))
        expected = _expected(hospital.csv_log, event_index.Pseudonyms(actx.fingerprinter))
        assert len(snapshot) > 400 and set(snapshot) == audited <= set(expected)
        # every audited event with the fingerprints, instant and fields computed row by row
        assert snapshot == {k: expected[k] for k in audited}
        assert roles - {""}  # the workforce join still fills the role
        scan_access_logs(actx, request)  # a re-scan adds nothing and changes nothing
        with actx.transaction() as s:
            again = {
                e.key: (e.user_fp, e.at, e.patient_fp, e.action, e.record_type, e.source)
                for e in s.scalars(select(AccessEvent))
            }
        assert again == snapshot
