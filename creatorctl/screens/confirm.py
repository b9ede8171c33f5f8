"""A yes/no question before anything destructive."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from creatorctl import safe_text
from creatorctl.i18n import t


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True on yes, False on no or Escape."""

    BINDINGS = [
        Binding("y", "answer(True)", t("yes")),
        Binding("n,escape", "answer(False)", t("no")),
    ]
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical { width: 60; height: auto; border: thick $warning; background: $surface; padding: 1 2; }
    ConfirmScreen Label { width: 1fr; height: auto; }
    ConfirmScreen Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    ConfirmScreen Button { margin-left: 2; }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(safe_text.text(self.question))  # questions name titles
            with Horizontal():
                yield Button(f"{t('yes')} (y)", variant="error", id="yes")
                yield Button(f"{t('no')} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
