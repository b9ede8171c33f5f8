"""A page fetched again after new data is not rendered cell by cell again (issue 15 §tabs):
DataTable forgets every rendered cell when any row changes; PagedTable remembers them by
what they show, and what it paints is what DataTable would have painted."""

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
