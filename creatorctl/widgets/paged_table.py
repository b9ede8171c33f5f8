"""A DataTable that holds one page of rows fetched from SQL, so any number of rows scroll.

Cost grows with the page, not with the data: moving past the last row of the page (or
page-down there) fetches the next page in a thread worker; the position line says where in the
whole list the page is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey
from textual.worker import get_current_worker

from creatorctl.i18n import fit_cells, t
from creatorctl.safe_text import clean_line, clean_rich

PAGE_SIZE = 100
CELL_MEMO_MAX = 4096
"""Rendered cells a table keeps by content (about 40 screens of an 8-column table)."""


@dataclass(frozen=True)
class ColumnSpec:
    """One column: key (also the sort key), label, width (None: takes what is left), numeric."""

    key: str
    label: str
    width: int | None = None
    numeric: bool = False


@dataclass(frozen=True)
class Page:
    """A fetched page: rows of (row key, {column key: cell}) and the total number of rows.

    Cells are looked up by column key, so a table can show fewer columns on a narrow screen
    from the same page.
    """

    offset: int
    total: int
    rows: Sequence[tuple[Any, dict[str, Any]]]


def cell(value: object, *, numeric: bool = False, style: str = "") -> Text:
    """A cell as Text: never parsed as markup (a title may contain '['), and cleaned of
    terminal escapes and bidi controls (see creatorctl.safe_text)."""
    return Text(
        clean_line(value),
        style=style,
        justify="right" if numeric else "left",
        no_wrap=True,
        overflow="ellipsis",
    )


def fixed_column(
    table: DataTable[Any],
    label: str,
    *,
    key: str,
    width: int,
    numeric: bool = False,
) -> None:
    """Add a column of a fixed width whose header ends in … when the label is longer (an
    English 'priority' in 6 columns is 'prior…', never a silent 'priori')."""
    table.add_column(
        Text(fit_cells(label, width), justify="right" if numeric else "left"), key=key, width=width
    )


Fetcher = Callable[[int, int], Page]
"""fetch(offset, limit) -> Page; runs in a thread."""


class MemoTable(DataTable):  # type: ignore[type-arg]
    """A DataTable that remembers rendered cells by what they show (see `_render_cell`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cell_memo: dict[tuple[object, ...], Any] = {}

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> Any:
        """DataTable's cell render, remembered by what the cell shows.

        DataTable's own cache forgets every cell when any row changes, so a page fetched again
        after new data (mostly the same rows) was rendered cell by cell again: the largest
        single cost of refreshing a tab. The key holds everything DataTable's render reads,
        so the segments are the ones it would make.
        """
        if row_index < 0 or column_index < 0 or self.fixed_rows or self.fixed_columns:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row = self.rows.get(row_key)
        value = self._data.get(row_key, {}).get(column_key)
        if row is None or row.auto_height or not isinstance(value, Text):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        styles = self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        key = (
            row_index,
            column_index,
            base_style,
            width,
            row.height,
            styles,
            self.cell_padding,
            value.plain,
            value.style,
            tuple(value.spans),
            value.justify,
            value.overflow,
            value.no_wrap,
            value.end,
        )
        lines = self._cell_memo.get(key)
        if lines is None:
            lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            if len(self._cell_memo) >= CELL_MEMO_MAX:
                self._cell_memo.clear()
            self._cell_memo[key] = lines
        return lines


class PagedTable(MemoTable):
    """A DataTable over a `Fetcher`; call `load()` to (re)load from the first page."""

    BINDINGS = [
        Binding("down", "cursor_down", show=False),
        Binding("up", "cursor_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("home", "first_page", show=False),
        Binding("end", "last_page", show=False),
    ]

    class PageLoaded(Message):
        """A page arrived and is on screen."""

        def __init__(self, table: PagedTable, page: Page) -> None:
            super().__init__()
            self.table = table
            """The table that loaded it."""
            self.page = page
            """The page shown."""

        @property
        def control(self) -> PagedTable:
            return self.table

    def __init__(
        self, columns: Sequence[ColumnSpec], *, id: str | None = None, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.specs = list(columns)
        self.page_size = page_size
        self.fetcher: Fetcher | None = None
        self.row_offset = 0
        self.total = 0
        self.loading_page = False
        self._cursor_after_load: int | str = 0
        self._follow_key: str | None = None
        self._page: Page | None = None

    def on_mount(self) -> None:
        self._add_columns()

    def _add_columns(self) -> None:
        flex = self._flex_width()
        for spec in self.specs:
            label = fit_cells(spec.label, spec.width) if spec.width else spec.label
            self.add_column(
                Text(label, justify="right" if spec.numeric else "left"),
                key=spec.key,
                width=spec.width or flex,
            )

    def _flex_width(self) -> int:
        """Width for the one column without a fixed width: what the others leave."""
        fixed = sum((s.width or 0) + 2 for s in self.specs)
        available = (self.size.width or self.app.size.width) - 2  # the vertical scrollbar
        return max(10, available - fixed - 2)

    def set_columns(self, columns: Sequence[ColumnSpec]) -> None:
        """Show these columns instead (e.g. fewer on a narrow screen), keeping the page."""
        cursor = self.cursor_row
        self.specs = list(columns)
        self.clear(columns=True)
        self._add_columns()
        if self._page is not None:
            self._cursor_after_load = cursor
            self._show(self._page)

    def on_resize(self) -> None:
        flexible = [s for s in self.specs if s.width is None]
        if flexible:
            col = self.columns.get(ColumnKey(flexible[0].key))
            if col is not None:
                col.width = self._flex_width()
                col.auto_width = False
                self._require_update_dimensions = True
                self.refresh()

    def set_labels(self, labels: dict[str, str]) -> None:
        """Relabel columns (e.g. to mark the sort column)."""
        for key, label in labels.items():
            col = self.columns.get(ColumnKey(key))
            if col is not None:
                spec = next(s for s in self.specs if s.key == key)
                if spec.width:  # ends in … when too long, keeping a sort arrow
                    arrow = label[-1] if label[-1:] in ("↑", "↓") else ""
                    base = label[: len(label) - len(arrow)]
                    label = fit_cells(base, spec.width - len(arrow)) + arrow
                col.label = Text(label, justify="right" if spec.numeric else "left")
        self.refresh()

    def load(
        self, fetcher: Fetcher | None = None, *, offset: int = 0, cursor: int | str = 0
    ) -> None:
        """Fetch the page at `offset` (0: first) and show it; `cursor` 'last' for the end."""
        if fetcher is not None:
            self.fetcher = fetcher
        if self.fetcher is None:
            return
        self._cursor_after_load = cursor
        self._follow_key = None
        self.loading_page = True
        self._fetch(self.fetcher, max(0, offset))

    def reload(self, *, follow: str | None = None) -> None:
        """Fetch the current page again. The cursor stays on its item (or on `follow`) when the
        item is still on the page, wherever a re-sort put it; else on the same row number."""
        key = follow if follow is not None else self.selected_key
        self.load(offset=self.row_offset, cursor=self.cursor_row)
        self._follow_key = key

    @work(thread=True, exclusive=True, group="paged-table", exit_on_error=False)
    def _fetch(self, fetcher: Fetcher, offset: int) -> None:
        page = fetcher(offset, self.page_size)
        if page.rows == [] and offset > 0 and page.total > 0:
            # The list shrank under us: show its last page instead.
            last = max(0, (page.total - 1) // self.page_size * self.page_size)
            page = fetcher(last, self.page_size)
        if not get_current_worker().is_cancelled:  # else a newer load replaced this one
            self.post_message(self.PageFetched(page))

    @dataclass
    class PageFetched(Message):
        """A worker read a page; the table shows it (and then posts `PageLoaded`)."""

        page: Page

    @on(PageFetched)
    def _page_fetched(self, event: PageFetched) -> None:
        event.stop()  # the table's own business: not for the screens around it
        self._show(event.page)

    def show_page(self, page: Page) -> None:
        """Show a page read elsewhere (the quick start's), with no fetcher yet: paging waits
        for `load` or `reload` to give one."""
        self._cursor_after_load = 0
        self._show(page)

    def _show(self, page: Page) -> None:
        self.loading_page = False
        self._page = page
        self.row_offset = page.offset
        self.total = page.total
        self.clear()
        for key, cells in page.rows:
            self.add_row(
                *(clean_rich(cells.get(spec.key, "")) for spec in self.specs), key=str(key)
            )
        if self.row_count:
            cursor = self._cursor_after_load
            row = self.row_count - 1 if cursor == "last" else min(int(cursor), self.row_count - 1)
            keys = [str(key) for key, _ in page.rows]
            if self._follow_key in keys:
                row = keys.index(self._follow_key)
            self.move_cursor(row=row, animate=False)
        self.post_message(self.PageLoaded(self, page))

    # --- paging at the edges -------------------------------------------------------------

    @property
    def has_next(self) -> bool:
        return self.row_offset + self.row_count < self.total

    @property
    def has_prev(self) -> bool:
        return self.row_offset > 0

    def action_cursor_down(self) -> None:
        if self.cursor_row >= self.row_count - 1 and self.has_next and not self.loading_page:
            self.load(offset=self.row_offset + self.page_size, cursor=0)
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0 and self.has_prev and not self.loading_page:
            self.load(offset=self.row_offset - self.page_size, cursor="last")
        else:
            super().action_cursor_up()

    def action_page_down(self) -> None:
        if self.cursor_row >= self.row_count - 1 and self.has_next and not self.loading_page:
            self.load(offset=self.row_offset + self.page_size, cursor=0)
        else:
            super().action_page_down()

    def action_page_up(self) -> None:
        if self.cursor_row <= 0 and self.has_prev and not self.loading_page:
            self.load(offset=self.row_offset - self.page_size, cursor="last")
        else:
            super().action_page_up()

    def action_first_page(self) -> None:
        self.load(offset=0, cursor=0)

    def action_last_page(self) -> None:
        last = max(0, (self.total - 1) // self.page_size * self.page_size)
        self.load(offset=last, cursor="last")

    @property
    def selected_key(self) -> str | None:
        """The row key under the cursor, or None on an empty table."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    @property
    def position(self) -> tuple[int, int, int]:
        """(first row shown, last row shown, total), 1-based for people."""
        if not self.row_count:
            return (0, 0, self.total)
        return (self.row_offset + 1, self.row_offset + self.row_count, self.total)


class OpeningPagedTable(PagedTable):
    """A PagedTable whose rows open something on Enter, so the footer and `?` say so."""

    BINDINGS = [Binding("enter", "select_cursor", t("key.open"))]
