"""A store saved at every earlier revision upgrades to head with nothing lost (issue 14 §4).

Each store is built here: migrated to revision X only, then filled with SQL that fits X — a row
in every table X has, with times written the way the release of X wrote them (whole seconds,
microseconds, the earn ledger's ".999999" ends). It includes a draft left in `publishing` by a
scheduler that died, comments with their search index, and the search index's paused row.
Then it is opened as the app opens it (migrated to head) and every row is counted and the key
values read back.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.store import MIGRATIONS_DIR, Store, current_revision, known_revisions, open_store
from tests.store_checks import bad_instants, instant_columns

REVISIONS = known_revisions()
OLDER = REVISIONS[:-1]


def _upgrade_to(store: Store, rev: str) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with store.write_engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, rev)
        conn.commit()


def _at(rev: str, since: str) -> bool:
    return rev >= since


# Each entry: (revision that made the table, table, rows). A row's columns from later revisions
# are listed under LATER and left out of stores older than them.
LATER = {
    ("account", "timezone"): "0009",
    ("work", "draft_id"): "0004",
    ("work", "aweme_id"): "0009",
    ("work", "duration_s"): "0009",
    ("publishattempt", "hook_pid"): "0008",
    ("publishattempt", "hook_started_at"): "0008",
    ("publishattempt", "idem_key"): "0008",
}

ROWS: list[tuple[str, str, list[dict[str, object]]]] = [
    ("0001", "setting", [{"key": "current_account", "value": "1"}]),
    (
        "0001",
        "account",
        [
            {
                "id": 1,
                "handle": "old_acc",
                "nickname": "老账号",
                "bio": "每天一道家常菜",
                "verified": 1,
                "created_at": "2026-11-01 08:00:00",
                "timezone": "Asia/Shanghai",
            }
        ],
    ),
    (
        "0001",
        "work",
        [
            {
                "id": 1,
                "account_id": 1,
                "item_id": "@9VxS1",
                "title": "红烧肉的家常做法",
                "description": "详细步骤",
                "tags": "#美食",
                "published_at": "2026-11-02 12:00:00",
                "plays": 1000,
                "likes": 50,
                "completion_rate": 0.42,
                "stats_date": "2026-11-20",
                "aweme_id": "7300000000000000001",
                "duration_s": 61.5,
            },
            {
                "id": 2,
                "account_id": 1,
                "title": "Deleted dumpling video",
                "published_at": "2026-11-03 09:30:00.250000",
                "plays": 10,
                "deleted_at": "2026-11-21 10:00:00",
            },
        ],
    ),
    (
        "0001",
        "worksnapshot",
        [
            {"work_id": 1, "snapshot_date": "2026-11-19", "plays": 900, "likes": 40},
            {"work_id": 1, "snapshot_date": "2026-11-20", "plays": 1000, "likes": 50},
        ],
    ),
    (
        "0001",
        "accountdaily",
        [{"account_id": 1, "day": "2026-11-20", "plays": 300, "fans_total": 12345}],
    ),
    (
        "0001",
        "edithistory",
        [
            {
                "account_id": 1,
                "entity": "work",
                "entity_id": 1,
                "field": "title",
                "old_value": "红烧肉",
                "new_value": "红烧肉的家常做法",
                "batch": "b1",
                "changed_at": "2026-11-20 08:00:00.123456",
            }
        ],
    ),
    (
        "0001",
        "trash",
        [
            {
                "account_id": 1,
                "entity": "work",
                "entity_id": 2,
                "label": "Deleted dumpling video",
                "deleted_at": "2026-11-21 10:00:00",
            }
        ],
    ),
    (
        "0003",
        "fanportrait",
        [
            {
                "account_id": 1,
                "dimension": "province",
                "bucket": "广东",
                "share": 0.34,
                "as_of": "2026-11-20",
            }
        ],
    ),
    ("0003", "fanactivity", [{"account_id": 1, "weekday": 0, "hour": 20, "value": 9.5}]),
    (
        "0003",
        "trendingtopic",
        [{"niche": "美食", "topic": "#家常菜", "heat": 900, "day": "2026-11-20"}],
    ),
    (
        "0004",
        "draft",
        [
            {
                "id": 1,
                "account_id": 1,
                "title": "发布中的草稿",
                "state": "publishing",
                "scheduled_at": "2026-11-22 12:00:00.000000",
                "next_try_at": "2026-11-22 12:00:00.000000",
                "attempts": 1,
                "claimed_by": "host:4242:dead",
                "claimed_at": "2026-11-22 12:00:01.500000",
                "created_at": "2026-11-21 08:00:00.000000",
                "updated_at": "2026-11-22 12:00:01.500000",
            },
            {
                "id": 2,
                "account_id": 1,
                "title": "A plain draft",
                "edit_params": '{"cut": [0, 5]}',
                "created_at": "2026-11-21 08:00:00.000000",
                "updated_at": "2026-11-21 08:00:00.000000",
            },
        ],
    ),
    (
        "0004",
        "publishattempt",
        [
            {
                "draft_id": 1,
                "worker_id": "host:4242:dead",
                "started_at": "2026-11-22 12:00:01.500000",
                "hook_pid": 4243,
                "hook_started_at": "2026-11-22 12:00:01.600000",
                "idem_key": "draft-1-20261122T1200",
            }
        ],
    ),
    (
        "0004",
        "schedulerprocess",
        [
            {
                "worker_id": "host:4242:dead",
                "pid": 4242,
                "host": "host",
                "kind": "app",
                "started_at": "2026-11-22 11:00:00.000000",
                "heartbeat_at": "2026-11-22 12:00:00.000000",
            }
        ],
    ),
    (
        "0005",
        "comment",
        [
            {
                "id": 1,
                "account_id": 1,
                "work_id": 1,
                "comment_id": "c-1",
                "user_id": "u1",
                "nickname": "吃货小王",
                "content": "红烧肉看起来太好吃了",
                "created_at": "2026-11-20 09:00:00",
                "likes": 7,
            },
            {
                "id": 2,
                "account_id": 1,
                "work_id": 1,
                "nickname": "Ann",
                "content": "Tried the braised pork recipe tonight",
                "created_at": "2026-11-20 10:00:00",
                "pinned": 1,
            },
        ],
    ),
    (
        "0005",
        "autoreplyrule",
        [{"account_id": 1, "keyword": "价格", "reply": "请看橱窗", "created_at": "2026-11-20"}],
    ),
    (
        "0005",
        "conversation",
        [
            {
                "id": 1,
                "account_id": 1,
                "fan_id": "f1",
                "fan_nickname": "粉丝一号",
                "last_at": "2026-11-20 11:00:00",
                "last_text": "你好",
                "unread": 1,
            }
        ],
    ),
    (
        "0005",
        "message",
        [
            {
                "conversation_id": 1,
                "direction": "in",
                "text": "你好",
                "created_at": "2026-11-20 11:00:00",
            }
        ],
    ),
    (
        "0005",
        "fangroup",
        [{"id": 1, "account_id": 1, "name": "铁粉群", "created_at": "2026-11-20 08:00:00"}],
    ),
    (
        "0005",
        "groupmember",
        [{"group_id": 1, "user_id": "u1", "joined_at": "2026-11-20 08:00:00"}],
    ),
    (
        "0005",
        "groupannouncement",
        [{"group_id": 1, "text": "周五直播", "changed_at": "2026-11-20 08:00:00"}],
    ),
    (
        "0005",
        "livepreview",
        [
            {
                "account_id": 1,
                "topic": "做饭直播",
                "start_at": "2026-11-28 12:00:00",
                "created_at": "2026-11-20 08:00:00",
            }
        ],
    ),
    (
        "0005",
        "livesession",
        [{"id": 1, "account_id": 1, "title": "上次直播", "started_at": "2026-11-18 12:00:00"}],
    ),
    ("0005", "livesample", [{"session_id": 1, "ts": "2026-11-18 12:01:00", "online": 88}]),
    (
        "0006",
        "brandtask",
        [
            {
                "account_id": 1,
                "platform_id": "xt-1",
                "brand": "某品牌",
                "title": "新品试吃",
                "commission": 800.0,
                "state": "accepted",
                "accepted_at": "2026-11-20 08:00:00",
            }
        ],
    ),
    ("0006", "product", [{"id": 1, "account_id": 1, "name": "铁锅", "price": 99.0}]),
    ("0006", "productsale", [{"id": 1, "product_id": 1, "day": "2026-11-20", "units": 3}]),
    ("0006", "productreturnreason", [{"sale_id": 1, "reason": "尺寸不合", "count": 1}]),
    (
        "0006",
        "platformtask",
        [
            {
                "account_id": 1,
                "topic": "#春日好时光",
                "starts_at": "2026-11-01 00:00:00",
                "ends_at": "2026-11-30 23:59:59.999999",
            }
        ],
    ),
    (
        "0011",
        "audit",
        [
            {
                "at": "2026-11-29 08:00:00.000000",
                "who": "alice",
                "account_id": 1,
                "kind": "work",
                "object_id": 1,
                "action": "edit",
                "before": '{"title": "红烧肉"}',
                "after": '{"title": "红烧肉的家常做法"}',
            }
        ],
    ),
    (
        "0006",
        "earning",
        [{"account_id": 1, "day": "2026-11-20", "source": "brand", "amount": 800.0, "ref": "b1"}],
    ),
]


def _fill(store: Store, rev: str) -> dict[str, int]:
    """Rows fitting revision `rev`; returns how many went into each table."""
    from creatorctl.timeutil import from_db, to_db

    counts: dict[str, int] = {}
    # From 0014 on, a release writes every instant in the one form (to_db).
    instants = instant_columns() if _at(rev, "0014") else {}
    with store.write() as conn:
        for since, table, rows in ROWS:
            if not _at(rev, since):
                continue
            for row in rows:
                cols = [
                    c for c in row if _at(rev, LATER.get((table, c), "0000"))
                ]  # columns this revision has
                conn.execute(
                    sa.text(
                        f"INSERT INTO {table} ({', '.join(cols)}) "
                        f"VALUES ({', '.join(':' + c for c in cols)})"
                    ),
                    {
                        c: to_db(from_db(row[c]))
                        if c in instants.get(table, ()) and row[c] is not None
                        else row[c]
                        for c in cols
                    },
                )
            counts[table] = counts.get(table, 0) + len(rows)
        if _at(rev, "0005") and not _at(rev, "0014"):
            # The search index's pause row, as a bulk load writes it (migration 0005's trigger
            # skips indexing while it exists), left committed; a comment that went in under it
            # was never indexed.
            conn.execute(
                sa.text("INSERT INTO setting(key, value) VALUES ('comment_fts_paused', '1')")
            )
            conn.execute(
                sa.text(
                    "INSERT INTO comment(id, account_id, work_id, content, created_at) "
                    "VALUES (3, 1, 1, '糖醋排骨也想学', '2026-11-20T12:00:00')"
                )
            )
            counts["comment"] += 1
        elif _at(rev, "0014"):
            # 0014 cleared a stale pause row, and releases since never leave one committed.
            conn.execute(
                sa.text(
                    "INSERT INTO comment(id, account_id, work_id, content, created_at) "
                    "VALUES (3, 1, 1, '糖醋排骨也想学', '2026-11-20 12:00:00.000000')"
                )
            )
            counts["comment"] += 1
    return counts


def _saved_at(tmp_path: Path, rev: str) -> tuple[Path, dict[str, int]]:
    path = tmp_path / f"at-{rev}.db"
    store = open_store(str(path), migrate=False)
    try:
        _upgrade_to(store, rev)
        assert current_revision(store) == rev
        counts = _fill(store, rev)
    finally:
        store.close()
    return path, counts


def test_every_revision_is_tested() -> None:
    assert OLDER[0] == "0001" and len(OLDER) >= 7
    # 0007–0010 added columns and indexes (0010: the comment bigram index), no tables; 0012
    # and 0013 only PostgreSQL's search indexes, ledger and counter; 0014 and 0015 rewrote
    # stored times (0015 on PostgreSQL: tests/test_migrations_pg.py); 0016 only PostgreSQL's
    # bigram search indexes (tests/test_search_pg.py); 0017 the liked comments' bigram index
    # (tests/test_comment_plans.py).
    no_rows = {"0007", "0008", "0009", "0010", "0012", "0013", "0014", "0015", "0016", "0017"}
    assert {since for since, _, _ in ROWS} | no_rows >= set(OLDER)


@pytest.mark.parametrize("rev", OLDER)
def test_a_store_saved_at_an_earlier_revision_upgrades_with_nothing_lost(
    tmp_path: Path, rev: str
) -> None:
    path, counts = _saved_at(tmp_path, rev)
    store = open_store(str(path))
    try:
        assert current_revision(store) == REVISIONS[-1]
        with store.read() as conn:
            for table, n in counts.items():
                sql = f"SELECT count(*) FROM {table}"
                if table == "setting":
                    sql += " WHERE key <> 'comment_fts_paused'"
                got = conn.execute(sa.text(sql)).scalar_one()
                assert got == n, (rev, table)
            acc = conn.execute(sa.text("SELECT * FROM account")).one()
            assert (acc.handle, acc.nickname, acc.bio, acc.verified) == (
                "old_acc",
                "老账号",
                "每天一道家常菜",
                1,
            )
            assert acc.timezone == ("Asia/Shanghai" if rev >= "0009" else "")
            work = conn.execute(sa.text("SELECT * FROM work WHERE id=1")).one()
            assert (work.title, work.plays, work.likes, work.completion_rate) == (
                "红烧肉的家常做法",
                1000,
                50,
                0.42,
            )
            assert work.aweme_id == ("7300000000000000001" if rev >= "0009" else None)
            if rev >= "0004":
                draft = conn.execute(sa.text("SELECT * FROM draft WHERE id=1")).one()
                assert (draft.state, draft.claimed_by, draft.attempts) == (
                    "publishing",
                    "host:4242:dead",
                    1,
                )
                attempt = conn.execute(sa.text("SELECT * FROM publishattempt")).one()
                assert attempt.hook_pid == (4243 if rev >= "0008" else None)
                assert attempt.idem_key == ("draft-1-20261122T1200" if rev >= "0008" else "")
                params = conn.execute(sa.text("SELECT edit_params FROM draft WHERE id=2"))
                assert params.scalar_one() == '{"cut": [0, 5]}'
        from creatorctl.works import count_works

        assert count_works(store, 1) == 1  # the other one is in the trash
        assert count_works(store, 1, query="家常做法") == 1
        if rev >= "0005":
            from creatorctl.inbox.comments import CommentFilter, list_comments

            def found(query: str) -> list[int]:
                return [c.id for c in list_comments(store, CommentFilter(1, query=query))]

            assert found("红烧肉看") == [1]
            assert found("braised pork") == [2]
            assert found("吃货") == [1]  # by nickname
            # The stale pause row is gone, the index rebuilt: the comment under it is found,
            # and a comment added now is indexed as it goes in.
            assert found("糖醋排骨") == [3]
            with store.write() as conn:
                paused = conn.execute(
                    sa.text("SELECT count(*) FROM setting WHERE key='comment_fts_paused'")
                ).scalar_one()
                conn.execute(
                    sa.text(
                        "INSERT INTO comment(account_id, work_id, content, created_at) "
                        "VALUES (1, 1, '升级以后的新评论', :t)"
                    ),
                    {"t": datetime(2026, 11, 29, 8, 0)},
                )
            assert paused == 0
            assert len(found("升级以后")) == 1
        # Every instant, whatever form its release wrote, is now in the one form and reads back
        # as the same time.
        checked, bad = bad_instants(store)
        assert checked >= 3 and bad == []
        with store.read() as conn:
            pub = conn.execute(sa.text("SELECT published_at FROM work WHERE id=2")).scalar_one()
            assert pub == "2026-11-03 09:30:00.250000"
            if rev >= "0005":
                rule = conn.execute(sa.text("SELECT created_at FROM autoreplyrule")).scalar_one()
                assert rule == "2026-11-20 00:00:00.000000"
                late = conn.execute(sa.text("SELECT created_at FROM comment WHERE id=3"))
                assert late.scalar_one() == "2026-11-20 12:00:00.000000"
            if rev >= "0006":
                ends = conn.execute(sa.text("SELECT ends_at FROM platformtask")).scalar_one()
                assert ends == "2026-11-30 23:59:59.999999"
    finally:
        store.close()
