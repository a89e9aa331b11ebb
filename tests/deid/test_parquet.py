"""Parquet inputs on one machine: the same table back, each row de-identified as a JSON record.

The rows of a Parquet table and the JSON list of the same rows must come out with the same
values (the column names decide what is free text, as JSON keys do); the table is read and
written a row batch at a time; a row that cannot be de-identified is left out and named with
its row and reason while the others are written; a file that is not Parquet, or has a nested
column, is refused with one line; the residual scan reads the written table.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from auditor.cli.main import main
from auditor.context import AppContext
from auditor.deid.formats import parquet as parquet_format
from auditor.deid.formats.base import FileContext
from auditor.deid.keys import create_key_file
from auditor.deid.operators import HeldPairs
from auditor.deid.profiles import load_profile
from auditor.phi.engine import PhiEngine
from auditor.scanners.formats.parquet import ROWS_PER_BATCH
from auditor.services.deid import DeidRequest, run_deid
from tests.deid.conftest import write

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

SHIFT = "shifted-dates"
PATIENTS = [
    ("00482913", "Zebulon Quartermaine"),
    ("00517720", "Marisol Ferreira-Okafor"),
    ("00633014", "Ignatius Palmqvist"),
]


def _records() -> list[dict[str, Any]]:
    return [
        {
            "patient_id": mrn,
            "note": f"{name} seen on 02/14/2014, call (617) 555-1234. Lives in Boston.",
            "admit_date": dt.date(2014, 2, 14 + i),
            "age": 95 - 20 * i,
            "score": 0.5 + i,
        }
        for i, (mrn, name) in enumerate(PATIENTS)
    ]


def test_rows_come_out_as_the_json_list_of_them_would(
    actx: AppContext, tmp_path: Path, site_engine: PhiEngine
) -> None:
    records = _records()
    (tmp_path / "pq").mkdir()
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "pq" / "notes.parquet")
    as_json = [{**r, "admit_date": r["admit_date"].isoformat()} for r in records]
    write(tmp_path / "js" / "notes.json", json.dumps(as_json, indent=2) + "\n")
    key = tmp_path / "deid.key"
    create_key_file(key)
    runs = {
        kind: run_deid(
            actx,
            DeidRequest([tmp_path / kind], tmp_path / f"{kind}-out", key_file=key, profile=SHIFT),
            engine=site_engine,
        )
        for kind in ("pq", "js")
    }
    table = pq.read_table(tmp_path / "pq-out" / "notes.parquet")
    assert table.column_names == ["patient_id", "note", "admit_date", "age", "score"]
    assert table.schema.field("admit_date").type == pa.string()
    assert table.schema.field("age").type == pa.int64()
    rows = table.to_pylist()
    assert rows == json.loads((tmp_path / "js-out" / "notes.json").read_text())
    text = json.dumps(rows)
    assert not any(v in text for mrn, name in PATIENTS for v in (mrn, *name.split()))
    assert rows[0]["age"] == 90 and rows[1]["age"] == 75 and rows[0]["score"] == 0.5
    assert rows[0]["admit_date"] != "2014-02-14"  # shifted
    [entry] = runs["pq"].processed
    assert entry["format"] == "parquet" and entry["records"] == 3 and "notes" not in entry
    assert runs["pq"].counts == runs["js"].counts
    assert runs["pq"].residual["texts_scanned"] == 3


class _Counting:
    """The real engine, counting how many texts each call gets."""

    def __init__(self, engine: PhiEngine, fail_on: str = "") -> None:
        self.engine, self.fail_on = engine, fail_on
        self.calls: list[int] = []

    def analyze_many(self, texts: Iterable[str]) -> Iterator[Sequence[Any]]:
        texts = list(texts)
        self.calls.append(len(texts))
        if self.fail_on and any(self.fail_on in t for t in texts):
            raise ValueError("engine failure")
        return self.engine.analyze_many(texts)


def test_large_table_streams_in_row_batches_and_counts_add_up(
    tmp_path: Path, site_engine: PhiEngine, make_deid: Any
) -> None:
    """2.5 batches of rows: one row group written per batch, engine calls of ``batch_size``
    texts at most; the one row whose note the engine cannot analyse is quarantined with its
    row number and reason, every other row written."""
    n = ROWS_PER_BATCH * 2 + ROWS_PER_BATCH // 2
    notes = [f"Seen {i}: {PATIENTS[i % 3][1]} called (617) 555-{i % 10000:04d}." for i in range(n)]
    notes[1500] = "BREAKS THE ENGINE"
    table = pa.table(
        {
            "note": notes,
            "visit_date": [dt.date(2020, 1, 1) + dt.timedelta(days=i % 300) for i in range(n)],
        }
    )
    src, dst = tmp_path / "big.parquet", tmp_path / "out.parquet"
    pq.write_table(table, src, row_group_size=700)
    analyzer = _Counting(site_engine, fail_on="BREAKS")
    deid = make_deid()
    fc = FileContext(deid, analyzer, load_profile(SHIFT), source="big.parquet", batch_size=64)
    parquet_format.ParquetFormat().deidentify(src, dst, fc)
    out = pq.ParquetFile(dst)
    assert out.metadata.num_row_groups == 3  # written a batch at a time
    assert max(analyzer.calls) <= 64
    # The engine failure is isolated to its own row (its batch is redone text by text).
    assert fc.notes == [
        "1 rows quarantined (not written)",
        "row 1501: quarantined, cannot de-identify (ValueError)",
    ]
    assert out.metadata.num_rows == fc.units == n - 1
    assert "BREAKS" not in json.dumps(pq.read_table(dst).column("note").to_pylist())


def test_value_that_no_longer_fits_its_column_quarantines_its_row(
    tmp_path: Path, site_engine: PhiEngine, make_deid: Any
) -> None:
    """A 3-digit identifier in an 8-bit column: its token (3 digits) may exceed 255; such a
    row is named and left out, the rows whose tokens fit are written."""
    values = list(range(100, 140))
    pq.write_table(pa.table({"mrn": pa.array(values, pa.uint8())}), tmp_path / "ids.parquet")
    fc = FileContext(make_deid(), site_engine, load_profile(SHIFT), source="ids.parquet")
    dst = tmp_path / "out.parquet"
    parquet_format.ParquetFormat().deidentify(tmp_path / "ids.parquet", dst, fc)
    written = pq.read_table(dst).column("mrn").to_pylist()
    named = fc.notes[1:]
    assert named, "the test key gives some tokens above 255"
    assert fc.notes[0] == f"{len(named)} rows quarantined (not written)"
    assert all(
        note.endswith(
            ": quarantined, a de-identified value does not fit its column type (ArrowInvalid)"
        )
        for note in named
    )
    assert len(written) + len(named) == len(values) == fc.units + len(named)
    assert all(0 <= v <= 255 for v in written) and written != values[: len(written)]


def test_a_quarantined_rows_values_never_reach_the_reidentification_map(
    tmp_path: Path, site_engine: PhiEngine, make_deid: Any
) -> None:
    """The map pairs originals with what was written; a row left out wrote nothing."""
    values = list(range(100, 140))
    pq.write_table(pa.table({"mrn": pa.array(values, pa.uint8())}), tmp_path / "ids.parquet")
    deid = make_deid()
    deid.reid = HeldPairs()  # the map's sink, read back as pairs
    fc = FileContext(deid, site_engine, load_profile(SHIFT), source="ids.parquet")
    dst = tmp_path / "out.parquet"
    parquet_format.ParquetFormat().deidentify(tmp_path / "ids.parquet", dst, fc)
    left_out = {values[int(note.split()[1].rstrip(":")) - 1] for note in fc.notes[1:]}
    assert left_out, "the test key gives some tokens above 255"
    mapped = {int(original) for _, original, _ in deid.reid.pairs}
    assert mapped == set(values) - left_out
    assert sorted(int(new) for _, _, new in deid.reid.pairs) == sorted(
        pq.read_table(dst).column("mrn").to_pylist()
    )


def test_bad_parquet_is_refused_in_one_line(home: Path, tmp_path: Path, capfd: Any) -> None:
    src = tmp_path / "in"
    write(src / "ok.txt", "Nothing here.\n")
    (src / "corrupt.parquet").write_bytes(b"PAR1" + b"\x00" * 64 + b"PAR1")
    pq.write_table(pa.table({"visit": [{"who": "Zebulon Quartermaine"}]}), src / "nested.parquet")
    twice = pa.Table.from_arrays([pa.array(["seen"]), pa.array(["Quartermaine"])], ["note", "note"])
    pq.write_table(twice, src / "twice.parquet")
    assert main(["deid", str(src), "--out", str(tmp_path / "out")]) == 2  # written, incomplete
    out = capfd.readouterr()
    text = out.out + out.err
    assert out.err.splitlines()[-1] == (
        "error: 3 input files were refused (listed above and in the certificate):"
        " the output is not the whole export"
    )
    assert "Traceback" not in text and "Quartermaine" not in text
    lines = [line for line in text.splitlines() if line.startswith("refused (")]
    assert len(lines) == 3
    assert "corrupt.parquet: not a readable Parquet file" in " ".join(lines)
    assert "twice.parquet: Parquet column 'note' appears 2 times" in " ".join(lines)
    assert "nested.parquet: Parquet column 'visit' is struct" in " ".join(lines)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ok.txt"]


def test_unparsable_parquet_redacted_whole_is_still_parquet(
    actx: AppContext, tmp_path: Path, site_engine: PhiEngine
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "corrupt.parquet").write_bytes(b"PAR1" + b"Zebulon Quartermaine" + b"PAR1")
    result = run_deid(
        actx, DeidRequest([src], tmp_path / "out", redact_unparsable=True), engine=site_engine
    )
    assert [p for p, _ in result.redacted] == ["corrupt.parquet"]
    table = pq.read_table(tmp_path / "out" / "corrupt.parquet")
    assert table.column_names == ["redacted"] and table.num_rows == 1
    assert "Quartermaine" not in json.dumps(table.to_pylist())
