"""Copy an SQLite store into another store (a PostgreSQL team store), table by table.

The tables come from the SQLModel models in foreign-key order; each is read in the source's
one read transaction (a consistent snapshot) and written in the target's one write
transaction, so a failure leaves the target as it was. Row counts are compared afterwards.
Search indexes are not copied: each backend keeps its own (FTS5 on SQLite, pg_trgm on
PostgreSQL), filled from the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.store import Store

CHUNK = 5_000
"""Rows per INSERT batch."""


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int | None = None
    """Rows in the target after the copy (None: dry run, nothing copied)."""


def tables() -> list[sa.Table]:
    """Every table of the schema, parents before children."""
    from creatorctl.models import include_object, metadata

    return [
        tb for tb in metadata().sorted_tables if include_object(tb, tb.name, "table", False, None)
    ]


def _count(conn: sa.Connection, table: sa.Table) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def _existing(conn: sa.Connection) -> set[str]:
    return set(sa.inspect(conn).get_table_names())


def target_rows(target: Store) -> list[tuple[str, int]]:
    """Tables of the target that already hold rows (an empty or new store: none)."""
    with target.read() as conn:
        have = _existing(conn)
        found = [(tb.name, _count(conn, tb)) for tb in tables() if tb.name in have]
    return [(name, n) for name, n in found if n]


def source_counts(source: Store) -> list[TableCount]:
    with source.read() as conn:
        have = _existing(conn)
        return [TableCount(tb.name, _count(conn, tb)) for tb in tables() if tb.name in have]


def copy_store(
    source: Store,
    target: Store,
    *,
    replace: bool = False,
    progress: Callable[[str, int, int], object] | None = None,
) -> list[TableCount]:
    """Copy every row of `source` into `target` (migrated to head); returns the counts.

    Refused when the target already holds rows, unless `replace` (they are deleted first, in
    the same transaction). Raises UserError when a count differs after the copy.
    """
    settle_ledger(source)
    busy = target_rows(target)
    if busy and not replace:
        name, n = busy[0]
        raise UserError(t("migrate.target_not_empty", target=_label(target), table=name, n=n))
    order = tables()
    counts: list[TableCount] = []
    with source.read() as src, target.write(long="migrate") as dst:
        have = _existing(src)
        for tb in reversed(order):
            if replace:
                dst.execute(tb.delete())
        for tb in order:
            if tb.name not in have:
                continue
            cols = [c for c in tb.columns if c.name in _columns(src, tb.name)]
            total = _count(src, tb)
            done = 0
            result = src.execution_options(yield_per=CHUNK).execute(
                sa.select(*cols).order_by(*tb.primary_key.columns)
            )
            for chunk in result.partitions(CHUNK):
                dst.execute(tb.insert(), [dict(r._mapping) for r in chunk])
                done += len(chunk)
                if progress is not None:
                    progress(tb.name, done, total)
            counts.append(TableCount(tb.name, total))
        if dst.dialect.name == "postgresql":
            _bump_sequences(dst, order)
    with target.read() as conn:
        checked = [TableCount(c.table, c.source, _count(conn, _by_name(c.table))) for c in counts]
    for c in checked:
        if c.source != c.target:
            raise UserError(t("migrate.mismatch", table=c.table, src=c.source, dst=c.target))
    return checked


def settle_ledger(source: Store, *, apply: bool = True) -> None:
    """Write into the source store the publish results only its ledger (`<store>-publish`)
    holds, so the copy has them; refuse while a post is being published (its result would
    land in the old store after the copy)."""
    from creatorctl.publish_ledger import ledger_for
    from creatorctl.publishing import apply_pending
    from creatorctl.timeutil import utcnow_exact

    if source.path is None or not Path(f"{source.path}-publish").exists():
        return
    ledger = ledger_for(source)
    if apply and ledger.pending():
        apply_pending(source, utcnow_exact())
    held = sorted(ledger.held_ids() if apply else ledger.held_ids() - _pending_ids(ledger))
    if held:
        raise UserError(t("migrate.publishing", ids=", ".join(f"#{i}" for i in held)))


def _pending_ids(ledger: object) -> set[int]:
    """Drafts whose finished result waits in the ledger (the copy would write it first)."""
    return {int(r["draft_id"]) for r in ledger.pending()}  # type: ignore[attr-defined]


def _columns(conn: sa.Connection, table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(conn).get_columns(table)}


def _by_name(name: str) -> sa.Table:
    return next(tb for tb in tables() if tb.name == name)


def _bump_sequences(conn: sa.Connection, order: list[sa.Table]) -> None:
    """Rows came with their ids: move each id sequence past the largest, so new rows fit."""
    for tb in order:
        pk = list(tb.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, sa.Integer):
            continue
        conn.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{tb.name}', '{pk[0].name}'), "
                f"COALESCE((SELECT max({pk[0].name}) FROM {tb.name}), 0) + 1, false) "
                f"WHERE pg_get_serial_sequence('{tb.name}', '{pk[0].name}') IS NOT NULL"
            )
        )


def _label(store: Store) -> str:
    """The store as messages name it: its file, or its URL without a password."""
    if store.path is not None:
        return str(store.path)
    url = sa.engine.make_url(store.url)
    return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)
