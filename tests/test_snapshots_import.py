"""How the Import dialog looks (small demo, seed 7, clock frozen at 2026-11-26 10:00, zh)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import settle
from tests.import_helpers import WORKS_HEADER, works_row, write_csv

SIZES = [(80, 24), (120, 40)]


class TestImportLook:
    """The path, the snapshot date and each kind's option named in Chinese (所属作品,
    所回复的评论, 直播标题); the form scrolls at
    80x24. After an import, "✓ 导入完成" and the summary sit above the Import/Back buttons."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_import_result(
        self, snap_compare, demo_db: Path, app_factory, tmp_path: Path, size
    ) -> None:  # type: ignore[no-untyped-def]
        # A fixed folder name: the path shows in the picture.
        folder = tmp_path / "in"
        folder.mkdir()
        f = write_csv(folder / "作品列表导出_20261120.csv", [WORKS_HEADER, works_row("新作品", 5)])

        async def run_import(pilot) -> None:  # type: ignore[no-untyped-def]
            await settle(pilot, pilot.app)
            await pilot.press("i")
            await settle(pilot, pilot.app)
            pilot.app.screen.query_one("#import-path").value = str(f)
            await pilot.press("enter")
            await settle(pilot, pilot.app, rounds=6)
            # the Works tab behind the dialog reloads after the import: wait for it
            table = pilot.app.query_one("#works-table")
            for _ in range(100):
                if table.total == 241 and not list(pilot.app.workers):
                    break
                await pilot.pause(0.05)
            await settle(pilot, pilot.app)
            pilot.app.screen.query_one("#import-path").value = "作品列表导出_20261120.csv"
            pilot.app.screen.set_focus(None)  # no blinking cursor in the picture
            await pilot.pause()

        assert snap_compare(app_factory(demo_db), terminal_size=size, run_before=run_import)
