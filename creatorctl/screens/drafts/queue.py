"""Drafts: "add to queue" (`q`) and the weekly posting slots (`Q`), issue 16 §5."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from creatorctl import safe_text
from creatorctl.i18n import t


class SlotsScreen(ModalScreen[str | None]):
    """Edit the account's posting slots as one line ("wed 20:00, 周五 19:30 #探店")."""

    BINDINGS = [Binding("escape", "cancel", t("key.cancel"))]
    DEFAULT_CSS = """
    SlotsScreen { align: center middle; }
    SlotsScreen > Vertical { width: 90%; max-width: 90; height: auto; border: thick $accent;
        background: $surface; padding: 0 1; }
    SlotsScreen #slots-error { color: $error; height: auto; }
    """

    def __init__(self, current: str, source: str) -> None:
        super().__init__()
        self.current = current
        self.source = source

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("queue.slots_head", source=t(f"queue.source.{self.source}")))
            yield Label(t("queue.slots_prompt"))
            yield Input(self.current, id="slots-input")
            yield Static("", id="slots-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        from creatorctl.errors import UserError
        from creatorctl.posting_queue import parse_slots

        try:
            parse_slots(event.value)
        except UserError as exc:
            self.query_one("#slots-error", Static).update(safe_text.text(exc))
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class QueueActions:
    """Mixed into DraftsTab (which binds `q` and `Q`): runs in workers, reports by toasts."""

    app: Any
    store: Any
    account: Any
    selected: Any

    if TYPE_CHECKING:

        def _scheduled(self, result: Any) -> None: ...

    def action_queue(self) -> None:
        d = self.selected
        if d is not None and self.account is not None:
            self._queue(d.id, self.account.id)

    @work(thread=True, exclusive=True, group="drafts-write", exit_on_error=False)
    def _queue(self, draft_id: int, account_id: int) -> None:
        from creatorctl.config import load_config
        from creatorctl.errors import UserError
        from creatorctl.posting_queue import queue_draft

        try:
            cfg = load_config()
            done = queue_draft(
                self.store,
                draft_id,
                account_id=account_id,
                configured=cfg.queue.slots,
                limits=cfg.platform,
            )
        except UserError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error", timeout=10)
            return
        for reason in done.skipped[:3]:
            self.app.call_from_thread(self.app.notify, reason, timeout=8)
        self.app.call_from_thread(self._scheduled, done.scheduled)

    def action_slots(self) -> None:
        if self.account is not None:
            self._load_slots(self.account.id)

    @work(thread=True, exclusive=True, group="drafts-slot", exit_on_error=False)
    def _load_slots(self, account_id: int) -> None:
        from creatorctl.config import load_config
        from creatorctl.posting_queue import account_slots

        slots, source = account_slots(self.store, account_id, load_config().queue.slots)
        text = ", ".join(s.as_text() for s in slots)
        self.app.call_from_thread(
            self.app.push_screen,
            SlotsScreen(text, source),
            lambda new: self._save_slots(account_id, new),
        )

    @work(thread=True, exclusive=True, group="drafts-slot", exit_on_error=False)
    def _save_slots(self, account_id: int, text: str | None) -> None:
        from creatorctl.posting_queue import parse_slots, set_account_slots

        if text is None:
            return
        set_account_slots(self.store, account_id, parse_slots(text))
        self.app.call_from_thread(self.app.notify, t("queue.slots_saved"))
