"""Engines, sessions and migrations. Import connects to nothing; callers open what they need."""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: SQLite's page size for a new store and for each connection's TEMP database (bytes; its
#: largest; SQLite's default is 4 KiB). SQLite reads and writes a page per system call: a
#: scan's 1M bench events and 56k findings wrote ~200k pages of 4 KiB to the WAL, the
#: database (the WAL's checkpoints) and the writer's TEMP stages (SQLite's own temp files,
#: 2 MiB of cache), and read ~60k back, 0.6-0.7 s of the writer thread's system CPU. The
#: bytes are the same with larger pages; the calls 16x fewer (the writer's thread 1.9-2.0 ->
#: 1.3 CPU s). An existing store keeps the page size it was made with.
SQLITE_PAGE_SIZE = 65536
#: Each connection's TEMP database (a scan writer's stages of findings and events): its page
#: cache (KiB; SQLite's default is 2 MiB, 32 of these pages). A 1M-event scan's stages went
#: through 2 MiB of cache to SQLite's temp files in /var/tmp (a 40 MiB file) and were read
#: back, and emptying a merged stage (``DELETE``) wrote each freed page twice more, its
#: original to the TEMP rollback journal and zeros over it: this build of SQLite, as
#: Debian's, has ``secure_delete`` on. 203 MiB written to temp files and 86 MiB read in all;
#: with this cache and the TEMP database's ``secure_delete`` at ``FAST`` (zeros over deleted
#: cells in pages written anyway; freed pages released unwritten) 86 and 6 MiB: what is left
#: is SQLite's statement journals of the merges into the store (in memory, they would grow
#: with the pages a merge touches).
SQLITE_TEMP_CACHE_KIB = 65536
#: The store's own ``secure_delete``: deleted rows (events past retention, ended sessions)
#: are overwritten with zeros rather than left in free pages for anyone with the file to
#: read. SQLite's default is whatever the build chose (Debian's: on; python.org's and
#: macOS's: off), so a privacy tool names it. On this build it is the default: no cost.
SQLITE_MAIN_SECURE_DELETE = "ON"
#: Pages in the WAL before a commit checkpoints it (SQLite's default is 1,000, 4 MiB of its
#: default 4 KiB pages; of these 64 KiB pages 64 MiB, which a store kept open by the console
#: and API holds on disk): SQLite's 4 MiB again. A 1M-event scan's store peaked at 176
#: instead of 215 MiB on disk (its WAL 86 instead of 121: a larger transaction than 4 MiB
#: still grows it), for 48 MiB more copied from the WAL into the database; CPU no different.
SQLITE_WAL_AUTOCHECKPOINT = 64


def _create_private(database: str | None) -> None:
    """Create the SQLite file 0600 before SQLite does (it would use the umask: 0644)."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def make_engine(url: str) -> Engine:
    """An engine with SQLite in WAL mode, foreign keys on and a busy timeout for the daemon+API."""
    if url.startswith("sqlite"):
        _create_private(make_url(url).database)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            # Before WAL mode: a new, empty database takes it; an existing one keeps its own.
            cur.execute(f"PRAGMA page_size={SQLITE_PAGE_SIZE}")
            cur.execute(f"PRAGMA temp.page_size={SQLITE_PAGE_SIZE}")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA wal_autocheckpoint={SQLITE_WAL_AUTOCHECKPOINT}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            # 64 MiB page cache (default 2 MiB): bulk finding upserts touch index pages at
            # random (identities are hashes); a small cache re-reads them from the WAL.
            cur.execute("PRAGMA cache_size=-65536")
            # Its TEMP database's: the stages stay in memory up to this much, and emptying
            # one releases its pages without journalling and zeroing them (see above).
            cur.execute(f"PRAGMA temp.cache_size=-{SQLITE_TEMP_CACHE_KIB}")
            cur.execute("PRAGMA temp.secure_delete=FAST")
            cur.execute(f"PRAGMA main.secure_delete={SQLITE_MAIN_SECURE_DELETE}")
            cur.close()

        return engine
    # The API serves concurrent requests; the default pool (5 + 10) queues them on PostgreSQL.
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=30)


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` through Alembic (never ``create_all``)."""
    from alembic import command

    with _migrating(engine) as cfg:
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with _migrating(engine) as cfg:
        command.downgrade(cfg, revision)


@contextmanager
def _migrating(engine: Engine) -> Iterator[Config]:
    """Alembic's configuration on a connection in one transaction, committed on success.

    SQLite: with foreign keys off meanwhile (SQLite's own procedure for a schema change,
    which a migration that rebuilds a table needs: dropping the old ``findings`` would
    otherwise delete, by cascade, the rows of every table that references it), checked
    before the commit, on again after. The pragma is set outside the transaction, since
    SQLite ignores it inside one.
    """
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                yield cfg
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("the migration left rows whose foreign keys dangle")
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


_ASSIGN = re.compile(
    r"^(revision|down_revision)\s*+(?::[^=\n]*)?=\s*+(\S(?:.*\S)?)\s*$", re.MULTILINE
)


def head_revisions() -> frozenset[str]:
    """The migration scripts' head revision ids, read from the files (no Alembic import).

    Empty when a script cannot be read this way; callers then let Alembic decide.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found: dict[str, object] = {}
        for name, value in _ASSIGN.findall(path.read_text(encoding="utf-8")):
            try:
                found.setdefault(name, ast.literal_eval(value))
            except (ValueError, SyntaxError):
                return frozenset()
        if not found:
            continue  # __init__.py and other helpers
        rev, down = found.get("revision"), found.get("down_revision")
        if not isinstance(rev, str):
            return frozenset()
        revisions.add(rev)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(str(d) for d in down)
        elif down is not None:
            return frozenset()
    return frozenset(revisions - parents)


def current_revisions(engine: Engine) -> frozenset[str]:
    """Revisions recorded in ``alembic_version`` (empty for a new database)."""
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    except DBAPIError:
        return frozenset()
    return frozenset(str(row[0]) for row in rows)


def upgrade_if_needed(engine: Engine) -> bool:
    """Upgrade to head unless the database is already there (the common case, every command).

    Skipping saves importing and running Alembic on each invocation; a database at any other
    revision (or a new one) goes through :func:`upgrade`. Returns whether it ran.
    """
    heads = head_revisions()
    current = current_revisions(engine)
    if heads and current == heads:
        return False
    if len(heads) == 1 and not current and _create_fresh(engine, next(iter(heads))):
        return True
    upgrade(engine)
    return True


def _create_fresh(engine: Engine, head: str) -> bool:
    """An empty database gets the models' schema and the head stamp in one transaction.

    Alembic's own advice for new databases (create_all, then stamp); it skips importing and
    replaying every migration, which is most of a fresh home's start-up. Tests hold the
    result identical to migrating. False (nothing done) if the database is not empty or a
    concurrent process got there first; the caller then migrates the normal way.
    """
    from sqlalchemy import inspect

    from auditor.store.models import Base

    if inspect(engine).get_table_names():
        return False
    try:
        with engine.begin() as conn:
            Base.metadata.create_all(conn)
            conn.exec_driver_sql(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
            conn.exec_driver_sql(f"INSERT INTO alembic_version (version_num) VALUES ('{head}')")
    except DBAPIError:
        return False
    return True


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(
    factory: sessionmaker[Session], clock: Callable[[], datetime] | None = None
) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error.

    ``clock`` (the context's) stamps what ``repo`` writes in this session.
    """
    with factory() as session, session.begin():
        if clock is not None:
            session.info["clock"] = clock
        yield session
