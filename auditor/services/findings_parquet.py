"""PHI findings to Parquet instead of the store, for document scans too large for a database.

``scan documents --findings-parquet DIR`` writes each run's findings under ``DIR/RUN_ID/`` as
Parquet files (one per ``FILE_ROWS`` findings) with the store's finding fields (kind, rule,
identity, source, type, offsets, score, keyed fingerprint, location as JSON): never the
matched text. The run itself, its totals and the files' checkpoints still go to the store, so
runs and incremental scans work as usual; the console and the weekly report read the store
and so do not show these findings (load the folder into the warehouse, or Spark, instead).
Every finding is written (the store would fold a finding already known from an earlier run
into that one), so a run's ``new_findings`` counts all of them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from auditor.errors import ConfigError, InputError
from auditor.findings import PhiFinding

FILE_ROWS = 1_000_000
COLUMNS = [
    ("run_id", "string"),
    ("identity", "string"),
    ("source", "string"),
    ("entity_type", "string"),
    ("start", "int64"),
    ("end", "int64"),
    ("score", "float64"),
    ("fingerprint", "string"),
    ("location", "string"),
]


class ParquetFindings:
    """A run's findings written to ``folder/RUN_ID/part-NNNNN.parquet``, in order."""

    def __init__(self, folder: Path, run_id: str) -> None:
        try:
            import pyarrow as pa
        except ImportError as exc:
            raise ConfigError(
                "--findings-parquet needs pyarrow (pip install 'hipaa-auditor[spark]')",
                field="--findings-parquet",
            ) from exc
        self.folder = Path(folder).expanduser().resolve() / run_id
        if self.folder.exists() and any(self.folder.iterdir()):
            raise InputError("findings folder for this run is not empty", file=str(self.folder))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.run_id = run_id
        self.schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in COLUMNS])
        self.written = 0
        self.files: list[Path] = []
        self._writer: Any = None
        self._rows_in_file = 0

    def write(self, findings: Sequence[PhiFinding]) -> int:
        """Append ``findings``; returns how many were written (all of them)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not findings:
            return 0
        if self._writer is None or self._rows_in_file >= FILE_ROWS:
            self._close_file()
            path = self.folder / f"part-{len(self.files):05d}.parquet"
            self._writer = pq.ParquetWriter(path.with_suffix(".partial"), self.schema)
            self.files.append(path)
        columns: dict[str, list[Any]] = {name: [] for name, _ in COLUMNS}
        for f in findings:
            columns["run_id"].append(self.run_id)
            columns["identity"].append(f.identity)
            columns["source"].append(f.source)
            columns["entity_type"].append(f.entity_type)
            columns["start"].append(f.start)
            columns["end"].append(f.end)
            columns["score"].append(f.score)
            columns["fingerprint"].append(f.fingerprint)
            columns["location"].append(json.dumps(f.location, sort_keys=True))
        self._writer.write_table(pa.table(columns, schema=self.schema))
        self._rows_in_file += len(findings)
        self.written += len(findings)
        return len(findings)

    def _close_file(self) -> None:
        if self._writer is not None:
            self._writer.close()
            path = self.files[-1]
            os.replace(path.with_suffix(".partial"), path)
            self._writer = None
            self._rows_in_file = 0

    def close(self) -> None:
        """Finish the last file (a ``.partial`` file left behind means the run did not end)."""
        self._close_file()
