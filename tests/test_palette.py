"""Textual's own palette entries speak the UI language; a screenshot needs no ~/Downloads."""

from __future__ import annotations

import os
from pathlib import Path

from tests.helpers import settle


async def test_builtin_palette_entries_are_chinese_in_the_zh_ui(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"主题", "退出", "按键面板", "截图"} <= set(titles), titles
        assert not {"Theme", "Quit", "Keys", "Screenshot"} & set(titles)


async def test_screenshot_without_downloads_goes_to_a_private_folder(
    demo_db: Path, app_factory
) -> None:  # type: ignore[no-untyped-def]
    """Issue 13: HOME has no Downloads (as on many servers); the screenshot still saves, 0700."""
    from creatorctl.paths import data_dir
    from creatorctl.screens.palette import save_screenshot

    assert not (Path.home() / "Downloads").exists()
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        path = save_screenshot(app)
        await pilot.pause()
        assert path is not None and path.is_file() and path.suffix == ".svg"
        assert path.parent == data_dir() / "screenshots"
        assert os.stat(path.parent).st_mode & 0o777 == 0o700
        assert any(str(path) in n.message for n in app._notifications)
