"""Comments domain: lists (keyset pages, search, most liked), pin, trash, purge, reply."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from creatorctl.config import Config
from creatorctl.errors import UserError
from creatorctl.inbox.comments import (
    CommentFilter,
    CommentPager,
    count_comments,
    count_flagged,
    delete_comments,
    get_comment,
    list_comments,
    pin_comment,
    purge_flagged,
    restore_comments,
    unpin_comment,
)
from creatorctl.inbox.reply import reply_comment

pytestmark = pytest.mark.backends  # SQLite and PostgreSQL (conftest `backend`)


def _busiest_work(store) -> int:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        return int(
            conn.execute(
                sa.text(
                    "SELECT work_id FROM comment GROUP BY work_id ORDER BY count(*) DESC LIMIT 1"
                )
            ).scalar_one()
        )


def test_newest_first_and_keyset_pages_match_offset_pages(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    f = CommentFilter(demo_account.id)
    first = list_comments(demo_store, f, limit=50)
    assert [c.id for c in first] == sorted((c.id for c in first), reverse=True)
    assert first[0].created_at >= first[-1].created_at  # ids rise with time
    after = list_comments(demo_store, f, after=first[-1].cursor("new"), limit=50)
    by_offset = list_comments(demo_store, f, offset=50, limit=50)
    assert [c.id for c in after] == [c.id for c in by_offset]
    pager = CommentPager(demo_store, f)
    assert [c.id for c in pager.page(0, 50)] == [c.id for c in first]
    assert [c.id for c in pager.page(50, 50)] == [c.id for c in after]
    assert pager.total == count_comments(demo_store, f) > 1000


def test_most_liked_pages(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    wid = _busiest_work(demo_store)
    f = CommentFilter(demo_account.id, work_id=wid, sort="likes")
    a = list_comments(demo_store, f, limit=10)
    b = list_comments(demo_store, f, after=a[-1].cursor("likes"), limit=10)
    likes = [c.likes for c in a + b]
    assert likes == sorted(likes, reverse=True)
    assert {c.work_id for c in a + b} == {wid}
    assert not {c.id for c in a} & {c.id for c in b}


@pytest.mark.parametrize("query", ["收藏了", "微信", "加v"])
def test_search_long_and_short_terms(demo_store, demo_account, query) -> None:  # type: ignore[no-untyped-def]
    for sort in ("new", "likes"):
        rows = list_comments(demo_store, CommentFilter(demo_account.id, query=query, sort=sort))
        assert rows, query
        assert all(query.lower() in (c.content + c.nickname).lower() for c in rows)
    with demo_store.read() as conn:
        like = conn.execute(
            sa.text("SELECT count(*) FROM comment WHERE content LIKE :q OR nickname LIKE :q"),
            {"q": f"%{query}%"},
        ).scalar()
    assert (
        count_comments(demo_store, CommentFilter(demo_account.id, query=query), cap=10**6) == like
    )


def test_flagged_only(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    rows = list_comments(demo_store, CommentFilter(demo_account.id, flagged=True), limit=500)
    assert rows and all(c.flags for c in rows)
    assert {"wechat", "link", "phone", "word"} <= {f for c in rows for f in c.flags}


def test_pin_one_per_work(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    wid = _busiest_work(demo_store)
    a, b = list_comments(demo_store, CommentFilter(demo_account.id, work_id=wid), limit=2)
    pin_comment(demo_store, a.id, demo_account.id)
    old = pin_comment(demo_store, b.id, demo_account.id)
    assert old == a.id
    assert get_comment(demo_store, b.id, demo_account.id).pinned
    assert not get_comment(demo_store, a.id, demo_account.id).pinned
    unpin_comment(demo_store, b.id, demo_account.id)
    assert not get_comment(demo_store, b.id, demo_account.id).pinned
    with pytest.raises(UserError):
        pin_comment(demo_store, 10**9, demo_account.id)


def test_delete_to_trash_and_restore(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    f = CommentFilter(demo_account.id)
    before = count_comments(demo_store, f, cap=10**6)
    top = list_comments(demo_store, f, limit=2)
    assert delete_comments(demo_store, [c.id for c in top], demo_account.id) == 2
    assert count_comments(demo_store, f, cap=10**6) == before - 2
    assert top[0].id not in {c.id for c in list_comments(demo_store, f, limit=5)}
    with pytest.raises(UserError):
        get_comment(demo_store, top[0].id, demo_account.id)
    # Search skips trashed comments too.
    word = top[0].content[:3] if len(top[0].content) >= 3 else top[0].content
    hits = list_comments(demo_store, CommentFilter(demo_account.id, query=word), limit=5000)
    assert top[0].id not in {c.id for c in hits}
    assert restore_comments(demo_store, [top[0].id], demo_account.id) == 1
    assert get_comment(demo_store, top[0].id, demo_account.id).content == top[0].content
    with pytest.raises(UserError):
        restore_comments(demo_store, [top[0].id], demo_account.id)


def test_purge_flagged(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    n = count_flagged(demo_store, demo_account.id)
    total = count_comments(demo_store, CommentFilter(demo_account.id), cap=10**6)
    assert n > 0
    assert purge_flagged(demo_store, demo_account.id) == n
    assert count_flagged(demo_store, demo_account.id) == 0
    assert count_comments(demo_store, CommentFilter(demo_account.id), cap=10**6) == total - n
    from creatorctl.trash import list_trash

    assert len(list_trash(demo_store, demo_account.id, "comment")) == n


def test_reply_is_stored_locally_without_a_hook(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    c = list_comments(demo_store, CommentFilter(demo_account.id), limit=1)[0]
    result = reply_comment(demo_store, Config(), demo_account.id, c.id, " 谢谢支持! ")
    assert result.status == "local"
    reply = get_comment(demo_store, result.reply_id, demo_account.id)
    assert reply.is_mine and reply.parent_id == c.id and reply.content == "谢谢支持!"
    assert reply.nickname == demo_account.nickname
    assert get_comment(demo_store, c.id, demo_account.id).reply_text == "谢谢支持!"
    # The reply is the newest comment and is searchable.
    assert list_comments(demo_store, CommentFilter(demo_account.id), limit=1)[0].id == reply.id
    assert (
        list_comments(demo_store, CommentFilter(demo_account.id, query="谢谢支持"))[0].id
        == reply.id
    )
    with pytest.raises(UserError):
        reply_comment(demo_store, Config(), demo_account.id, c.id, "   ")
    with pytest.raises(UserError):
        reply_comment(demo_store, Config(), demo_account.id, c.id, "x" * 501)


def test_other_accounts_comments_are_not_reachable(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.accounts import add_account

    other = add_account(demo_store, "other")
    c = list_comments(demo_store, CommentFilter(demo_account.id), limit=1)[0]
    with pytest.raises(UserError):
        delete_comments(demo_store, [c.id], other.id)
    assert list_comments(demo_store, CommentFilter(other.id)) == []


def test_short_term_search_counts_only_what_it_has_seen(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    pager = CommentPager(demo_store, CommentFilter(demo_account.id, query="了"))
    assert not pager.exact_total
    rows = pager.page(0, 20)
    assert len(rows) == 20 and pager.total == 21  # "20+": more pages may follow
    pager.page(20, 20)
    assert pager.total == 41
    exact = CommentPager(demo_store, CommentFilter(demo_account.id, query="收藏了"))
    assert exact.exact_total and exact.total == count_comments(
        demo_store, CommentFilter(demo_account.id, query="收藏了")
    )


def test_flagged_list_uses_the_flagged_index(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    rows = list_comments(demo_store, CommentFilter(demo_account.id, flagged=True), limit=50)
    with demo_store.read() as conn:
        ids = [
            r[0]
            for r in conn.execute(
                sa.text(
                    "SELECT id FROM comment WHERE flags<>'' AND deleted_at IS NULL "
                    "ORDER BY id DESC LIMIT 50"
                )
            )
        ]
    assert [c.id for c in rows] == ids


def test_reply_goes_through_the_hook_without_a_shell(demo_store, demo_account, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import sys

    out = tmp_path / "sent.json"
    hook = tmp_path / "hook.py"
    hook.write_text(
        "import json, sys\n"
        f"json.dump({{'argv': sys.argv[1:], 'stdin': json.load(sys.stdin)}}, open({str(out)!r}, 'w'))\n"
        "print('{}')\n"
    )
    config = Config()
    config.reply.command = [sys.executable, str(hook), "{comment_id}", "{text}"]
    c = list_comments(demo_store, CommentFilter(demo_account.id), limit=1)[0]
    text = '"; rm -rf ~ {work_id}'
    result = reply_comment(demo_store, config, demo_account.id, c.id, text)
    assert result.status == "sent"
    sent = json.loads(out.read_text())
    assert sent["argv"] == [str(c.id), text]  # one argument each, placeholders not re-expanded
    assert sent["stdin"]["work_id"] == str(c.work_id)
    assert get_comment(demo_store, result.reply_id, demo_account.id).send_status == "sent"


def test_a_failed_reply_hook_keeps_the_reply_marked_failed(
    demo_store, demo_account, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import sys

    hook = tmp_path / "fail.py"
    hook.write_text("import sys\nprint('rate limited', file=sys.stderr)\nsys.exit(3)\n")
    config = Config()
    config.reply.command = [sys.executable, str(hook)]
    c = list_comments(demo_store, CommentFilter(demo_account.id), limit=1)[0]
    result = reply_comment(demo_store, config, demo_account.id, c.id, "谢谢")
    assert result.status == "failed" and "rate limited" in result.error
    assert get_comment(demo_store, result.reply_id, demo_account.id).send_status == "failed"


def test_comment_times_show_the_year_when_it_is_not_this_one(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13: a 2024 comment reads '2024-11-20', this year's '11-20 21:05' (not interleaved)."""
    from datetime import datetime

    from creatorctl.inbox.comments import CommentRow
    from creatorctl.screens.inbox.comments import fetch_page_from_rows
    from creatorctl.timeutil import fmt_short

    monkeypatch.setenv("CREATORCTL_FAKE_NOW", "2026-11-26 10:00")

    def row(i: int, at: datetime) -> CommentRow:
        return CommentRow(i, 1, "w", None, "u", "n", "c", at, 0, False, None, False, None, "", ())

    page = fetch_page_from_rows(
        [row(1, datetime(2026, 11, 20, 21, 5)), row(2, datetime(2024, 11, 20, 21, 5))], 0, 2
    )
    times = [cells["time"].plain for _id, cells in page.rows]  # type: ignore[union-attr]
    assert times == ["11-20 21:05", "2024-11-20"]
    assert fmt_short(datetime(2027, 1, 2, 3, 4), datetime(2027, 5, 1)) == "01-02 03:04"
