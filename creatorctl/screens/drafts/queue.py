"""Drafts: "add to queue" (`q`) and the weekly posting slots (`Q`), issue 16 §5."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from creatorctl import safe_text
from creatorctl.i18n import t
from creatorctl.screens.base import TabView

if TYPE_CHECKING:
    from creatorctl.drafts import DraftInfo, Scheduled


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


class QueueActions(TabView):
    """DraftsTab's base (the tab binds `q` and `Q`): runs in workers that post the messages
    below; the handlers, on the UI thread, report by toasts and open the next dialog."""

    if TYPE_CHECKING:

        @property
        def selected(self) -> DraftInfo | None: ...

        def _scheduled(self, result: Scheduled | None) -> None: ...

    def action_queue(self) -> None:
        d = self.selected
        if d is not None and self.account is not None:
            self._queue(d.id, self.account.id)

    @dataclass
    class Queued(Message):
        """`q`: the draft was scheduled at the account's next free slot."""

        scheduled: Scheduled
        """The outcome, with what to warn about."""
        skipped: list[str]
        """Why earlier slots were passed over, one line each."""

    @dataclass
    class QueueRefused(Message):
        """`q` was refused (no slots, a limit broken …)."""

        error: str
        """Why, in one line."""

    @work(thread=True, exclusive=True, group="drafts-write", exit_on_error=False)
    def _queue(self, draft_id: int, account_id: int) -> None:
        from creatorctl.config import load_config
        from creatorctl.errors import UserError
        from creatorctl.posting_queue import queue_draft

        try:
            cfg = load_config()
            done = queue_draft(
                self.need_store(),
                draft_id,
                account_id=account_id,
                configured=cfg.queue.slots,
                limits=cfg.platform,
            )
        except UserError as exc:
            self.post_message(self.QueueRefused(str(exc)))
            return
        self.post_message(self.Queued(done.scheduled, list(done.skipped)))

    @on(QueueRefused)
    def _queue_refused(self, event: QueueRefused) -> None:
        self.app.notify(event.error, severity="error", timeout=10)

    @on(Queued)
    def _queued(self, event: Queued) -> None:
        for reason in event.skipped[:3]:
            self.app.notify(reason, timeout=8)
        self._scheduled(event.scheduled)

    def action_slots(self) -> None:
        if self.account is not None:
            self._load_slots(self.account.id)

    @dataclass
    class SlotsLoaded(Message):
        """`Q`: the account's posting slots, to edit."""

        account_id: int
        """Whose slots."""
        text: str
        """The slots as one line."""
        source: str
        """Where they come from (the account, the config, the default)."""

    @work(thread=True, exclusive=True, group="drafts-slot", exit_on_error=False)
    def _load_slots(self, account_id: int) -> None:
        from creatorctl.config import load_config
        from creatorctl.posting_queue import account_slots

        slots, source = account_slots(self.need_store(), account_id, load_config().queue.slots)
        text = ", ".join(s.as_text() for s in slots)
        self.post_message(self.SlotsLoaded(account_id, text, source))

    @on(SlotsLoaded)
    def _edit_slots(self, event: SlotsLoaded) -> None:
        def answered(text: str | None) -> None:
            if text is not None:
                self._save_slots(event.account_id, text)

        self.app.push_screen(SlotsScreen(event.text, event.source), answered)

    class SlotsSaved(Message):
        """The account's new posting slots are stored."""

    @work(thread=True, exclusive=True, group="drafts-slot", exit_on_error=False)
    def _save_slots(self, account_id: int, text: str) -> None:
        from creatorctl.posting_queue import parse_slots, set_account_slots

        set_account_slots(self.need_store(), account_id, parse_slots(text))
        self.post_message(self.SlotsSaved())

    @on(SlotsSaved)
    def _slots_saved(self) -> None:
        self.app.notify(t("queue.slots_saved"))
