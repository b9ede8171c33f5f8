"""A PostgreSQL team store saved at 0013 by an older release upgrades with every stored instant
in the one form (migration 0016; 0014 did SQLite's)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from creatorctl.store import Store, current_revision, known_revisions, open_store
from tests.store_checks import bad_instants
from tests.test_migrations import LATER, ROWS, _upgrade_to

pytestmark = pytest.mark.postgresql

# How the 0012/0013 release's PostgreSQL binding and its imports wrote instants, and the one
# form each must become.
OLD_FORMS = [
    ("account", "created_at", "id = 1", "2026-11-01 08:00:00", "2026-11-01 08:00:00.000000"),
    ("work", "published_at", "id = 1", "2026-11-02T09:30:00", "2026-11-02 09:30:00.000000"),
    ("comment", "created_at", "id = 1", "2026-11-20 12:00", "2026-11-20 12:00:00.000000"),
    ("comment", "created_at", "id = 2", "2026-11-21 01:02:03.5", "2026-11-21 01:02:03.500000"),
    (
        "draft",
        "claimed_at",
        "id = 1",
        "2026-11-22T20:00:00+08:00",
        "2026-11-22 12:00:00.000000",
    ),
    ("draft", "created_at", "id = 1", "2026-11-22T04:00:00Z", "2026-11-22 04:00:00.000000"),
    ("message", "created_at", "id = 1", "2026-11-23", "2026-11-23 00:00:00.000000"),
]


def _fill(store: Store, rev: str) -> None:
    """test_migrations' rows for `rev` (a row in every table), booleans as PostgreSQL's."""
    with store.write() as conn:
        inspector = sa.inspect(conn)
        for since, table, rows in ROWS:
            if rev < since:
                continue
            flags = {
                c["name"] for c in inspector.get_columns(table) if isinstance(c["type"], sa.Boolean)
            }
            for row in rows:
                cols = [c for c in row if rev >= LATER.get((table, c), "0000")]
                conn.execute(
                    sa.text(
                        f"INSERT INTO {table} ({', '.join(cols)}) "
                        f"VALUES ({', '.join(':' + c for c in cols)})"
                    ),
                    {c: bool(row[c]) if c in flags else row[c] for c in cols},
                )


@pytest.fixture
def store_at_0013(pg_session_url: str) -> str:
    from tests import pg_backend

    url = pg_backend.scratch_db("at0013")
    store = open_store(url, migrate=False)
    try:
        _upgrade_to(store, "0013")
        assert current_revision(store) == "0013"
        _fill(store, "0013")
        with store.write() as conn:
            for table, col, where, old, _ in OLD_FORMS:
                done = conn.execute(
                    sa.text(f"UPDATE {table} SET {col} = :v WHERE {where}"), {"v": old}
                )
                assert done.rowcount == 1, (table, where)
    finally:
        store.close()
    return url


def test_a_store_at_0013_upgrades_with_every_instant_in_the_one_form(store_at_0013: str) -> None:
    store = open_store(store_at_0013, migrate=False)
    try:
        checked_before, bad_before = bad_instants(store)
        with store.read() as conn:
            rows_before = {
                t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("account", "work", "comment", "draft", "message", "publishattempt")
            }
    finally:
        store.close()
    assert len(bad_before) >= len(OLD_FORMS)  # whole seconds from _fill's rows too

    store = open_store(store_at_0013)
    try:
        assert current_revision(store) == known_revisions()[-1]
        checked, bad = bad_instants(store)
        assert bad == [] and checked == checked_before
        with store.read() as conn:
            for table, col, where, _, new in OLD_FORMS:
                got = conn.execute(sa.text(f"SELECT {col} FROM {table} WHERE {where}")).scalar_one()
                assert got == new, (table, col, where)
            for table, n in rows_before.items():
                assert conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one() == n
    finally:
        store.close()
