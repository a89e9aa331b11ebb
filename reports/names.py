"""Names for ids, only when a site turns on ``report.include_names``.

Reports carry user and patient ids by default (the minimum necessary, 45 CFR 164.502(b)).
A site that wants names in its reports gets them from its own context files.
"""

from __future__ import annotations

import csv
from pathlib import Path


def _read(path: Path, id_col: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                key = (row.get(id_col) or "").strip()
                name = " ".join(
                    p
                    for p in (
                        (row.get("first_name") or "").strip(),
                        (row.get("last_name") or "").strip(),
                    )
                    if p
                )
                if key and name:
                    out[key] = name
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    return out


class NameBook:
    """user id -> name and patient id -> name, empty unless names are wanted."""

    def __init__(self, users: dict[str, str] | None = None, patients: dict[str, str] | None = None):
        self.users = users or {}
        self.patients = patients or {}

    @classmethod
    def load(cls, context_dir: Path | None, enabled: bool) -> NameBook:
        if not enabled or context_dir is None:
            return cls()
        return cls(
            _read(context_dir / "workforce.csv", "user_id"),
            _read(context_dir / "patients.csv", "patient_id"),
        )

    def user(self, user_id: str) -> str:
        return self.users.get(user_id, "")

    def patient(self, patient_id: str) -> str:
        return self.patients.get(patient_id, "")
