"""The app on a PostgreSQL team store: it opens, shows the data, and follows other processes'
changes through the per-table change counter (migration 0013, watch.PgStoreWatcher), as it
follows a SQLite file's `PRAGMA data_version`."""

from __future__ import annotations

import asyncio
import time

import pytest
import sqlalchemy as sa

from creatorctl.store import open_store
from tests.helpers import settle

PG_ONLY = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


def _poll_until(watcher, want, seconds: float = 5.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while True:
        change = watcher.poll()
        if change is not None and want(change):
            return change
        if time.monotonic() > deadline:
            return change
        time.sleep(0.2)


@PG_ONLY
def test_the_pg_watcher_names_the_tables_changed_even_in_place(backend, demo_store) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.accounts import require_account, update_profile
    from creatorctl.inbox.comments import delete_comments
    from creatorctl.watch import PgStoreWatcher, watcher_for

    acc = require_account(demo_store)
    w = watcher_for(demo_store)
    assert isinstance(w, PgStoreWatcher)
    try:
        assert w.poll() is None
        other = open_store(demo_store.url)  # another process's store
        delete_comments(other, [1], acc.id)
        change = _poll_until(w, lambda c: "trash" in c.tables)
        assert change is not None and {"trash", "comment"} <= change.tables
        assert change.areas() >= {"inbox", "works"}
        # An update in place is named too (SQLite can only say "something changed").
        update_profile(other, acc.id, nickname="别的名字")
        change = _poll_until(w, lambda c: "account" in c.tables)
        assert change is not None and "account" in change.tables
        assert "inbox" not in change.areas()
        other.close()
    finally:
        w.close()
    assert w.poll() is None  # closed


@PG_ONLY
async def test_the_app_on_a_team_store_shows_works_and_follows_other_processes(
    backend, demo_store, app_factory
) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.works import delete_work

    app = app_factory(demo_store.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert app.store is not None and app.store.dialect == "postgresql"
        table = app.main_screen.query_one("#works-table")
        assert table.total == 240
        with demo_store.read() as conn:
            first = conn.execute(sa.text("SELECT min(id) FROM work")).scalar_one()
        await asyncio.to_thread(delete_work, demo_store, first)
        for _ in range(60):  # a poll every 2 s
            if table.total == 239:
                break
            await pilot.pause(0.1)
        assert table.total == 239
