"""`comments`, `messages`, `groups`, `live` and `export comments|messages`: results and every
error path (one line on stderr, exit 1; usage errors exit 2)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import sqlalchemy as sa

from tests.test_cli import assert_one_line_error, invoke


def _ids(db: Path, *args: str) -> list[int]:
    r = invoke("comments", "list", "--json", *args, db=db)
    assert r.exit_code == 0, r.output
    return [c["id"] for c in json.loads(r.stdout)]


def test_comments_list_variants(demo_db: Path) -> None:
    newest = json.loads(invoke("comments", "list", "--json", "--limit", "5", db=demo_db).stdout)
    assert [c["id"] for c in newest] == sorted((c["id"] for c in newest), reverse=True)
    work = newest[0]["work_id"]
    liked = json.loads(
        invoke(
            "comments", "list", "--work", str(work), "--sort", "likes", "--json", db=demo_db
        ).stdout
    )
    assert {c["work_id"] for c in liked} == {work}
    assert [c["likes"] for c in liked] == sorted((c["likes"] for c in liked), reverse=True)
    flagged = json.loads(invoke("comments", "list", "--flagged", "--json", db=demo_db).stdout)
    assert flagged and all(c["flags"] for c in flagged)
    found = json.loads(invoke("comments", "list", "--search", "微信", "--json", db=demo_db).stdout)
    assert found and all("微信" in c["content"] for c in found)
    r = invoke("--lang", "en", "comments", "list", "--search", "绝对没有这种评论", db=demo_db)
    assert r.exit_code == 0 and "no comments" in r.stdout
    r = invoke("comments", "list", "--limit", "3", db=demo_db)
    assert r.exit_code == 0 and len(r.stdout.strip().splitlines()) == 4


def test_comments_actions(demo_db: Path) -> None:
    a, b = _ids(demo_db, "--limit", "2")
    r = invoke("--lang", "en", "comments", "pin", str(a), db=demo_db)
    assert r.exit_code == 0 and f"pinned comment {a}" in r.stdout
    r = invoke("--lang", "en", "comments", "pin", str(a), "--unpin", db=demo_db)
    assert r.exit_code == 0 and "unpinned" in r.stdout
    r = invoke("--lang", "en", "comments", "delete", str(a), str(b), db=demo_db)
    assert r.exit_code == 0 and "moved 2 comments" in r.stdout
    assert a not in _ids(demo_db, "--limit", "5")
    r = invoke("--lang", "en", "comments", "restore", str(a), db=demo_db)
    assert r.exit_code == 0 and "restored 1" in r.stdout
    assert a in _ids(demo_db, "--limit", "5")
    r = invoke("--lang", "en", "comments", "reply", str(a), "谢谢!", db=demo_db)
    assert r.exit_code == 0 and "stored locally" in r.stdout


def test_comments_errors(demo_db: Path) -> None:
    assert "no comment with id 999999" in assert_one_line_error(
        invoke("--lang", "en", "comments", "pin", "999999", db=demo_db)
    )
    assert_one_line_error(invoke("comments", "delete", "999999", db=demo_db))
    assert_one_line_error(invoke("comments", "restore", "1", db=demo_db))
    assert_one_line_error(invoke("comments", "reply", "1", "   ", db=demo_db))
    assert_one_line_error(invoke("comments", "list", "--work", "999999", db=demo_db))
    assert_one_line_error(invoke("comments", "list", "--sort", "old", db=demo_db), code=2)
    assert_one_line_error(invoke("comments", "delete", db=demo_db), code=2)


def test_purge_flagged_needs_yes_then_purges(demo_db: Path) -> None:
    err = assert_one_line_error(invoke("--lang", "en", "comments", "purge-flagged", db=demo_db))
    assert "add --yes" in err
    r = invoke("--lang", "en", "comments", "purge-flagged", "--yes", db=demo_db)
    assert r.exit_code == 0 and "flagged comments to the trash" in r.stdout
    assert _ids(demo_db, "--flagged") == []
    r = invoke("--lang", "en", "comments", "purge-flagged", "--yes", db=demo_db)
    assert r.exit_code == 0 and "no flagged comments" in r.stdout


def test_messages_commands(demo_db: Path) -> None:
    convs = json.loads(invoke("messages", "list", "--unread", "--json", db=demo_db).stdout)
    assert convs and all(c["unread"] for c in convs)
    cid = convs[0]["id"]
    r = invoke("messages", "show", str(cid), "--read", "--json", db=demo_db)
    assert r.exit_code == 0 and json.loads(r.stdout)
    after = json.loads(invoke("messages", "list", "--unread", "--json", db=demo_db).stdout)
    assert cid not in {c["id"] for c in after}
    r = invoke("--lang", "en", "messages", "send", str(cid), "稍等哦", db=demo_db)
    assert r.exit_code == 0 and "sent" in r.stdout
    assert "稍等哦" in invoke("messages", "show", str(cid), db=demo_db).stdout
    rules = json.loads(invoke("messages", "rules", "--json", db=demo_db).stdout)
    assert any(r["is_welcome"] for r in rules)
    r = invoke("--lang", "en", "messages", "test-rule", "这个多少钱", db=demo_db)
    assert "would reply" in r.stdout
    r = invoke("--lang", "en", "messages", "test-rule", "嗯嗯", db=demo_db)
    assert "no rule would answer" in r.stdout
    r = invoke("--lang", "en", "messages", "test-rule", "嗯嗯", "--first", db=demo_db)
    assert "would reply" in r.stdout


def test_rule_add_edit_delete(demo_db: Path) -> None:
    r = invoke("--lang", "en", "messages", "rule", "--keyword", "发货", "--reply", "48小时内发货",
               "--priority", "50", db=demo_db)  # fmt: skip
    assert r.exit_code == 0
    import re

    # Rules are named by id and keyword (issue 13): "saved rule #12 “发货”".
    found = re.fullmatch(r"saved rule #(\d+) “发货”", r.stdout.strip())
    assert found, r.stdout
    rid = int(found.group(1))
    assert "48小时内发货" in invoke("messages", "test-rule", "什么时候发货", db=demo_db).stdout
    assert invoke("messages", "rule", str(rid), "--off", db=demo_db).exit_code == 0
    assert "48小时内发货" not in invoke("messages", "test-rule", "什么时候发货", db=demo_db).stdout
    assert invoke("messages", "rule", str(rid), "--delete", db=demo_db).exit_code == 0
    assert_one_line_error(invoke("messages", "rule", str(rid), "--on", db=demo_db))
    assert_one_line_error(invoke("messages", "rule", "--keyword", "x", db=demo_db))
    assert_one_line_error(invoke("messages", "rule", "--delete", db=demo_db), code=2)
    assert_one_line_error(invoke("messages", "show", "999999", db=demo_db))
    assert_one_line_error(invoke("messages", "send", "999999", "hi", db=demo_db))


def test_groups_commands(demo_db: Path) -> None:
    groups = json.loads(invoke("groups", "list", "--json", db=demo_db).stdout)
    assert len(groups) == 2
    gid = groups[0]["id"]
    silent = json.loads(
        invoke(
            "groups",
            "members",
            str(gid),
            "--inactive",
            "30",
            "--json",
            "--limit",
            "1000",
            db=demo_db,
        ).stdout  # fmt: skip
    )
    assert len(silent) == groups[0]["inactive"] > 0
    busy = json.loads(
        invoke("groups", "members", str(gid), "--sort", "messages", "--json", db=demo_db).stdout
    )
    counts = [m["message_count"] for m in busy]
    assert counts == sorted(counts, reverse=True)
    r = invoke("--lang", "en", "groups", "announce", str(gid), "新公告:周五加播", db=demo_db)
    assert r.exit_code == 0 and "updated" in r.stdout
    r = invoke("groups", "announce", str(gid), "--history", db=demo_db)
    assert r.stdout.splitlines()[0].endswith("新公告:周五加播")
    member = busy[-1]["user_id"]
    r = invoke("--lang", "en", "groups", "role", str(gid), member, "admin", db=demo_db)
    assert r.exit_code == 0 and "admin" in r.stdout
    assert_one_line_error(invoke("groups", "role", str(gid), "nobody", "admin", db=demo_db))
    assert_one_line_error(invoke("groups", "members", "999", db=demo_db))
    assert_one_line_error(invoke("groups", "role", str(gid), member, "owner", db=demo_db), code=2)


def test_live_previews_and_sessions(demo_db: Path) -> None:
    r = invoke(
        "--lang", "en", "live", "preview", "周末答疑", "--at", "2026-12-05 20:00", db=demo_db
    )
    assert r.exit_code == 0
    pid = int(r.stdout.split()[-1])
    previews = json.loads(invoke("live", "previews", "--json", db=demo_db).stdout)
    assert "周末答疑" in {p["topic"] for p in previews} and len(previews) == 3
    assert invoke("live", "preview", "--delete", str(pid), db=demo_db).exit_code == 0
    assert_one_line_error(invoke("live", "preview", "--delete", str(pid), db=demo_db))
    assert_one_line_error(
        invoke("live", "preview", "过去的", "--at", "2020-01-01 20:00", db=demo_db)
    )
    assert_one_line_error(invoke("live", "preview", "x", "--at", "明天", db=demo_db))
    assert_one_line_error(invoke("live", "preview", "x", db=demo_db), code=2)
    sessions = json.loads(invoke("live", "sessions", "--json", db=demo_db).stdout)
    assert sorted(len(s["alerts"]) for s in sessions) == [0, 1]


def test_export_comments_and_messages(demo_db: Path, tmp_path: Path) -> None:
    r = invoke("export", "comments", "--format", "csv", db=demo_db)
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0][:2] == ["评论ID", "作品ID"] and "标记" in rows[0]
    flags_col = rows[0].index("标记")
    assert any("wechat" in row[flags_col] for row in rows[1:])
    out = tmp_path / "m.json"
    r = invoke("export", "messages", "--format", "json", "-o", str(out), db=demo_db)
    assert r.exit_code == 0
    data = json.loads(out.read_text())
    assert data and {"fan_id", "direction", "text", "auto_reply"} <= set(data[0])
    from creatorctl.store import open_store

    s = open_store(str(demo_db))
    with s.read() as conn:
        n = conn.execute(sa.text("SELECT count(*) FROM message")).scalar()
    assert len(data) == n


def test_receive_answers_with_rules_and_reflag(demo_db: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    r = invoke("--lang", "en", "messages", "receive", "newfan", "你好,多少钱?", db=demo_db)
    assert r.exit_code == 0 and "1 auto replies" in r.stdout
    convs = json.loads(invoke("messages", "list", "--json", db=demo_db).stdout)
    conv = next(c for c in convs if c["fan_id"] == "newfan")
    msgs = json.loads(invoke("messages", "show", str(conv["id"]), "--json", db=demo_db).stdout)
    assert [m["auto_reply"] for m in msgs] == [False, True]
    assert_one_line_error(invoke("messages", "receive", "newfan", "  ", db=demo_db))
    # A new word in the list flags comments that hold it.
    config = tmp_path / "xdg-config" / "creatorctl" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[inbox]\nflag_words = ["收藏了"]\n')
    config.chmod(0o600)
    r = invoke("--lang", "en", "comments", "reflag", db=demo_db)
    assert r.exit_code == 0, r.output
    flagged = json.loads(
        invoke("comments", "list", "--flagged", "--search", "收藏了", "--json", db=demo_db).stdout
    )
    assert flagged and all("word" in c["flags"] for c in flagged)


def test_reply_hook_failure_is_one_line(demo_db: Path, tmp_path: Path) -> None:
    import sys

    hook = tmp_path / "fail.py"
    hook.write_text("import sys\nsys.exit(2)\n")
    config = tmp_path / "xdg-config" / "creatorctl" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        f"[reply]\ncommand = [{json.dumps(sys.executable)}, {json.dumps(str(hook))}]\n"
    )
    config.chmod(0o600)
    cid = _ids(demo_db, "--limit", "1")[0]
    err = assert_one_line_error(
        invoke("--lang", "en", "comments", "reply", str(cid), "hi", db=demo_db)
    )
    assert "sending the reply failed" in err
    replies = json.loads(invoke("comments", "list", "--limit", "1", "--json", db=demo_db).stdout)
    assert replies[0]["parent_id"] == cid and replies[0]["send_status"] == "failed"
