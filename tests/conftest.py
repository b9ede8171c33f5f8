"""Shared fixtures. Each area adds its own below; names say which area they serve."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.store import Store, open_store

# --- import/export (issue 3) -----------------------------------------------------------------


@pytest.fixture
def import_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A store file with one account, `me`; the CLI uses it through CREATORCTL_DB."""
    path = tmp_path / "store" / "creator.db"
    monkeypatch.setenv("CREATORCTL_DB", str(path))
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", "2026-11-26 10:00:00")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    store = open_store(str(path))
    with store.write() as conn:
        conn.execute(
            sa.text("INSERT INTO account(handle, created_at) VALUES ('me', '2026-01-01 00:00:00')")
        )
    store.close()
    return str(path)


@pytest.fixture
def import_store(import_db: str) -> Iterator[Store]:
    s = open_store(import_db)
    yield s
    s.close()
