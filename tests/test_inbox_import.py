"""Inbox importers: comments (CSV, Open Platform JSON with --work), messages (auto replies
applied), fan groups, live samples; re-importing adds nothing; exports read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.import_helpers import account_id, cli, rows, write_csv

pytestmark = pytest.mark.backends  # SQLite and PostgreSQL (conftest `backend`)

EXAMPLES = Path(__file__).parent.parent / "examples"


def _work(store, item: str = "7001") -> int:  # type: ignore[no-untyped-def]
    with store.write() as conn:
        return int(
            conn.execute(
                sa.text(
                    "INSERT INTO work(account_id, item_id, title, published_at) "
                    "VALUES (:a, :i, '测试作品', '2026-11-01 12:00:00') RETURNING id"
                ),
                {"a": account_id(store), "i": item},
            ).scalar_one()
        )


def test_comments_csv_flags_search_and_reimport(import_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wid = _work(import_store)
    src = write_csv(
        tmp_path / "c.csv",
        [
            ["评论ID", "作品ID", "用户昵称", "评论内容", "评论时间", "点赞数", "置顶"],
            ["c1", "7001", "小猫", "太有用了收藏了", "2026-11-20 19:35", "1.2万", "是"],
            ["c2", str(wid), "土豆", "需要的加微信 abc123", "2026-11-20 19:40", "0", "否"],
            ["c3", "9999", "路人", "作品不存在", "2026-11-20 19:41", "0", ""],
        ],
    )
    code, out, err = cli("import", str(src), "--skip-bad-rows")
    assert code == 0, err
    assert "added 2" in out and "skipped 1" in out
    got = rows(import_store, "SELECT comment_id, likes, pinned, flags FROM comment ORDER BY id")
    assert got == [("c1", 12000, 1, ""), ("c2", 0, 0, "wechat")]
    from creatorctl.inbox.comments import CommentFilter, list_comments

    acc = account_id(import_store)
    assert [
        c.comment_id for c in list_comments(import_store, CommentFilter(acc, query="收藏了"))
    ] == ["c1"]
    assert rows(import_store, "SELECT key FROM setting WHERE key='comment_fts_paused'") == []
    code, out, _ = cli("import", str(src), "--skip-bad-rows")
    assert code == 0 and "added 0" in out and "unchanged 2" in out
    # Without --skip-bad-rows the unknown work rejects the file and writes nothing.
    src2 = write_csv(
        tmp_path / "c2.csv",
        [["评论ID", "作品ID", "评论内容", "评论时间"], ["c9", "9999", "x", "2026-11-20 19:41"]],
    )
    code, _, err = cli("import", str(src2))
    assert code == 1 and "no such work: 9999" in err


def test_open_platform_comment_json_needs_work(import_store) -> None:  # type: ignore[no-untyped-def]
    wid = _work(import_store)
    src = EXAMPLES / "open-platform-comments.json"
    code, _, err = cli("import", str(src))
    assert code == 1 and "--work" in err
    code, _, err = cli("import", str(src), "--work", "424242")
    assert code == 1 and "no work with id 424242" in err
    code, out, err = cli("import", str(src), "--work", str(wid))
    assert code == 0, err
    assert "added 2" in out
    got = rows(import_store, "SELECT user_id, likes, pinned, flags FROM comment ORDER BY id")
    assert got == [("u2001", 33, 1, ""), ("u2002", 0, 0, "wechat")]
    code, out, _ = cli("import", str(src), "--work", str(wid))
    assert "unchanged 2" in out


def test_messages_csv_applies_auto_replies(import_store) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.inbox.messages import save_rule

    acc = account_id(import_store)
    save_rule(import_store, acc, keyword="", reply="欢迎~", is_welcome=True)
    save_rule(import_store, acc, keyword="多少钱", reply="看橱窗", priority=5)
    code, out, err = cli("import", str(EXAMPLES / "messages.csv"))
    assert code == 0, err
    assert "added 4" in out
    got = rows(
        import_store,
        "SELECT c.fan_id, m.direction, m.text, m.auto_reply FROM message m "
        "JOIN conversation c ON c.id = m.conversation_id ORDER BY m.created_at, m.id",
    )
    assert got == [
        ("f1001", "in", "你好", 0),
        ("f1001", "out", "欢迎~", 1),
        ("f1001", "in", "这个多少钱?", 0),
        ("f1001", "out", "看橱窗", 1),
        ("f1002", "in", "想进粉丝群", 0),
        ("f1002", "out", "欢迎~", 1),
        ("f1002", "out", "好的,主页有入口", 0),
    ]
    assert rows(import_store, "SELECT fan_id, unread FROM conversation ORDER BY fan_id") == [
        ("f1001", 2),
        ("f1002", 0),
    ]
    code, out, _ = cli("import", str(EXAMPLES / "messages.csv"))
    assert "added 0" in out and "unchanged 4" in out
    assert len(rows(import_store, "SELECT id FROM message")) == 7


def test_groups_and_live_samples(import_store) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("import", str(EXAMPLES / "fan-groups.csv"))
    assert code == 0 and "added 4" in out, err
    assert rows(import_store, "SELECT role, message_count FROM groupmember ORDER BY id") == [
        ("owner", 320), ("admin", 88), ("member", 2), ("member", 0)
    ]  # fmt: skip
    code, out, _ = cli("import", str(EXAMPLES / "fan-groups.csv"))
    assert "unchanged 4" in out
    code, out, err = cli("import", str(EXAMPLES / "live-samples.csv"), "--title", "周日直播")
    assert code == 0 and "added 6" in out, err
    from creatorctl.inbox.live import list_sessions, replay, session_samples

    acc = account_id(import_store)
    (session,) = list_sessions(import_store, acc)
    assert session.title == "周日直播" and session.samples == 6
    summary = replay(session_samples(import_store, acc, session.id), 0.2, 60)
    assert summary.peak == 1510 and len(summary.alerts) == 1 and summary.new_fans == 15
    code, out, _ = cli("import", str(EXAMPLES / "live-samples.csv"))
    assert "unchanged 6" in out and len(list_sessions(import_store, acc)) == 1


def test_bad_cells_name_file_row_and_column(import_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = write_csv(
        tmp_path / "m.csv",
        [["粉丝ID", "方向", "消息内容", "时间"], ["f1", "sideways", "hi", "2026-11-20 10:00"]],
    )
    code, _, err = cli("import", str(src))
    assert code == 1 and "m.csv" in err and "方向" in err
    src = write_csv(tmp_path / "g.csv", [["粉丝群", "用户ID", "角色"], ["群", "u1", "king"]])
    code, _, err = cli("import", str(src))
    assert code == 1 and "角色" in err


def test_export_reads_back(import_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wid = _work(import_store)
    assert wid == 1  # examples/comments.csv names work 1
    code, _, err = cli("import", str(EXAMPLES / "comments.csv"))
    assert code == 0, err
    out = tmp_path / "export.csv"
    code, _, err = cli("export", "comments", "-o", str(out))
    assert code == 0, err
    code, stdout, _ = cli("import", str(out))
    assert "unchanged 4" in stdout
    # A connection opened before the imports deletes fine (imports change no schema).
    with import_store.write() as conn:
        conn.execute(sa.text("DELETE FROM comment"))
    code, stdout, err = cli("import", str(out))
    assert code == 0 and "added 4" in stdout, err
    assert sorted(r[0] for r in rows(import_store, "SELECT flags FROM comment")) == [
        "", "", "phone", "wechat"
    ]  # fmt: skip
    data_path = tmp_path / "m.json"
    cli("import", str(EXAMPLES / "messages.csv"))
    code, _, _ = cli("export", "messages", "--format", "json", "-o", str(data_path))
    assert code == 0 and len(json.loads(data_path.read_text())) == 4


# --- big files: the pipelined writer, suspended indexes, search index at the end ------------


def _schema(store) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return rows(store, "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")


def _comment_rows(n: int, likes: int = 0, start: int = 0) -> list[list[object]]:
    return [
        [f"c{i}", "7001", f"u{i}", f"用户{i}", f"第{i}条 加v{i}" if i % 5 == 0 else f"第{i}条评论",
         f"2026-11-{1 + i % 20:02d} 10:{i % 60:02d}:00", likes + i % 3]
        for i in range(start, start + n)
    ]  # fmt: skip


HEADER = ["评论ID", "作品ID", "用户ID", "用户昵称", "评论内容", "评论时间", "点赞数"]


def test_many_batches_repeats_and_likes_updates(import_store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.importers.kinds.inbox_comments import Comments
    from creatorctl.inbox.comments import CommentFilter, list_comments

    monkeypatch.setattr(Comments, "batch_size", 7)  # many batches through the writer thread
    _work(import_store)
    before = _schema(import_store)
    body = _comment_rows(50)
    # c3 again in a later batch with other likes: stored once, its last likes win.
    src = write_csv(tmp_path / "c.csv", [HEADER, *body, ["c3", "7001", "u3", "用户3", "第3条评论",
                                                         "2026-11-04 10:03:00", "99"]])  # fmt: skip
    code, out, err = cli("import", str(src))
    assert code == 0, err
    assert "added 50, updated 1, unchanged 0" in out
    assert rows(import_store, "SELECT count(*), sum(flags = 'wechat') FROM comment") == [(50, 10)]
    assert rows(import_store, "SELECT likes FROM comment WHERE comment_id = 'c3'") == [(99,)]
    assert _schema(import_store) == before  # every index and trigger is back, as it was
    assert rows(import_store, "SELECT v FROM comment_fts_config WHERE k = 'automerge'") in (
        [], [(4,)]
    )  # fmt: skip
    acc = account_id(import_store)
    hits = list_comments(import_store, CommentFilter(acc, query="第17条"))
    assert [c.comment_id for c in hits] == ["c17"]
    # Again with more likes for every row and ten new ones: updated and added, nothing twice.
    src = write_csv(tmp_path / "c2.csv", [HEADER, *_comment_rows(60, likes=1)])
    code, out, err = cli("import", str(src))
    assert code == 0, err
    assert "added 10, updated 50, unchanged 0" in out
    assert rows(import_store, "SELECT count(*) FROM comment") == [(60,)]
    assert (
        rows(import_store, "SELECT count(*) FROM comment_fts WHERE comment_fts MATCH '条评论'")[0][
            0
        ]
        == 48
    )  # 60 minus the 12 with 加v


def test_a_failing_writer_leaves_the_store_as_it_was(
    import_store, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from creatorctl.importers.kinds import inbox_comments
    from creatorctl.inbox import comment_load

    monkeypatch.setattr(inbox_comments.Comments, "batch_size", 5)
    _work(import_store)
    cli("import", str(write_csv(tmp_path / "a.csv", [HEADER, *_comment_rows(3)])))
    before = _schema(import_store), rows(import_store, "SELECT * FROM comment ORDER BY id")
    real = comment_load.merge_rows
    calls = []

    def flaky(*args: object) -> tuple[int, int]:
        calls.append(1)
        if len(calls) == 4:
            raise sqlite3.OperationalError("disk I/O error")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(comment_load, "merge_rows", flaky)
    src = write_csv(tmp_path / "b.csv", [HEADER, *_comment_rows(40, start=100)])
    code, _, err = cli("import", str(src))
    assert code != 0 and "a disk error" in err  # errors.store_error: one line, no SQL
    assert (
        _schema(import_store),
        rows(import_store, "SELECT * FROM comment ORDER BY id"),
    ) == before
    assert rows(import_store, "SELECT key FROM setting WHERE key = 'comment_fts_paused'") == []


def test_interrupted_import_rolls_back(import_store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Ctrl-C while the writer thread works: it is stopped and the store is as before."""
    from creatorctl.importers import import_file
    from creatorctl.importers.kinds import inbox_comments

    monkeypatch.setattr(inbox_comments.Comments, "batch_size", 5)
    _work(import_store)
    before = _schema(import_store)
    real = inbox_comments.Comments.prepare
    seen = []

    def prepare(self, ctx, rows):  # type: ignore[no-untyped-def]
        seen.append(1)
        if len(seen) == 5:
            raise KeyboardInterrupt
        return real(self, ctx, rows)

    monkeypatch.setattr(inbox_comments.Comments, "prepare", prepare)
    src = write_csv(tmp_path / "b.csv", [HEADER, *_comment_rows(40)])
    with pytest.raises(KeyboardInterrupt):
        import_file(import_store, src, account_id=account_id(import_store))
    assert rows(import_store, "SELECT count(*) FROM comment") == [(0,)]
    assert _schema(import_store) == before


def test_demo_comments_and_replies_survive_export_and_import(demo_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Comments made here (demo, replies) carry the key an import computes for a row with no
    platform id: exporting them and importing the file back adds nothing."""
    from creatorctl.accounts import require_account
    from creatorctl.config import load_config
    from creatorctl.inbox.reply import reply_comment

    acc = require_account(demo_store)
    (first,) = rows(demo_store, "SELECT id FROM comment WHERE NOT is_mine ORDER BY id LIMIT 1")
    reply_comment(demo_store, load_config(), acc.id, first[0], "谢谢支持!")
    assert rows(demo_store, "SELECT count(*) FROM comment WHERE comment_id IS NULL") == [(0,)]
    (before,) = rows(demo_store, "SELECT count(*) FROM comment")
    out = tmp_path / "comments.csv"
    db = demo_store.url
    code, _, err = cli("--db", db, "export", "comments", "-o", str(out))
    assert code == 0, err
    code, stdout, err = cli("--db", db, "import", str(out))
    assert code == 0, err
    assert "added 0" in stdout
    assert rows(demo_store, "SELECT count(*) FROM comment") == [before]
