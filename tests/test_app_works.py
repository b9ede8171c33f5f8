"""Pilot tests: the shell and every Works action, asserted on widgets and on the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from creatorctl.widgets.paged_table import PagedTable
from tests.helpers import settle


def table(app) -> PagedTable:  # type: ignore[no-untyped-def]
    return app.query_one("#works-table", PagedTable)


async def test_works_list_shows_store_data_newest_first(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.store import open_store
    from creatorctl.works import list_works

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        t = table(app)
        assert t.row_count == 100 and t.total == 240
        s = open_store(str(demo_db))
        newest = list_works(s, app.account.id, limit=1)[0]
        assert t.selected_key == str(newest.id)
        assert "@demo_pets_7" in str(app.query_one("#account-bar").render())
        assert app.focused is t


async def test_paging_past_the_end_of_a_page(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        t = table(app)
        first_page_last = None
        for _ in range(99):
            await pilot.press("down")
        first_page_last = t.selected_key
        await pilot.press("down")
        await settle(pilot, app)
        assert t.row_offset == 100 and t.cursor_row == 0
        assert t.selected_key != first_page_last
        await pilot.press("up")
        await settle(pilot, app)
        assert t.row_offset == 0 and t.selected_key == first_page_last
        await pilot.press("end")
        await settle(pilot, app)
        assert t.row_offset == 200 and t.row_count == 40 and t.position == (201, 240, 240)
        await pilot.press("home")
        await settle(pilot, app)
        assert t.row_offset == 0


async def test_sort_and_reverse(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("s")  # published_at -> title
        await pilot.press("s")  # -> plays
        await settle(pilot, app)
        view = app.view("works")
        assert view.sort == "plays" and view.descending
        from creatorctl.store import open_store
        from creatorctl.works import list_works

        s = open_store(str(demo_db))
        top = list_works(s, app.account.id, sort="plays", limit=1)[0]
        assert table(app).selected_key == str(top.id)
        await pilot.press("r")
        await settle(pilot, app)
        bottom = list_works(s, app.account.id, sort="plays", descending=False, limit=1)[0]
        assert table(app).selected_key == str(bottom.id)


async def test_search_chinese_and_clear(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"拆家", "enter")
        await settle(pilot, app)
        t = table(app)
        assert 0 < t.total < 240
        for row in range(t.row_count):
            title = str(t.get_row_at(row)[1])
            tags = str(t.get_row_at(row)[2])
            assert "拆家" in title or "拆家" in tags
        await pilot.press("escape")
        await settle(pilot, app)
        assert t.total == 240


async def test_edit_then_undo_changes_the_store(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.store import open_store
    from creatorctl.works import get_work

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        work_id = int(table(app).selected_key)
        s = open_store(str(demo_db))
        original = get_work(s, work_id)
        await pilot.press("e")
        await settle(pilot, app)
        title = app.screen.query_one("#edit-title", Input)
        title.value = "把老抽改成生抽了"
        tags = app.screen.query_one("#edit-tags", Input)
        tags.value = tags.value + " 新话题"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        edited = get_work(s, work_id)
        assert edited.title == "把老抽改成生抽了" and "#新话题" in edited.tags
        assert "把老抽改成生抽了" in str(table(app).get_row(str(work_id))[1])
        await pilot.press("u")
        await settle(pilot, app)
        assert get_work(s, work_id).title == original.title
        assert get_work(s, work_id).tags == original.tags


async def test_edit_rejects_bad_input_inline(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.store import open_store
    from creatorctl.works import get_work

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        work_id = int(table(app).selected_key)
        s = open_store(str(demo_db))
        before = get_work(s, work_id)
        await pilot.press("e")
        await settle(pilot, app)
        app.screen.query_one("#edit-title", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert "不能为空" in str(app.screen.query_one("#edit-error").render())
        await pilot.press("escape")
        await settle(pilot, app)
        after = get_work(s, work_id)  # refused: the store holds exactly what it held
        assert (after.title, after.description, after.tags) == (
            before.title,
            before.description,
            before.tags,
        )


async def test_open_detail_with_chart(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.screens.works.detail import WorkDetailScreen
    from creatorctl.widgets.chart import Chart

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        for _ in range(10):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, WorkDetailScreen)
        detail = app.screen.detail
        assert detail is not None and len(detail.daily) > 1
        chart = app.screen.query_one(Chart)
        assert chart.data is not None and len(chart.data.x_labels) == len(detail.daily[-90:])
        await pilot.press("escape")
        assert not isinstance(app.screen, WorkDetailScreen)


async def test_delete_asks_first(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.screens.confirm import ConfirmScreen
    from creatorctl.store import open_store
    from creatorctl.works import count_works, get_work

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("x")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        work_id = int(table(app).selected_key)
        title = get_work(open_store(str(demo_db)), work_id).title
        assert f"#{work_id}《{title}》" in app.screen.question  # named by title (issue 13)
        await pilot.press("n")
        await settle(pilot, app)
        s = open_store(str(demo_db))
        assert count_works(s, app.account.id) == 240
        await pilot.press("x")
        await settle(pilot, app)
        await pilot.press("y")
        await settle(pilot, app)
        assert count_works(s, app.account.id) == 239
        assert table(app).total == 239


async def test_switch_and_add_account(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("a")
        await settle(pilot, app)
        app.screen.query_one("#switch-new", Input).focus()
        await pilot.press(*"team_b", "enter")
        await settle(pilot, app)
        assert app.account.handle == "team_b"
        assert table(app).total == 0
        await pilot.press("a")
        await settle(pilot, app)
        options = app.screen.query_one(OptionList)
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.account.handle == "demo_pets_7"
        assert table(app).total == 240


async def test_profile_edit_and_undo(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.accounts import get_account
    from creatorctl.store import open_store

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        s = open_store(str(demo_db))
        old_bio = get_account(s, "demo_pets_7").bio
        await pilot.press("P")
        await settle(pilot, app)
        app.screen.query_one("#profile-bio", Input).value = "从日常vlog改成职场干货"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert get_account(s, "demo_pets_7").bio == "从日常vlog改成职场干货"
        assert "职场干货" in str(app.screen.query_one("#profile-history").render())
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert get_account(s, "demo_pets_7").bio == old_bio  # undone to exactly what it was


async def test_help_lists_the_keys(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.screens.help import HelpScreen

    app = app_factory(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.keys)
        assert "搜索" in keys.values() and "编辑" in keys.values()
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_jumps_to_a_work_by_title(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.screens.works.detail import WorkDetailScreen

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        await pilot.press(*"镜子的反应")
        for _ in range(10):
            await pilot.pause(0.1)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, WorkDetailScreen)
        assert "镜子" in app.screen.detail.title


async def test_welcome_on_empty_store_offers_demo(
    tmp_path: Path, app_factory, frozen_clock
) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.screens.account.welcome import WelcomeScreen

    app = app_factory(tmp_path / "empty.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("d")
        await settle(pilot, app, rounds=5)
        assert app.account is not None and app.account.works == 240
        assert table(app).total == 240


async def test_welcome_new_account(tmp_path: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.screens.account.welcome import WelcomeScreen

    app = app_factory(tmp_path / "empty.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("n")
        await pilot.press(*"bad handle!", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, WelcomeScreen)
        assert "无效" in str(app.screen.query_one("#welcome-error").render())
        inp = app.screen.query_one("#welcome-handle", Input)
        inp.value = "my_channel"
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.account is not None and app.account.handle == "my_channel"


async def test_unsafe_store_ends_the_app_with_one_line(db_path: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.store import open_store

    open_store(str(db_path)).close()
    db_path.chmod(0o666)
    app = app_factory(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
    assert app.return_value and "可被其他用户写入" in app.return_value


async def test_other_tabs_are_built_in_the_background(demo_db: Path) -> None:
    import asyncio
    import gc

    from creatorctl.app import TAB_IDS, CreatorApp

    gc.unfreeze()
    app = CreatorApp(db=str(demo_db), prebuild=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            for _ in range(100):
                built = all(app.main_screen.query(f"#view-{tab_id}") for tab_id in TAB_IDS)
                if built and gc.get_freeze_count():
                    break
                await asyncio.sleep(0.05)
            assert all(app.main_screen.query(f"#view-{tab_id}") for tab_id in TAB_IDS)
            assert app.active_tab == "works"  # built unseen: the user stays where they were
            # Once every tab is built, what exists is frozen (gc.freeze): a full collection
            # no longer walks it in the middle of a tab switch.
            assert gc.get_freeze_count() > 0
            await pilot.press("q")
    finally:
        gc.unfreeze()
    assert app.return_code == 0


async def test_tabs_cut_short_by_teardown_do_not_fail(demo_db: Path) -> None:
    """A tab whose mount is cut short by the app closing loses its children before its Mount
    handlers run (NoMatches at exit, seen in CI): tabs set themselves up in compose."""
    from creatorctl.app import CreatorApp

    app = CreatorApp(db=str(demo_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        for tab_id in ("data", "drafts", "earn", "inbox"):
            app.view(tab_id)  # mounts start, and the test's teardown cuts them short


@pytest.mark.parametrize("delay", [0.001, 0.01, 0.02])
async def test_inbox_cut_short_by_teardown_does_not_fail(demo_db: Path, delay: float) -> None:
    """The Inbox's inner tabs, cut short mid-mount, made Textual's Tabs raise at exit
    ("No Tab with id '--content-tab-inbox-comments'", 5 of 8 delays before the fix)."""
    import asyncio

    from creatorctl.app import CreatorApp

    app = CreatorApp(db=str(demo_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        app.view("inbox")
        await asyncio.sleep(delay)


async def test_detail_shows_the_works_length(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    """作品时长 from the export is shown in the work's detail (issue 12 §6), as m:ss."""
    import sqlite3

    from creatorctl.screens.works.detail import WorkDetailScreen

    with sqlite3.connect(demo_db) as conn:
        conn.execute("UPDATE work SET duration_s = 95")
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, WorkDetailScreen)
        meta = str(app.screen.query_one("#detail-meta").render())
        assert "作品时长 1:35" in meta, meta


@pytest.mark.parametrize("tabs", [3, 6])
async def test_tab_keys_just_before_quitting_do_not_fail(demo_db: Path, tabs: int) -> None:
    """Tabs switched just before the app closes: their TabActivated arrived after the screens
    were gone and raised IndexError at exit (4 of 5 such runs before the fix)."""
    from creatorctl.app import TAB_IDS, CreatorApp

    app = CreatorApp(db=str(demo_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        for tab_id in (TAB_IDS[1:] + TAB_IDS[:1])[:tabs]:
            app.action_show_tab(tab_id)
    assert app.return_code in (None, 0)
