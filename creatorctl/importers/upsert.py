"""`upsert`: the write of most kinds — rows keyed by some columns, added, updated or unchanged.

    def write(self, ctx, rows):
        upsert(ctx, rows, "accountdaily", key=("day",), fields=FIELDS,
               fixed={"account_id": ctx.account_id}, insert_defaults={"plays": 0, ...})

Datetimes are stored in UTC (`db_value`). An empty cell (None) never overwrites what the store holds; a row equal to the stored one counts
unchanged and writes nothing, so re-importing a file is free. Rows repeated within one batch
merge. Existing rows are looked up per batch (memory stays bounded).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from creatorctl.importers.base import ImportContext, Row
from creatorctl.timeutil import local_to_utc, to_db

CHUNK = 400


def db_value(value: Any) -> Any:
    """How a parsed value is stored: dates ISO; datetimes (local, as parsers give them) in UTC
    in the store's one form (`timeutil.to_db`)."""
    if isinstance(value, datetime):
        return to_db(local_to_utc(value))
    if isinstance(value, date):
        return value.isoformat()
    return value


def upsert(
    ctx: ImportContext,
    rows: Sequence[Row],
    table: str,
    *,
    key: Sequence[str],
    fields: Sequence[str],
    fixed: Mapping[str, Any] | None = None,
    insert_defaults: Mapping[str, Any] | None = None,
    to_db: Callable[[Any], Any] = db_value,
) -> range:
    """Insert or update `rows` of `table`, identified by `fixed` columns plus the `key` columns
    (row key == column name), and count each row on `ctx`. `fields` are the value columns;
    `insert_defaults` gives a new record's value for an empty cell (else NULL).

    Returns the rowids of the records inserted (they are consecutive: inside the import's
    write transaction nothing else inserts), e.g. to index them for search in one statement.
    """
    conn = ctx.conn
    fixed = dict(fixed or {})
    defaults = dict(insert_defaults or {})
    where = " AND ".join(f"{c} = ?" for c in fixed) or "1=1"
    have: dict[tuple, list] = {}
    keys = list(dict.fromkeys(tuple(to_db(r[k]) for k in key) for r in rows))
    cols = ", ".join((*key, *fields))
    for i in range(0, len(keys), CHUNK):
        chunk = keys[i : i + CHUNK]
        if len(key) == 1:
            match = f"{key[0]} IN ({','.join('?' * len(chunk))})"
            params = [k[0] for k in chunk]
        else:
            one = f"({','.join('?' * len(key))})"
            match = f"({', '.join(key)}) IN (VALUES {','.join([one] * len(chunk))})"
            params = [v for k in chunk for v in k]
        sql = f"SELECT {cols} FROM {table} WHERE {where} AND {match}"
        for r in conn.execute(sql, [*fixed.values(), *params]):
            have[tuple(r[: len(key)])] = list(r[len(key) :])
    new: dict[tuple, list] = {}
    dirty: dict[tuple, list] = {}
    added = updated = unchanged = 0
    for row in rows:
        k = tuple(to_db(row[c]) for c in key)
        values = [to_db(row[f]) for f in fields]
        old = have.get(k)
        if old is None:
            merged = [
                v if v is not None else defaults.get(f) for f, v in zip(fields, values, strict=True)
            ]
            have[k] = new[k] = merged
            added += 1
            continue
        merged = [v if v is not None else o for v, o in zip(values, old, strict=True)]
        if merged == old:
            unchanged += 1
            continue
        old[:] = merged
        if k not in new:
            dirty[k] = old
        updated += 1
    fixed_cols = list(fixed)
    inserted = range(0)
    if new:
        top = conn.last_id(table)
        inserted = range(top + 1, top + 1 + len(new))
        names = ", ".join((*fixed_cols, *key, *fields))
        marks = ", ".join("?" * (len(fixed_cols) + len(key) + len(fields)))
        conn.executemany(
            f"INSERT INTO {table}({names}) VALUES ({marks})",
            [(*fixed.values(), *k, *v) for k, v in new.items()],
        )
    if dirty:
        sets = ", ".join(f"{f} = ?" for f in fields)
        match = " AND ".join(f"{c} = ?" for c in (*fixed_cols, *key))
        conn.executemany(
            f"UPDATE {table} SET {sets} WHERE {match}",
            [(*v, *fixed.values(), *k) for k, v in dirty.items()],
        )
    ctx.added(added)
    ctx.updated(updated)
    ctx.unchanged(unchanged)
    return inserted
