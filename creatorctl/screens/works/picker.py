"""Choose one of the account's works (newest first, paged): Enter picks, Escape cancels."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from creatorctl.i18n import fmt_count, t
from creatorctl.widgets.paged_table import ColumnSpec, OpeningPagedTable, Page, PagedTable, cell

if TYPE_CHECKING:
    from creatorctl.store import Store


def _fetch(store: Store, account_id: int, offset: int, limit: int) -> Page:
    from creatorctl.works import count_works, list_works

    rows = list_works(store, account_id, offset=offset, limit=limit)
    return Page(
        offset,
        count_works(store, account_id),
        [
            (
                r.id,
                {
                    "published_at": cell(r.published_at.strftime("%Y-%m-%d %H:%M")),
                    "title": cell(r.title),
                    "plays": cell(fmt_count(r.plays), numeric=True),
                },
            )
            for r in rows
        ],
    )


class WorkPickerScreen(ModalScreen[int | None]):
    """Dismisses with the chosen work's id, or None."""

    BINDINGS = [Binding("escape", "cancel", t("key.cancel"))]
    DEFAULT_CSS = """
    WorkPickerScreen { align: center middle; }
    WorkPickerScreen > Vertical { width: 90%; max-width: 100; height: 80%; border: thick $accent;
        background: $surface; padding: 0 1; }
    WorkPickerScreen PagedTable { height: 1fr; }
    """

    def __init__(self, store: Store, account_id: int, prompt: str) -> None:
        super().__init__()
        self.store = store
        self.account_id = account_id
        self.prompt = prompt
        self.picked_title = ""
        """The title of the work picked, for the confirmation that follows."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.prompt)
            yield OpeningPagedTable(
                [
                    ColumnSpec("published_at", t("col.published"), 16),
                    ColumnSpec("title", t("col.title"), None),
                    ColumnSpec("plays", t("col.plays"), 7, numeric=True),
                ],
                id="work-picker-table",
            )

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        table.load(partial(_fetch, self.store, self.account_id))
        table.focus()

    @on(PagedTable.RowSelected, "#work-picker-table")
    def _picked(self, event: PagedTable.RowSelected) -> None:
        table = self.query_one(PagedTable)
        key = table.selected_key
        if key is not None:
            self.picked_title = str(table.get_row(key)[1])
        self.dismiss(int(key) if key is not None else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
