from __future__ import annotations

from pathlib import Path

import pytest

from auditor.config import default_policies_dir, load_settings
from auditor.errors import ConfigError


def test_defaults_live_under_home(tmp_path: Path) -> None:
    s = load_settings(tmp_path, environ={})
    assert s.db_url == f"sqlite:///{tmp_path / 'auditor.db'}"
    assert s.phi.model == "en_core_web_sm"
    assert s.keys_dir == tmp_path / "keys"


def test_env_overrides_file(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text('timezone = "America/Chicago"\n[phi]\nmodel = "x"\n')
    s = load_settings(tmp_path, environ={"AUDITOR_PHI__MODEL": "en_core_web_lg"})
    assert s.timezone == "America/Chicago"
    assert s.phi.model == "en_core_web_lg"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('timezone = "Mars/Olympus"\n', "timezone"),
        ("[phi]\nmodle = 'x'\n", "phi.modle"),
        ("[api]\nport = 'eighty'\n", "api.port"),
    ],
)
def test_bad_config_names_file_and_field(tmp_path: Path, text: str, field: str) -> None:
    (tmp_path / "auditor.toml").write_text(text)
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path, environ={})
    assert info.value.field == field
    assert "auditor.toml" in str(info.value)


def test_unparsable_toml(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text("timezone = \n")
    with pytest.raises(ConfigError, match=r"auditor\.toml"):
        load_settings(tmp_path, environ={})


def test_default_policy_pack_is_found() -> None:
    assert default_policies_dir().is_dir()


def test_config_template_states_the_defaults(tmp_path: Path) -> None:
    """The commented auditor.toml that `init` writes must say what the code does."""
    import tomllib

    from auditor.config import DEFAULT_CONFIG_TEXT, Settings

    data = tomllib.loads(DEFAULT_CONFIG_TEXT)
    data["home"] = tmp_path
    assert Settings.model_validate(data) == Settings(home=tmp_path)
