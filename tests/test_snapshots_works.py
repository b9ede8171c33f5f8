"""How the Works tab looks (small demo, seed 7, clock frozen at 2026-11-26 10:00, zh)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import settle

SIZES = [(80, 24), (120, 40)]


async def _ready(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot, pilot.app)


class TestWorksLook:
    """The newest works, one per row: date, title, topics, numbers; low completion in red."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_works_list(self, snap_compare, demo_db: Path, app_factory, size) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(app_factory(demo_db), terminal_size=size, run_before=_ready)

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_work_detail(self, snap_compare, demo_db: Path, app_factory, size) -> None:  # type: ignore[no-untyped-def]
        """Totals and last day, then 诊断: #227's flag 好于近期 (a hit: 1.4–3.1× the recent
        median on most rates) with advice naming its numbers, every rate against the recent
        median (ratio, percentile, n), the fans this work gained and lost (per-work 粉丝增量);
        the daily plays/likes chart under them (scrolled at 120x40)."""

        async def open_detail(pilot) -> None:  # type: ignore[no-untyped-def]
            await settle(pilot, pilot.app)
            for _ in range(12):
                await pilot.press("down")
            await pilot.press("enter")
            await settle(pilot, pilot.app)

        assert snap_compare(app_factory(demo_db), terminal_size=size, run_before=open_detail)

    def test_welcome(self, snap_compare, tmp_path: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
        """An empty store greets with three ways to start."""
        assert snap_compare(
            app_factory(tmp_path / "empty.db"), terminal_size=(80, 24), run_before=_ready
        )
