"""How the Data and Fans tabs look (small demo, seed 7, clock frozen at 2026-11-26 10:00, zh)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import settle

SIZES = [(80, 24), (120, 40)]


def _show(tab: str):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot, pilot.app)
        pilot.app.action_show_tab(tab)
        await settle(pilot, pilot.app)

    return run


class TestDataLook:
    """Period bar (28 days active), the KPI cells with red ▲ / green ▼, then the daily plays and
    likes chart; at 120x40 the completion-rate bars show below it, and under them the top works,
    one row each: title, bar, plays."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_data_tab(self, snap_compare, demo_db: Path, app_factory, size) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(app_factory(demo_db), terminal_size=size, run_before=_show("data"))


class TestFansLook:
    """Total fans and the 30-day net, the 90-day gained/lost curve, the one loss spike with its
    work, and the slow-decline advice naming three early works; at 120x40 the portrait starts at
    the bottom: gender and age bars, each row labelled with its own bucket and share."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_fans_tab(self, snap_compare, demo_db: Path, app_factory, size) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(app_factory(demo_db), terminal_size=size, run_before=_show("fans"))
