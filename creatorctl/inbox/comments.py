"""Comments: newest or most liked, per work or across the account, searched, pinned, trashed.

Lists page by keyset (id rises with time; most-liked pages on (likes, id)), so any page costs
what the first does. A search drives the query from the trigram index in rowid order and stops
after a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from creatorctl.audit import record
from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.inbox.comment_plan import (
    LIKED_TABLE,
    SORT_HITS_MAX,
    Plan,
    has_bigrams,
    liked_first,
    plan_search,
    search_index,
)
from creatorctl.inbox.flags import parse_flags
from creatorctl.search import (
    PG_GRAMS,
    fts_expression,
    like_clause,
    pg_clause,
    split_terms,
    uses_fts,
)
from creatorctl.sorting import COMMENT_SORTS
from creatorctl.store import Store
from creatorctl.timeutil import from_db, utc_to_local

COUNT_CAP = 10_000
"""Totals stop counting here (shown as "10,000+"): an exact count of a million rows costs more
than the page itself."""
SEARCH_COUNT_CAP = 1_000
"""Search totals stop here: each hit is checked against its comment row."""
Cursor = tuple[int, ...]
"""Where a keyset page ends: (id,) newest first, (likes, id) most liked."""


@dataclass(frozen=True)
class CommentRow:
    """One comment as lists show it."""

    id: int
    work_id: int
    work_title: str
    comment_id: str | None
    user_id: str
    nickname: str
    content: str
    created_at: datetime
    """Local time."""
    likes: int
    pinned: bool
    parent_id: int | None
    is_mine: bool
    reply_text: str | None
    send_status: str
    flags: tuple[str, ...]

    def cursor(self, sort: str) -> Cursor:
        return (self.likes, self.id) if sort == "likes" else (self.id,)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "work_id": self.work_id,
            "work_title": self.work_title,
            "comment_id": self.comment_id,
            "user_id": self.user_id,
            "nickname": self.nickname,
            "content": self.content,
            "created_at": self.created_at.isoformat(sep=" "),
            "likes": self.likes,
            "pinned": self.pinned,
            "parent_id": self.parent_id,
            "is_mine": self.is_mine,
            "reply_text": self.reply_text,
            "send_status": self.send_status,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class CommentFilter:
    """Which comments a list shows."""

    account_id: int
    work_id: int | None = None
    sort: str = COMMENT_SORTS.default
    query: str = ""
    flagged: bool = False


_COLUMNS = (
    "c.id, c.work_id, w.title AS work_title, c.comment_id, c.user_id, c.nickname, c.content, "
    "c.created_at, c.likes, c.pinned, c.parent_id, c.is_mine, c.reply_text, c.send_status, "
    "c.flags"
)


_WORK_JOIN = " JOIN work w ON w.id = c.work_id"
BANDS = {"liked": "c.likes > 0", "zero": "c.likes = 0", "below": "c.likes < 0"}


def _row(r: Any) -> CommentRow:
    return CommentRow(
        id=r.id,
        work_id=r.work_id,
        work_title=r.work_title,
        comment_id=r.comment_id,
        user_id=r.user_id,
        nickname=r.nickname,
        content=r.content,
        created_at=utc_to_local(from_db(r.created_at)),
        likes=r.likes,
        pinned=bool(r.pinned),
        parent_id=r.parent_id,
        is_mine=bool(r.is_mine),
        reply_text=r.reply_text,
        send_status=r.send_status,
        flags=parse_flags(r.flags),
    )


def _from_where(
    f: CommentFilter,
    params: dict[str, object],
    few_hits: bool = False,
    bigram: bool = False,
    dialect: str = "sqlite",
    like_walk: bool = False,
    band: str = "",
) -> tuple[str, str, str]:
    """(FROM, WHERE, the id column to order by) for a filter.

    With a search of 3+ character terms the FTS table leads (CROSS JOIN keeps it outer) so rows
    come out in rowid order and the page stops early. Without them, two-character terms lead
    the same way from the bigram index when the store has one (`bigram`); LIKE still decides.
    PostgreSQL has no FTS table: every term is a LIKE/ILIKE test, and with `bigram` also a
    bigram-index condition (`search.pg_clause`); `comment_search_pg` picks which to send.
    `few_hits` and `like_walk` (SQLite) come from `comment_plan.plan_search`; `band` ("liked",
    "zero", "below") keeps one range of likes, "liked" from the liked comments' index.
    """
    COMMENT_SORTS.check(f.sort)
    conds = ["c.deleted_at IS NULL"]
    if f.work_id is not None:
        # The work's own index: the account follows from the work (checked by the caller).
        params["wid"] = f.work_id
        conds.append("c.work_id = :wid")
    else:
        params["acc"] = f.account_id
        conds.append("c.account_id = :acc")
    if f.flagged:
        conds.append("c.flags <> ''")
    long_terms, short_terms = split_terms(f.query.strip())
    if not uses_fts(dialect):
        # PostgreSQL: LIKE decides; with `bigram`, terms also name their bigrams (GIN index).
        columns = ("c.content", "c.nickname")
        terms, long_terms, short_terms = f.query.split(), [], []
        conds.append(pg_clause(terms, params, columns, PG_GRAMS["comment"], index=bigram))
    if short_terms:
        columns = ("c.content", "c.nickname")
        conds.append(like_clause(short_terms, params, columns, dialect=dialect))
    source = "comment c"
    if f.flagged and f.work_id is None and not long_terms and f.sort == "new" and uses_fts(dialect):
        # The planner prefers the account index and filters; the partial index holds only
        # flagged comments, in id order.
        source = "comment c INDEXED BY ix_comment_flagged"
    id_col = "c.id"
    index, terms = search_index(f, bigram) if uses_fts(dialect) else ("", [])
    if band:
        conds.append(BANDS[band])
        index = LIKED_TABLE if band == "liked" else index
    if index:
        params["fts"] = fts_expression(terms)
        if (f.sort == "new" and f.work_id is None) or few_hits:
            source = f"{index} CROSS JOIN comment c ON c.id = {index}.rowid"
            id_col = f"{index}.rowid"
            conds.append(f"{index} MATCH :fts")
        elif like_walk:
            # Hits are dense: walk the likes (or the work's) index and let LIKE test each row,
            # which for these terms finds what the index does (`like_decides`).
            if long_terms:  # (two-character terms have their LIKE already)
                columns = ("c.content", "c.nickname")
                conds.append(like_clause(long_terms, params, columns, prefix="w"))
        else:
            # Many hits, most liked first, or one work's comments: walk that index and probe
            # the hit set (a work holds a sliver of the account's hits).
            # (`+` keeps SQLite from looking up each hit in a work's index and sorting them.)
            probe = "+c.id" if f.work_id is not None else "c.id"
            conds.append(f"{probe} IN (SELECT rowid FROM {index} WHERE {index} MATCH :fts)")
    return source + _WORK_JOIN, " AND ".join(conds), id_col


def list_comments(
    store: Store,
    f: CommentFilter,
    *,
    after: Cursor | None = None,
    offset: int = 0,
    limit: int = 100,
    plan: Plan | None = None,
) -> list[CommentRow]:
    """A page of comments after `after` (a keyset cursor), else at `offset` (`plan`: one
    `plan_search` gave for this filter, so a pager asks once)."""
    if store.engine.dialect.name == "postgresql" and f.query.strip():
        from creatorctl.inbox.comment_search_pg import list_found

        return list_found(store, f, after=after, offset=offset, limit=limit)
    if liked_first(store, f):
        return _liked_first(store, f, after, offset, limit)
    few, walk = plan if plan is not None else plan_search(store, f)
    return _page(store, f, (few, walk), after, offset, limit)


def _page(
    store: Store,
    f: CommentFilter,
    plan: Plan,
    after: Cursor | None,
    offset: int,
    limit: int,
    band: str = "",
) -> list[CommentRow]:
    params: dict[str, object] = {"lim": max(0, limit)}
    dialect = store.engine.dialect.name
    few, walk = plan
    bigram = has_bigrams(store)
    source, where, id_col = _from_where(f, params, few, bigram, dialect, walk, band=band)
    if f.sort == "likes" and band != "zero":
        order = f"c.likes DESC, {id_col} DESC"
        if after is not None:
            params["al"], params["ai"] = after
            where += f" AND (c.likes, {id_col}) < (:al, :ai)"
    else:  # (the zero band is most-liked order too: all its likes are 0)
        order = f"{id_col} DESC"
        if after is not None:
            params["ai"] = after[-1]
            where += f" AND {id_col} < :ai"
    page = " LIMIT :lim"
    if after is None and offset:
        page += " OFFSET :off"
        params["off"] = offset
    if uses_fts(dialect):
        # The page's ids first, then its rows: a sort (a most-liked search) then carries two
        # numbers per hit, not every column and the work's title (half its time at 3,000 hits).
        inner = source.replace(_WORK_JOIN, "")
        outer = "p.likes DESC, p.id DESC" if f.sort == "likes" else "p.id DESC"
        sql = (
            f"SELECT {_COLUMNS} FROM (SELECT {id_col} AS id, c.likes AS likes FROM {inner} "
            f"WHERE {where} ORDER BY {order}{page}) AS p "
            f"CROSS JOIN comment c ON c.id = p.id{_WORK_JOIN} ORDER BY {outer}"
        )
    else:
        sql = f"SELECT {_COLUMNS} FROM {source} WHERE {where} ORDER BY {order}{page}"
    with store.read() as conn:
        return [_row(r) for r in conn.execute(sa.text(sql), params)]


def _liked_first(
    store: Store, f: CommentFilter, after: Cursor | None, offset: int, limit: int
) -> list[CommentRow]:
    """A most-liked two-character search in three bands of likes, each from its own index:
    the liked hits (from the liked comments' bigram index: few even when the hits are many,
    such as spam nobody likes), sorted; then the hits nobody liked, newest first, which is
    most-liked order among them (stops after a page); then any below 0."""
    need = max(0, limit) + (offset if after is None else 0)
    liked_hits = _count_liked(store, f)
    rows = _page(store, f, (liked_hits <= SORT_HITS_MAX, False), after, 0, need, "liked")
    if len(rows) < need and (after is None or after[0] >= 0):
        start = after if after is not None and after[0] == 0 else None
        rows += _page(store, f, (True, False), start, 0, need - len(rows), "zero")
    if len(rows) < need:
        start = after if after is not None and after[0] < 0 else None
        rows += _page(store, f, (True, False), start, 0, need - len(rows), "below")
    return rows[offset:] if after is None else rows


def _count_liked(store: Store, f: CommentFilter) -> int:
    """The liked comments' index's hits for the filter's terms, up to SORT_HITS_MAX + 1."""
    _, terms = search_index(f, True)
    sql = (
        f"SELECT count(*) FROM (SELECT 1 FROM {LIKED_TABLE} WHERE {LIKED_TABLE} MATCH :fts "
        "LIMIT :cap)"
    )
    with store.read() as conn:
        params = {"fts": fts_expression(terms), "cap": SORT_HITS_MAX + 1}
        return int(conn.execute(sa.text(sql), params).scalar_one())


def count_comments(
    store: Store, f: CommentFilter, cap: int | None = None, plan: Plan | None = None
) -> int:
    """How many comments the filter shows, up to `cap` + 1 (more than `cap` means "cap+")."""
    if cap is None:
        cap = SEARCH_COUNT_CAP if f.query.strip() else COUNT_CAP
    params: dict[str, object] = {"cap": cap + 1}
    dialect = store.engine.dialect.name
    # Order does not matter to a count: the account's hits are counted from the index.
    f = replace(f, sort="new") if f.sort in COMMENT_SORTS.keys else f
    if f.work_id is not None and uses_fts(dialect):  # (a work's plan is the same either way)
        plan = plan if plan is not None else plan_search(store, f)
    walk = plan is not None and f.work_id is not None and plan[1]
    bigram = has_bigrams(store) or dialect == "postgresql"
    source, where, _ = _from_where(f, params, bigram=bigram, dialect=dialect, like_walk=walk)
    source = source.replace(_WORK_JOIN, "")
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {where} LIMIT :cap) AS hits"
    with store.read() as conn:
        return int(conn.execute(sa.text(sql), params).scalar_one())


class CommentPager:
    """Fetches pages by offset for a paged table while querying by keyset.

    It remembers where each page it has seen ends, so the next page starts from a cursor; a
    jump (to the end) falls back to OFFSET once.
    """

    def __init__(self, store: Store, f: CommentFilter) -> None:
        self.store = store
        self.filter = f
        self._starts: dict[int, Cursor | None] = {0: None}
        self._total: int | None = None
        self._plan: Plan | None = None

    @property
    def plan(self) -> Plan:
        if self._plan is None:
            self._plan = plan_search(self.store, self.filter)
        return self._plan

    @property
    def exact_total(self) -> bool:
        """False for searches of only short terms: LIKE must read every row to count, so the
        total is what has been seen, plus one while pages keep coming full."""
        long_terms, short_terms = split_terms(self.filter.query.strip())
        return not (short_terms and not long_terms)

    @property
    def total(self) -> int:
        if self._total is None:
            if self.exact_total:
                self._total = count_comments(self.store, self.filter, plan=self.plan)
            else:
                self._total = 0
        return self._total

    def page(self, offset: int, limit: int) -> list[CommentRow]:
        if offset in self._starts:
            after = self._starts[offset]
            rows = list_comments(self.store, self.filter, after=after, limit=limit, plan=self.plan)
        else:
            rows = list_comments(
                self.store, self.filter, offset=offset, limit=limit, plan=self.plan
            )
        if rows and len(rows) == limit:
            self._starts[offset + limit] = rows[-1].cursor(self.filter.sort)
        if not self.exact_total:
            seen = offset + len(rows) + (1 if len(rows) == limit else 0)
            self._total = max(self._total or 0, seen)
        return rows

    def forget_counts(self) -> None:
        """The list changed (a delete, a restore): count again, re-page from cursors."""
        self._total = None
        self._starts = {0: None}
        self._plan = None


def get_comment(store: Store, comment_id: int, account_id: int) -> CommentRow:
    sql = (
        f"SELECT {_COLUMNS} FROM comment c JOIN work w ON w.id = c.work_id "
        "WHERE c.id = :i AND c.account_id = :a AND c.deleted_at IS NULL"
    )
    with store.read() as conn:
        r = conn.execute(sa.text(sql), {"i": comment_id, "a": account_id}).first()
    if r is None:
        raise UserError(t("inbox.err_unknown_comment", id=comment_id))
    return _row(r)


def check_work(store: Store, work_id: int, account_id: int) -> str:
    """The work's title; UserError when the account has no such work."""
    with store.read() as conn:
        title = conn.execute(
            sa.text("SELECT title FROM work WHERE id=:i AND account_id=:a AND deleted_at IS NULL"),
            {"i": work_id, "a": account_id},
        ).scalar()
    if title is None:
        raise UserError(t("err.unknown_work", id=work_id))
    return str(title)


def pin_comment(store: Store, comment_id: int, account_id: int) -> int | None:
    """Pin a comment; the work's previously pinned comment (returned) is unpinned with it."""
    c = get_comment(store, comment_id, account_id)
    with store.write() as conn:
        previous = conn.execute(
            sa.text("SELECT id FROM comment WHERE work_id=:w AND pinned AND id<>:i"),
            {"w": c.work_id, "i": c.id},
        ).scalar()
        conn.execute(sa.text("UPDATE comment SET pinned=FALSE WHERE work_id=:w"), {"w": c.work_id})
        conn.execute(sa.text("UPDATE comment SET pinned=TRUE WHERE id=:i"), {"i": c.id})
        record(conn, "edit", "comment", c.id, account_id, {"pinned": c.pinned}, {"pinned": True})
    return previous


def unpin_comment(store: Store, comment_id: int, account_id: int) -> None:
    c = get_comment(store, comment_id, account_id)
    with store.write() as conn:
        conn.execute(sa.text("UPDATE comment SET pinned=FALSE WHERE id=:i"), {"i": c.id})
        record(conn, "edit", "comment", c.id, account_id, {"pinned": c.pinned}, {"pinned": False})


def delete_comments(store: Store, ids: Sequence[int], account_id: int) -> int:
    """Move comments to the trash; all or nothing (an unknown id deletes none)."""
    rows = [get_comment(store, i, account_id) for i in ids]
    from creatorctl.trash import move_to_trash

    with store.write() as conn:
        return move_to_trash(
            conn,
            account_id=account_id,
            entity="comment",
            ids=[r.id for r in rows],
            labels=[f"{r.nickname}: {r.content}" for r in rows],
        )


def restore_comments(store: Store, ids: Sequence[int], account_id: int) -> int:
    """Bring trashed comments back (by comment id)."""
    from creatorctl.trash import restore

    trash_ids: list[int] = []
    with store.read() as conn:
        for i in ids:
            tid = conn.execute(
                sa.text(
                    "SELECT id FROM trash WHERE entity='comment' AND entity_id=:i AND "
                    "account_id=:a ORDER BY id DESC LIMIT 1"
                ),
                {"i": i, "a": account_id},
            ).scalar()
            if tid is None:
                raise UserError(t("err.not_in_trash", id=i))
            trash_ids.append(int(tid))
    return restore(store, trash_ids)


def count_flagged(store: Store, account_id: int, work_id: int | None = None) -> int:
    return count_comments(
        store, CommentFilter(account_id, work_id=work_id, flagged=True), cap=10_000_000
    )


def purge_flagged(store: Store, account_id: int, work_id: int | None = None) -> int:
    """Move every flagged comment (of a work, or of the account) to the trash at once."""
    params: dict[str, object] = {"a": account_id}
    sql = (
        "SELECT id, nickname, content FROM comment WHERE account_id=:a AND flags <> '' "
        "AND deleted_at IS NULL"
    )
    if work_id is not None:
        sql += " AND work_id=:w"
        params["w"] = work_id
    from creatorctl.trash import move_to_trash

    with store.write(long="purge") as conn:
        rows = conn.execute(sa.text(sql), params).all()
        return move_to_trash(
            conn,
            account_id=account_id,
            entity="comment",
            ids=[r.id for r in rows],
            labels=[f"{r.nickname}: {r.content}" for r in rows],
        )
