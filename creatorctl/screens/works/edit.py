"""Edit a work without republishing: title, description, topics, cover — validated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, Static, TextArea

from creatorctl import safe_text
from creatorctl.i18n import t
from creatorctl.screens.dialog import DialogScreen

if TYPE_CHECKING:
    from creatorctl.works import WorkDetail


class WorkEditScreen(DialogScreen[dict | None]):
    """Dismisses with the {field: (old, new)} changes saved, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", t("key.save")),
        Binding("escape", "cancel", t("key.cancel")),
    ]
    DEFAULT_CSS = """
    WorkEditScreen > Vertical { width: 90%; max-width: 100; height: auto;
        border: thick $accent; background: $surface; padding: 0 1; }
    WorkEditScreen TextArea { height: 5; }
    WorkEditScreen #edit-error { color: $error; }
    WorkEditScreen Horizontal { height: auto; align-horizontal: right; }
    WorkEditScreen Button { margin-left: 1; }
    """

    def __init__(self, work_id: int) -> None:
        super().__init__()
        self.work_id = work_id

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("edit.heading"), id="edit-heading")
            with VerticalScroll(classes="dialog-body"):
                yield Label(t("field.title"))
                yield Input(id="edit-title")
                yield Label(t("field.description"))
                yield TextArea(id="edit-description")
                yield Label(t("edit.tags_hint"))
                yield Input(id="edit-tags")
                yield Label(t("field.cover_path"))
                yield Input(id="edit-cover")
            yield Static("", id="edit-error", classes="dialog-status")
            with Horizontal():
                yield Button(t("key.save") + " (ctrl+s)", variant="primary", id="edit-save")
                yield Button(t("key.cancel") + " (esc)", id="edit-cancel")

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False)
    def load(self) -> None:
        from creatorctl.works import get_work

        self.post_message(self.Loaded(get_work(self.need_store(), self.work_id)))

    @dataclass
    class Loaded(Message):
        """The work as stored, to fill the fields with."""

        work: WorkDetail
        """The work."""

    @dataclass
    class Refused(Message):
        """The store refused the edit (an empty title, a tag too long …)."""

        error: str
        """Why, in one line."""

    @on(Loaded)
    def _fill(self, event: Loaded) -> None:
        w = event.work
        self.query_one("#edit-heading", Label).update(f"{t('edit.heading')} #{w.id}")
        self.query_one("#edit-title", Input).value = w.title
        self.query_one("#edit-description", TextArea).text = w.description
        self.query_one("#edit-tags", Input).value = " ".join(w.tags)
        self.query_one("#edit-cover", Input).value = w.cover_path
        self.query_one("#edit-title", Input).focus()

    @on(Button.Pressed, "#edit-save")
    def action_save(self) -> None:
        self.save(
            self.query_one("#edit-title", Input).value,
            self.query_one("#edit-description", TextArea).text,
            self.query_one("#edit-tags", Input).value,
            self.query_one("#edit-cover", Input).value,
        )

    @work(thread=True, exclusive=True, exit_on_error=False)
    def save(self, title: str, description: str, tags: str, cover: str) -> None:
        from creatorctl.errors import UserError
        from creatorctl.works import edit_work

        try:
            changes = edit_work(
                self.need_store(),
                self.work_id,
                title=title,
                description=description,
                tags=(tags,),
                cover_path=cover,
            )
        except UserError as exc:
            self.post_message(self.Refused(str(exc)))
            return
        self.post_message(self.Saved(changes))

    @dataclass
    class Saved(Message):
        """The store took the edit."""

        changes: dict[str, tuple[str, str]]
        """{field: (old, new)} for each field that changed."""

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        self.dismiss(event.changes)

    @on(Refused)
    def _error(self, event: Refused) -> None:
        status = self.query_one("#edit-error", Static)
        status.update(safe_text.text("✗ " + event.error))
        status.add_class("error")
        self.call_after_refresh(self.fit_body)

    @on(Button.Pressed, "#edit-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
