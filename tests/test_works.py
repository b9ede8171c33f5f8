"""Works: listing, sorting, search (FTS5 trigram and the LIKE fallback), edits, undo, trash."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.accounts import add_account, history, undo_last
from creatorctl.errors import UserError
from creatorctl.works import (
    count_works,
    daily_numbers,
    delete_work,
    edit_work,
    get_work,
    list_works,
    normalize_tag,
    normalize_tags,
)


@pytest.fixture
def acc(store):  # type: ignore[no-untyped-def]
    """An account with four hand-made works."""
    a = add_account(store, "cook")
    rows = [
        ("生抽还是老抽?做红烧肉别再放错了", "#家常菜 #美食教程", "2026-10-01 12:00", 5000, 0.25),
        ("十分钟搞定番茄炒蛋", "#快手菜", "2026-10-03 12:00", 900, 0.55),
        ("Excel tips for cooks", "#效率", "2026-10-02 12:00", 12000, None),
        ("广州早茶攻略:这5样必点", "#广州早茶攻略 #美食探店", "2026-10-04 12:00", 300, 0.41),
    ]
    with store.write() as conn:
        for title, tags, pub, plays, cr in rows:
            conn.execute(
                sa.text(
                    "INSERT INTO work(account_id, title, tags, published_at, plays, likes, "
                    "completion_rate) VALUES (:a, :t, :g, :p, :pl, :l, :cr)"
                ),
                {
                    "a": a.id,
                    "t": title,
                    "g": tags,
                    "p": pub,
                    "pl": plays,
                    "l": plays // 10,
                    "cr": cr,
                },
            )
    return a


def titles(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.title for r in rows]


def test_newest_first_and_sort_by_any_column(store, acc) -> None:  # type: ignore[no-untyped-def]
    assert titles(list_works(store, acc.id))[0] == "广州早茶攻略:这5样必点"
    assert list_works(store, acc.id, sort="plays")[0].plays == 12000
    assert list_works(store, acc.id, sort="plays", descending=False)[0].plays == 300
    # Works without a completion rate sort last either way.
    assert list_works(store, acc.id, sort="completion_rate")[-1].completion_rate is None
    assert (
        list_works(store, acc.id, sort="completion_rate", descending=False)[-1].completion_rate
        is None
    )
    with pytest.raises(UserError):
        list_works(store, acc.id, sort="nonsense")


def test_paging(store, acc) -> None:  # type: ignore[no-untyped-def]
    first = list_works(store, acc.id, limit=2)
    second = list_works(store, acc.id, limit=2, offset=2)
    assert len(first) == len(second) == 2
    assert not set(titles(first)) & set(titles(second))
    assert count_works(store, acc.id) == 4


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("红烧肉", ["生抽还是老抽?做红烧肉别再放错了"]),  # FTS5 trigram, Chinese
        ("老抽", ["生抽还是老抽?做红烧肉别再放错了"]),  # 2 characters: LIKE fallback
        ("早茶攻略", ["广州早茶攻略:这5样必点"]),  # matches title and topic
        ("#快手菜", ["十分钟搞定番茄炒蛋"]),  # a topic
        ("excel", ["Excel tips for cooks"]),  # Latin, case-insensitive
        ("蛋", ["十分钟搞定番茄炒蛋"]),  # 1 character
        ("红烧肉 家常", ["生抽还是老抽?做红烧肉别再放错了"]),  # terms are ANDed
        ("不存在的词", []),
        ('a"b', []),  # quotes cannot break the query
        ("100%", []),
    ],
)
@pytest.mark.sqlite_only("search on PostgreSQL (pg_trgm) comes with search.py's portable query")
def test_search(store, acc, query: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert titles(list_works(store, acc.id, query=query)) == expected
    assert count_works(store, acc.id, query) == len(expected)


@pytest.mark.sqlite_only("search on PostgreSQL (pg_trgm) comes with search.py's portable query")
def test_search_follows_edits(store, acc) -> None:  # type: ignore[no-untyped-def]
    wid = list_works(store, acc.id, query="番茄炒蛋")[0].id
    edit_work(store, wid, title="十分钟搞定可乐鸡翅")
    assert list_works(store, acc.id, query="番茄炒蛋") == []
    assert titles(list_works(store, acc.id, query="可乐鸡翅")) == ["十分钟搞定可乐鸡翅"]


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("生抽", "#生抽"),
        ("#生抽", "#生抽"),
        ("＃广州早茶攻略", "#广州早茶攻略"),
        (" vlog ", "#vlog"),
    ],
)
def test_topic_normalisation(raw: str, tag: str) -> None:
    assert normalize_tag(raw) == tag


@pytest.mark.parametrize("raw", ["#", "a b!", "生抽?", "#" + "长" * 31])
def test_bad_topics(raw: str) -> None:
    with pytest.raises(UserError):
        normalize_tags([raw])


def test_topics_deduplicated_and_bounded() -> None:
    assert normalize_tags(["#a b", "a", "c,d"]) == ("#a", "#b", "#c", "#d")
    with pytest.raises(UserError, match="话题太多"):
        normalize_tags([" ".join(f"t{i}" for i in range(11))])


@pytest.mark.sqlite_only("search on PostgreSQL (pg_trgm) comes with search.py's portable query")
def test_edit_records_history_and_undo_restores(store, acc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wid = list_works(store, acc.id, query="红烧肉")[0].id
    cover = tmp_path / "cover.jpg"
    cover.write_bytes(b"jpg")
    changes = edit_work(
        store,
        wid,
        title="生抽还是老抽?做红烧肉用生抽",
        add_tags=("下饭菜",),
        remove_tags=("#美食教程",),
        cover_path=str(cover),
    )
    assert changes["title"] == ("生抽还是老抽?做红烧肉别再放错了", "生抽还是老抽?做红烧肉用生抽")
    w = get_work(store, wid)
    assert w.tags == ("#家常菜", "#下饭菜") and w.cover_path == str(cover)
    assert {c.field for c in history(store, "work", wid)} == {"title", "tags", "cover_path"}
    assert edit_work(store, wid, title=w.title) == {}  # nothing changed, nothing recorded
    restored = undo_last(store, "work", wid)
    assert restored is not None and set(restored) == {"title", "tags", "cover_path"}
    w = get_work(store, wid)
    assert w.title == "生抽还是老抽?做红烧肉别再放错了" and w.tags == ("#家常菜", "#美食教程")
    assert undo_last(store, "work", wid) is None


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"title": "   "}, "标题不能为空"),
        ({"title": "长" * 56}, "太长"),
        ({"description": "字" * 1001}, "太长"),
        ({"add_tags": ("坏 话题!",)}, "只能包含"),
        ({"remove_tags": ("#没有这个",)}, "没有话题"),
        ({"cover_path": "/no/such/cover.jpg"}, "文件不存在"),
    ],
)
def test_bad_edits_change_nothing(store, acc, kwargs: dict, words: str) -> None:  # type: ignore[no-untyped-def]
    wid = list_works(store, acc.id)[0].id
    before = get_work(store, wid)
    with pytest.raises(UserError, match=words):
        edit_work(store, wid, **kwargs)
    assert get_work(store, wid) == before
    assert history(store, "work", wid) == []


def test_unknown_work(store, acc) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="9999"):
        edit_work(store, 9999, title="x")


def test_delete_goes_to_trash_and_restores(store, acc) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.trash import list_trash, restore

    wid = list_works(store, acc.id)[0].id
    delete_work(store, wid)
    assert count_works(store, acc.id) == 3
    with pytest.raises(UserError):
        get_work(store, wid)
    (item,) = list_trash(store, acc.id)
    assert item.entity == "work" and item.entity_id == wid
    assert restore(store, [item.id]) == 1
    assert count_works(store, acc.id) == 4 and list_trash(store, acc.id) == []
    with pytest.raises(UserError):
        restore(store, [item.id])


def test_daily_numbers_are_differences_of_snapshots(store, acc) -> None:  # type: ignore[no-untyped-def]
    wid = list_works(store, acc.id)[0].id
    with store.write() as conn:
        for day, plays in (("2026-10-05", 100), ("2026-10-06", 250), ("2026-10-08", 400)):
            conn.execute(
                sa.text(
                    "INSERT INTO worksnapshot(work_id, snapshot_date, plays) VALUES (:w, :d, :p)"
                ),
                {"w": wid, "d": day, "p": plays},
            )
    assert [(str(p.day), p.plays) for p in daily_numbers(store, wid)] == [
        ("2026-10-05", 100),
        ("2026-10-06", 150),
        ("2026-10-08", 150),
    ]
