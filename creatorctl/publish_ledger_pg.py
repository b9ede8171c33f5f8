"""The publishing ledger on a PostgreSQL store: the `publishclaim` table beside the drafts.

On SQLite the ledger is a file of its own so that claims never wait for the main store's
write lock (an import holds it for long). On PostgreSQL the same holds inside the database:
the ledger's statements run in their own short transactions on the plain engine, which never
takes the store's write lock, and a claim is one `INSERT … ON CONFLICT DO NOTHING RETURNING`
on the claim's key: of any number of schedulers racing for a post, exactly one gets the row.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from creatorctl.hooks import HookResult
from creatorctl.publish_ledger import KEEP_DAYS, Key, Ledger, result_json
from creatorctl.timeutil import to_db

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from creatorctl.store import Store

_KEY = "draft_id=:d AND due=:due AND attempt=:n"


class PgLedger(Ledger):
    """The ledger's interface (publish_ledger.Ledger) over the store's `publishclaim` table."""

    def __init__(self, store: Store) -> None:  # no file, no in-memory SQLite: the table
        self.path = None
        self.engine = store.engine

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def take(self, keys: list[Key], worker_id: str, now: str, limit: int) -> list[Key]:
        mine: list[Key] = []
        with self._tx() as conn:
            for d, due, n in keys:
                if len(mine) >= limit:
                    break
                k = {"d": d, "due": due, "n": n}
                conn.execute(sa.text(f"DELETE FROM publishclaim WHERE {_KEY} AND applied"), k)
                got = conn.execute(
                    sa.text(
                        "INSERT INTO publishclaim(draft_id, due, attempt, worker_id, claimed_at) "
                        "VALUES (:d, :due, :n, :w, :now) ON CONFLICT DO NOTHING RETURNING draft_id"
                    ),
                    {**k, "w": worker_id, "now": now},
                ).first()
                if got is not None:
                    mine.append((d, due, n))
        return mine

    def update(self, key: Key, **values: Any) -> None:
        cols = ", ".join(f"{k}=:v_{k}" for k in values)
        params = {f"v_{k}": v for k, v in values.items()}
        with self._tx() as conn:
            conn.execute(
                sa.text(f"UPDATE publishclaim SET {cols} WHERE {_KEY}"),
                {**params, "d": key[0], "due": key[1], "n": key[2]},
            )

    def forget(self, key: Key) -> None:
        with self._tx() as conn:
            conn.execute(
                sa.text(f"DELETE FROM publishclaim WHERE {_KEY}"),
                {"d": key[0], "due": key[1], "n": key[2]},
            )

    def finish(self, key: Key, result: HookResult, now: str) -> None:
        self.update(key, finished_at=now, result=result_json(result))

    def rows(self, where: str, args: tuple[Any, ...] = ()) -> list[Any]:
        with self.engine.connect() as conn:
            return list(
                conn.execute(sa.text(f"SELECT * FROM publishclaim WHERE {where}")).mappings().all()
            )

    def pending(self) -> list[Any]:
        return self.rows("NOT applied AND finished_at IS NOT NULL ORDER BY finished_at")

    def open_unmirrored(self) -> list[Any]:
        return self.rows("NOT applied AND finished_at IS NULL AND attempt_id=0")

    def close_claims(self, claims: list[tuple[int, str]], now: str) -> None:
        if not claims:
            return
        with self._tx() as conn:
            conn.execute(
                sa.text(
                    "UPDATE publishclaim SET applied=TRUE, finished_at=coalesce(finished_at, :now) "
                    "WHERE draft_id=:d AND worker_id=:w AND NOT applied"
                ),
                [{"now": now, "d": d, "w": w} for d, w in claims],
            )

    def held_ids(self) -> set[int]:
        with self.engine.connect() as conn:
            return {
                int(r[0])
                for r in conn.execute(
                    sa.text("SELECT draft_id FROM publishclaim WHERE NOT applied")
                )
            }

    def mark_applied(self, keys: list[Key], now: datetime) -> None:
        with self._tx() as conn:
            if keys:
                conn.execute(
                    sa.text(f"UPDATE publishclaim SET applied=TRUE WHERE {_KEY}"),
                    [{"d": d, "due": due, "n": n} for d, due, n in keys],
                )
            old = to_db(now - timedelta(days=KEEP_DAYS))
            conn.execute(
                sa.text("DELETE FROM publishclaim WHERE applied AND claimed_at < :old"),
                {"old": old},
            )
