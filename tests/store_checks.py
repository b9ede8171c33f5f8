"""Checks on a store's contents shared by the schema, migration and stored-time tests."""

from __future__ import annotations

import re

import sqlalchemy as sa

from creatorctl.models import metadata
from creatorctl.store import Store

ONE_FORM = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")
"""timeutil.to_db's form: UTC, microseconds, 26 characters."""


def instant_columns() -> dict[str, list[str]]:
    """Every DateTime column of the models, by table."""
    return {
        t.name: cols
        for t in metadata().sorted_tables
        if (cols := [c.name for c in t.columns if c.type._type_affinity is sa.DateTime])
    }


def bad_instants(store: Store) -> tuple[int, list[tuple[str, str, object]]]:
    """(values checked, values not in the one form) over every DateTime column."""
    checked, bad = 0, []
    with store.read() as conn:
        for table, cols in instant_columns().items():
            for c in cols:
                sql = f"SELECT {c} FROM {table} WHERE {c} IS NOT NULL"
                for (v,) in conn.execute(sa.text(sql)):
                    checked += 1
                    if not (isinstance(v, str) and ONE_FORM.match(v)):
                        bad.append((table, c, v))
    return checked, bad
