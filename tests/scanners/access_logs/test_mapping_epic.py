"""Epic Clarity extracts (shipped mapping) and site mapping files (--format mapping:FILE)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from auditor.errors import InputError
from auditor.scanners.access_logs import epic, resolve_format
from auditor.scanners.access_logs.csv_canonical import load_csv
from auditor.scanners.access_logs.mapping import load_mapping

EPIC = (
    "ACCESS_INSTANT|ACCESS_TIME|USER_ID|PAT_ID|METRIC_ID|WORKSTATION_ID|DEPARTMENT_ID|"
    "BREAK_THE_GLASS_YN|ACCESS_REASON\n"
    "900001|2024-03-04 08:30:00|EMP12|Z100|12|WS-9|CARD|N|\n"
    "900002|2024-03-04 23:10:00|EMP12|Z101|30|WS-9|CARD|Y|n/a\n"
    "900003|2024-03-04 23:15:00|EMP13|Z102|999|WS-1|ED||\n"
    "900004|03/04/2024 10:00|EMP13|Z103|12|WS-1|ED|N|\n"
)


def _load(path: Path, mapping, tz: str = "America/Chicago") -> tuple:  # type: ignore[no-untyped-def]
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    loaded = load_csv(con, path, mapping, label=str(path), site_tz=tz)
    rows = con.execute(
        "SELECT event_id, ts, user_id, patient_id, action, record_type, department, "
        "workstation, break_glass, reason FROM events WHERE bad IS NULL ORDER BY rowid"
    ).fetchall()
    return loaded, rows


def test_epic_extract_through_shipped_mapping(tmp_path: Path) -> None:
    path = tmp_path / "ACCESS_LOG.txt"
    path.write_text(EPIC)
    assert epic.sniff(EPIC)
    assert resolve_format("auto", path).name == "epic"
    loaded, rows = _load(path, epic.mapping())
    assert loaded.read == 4
    assert [(r.line, r.reason) for r in loaded.rejected] == [
        (5, "bad timestamp (expected '%Y-%m-%d %H:%M:%S')")
    ]
    first, second, third = rows
    assert first[0] == "900001:EMP12:Z100:12"
    assert first[1].isoformat() == "2024-03-04T14:30:00+00:00"  # local Chicago time -> UTC
    assert first[4:8] == ("view", "lab", "CARD", "WS-9")
    assert second[4:6] == ("print", "chart") and second[8] is True and second[9] == "n/a"
    assert third[4:6] == ("view", "chart")  # unknown metric falls to the defaults


def test_site_mapping_file(tmp_path: Path) -> None:
    mapping_file = tmp_path / "site.yaml"
    mapping_file.write_text(
        "name: site-audit\n"
        "delimiter: ';'\n"
        "columns: {timestamp: When, user_id: Who, patient_id: MRN, action: Op}\n"
        "event_id: Id\n"
        "timestamp_format: '%d.%m.%Y %H:%M'\n"
        "timestamp_timezone: Europe/Berlin\n"
        "values: {action: {R: view, W: update}}\n"
    )
    log = tmp_path / "site.csv"
    log.write_text("Id;When;Who;MRN;Op\n1;04.03.2024 09:00;u1;m1;R\n2;04.03.2024 09:05;u1;m2;X\n")
    spec = resolve_format(f"mapping:{mapping_file}", log)
    loaded, rows = _load(log, spec.mapping())  # type: ignore[misc]
    assert rows[0][:5] == ("1", rows[0][1], "u1", "m1", "view")
    assert rows[0][1].isoformat() == "2024-03-04T08:00:00+00:00"
    assert [(r.line, r.field) for r in loaded.rejected] == [(3, "action")]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("columns: {timestamp: a, user_id: b, patient_id: c}\nbogus: 1\n", "bogus"),
        ("columns: {timestamp: a, user_id: b}\n", "columns.patient_id"),
        ("columns: {timestamp: a, user_id: b, patient_id: c, colour: d}\n", "columns.colour"),
        (
            "columns: {timestamp: a, user_id: b, patient_id: c}\nvalues: {action: {x: peek}}\n",
            "values.action",
        ),
        ("- just a list\n", None),
    ],
)
def test_bad_mapping_files(tmp_path: Path, text: str, field: str | None) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as err:
        load_mapping(path)
    assert err.value.file == str(path)
    assert err.value.field == field
