"""The ``when`` allow-list: what compiles, what is refused, and how names are rewritten."""

from __future__ import annotations

import pytest

from auditor.policy.sqlcheck import RuleSqlError, compile_when


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("patient.vip AND NOT explained", {"patient__vip", "explained"}),
        ("lower(user.role) IN ('billing', 'registration')", {"user__role"}),
        ("local_hour NOT BETWEEN 7 AND 19", {"local_hour"}),
        ("list_contains(patient.sensitive, 'hiv')", {"patient__sensitive"}),
        (
            "coalesce(event.reason, '') = '' AND event.break_glass",
            {"event__reason", "event__break_glass"},
        ),
        (
            "date_diff('day', patient.deceased_date, local_date) > 30",
            {"patient__deceased_date", "local_date"},
        ),
        ("CASE WHEN user.known THEN off_shift ELSE FALSE END", {"user__known", "off_shift"}),
        ("event.timestamp > TIMESTAMP '2024-01-01' + INTERVAL 1 DAY", {"event__timestamp"}),
        ("regexp_matches(event.workstation, '^KIOSK')", {"event__workstation"}),
        ("event.attributes['IP'] LIKE '10.%'", {"event__attributes"}),
    ],
)
def test_allowed(text: str, columns: set[str]) -> None:
    compiled = compile_when(text)
    assert compiled.columns == columns
    assert "." not in compiled.sql.replace("'", "").split("INTERVAL")[0] or "'" in text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("patient.vip;", "one expression"),
        ("SELECT 1", "not a statement"),
        ("EXISTS (SELECT 1)", "subqueries"),
        ("event.user_id IN (SELECT user_id FROM wf)", "subqueries"),
        ("read_csv('x') IS NULL", "read_csv"),
        ("read_parquet('x') IS NULL", "not allowed"),
        ("current_setting('home_directory') = ''", "current_setting"),
        ("getvariable('x')", "getvariable"),
        ("wf.role = 'x'", "unknown column wf.role"),
        ("patient.nope", "unknown column patient.nope"),
        ("main.patient.vip", "unknown column"),
        ("secret_column", "unknown column secret_column"),
        ("event.attributes = 'x'", "one key at a time"),
        ("event.attributes[1] = 'x'", "one quoted column name"),
        ("event.attributes[event.reason] = 'x'", "one quoted column name"),
        ("user.last_name['x'] = 'y'", "only on event.attributes"),
        ("[1, 2][1] = 1", "only on event.attributes"),
    ],
)
def test_refused(text: str, reason: str) -> None:
    with pytest.raises(RuleSqlError) as err:
        compile_when(text)
    assert reason.split()[-1] in str(err.value) or reason in str(err.value)


def test_names_are_rewritten_to_the_flat_view() -> None:
    sql = compile_when("user.last_name = patient.last_name AND NOT explained").sql
    assert sql == '"user__last_name" = "patient__last_name" AND NOT "explained"'


def test_attribute_keys_match_lower_cased_headers() -> None:
    sql = compile_when("event.attributes['Badge Reader'] = 'B7'").sql
    assert sql == "\"event__attributes\"['badge reader'] = 'B7'"


def test_rules_transpile_to_spark() -> None:
    from auditor.config import default_policies_dir
    from auditor.policy.loader import load_pack
    from auditor.policy.sqlcheck import to_dialect

    pack = load_pack(default_policies_dir())
    sud = to_dialect(pack.by_id("ACC-SENSITIVE-002").compiled, "spark")
    assert sud == "ARRAY_CONTAINS(`patient__sensitive`, 'substance_use') AND NOT `explained`"
    for rule in pack.rules:
        if rule.compiled:
            assert to_dialect(rule.compiled, "spark")
