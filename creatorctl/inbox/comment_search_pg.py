"""A page of searched comments on PostgreSQL, whether the term is rare or common.

The bigram GIN index (migration 0016) finds a term's rows in any order, so a page from it
costs a fetch of every hit and a sort: quick for a rare term, slow for one in every fiftieth
comment (19,000 fetches for 收藏了). A common term is found sooner by walking the list's own
order (newest by id, most liked by the likes index) and testing each row with LIKE, a walk
that would read the whole table for a rare term. So, as SQLite's side does with its capped hit
count (`comments._few_hits`):

1. `_probe`: the index's first `PROBE` hits (the table's physical order, which is id order for
   an append-mostly table): fewer than that, and the index page is cheap; else how densely the
   hits lie in the ids they span;
2. dense enough that the page lies within `WALK_MAX_NEW` newest ids / `WALK_MAX_LIKES` most
   liked rows: walk that window with the LIKE tests only. A full page there is the page, since
   every row after the window sorts after it;
3. else (or the window came up short) the index page, sorted with ``+ 0`` so that the planner
   does not walk the btree instead with the bigram test computed per row (it underestimates
   how many rows hold several bigrams). The work titles are joined to the page only.

A work's own comments are one query along the work's index, with the LIKE tests.
"""

from __future__ import annotations

from dataclasses import replace

import sqlalchemy as sa

from creatorctl.inbox.comments import (
    _COLUMNS,
    CommentFilter,
    CommentRow,
    Cursor,
    _from_where,
    _row,
)
from creatorctl.search import PG_GRAMS, pg_bigram_term, pg_clause
from creatorctl.store import Store

PROBE = 100
"""Index hits probed (each one is a fetch) before choosing how to fetch the page."""
WALK_MAX_NEW = 60_000
"""Newest ids a search walks at most (in id order: a few hundred pages)."""
WALK_MAX_LIKES = 10_000
"""Most liked rows a search walks at most (each a fetch of its own)."""


def _query(f: CommentFilter, after: Cursor | None, *, index: bool) -> tuple[str, dict[str, object]]:
    """The page query; with `index`, its sort kept off the btrees (module docstring, 3)."""
    params: dict[str, object] = {}
    _, where, _ = _from_where(f, params, bigram=index, dialect="postgresql")
    plus = " + 0" if index else ""
    if f.sort == "likes":
        order, inner = "c.likes DESC, c.id DESC", f"c.likes{plus} DESC, c.id DESC"
        if after is not None:
            params["al"], params["ai"] = after
            where += " AND (c.likes, c.id) < (:al, :ai)"
    else:
        order, inner = "c.id DESC", f"c.id{plus} DESC"
        if after is not None:
            params["ai"] = after[0]
            where += " AND c.id < :ai"
    page = f"SELECT c.* FROM comment c WHERE {where} ORDER BY {inner} LIMIT :lim"
    return (
        f"SELECT {_COLUMNS} FROM ({page}) AS c JOIN work w ON w.id = c.work_id ORDER BY {order}",
        params,
    )


def _probe(conn: sa.Connection, f: CommentFilter) -> float | None:
    """How densely the search's hits lie among the comments' ids (hits per id); None when the
    index holds fewer than `PROBE` of them."""
    params: dict[str, object] = {"probe": PROBE}
    _, where, _ = _from_where(f, params, bigram=True, dialect="postgresql")
    sql = (
        "SELECT count(*), max(id), (SELECT min(id) FROM comment) FROM "
        f"(SELECT c.id FROM comment c WHERE {where} LIMIT :probe) AS hits"
    )
    n, last, first = conn.execute(sa.text(sql), params).one()
    if n < PROBE:
        return None
    return float(n) / max(1, int(last) - int(first) + 1)


def _walk(
    conn: sa.Connection, f: CommentFilter, after: Cursor | None, limit: int, window: int
) -> list[CommentRow] | None:
    """The page from the first `window` rows of the list's order, None when they hold too
    few."""
    params: dict[str, object] = {"lim": limit, "win": window}
    _, base, _ = _from_where(replace(f, query=""), params, dialect="postgresql")
    columns = ("c.content", "c.nickname")
    test = pg_clause(f.query.split(), params, columns, PG_GRAMS["comment"], index=False)
    if f.sort == "likes":
        if after is not None:
            params["al"], params["ai"] = after
            base += " AND (c.likes, c.id) < (:al, :ai)"
        order = "c.likes DESC, c.id DESC"
        source = f"(SELECT * FROM comment c WHERE {base} ORDER BY {order} LIMIT :win) AS c"
        where = test
    else:
        if after is not None:
            params["ai"] = after[0]
            base += " AND c.id < :ai AND c.id >= :ai - :win"
        else:
            base += " AND c.id >= (SELECT max(id) + 1 FROM comment) - :win"
        order = "c.id DESC"
        source, where = "comment c", f"{base} AND {test}"
    sql = (
        f"SELECT {_COLUMNS} FROM {source} JOIN work w ON w.id = c.work_id "
        f"WHERE {where} ORDER BY {order} LIMIT :lim"
    )
    rows = [_row(r) for r in conn.execute(sa.text(sql), params)]
    return rows if len(rows) >= limit else None


def list_found(
    store: Store, f: CommentFilter, *, after: Cursor | None, offset: int, limit: int
) -> list[CommentRow]:
    """A page of the comments matching `f.query` (see the module docstring)."""
    # A work's comments: its own index walked with the LIKE tests (a work holds a sliver of
    # the account's hits, which the bigram index would fetch all of).
    indexed = f.work_id is None and any(pg_bigram_term(x) for x in f.query.split())
    with store.read() as conn:
        keyset = not (after is None and offset)
        if indexed and limit > 0 and keyset:
            density = _probe(conn, f)
            if density is not None:
                most = WALK_MAX_LIKES if f.sort == "likes" else WALK_MAX_NEW
                window = int(1.5 * limit / density) if density > 0 else most + 1
                if window <= most:
                    rows = _walk(conn, f, after, limit, window)
                    if rows is not None:
                        return rows
        sql, params = _query(f, after, index=indexed)
        params["lim"] = max(0, limit)
        if after is None and offset:
            sql = sql.replace(" LIMIT :lim", " LIMIT :lim OFFSET :off", 1)
            params["off"] = offset
        return [_row(r) for r in conn.execute(sa.text(sql), params)]
