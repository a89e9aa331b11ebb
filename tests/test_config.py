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

    from auditor.config import Settings
    from auditor.config_template import DEFAULT_CONFIG_TEXT

    data = tomllib.loads(DEFAULT_CONFIG_TEXT)
    data["home"] = tmp_path
    assert Settings.model_validate(data) == Settings(home=tmp_path)


def test_config_template_lists_every_access_key() -> None:
    """`init` writes every [access] setting (with its comment), e.g. rule_time_limit_seconds."""
    import tomllib

    from auditor.config import AccessSettings
    from auditor.config_template import DEFAULT_CONFIG_TEXT

    written = tomllib.loads(DEFAULT_CONFIG_TEXT)["access"]
    assert set(AccessSettings.model_fields) <= set(written)
    assert "# Seconds one policy rule may run" in DEFAULT_CONFIG_TEXT


def test_env_and_file_merge_per_key(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text('[phi]\nmodel = "x"\nbatch_size = 8\n')
    s = load_settings(tmp_path, environ={"AUDITOR_PHI__BATCH_SIZE": "16"})
    assert (s.phi.model, s.phi.batch_size) == ("x", 16)


@pytest.mark.parametrize(
    ("value", "expected"),
    [('["a", "b"]', ["a", "b"]), ("['a', 'b']", ["a", "b"]), ("[]", [])],
)
def test_env_lists_are_json_or_toml(tmp_path: Path, value: str, expected: list[str]) -> None:
    s = load_settings(tmp_path, environ={"AUDITOR_DAEMON__EXPORT_DIRS": value})
    assert s.daemon.export_dirs == expected


def test_env_tables_are_json_or_toml(tmp_path: Path) -> None:
    for value in ('{"PERSON": 0.6}', "{PERSON = 0.6}"):
        s = load_settings(tmp_path, environ={"AUDITOR_PHI__THRESHOLDS": value})
        assert s.phi.thresholds == {"PERSON": 0.6}


@pytest.mark.parametrize(
    ("variable", "value", "field"),
    [
        ("AUDITOR_PHI__BATCH_SIZE", "many", "phi.batch_size"),
        ("AUDITOR_TIMEZONE", "Mars/Olympus", "timezone"),
        ("AUDITOR_PHI__MODLE", "x", "phi.modle"),
        ("AUDITOR_DAEMON__EXPORT_DIRS", "not a list", "daemon.export_dirs"),
    ],
)
def test_bad_env_value_names_the_variable(
    tmp_path: Path, variable: str, value: str, field: str
) -> None:
    (tmp_path / "auditor.toml").write_text('timezone = "UTC"\n')
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path, environ={variable: value})
    message = str(info.value)
    assert variable in message
    assert "auditor.toml" not in message
    assert "\n" not in message
    assert info.value.field == field


def test_bad_file_value_names_the_file_not_a_variable(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text("[phi]\nbatch_size = 'many'\n")
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path, environ={"AUDITOR_PHI__MODEL": "en_core_web_sm"})
    assert "auditor.toml" in str(info.value)
    assert "AUDITOR_" not in str(info.value)
    assert info.value.field == "phi.batch_size"


def test_env_value_fixes_a_bad_file_value(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text("[phi]\nbatch_size = 'many'\n")
    assert load_settings(tmp_path, environ={"AUDITOR_PHI__BATCH_SIZE": "5"}).phi.batch_size == 5


def test_explicit_environ_ignores_the_process_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUDITOR_PHI__BATCH_SIZE", "many")
    assert load_settings(tmp_path, environ={}).phi.batch_size == 64


def test_plain_settings_read_no_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditor.config import Settings

    monkeypatch.setenv("AUDITOR_TIMEZONE", "America/Chicago")
    assert Settings(home=tmp_path).timezone == "UTC"


def test_cli_bad_env_value_is_one_line_exit_2(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from auditor.cli.main import main

    monkeypatch.setenv("AUDITOR_PHI__BATCH_SIZE", "many")
    assert main(["init"]) == 2
    err = capsys.readouterr().err
    assert "AUDITOR_PHI__BATCH_SIZE" in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


PYDANTIC_WORDING = ("Value error", "Extra inputs", "Input should", "validation error")


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ('timzone = "UTC"\n', "timzone", "did you mean 'timezone'?"),
        (
            '[alerts]\nsmtp_port = 25\ntimzone = "UTC"\n',
            "alerts.timzone",
            "did you mean 'timezone' (a top-level key: put it above the first [section])?",
        ),
        (
            "[access]\nhigh_volum_threshold = 3\n",
            "access.high_volum_threshold",
            "'high_volume_threshold'",
        ),
        ("[phi]\nsegment_mb = 3\n", "phi.segment_mb", "did you mean '[access] segment_mb'?"),
        ("[acess]\nsegment_mb = 3\n", "acess", "did you mean the section [access]?"),
        ('timezone = "America/NewYork"\n', "timezone", "unknown timezone 'America/NewYork'"),
        (
            '[access]\nhigh_volume_threshold = "thirty"\n',
            "access.high_volume_threshold",
            "expected a whole number, got 'thirty'",
        ),
        ("[report]\npdf = 3\n", "report.pdf", "expected true or false"),
        ("[api]\nallowed_roots = 'x'\n", "api.allowed_roots", "expected a list"),
    ],
)
def test_file_errors_are_plain_and_suggest_the_key(
    tmp_path: Path, text: str, field: str, expected: str
) -> None:
    """A typo names the key that was meant; no pydantic wording reaches the user."""
    (tmp_path / "auditor.toml").write_text(text)
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path, environ={})
    message = str(info.value)
    assert info.value.field == field
    assert expected in message
    assert not any(words in message for words in PYDANTIC_WORDING), message


def test_an_unknown_key_far_from_any_says_so_without_a_guess(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path, environ={})
    assert str(info.value).endswith("field 'colour': unknown key")


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("AUDITOR_TIMEZONE", "Foo/Bar", "unknown timezone 'Foo/Bar'"),
        ("AUDITOR_ACCESS__HIGH_VOLUME_THRESHOLD", "thirty", "expected a whole number"),
        ("AUDITOR_PHI__MODLE", "x", "did you mean AUDITOR_PHI__MODEL?"),
        ("AUDITOR_TIMZONE", "UTC", "did you mean AUDITOR_TIMEZONE?"),
        ("AUDITOR_ACESS__SEGMENT_MB", "8", "did you mean AUDITOR_ACCESS__SEGMENT_MB?"),
    ],
)
def test_env_errors_name_the_variable_in_plain_words(
    tmp_path: Path, variable: str, value: str, expected: str
) -> None:
    (tmp_path / "auditor.toml").write_text('timezone = "UTC"\n')
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path, environ={variable: value})
    message = str(info.value)
    assert variable in message and expected in message
    assert "auditor.toml" not in message
    assert not any(words in message for words in PYDANTIC_WORDING), message


def test_other_tools_auditor_variables_are_left_alone(tmp_path: Path) -> None:
    """Only a name one typo away from a setting is refused; others are not ours to judge."""
    env = {"AUDITOR_TEST_PG_URL": "postgresql://x", "AUDITOR_CONSOLE_SHOTS": "1"}
    assert load_settings(tmp_path, environ=env).timezone == "UTC"


def test_toml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text('timezone = "UTC"\n[access]\n[access]\n')
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path, environ={})
    assert info.value.line == 3
    assert str(info.value).endswith("auditor.toml:3: the section [access] appears twice (column 8)")


def test_set_values_changes_only_the_keys_given(tmp_path: Path) -> None:
    import tomllib

    from auditor.config_template import DEFAULT_CONFIG_TEXT, set_values

    text = set_values(
        DEFAULT_CONFIG_TEXT,
        {("", "timezone"): "Europe/Paris", ("report", "site_name"): 'A "B" \\ C'},
    )
    data = tomllib.loads(text)
    assert data["timezone"] == "Europe/Paris" and data["report"]["site_name"] == 'A "B" \\ C'
    changed = [
        (a, b)
        for a, b in zip(DEFAULT_CONFIG_TEXT.splitlines(), text.splitlines(), strict=True)
        if a != b
    ]
    assert len(changed) == 2
    with pytest.raises(KeyError):
        set_values("[phi]\nmodel = 'x'\n", {("", "timezone"): "UTC"})
