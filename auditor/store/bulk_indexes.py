"""The findings table's secondary indexes, dropped while a scan loads many findings and built
again once it has: building an index over rows already in place sorts them once, where an
index kept up to date takes every new finding at a random place in each of its B-trees (on
SQLite, per batch, pages read back and rewritten to the WAL).

Only the secondary indexes: the unique identity index stays, so the upsert still finds a
known finding and the store never holds one twice, whatever happens. What a crash leaves
(indexes missing) costs queries time, never a finding: the next scan's writer builds them
again before it writes (``restore``), as does any ``restore`` call.
"""

from __future__ import annotations

from sqlalchemy import Connection, Index, Table, inspect, select
from sqlalchemy import func as sqlfunc

from auditor.store.models import Finding

#: A scan drops the indexes once it has inserted this many findings and more than the
#: table held when it began: rebuilding then costs about what the scan's own rows cost to
#: index, and a routine scan into a large store never rebuilds it.
BULK_FLOOR = 20_000


def secondary() -> list[Index]:
    """The findings table's non-unique indexes (as the models and migrations define them)."""
    table = Finding.__table__
    assert isinstance(table, Table)
    return sorted((ix for ix in table.indexes if not ix.unique), key=lambda ix: str(ix.name))


def present(connection: Connection) -> set[str]:
    """Names of the findings table's indexes in the database."""
    return {str(ix["name"]) for ix in inspect(connection).get_indexes("findings")}


def drop(connection: Connection) -> None:
    """Drop the secondary indexes that exist (in the caller's transaction)."""
    there = present(connection)
    for ix in secondary():
        if ix.name in there:
            ix.drop(connection)


def restore(connection: Connection) -> int:
    """Build the secondary indexes that are missing; how many it built."""
    there = present(connection)
    missing = [ix for ix in secondary() if ix.name not in there]
    for ix in missing:
        ix.create(connection)
    return len(missing)


def table_size(connection: Connection) -> int:
    """The findings table's size as its highest id (an index lookup, not a count: deleted
    rows make it an overestimate, which only makes dropping the indexes rarer)."""
    return int(connection.execute(select(sqlfunc.max(Finding.id))).scalar() or 0)
