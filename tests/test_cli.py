"""The command line: every command, every error path; one line on stderr, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from creatorctl.cli import main


def invoke(*args: str, db: Path | None = None, input: str | None = None):  # type: ignore[no-untyped-def]
    # These tests make their stores on first use; test_db_typo_* check what happens without it.
    argv = (["--db", str(db), "--create"] if db else []) + list(args)

    def entry() -> None:
        main(argv)

    runner = CliRunner()
    return runner.invoke(_Wrapper(entry), [], input=input, catch_exceptions=False)


class _Wrapper:
    """Lets CliRunner drive `main(argv)` so SystemExit codes are what a shell would see."""

    def __init__(self, fn) -> None:  # type: ignore[no-untyped-def]
        self.fn = fn
        self.name = "creatorctl"

    def main(self, args=None, prog_name=None, **extra):  # type: ignore[no-untyped-def]
        self.fn()


def assert_one_line_error(result, code: int = 1) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    err = result.stderr.strip()
    assert err and "Traceback" not in result.output + result.stderr
    if code == 1:
        assert len(err.splitlines()) == 1, err
    return err


def test_demo_then_list_json(tmp_path: Path, frozen_clock: str) -> None:
    db = tmp_path / "s.db"
    r = invoke("demo", "--seed", "7", db=db)
    assert r.exit_code == 0 and "demo_pets_7" in r.stdout
    r = invoke("works", "list", "--json", "--limit", "3", db=db)
    rows = json.loads(r.stdout)
    assert len(rows) == 3
    assert set(rows[0]) >= {
        "id",
        "title",
        "published_at",
        "tags",
        "plays",
        "likes",
        "comments",
        "shares",
        "completion_rate",
    }
    assert rows[0]["published_at"] >= rows[1]["published_at"] >= rows[2]["published_at"]
    r = invoke("works", "list", "--sort", "plays", "--limit", "5", "--json", db=db)
    plays = [x["plays"] for x in json.loads(r.stdout)]
    assert plays == sorted(plays, reverse=True)


def test_works_search_and_table(demo_db: Path) -> None:
    r = invoke("works", "list", "--search", "拆家", "--json", "--limit", "500", db=demo_db)
    rows = json.loads(r.stdout)
    assert rows and all("拆家" in x["title"] or any("拆家" in t for t in x["tags"]) for x in rows)
    r = invoke("works", "list", "--limit", "2", db=demo_db)
    assert r.exit_code == 0 and "发布时间" in r.stdout
    r = invoke("works", "list", "--search", "没有这种内容的视频", db=demo_db)
    assert "没有找到" in r.stdout


def test_works_edit_history_undo(demo_db: Path) -> None:
    r = invoke("works", "edit", "1", "--title", "新标题", "--add-tag", "测试", db=demo_db)
    assert r.exit_code == 0 and "新标题" in r.stdout
    r = invoke("works", "show", "1", "--json", db=demo_db)
    shown = json.loads(r.stdout)
    assert shown["title"] == "新标题" and "#测试" in shown["tags"]
    r = invoke("works", "history", "1", "--json", db=demo_db)
    assert {c["field"] for c in json.loads(r.stdout)} == {"title", "tags"}
    r = invoke("works", "undo", "1", db=demo_db)
    assert r.exit_code == 0
    r = invoke("works", "show", "1", "--json", db=demo_db)
    assert json.loads(r.stdout)["title"] != "新标题"
    r = invoke("works", "edit", "1", "--remove-tag", "测试", db=demo_db)
    assert_one_line_error(r)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("works", "edit", "1", "--title", ""), "标题不能为空"),
        (("works", "edit", "1", "--title", "长" * 80), "太长"),
        (("works", "edit", "1", "--add-tag", "有 空格!"), "话题"),
        (("works", "edit", "1", "--cover", "/nope/cover.jpg"), "文件不存在"),
        (("works", "edit", "99999", "--title", "x"), "99999"),
        (("works", "show", "99999"), "99999"),
        (("works", "undo", "2"), "没有可撤销"),
        (("--account", "nobody", "works", "list"), "nobody"),
        (("accounts", "use", "nobody"), "nobody"),
        (("accounts", "add", "bad handle"), "无效"),
        (("accounts", "add", "demo_pets_7"), "已存在"),
        (("accounts", "edit", "--avatar", "/nope.png"), "文件不存在"),
        (("trash", "restore", "42"), "42"),
        (("demo", "--seed", "7"), "已存在"),
    ],
)
def test_user_errors_are_one_line_exit_1(demo_db: Path, args: tuple[str, ...], words: str) -> None:
    before = demo_db.read_bytes()
    err = assert_one_line_error(invoke(*args, db=demo_db))
    assert words in err
    # The store is as it was (a failed command wrote nothing).
    from creatorctl.store import open_store

    s = open_store(str(demo_db))
    with s.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM edithistory").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM account").scalar() == 1
    s.close()
    assert before


@pytest.mark.parametrize(
    "args",
    [
        ("works", "list", "--sort", "nonsense"),
        ("works", "list", "--limit", "0"),
        ("nosuchcommand",),
        ("works", "edit"),
        ("--lang", "fr", "works", "list"),
    ],
)
def test_usage_errors_exit_2(demo_db: Path, args: tuple[str, ...]) -> None:
    assert_one_line_error(invoke(*args, db=demo_db), code=2)


@pytest.mark.parametrize(
    ("db", "words"),
    [
        ("mysql://u@h/x", "unsupported --db URL"),
        ("postgresql://u@h/", "names no database"),
        ("sqlite+foo:///x.db", ""),
    ],
)
def test_bad_db_urls(db: str, words: str) -> None:
    r = invoke("--db", db, "accounts", "list")
    err = assert_one_line_error(r)
    assert words in err


def test_no_account_yet_says_what_to_do(tmp_path: Path) -> None:
    err = assert_one_line_error(invoke("works", "list", db=tmp_path / "empty.db"))
    assert "creatorctl demo" in err


def test_accounts_add_use_list_edit(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert invoke("accounts", "add", "alpha", "--niche", "美食", db=db).exit_code == 0
    assert invoke("accounts", "add", "beta", "--verified", db=db).exit_code == 0
    rows = json.loads(invoke("accounts", "list", "--json", db=db).stdout)
    assert [(a["handle"], a["current"]) for a in rows] == [("alpha", False), ("beta", True)]
    assert invoke("accounts", "use", "alpha", db=db).exit_code == 0
    r = invoke("accounts", "edit", "--bio", "职场干货", db=db)
    assert "职场干货" in r.stdout
    rows = json.loads(invoke("accounts", "list", "--json", db=db).stdout)
    assert rows[0]["current"] and not rows[1]["current"]
    r = invoke("--account", "beta", "accounts", "list", db=db)
    assert "*  beta" in r.stdout or "* beta" in r.stdout


def test_english_output(demo_db: Path) -> None:
    r = invoke("--lang", "en", "works", "list", "--limit", "1", db=demo_db)
    assert "published" in r.stdout
    r = invoke("--lang", "en", "works", "show", "99999", db=demo_db)
    assert "no work with id 99999" in r.stderr


def test_delete_asks_then_trash_restore(demo_db: Path) -> None:
    r = invoke("works", "delete", "3", db=demo_db, input="n\n")
    assert r.exit_code == 1
    r = invoke("works", "delete", "3", db=demo_db, input="y\n")
    assert r.exit_code == 0
    items = json.loads(invoke("trash", "list", "--json", db=demo_db).stdout)
    assert [i["entity_id"] for i in items] == [3]
    assert invoke("trash", "restore", str(items[0]["id"]), db=demo_db).exit_code == 0
    assert json.loads(invoke("trash", "list", "--json", db=demo_db).stdout) == []


def test_env_var_selects_store(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATORCTL_DB", str(demo_db))
    r = invoke("works", "list", "--limit", "1", "--json")
    assert len(json.loads(r.stdout)) == 1


def test_world_writable_store_refused(demo_db: Path) -> None:
    demo_db.chmod(0o666)
    err = assert_one_line_error(invoke("works", "list", db=demo_db))
    assert "可被其他用户写入" in err and "chmod go-w" in err


def test_db_typo_is_refused_without_create(tmp_path: Path) -> None:
    """Issue 13: `--db /typo/x.db` (stdin not a terminal) refuses in one line, creating nothing."""
    target = tmp_path / "typo" / "x.db"
    err = assert_one_line_error(invoke("--db", str(target), "--lang", "en", "works", "list"))
    assert "--create" in err and str(target) in err
    assert not target.parent.exists()


def test_db_typo_asks_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the user is asked; 'n' leaves nothing behind, 'y' makes the store."""
    import sys

    target = tmp_path / "new" / "x.db"
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    from creatorctl.cli import confirm_new_store

    monkeypatch.setattr("click.confirm", lambda *a, **k: False)
    with pytest.raises(Exception, match="--create"):
        confirm_new_store(str(target))
    assert not target.parent.exists()
    monkeypatch.setattr("click.confirm", lambda *a, **k: True)
    confirm_new_store(str(target))  # no error: open_store may now make it


def test_db_create_makes_the_store_and_default_needs_nothing(tmp_path: Path) -> None:
    target = tmp_path / "fresh" / "x.db"
    r = invoke("--db", str(target), "--create", "accounts", "list")
    assert r.exit_code == 0, r.output
    assert target.exists()
    assert invoke("accounts", "list").exit_code == 0  # the default location: silently made


def test_demo_makes_its_store_without_create(tmp_path: Path) -> None:
    target = tmp_path / "d.db"
    r = invoke("--db", str(target), "demo", "--size", "small")
    assert r.exit_code == 0, r.stderr
    assert target.exists()


def test_works_list_says_when_it_is_cut(demo_db: Path) -> None:
    """Issue 13: a list cut at --limit says '2 of N shown; --limit' on stderr, stdout untouched."""
    r = invoke("--lang", "en", "works", "list", "--limit", "2", "--json", db=demo_db)
    assert len(json.loads(r.stdout)) == 2
    total = len(json.loads(invoke("works", "list", "--json", "--limit", "5000", db=demo_db).stdout))
    assert r.stderr.strip() == f"2 of {total:,} shown; --limit for more"
    r = invoke("works", "list", "--limit", "5000", db=demo_db)
    assert r.stderr == ""  # everything shown: nothing to say
