"""The persisted window carry as parts and a manifest (``policy.carry_parts``).

Expired parts are deleted once a manifest without them is committed; a crash after a part
is written and before its checkpoint commits resumes from the old manifest, with the same
findings and each carried event once; a full scan's part is deleted when the store fails
before its manifest commits; an older version's single-file carry is read and then
replaced by a part.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest
from sqlalchemy import select

from auditor.context import AppContext, open_context
from auditor.policy import carry_parts
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from auditor.services.access_segments import CARRY_FILE, CARRY_KEY, load_manifest
from auditor.services.access_writer import StoreWriter
from auditor.store import repo
from auditor.store.models import Checkpoint, Finding
from auditor.synth.hospital import HospitalPaths, build_hospital

WEEK = date(2024, 3, 4)


@pytest.fixture(scope="module")
def weeks(tmp_path_factory: pytest.TempPathFactory) -> list[HospitalPaths]:
    """Two weeks of one hospital, a week apart (the second's carry keeps part of the first's)
    and a third a month later (the carry of both is wholly expired by then)."""
    root = tmp_path_factory.mktemp("weeks")
    starts = (WEEK, WEEK + timedelta(7), WEEK + timedelta(42))
    return [build_hospital(root / f"w{i}", week_start=d) for i, d in enumerate(starts)]


def _scan(actx: AppContext, h: HospitalPaths, **kw: Any) -> None:
    request = AccessScanRequest([h.csv_log], context_dir=h.context_dir, **kw)
    scan_access_logs(actx, request)


def _identities(actx: AppContext) -> set[tuple[str, str]]:
    with actx.transaction() as s:
        return {(r, e) for r, e in s.execute(select(Finding.rule_id, Finding.event_id))}


def _carried(manifest: carry_parts.Manifest) -> list[tuple[Any, ...]]:
    """The persisted carry's rows (without keys: scans number them differently), cut."""
    con = duckdb.connect()
    try:
        files = [str(f) for f in manifest.files()]
        if not files:
            return []
        rows = con.execute(
            "SELECT * EXCLUDE (k) FROM read_parquet(?, union_by_name = true) "
            "WHERE epoch_us(event__timestamp) >= ? ORDER BY ekey",
            [files, -(2**62) if manifest.cutoff is None else manifest.cutoff],
        )
        return rows.fetchall()
    finally:
        con.close()


def test_parts_wholly_older_than_the_cutoff_are_deleted(
    tmp_path: Path, weeks: list[HospitalPaths]
) -> None:
    with open_context(tmp_path / "home") as actx:
        _scan(actx, weeks[0])
        first = load_manifest(actx)
        assert len(first.parts) == 1 and first.cutoff is not None
        _scan(actx, weeks[1])
        second = load_manifest(actx)
        # The first week's part still holds events within the window of the second's.
        assert [p.name for p in second.parts[:1]] == [first.parts[0].name]
        assert len(second.parts) == 2 and second.cutoff is not None
        assert second.cutoff > first.cutoff
        _scan(actx, weeks[2])
        third = load_manifest(actx)
        assert len(third.parts) == 1
        assert third.parts[0].name not in {p.name for p in second.parts}
        folder = actx.settings.checkpoints_dir / carry_parts.PARTS_DIR
        assert sorted(p.name for p in folder.iterdir()) == [third.parts[0].name]


def test_a_crash_between_a_part_and_its_commit_resumes_without_gaps_or_duplicates(
    tmp_path: Path, weeks: list[HospitalPaths], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store fails the transaction of the fourth checkpoint (its part already written):
    the run fails with the third manifest committed; the resumed run finds what one clean
    incremental run finds, carries each event once, and no manifest names the orphan part."""
    h = weeks[0]
    with open_context(tmp_path / "clean") as clean:
        clean.settings.access.segment_mb = 0.02
        _scan(clean, h, incremental=True)
        expected, expected_carry = _identities(clean), _carried(load_manifest(clean))
    real = repo.put_checkpoint
    calls = {"carry": 0}

    def failing(session: Any, key: str, *args: Any, **kw: Any) -> None:
        if key == CARRY_KEY:
            calls["carry"] += 1
            if calls["carry"] == 4:
                raise RuntimeError("power cut")
        real(session, key, *args, **kw)

    with open_context(tmp_path / "home") as actx:
        actx.settings.access.segment_mb = 0.02
        monkeypatch.setattr(repo, "put_checkpoint", failing)
        with pytest.raises(Exception, match="failed"):
            _scan(actx, h, incremental=True)
        monkeypatch.setattr(repo, "put_checkpoint", real)
        committed = load_manifest(actx)
        assert len(committed.parts) == 3
        folder = actx.settings.checkpoints_dir / carry_parts.PARTS_DIR
        orphans = {p.name for p in folder.iterdir()} - {p.name for p in committed.parts}
        assert orphans  # the fourth part (and maybe the fifth), never committed
        with actx.transaction() as s:
            cp = s.scalars(select(Checkpoint).where(Checkpoint.key != CARRY_KEY)).one()
            assert 0 < cp.position < h.csv_log.stat().st_size
        _scan(actx, h, incremental=True)
        resumed = load_manifest(actx)
        assert _identities(actx) == expected
        carried = _carried(resumed)
        assert carried == expected_carry
        assert len({row[0] for row in carried}) == len(carried)  # ekey: each event once
        assert not orphans & {p.name for p in resumed.parts}
        # Orphans go once they are a day old (a concurrent scan's are younger).
        later = carry_parts.stray(resumed, now=1e12)
        assert {p.name for p in later} == orphans


def test_a_part_written_while_the_store_fails_is_deleted(
    tmp_path: Path, weeks: list[HospitalPaths], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full scan writes its window's part while the store's writer makes its last
    commit; when that commit fails, the run fails, the manifest committed before it stays,
    and its part is deleted: the folder holds only the parts that manifest names."""
    with open_context(tmp_path / "home") as actx:
        _scan(actx, weeks[0])
        before = load_manifest(actx)
        real = StoreWriter._commit

        def failing(self: StoreWriter, jobs: Any, last: bool = False) -> None:
            if last:
                raise RuntimeError("disk full")
            real(self, jobs, last)

        monkeypatch.setattr(StoreWriter, "_commit", failing)
        with pytest.raises(Exception, match="failed"):
            _scan(actx, weeks[1])
        monkeypatch.setattr(StoreWriter, "_commit", real)
        assert load_manifest(actx) == before
        folder = actx.settings.checkpoints_dir / carry_parts.PARTS_DIR
        assert sorted(p.name for p in folder.iterdir()) == [p.name for p in before.parts]


def test_an_older_single_file_carry_is_read_then_replaced(
    tmp_path: Path, weeks: list[HospitalPaths]
) -> None:
    """A home whose earlier version kept the carry as one Parquet file (no manifest): the
    next scan continues that window (the same findings as with parts) and writes it as a
    part; the single file goes once the manifest is committed."""
    with open_context(tmp_path / "parts") as ref:
        _scan(ref, weeks[0])
        _scan(ref, weeks[1])
        expected, expected_carry = _identities(ref), _carried(load_manifest(ref))
    with open_context(tmp_path / "legacy") as actx:
        _scan(actx, weeks[0])
        manifest = load_manifest(actx)
        legacy = actx.settings.checkpoints_dir / CARRY_FILE
        con = duckdb.connect()
        con.execute(
            "COPY (SELECT * FROM read_parquet(?) WHERE epoch_us(event__timestamp) >= ?) "
            f"TO '{legacy}' (FORMAT parquet)",
            [[str(f) for f in manifest.files()], manifest.cutoff],
        )
        con.close()
        with actx.transaction() as s:  # as an older version left the home
            s.delete(s.get(Checkpoint, CARRY_KEY))
        for f in manifest.files():
            f.unlink()
        assert load_manifest(actx).legacy == legacy
        _scan(actx, weeks[1])
        assert _identities(actx) == expected
        after = load_manifest(actx)
        assert after.legacy is None and len(after.parts) == 1
        assert _carried(after) == expected_carry
        assert not legacy.exists()


def test_many_parts_are_compacted_into_one(
    tmp_path: Path, weeks: list[HospitalPaths], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkpoint after ``MAX_PARTS`` parts writes the whole carry as one part and the
    others go: the manifest stays short, and the carry is the one a plain scan leaves."""
    monkeypatch.setattr(carry_parts, "MAX_PARTS", 4)
    h = weeks[0]
    with open_context(tmp_path / "plain") as plain:
        _scan(plain, h)
        expected = _carried(load_manifest(plain))
    with open_context(tmp_path / "home") as actx:
        actx.settings.access.segment_mb = 0.02
        _scan(actx, h, incremental=True)
        manifest = load_manifest(actx)
        assert 1 <= len(manifest.parts) <= 4
        assert _carried(manifest) == expected
        folder = actx.settings.checkpoints_dir / carry_parts.PARTS_DIR
        assert {p.name for p in folder.iterdir()} == {p.name for p in manifest.parts}
