"""The context object every job receives: settings, store, clock, keys. No globals.

``open_context`` also makes sure the home exists (folders, config, migrated database,
secrets), so every command works on first use, not only after ``auditor init``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from auditor.config import CONFIG_FILE, DEFAULT_CONFIG_TEXT, Settings, load_settings
from auditor.fingerprint import Fingerprinter, load_or_create_secret
from auditor.signing.keys import SigningKey, ensure_key, load_key
from auditor.store import db


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class AppContext:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    fingerprinter: Fingerprinter
    actor: str = "cli"
    clock: Callable[[], datetime] = field(default=utc_now)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with db.transaction(self.sessions, clock=self.clock) as session:
            yield session

    def signing_key(self) -> SigningKey:
        return load_key(self.settings.keys_dir)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> AppContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


HOME_DIRS = ("keys", "reports", "quarantine", "checkpoints", "dictionaries", "certificates")


def prepare_home(settings: Settings) -> bool:
    """Create the home layout and config if missing. Returns True when the config was new."""
    home = settings.home
    home.mkdir(parents=True, exist_ok=True)
    for name in HOME_DIRS:
        (home / name).mkdir(exist_ok=True)
    os.chmod(settings.keys_dir, 0o700)
    config_path = home / CONFIG_FILE
    created = not config_path.exists()
    if created:
        config_path.write_text(DEFAULT_CONFIG_TEXT, encoding="utf-8")
    return created


def open_context(
    home: str | os.PathLike[str] | None = None,
    *,
    actor: str = "cli",
    settings: Settings | None = None,
    migrate: bool = True,
) -> AppContext:
    settings = settings or load_settings(home)
    prepare_home(settings)
    engine = db.make_engine(settings.db_url)
    if migrate:
        db.upgrade_if_needed(engine)
    secret = load_or_create_secret(settings.keys_dir)
    ensure_key(settings.keys_dir)
    return AppContext(
        settings=settings,
        engine=engine,
        sessions=db.session_factory(engine),
        fingerprinter=Fingerprinter(secret),
        actor=actor,
    )


def home_path(settings: Settings, *parts: str) -> Path:
    return settings.home.joinpath(*parts)
