"""The context object every job receives: settings, store, clock, keys. No globals.

``open_context`` also makes sure the home exists (folders, config, migrated database,
secrets), so every command works on first use, not only after ``auditor init``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from auditor.config import CONFIG_FILE, Settings, load_settings
from auditor.config_template import DEFAULT_CONFIG_TEXT
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
    tighten_home(home)
    clean_work(settings.checkpoints_dir / WORK_DIR)
    config_path = home / CONFIG_FILE
    created = not config_path.exists()
    if created:
        config_path.write_text(DEFAULT_CONFIG_TEXT, encoding="utf-8")
    return created


# The home holds patient and user ids (store, reports, checkpoints, quarantine): private to
# the account whatever the umask. Folders 0700, the files in these places 0600.
PRIVATE_DIRS = ("reports", "quarantine", "checkpoints", "certificates", "deid")
PRIVATE_FILES = ("auditor.db", "auditor.db-wal", "auditor.db-shm", "ledger.jsonl")
# Raw access-log segments of running scans: ``checkpoints/work/access-<pid>-*``.
WORK_DIR = "work"


def _chmod(path: Path, mode: int) -> None:
    try:
        if not path.is_symlink() and path.stat().st_uid == os.getuid():
            os.chmod(path, mode)
    except OSError:
        pass  # not ours or gone: nothing to tighten


def tighten_home(home: Path) -> None:
    """Home 0700; its private folders 0700 and their files 0600 (created by any umask)."""
    _chmod(home, 0o700)
    for name in PRIVATE_FILES:
        _chmod(home / name, 0o600)
    for name in PRIVATE_DIRS:
        top = home / name
        if not top.is_dir() or top.is_symlink():
            continue
        for folder, dirs, files in os.walk(top):
            _chmod(Path(folder), 0o700)
            for fname in files:
                _chmod(Path(folder) / fname, 0o600)
            dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]


def clean_work(work: Path) -> None:
    """Remove work folders of scans whose process is gone (a kill -9 leaves raw segments)."""
    if not work.is_dir():
        return
    for entry in work.iterdir():
        parts = entry.name.split("-")
        pid = int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else 0
        if pid and _alive(pid):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def work_dir(settings: Settings, kind: str) -> Path:
    """A private folder for one scan's raw temporary files, under the home (cleaned at start)."""
    base = settings.checkpoints_dir / WORK_DIR
    base.mkdir(parents=True, exist_ok=True)
    os.chmod(base, 0o700)
    return Path(tempfile.mkdtemp(prefix=f"{kind}-{os.getpid()}-", dir=base))


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
