"""Names and departments for the console, read from the site's context files.

The store keeps ids only; the console shows a person's name to the roles allowed to see names,
and filters the queue by department, from ``workforce.csv`` and ``patients.csv`` in the
configured context folder (re-read when a file changes).
"""

from __future__ import annotations

import csv
import threading
from dataclasses import dataclass, field
from pathlib import Path

WORKFORCE = "workforce.csv"
PATIENTS = "patients.csv"


@dataclass(frozen=True)
class Directory:
    user_names: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)
    patient_names: dict[str, str] = field(default_factory=dict)

    def users_in(self, department: str) -> list[str]:
        want = department.strip().lower()
        return sorted(u for u, d in self.departments.items() if d.lower() == want)

    @property
    def department_names(self) -> list[str]:
        return sorted({d for d in self.departments.values() if d})


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return [
            {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(fh)
        ]


def _name(row: dict[str, str]) -> str:
    return " ".join(p for p in (row.get("first_name", ""), row.get("last_name", "")) if p)


def read_directory(folder: Path | None) -> Directory:
    if folder is None:
        return Directory()
    users = _rows(folder / WORKFORCE)
    patients = _rows(folder / PATIENTS)
    return Directory(
        user_names={r["user_id"]: _name(r) for r in users if r.get("user_id")},
        departments={r["user_id"]: r.get("department", "") for r in users if r.get("user_id")},
        patient_names={r["patient_id"]: _name(r) for r in patients if r.get("patient_id")},
    )


class DirectoryCache:
    """One directory per context folder, re-read when a file's mtime or size changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[object, ...] | None = None
        self._value = Directory()

    def get(self, folder: Path | None) -> Directory:
        key: tuple[object, ...] = (str(folder),)
        if folder is not None:
            for name in (WORKFORCE, PATIENTS):
                path = folder / name
                st = path.stat() if path.is_file() else None
                key += ((st.st_mtime_ns, st.st_size) if st else None,)
        with self._lock:
            if key != self._key:
                self._value, self._key = read_directory(folder), key
            return self._value
