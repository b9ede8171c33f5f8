"""One stored-time form (issue 14 §1): every instant is UTC text ``YYYY-MM-DD HH:MM:SS.ffffff``.

`timeutil.to_db` writes it and `from_db` reads it; migration 0014 rewrote older stores.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import sqlalchemy as sa

from creatorctl.timeutil import DB_TIME_LEN, from_db, to_db
from tests.store_checks import bad_instants


def test_to_db_is_one_fixed_width_form() -> None:
    assert to_db(datetime(2026, 11, 20, 10, 0)) == "2026-11-20 10:00:00.000000"
    assert to_db(datetime(2026, 11, 20, 10, 0, 0, 5)) == "2026-11-20 10:00:00.000005"
    assert len(to_db(datetime(1, 1, 1))) == DB_TIME_LEN  # the year is padded too
    beijing = timezone(timedelta(hours=8))
    assert to_db(datetime(2026, 11, 20, 18, 0, tzinfo=beijing)) == "2026-11-20 10:00:00.000000"
    # Text order is time order, which whole seconds beside microseconds broke.
    a, b = datetime(2026, 11, 20, 10, 0), datetime(2026, 11, 20, 10, 0, 0, 1)
    assert to_db(a) < to_db(b)


def test_from_db_reads_the_one_form_and_every_older_one() -> None:
    want = datetime(2026, 11, 20, 10, 0)
    for text in (
        "2026-11-20 10:00:00.000000",
        "2026-11-20 10:00:00",
        "2026-11-20T10:00:00",
        "2026-11-20 18:00:00+08:00",
    ):
        assert from_db(text) == want, text
    assert from_db(want) == want
    assert from_db(datetime(2026, 11, 20, 10, 0, tzinfo=UTC)) == want
    assert from_db(to_db(datetime(2026, 1, 2, 3, 4, 5, 678901))) == datetime(
        2026, 1, 2, 3, 4, 5, 678901
    )


def test_a_datetime_bound_to_sql_is_stored_in_the_one_form(store) -> None:  # type: ignore[no-untyped-def]
    """On both backends: sqlite3's default adapter (and psycopg's text form) would store whole
    seconds when the microseconds are 0."""
    with store.write() as conn:
        conn.execute(
            sa.text("INSERT INTO account(handle, created_at) VALUES ('a', :t)"),
            {"t": datetime(2026, 11, 20, 10, 0)},
        )
        conn.execute(
            sa.text("INSERT INTO account(handle, created_at) VALUES ('b', :t)"),
            {"t": datetime(2026, 1, 1)},
        )
        got = conn.execute(sa.text("SELECT created_at FROM account ORDER BY id")).scalars().all()
    assert got == ["2026-11-20 10:00:00.000000", "2026-01-01 00:00:00.000000"]


def test_every_instant_in_the_demo_store_is_in_the_one_form(demo_store) -> None:  # type: ignore[no-untyped-def]
    checked, bad = bad_instants(demo_store)
    assert checked > 1000
    assert bad[:10] == []
