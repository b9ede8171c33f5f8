"""The Import dialog in the app: key i and the palette, validation, progress, result, refresh."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from textual.widgets import Input, Static

from creatorctl.i18n import t
from creatorctl.screens.import_file import ImportScreen
from creatorctl.store import open_store
from tests.helpers import settle
from tests.import_helpers import WORKS_HEADER, works_row, write_csv


def _count(db: Path, sql: str) -> int:
    s = open_store(str(db))
    try:
        with s.read() as conn:
            return int(conn.execute(sa.text(sql)).scalar_one())
    finally:
        s.close()


async def _import(pilot, app, path: Path) -> str:  # type: ignore[no-untyped-def]
    await pilot.press("i")
    await settle(pilot, app)
    assert isinstance(app.screen, ImportScreen)
    app.screen.query_one("#import-path", Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot, app, rounds=6)
    return str(app.screen.query_one("#import-result", Static).render())


async def test_import_from_the_app_refreshes_works(
    demo_db: Path, app_factory, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    f = write_csv(
        tmp_path / "作品列表导出_20261120.csv",
        [WORKS_HEADER, works_row("新作品一", 5), works_row("新作品二", 6)],
    )
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        table = app.query_one("#works-table")
        assert table.total == 240
        shown = await _import(pilot, app, f)
        assert "新增 2" in shown and "快照日期 2026-11-20" in shown
        await settle(pilot, app)
        assert table.total == 242  # the Works tab reloaded behind the dialog
        await pilot.press("escape")
        await settle(pilot, app)
        assert not isinstance(app.screen, ImportScreen)
    assert _count(demo_db, "SELECT count(*) FROM work") == 242


async def test_bad_file_is_refused_and_nothing_written(
    demo_db: Path, app_factory, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    f = write_csv(tmp_path / "bad.csv", [WORKS_HEADER, works_row("甲", 5), works_row("乙", "很多")])
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        shown = await _import(pilot, app, f)
        assert t("imp.ui_rejected") in shown and "第 3 行" in shown and "'很多'" in shown
        assert app.screen.query_one("#import-result").has_class("error")
        # a path that is not there is caught before any work starts
        app.screen.query_one("#import-path", Input).value = str(tmp_path / "missing.csv")
        await pilot.press("enter")
        await settle(pilot, app)
        assert "missing.csv" in str(app.screen.query_one("#import-result", Static).render())
    assert _count(demo_db, "SELECT count(*) FROM work") == 240


async def test_palette_offers_import(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert t("imp.key") in commands
        commands[t("imp.key")].callback()
        await settle(pilot, app)
        assert isinstance(app.screen, ImportScreen)


async def test_first_run_import_makes_the_account(
    db_path: Path, app_factory, tmp_path: Path, frozen_clock: str
) -> None:  # type: ignore[no-untyped-def]
    f = write_csv(
        tmp_path / "daily.csv", [["日期", "播放量", "粉丝总数"], ["2026-11-20", 100, 5000]]
    )
    app = app_factory(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("i")  # the welcome screen's "import"
        await settle(pilot, app)
        assert isinstance(app.screen, ImportScreen)
        assert app.screen.query_one("#import-new-account").has_class("visible")
        app.screen.query_one("#import-handle", Input).value = "xiaoli"
        app.screen.query_one("#import-path", Input).value = str(f)
        await pilot.press("enter")
        await settle(pilot, app, rounds=6)
        assert "新增 1" in str(app.screen.query_one("#import-result", Static).render())
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.account is not None and app.account.handle == "xiaoli"
        assert app.account.fans == 5000


async def test_progress_for_a_large_file(demo_db: Path, app_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import ProgressBar

    f = write_csv(
        tmp_path / "big.csv", [WORKS_HEADER] + [works_row(f"批量{i}", i) for i in range(12_000)]
    )
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        shown = await _import(pilot, app, f)
        assert "新增 12000" in shown
        bar = app.screen.query_one("#import-progress", ProgressBar)
        assert bar.total == f.stat().st_size and 0 < bar.progress <= bar.total
        assert not bar.has_class("running")
