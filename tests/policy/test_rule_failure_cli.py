"""``scan access-logs`` with a rule that fails on the data: one line naming it, exit 2, and
every other rule's findings printed and stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.policy.conftest import World
from tests.policy.test_rule_guard import add_age, age_pack, age_world


def test_cli_names_the_failed_rule_and_exits_2(
    tmp_path: Path, home: Path, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    from auditor.cli.main import main

    pack = age_pack(tmp_path)
    age_world(world)
    ctx, log = world.write()
    add_age(log, ["91", "40", "x9", "95", "12"])
    args = ["scan", "access-logs", str(log), "--context", str(ctx), "--policies", str(pack)]
    assert main([*args, "--output-format", "jsonl"]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert f"rule ACC-AGE-001 failed at scan time on {log} lines 2-6" in err
    assert err.splitlines()[-1].startswith(
        "error: rule ACC-AGE-001 failed at scan time; the findings are incomplete"
    )
    assert out.count('"rule_id":"ACC-BTG-001"') == 5
