"""Pilot tests: every Inbox action, asserted on widgets and on the store."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from textual.widgets import Checkbox, DataTable, Input, Static, TextArea

from creatorctl.app import TAB_IDS
from creatorctl.screens.inbox.tab import InboxTab
from creatorctl.widgets.paged_table import PagedTable
from tests.helpers import settle


def scalar(db: Path, sql: str, **params):  # type: ignore[no-untyped-def]
    from creatorctl.store import open_store

    s = open_store(str(db))
    try:
        with s.read() as conn:
            return conn.execute(sa.text(sql), params).scalar()
    finally:
        s.close()


async def open_inbox(pilot, app, view: int = 0) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot, app)
    await pilot.press(INBOX_KEY)
    await settle(pilot, app)
    for _ in range(view):
        await pilot.press("right_square_bracket")
        await settle(pilot, app)


INBOX_KEY = str(TAB_IDS.index("inbox") + 1)


def comments_table(app) -> PagedTable:  # type: ignore[no-untyped-def]
    return app.query_one("#comments-table", PagedTable)


async def test_comments_list_sort_search_flagged(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(pilot, app)
        t = comments_table(app)
        pane = app.query_one("#pane-comments")
        assert t.row_count == 100 and t.total > 1000
        newest = scalar(demo_db, "SELECT max(id) FROM comment")
        assert t.selected_key == str(newest) and app.focused is t
        await pilot.press("s")
        await settle(pilot, app)
        likes = [c.likes for c in pane.rows.values()]
        assert pane.sort == "likes" and likes == sorted(likes, reverse=True)
        await pilot.press("slash")
        box = app.query_one("#comments-search", Input)
        assert app.focused is box
        box.value = "收藏了"
        await pilot.press("enter")
        await settle(pilot, app)
        assert pane.rows and all("收藏了" in c.content for c in pane.rows.values())
        assert "收藏了" in str(app.query_one("#comments-status", Static).render())
        await pilot.press("escape")
        await settle(pilot, app)
        assert pane.query_text == ""
        await pilot.press("f")
        await settle(pilot, app)
        assert pane.rows and all(c.flags for c in pane.rows.values())


async def test_pin_delete_undo_reply(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(pilot, app)
        t = comments_table(app)
        first = int(t.selected_key)
        await pilot.press("p")
        await settle(pilot, app)
        assert scalar(demo_db, "SELECT pinned FROM comment WHERE id=:i", i=first) == 1
        await pilot.press("p")  # again: unpin
        await settle(pilot, app)
        assert scalar(demo_db, "SELECT pinned FROM comment WHERE id=:i", i=first) == 0
        await pilot.press("d")
        await settle(pilot, app)
        assert scalar(demo_db, "SELECT deleted_at IS NOT NULL FROM comment WHERE id=:i", i=first)
        assert t.selected_key != str(first)
        await pilot.press("u")
        await settle(pilot, app)
        assert scalar(demo_db, "SELECT deleted_at FROM comment WHERE id=:i", i=first) is None
        await pilot.press("home")
        await settle(pilot, app)
        target = int(t.selected_key)
        await pilot.press("r")
        box = app.query_one("#comments-reply", Input)
        assert app.focused is box
        box.value = "谢谢支持"
        await pilot.press("enter")
        await settle(pilot, app)
        assert scalar(demo_db, "SELECT reply_text FROM comment WHERE id=:i", i=target) == "谢谢支持"
        assert scalar(demo_db, "SELECT count(*) FROM comment WHERE parent_id=:i", i=target) == 1


async def test_purge_flagged_asks_first(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.screens.confirm import ConfirmScreen

    flagged = "SELECT count(*) FROM comment WHERE flags<>'' AND deleted_at IS NULL"
    before = scalar(demo_db, flagged)
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(pilot, app)
        await pilot.press("X")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot, app)
        assert scalar(demo_db, flagged) == before > 0
        await pilot.press("X")
        await settle(pilot, app)
        await pilot.press("y")
        await settle(pilot, app)
        assert scalar(demo_db, flagged) == 0


async def test_work_detail_c_opens_its_comments(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    wid = scalar(
        demo_db, "SELECT work_id FROM comment GROUP BY work_id ORDER BY count(*) DESC LIMIT 1"
    )
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        app.open_work(wid)
        await settle(pilot, app)
        await pilot.press("c")
        await settle(pilot, app)
        pane = app.query_one("#pane-comments")
        assert app.active_tab == "inbox" and pane.work_id == wid
        assert pane.rows and {c.work_id for c in pane.rows.values()} == {wid}
        await pilot.press("w")
        await settle(pilot, app)
        assert pane.work_id is None


async def test_messages_open_reads_and_send(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(pilot, app, view=1)
        await pilot.press("U")
        await settle(pilot, app)
        t = app.query_one("#conversations", PagedTable)
        conv = int(t.selected_key)
        assert scalar(demo_db, "SELECT unread FROM conversation WHERE id=:i", i=conv) > 0
        await pilot.press("enter")
        await settle(pilot, app)
        assert scalar(demo_db, "SELECT unread FROM conversation WHERE id=:i", i=conv) == 0
        text = str(app.query_one("#conversation-text", Static).render())
        assert text.strip()
        await pilot.press("r")
        box = app.query_one("#message-input", Input)
        assert app.focused is box
        box.value = "马上安排"
        await pilot.press("enter")
        await settle(pilot, app)
        assert (
            scalar(
                demo_db,
                "SELECT text FROM message WHERE conversation_id=:i ORDER BY id DESC LIMIT 1",
                i=conv,
            )
            == "马上安排"
        )
        assert "马上安排" in str(app.query_one("#conversation-text", Static).render())


async def test_rule_editor_and_tester(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.screens.inbox.rules import RuleEditScreen, RulesScreen

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(pilot, app, view=1)
        await pilot.press("R")
        await settle(pilot, app)
        assert isinstance(app.screen, RulesScreen)
        n = app.screen.query_one("#rules-table", DataTable).row_count
        await pilot.press("a")
        await settle(pilot, app)
        assert isinstance(app.screen, RuleEditScreen)
        app.screen.query_one("#rule-keyword", Input).value = "发货|快递"
        app.screen.query_one("#rule-reply", Input).value = "48小时内发货"
        app.screen.query_one("#rule-priority", Input).value = "99"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, RulesScreen)
        assert app.screen.query_one("#rules-table", DataTable).row_count == n + 1
        rid = scalar(demo_db, "SELECT id FROM autoreplyrule WHERE reply='48小时内发货'")
        assert rid
        # The new rule has the highest priority: it is first; space switches it off.
        await pilot.press("home", "space")
        await settle(pilot, app)
        assert scalar(demo_db, "SELECT enabled FROM autoreplyrule WHERE id=:i", i=rid) == 0
        await pilot.press("t")
        tester = app.screen.query_one("#rule-test", Input)
        tester.value = "什么时候发快递"
        await settle(pilot, app)
        assert "没有规则" in str(app.screen.query_one("#rule-test-result", Static).render())
        tester.value = "你好"
        app.screen.query_one("#rule-test-first", Checkbox).value = True
        await settle(pilot, app)
        assert "你好呀" in str(app.screen.query_one("#rule-test-result", Static).render())
        # An empty reply is refused with a message in the form.
        app.screen.query_one("#rules-table", DataTable).focus()
        await pilot.press("e")
        await settle(pilot, app)
        app.screen.query_one("#rule-reply", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, RuleEditScreen)
        assert "不能为空" in str(app.screen.query_one("#rule-error", Static).render())
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("d", "y")
        await settle(pilot, app)
        assert scalar(demo_db, "SELECT count(*) FROM autoreplyrule WHERE id=:i", i=rid) == 0


async def test_groups_announcement_members_admin(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.screens.inbox.groups import AnnouncementScreen, TextScreen

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(pilot, app, view=2)
        pane = app.query_one("#pane-groups")
        t = app.query_one("#members-table", PagedTable)
        gid = pane.group.id
        assert t.total == pane.group.members
        await pilot.press("I")
        await settle(pilot, app)
        assert t.total == pane.group.inactive > 0
        await pilot.press("I", "s")
        await settle(pilot, app)
        top = scalar(demo_db, "SELECT max(message_count) FROM groupmember WHERE group_id=:g", g=gid)
        assert pane.sort == "messages"
        assert str(top) in str(t.get_row_at(0)[3])
        await pilot.press("e")
        await settle(pilot, app)
        assert isinstance(app.screen, AnnouncementScreen)
        app.screen.query_one(TextArea).text = "周五晚上加播一场"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert (
            scalar(demo_db, "SELECT announcement FROM fangroup WHERE id=:g", g=gid)
            == "周五晚上加播一场"
        )
        await pilot.press("h")
        await settle(pilot, app)
        assert isinstance(app.screen, TextScreen)
        await pilot.press("escape")
        user = t.selected_key
        role = "SELECT role FROM groupmember WHERE group_id=:g AND user_id=:u"
        before = scalar(demo_db, role, g=gid, u=user)
        await pilot.press("m")
        await settle(pilot, app)
        after = scalar(demo_db, role, g=gid, u=user)
        assert {before, after} == {"admin", "member"} or before == "owner"
        await pilot.press("g")
        await settle(pilot, app)
        assert pane.group.id != gid


async def test_live_previews_replay_and_monitor(demo_db: Path, app_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.screens.inbox.live import PathScreen, PreviewScreen

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(pilot, app, view=3)
        pane = app.query_one("#pane-live")
        # The newest past live is replayed on opening: its summary and its drop alert.
        assert "直播小结" in str(app.query_one("#live-summary", Static).render())
        assert "⚠" in str(app.query_one("#live-alerts", Static).render())
        await pilot.press("n")
        await settle(pilot, app)
        assert isinstance(app.screen, PreviewScreen)
        app.screen.query_one("#preview-topic", Input).value = "新品首发"
        app.screen.query_one("#preview-start", Input).value = "2020-01-01 20:00"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, PreviewScreen)  # refused: in the past
        app.screen.query_one("#preview-start", Input).value = "2026-12-20 20:00"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert scalar(demo_db, "SELECT count(*) FROM livepreview WHERE topic='新品首发'") == 1
        app.query_one("#live-previews", DataTable).focus()
        await pilot.press("down", "down", "delete")
        await settle(pilot, app)
        assert scalar(demo_db, "SELECT count(*) FROM livepreview WHERE topic='新品首发'") == 0

        # Follow a file another writer appends to; the drop alert arrives as samples do.
        t0 = datetime(2026, 11, 26, 20, 0, 0)
        path = tmp_path / "now.csv"
        path.write_text(
            "ts,online\n"
            + "".join(f"{t0 + timedelta(seconds=10 * k)},{1000 + k}\n" for k in range(6))
        )
        notes: list[str] = []
        app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        await pilot.press("o")
        await settle(pilot, app)
        assert isinstance(app.screen, PathScreen)
        app.screen.query_one(Input).value = str(path)
        await pilot.press("enter")
        await settle(pilot, app)
        assert pane.following and pane.monitor is not None
        for _ in range(20):
            await asyncio.sleep(0.1)
            await settle(pilot, app, 1)
            if len(pane.monitor.samples) == 6:
                break
        assert len(pane.monitor.samples) == 6 and pane.monitor.alerts == []
        with path.open("a") as fh:
            fh.write(f"{t0 + timedelta(seconds=60)},700\n")
        for _ in range(30):
            await asyncio.sleep(0.1)
            await settle(pilot, app, 1)
            if pane.monitor.alerts:
                break
        assert len(pane.monitor.alerts) == 1
        assert any("1,005 → 700" in n for n in notes)
        await pilot.press("x")
        await settle(pilot, app)
        assert not pane.following
        assert "峰值 1,005" in str(app.query_one("#live-summary", Static).render())


async def test_palette_lists_inbox_views(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        live = next(c for title, c in commands.items() if title.endswith("直播"))
        live.callback()
        await settle(pilot, app)
        assert app.active_tab == "inbox"
        assert app.query_one(InboxTab).current == "live"
