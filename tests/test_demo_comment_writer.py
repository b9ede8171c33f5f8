"""The demo's comments written beside their generation (issue 15: the huge demo's 10,000,000
comments): the same rows and the same search index as the row-by-row path gave, and a failure
in the writer thread comes out of the demo with nothing written."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from creatorctl.demo import generate
from creatorctl.demo.comment_writer import COLUMNS, CommentWriter, comment_writer
from creatorctl.inbox.comment_load import PAUSE_KEY, ROW_COLUMNS, insert_rows
from creatorctl.search import bigrams
from creatorctl.store import open_store


@pytest.mark.parametrize(
    ("content", "nickname"),
    [("加我微信", "小A"), ("好", "用户12"), ("", "xy"), ("太棒了[玫瑰]", "a"), ("a,b c", "Zz 9")],
)
def test_bigram_pieces_remembered_per_text_are_bigrams_of_the_row(
    content: str, nickname: str
) -> None:
    """The writer works the pieces out per text (remembered: the demo's phrases repeat) and
    joins them; that must be exactly what the index's SQL function gives the row."""
    writer = CommentWriter.__new__(CommentWriter)
    writer.memo = {}
    a, b = writer._grams(content), writer._grams(nickname)
    assert (f"{a} {b}" if a and b else a or b) == bigrams(content, nickname)


def _rows(n: int, work: int) -> list[tuple[object, ...]]:
    """`n` comments in `comment_writer.COLUMNS` order."""
    assert COLUMNS[4:6] == ("content", "created_at")
    return [
        (work, f"c{i}", f"u{i}", f"昵称{i % 7}", f"第{i}条 加我微信 Hello",
         f"2026-01-01 00:{i // 60 % 60:02d}:{i % 60:02d}.000000", i % 5,
         "谢谢" if i % 9 == 0 else None, "ad" if i % 11 == 0 else "")
        for i in range(n)
    ]  # fmt: skip


def _full(account: int, rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """The same comments as `comment_load.ROW_COLUMNS` tuples (for `insert_rows`)."""
    full = [dict(zip(COLUMNS, r, strict=True)) for r in rows]
    fixed = {"account_id": account, "parent_id": None, "is_mine": False, "send_status": ""}
    return [tuple({**fixed, **r}[c] for c in ROW_COLUMNS.split(", ")) for r in full]


def _search(conn: sa.Connection, table: str, term: str) -> list[int]:
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH :q ORDER BY rowid"
    return [r[0] for r in conn.execute(sa.text(sql), {"q": f'"{term}"'})]


def test_threaded_batches_give_the_rows_and_index_of_one_insert(tmp_path, frozen_clock) -> None:  # type: ignore[no-untyped-def]
    """Three batches through the writer thread against the same rows through `insert_rows`
    (the trigger path's statement): same comments, same trigram and bigram hits, the pause
    setting gone, FTS5's own integrity check passes."""
    stores = []
    for name, threaded in (("thread.db", True), ("plain.db", False)):
        store = open_store(str(tmp_path / name))
        generate(store, seed=5)  # an account and works to hang the comments on
        with store.bulk() as work:
            account, wid = work.execute("SELECT account_id, min(id) FROM work").fetchone()
            rows = _rows(2_500, wid)
            if threaded:
                with comment_writer(work, account) as writer:
                    assert writer.threaded
                    for i in range(0, len(rows), 1_000):
                        writer.add(rows[i : i + 1_000])
            else:
                insert_rows(work, _full(account, rows))
        stores.append(store)
    got = []
    for store in stores:
        with store.read() as conn:
            comments = conn.execute(sa.text("SELECT * FROM comment ORDER BY id")).fetchall()
            hits = [_search(conn, "comment_fts", t) for t in ("加我微", "昵称3", "ello")]
            hits += [_search(conn, "comment_bigram", t) for t in ("微信", "称3", "he")]
            hits += [_search(conn, "comment_liked_bigram", t) for t in ("微信", "称3")]
            paused = conn.execute(
                sa.text("SELECT count(*) FROM setting WHERE key = :k"), {"k": PAUSE_KEY}
            ).scalar_one()
            conn.execute(sa.text("INSERT INTO comment_fts(comment_fts) VALUES ('integrity-check')"))
            conn.rollback()
        got.append((comments, hits, paused))
    assert got[0] == got[1]
    comments, hits, paused = got[0]
    assert paused == 0
    assert len(hits[1]) > 300 and len(hits[4]) == len(hits[1])  # every 昵称3 has 称3
    assert 0 < len(hits[6]) < len(hits[3])  # the liked index: only comments with likes


def test_a_writer_failure_comes_out_and_nothing_is_written(tmp_path, frozen_clock) -> None:  # type: ignore[no-untyped-def]
    """A batch the writer thread cannot insert (comments without content) raises out of the
    load, in the generating thread; the transaction rolls back, so neither the good batch before
    it nor the pause setting remain."""
    store = open_store(str(tmp_path / "s.db"))
    generate(store, seed=5)
    with store.read() as conn:
        before = conn.execute(sa.text("SELECT count(*) FROM comment")).scalar_one()
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"), store.bulk() as work:
        account, wid = work.execute("SELECT account_id, min(id) FROM work").fetchone()
        rows = _rows(10, wid)
        bad = [r[:4] + (None,) + r[5:] for r in rows]
        with comment_writer(work, account) as writer:
            writer.add(rows)
            writer.add(bad)
    with store.read() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM comment")).scalar_one() == before
        assert (
            conn.execute(
                sa.text("SELECT count(*) FROM setting WHERE key = :k"), {"k": PAUSE_KEY}
            ).scalar_one()
            == 0
        )
