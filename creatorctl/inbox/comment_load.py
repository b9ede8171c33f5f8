"""Putting many comments in at once (demo, import, reply) and flagging them again.

The comment insert triggers index each row for search (trigram and bigram); bulk loads pause
them with a setting row (no schema change) and index the new rows in one statement each at the
end.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from creatorctl.inbox.flags import comment_flags
from creatorctl.store import Store
from creatorctl.store_bulk import Bulk
from creatorctl.timeutil import from_db, to_db

PAUSE_KEY = "comment_fts_paused"
"""While this setting exists the comment insert trigger does not index (migration 0005). Its
value is the last id before the pause: the liked index's triggers (migration 0017) leave the
rows after it, not yet indexed, alone."""


def pause_search_index(work: Bulk) -> int:
    """Before inserting many comments in one transaction: stop indexing row by row.

    Returns the id after which new rows will be; `resume_search_index` indexes them in one
    statement (about four times faster than the trigger). The pause is a row written in the
    same transaction, so a rollback undoes it and other connections never see it.
    PostgreSQL's search index is a pg_trgm index on the table itself: nothing to pause there.
    """
    start = int(work.execute("SELECT coalesce(max(id), 0) FROM comment").fetchone()[0])
    if work.is_sqlite:
        work.execute(
            "INSERT INTO setting(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (PAUSE_KEY, str(start)),
        )
    return start


def resume_search_index(work: Bulk, start: int) -> None:
    """Index the comments after id `start` for search, and let the trigger index new ones
    again."""
    if not work.is_sqlite:
        return
    work.execute("DELETE FROM setting WHERE key = ?", (PAUSE_KEY,))
    # Merging the index's segments less eagerly while many rows go in saves a fifth of the
    # time; the setting is the table's, so it is put back (the default is 4).
    row = work.execute("SELECT v FROM comment_fts_config WHERE k = 'automerge'").fetchone()
    work.execute("INSERT INTO comment_fts(comment_fts, rank) VALUES ('automerge', 16)")
    work.execute(
        "INSERT INTO comment_fts(rowid, content, nickname) "
        "SELECT id, content, nickname FROM comment WHERE id > ?",
        (start,),
    )
    work.execute(
        "INSERT INTO comment_fts(comment_fts, rank) VALUES ('automerge', ?)",
        (int(row[0]) if row else 4,),
    )
    if has_bigram_index(work):
        work.execute(
            "INSERT INTO comment_bigram(rowid, grams) "
            "SELECT id, creatorctl_bigrams(content, nickname) FROM comment WHERE id > ?",
            (start,),
        )
    if has_bigram_index(work, "comment_liked_bigram"):
        work.execute(
            "INSERT INTO comment_liked_bigram(rowid, grams) "
            "SELECT id, creatorctl_bigrams(content, nickname) FROM comment "
            "WHERE id > ? AND likes > 0",
            (start,),
        )


def has_bigram_index(work: Bulk, table: str = "comment_bigram") -> bool:
    """Whether the store has a two-character search index (migrations 0010, 0017)."""
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return work.execute(sql, (table,)).fetchone() is not None


@contextmanager
def bulk_loading(work: Bulk) -> Iterator[None]:
    """Pause and resume the search index around a block of inserts (`Store.bulk` gives the
    connection its page cache)."""
    start = pause_search_index(work)
    yield
    resume_search_index(work, start)


def reflag_comments(store: Store, account_id: int, words: Sequence[str]) -> int:
    """Compute every comment's flags again (after the word list changed); returns how many
    comments' flags changed."""
    changed = 0
    last = 0
    while True:
        with store.write() as conn:
            work = store.unit(conn)
            rows = work.execute(
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
            work.executemany("UPDATE comment SET flags=? WHERE id=?", updates)
            changed += len(updates)
            last = rows[-1][0]


ROW_COLUMNS = (
    "account_id, work_id, comment_id, user_id, nickname, content, created_at, likes, "
    "parent_id, is_mine, reply_text, send_status, flags"
)
"""The order of the tuples `insert_rows` takes."""


def local_key(user_id: object, nickname: object, created_utc: str, content: str) -> str:
    """The comment_id of a comment with no platform id: who wrote what when. Imports compute
    it for such rows, and every comment made here (demo, replies) gets it too, so exporting
    comments and importing the file back finds them instead of adding them twice. Empty
    user ids and nicknames are None here, as an import reads them. The time is hashed as
    ``str(datetime)`` (what every release before the one stored form hashed), whatever form it
    comes in, so keys in older stores still match."""
    return local_key_at(user_id, nickname, from_db(created_utc), content)


def local_key_at(user_id: object, nickname: object, created: datetime | str, content: str) -> str:
    """`local_key` of a comment whose UTC time is at hand as a datetime, or as its ``str()``
    (the demo's ten million comments: no reading their stored text back)."""
    text = f"{user_id or None}|{nickname or None}|{created}|{content}"
    return "h:" + hashlib.sha1(text.encode()).hexdigest()[:20]


def is_local_key(comment_id: str | None) -> bool:
    """Whether a stored comment_id is a `local_key` (not the platform's id)."""
    return comment_id is not None and comment_id.startswith("h:")


def _with_keys(rows: Sequence[tuple[object, ...]]) -> Sequence[tuple[object, ...]]:
    # ROW_COLUMNS: comment_id is [2]; user_id, nickname, content, created_at are [3:7].
    if all(r[2] is not None for r in rows):
        return rows
    return [
        r if r[2] is not None else (*r[:2], local_key(r[3], r[4], str(r[6]), str(r[5])), *r[3:])
        for r in rows
    ]


def insert_rows(work: Bulk, rows: Sequence[tuple[object, ...]]) -> int:
    """Insert comment tuples (`ROW_COLUMNS`, flags computed) in one statement; rows whose
    (work, comment_id) exists are skipped. Returns how many were added.

    The rows go to a temporary table first and then in with one INSERT … SELECT: the comment
    table's insert trigger makes each separate INSERT statement costly (about three times the
    row itself), one statement pays it once.
    """
    if not rows:
        return 0
    if not work.is_sqlite:
        _pg_stage(work, "comment_stage", ROW_COLUMNS, _with_keys(rows))
        return _pg_insert_staged(work, "comment_stage", ROW_COLUMNS)
    work.execute(f"CREATE TEMP TABLE IF NOT EXISTS comment_stage({ROW_COLUMNS})")
    work.executemany(f"INSERT INTO comment_stage VALUES ({','.join('?' * 13)})", _with_keys(rows))
    cur = work.execute(
        f"INSERT OR IGNORE INTO comment({ROW_COLUMNS}) "
        f"SELECT {ROW_COLUMNS} FROM comment_stage ORDER BY rowid"
    )
    added = max(0, int(cur.rowcount))
    work.execute("DELETE FROM comment_stage")
    return added


def _pg_stage(work: Bulk, name: str, columns: str, rows: Iterable[Sequence[object]]) -> None:
    """PostgreSQL: `rows` into temporary table `name` by COPY, typed as the comment table's
    `columns`, numbered in order (`seq`)."""
    work.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {name} AS SELECT {columns} FROM comment WITH NO DATA"
    )
    work.execute(f"ALTER TABLE {name} ADD COLUMN IF NOT EXISTS seq bigserial")
    work.execute(f"TRUNCATE {name}")
    work.insert_rows(name, columns.split(", "), rows)


def _pg_insert_staged(work: Bulk, name: str, columns: str) -> int:
    """PostgreSQL: the staged comments in, in order; those already there (same work and
    comment_id) skipped. Returns how many went in."""
    cur = work.execute(
        f"INSERT INTO comment({columns}) SELECT {columns} FROM {name} ORDER BY seq "
        "ON CONFLICT DO NOTHING"
    )
    return max(0, int(cur.rowcount))


MERGE_COLUMNS = "work_id, comment_id, user_id, nickname, content, created_at, likes, flags"
"""The order of the values in each row `merge_payload` takes (the other columns take their
defaults)."""


def merge_payload(rows: Sequence[tuple[object, ...]]) -> str:
    """A batch of comment tuples (`MERGE_COLUMNS`) as `merge_rows` takes it: one JSON text.

    SQLite reads it with json_each in one statement, without Python's lock: an import's
    writer thread then runs beside the parsing of the next batch, where ``executemany``
    (binding row by row, taking the lock back each time) would stall both."""
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


_FROM_PAYLOAD = (
    "SELECT "
    + ", ".join(
        f"json_extract(value, '$[{i}]') AS {c}" for i, c in enumerate(MERGE_COLUMNS.split(", "))
    )
    + " FROM json_each(:rows)"
)


def merge_rows(
    work: Bulk, account_id: int, payload: str | Sequence[Sequence[object]], n: int
) -> tuple[int, int]:
    """Insert the `n` comments in `payload` (`merge_payload`; each with its comment_id, no
    two with the same work and comment_id) or, for those already stored, take their likes.

    Returns (added, updated): the rest were there with the same likes. Set-based: one
    INSERT … SELECT; and only when some were there already, one UPDATE … FROM.
    PostgreSQL: the batch (the tuples themselves, or that JSON) goes to a staging table by
    COPY, then the same two statements.
    """
    if not work.is_sqlite:
        rows = json.loads(payload) if isinstance(payload, str) else payload
        return _pg_merge_rows(work, account_id, rows, n)
    assert isinstance(payload, str)
    added = work.execute(
        f"INSERT OR IGNORE INTO comment(account_id, {MERGE_COLUMNS}) "
        f"SELECT :account, * FROM ({_FROM_PAYLOAD})",
        {"account": account_id, "rows": payload},
    ).rowcount
    added = max(0, int(added))
    if added == n:
        return added, 0
    # The new rows have the likes given already: only rows stored before can differ.
    updated = work.execute(
        f"UPDATE comment SET likes = s.likes FROM ({_FROM_PAYLOAD}) AS s "
        "WHERE comment.work_id = s.work_id AND comment.comment_id = s.comment_id "
        "AND comment.likes <> s.likes",
        {"rows": payload},
    ).rowcount
    return added, max(0, int(updated))


def _pg_merge_rows(
    work: Bulk, account_id: int, rows: Sequence[Sequence[object]], n: int
) -> tuple[int, int]:
    columns = f"account_id, {MERGE_COLUMNS}"
    _pg_stage(work, "comment_merge", columns, ((account_id, *r) for r in rows))
    added = _pg_insert_staged(work, "comment_merge", columns)
    if added == n:
        return added, 0
    updated = work.execute(
        "UPDATE comment SET likes = s.likes FROM comment_merge s "
        "WHERE comment.work_id = s.work_id AND comment.comment_id = s.comment_id "
        "AND comment.likes <> s.likes"
    ).rowcount
    return added, max(0, int(updated))


def insert_comments(work: Bulk, rows: Sequence[dict[str, object]], words: Sequence[str]) -> int:
    """Insert comments (dicts with the table's columns), flagging each.

    Platform duplicates (same work and comment_id) are skipped, so re-importing adds nothing.
    Returns how many were added.
    """
    added = insert_rows(
        work,
        [
            (
                r["account_id"],
                r["work_id"],
                r.get("comment_id"),
                r.get("user_id", ""),
                r.get("nickname", ""),
                r["content"],
                to_db(from_db(r["created_at"])),
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
    pin_comments(
        work,
        [
            (int(str(r["work_id"])), str(r["comment_id"]))
            for r in rows
            if r.get("pinned") and r.get("comment_id") is not None
        ],
    )
    return added


def pin_comments(work: Bulk, keys: Sequence[tuple[int, str]]) -> None:
    """Pin each (work, comment_id): one pinned comment per work, so a later one wins."""
    for work_id, comment_id in keys:
        work.execute("UPDATE comment SET pinned=FALSE WHERE work_id=? AND pinned", (work_id,))
        work.execute(
            "UPDATE comment SET pinned=TRUE WHERE work_id=? AND comment_id=?",
            (work_id, comment_id),
        )
