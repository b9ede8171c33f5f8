"""The form a post's text is edited in, shared by the Works and the Drafts edit dialogs.

Title, description, topics and cover, a status line and Save/Cancel, composed once; each
dialog adds only what differs (a draft's video and the editor's parameters) through
`compose_media` / `compose_extra`, loads and saves in its own workers, and posts
`Refused` when the store says no. Widget ids carry the dialog's `PREFIX` (`#edit-title`,
`#draft-title` …), so each keeps its own names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, Static, TextArea

from creatorctl import safe_text
from creatorctl.i18n import t
from creatorctl.screens.dialog import DialogScreen, ResultType


@dataclass(frozen=True)
class PostText:
    """What the shared fields hold."""

    title: str
    description: str
    tags: str
    """As typed: topics separated by spaces or commas, '#' optional."""
    cover: str


class PostFormScreen(DialogScreen[ResultType]):
    """Title, description, topics, cover, a status line and Save (ctrl+s) / Cancel (esc)."""

    PREFIX: ClassVar[str] = "post"
    """The start of every widget id (`#<PREFIX>-title`, `#<PREFIX>-save` …)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", t("key.save")),
        Binding("escape", "cancel", t("key.cancel")),
    ]
    DEFAULT_CSS = """
    PostFormScreen > Vertical { width: 90%; max-width: 100; height: auto;
        border: thick $accent; background: $surface; padding: 0 1; }
    PostFormScreen TextArea { height: 5; }
    PostFormScreen .post-status { color: $error; }
    PostFormScreen Horizontal { height: auto; align-horizontal: right; }
    PostFormScreen Button { margin-left: 1; }
    """

    @dataclass
    class Refused(Message):
        """The store refused the post's text (an empty title, a tag too long …)."""

        error: str
        """Why, in one line."""

    def heading(self) -> str:
        """The heading before the post is loaded."""
        return ""

    def compose(self) -> ComposeResult:
        p = self.PREFIX
        with Vertical():
            yield Label(self.heading(), id=f"{p}-heading")
            with VerticalScroll(classes="dialog-body"):
                yield Label(t("field.title"))
                yield Input(id=f"{p}-title")
                yield Label(t("field.description"))
                yield TextArea(id=f"{p}-description")
                yield Label(t("edit.tags_hint"))
                yield Input(id=f"{p}-tags")
                yield from self.compose_media()
                yield Label(t("field.cover_path"))
                yield Input(id=f"{p}-cover")
                yield from self.compose_extra()
            yield Static("", id=f"{p}-error", classes="dialog-status post-status")
            with Horizontal():
                yield Button(t("key.save") + " (ctrl+s)", variant="primary", id=f"{p}-save")
                yield Button(t("key.cancel") + " (esc)", id=f"{p}-cancel")

    def compose_media(self) -> ComposeResult:
        """Fields between the topics and the cover (a draft's video)."""
        yield from ()

    def compose_extra(self) -> ComposeResult:
        """Fields after the cover (a draft's cover warning and editor parameters)."""
        yield from ()

    def fill(self, heading: str, text: PostText) -> None:
        """Show the post as stored, and put the cursor in its title."""
        p = self.PREFIX
        self.query_one(f"#{p}-heading", Label).update(heading)
        self.query_one(f"#{p}-title", Input).value = text.title
        self.query_one(f"#{p}-description", TextArea).text = text.description
        self.query_one(f"#{p}-tags", Input).value = text.tags
        self.query_one(f"#{p}-cover", Input).value = text.cover
        self.query_one(f"#{p}-title", Input).focus()

    def post_text(self) -> PostText:
        """What the shared fields hold now."""
        p = self.PREFIX
        return PostText(
            self.query_one(f"#{p}-title", Input).value,
            self.query_one(f"#{p}-description", TextArea).text,
            self.query_one(f"#{p}-tags", Input).value,
            self.query_one(f"#{p}-cover", Input).value,
        )

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        if event.button.id == f"{self.PREFIX}-save":
            self.action_save()
        elif event.button.id == f"{self.PREFIX}-cancel":
            self.action_cancel()

    @on(Refused)
    def _refused(self, event: Refused) -> None:
        status = self.query_one(f"#{self.PREFIX}-error", Static)
        status.update(safe_text.text("✗ " + event.error))  # quotes what was typed
        status.add_class("error")
        self.call_after_refresh(self.fit_body)
