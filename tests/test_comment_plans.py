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
    (no hit set to build). Many hits nobody likes (spam, 微信): a walk down the likes would
    pass every liked comment first, so they are sorted."""
    monkeypatch.setattr(comment_plan, "SORT_HITS_MAX", 1)
    monkeypatch.setattr(comment_plan, "WALK_HITS_MIN", 2)
    common = CommentFilter(demo_account.id, sort="likes", query="收藏了")
    spam = CommentFilter(demo_account.id, sort="likes", query="微信")
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
