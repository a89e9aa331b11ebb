"""scan_documents over Parquet tables, with the real PHI engine.

A Parquet table is scanned cell by cell like the CSV export of the same rows: the same
findings at the same row, column and offsets (the column name is the engine's context on
both); dates are read as their ISO text; floats and booleans are not scanned. A file that is
not Parquet, or has a nested column, is skipped with one line and the others are scanned.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from auditor.cli.main import main
from auditor.config import load_settings
from auditor.context import AppContext
from auditor.phi.engine import PhiEngine
from auditor.services.document_scan import scan_documents
from auditor.store.models import Finding

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

D1, D2 = dt.date(2014, 2, 14), dt.date(2014, 3, 1)
ROWS = [
    ("00482913", "Zebulon Quartermaine seen 02/14/2014, call (617) 555-0142.", D1, 95),
    ("00517720", "Marisol Ferreira-Okafor, SSN 219-09-9999, lives in Boston.", D2, 40),
    ("00633014", "No PHI in this note.", None, 61),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> PhiEngine:
    return PhiEngine.from_settings(load_settings(tmp_path_factory.mktemp("engine-home")))


def _findings(actx: AppContext, suffix: str) -> list[tuple[Any, ...]]:
    with actx.transaction() as s:
        rows = s.execute(
            select(Finding.source, Finding.rule_id, Finding.location, Finding.start, Finding.end)
        ).all()
    return sorted(
        (rule, loc.split("#", 1)[1], start, end)
        for source, rule, loc, start, end in rows
        if source.endswith(suffix)
    )


def test_parquet_is_scanned_like_the_csv_of_its_rows(
    actx: AppContext, tmp_path: Path, engine: PhiEngine
) -> None:
    root = tmp_path / "export"
    root.mkdir()
    table = pa.table(
        {
            "patient_id": [r[0] for r in ROWS],
            "note": [r[1] for r in ROWS],
            "admit_date": pa.array([r[2] for r in ROWS], pa.date32()),
            "age": [r[3] for r in ROWS],
            "weight": [70.5, 80.0, 65.2],  # floats are not scanned (not PHI-shaped), as in JSON
        }
    )
    pq.write_table(table, root / "notes.parquet")
    lines = ["patient_id,note,admit_date,age"]
    for mrn, note, day, age in ROWS:
        lines.append(f'{mrn},"{note}",{day.isoformat() if day else ""},{age}')
    (root / "notes.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = scan_documents(actx, [root], engine=engine)
    assert result.files_scanned == 2 and not result.files_skipped
    from_parquet, from_csv = _findings(actx, ".parquet"), _findings(actx, ".csv")
    assert from_parquet == from_csv
    types = {rule for rule, *_ in from_parquet}
    assert {"PERSON", "PHONE_NUMBER", "US_SSN", "DATE_TIME"} <= types
    assert ("DATE_TIME", '{"column": "admit_date", "row": 1}@0-10', 0, 10) in from_parquet


def test_large_table_every_cell_counted(
    actx: AppContext, tmp_path: Path, engine: PhiEngine
) -> None:
    """Thousands of rows in many row groups, read in batches: every non-empty cell is one unit."""
    n = 3000
    notes = ["" if i % 7 == 0 else f"Call (617) 555-{i:04d}." for i in range(n)]
    table = pa.table({"note": notes, "flag": [i % 2 == 0 for i in range(n)]})
    pq.write_table(table, tmp_path / "big.parquet", row_group_size=500)
    result = scan_documents(actx, [tmp_path / "big.parquet"], engine=engine)
    assert result.units == sum(1 for t in notes if t)
    assert result.findings_by_type == {"PHONE_NUMBER": result.units}
    with actx.transaction() as s:
        found = s.execute(select(Finding.location)).scalars().all()
    rows = {json.loads(loc.split("#", 1)[1].split("@")[0])["row"] for loc in found}
    assert rows == {i + 1 for i, t in enumerate(notes) if t}


def test_bad_parquet_is_skipped_in_one_line(home: Path, tmp_path: Path, capfd: Any) -> None:
    root = tmp_path / "export"
    root.mkdir()
    (root / "ok.txt").write_text("Call (617) 555-0142.\n")
    (root / "corrupt.parquet").write_bytes(b"PAR1" + b"Zebulon Quartermaine" + b"PAR1")
    nested = pa.table({"visit": [{"who": "Zebulon Quartermaine"}]})
    pq.write_table(nested, root / "nested.parquet")
    assert main(["scan", "documents", str(root)]) == 0
    out = capfd.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text and "Quartermaine" not in text
    skipped = [line for line in text.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 2
    assert "corrupt.parquet: not a readable Parquet file" in skipped[0]
    assert "nested.parquet: Parquet column 'visit' is struct" in skipped[1]
    assert "scanned 1 of 3 files" in text
