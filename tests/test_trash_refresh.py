"""The trash screen, Works `x` then `u`, F5, and changes made by other processes appearing on
their own (issue 13 item 6)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from creatorctl.i18n import t
from creatorctl.store import open_store
from tests.helpers import settle


def _works_table(app):  # type: ignore[no-untyped-def]
    return app.main_screen.query_one("#works-table")


async def _wait_for(pilot, condition, seconds: float = 6.0) -> bool:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.1)):
        if condition():
            return True
        await pilot.pause(0.1)
    return condition()


async def test_works_x_then_u_brings_the_work_back(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.works import count_works

    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        gone = _works_table(app).selected_key
        await pilot.press("x", "y")
        await settle(pilot, app)
        assert _works_table(app).total == 239 and app.view("works").last_deleted_work == int(gone)
        await pilot.press("u")
        await settle(pilot, app)
        assert _works_table(app).total == 240
        assert _works_table(app).selected_key == gone
        s = open_store(str(demo_db))
        assert count_works(s, app.account.id) == 240
        s.close()
        # the next `u` is about edits again, not the delete
        assert app.view("works").last_deleted_work is None


def _trash_three(db: Path) -> tuple[int, int, int]:
    """Delete a work, a comment and a draft the way the CLI does (another process)."""
    import sqlalchemy as sa

    from creatorctl.accounts import require_account
    from creatorctl.drafts import add_draft, delete_draft
    from creatorctl.inbox.comments import delete_comments
    from creatorctl.works import delete_work

    s = open_store(str(db))
    acc = require_account(s)
    with s.read() as conn:
        work_id = conn.execute(sa.text("SELECT min(id) FROM work")).scalar_one()
        comment_id = conn.execute(sa.text("SELECT min(id) FROM comment")).scalar_one()
    draft = add_draft(s, acc.id, title="要删的草稿")
    delete_work(s, work_id)
    delete_comments(s, [comment_id], acc.id)
    delete_draft(s, draft.id)
    s.close()
    return work_id, comment_id, draft.id


async def test_trash_screen_lists_works_comments_drafts_and_restores(
    demo_db: Path, app_factory
) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.screens.trash import TrashScreen

    _trash_three(demo_db)
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert _works_table(app).total == 239
        await pilot.press("T")
        await settle(pilot, app)
        assert isinstance(app.screen, TrashScreen)
        table = app.screen.query_one("#trash-table")
        kinds = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert kinds == [t("trash.kind.draft"), t("trash.kind.comment"), t("trash.kind.work")]
        await pilot.press("down", "down", "r")  # the work
        await settle(pilot, app)
        assert table.row_count == 2
        assert str(app.screen.query_one("#trash-status").render()).startswith("↺ ")
        await pilot.press("r", "r")  # the rest: the line says what came back and that it is empty
        await settle(pilot, app)
        status = str(app.screen.query_one("#trash-status").render())
        assert table.row_count == 0 and status.startswith("↺ ") and t("trash.empty") in status
        await pilot.press("escape")
        await settle(pilot, app)
        assert _works_table(app).total == 240  # the Works tab reloaded behind the dialog


async def test_trash_is_in_the_palette(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.screens.trash import TrashScreen

    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands[t("trash.title")].callback()
        await settle(pilot, app)
        assert isinstance(app.screen, TrashScreen)
        assert t("ui.key_refresh") in commands


async def test_a_change_by_another_process_appears_on_its_own(
    demo_db: Path, app_factory, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.app import CreatorApp
    from creatorctl.works import delete_work

    monkeypatch.setattr(CreatorApp, "POLL_SECONDS", 0.3)
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await _wait_for(pilot, lambda: app.watcher is not None)
        await pilot.press("down", "down")
        table = _works_table(app)
        row, key = table.cursor_row, table.selected_key
        s = open_store(str(demo_db))
        delete_work(s, int(list(table.rows)[5].value))
        s.close()
        assert await _wait_for(pilot, lambda: table.total == 239)
        # reloaded in place: the cursor stayed on its row, the keyboard on the table
        assert table.cursor_row == row and table.selected_key == key
        assert app.focused is table


async def test_an_inbox_change_does_not_reload_works(
    demo_db: Path, app_factory, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.app import CreatorApp
    from creatorctl.screens.works.tab import WorksTab

    monkeypatch.setattr(CreatorApp, "POLL_SECONDS", 0.3)
    reloads: list[str] = []
    monkeypatch.setattr(WorksTab, "reload_in_place", lambda self: reloads.append("works"))
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await _wait_for(pilot, lambda: app.watcher is not None)
        s = open_store(str(demo_db))
        with s.write() as conn:
            conn.exec_driver_sql(
                "INSERT INTO autoreplyrule(account_id, keyword, reply, priority, enabled, "
                "is_welcome, created_at) SELECT id, 'x', 'y', 1, 1, 0, created_at FROM account "
                "LIMIT 1"
            )
        s.close()
        await asyncio.sleep(1.0)
        await settle(pilot, app)
        assert reloads == []
        # …while a work's change does
        s = open_store(str(demo_db))
        from creatorctl.works import delete_work

        delete_work(s, int(_works_table(app).selected_key))
        s.close()
        assert await _wait_for(pilot, lambda: reloads == ["works"])


async def test_f5_reads_again_at_once(
    demo_db: Path, app_factory, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.app import CreatorApp
    from creatorctl.works import delete_work

    monkeypatch.setattr(CreatorApp, "POLL_SECONDS", 1000.0)  # the poll cannot be what did it
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        s = open_store(str(demo_db))
        delete_work(s, int(_works_table(app).selected_key))
        s.close()
        await pilot.press("f5")
        await settle(pilot, app)
        assert _works_table(app).total == 239


def test_the_watcher_names_the_tables_and_ignores_own_writes(demo_db: Path) -> None:
    from creatorctl.accounts import require_account, update_profile
    from creatorctl.inbox.comments import delete_comments
    from creatorctl.watch import StoreWatcher

    s = open_store(str(demo_db))
    acc = require_account(s)
    w = StoreWatcher(str(demo_db))
    assert w.poll() is None
    delete_comments(s, [1], acc.id)
    change = w.poll()
    assert change is not None and change.tables == {"trash"}
    update_profile(s, acc.id, nickname="别的名字")
    change = w.poll()
    assert change is not None and "account" in change.areas() and "inbox" not in change.areas()
    s.close()
    s2 = open_store(str(demo_db))
    with s2.write() as conn:  # an update in place: no rows added or removed
        conn.exec_driver_sql("UPDATE comment SET pinned=1 WHERE id=2")
    change = w.poll()
    assert change is not None and change.tables == frozenset() and change.areas() >= {"inbox"}
    with s2.write() as conn:
        conn.exec_driver_sql("UPDATE comment SET pinned=0 WHERE id=2")
    assert w.poll(rebase=True) is None and w.poll() is None
    s2.close()
    w.close()


async def test_f5_on_the_comments_keeps_the_cursor_on_its_comment(
    demo_db: Path, app_factory, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.app import CreatorApp
    from tests.test_app_inbox import comments_table, open_inbox

    monkeypatch.setattr(CreatorApp, "POLL_SECONDS", 1000.0)
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(pilot, app)
        table = comments_table(app)
        await pilot.press("down", "down", "down")
        key, total = table.selected_key, table.total
        s = open_store(str(demo_db))
        with s.write() as conn:  # a newer comment arrives: every row shifts down one
            conn.exec_driver_sql(
                "INSERT INTO comment(account_id, work_id, nickname, content, created_at) "
                "SELECT account_id, work_id, '新粉丝', '新评论', datetime(created_at, '+1 day') "
                "FROM comment ORDER BY created_at DESC LIMIT 1"
            )
        s.close()
        await pilot.press("f5")
        await settle(pilot, app)
        assert table.total == total + 1
        assert table.selected_key == key and table.cursor_row == 4
        assert app.focused is table


async def test_help_lists_trash_and_refresh(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.screens.help import HelpScreen

    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        descriptions = dict((d, k) for k, d in app.screen.keys)
        assert descriptions[t("trash.key")] == "T"
        assert t("ui.key_refresh") in descriptions


async def test_a_new_message_from_elsewhere_keeps_the_cursor_on_its_conversation(
    demo_db: Path, app_factory, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.app import CreatorApp
    from tests.test_app_inbox import open_inbox

    monkeypatch.setattr(CreatorApp, "POLL_SECONDS", 0.3)
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(pilot, app, view=1)
        await _wait_for(pilot, lambda: app.watcher is not None)
        table = app.query_one("#conversations")
        await pilot.press("down", "down")
        key = table.selected_key
        last = list(table.rows)[-1].value  # the oldest conversation on the page …
        s = open_store(str(demo_db))
        with s.write() as conn:  # … gets a new message and moves to the top
            conn.exec_driver_sql(
                "UPDATE conversation SET last_at=datetime(last_at, '+10 years'), last_text='在吗'"
                f" WHERE id={int(last)}"
            )
            conn.exec_driver_sql(
                "INSERT INTO message(conversation_id, direction, text, created_at) "
                f"VALUES ({int(last)}, 'in', '在吗', '2036-01-01 00:00:00')"
            )
        s.close()
        assert await _wait_for(pilot, lambda: list(table.rows)[0].value == last)
        assert table.selected_key == key and table.cursor_row == 3
