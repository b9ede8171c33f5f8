"""Settle a post whose outcome is unknown (待确认): it went out, or publish it again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from creatorctl import safe_text
from creatorctl.errors import UserError
from creatorctl.i18n import t

if TYPE_CHECKING:
    from creatorctl.drafts import DraftInfo
    from creatorctl.store import Store


class ResolveScreen(ModalScreen[str | None]):
    """Shows what is known about the lost try; records the user's answer. Dismisses with the
    line to show (None on Escape)."""

    BINDINGS = [Binding("escape", "dismiss_none", t("key.cancel"))]
    DEFAULT_CSS = """
    ResolveScreen { align: center middle; }
    ResolveScreen > Vertical { width: 72; height: auto; border: thick $warning; background: $surface; padding: 1 2; }
    ResolveScreen Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    ResolveScreen Button { margin-left: 2; }
    ResolveScreen Label { width: 100%; }
    ResolveScreen #known { color: $text-muted; margin-bottom: 1; }
    """

    def __init__(self, store: Store, draft: DraftInfo) -> None:
        super().__init__()
        self.store = store
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                safe_text.text(t("drafts.resolve_title", id=self.draft.id, title=self.draft.title))
            )
            yield Label(safe_text.text(self.draft.last_error), id="known")
            yield Label(t("drafts.resolve_body"))
            yield Input(placeholder=t("drafts.resolve_item"), id="item", max_length=256)
            with Horizontal():
                yield Button(t("drafts.resolve_published"), variant="success", id="published")
                yield Button(t("drafts.resolve_retry"), variant="warning", id="retry")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._resolve(event.button.id == "published", self.query_one("#item", Input).value)

    def on_input_submitted(self) -> None:
        self._resolve(True, self.query_one("#item", Input).value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _resolve(self, published: bool, item_id: str) -> None:
        from creatorctl.publish_recovery import resolve_draft

        try:
            d = resolve_draft(
                self.store, self.draft.id, published=published, item_id=item_id.strip() or None
            )
        except UserError as exc:
            self.post_message(self.Refused(str(exc)))
            return
        if published:
            text = t("drafts.resolved_published", id=d.id, work=f" → #{d.work_id}")
        else:
            text = t("drafts.resolved_retry_app", id=d.id)
        self.post_message(self.Resolved(text))

    @dataclass
    class Resolved(Message):
        """The answer is recorded: the dialog closes with the line to show."""

        text: str

    @dataclass
    class Refused(Message):
        """The answer was refused (e.g. an item id already used)."""

        error: str
        """Why, in one line."""

    @on(Resolved)
    def _resolved(self, event: Resolved) -> None:
        self.dismiss(event.text)

    @on(Refused)
    def _refused(self, event: Refused) -> None:
        self.app.notify(event.error, severity="error")

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
