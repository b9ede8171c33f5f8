"""Every way a comment search can reach its rows gives the same rows in the same order (issue
15 §search: on the huge demo a most-liked 微信 search walked every liked comment, 450 ms, and a
common phrase's hit set cost 45 ms to build). The small demo has few hits, so the thresholds
are lowered here to force each plan: hits sorted, the hit set probed along a walk, the walk
testing each row with LIKE."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from creatorctl.inbox import comment_plan
from creatorctl.inbox.comment_plan import like_decides, plan_search
from creatorctl.inbox.comments import CommentFilter, CommentPager, count_comments, list_comments


def _busiest_work(store) -> int:  # type: ignore[no-untyped-def]
    sql = "SELECT work_id FROM comment GROUP BY work_id ORDER BY count(*) DESC LIMIT 1"
    with store.read() as conn:
        return int(conn.execute(sa.text(sql)).scalar_one())


def _want(store, f: CommentFilter) -> list[int]:  # type: ignore[no-untyped-def]
    """The filter's rows the plain way: the trigram index decides 3+ character terms, LIKE
    shorter ones; then sorted."""
    conds, params = ["deleted_at IS NULL"], {"a": f.account_id, "w": f.work_id}
    conds.append("work_id = :w" if f.work_id is not None else "account_id = :a")
    for i, term in enumerate(f.query.split()):
        params[f"t{i}"] = term if len(term) >= 3 else f"%{term}%"
        conds.append(
            f"id IN (SELECT rowid FROM comment_fts WHERE comment_fts MATCH '\"' || :t{i} || '\"')"
            if len(term) >= 3
            else f"(content LIKE :t{i} OR nickname LIKE :t{i})"
        )
    order = "likes DESC, id DESC" if f.sort == "likes" else "id DESC"
    sql = f"SELECT id FROM comment WHERE {' AND '.join(conds)} ORDER BY {order}"
    with store.read() as conn:
        return [r.id for r in conn.execute(sa.text(sql), params)]


def test_which_terms_like_decides() -> None:
    """The trigram index folds every script's case, LIKE only ASCII's."""
    assert like_decides("收藏了") and like_decides("看我主页") and like_decides("123!")
    assert not like_decides("vlog") and not like_decides("Straße") and not like_decides("ΑΒΓ")


@pytest.mark.parametrize(
    ("sort_max", "walk_min"),
    [(10**9, 10**9), (0, 10**9), (0, 1)],
    ids=["all-sorted", "hit-set-probed", "like-walk"],
)
@pytest.mark.parametrize("query", ["收藏了", "微信", "好 看", "Vlog"])
def test_every_plan_gives_the_same_rows(
    demo_store, demo_account, monkeypatch, query, sort_max, walk_min
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(comment_plan, "SORT_HITS_MAX", sort_max)
    monkeypatch.setattr(comment_plan, "WALK_HITS_MIN", walk_min)
    wid = _busiest_work(demo_store)
    for sort in ("new", "likes"):
        for work_id in (None, wid):
            f = CommentFilter(demo_account.id, work_id=work_id, sort=sort, query=query)
            want = _want(demo_store, f)
            pager = CommentPager(demo_store, f)
            got = [c.id for c in pager.page(0, 7) + pager.page(7, 7)]
            assert got == want[:14], (query, sort, work_id, pager.plan)
            assert [c.id for c in list_comments(demo_store, f, offset=3, limit=4)] == want[3:7]
            assert count_comments(demo_store, f, cap=10**6) == len(want)


def test_a_common_phrase_walks_with_like_and_spam_is_sorted(
    demo_store, demo_account, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Many hits of a phrase people like: the likes index is walked and LIKE tests each row
    (no hit set to build). Many hits nobody likes (spam, 加微信): a walk down the likes would
    pass every liked comment first, so they are sorted."""
    monkeypatch.setattr(comment_plan, "SORT_HITS_MAX", 1)
    monkeypatch.setattr(comment_plan, "WALK_HITS_MIN", 2)
    common = CommentFilter(demo_account.id, sort="likes", query="收藏了")
    spam = CommentFilter(demo_account.id, sort="likes", query="加微信")
    assert plan_search(demo_store, common) == (False, True)
    monkeypatch.setattr(comment_plan, "WALK_HITS_MIN", 10**9)
    assert plan_search(demo_store, spam) == (True, False)
    assert plan_search(demo_store, common) == (False, False)  # probed along the walk
    assert [c.id for c in list_comments(demo_store, spam)] == _want(demo_store, spam)[:100]
    # Ascii letters stay on the index: it finds other scripts' letters LIKE does not.
    assert (
        plan_search(demo_store, CommentFilter(demo_account.id, sort="likes", query="vlog"))[1]
        is False
    )


def _liked_index_ok(store) -> None:  # type: ignore[no-untyped-def]
    with store.write() as conn:  # FTS5 checks its index against itself
        conn.execute(
            sa.text(
                "INSERT INTO comment_liked_bigram(comment_liked_bigram, rank) "
                "VALUES ('integrity-check', 0)"
            )
        )


@pytest.mark.parametrize("query", ["微信", "哈哈", "链接", "视频"])
def test_most_liked_two_character_search_takes_liked_hits_first(
    demo_store, demo_account, query
) -> None:  # type: ignore[no-untyped-def]
    """Migration 0017: liked hits from the liked comments' bigram index, sorted; the rest
    newest first. Same rows and order as sorting every hit, by pages, cursors and offsets."""
    seen: list[str] = []
    sa.event.listen(demo_store.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    f = CommentFilter(demo_account.id, sort="likes", query=query)
    want = _want(demo_store, f)
    liked = [n > 0 for n in _likes(demo_store, want)]
    assert want and (any(liked) or query == "微信") and not all(liked), query  # 微信: spam
    pager = CommentPager(demo_store, f)
    got = []
    for k in range(0, len(want) + 7, 7):
        got += [c.id for c in pager.page(k, 7)]
    assert got == want
    for off in (0, 5, len(want) - 3):
        assert [c.id for c in list_comments(demo_store, f, offset=off, limit=6)] == want[
            off : off + 6
        ]
    assert any("comment_liked_bigram MATCH" in s for s in seen)


def _likes(store, ids: list[int]) -> list[int]:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        sql = f"SELECT likes FROM comment WHERE id IN ({','.join(map(str, ids))})"
        return [r.likes for r in conn.execute(sa.text(sql))]


def test_the_liked_index_follows_likes_text_and_deletes(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    """Triggers: a comment enters the liked index when liked, leaves at 0 likes or deleted,
    follows its text; rows a paused bulk load added and changed are indexed at its end."""
    from creatorctl.inbox.comment_load import pause_search_index, resume_search_index

    f = CommentFilter(demo_account.id, sort="likes", query="量子")
    with demo_store.read() as conn:  # the demo's writer filled it: one row per liked comment
        indexed = conn.execute(sa.text("SELECT count(*) FROM comment_liked_bigram_docsize"))
        liked = conn.execute(sa.text("SELECT count(*) FROM comment WHERE likes > 0"))
        assert indexed.scalar_one() == liked.scalar_one() > 0
    _liked_index_ok(demo_store)
    with demo_store.write() as conn:
        wid = conn.execute(sa.text("SELECT min(id) FROM work")).scalar_one()

        def add(cid: int, content: str, likes: int) -> None:
            conn.execute(
                sa.text(
                    "INSERT INTO comment(id, account_id, work_id, content, created_at, likes) "
                    "VALUES (:i, :a, :w, :c, '2026-11-20 12:00:00.000000', :l)"
                ),
                {"i": cid, "a": demo_account.id, "w": wid, "c": content, "l": likes},
            )

        add(900001, "量子力学", 0)
        add(900002, "量子计算", 3)
        add(900003, "经典力学", 9)
    assert [c.id for c in list_comments(demo_store, f)] == [900002, 900001]
    with demo_store.write() as conn:
        conn.execute(sa.text("UPDATE comment SET likes = 5 WHERE id = 900001"))
        conn.execute(sa.text("UPDATE comment SET likes = 0 WHERE id = 900002"))
        conn.execute(sa.text("UPDATE comment SET content = '量子经典' WHERE id = 900003"))
    assert [c.id for c in list_comments(demo_store, f)] == [900003, 900001, 900002]
    with demo_store.write() as conn:
        conn.execute(sa.text("UPDATE comment SET content = '力学' WHERE id = 900003"))
        conn.execute(sa.text("DELETE FROM comment WHERE id = 900001"))
    assert [c.id for c in list_comments(demo_store, f)] == [900002]
    with demo_store.bulk() as work:
        start = pause_search_index(work)
        work.execute(
            "INSERT INTO comment(id, account_id, work_id, content, created_at, likes) "
            "VALUES (900010, ?, ?, '量子纠缠', '2026-11-20 12:00:00.000000', 7)",
            (demo_account.id, wid),
        )
        work.execute("UPDATE comment SET likes = 0 WHERE id = 900010")
        work.execute("UPDATE comment SET likes = 2 WHERE id = 900002")
        resume_search_index(work, start)
    assert [c.id for c in list_comments(demo_store, f)] == [900002, 900010]
    assert [c.id for c in list_comments(demo_store, f)] == _want(demo_store, f)
    _liked_index_ok(demo_store)
