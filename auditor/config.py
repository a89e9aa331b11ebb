"""One typed settings object, read from ``AUDITOR_HOME/auditor.toml`` and ``AUDITOR_*`` env.

Everything the service keeps lives under one home directory so that a deployment backs up,
moves or wipes one folder. Environment variables override the file: ``AUDITOR_TIMEZONE``
for a top-level key, ``AUDITOR_PHI__MODEL`` (double underscore) for a key in a section.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import date
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from auditor.config_messages import env_name, plain_message, suggestion, toml_problem
from auditor.errors import ConfigError

CONFIG_FILE = "auditor.toml"
DEFAULT_HOME = "auditor-home"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PhiSettings(_Section):
    model: str = "en_core_web_sm"
    dictionaries: list[str] = Field(default_factory=list)
    workers: int = 1
    batch_size: int = 64
    mrn_patterns: list[str] = Field(default_factory=list)
    # spaCy NER on top of the rule/list pack: measured to add no recall on our corpora at
    # about 4-5x the cost, so off by default (bench/phi_quality.py --ner to compare).
    ner: bool = False
    # Per-entity score thresholds overriding the engine's defaults, e.g. {PERSON = 0.6}.
    thresholds: dict[str, float] = Field(default_factory=dict)


class ExplainSettings(_Section):
    before_days: int = 7
    after_days: int = 30


class AccessSettings(_Section):
    high_volume_threshold: int = 30
    high_volume_window_minutes: int = 60
    placeholder_reasons: list[str] = Field(
        default_factory=lambda: ["", "n/a", "na", ".", "-", "none", "test"]
    )
    # Input is evaluated in segments: CSV by size, FHIR/ATNA by event count.
    segment_mb: float = 64
    events_per_segment: int = 500_000
    # Findings are written to the store in batches of this many.
    finding_batch: int = 5000
    # DuckDB spills to disk beyond this; threads 0 = one per core.
    duckdb_memory_limit: str = "1GB"
    duckdb_threads: int = 0
    # The policy engine: "duckdb" (in process) or "spark" (docs/scale-out.md), its master URL
    # and extra Spark settings (spark.executor.memory, ...).
    engine: Literal["duckdb", "spark"] = "duckdb"
    spark_master: str = "local[*]"
    spark_conf: dict[str, str] = Field(default_factory=dict)
    # Seconds one policy rule may run on one segment before it is stopped and named.
    rule_time_limit_seconds: float = Field(default=300.0, gt=0)
    # The console's pseudonymised event index keeps events this many days (0: no index).
    event_index_days: int = Field(default=180, ge=0)
    # The plausibility window (docs/formats.md): an event later than the scan's clock plus
    # this many hours, or before this date, is quarantined rather than audited.
    future_tolerance_hours: float = Field(default=24.0, ge=0)
    earliest_event: date = date(2000, 1, 1)


class ReportSettings(_Section):
    include_names: bool = False
    pdf: bool = True
    pades: bool = True
    site_name: str = "Example Health"
    pades_cert: str = ""
    pades_key: str = ""
    # HTML/PDF tables stop after this many rows per group; report.json always has every row.
    max_table_rows: int = 50
    # A week whose covering scans quarantined more than this share of records is a gap.
    quarantine_gap_pct: float = Field(default=5.0, ge=0, le=100)
    # Folders that signed reports show paths relative to (else: file name + folder digest).
    path_roots: list[str] = Field(default_factory=list)


class DaemonSettings(_Section):
    access_log_sources: list[str] = Field(default_factory=list)
    access_log_format: str = "auto"
    export_dirs: list[str] = Field(default_factory=list)
    access_scan_minutes: int = Field(default=15, ge=1)
    export_scan_minutes: int = Field(default=60, ge=1)
    weekly_report_day: str = "mon"
    weekly_report_time: str = "06:00"
    # Hours, never APScheduler's 1-second default: a run delayed by load is still a run.
    misfire_grace_hours: int = Field(default=12, ge=1)
    queue_poll_seconds: float = Field(default=2.0, gt=0)
    json_logs: bool = False
    weekly_report: bool = True
    heartbeat_seconds: float = Field(default=30.0, gt=0)


class ApiSettings(_Section):
    host: str = "127.0.0.1"
    port: int = 8765
    allowed_roots: list[str] = Field(default_factory=list)
    rate_limit_per_minute: int = 600
    max_page_size: int = 500
    # Request bodies over this many bytes are refused (413) before they are read or parsed.
    max_body_bytes: int = 65536
    # Serve the OpenAPI schema (and the offline docs page); false hides both.
    docs: bool = True


class DeidSettings(_Section):
    date_shift_days: int = 365
    profile: str = "safe-harbor"
    # Where files are de-identified: "local" (this process) or "spark" (docs/scale-out.md),
    # Spark's master URL and extra settings (spark.executor.memory, ...).
    engine: Literal["local", "spark"] = "local"
    spark_master: str = "local[*]"
    spark_conf: dict[str, str] = Field(default_factory=dict)


class DocumentsSettings(_Section):
    """``scan documents``: where the PHI engine runs ("local": this process or its worker
    processes; "spark": executors, docs/scale-out.md), Spark's master URL and settings."""

    engine: Literal["local", "spark"] = "local"
    spark_master: str = "local[*]"
    spark_conf: dict[str, str] = Field(default_factory=dict)


class AlertsSettings(_Section):
    """Same-night alerts for critical findings (docs/console.md).

    A channel with no target configured is off.
    """

    severities: list[str] = Field(default_factory=lambda: ["critical"])
    categories: list[str] = Field(
        default_factory=lambda: [
            "terminated_user",
            "vip_access",
            "self_access",
            "family_access",
            "high_volume",
        ]
    )
    console_url: str = ""
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_starttls: bool = False
    smtp_user: str = ""
    smtp_password: str = ""
    mail_from: str = "hipaa-auditor@localhost"
    privacy_office: list[str] = Field(default_factory=list)
    staff_note: bool = False
    staff_email_domain: str = ""
    webhook_url: str = ""
    syslog_host: str = ""
    syslog_port: int = 6514
    syslog_tls: bool = False
    syslog_ca_file: str = ""
    max_attempts: int = Field(default=5, ge=1)
    backoff_seconds: float = Field(default=2.0, ge=0)
    timeout_seconds: float = Field(default=10.0, gt=0)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        extra="forbid", env_prefix="AUDITOR_", env_nested_delimiter="__"
    )

    home: Path
    database_url: str = ""
    timezone: str = "UTC"
    policies_dir: str = ""
    context_dir: str = ""
    phi: PhiSettings = Field(default_factory=PhiSettings)
    explain: ExplainSettings = Field(default_factory=ExplainSettings)
    access: AccessSettings = Field(default_factory=AccessSettings)
    report: ReportSettings = Field(default_factory=ReportSettings)
    daemon: DaemonSettings = Field(default_factory=DaemonSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    deid: DeidSettings = Field(default_factory=DeidSettings)
    documents: DocumentsSettings = Field(default_factory=DocumentsSettings)
    alerts: AlertsSettings = Field(default_factory=AlertsSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Arguments, then what load_settings read; no .env or secrets folder."""
        return (init_settings, *(_SOURCES.get() or ()))

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {value!r}") from exc
        return value

    # Paths derived from the home: one place decides the layout.
    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'auditor.db'}"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def keys_dir(self) -> Path:
        return self.home / "keys"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    @property
    def quarantine_dir(self) -> Path:
        return self.home / "quarantine"

    @property
    def checkpoints_dir(self) -> Path:
        return self.home / "checkpoints"

    @property
    def dictionaries_dir(self) -> Path:
        return self.home / "dictionaries"

    @property
    def certificates_dir(self) -> Path:
        return self.home / "certificates"

    @property
    def resolved_policies_dir(self) -> Path:
        if self.policies_dir:
            return Path(self.policies_dir).expanduser()
        return default_policies_dir()

    @property
    def resolved_context_dir(self) -> Path | None:
        return Path(self.context_dir).expanduser() if self.context_dir else None


def default_policies_dir() -> Path:
    """The shipped pack: package data of ``auditor.policies`` (the repository's ``policies/``)."""
    from importlib.resources import files

    return Path(str(files("auditor.policies")))


def resolve_home(home: str | os.PathLike[str] | None = None) -> Path:
    raw = home or os.environ.get("AUDITOR_HOME") or DEFAULT_HOME
    return Path(raw).expanduser().resolve()


class _Environment(EnvSettingsSource):
    """``AUDITOR_*`` variables from a given mapping, so callers and tests can pass their own.

    Lists and tables are JSON or TOML inline values (``["a", "b"]``, ``{PERSON = 0.6}``); a
    value that is neither stays a string, so validation names the variable instead of failing
    inside the parser.
    """

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        self._environ = {k.lower(): v for k, v in environ.items() if k != "AUDITOR_HOME"}
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return self._environ

    def decode_complex_value(self, field_name: str, field: FieldInfo, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            pass
        try:
            return tomllib.loads(f"v = {value}")["v"]
        except tomllib.TOMLDecodeError:
            return value


# The sources of one load_settings call; unset, Settings(...) is its arguments plus defaults.
_SOURCES: ContextVar[tuple[PydanticBaseSettingsSource, ...] | None] = ContextVar(
    "auditor_settings_sources", default=None
)


def _read_file(settings_cls: type[BaseSettings], path: Path) -> PydanticBaseSettingsSource:
    try:
        return TomlConfigSettingsSource(settings_cls, toml_file=path)
    except tomllib.TOMLDecodeError as exc:
        problem, line = toml_problem(str(exc))
        raise ConfigError(problem, file=str(path), line=line) from exc


def _env_name(loc: tuple[str | int, ...], environ: Mapping[str, str]) -> str | None:
    """The ``AUDITOR_*`` variable that set the value at ``loc``, if one did."""
    names = {k.upper() for k in environ}
    for depth in range(len(loc), 0, -1):
        name = "AUDITOR_" + "__".join(str(part) for part in loc[:depth]).upper()
        if name in names:
            return name
    return None


def load_settings(
    home: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Read the config file (if any) and the environment; never touches the disk otherwise.

    Precedence, highest first: the home passed in, ``AUDITOR_*`` variables, ``auditor.toml``,
    the defaults. A bad value raises one ConfigError naming the variable or the file and key.
    """
    home_path = resolve_home(home)
    env = dict(os.environ if environ is None else environ)
    _check_top_level_names(env)
    config_path = home_path / CONFIG_FILE
    sources = (_Environment(Settings, env), _read_file(Settings, config_path))
    token = _SOURCES.set(sources)
    try:
        return Settings(home=home_path)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        variable = _env_name(err["loc"], env)
        if variable is not None:
            message = plain_message(Settings, err, from_env=True)
            message = f"{message} (set by environment variable {variable})"
            raise ConfigError(message, field=field) from exc
        raise ConfigError(plain_message(Settings, err), file=str(config_path), field=field) from exc
    finally:
        _SOURCES.reset(token)


def _check_top_level_names(env: Mapping[str, str]) -> None:
    """``AUDITOR_TIMZONE`` would be ignored (only known names are read): refuse a variable
    that is one typo away from a setting. Other ``AUDITOR_*`` names belong to other tools."""
    for name in env:
        upper = name.upper()
        if not upper.startswith("AUDITOR_") or upper == "AUDITOR_HOME":
            continue
        path = upper.removeprefix("AUDITOR_").lower().split("__")
        if path[0] in Settings.model_fields:
            continue  # a known key, or a section whose own check names the inner typo
        meant = suggestion(Settings, path[:1])
        if meant is not None:
            raise ConfigError(
                f"environment variable {name} is not a setting; did you mean"
                f" {env_name([*meant, *path[1:]])}?"
            )
