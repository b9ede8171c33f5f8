"""The cursor follows the item, not the row number, when a list re-sorts or an item changes
state (issue 13 item 5): the next key acts on the item the user was looking at."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from textual.widgets import Input

from creatorctl.app import CreatorApp
from creatorctl.screens.confirm import ConfirmScreen
from creatorctl.screens.earn.tab import EarnTab
from creatorctl.store import Store
from creatorctl.widgets.paged_table import PagedTable
from tests.helpers import settle
from tests.test_app_inbox import comments_table, open_inbox, scalar


def _q(store: Store, sql: str) -> list[sa.Row]:
    with store.read() as conn:
        return list(conn.execute(sa.text(sql)))


async def test_earn_accept_then_deliver_acts_on_the_same_deal(demo_store: Store) -> None:
    """Accepting moves a deal from the open group down to the accepted one; the cursor goes
    with it, so `d` next delivers that deal and not the open one that took its row."""
    from creatorctl.screens.works.picker import WorkPickerScreen

    (task,) = _q(
        demo_store,
        "SELECT id FROM brandtask WHERE state='open' AND min_fans<=10000 ORDER BY deadline LIMIT 1",
    )
    app = CreatorApp(store=demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        app.action_show_tab("earn")
        await settle(pilot, app)
        tab = app.query_one(EarnTab)
        table = tab.query_one("#earn-brand-table", PagedTable)
        row = table.get_row_index(str(task.id))
        table.move_cursor(row=row)
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot, app)
        assert tab.tasks[task.id].state == "accepted"
        assert table.get_row_index(str(task.id)) != row  # it did move
        assert table.selected_key == str(task.id)  # and the cursor with it
        await pilot.press("d")
        await settle(pilot, app)
        assert isinstance(app.screen, WorkPickerScreen)
        assert f"#{task.id}" in str(app.screen.query_one("Label").render())


async def test_comments_delete_undo_reply_answers_the_same_comment(
    demo_db: Path, app_factory
) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(pilot, app)
        t = comments_table(app)
        await pilot.press("down", "down", "down")
        target = int(t.selected_key)
        await pilot.press("d")
        await settle(pilot, app)
        assert t.selected_key != str(target)
        await pilot.press("u")
        await settle(pilot, app)
        assert t.selected_key == str(target)  # back on the comment that came back
        await pilot.press("r")
        box = app.query_one("#comments-reply", Input)
        box.value = "谢谢"
        await pilot.press("enter")
        await settle(pilot, app)
        assert scalar(demo_db, "SELECT reply_text FROM comment WHERE id=:i", i=target) == "谢谢"


async def test_a_reply_goes_to_the_comment_r_was_pressed_on(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    """New comments arrive while the reply is typed (the list reloads and shifts down a row):
    the reply still answers the comment the cursor was on when `r` was pressed."""
    from creatorctl.store import open_store

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(pilot, app)
        t = comments_table(app)
        pane = app.query_one("#pane-comments")
        await pilot.press("down", "down")
        target = int(t.selected_key)
        await pilot.press("r")
        s = open_store(str(demo_db))
        with s.write() as conn:  # a newer comment, first in the list
            conn.exec_driver_sql(
                "INSERT INTO comment(account_id, work_id, nickname, content, created_at) "
                "SELECT account_id, work_id, '新粉丝', '新评论', datetime(created_at, '+1 day') "
                "FROM comment ORDER BY created_at DESC LIMIT 1"
            )
        s.close()
        pane.reload(keep_position=True)
        await settle(pilot, app)
        assert t.selected_key == str(target)
        box = app.query_one("#comments-reply", Input)
        box.value = "谢谢"
        await pilot.press("enter")
        await settle(pilot, app)
        assert scalar(demo_db, "SELECT reply_text FROM comment WHERE id=:i", i=target) == "谢谢"
