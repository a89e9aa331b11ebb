"""The store: SQLAlchemy models, sessions and Alembic migrations."""

from auditor.store.db import make_engine, session_factory, transaction, upgrade

__all__ = ["make_engine", "session_factory", "transaction", "upgrade"]
