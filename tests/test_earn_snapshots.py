"""Snapshots of the Earn tab (demo seed 7, clock frozen at 2026-11-26 10:00, Asia/Shanghai)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import earn_support  # noqa: F401  (sets the language before the app is imported)
import pytest

from creatorctl.app import CreatorApp
from creatorctl.demo import generate
from creatorctl.i18n import set_language
from creatorctl.store import open_store

set_language("zh")


@pytest.fixture(scope="module")
def _demo_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    mp = pytest.MonkeyPatch()
    mp.setenv("CREATORCTL_FAKE_NOW", "2026-11-26 10:00")
    mp.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    path = tmp_path_factory.mktemp("earn-snap") / "demo.db"
    store = open_store(str(path))
    generate(store, size="small", seed=7)
    store.close()
    yield path
    mp.undo()
    time.tzset()


def _app(path: Path) -> CreatorApp:
    assert os.environ["TZ"] == "Asia/Shanghai"
    return CreatorApp(store=open_store(str(path)))


def _go(*keys: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        for key in ("2", *keys):
            await pilot.press(key)
            for _ in range(2):
                await pilot.app.workers.wait_for_complete()
                await pilot.pause()
        await pilot.pause(0.2)

    return run_before


class TestEarnTab:
    """The cards on top (all three eligible for the seed-7 account), then one section."""

    @pytest.mark.parametrize("size", [(80, 24), (120, 40)])
    def test_brand_deals(self, snap_compare, _demo_path: Path, size: tuple[int, int]) -> None:
        """Open offers first in cyan, accepted/delivered/settled below; requirements line."""
        assert snap_compare(_app(_demo_path), terminal_size=size, run_before=_go())

    def test_brand_deals_qualify_filter(self, snap_compare, _demo_path: Path) -> None:
        """Only open offers at or under 10,631 fans; the status line says the filter is on."""
        assert snap_compare(_app(_demo_path), terminal_size=(80, 24), run_before=_go("f"))

    @pytest.mark.parametrize("size", [(80, 24), (120, 40)])
    def test_products(self, snap_compare, _demo_path: Path, size: tuple[int, int]) -> None:
        """One product in red with ⚠ (13.1%), 包装破损 first among its reasons."""
        assert snap_compare(_app(_demo_path), terminal_size=size, run_before=_go("p"))

    @pytest.mark.parametrize("size", [(80, 24), (120, 40)])
    def test_platform_tasks(self, snap_compare, _demo_path: Path, size: tuple[int, int]) -> None:
        """Running tasks first: ✓ qualifying works, then progress bars with percentages."""
        assert snap_compare(_app(_demo_path), terminal_size=size, run_before=_go("t"))

    @pytest.mark.parametrize("size", [(80, 24), (120, 40)])
    def test_earnings(self, snap_compare, _demo_path: Path, size: tuple[int, int]) -> None:
        """Twelve stacked monthly bars (商单/带货/全民任务) with the legend clear of them."""
        assert snap_compare(_app(_demo_path), terminal_size=size, run_before=_go("m"))
