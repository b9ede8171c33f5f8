"""Where a test's store lives on the backend it runs on (see conftest's `backend`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tests import pg_backend

if TYPE_CHECKING:
    from creatorctl.store import Store


def store_location(folder: Path, name: str = "store.db") -> str:
    """The `--db` for a fresh store: `folder/name` on SQLite, the emptied session database on
    PostgreSQL (one per test: a test that wants two stores runs on SQLite only)."""
    if pg_backend.LEG.current is not None:
        return pg_backend.LEG.current
    return str(folder / name)


def on_postgresql() -> bool:
    return pg_backend.LEG.current is not None


@contextmanager
def hold_write_lock(store: Store) -> Iterator[None]:
    """Another process's long write (an import) holding the store's write lock meanwhile."""
    if store.dialect == "postgresql":
        import psycopg

        from creatorctl.store_pg import WRITE_LOCK_KEY

        url = store.url.replace("postgresql+psycopg://", "postgresql://", 1)
        with psycopg.connect(url) as conn:
            conn.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
            yield
            conn.rollback()
        return
    blocker = sqlite3.connect(str(store.path), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
