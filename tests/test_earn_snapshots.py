"""Snapshots of the Earn tab: the shared small demo (seed 7), frozen clock, Asia/Shanghai."""

from __future__ import annotations

from pathlib import Path

import pytest


def _go(*keys: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        pilot.app.action_show_tab("earn")
        for key in ("", *keys):
            if key:
                await pilot.press(key)
            for _ in range(2):
                await pilot.app.workers.wait_for_complete()
                await pilot.pause()
        await pilot.pause(0.2)

    return run_before


class TestEarnTab:
    """The cards on top (all three eligible for the seed-7 account), then one section."""

    @pytest.mark.parametrize("size", [(80, 24), (120, 40)])
    def test_brand_deals(
        self, snap_compare, app_factory, demo_db: Path, size: tuple[int, int]
    ) -> None:
        """Open offers first in cyan, accepted/delivered/settled below; requirements line."""
        assert snap_compare(app_factory(demo_db), terminal_size=size, run_before=_go())

    def test_brand_deals_qualify_filter(self, snap_compare, app_factory, demo_db: Path) -> None:
        """Only open offers needing at most the account's 11,022 fans; the status line says so."""
        assert snap_compare(app_factory(demo_db), terminal_size=(80, 24), run_before=_go("f"))

    @pytest.mark.parametrize("size", [(80, 24), (120, 40)])
    def test_products(
        self, snap_compare, app_factory, demo_db: Path, size: tuple[int, int]
    ) -> None:
        """One product in red with ⚠ 12.6% (冻干猫粮), 包装破损 first among its reasons."""
        assert snap_compare(app_factory(demo_db), terminal_size=size, run_before=_go("p"))

    @pytest.mark.parametrize("size", [(80, 24), (120, 40)])
    def test_platform_tasks(
        self, snap_compare, app_factory, demo_db: Path, size: tuple[int, int]
    ) -> None:
        """Running tasks first: ✓ qualifying works, then progress bars with percentages."""
        assert snap_compare(app_factory(demo_db), terminal_size=size, run_before=_go("t"))

    @pytest.mark.parametrize("size", [(80, 24), (120, 40)])
    def test_earnings(
        self, snap_compare, app_factory, demo_db: Path, size: tuple[int, int]
    ) -> None:
        """Twelve stacked monthly bars (商单/带货/全民任务) with the legend clear of them."""
        assert snap_compare(app_factory(demo_db), terminal_size=size, run_before=_go("m"))
