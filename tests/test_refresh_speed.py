"""A tab refreshed after new data redraws only what changed (issue 15 §tabs).

DataTable forgets every rendered cell when any row changes; PagedTable remembers them by what
they show, and what it paints is what DataTable would have painted. A chart given the same
figures keeps the plot plotext built."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from creatorctl.widgets.paged_table import ColumnSpec, Page, PagedTable, cell

COLUMNS = [ColumnSpec("n", "N", 6, numeric=True), ColumnSpec("title", "Title", None)]


def fetch_page(changed: int | None = None):  # type: ignore[no-untyped-def]
    def fetch(offset: int, limit: int) -> Page:
        rows = [
            (
                i,
                {
                    "n": cell(i, numeric=True),
                    "title": cell(f"作品 {i}" + ("!" if i == changed else "")),
                },
            )
            for i in range(offset, min(offset + limit, 50))
        ]
        return Page(offset=offset, total=50, rows=rows)

    return fetch


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield PagedTable(COLUMNS, id="t")


def screen_text(app: App[None]) -> list[str]:
    table = app.query_one(PagedTable)
    return [strip.text for strip in table.render_lines(table.region.reset_offset)]


async def test_refetched_page_reuses_rendered_cells_and_paints_the_same(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rendered: list[tuple[int, int]] = []
    original = DataTable._render_cell

    def counting(self, row_index, column_index, *args, **kwargs):  # type: ignore[no-untyped-def]
        rendered.append((row_index, column_index))
        return original(self, row_index, column_index, *args, **kwargs)

    monkeypatch.setattr(DataTable, "_render_cell", counting)
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(PagedTable)
        table.load(fetch_page())
        await app.workers.wait_for_complete()
        await pilot.pause()
        first = screen_text(app)
        assert "作品 0" in first[1]
        body = [rc for rc in rendered if rc[0] >= 0]
        assert len(body) >= 2 * 9  # every visible cell once

        rendered.clear()
        table.load(fetch_page(changed=3))  # new data: one row differs
        await app.workers.wait_for_complete()
        await pilot.pause()
        second = screen_text(app)
        body = [rc for rc in rendered if rc[0] >= 0]
        assert set(body) == {(3, 1)}  # only the changed cell is rendered again
        assert second == [line.replace("作品 3 ", "作品 3!", 1) for line in first]


class ChartApp(App[None]):
    def compose(self) -> ComposeResult:
        from creatorctl.widgets.chart import Chart

        yield Chart(id="c")


async def test_a_chart_given_the_same_figures_keeps_its_plot(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """plotext builds a figure in 20–50 ms on the UI thread; a refresh bringing the same
    numbers (most do) must not build it again, new numbers must."""
    from creatorctl.widgets.chart import Chart, ChartData, Series

    builds: list[int] = []
    original = Chart._render_plot

    def counting(self):  # type: ignore[no-untyped-def]
        builds.append(1)
        return original(self)

    monkeypatch.setattr(Chart, "_render_plot", counting)

    def data(last: float) -> ChartData:
        return ChartData("播放", ["11-01", "11-02", "11-03"], [Series("播放", [1.0, 5.0, last])])

    app = ChartApp()
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(Chart)
        chart.show(data(3.0))
        await pilot.pause()
        builds.clear()
        chart.show(data(3.0))
        await pilot.pause()
        assert builds == []
        chart.show(data(4.0))
        await pilot.pause()
        assert builds == [1]
