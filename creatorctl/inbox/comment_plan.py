"""How a comment search reaches its rows (SQLite): driven from the trigram or bigram index,
all hits sorted, the hit set probed along a walk of the likes (or a work's) index, or that walk
testing each row with LIKE — chosen from a capped count of the hits and, for most-liked
searches, how often the newest hits are liked (issue 15)."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import sqlalchemy as sa

from creatorctl.search import bigram_term, fts_expression, split_terms, uses_fts
from creatorctl.store import Store

if TYPE_CHECKING:
    from creatorctl.inbox.comments import CommentFilter

SORT_HITS_MAX = 5_000
WALK_HITS_MIN = 60_000
"""From this many hits a most-liked or one work's search walks its index testing each row with
LIKE, not against the hit set: building that set costs each hit (194,000 on the huge demo:
45 ms), the walk about 100 / density rows."""


def search_index(f: CommentFilter, bigram: bool) -> tuple[str, list[str]]:
    """The index a search is driven from and the terms it matches: the trigram index for terms
    of 3+ characters, else the bigram index for two-character ones ("" when neither)."""
    long_terms, short_terms = split_terms(f.query.strip())
    if long_terms:
        return "comment_fts", long_terms
    indexed = [x for x in short_terms if bigram_term(x)]
    if bigram and indexed:
        return BIGRAM_TABLE, indexed
    return "", []


_TABLES: weakref.WeakKeyDictionary[Store, dict[str, bool]] = weakref.WeakKeyDictionary()
BIGRAM_TABLE = "comment_bigram"
LIKED_TABLE = "comment_liked_bigram"
"""The bigram index of liked comments only (migration 0017)."""


def has_table(store: Store, name: str) -> bool:
    """Whether a SQLite store has a search table (remembered per store)."""
    known = _TABLES.setdefault(store, {})
    if name not in known:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"
        found = False
        if store.engine.dialect.name == "sqlite":
            with store.read() as conn:
                found = conn.execute(sa.text(sql), {"n": name}).first() is not None
        known[name] = found
    return known[name]


def has_bigrams(store: Store) -> bool:
    """Whether the store has the two-character index (SQLite stores from migration 0010)."""
    return has_table(store, BIGRAM_TABLE)


def liked_first(store: Store, f: CommentFilter) -> bool:
    """Whether a most-liked search takes its liked hits from the liked comments' bigram index
    and the rest newest first (`comments._liked_first`): the account's, two-character terms."""
    return (
        f.sort == "likes"
        and f.work_id is None
        and search_index(f, has_bigrams(store))[0] == BIGRAM_TABLE
        and has_table(store, LIKED_TABLE)
    )


def like_decides(term: str) -> bool:
    """Whether LIKE finds exactly what the trigram index finds for a term: the index folds the
    case of every script, LIKE only ASCII's, so the term may hold no cased letter (Chinese,
    digits, punctuation) — nor any ASCII letter, which other scripts' letters fold to (K, ſ)."""
    return all(c.lower() == c.upper() for c in term)


Plan = tuple[bool, bool]
"""How a search reaches its rows: (few_hits, like_walk), see `plan_search`."""


def plan_search(store: Store, f: CommentFilter) -> Plan:
    """(few_hits, like_walk) for a most-liked or one work's search, from a capped count of the
    index's hits: few enough to sort them all; else so many that walking the likes (or the
    work's) index with LIKE beats building the hit set; between the two, that set is built and
    probed while walking. (Rare hits make the walk long; many make the set costly.)"""
    index, terms = search_index(f, has_bigrams(store))
    if not index or not uses_fts(store.engine.dialect.name):
        return False, False
    if (f.sort != "likes" and f.work_id is None) or liked_first(store, f):
        return False, False
    long_terms, _ = split_terms(f.query.strip())
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {index} WHERE {index} MATCH :fts LIMIT :cap)"
    params = {"fts": fts_expression(terms), "cap": WALK_HITS_MIN, "acc": f.account_id}
    with store.read() as conn:
        n = int(conn.execute(sa.text(sql), params).scalar_one())
        few = f.sort == "likes" and n <= SORT_HITS_MAX
        # (LIKE decides two-character terms already.)
        walk = n >= WALK_HITS_MIN and all(map(like_decides, long_terms))
        # Down the account's likes a walk must pass every liked comment before it meets hits
        # nobody likes (spam: 微信, 31,000 on the huge demo: 450 ms): sort those instead.
        account_likes = f.sort == "likes" and f.work_id is None
        if account_likes and not few and _rarely_liked(conn, index, params):
            few, walk = n < WALK_HITS_MIN, False
    return few, walk


SAMPLE = 200
"""Comments sampled (the newest) to compare how often hits and all comments are liked."""


def _rarely_liked(conn: sa.Connection, index: str, params: dict[str, object]) -> bool:
    """Whether the account's newest hits are liked less than half as often as its newest
    comments."""
    return _liked_share(conn, index, params) < _liked_share(conn, "", params) / 2


def _liked_share(conn: sa.Connection, index: str, params: dict[str, object]) -> float:
    """The share of liked comments among the account's newest hits (or newest comments)."""
    if index:
        src = f"{index} CROSS JOIN comment c ON c.id = {index}.rowid"
        where, order = f"{index} MATCH :fts AND ", f"{index}.rowid"
    else:
        src, where, order = "comment c", "", "c.id"
    sql = (
        f"SELECT count(*), sum(likes > 0) FROM (SELECT c.likes FROM {src} WHERE {where}"
        f"c.account_id = :acc AND c.deleted_at IS NULL ORDER BY {order} DESC LIMIT {SAMPLE})"
    )
    seen, liked = conn.execute(sa.text(sql), params).one()
    return int(liked or 0) / int(seen) if seen else 0.0
