"""Putting many comments in at once (demo, import, reply) and flagging them again.

The comment insert trigger indexes each row for search; bulk loads pause it with a setting
row (no schema change) and index the new rows in one statement at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from creatorctl.inbox.flags import comment_flags
from creatorctl.store import Store

BULK_CACHE_KIB = 32_768
PAUSE_KEY = "comment_fts_paused"
"""While this setting exists the comment insert trigger does not index (migration 0005)."""


def pause_search_index(raw: sqlite3.Connection) -> int:
    """Before inserting many comments in one transaction: stop indexing row by row.

    Returns the id after which new rows will be; `resume_search_index` indexes them in one
    statement (about four times faster than the trigger). The pause is a row written in the
    same transaction, so a rollback undoes it and other connections never see it.
    """
    start = int(raw.execute("SELECT coalesce(max(id), 0) FROM comment").fetchone()[0])
    raw.execute("INSERT OR REPLACE INTO setting(key, value) VALUES (?, '1')", (PAUSE_KEY,))
    # The most-liked and platform-id indexes take rows in random order: a larger page cache
    # for the load halves its time (put back by resume_search_index).
    raw.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    return start


def resume_search_index(raw: sqlite3.Connection, start: int) -> None:
    raw.execute("PRAGMA cache_size=-2000")
    raw.execute("DELETE FROM setting WHERE key = ?", (PAUSE_KEY,))
    raw.execute(
        "INSERT INTO comment_fts(rowid, content, nickname) "
        "SELECT id, content, nickname FROM comment WHERE id > ?",
        (start,),
    )


@contextmanager
def bulk_loading(raw: sqlite3.Connection) -> Iterator[None]:
    """Pause and resume the search index around a block of inserts."""
    start = pause_search_index(raw)
    yield
    resume_search_index(raw, start)


def reflag_comments(store: Store, account_id: int, words: Sequence[str]) -> int:
    """Compute every comment's flags again (after the word list changed); returns how many
    comments' flags changed."""
    changed = 0
    last = 0
    while True:
        with store.write() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            rows = raw.execute(
                "SELECT id, content, flags FROM comment WHERE account_id=? AND id>? "
                "ORDER BY id LIMIT 20000",
                (account_id, last),
            ).fetchall()
            if not rows:
                return changed
            updates = [
                (new, cid)
                for cid, content, old in rows
                if (new := comment_flags(content, words)) != old
            ]
            raw.executemany("UPDATE comment SET flags=? WHERE id=?", updates)
            changed += len(updates)
            last = rows[-1][0]


ROW_COLUMNS = (
    "account_id, work_id, comment_id, user_id, nickname, content, created_at, likes, "
    "parent_id, is_mine, reply_text, send_status, flags"
)
"""The order of the tuples `insert_rows` takes."""


def insert_rows(raw: sqlite3.Connection, rows: Sequence[tuple[object, ...]]) -> int:
    """Insert comment tuples (`ROW_COLUMNS`, flags computed) in one statement; rows whose
    (work, comment_id) exists are skipped. Returns how many were added.

    The rows go to a temporary table first and then in with one INSERT … SELECT: the comment
    table's insert trigger makes each separate INSERT statement costly (about three times the
    row itself), one statement pays it once.
    """
    if not rows:
        return 0
    raw.execute(f"CREATE TEMP TABLE IF NOT EXISTS comment_stage({ROW_COLUMNS})")
    raw.executemany(f"INSERT INTO temp.comment_stage VALUES ({','.join('?' * 13)})", rows)
    cur = raw.execute(
        f"INSERT OR IGNORE INTO comment({ROW_COLUMNS}) "
        f"SELECT {ROW_COLUMNS} FROM temp.comment_stage ORDER BY rowid"
    )
    added = max(0, int(cur.rowcount))
    raw.execute("DELETE FROM temp.comment_stage")
    return added


def insert_comments(
    raw: sqlite3.Connection, rows: Sequence[dict[str, object]], words: Sequence[str]
) -> int:
    """Insert comments (dicts with the table's columns), flagging each.

    Platform duplicates (same work and comment_id) are skipped, so re-importing adds nothing.
    Returns how many were added.
    """
    added = insert_rows(
        raw,
        [
            (
                r["account_id"],
                r["work_id"],
                r.get("comment_id"),
                r.get("user_id", ""),
                r.get("nickname", ""),
                r["content"],
                str(r["created_at"]),
                r.get("likes", 0),
                r.get("parent_id"),
                r.get("is_mine", False),
                r.get("reply_text"),
                r.get("send_status", ""),
                comment_flags(str(r["content"]), words),
            )
            for r in rows
        ],
    )
    # One pinned comment per work: a later pinned row wins over an earlier one.
    for r in rows:
        if r.get("pinned") and r.get("comment_id") is not None:
            raw.execute("UPDATE comment SET pinned=0 WHERE work_id=? AND pinned", (r["work_id"],))
            raw.execute(
                "UPDATE comment SET pinned=1 WHERE work_id=? AND comment_id=?",
                (r["work_id"], r["comment_id"]),
            )
    return added
