"""Pilot tests for the Data and Fans tabs: period switching, drill-down, heatmap."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import DataTable, Input, Static

from creatorctl.periods import Period
from creatorctl.screens.data.tab import DataTab
from creatorctl.screens.fans.tab import FansTab
from creatorctl.widgets.chart import Chart
from creatorctl.widgets.heatmap import Heatmap
from creatorctl.widgets.kpi import KpiRow
from creatorctl.widgets.paged_table import PagedTable
from tests.helpers import settle


async def _open(pilot, tab: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot, pilot.app)
    pilot.app.action_show_tab(tab)
    await settle(pilot, pilot.app)


async def test_data_tab_period_switching(
    demo_db: Path, app_factory, demo_store, demo_account
) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.insights import kpis

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "data")
        view = app.query_one(DataTab)
        assert view.period == Period(date(2026, 10, 30), date(2026, 11, 26))
        cells = app.query_one(KpiRow).cells
        assert [c.label for c in cells][:2] == ["播放", "点赞"]
        expected = kpis(demo_store, demo_account.id, view.period)
        assert cells[0].change == expected.get("plays").change
        assert app.query_one("#data-daily", Chart).data is not None
        assert app.query_one("#data-flags", PagedTable).total > 0
        region = app.query_one("#data-region", Static)
        assert region.display and "#上海宠物攻略" in str(region.render())

        await pilot.press("p")  # 28 → 90 days
        await settle(pilot, app)
        assert view.preset == 90 and view.period is not None and view.period.days == 90
        bar = str(app.query_one("#data-period", Static).render())
        assert "90天" in bar and "2026-08-29" in bar
        assert app.query_one(KpiRow).cells[0].change == (
            kpis(demo_store, demo_account.id, view.period).get("plays").change
        )

        await pilot.press("p")  # 365 days: summed in SQL to fit the chart's width
        await settle(pilot, app)
        daily = app.query_one("#data-daily", Chart)
        assert daily.data is not None
        assert 60 <= len(daily.data.x_labels) <= daily.size.width
        await pilot.press("p")  # round to 7
        await settle(pilot, app)
        assert view.preset == 7 and view.period.days == 7  # type: ignore[union-attr]

        await pilot.press("c")
        box = app.query_one("#data-custom", Input)
        assert app.focused is box
        await pilot.press(*"2026-13-01..x", "enter")
        await settle(pilot, app)
        assert view.period.days == 7  # type: ignore[union-attr]  # bad input changes nothing
        box.value = "2026-10-01..2026-10-31"
        await pilot.press("enter")
        await settle(pilot, app)
        assert view.period == Period(date(2026, 10, 1), date(2026, 10, 31))
        assert view.custom_range == view.period and "自定义" in str(
            app.query_one("#data-period", Static).render()
        )


async def test_flagged_work_opens_its_detail(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.screens.works.detail import WorkDetailScreen

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "data")
        table = app.query_one("#data-flags", PagedTable)
        table.focus()
        key = table.selected_key
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, WorkDetailScreen) and str(app.screen.work_id) == key
        diagnosis = str(app.screen.query_one("#detail-flags", Static).render())
        assert diagnosis.startswith("诊断")
        # The same flags and advice as `insights` gives for this work, and its rates against
        # the recent works (issue 16 §1).
        from creatorctl.config import InsightsConfig
        from creatorctl.insights import work_flags

        stat = work_flags(app.store, int(key), InsightsConfig())
        assert stat is not None and stat.flags
        for advice in stat.advice:
            assert advice in diagnosis.replace("\n", "")
        assert "对比近期作品" in diagnosis and "完播率" in diagnosis
        from creatorctl.fans import work_fan_change

        change = work_fan_change(app.store, int(key))  # issue 16 §3: per-work fan effect
        assert change is not None
        assert f"涨粉 {change[0]},掉粉 {change[1]}" in diagnosis


async def test_fans_tab_spike_drills_down_to_the_work(
    demo_db: Path, app_factory, demo_store, demo_account
) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.fans import fan_loss
    from creatorctl.screens.works.detail import WorkDetailScreen

    spike = fan_loss(demo_store, demo_account.id).spikes[0]
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "fans")
        table = app.query_one("#fans-spikes", DataTable)
        assert table.row_count == 1
        assert str(table.get_row_at(0)[0]) == spike.day.isoformat()
        decline = app.query_one("#fans-decline", Static)
        assert decline.display and "回归初心" in str(decline.render())
        table.focus()
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, WorkDetailScreen)
        assert app.screen.work_id == spike.work_id
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen.query_one(FansTab), FansTab)


async def test_fans_tab_heatmap_and_portrait(demo_db: Path, app_factory, demo_account) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "fans")
        heatmap = app.query_one(Heatmap)
        assert heatmap.has_data and len(heatmap.grid) == 7
        assert len(heatmap.marked) == 3
        assert all(wd <= 4 and 19 <= h <= 21 for wd, h in heatmap.marked)
        rendered = str(heatmap.render())
        assert "周一" in rendered and "***" in rendered
        best = str(app.query_one("#fans-best", Static).render())
        assert best.count("20:00") + best.count("19:00") + best.count("21:00") == 3
        for dim in ("gender", "age", "province", "device", "interest"):
            data = app.query_one(f"#portrait-{dim}", Chart).data
            assert data is not None and data.kind == "hbar" and data.x_labels
        gender = app.query_one("#portrait-gender", Chart).data
        assert gender is not None and set(gender.x_labels) == {"男", "女"}
        assert f"{demo_account.fans:,}" in str(app.query_one("#fans-summary", Static).render())


async def test_tabs_on_an_empty_account(tmp_path: Path, app_factory, frozen_clock: str) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.accounts import add_account
    from creatorctl.store import open_store

    db = tmp_path / "empty.db"
    add_account(open_store(str(db)), "newbie")
    app = app_factory(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, "data")
        assert app.query_one("#data-daily", Chart).data is None
        assert "没有需要改进" in str(app.query_one("#data-flags-heading", Static).render())
        assert not app.query_one("#data-region", Static).display
        await _open(pilot, "fans")
        assert not app.query_one(Heatmap).has_data
        assert not app.query_one("#fans-decline", Static).display
        assert "还没有粉丝活跃数据" in str(app.query_one("#fans-best", Static).render())


def test_tabs_do_not_import_plotext_until_shown() -> None:
    """The Data and Fans tabs mount their charts when first shown: importing them (as the app
    does at start-up) does not load plotext (~0.1 s)."""
    import subprocess
    import sys

    code = (
        "import sys, creatorctl.screens.data.tab, creatorctl.screens.fans.tab; "
        "print('plotext' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


async def test_fast_period_switching_shows_the_last_choice(
    demo_db: Path, app_factory, demo_store, demo_account
) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.insights import kpis

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "data")
        await pilot.press("p", "p", "p", "p", "p")  # 28 → 90 → 365 → 7 → 28 → 90
        await settle(pilot, app)
        view = app.query_one(DataTab)
        assert view.preset == 90 and view.period is not None and view.period.days == 90
        expected = kpis(demo_store, demo_account.id, view.period)
        assert [c.change for c in app.query_one(KpiRow).cells] == [k.change for k in expected.kpis]


async def test_fans_tab_shows_titles_with_markup_as_text(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    """The slow-decline advice and the per-work fan list quote work titles: a title holding
    `[/]` or `[bold]` (strangers' text from an imported file) is shown literally."""
    import sqlite3

    with sqlite3.connect(demo_db) as conn:
        conn.execute("UPDATE work SET title = title || '[/][bold]b[/bold]'")
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "fans")
        decline = str(app.query_one("#fans-decline", Static).render())
        assert "回归初心" in decline and "[/][bold]b[/bold]" in decline
        assert "[/][bold]b[/bold]" in str(app.query_one("#fans-works", Static).render())
