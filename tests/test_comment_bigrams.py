"""Two-character comment searches come from the bigram index (migration 0010) and give
exactly LIKE's results (issue 15 §search: a rare two-character term scanned every comment,
1.5 s over a million)."""

from __future__ import annotations

import sqlalchemy as sa

from creatorctl.inbox.comments import CommentFilter, CommentPager, delete_comments, list_comments
from creatorctl.search import bigram_term, bigrams


def _like_ids(store, account_id: int, term: str, order: str) -> list[int]:  # type: ignore[no-untyped-def]
    pattern = f"%{term}%"
    sql = (
        "SELECT id FROM comment WHERE account_id=:a AND deleted_at IS NULL AND "
        "(content LIKE :p OR nickname LIKE :p) ORDER BY " + order
    )
    with store.read() as conn:
        return [r.id for r in conn.execute(sa.text(sql), {"a": account_id, "p": pattern})]


def _statements(store):  # type: ignore[no-untyped-def]
    seen: list[str] = []

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def _record(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        seen.append(statement)

    return seen


def test_bigrams_and_which_terms_the_index_can_find() -> None:
    assert bigrams("加我微信", "小A") == "加我 我微 微信 小A"
    assert bigrams("", None, "x") == ""
    assert bigram_term("微信") and bigram_term("Ok") and bigram_term("，好")
    assert not bigram_term("微") and not bigram_term("a,") and not bigram_term("收藏了")


def test_two_character_search_is_likes_result_from_the_bigram_index(
    demo_store, demo_account
) -> None:  # type: ignore[no-untyped-def]
    seen = _statements(demo_store)
    for term in ("微信", "链接", "哈哈"):
        want = _like_ids(demo_store, demo_account.id, term, "id DESC")
        assert want, term
        got = [
            c.id
            for c in list_comments(
                demo_store, CommentFilter(demo_account.id, query=term), limit=10_000
            )
        ]
        assert got == want
        liked = list_comments(
            demo_store, CommentFilter(demo_account.id, query=term, sort="likes"), limit=10_000
        )
        assert [c.id for c in liked] == _like_ids(
            demo_store, demo_account.id, term, "likes DESC, id DESC"
        )
    assert any("comment_bigram MATCH" in s for s in seen)
    none = CommentPager(demo_store, CommentFilter(demo_account.id, query="量子"))
    assert none.page(0, 100) == [] and none.total == 0


def test_ascii_case_punctuation_and_index_upkeep(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    """LIKE ignores ASCII case, so the index does too; a term with ASCII punctuation stays on
    LIKE; inserted, edited and deleted comments are found (or not) at once (the triggers)."""
    with demo_store.write() as conn:
        wid = conn.execute(
            sa.text("SELECT id FROM work WHERE account_id=:a LIMIT 1"), {"a": demo_account.id}
        ).scalar_one()
        for content in ("Qz 很棒", "太qZ了", "a,b 好"):
            conn.execute(
                sa.text(
                    "INSERT INTO comment(account_id, work_id, user_id, nickname, content, "
                    "created_at) VALUES (:a, :w, 'u', 'n', :c, '2026-11-26 09:00:00')"
                ),
                {"a": demo_account.id, "w": wid, "c": content},
            )
    f = CommentFilter(demo_account.id, query="QZ")
    found = [c.content for c in list_comments(demo_store, f)]
    assert found == ["太qZ了", "Qz 很棒"]
    assert [
        c.content for c in list_comments(demo_store, CommentFilter(demo_account.id, query="a,"))
    ] == ["a,b 好"]
    with demo_store.write() as conn:
        conn.execute(sa.text("UPDATE comment SET content='改了' WHERE content='太qZ了'"))
    assert [c.content for c in list_comments(demo_store, f)] == ["Qz 很棒"]
    (row,) = list_comments(demo_store, f)
    delete_comments(demo_store, [row.id], demo_account.id)
    with demo_store.write() as conn:
        conn.execute(sa.text("DELETE FROM comment WHERE id=:i"), {"i": row.id})
        hits = conn.execute(
            sa.text("SELECT count(*) FROM comment_bigram WHERE comment_bigram MATCH 'qz'")
        ).scalar_one()
    assert list_comments(demo_store, f) == [] and hits == 0


def test_a_sorted_search_sorts_ids_and_reads_only_its_page(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    """A most-liked search sorts every hit: only (id, likes) go through the sort, and the
    page's full rows and work titles are read after its LIMIT (issue 15: at 3,000 hits of 微信 the
    wide sort was half the search). Same rows, same order, pages and offsets alike."""
    seen = _statements(demo_store)
    f = CommentFilter(demo_account.id, query="加微信", sort="likes")
    rows = list_comments(demo_store, f, limit=10_000)
    assert [c.id for c in rows] == _like_ids(
        demo_store, demo_account.id, "加微信", "likes DESC, id DESC"
    )
    assert all(c.work_title for c in rows)
    (sql,) = [s for s in seen if "comment_fts MATCH" in s and "JOIN work w" in s]
    assert sql.index("JOIN work w") > sql.index("LIMIT")
    first = list_comments(demo_store, f, limit=7)
    assert first == rows[:7]
    assert list_comments(demo_store, f, after=first[-1].cursor("likes"), limit=5) == rows[7:12]
    assert list_comments(demo_store, f, offset=7, limit=5) == rows[7:12]
