"""PostgreSQL search finds what SQLite finds, in a ``C``-locale database too (issue 14 §5).

pg_trgm makes trigrams only of characters the database's LC_CTYPE calls alphanumeric: in a
``C`` database Chinese text has none, so the trigram indexes of migration 0012 served no
Chinese search there, and none of two characters anywhere. Migration 0016's bigram indexes do,
whatever the locale. These tests fill a SQLite store and a fresh ``C``-locale PostgreSQL store
with the same works and comments and compare what every search lists, in both orders and over
pages, through each of the three ways `comment_search_pg` fetches a page.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.inbox import comment_search_pg
from creatorctl.inbox.comments import CommentFilter, CommentPager
from creatorctl.store import Store, open_store
from creatorctl.works import count_works, list_works

pytestmark = pytest.mark.postgresql

WORKS = [
    ("广州早茶攻略", "凌晨四点排队的老字号", "#美食 #广州"),
    ("Morning VLOG in 广州", "dim sum tour", "#vlog"),
    ("家常红烧肉", "", "#家常菜"),
    ("猫咪洗澡", "它一点都不喜欢水", "#萌宠"),
    ("100% 真实测评", "不吹不黑", "#测评"),
]
PHRASES = [
    "收藏了,回头试试",
    "看我主页有惊喜",
    "加微信聊",
    "WeChat 私聊",
    "wechat me",
    "好",
    "VLOG 拍得真好",
    "私下信我",
]
COMMENTS = [
    (
        1 + i % len(WORKS),
        f"用户{i % 37}",
        PHRASES[(i * 7) % len(PHRASES)] + str(i % 5),
        (i * 11) % 17,
    )
    for i in range(480)
]
"""(work, nickname, content, likes): every phrase hundreds of times over 480 comments."""
WORK_QUERIES = [
    "家常",
    "早茶",
    "广州早茶",
    "vlog",
    "VLOG 广州",
    "早",
    "#美食",
    "100%",
    "没有这个词",
]
COMMENT_QUERIES = [
    "微信",  # two characters, Chinese
    "收藏了",
    "看我主页",
    "好",  # one character
    "WECHAT",  # Latin, another case
    "WeChat 私聊",
    "私信",  # 私 and 信 both there, never side by side
    "用户1",  # nickname
    "没有这句话",  # no hit
]


def _fill(store: Store) -> int:
    from creatorctl.accounts import add_account

    acc = add_account(store, "me").id
    with store.write() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO work(account_id, item_id, title, description, tags, published_at) "
                "VALUES (:a, :i, :t, :d, :g, '2026-10-01 10:00:00.000000')"
            ),
            [{"a": acc, "i": f"7{i}", "t": t, "d": d, "g": g} for i, (t, d, g) in enumerate(WORKS)],
        )
        conn.execute(
            sa.text(
                "INSERT INTO comment(account_id, work_id, nickname, content, created_at, likes) "
                "VALUES (:a, :w, :n, :c, '2026-10-02 10:00:00.000000', :l)"
            ),
            [{"a": acc, "w": w, "n": n, "c": c, "l": lk} for w, n, c, lk in COMMENTS],
        )
    return acc


@pytest.fixture(scope="module")
def c_locale_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A migrated store in a new PostgreSQL database whose locale is ``C``."""
    import psycopg

    from tests import pg_backend

    try:
        session = pg_backend.session_url()
    except RuntimeError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL leg NOT RUN: {exc}")
        pytest.skip(f"PostgreSQL leg NOT RUN: {exc}")
    base = sa.engine.make_url(session)
    admin = base.set(database="postgres").render_as_string(hide_password=False)
    name = f"creatorctl_c_{os.getpid()}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C' LC_CTYPE 'C'"
        )
    store = open_store(base.set(database=name).render_as_string(hide_password=False))
    _fill(store)
    with store.write() as conn:
        conn.exec_driver_sql("ANALYZE")
    yield store
    store.close()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(str(Path(tmp_path_factory.mktemp("sqlite")) / "store.db"))
    _fill(store)
    yield store
    store.close()


def test_the_c_locale_database_gives_chinese_no_trigrams(c_locale_store: Store) -> None:
    """The premise: pg_trgm is blind to Chinese here, so only the bigram index can help."""
    with c_locale_store.read() as conn:
        assert conn.exec_driver_sql("SHOW lc_ctype").scalar() == "C"
        assert conn.exec_driver_sql("SELECT show_trgm('家常红烧肉')").scalar() == []
        grams = conn.exec_driver_sql("SELECT creatorctl_bigrams('家常 VLog')").scalar()
    assert sorted(grams) == sorted(["家常", "常 ", " v", "vl", "lo", "og"])


def _comment_pages(store: Store, query: str, sort: str) -> list[list[tuple[int, int]]]:
    pager = CommentPager(store, CommentFilter(1, query=query, sort=sort))
    return [[(r.id, r.likes) for r in pager.page(off, 40)] for off in (0, 40, 80)]


def test_works_search_matches_sqlite(c_locale_store: Store, sqlite_store: Store) -> None:
    for query in WORK_QUERIES:
        want = [w.id for w in list_works(sqlite_store, 1, query=query)]
        assert [w.id for w in list_works(c_locale_store, 1, query=query)] == want, query
        assert count_works(c_locale_store, 1, query) == len(want), query
    assert [w.title for w in list_works(c_locale_store, 1, query="家常")] == ["家常红烧肉"]


@pytest.mark.parametrize(
    ("probe", "walk_new", "walk_likes"),
    [
        (10_000, 60_000, 10_000),  # few hits: the index page at once
        (5, 100_000, 100_000),  # many: walk the list's order (the page is always there)
        (5, 1, 1),  # many, window too short: the index page after all
    ],
    ids=["index", "walk", "walk-then-index"],
)
def test_comment_search_matches_sqlite_whichever_way_it_goes(
    c_locale_store: Store,
    sqlite_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    probe: int,
    walk_new: int,
    walk_likes: int,
) -> None:
    monkeypatch.setattr(comment_search_pg, "PROBE", probe)
    monkeypatch.setattr(comment_search_pg, "WALK_MAX_NEW", walk_new)
    monkeypatch.setattr(comment_search_pg, "WALK_MAX_LIKES", walk_likes)
    for query in COMMENT_QUERIES:
        for sort in ("new", "likes"):
            want = _comment_pages(sqlite_store, query, sort)
            assert _comment_pages(c_locale_store, query, sort) == want, (query, sort)
    assert sum(map(len, _comment_pages(c_locale_store, "微信", "new"))) == 60  # 加微信聊
    assert _comment_pages(c_locale_store, "私信", "likes") == [[], [], []]


def test_comment_walk_and_index_pages_agree_on_the_walk_path(
    c_locale_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first page comes from the walk, and the pages are the index path's."""
    calls: list[bool] = []
    real = comment_search_pg._walk

    def spy(*args: object) -> object:
        rows = real(*args)  # type: ignore[arg-type]
        calls.append(rows is not None)
        return rows

    monkeypatch.setattr(comment_search_pg, "PROBE", 5)
    monkeypatch.setattr(comment_search_pg, "_walk", spy)
    walked = _comment_pages(c_locale_store, "收藏了", "likes")
    assert calls[0]  # later pages may fall back to the index when the window runs short
    monkeypatch.setattr(comment_search_pg, "PROBE", 10_000)
    assert _comment_pages(c_locale_store, "收藏了", "likes") == walked


def test_chinese_two_character_comment_search_uses_the_bigram_index(
    c_locale_store: Store,
) -> None:
    from creatorctl.search import PG_GRAMS, pg_clause

    params: dict[str, object] = {}
    where = pg_clause(["微信"], params, ("c.content", "c.nickname"), PG_GRAMS["comment"])
    with c_locale_store.read() as conn:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        sql = f"EXPLAIN SELECT 1 FROM comment c WHERE {where}"
        plan = "\n".join(r[0] for r in conn.execute(sa.text(sql), params))
    assert "ix_comment_bigrams" in plan, plan
