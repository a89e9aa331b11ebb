"""P4: `report weekly --week` refuses weeks it cannot represent and non-ASCII digits, up front."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from auditor.cli.main import main
from auditor.errors import InputError
from auditor.reports.periods import HISTORY_WEEKS, parse_week

EDGES = ["9999-W52", "0001-W01", "0001-W30"]


@pytest.mark.parametrize("text", [*EDGES, "2026-W4８", "２０２６-W48", "2026-W٤8"])
def test_unrepresentable_or_non_ascii_weeks_are_input_errors(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_week(text, UTC)
    assert info.value.field == "week"


@pytest.mark.parametrize("tz", [UTC, ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Etc/GMT+12")])
def test_accepted_weeks_and_their_history_are_representable(tz: ZoneInfo) -> None:
    for text in ["9999-W51", "0003-W01", "2026-W48"]:
        w = parse_week(text, tz)
        assert w.start < w.end
        assert w.shifted(-HISTORY_WEEKS).start < w.start


@pytest.mark.parametrize("week", ["9999-W52", "2026-W4８"])
def test_cli_refuses_before_building(
    home: Path, capsys: pytest.CaptureFixture[str], week: str
) -> None:
    assert main(["report", "weekly", "--week", week]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "week" in lines[0] and "building" not in err
    assert "OverflowError" not in err and "Traceback" not in err
    assert not (home / "reports").exists() or not any((home / "reports").iterdir())
