"""The account screen (P) shows the newest audit entries of the account: who, what, which
object, and the change, one cleaned line each, at 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import settle

SIZE = (80, 24)


def _changes(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three logins change the demo account: a profile edit, a work title holding a terminal
    escape and markup, and a deleted comment."""
    from creatorctl.accounts import require_account, update_profile
    from creatorctl.inbox.comments import delete_comments
    from creatorctl.store import open_store
    from creatorctl.works import edit_work

    s = open_store(str(demo_db))
    acc = require_account(s)
    monkeypatch.setenv("LOGNAME", "wang")
    update_profile(s, acc.id, niche="萌宠日常")
    monkeypatch.setenv("LOGNAME", "li")
    edit_work(s, 1, title="\x1b[2J[b]狗狗[/b]\u202e标题", account_id=acc.id)
    monkeypatch.setenv("LOGNAME", "zhao")
    delete_comments(s, [6], acc.id)
    s.close()


async def _open_audit(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot, pilot.app)
    await pilot.press("P")
    await settle(pilot, pilot.app)
    pilot.app.screen.query_one("#profile-audit").scroll_visible(animate=False)
    await settle(pilot, pilot.app)
    pilot.app.screen.set_focus(None)
    await pilot.pause()


async def test_profile_lists_recent_audit_entries(
    demo_db: Path, app_factory, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _changes(demo_db, monkeypatch)
    app = app_factory(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await _open_audit(pilot)
        audit = app.screen.query_one("#profile-audit")
        lines = str(audit.render()).splitlines()
        assert lines[0] == "操作记录"
        assert lines[1].split()[2:5] == ["zhao", "删除", "评论"]
        assert lines[2].split()[2:5] == ["li", "修改", "作品"]
        assert lines[3].split()[2:5] == ["wang", "修改", "账号"]
        assert "\x1b" not in lines[2] and "\u202e" not in lines[2]
        assert "[b]狗狗[/b]" in lines[2]  # shown as typed, not parsed as markup
        region = audit.region
        assert region.y >= 0 and region.bottom <= SIZE[1]
        # a new save shows up at once, on top
        from textual.widgets import Input

        monkeypatch.setenv("LOGNAME", "qian")
        app.screen.query_one("#profile-bio", Input).value = "新的简介"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        first = str(app.screen.query_one("#profile-audit").render()).splitlines()[1]
        assert first.split()[2:5] == ["qian", "修改", "账号"] and "新的简介" in first


async def test_profile_without_audit_entries_says_so(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await _open_audit(pilot)
        text = str(app.screen.query_one("#profile-audit").render())
        assert text.splitlines() == ["操作记录", "还没有操作记录"]


def test_profile_audit_look(snap_compare, demo_db: Path, app_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """账号信息 scrolled to its end: 修改记录 with wang's 领域 edit, then 操作记录 with three
    lines, newest first — zhao 删除 评论 #6, li 修改 作品 #1 (标题: the old title → …, cut
    with … at the dialog's edge), wang 修改 账号 #1 (领域: 宠物 → 萌宠日常); 保存/撤销/返回
    below."""
    _changes(demo_db, monkeypatch)
    assert snap_compare(app_factory(demo_db), terminal_size=SIZE, run_before=_open_audit)
