"""Settle a delivered brand task: confirm the amount paid (the commission unless changed)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from creatorctl import safe_text
from creatorctl.earn.ledger import parse_amount
from creatorctl.errors import UserError
from creatorctl.i18n import t


class SettleScreen(ModalScreen[float | None]):
    """Dismisses with the amount (Enter) or None (Escape); a bad amount is shown inline."""

    BINDINGS = [Binding("escape", "cancel", t("key.cancel"))]
    DEFAULT_CSS = """
    SettleScreen { align: center middle; }
    SettleScreen > Vertical { width: 64; height: auto; border: thick $warning;
        background: $surface; padding: 1 2; }
    SettleScreen #settle-error { color: $error; height: auto; }
    """

    def __init__(self, question: str, commission: float) -> None:
        super().__init__()
        self.question = question
        self.commission = commission

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question)
            yield Input(f"{self.commission:.2f}", id="settle-amount")
            yield Static("", id="settle-error")
            yield Label(t("earn.settle_hint"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#settle-amount")
    def _submit(self, event: Input.Submitted) -> None:
        try:
            amount = parse_amount(event.value)
        except UserError as exc:
            self.query_one("#settle-error", Static).update(safe_text.text(exc))
            return
        self.dismiss(amount)

    def action_cancel(self) -> None:
        self.dismiss(None)
