"""The trash 回收站: deleted works, comments and drafts, newest first; Enter or `r` restores."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Label, Static

from creatorctl.i18n import t
from creatorctl.screens.dialog import DialogScreen
from creatorctl.widgets.paged_table import fixed_column

if TYPE_CHECKING:
    from creatorctl.trash import TrashItem


class TrashScreen(DialogScreen[bool]):
    """Dismisses with True when something was restored (the app then reloads its tabs)."""

    BINDINGS = [
        Binding("r", "restore", t("trash.key_restore")),
        Binding("escape", "close", t("key.back")),
    ]
    DEFAULT_CSS = """
    TrashScreen > Vertical { width: 95%; max-width: 110; height: 90%;
        border: thick $accent; background: $surface; padding: 0 1; }
    TrashScreen DataTable { height: 1fr; }
    TrashScreen #trash-status { height: auto; min-height: 1; }
    TrashScreen #trash-buttons { height: auto; align-horizontal: right; }
    TrashScreen Button { margin-left: 1; }
    """

    def __init__(self, account_id: int) -> None:
        super().__init__()
        self.account_id = account_id
        self.items: list[TrashItem] = []
        self.restored = False
        self.said = ""
        """What the last restore did, kept on the status line across the reload."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(t("trash.title"), style="bold"), id="trash-heading")
            yield DataTable(id="trash-table", cursor_type="row", zebra_stripes=True)
            yield Static(t("trash.hint"), id="trash-status", classes="dialog-status")
            with Horizontal(id="trash-buttons"):
                yield Button(t("trash.key_restore") + " (r)", variant="primary", id="trash-restore")
                yield Button(t("key.back") + " (esc)", id="trash-close")

    def on_mount(self) -> None:
        table = self.query_one("#trash-table", DataTable)
        fixed_column(table, t("col.kind"), key="kind", width=6)
        table.add_column(t("trash.col_what"), key="label")
        fixed_column(table, t("trash.col_deleted"), key="when", width=16)
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="trash", exit_on_error=False)
    def load(self) -> None:
        from creatorctl.trash import list_trash

        self.post_message(self.Loaded(list_trash(self.need_store(), self.account_id)))

    @dataclass
    class Loaded(Message):
        """What is in the account's trash, newest first."""

        items: list[TrashItem]

    @dataclass
    class Restored(Message):
        """An item came back from the trash."""

        item: TrashItem

    @on(Loaded)
    def _fill(self, event: Loaded) -> None:
        from creatorctl.timeutil import fmt_local

        self.items = items = event.items
        table = self.query_one("#trash-table", DataTable)
        row = table.cursor_row
        table.clear()
        for item in items:
            table.add_row(
                t(f"trash.kind.{item.entity}"),
                Text(item.label.replace("\n", " "), no_wrap=True, overflow="ellipsis"),
                fmt_local(item.deleted_at),
                key=str(item.id),
            )
        if items:
            table.move_cursor(row=min(row, len(items) - 1))
        parts = [self.said] if self.said else []
        if not items:
            parts.append(t("trash.empty"))
        self._status(" · ".join(parts) or t("trash.hint"))

    def _status(self, text: str) -> None:
        self.query_one("#trash-status", Static).update(text)

    @on(DataTable.RowSelected, "#trash-table")
    @on(Button.Pressed, "#trash-restore")
    def action_restore(self) -> None:
        table = self.query_one("#trash-table", DataTable)
        if not self.items or table.cursor_row >= len(self.items):
            return
        self.restore(self.items[table.cursor_row])

    @work(thread=True, exclusive=True, group="trash-restore", exit_on_error=False)
    def restore(self, item: TrashItem) -> None:
        from creatorctl.trash import restore

        restore(self.need_store(), [item.id])
        self.post_message(self.Restored(item))

    @on(Restored)
    def _restored(self, event: Restored) -> None:
        item = event.item
        self.restored = True
        kind = t(f"trash.kind.{item.entity}")
        self.said = "↺ " + t("trash.restored_one", kind=kind, label=item.label)
        self._status(self.said)
        self.capp.data_changed(in_place=True)
        self.load()

    @on(Button.Pressed, "#trash-close")
    def action_close(self) -> None:
        self.dismiss(self.restored)
