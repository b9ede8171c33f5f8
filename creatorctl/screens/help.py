"""`?`: what each key does here, and what each tab is for."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from creatorctl.i18n import t


class HelpScreen(ModalScreen[None]):
    """Keys active on the screen below, then a line per tab."""

    BINDINGS = [Binding("escape,question_mark,q", "close", t("key.back"))]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 100; height: 90%; border: thick $accent;
        background: $surface; padding: 0 1; }
    """

    def __init__(self, keys: list[tuple[str, str]], tabs: list[str]) -> None:
        super().__init__()
        self.keys = keys
        self.tabs = tabs

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for key, description in self.keys:
            table.add_row(key, description)
        about = Text()
        for tab in self.tabs:
            about.append(f"{t('tab.' + tab)}: ", style="bold")
            about.append(t(f"help.tab.{tab}") + "\n")
        with VerticalScroll():
            yield Static(Text(t("help.title"), style="bold"))
            yield Static(table)
            yield Static(Text("\n" + t("help.tabs"), style="bold"))
            yield Static(about)
            yield Static(Text(t("help.footer"), style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
