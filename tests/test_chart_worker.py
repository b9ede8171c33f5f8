"""Charts drawn in the tab's worker (issue 15: a tab filled with ≤ 100 ms of UI-thread CPU).

plotext takes 20–40 ms to draw one chart; the Data and Fans tabs draw theirs in the worker that
reads the data, and the UI thread only paints the picture."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import creatorctl.widgets.chart as chart_module
from creatorctl.widgets.chart import Chart
from tests.helpers import settle


@pytest.mark.parametrize(
    ("tab", "charts"),
    [("data", ["data-daily", "data-completion"]), ("fans", ["fans-curve"])],
)
async def test_tab_charts_are_drawn_off_the_ui_thread(
    demo_db: Path, app_factory, monkeypatch: pytest.MonkeyPatch, tab: str, charts: list[str]
) -> None:  # type: ignore[no-untyped-def]
    drawn: list[bool] = []  # one per chart with data set up for plotext: on the UI thread?
    plot_into = chart_module.plot_into

    def counting(plt, data, width):  # type: ignore[no-untyped-def]
        if data is not None and data.kind != "hbar":  # hbar: text, no plotext
            drawn.append(threading.current_thread() is threading.main_thread())
        return plot_into(plt, data, width)

    monkeypatch.setattr(chart_module, "plot_into", counting)
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        drawn.clear()
        app.action_show_tab(tab)  # the first visit: charts not yet laid out
        await settle(pilot, app)
        for chart_id in charts:
            assert app.query_one(f"#{chart_id}", Chart).data is not None
        assert len(drawn) >= len(charts)
        assert not any(drawn), "plotext drew on the UI thread"
        drawn.clear()
        app.data_changed()  # new data: drawn again, off the UI thread again
        await settle(pilot, app)
        assert not any(drawn)


async def test_a_chart_drawn_in_the_worker_looks_as_one_drawn_in_place(
    demo_db: Path, app_factory
) -> None:  # type: ignore[no-untyped-def]
    from rich.text import Text

    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        app.action_show_tab("data")
        await settle(pilot, app)
        for chart_id in ("data-daily", "data-completion"):
            chart = app.query_one(f"#{chart_id}", Chart)
            from_worker = chart.render()
            chart.replot()  # drawn again here, on the UI thread
            in_place = chart.render()
            assert from_worker is not in_place
            assert isinstance(from_worker, Text) and isinstance(in_place, Text)
            assert from_worker.plain == in_place.plain
            assert from_worker.spans == in_place.spans
            assert "\u200b" not in from_worker.plain


async def test_a_chart_shown_at_another_size_than_drawn_draws_itself(
    demo_db: Path, app_factory
) -> None:  # type: ignore[no-untyped-def]
    from textual.geometry import Size

    from creatorctl.widgets.chart import build_chart

    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        app.action_show_tab("data")
        await settle(pilot, app)
        chart = app.query_one("#data-daily", Chart)
        data = chart.data
        assert data is not None
        wrong = build_chart(data, Size(chart.size.width - 7, chart.size.height), app.theme)
        chart.show(None)
        chart.show(data, wrong)  # drawn for a width it does not have: not used
        rendered = chart.render()
        chart.replot()
        assert rendered.plain == chart.render().plain  # type: ignore[union-attr]
