"""Profiles: the shipped Safe Harbor default, strict mode, site overrides, validation errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.deid.profiles import Operator, load_profile
from auditor.deid.structure import FieldKind
from auditor.errors import ConfigError
from auditor.phi.entities import Entity


def test_safe_harbor_covers_every_entity_type() -> None:
    prof = load_profile()
    assert prof.name == "safe-harbor"
    missing = [e.value for e in Entity if e.value not in prof.operators]
    assert missing == []
    assert prof.operator_for("DATE_TIME") is Operator.YEAR  # Safe Harbor: the year only
    assert load_profile("shifted-dates").operator_for("DATE_TIME") is Operator.SHIFT
    assert prof.operator_for("ZIP_CODE") is Operator.ZIP3
    assert prof.operator_for("AGE") is Operator.AGE
    assert prof.operator_for("NOT_A_TYPE") is Operator.REDACT


def test_strict_profile_turns_shift_into_year() -> None:
    prof = load_profile("safe-harbor-strict")
    assert prof.strict and prof.operator_for("DATE_TIME") is Operator.YEAR
    assert prof.operator_for("PERSON") is Operator.SURROGATE  # inherited


def test_site_profile_extends_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_text(
        "name: site\nstrict: true\ndate_shift_days: 30\n"
        "operators:\n  PERSON: redact\n  URL: surrogate\n"
        "fields:\n  REF2: mrn\n",
        encoding="utf-8",
    )
    prof = load_profile(str(path))
    assert prof.name == "site" and prof.strict and prof.date_shift_days == 30
    assert prof.operator_for("PERSON") is Operator.REDACT
    assert prof.operator_for("EMAIL_ADDRESS") is Operator.SURROGATE  # from safe-harbor
    assert prof.fields == {"REF2": FieldKind.MRN}
    assert prof.to_json(30)["operators"]["DATE_TIME"] == "year"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("colour: red\n", None),
        ("operators:\n  PERSON: scramble\n", "operators.PERSON"),
        ("operators:\n  PERSON: shift\n", "operators.PERSON"),
        ("operators:\n  FAVOURITE_FOOD: redact\n", "operators.FAVOURITE_FOOD"),
        ("fields:\n  col: secret\n", "fields.col"),
        ("strict: maybe\n", "strict"),
        ("date_shift_days: 99999\n", "date_shift_days"),
        ("operators: [1, 2]\n", "operators"),
        ("[not, a, mapping]\n", None),
        ("operators: {PERSON: redact\n", None),
    ],
)
def test_invalid_profiles_name_file_and_field(tmp_path: Path, text: str, field: str | None) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_profile(str(path))
    assert err.value.file == str(path)
    assert err.value.field == field


def test_missing_profile_file() -> None:
    with pytest.raises(ConfigError, match="no such profile"):
        load_profile("/nonexistent/profile.yaml")
