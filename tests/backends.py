"""Where a test's store lives on the backend it runs on (see conftest's `backend`)."""

from __future__ import annotations

from pathlib import Path

from tests import pg_backend


def store_location(folder: Path, name: str = "store.db") -> str:
    """The `--db` for a fresh store: `folder/name` on SQLite, the emptied session database on
    PostgreSQL (one per test: a test that wants two stores runs on SQLite only)."""
    if pg_backend.LEG.current is not None:
        return pg_backend.LEG.current
    return str(folder / name)


def on_postgresql() -> bool:
    return pg_backend.LEG.current is not None
