"""Writing the demo's comments (ten million on the huge demo) beside their generation.

On SQLite a writer thread takes each batch as one JSON text and puts it in with a few
set-based statements — the rows, then their trigram and bigram search entries — none of which
holds Python's lock, so the SQLite work runs on the second core while the next batch is made
(`executemany` would take the lock back for every row and stall both threads). The bigram
pieces are worked out in the generating thread, remembered per text: the demo's comments
repeat their phrases and nicknames. The insert triggers are paused meanwhile (the setting row
`comment_load` uses). PostgreSQL: each batch goes in by COPY, as before; its search indexes
need nothing.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from creatorctl.inbox.comment_load import (
    PAUSE_KEY,
    has_bigram_index,
    insert_rows,
    pause_search_index,
    resume_search_index,
)
from creatorctl.search import bigrams
from creatorctl.store_bulk import Bulk

COLUMNS = (
    "work_id", "comment_id", "user_id", "nickname", "content", "created_at", "likes",
    "reply_text", "flags",
)  # fmt: skip
"""The order of the tuples `CommentWriter.add` takes; the other columns are the same for every
demo comment (`_FIXED`): SQLite is handed only what varies (each value read out of the JSON
costs a parse of the row)."""
_FIXED = {"parent_id": None, "is_mine": False, "send_status": ""}
_CONTENT, _NICKNAME = COLUMNS.index("content"), COLUMNS.index("nickname")
_INSERT = (
    f"INSERT INTO comment(id, account_id, {', '.join(_FIXED)}, {', '.join(COLUMNS)}) "
    f"SELECT ? + key, ?, NULL, FALSE, '', "
    + ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(COLUMNS)))
    + " FROM json_each(?)"
)
_FTS = (
    "INSERT INTO comment_fts(rowid, content, nickname) "
    "SELECT id, content, nickname FROM comment WHERE id BETWEEN ? AND ?"
)
_BIGRAMS = "INSERT INTO comment_bigram(rowid, grams) SELECT ? + key, value FROM json_each(?)"
_LIKED = (
    "INSERT INTO comment_liked_bigram(rowid, grams) "
    "SELECT ? + key, value FROM json_each(?) WHERE value IS NOT NULL"
)
"""The liked comments' pieces again (migration 0017): null for a comment nobody liked."""
_LIKES = COLUMNS.index("likes")
_DONE = object()
MEMO_MAX = 200_000
"""Texts whose bigram pieces are remembered (phrases, nicknames); a rarer one is worked out
each time."""


class CommentWriter:
    """`add(rows)` a batch of one account's comment tuples (`COLUMNS`, each with its
    comment_id, none repeated); `close()` at the end. Made by `comment_writer`."""

    def __init__(self, work: Bulk, account_id: int) -> None:
        self.work = work
        self.account_id = account_id
        self.threaded = work.is_sqlite and has_bigram_index(work)
        self.liked = self.threaded and has_bigram_index(work, "comment_liked_bigram")
        self.error: BaseException | None = None
        self.memo: dict[str, str] = {}
        if not self.threaded:
            self.start = pause_search_index(work)
            return
        self.next_id = work.last_id("comment") + 1
        pause_search_index(work)
        row = work.execute("SELECT v FROM comment_fts_config WHERE k = 'automerge'").fetchone()
        self.automerge = int(row[0]) if row else 4
        # Merging the index's segments less eagerly while many rows go in (comment_load too).
        work.execute("INSERT INTO comment_fts(comment_fts, rank) VALUES ('automerge', 16)")
        self.queue: queue.Queue[Any] = queue.Queue(maxsize=2)
        self.thread = threading.Thread(target=self._loop, name="demo-comments", daemon=True)
        self.thread.start()

    def _grams(self, text: str) -> str:
        memo = self.memo
        found = memo.get(text)
        if found is None:
            found = bigrams(text)
            if len(memo) < MEMO_MAX:
                memo[text] = found
        return found

    def add(self, rows: Sequence[tuple[object, ...]]) -> None:
        if not rows:
            return
        if not self.threaded:
            acc, fixed = self.account_id, tuple(_FIXED.values())
            # comment_load.ROW_COLUMNS order
            insert_rows(self.work, [(acc, *r[:7], *fixed[:2], r[7], fixed[2], r[8]) for r in rows])
            return
        grams = []
        for r in rows:  # = bigrams(content, nickname), piece by piece
            a, b = self._grams(str(r[_CONTENT])), self._grams(str(r[_NICKNAME]))
            grams.append(f"{a} {b}" if a and b else a or b)
        first = self.next_id
        self.next_id += len(rows)
        dump = json.dumps
        liked = [g if int(r[_LIKES]) > 0 else None for r, g in zip(rows, grams, strict=True)]  # type: ignore[call-overload]
        payload = (
            first,
            len(rows),
            dump(rows, ensure_ascii=False),
            dump(grams, ensure_ascii=False),
            dump(liked, ensure_ascii=False) if self.liked else None,
        )
        if self.error is not None:
            raise self.error
        self.queue.put(payload)

    def _loop(self) -> None:
        execute = self.work.execute
        while (batch := self.queue.get()) is not _DONE:
            if self.error is not None:
                continue  # after an error, only drain until told to stop
            first, n, rows, grams, liked = batch
            try:
                execute(_INSERT, (first, self.account_id, rows))
                execute(_FTS, (first, first + n - 1))
                execute(_BIGRAMS, (first, grams))
                if liked is not None:
                    execute(_LIKED, (first, liked))
            except BaseException as exc:  # raised again in the generating thread
                self.error = exc

    def close(self) -> None:
        """Wait for the last batch; index the rows for search (PostgreSQL: nothing to do)."""
        if not self.threaded:
            resume_search_index(self.work, self.start)
            return
        self.queue.put(_DONE)
        self.thread.join()
        if self.error is not None:
            raise self.error
        self.work.execute(
            "INSERT INTO comment_fts(comment_fts, rank) VALUES ('automerge', ?)",
            (self.automerge,),
        )
        self.work.execute("DELETE FROM setting WHERE key = ?", (PAUSE_KEY,))

    def abandon(self) -> None:
        """After a failure while generating: stop the writer (the transaction rolls back)."""
        if self.threaded and self.thread.is_alive():
            self.error = self.error or RuntimeError("abandoned")
            self.work.interrupt()
            self.queue.put(_DONE)
            self.thread.join()


@contextmanager
def comment_writer(work: Bulk, account_id: int) -> Iterator[CommentWriter]:
    """A `CommentWriter` for one load; on an error the writer is stopped first."""
    writer = CommentWriter(work, account_id)
    try:
        yield writer
    except BaseException:
        writer.abandon()
        raise
    writer.close()
