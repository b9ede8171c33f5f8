"""Create or edit a draft: every field, the editor's parameters exactly as saved."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from creatorctl import safe_text
from creatorctl.i18n import t
from creatorctl.screens.base import AppAccess

if TYPE_CHECKING:
    from creatorctl.drafts import DraftInfo


class DraftEditScreen(AppAccess, ModalScreen[int | None]):
    """Dismisses with the draft's id when saved (new or changed), None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", t("key.save")),
        Binding("escape", "cancel", t("key.cancel")),
    ]
    DEFAULT_CSS = """
    DraftEditScreen { align: center middle; }
    DraftEditScreen > VerticalScroll { width: 90%; max-width: 100; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1; }
    DraftEditScreen Label { margin-top: 0; color: $text-muted; }
    DraftEditScreen #draft-description { height: 3; }
    DraftEditScreen #draft-params { height: 4; }
    DraftEditScreen .warning { color: $warning; height: auto; }
    DraftEditScreen #draft-error { color: $error; height: auto; }
    DraftEditScreen Horizontal { height: auto; align-horizontal: right; }
    DraftEditScreen Button { margin-left: 1; }
    """

    def __init__(self, account_id: int, draft_id: int | None = None) -> None:
        super().__init__()
        self.account_id = account_id
        self.draft_id = draft_id

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(t("draft_edit.new") if self.draft_id is None else "", id="draft-heading")
            yield Label(t("field.title"))
            yield Input(id="draft-title")
            yield Label(t("field.description"))
            yield TextArea(id="draft-description")
            yield Label(t("edit.tags_hint"))
            yield Input(id="draft-tags")
            yield Label(t("field.video_path"))
            yield Input(id="draft-video", placeholder="~/视频/….mp4")
            yield Static("", id="draft-video-warning", classes="warning")
            yield Label(t("field.cover_path"))
            yield Input(id="draft-cover")
            yield Static("", id="draft-cover-warning", classes="warning")
            yield Label(t("draft_edit.params_hint"))
            yield TextArea(id="draft-params", language=None)
            yield Static("", id="draft-error")
            with Horizontal():
                yield Button(t("key.save") + " (ctrl+s)", variant="primary", id="draft-save")
                yield Button(t("key.cancel") + " (esc)", id="draft-cancel")

    def on_mount(self) -> None:
        if self.draft_id is not None:
            self.load()
        else:
            self.query_one("#draft-title", Input).focus()

    @work(thread=True, exit_on_error=False)
    def load(self) -> None:
        from creatorctl.drafts import get_draft

        assert self.draft_id is not None
        self.post_message(self.Loaded(get_draft(self.need_store(), self.draft_id)))

    @dataclass
    class Loaded(Message):
        """The draft as stored, to fill the fields with."""

        draft: DraftInfo
        """The draft."""

    @dataclass
    class Refused(Message):
        """The store refused the draft (an empty title, a tag too long …)."""

        error: str
        """Why, in one line."""

    @dataclass
    class Saved(Message):
        """The store took the draft (new or changed)."""

        draft_id: int
        """The draft saved."""
        warnings: list[str]
        """Douyin's limits it breaks: saved anyway, refused when scheduled."""

    @on(Loaded)
    def _fill(self, event: Loaded) -> None:
        d = event.draft
        heading = t("draft_edit.heading", id=d.id, state=t(f"state.{d.state}"))
        self.query_one("#draft-heading", Label).update(heading)
        self.query_one("#draft-title", Input).value = d.title
        self.query_one("#draft-description", TextArea).text = d.description
        self.query_one("#draft-tags", Input).value = " ".join(d.tags)
        self.query_one("#draft-video", Input).value = d.video_path
        self.query_one("#draft-cover", Input).value = d.cover_path
        self.query_one("#draft-params", TextArea).text = d.edit_params
        self.query_one("#draft-title", Input).focus()

    @on(Input.Changed, "#draft-video")
    @on(Input.Changed, "#draft-cover")
    def _path_changed(self, event: Input.Changed) -> None:
        # A stat() is cheap enough for the event loop; a missing file is a warning, not an error.
        path = event.value.strip()
        which = "video" if event.input.id == "draft-video" else "cover"
        message = ""
        if which == "video" and not path:
            message = t("drafts.warn_no_video")
        elif path and not Path(path).expanduser().is_file():
            message = t(f"drafts.warn_{which}_missing", path=path)
        warning = safe_text.text(f"⚠ {message}" if message else "")  # quotes the path typed
        self.query_one(f"#draft-{which}-warning", Static).update(warning)

    @on(Button.Pressed, "#draft-save")
    def action_save(self) -> None:
        self.save(
            self.query_one("#draft-title", Input).value,
            self.query_one("#draft-description", TextArea).text,
            self.query_one("#draft-tags", Input).value,
            self.query_one("#draft-video", Input).value,
            self.query_one("#draft-cover", Input).value,
            self.query_one("#draft-params", TextArea).text,
        )

    @work(thread=True, exclusive=True, exit_on_error=False)
    def save(
        self, title: str, description: str, tags: str, video: str, cover: str, params: str
    ) -> None:
        from creatorctl.drafts import add_draft, edit_draft
        from creatorctl.errors import UserError

        store = self.need_store()
        try:
            if self.draft_id is None:
                draft_id = add_draft(
                    store,
                    self.account_id,
                    title=title,
                    description=description,
                    tags=(tags,),
                    video_path=video,
                    cover_path=cover,
                    edit_params=params,
                ).id
            else:
                draft_id = self.draft_id
                edit_draft(
                    store,
                    draft_id,
                    title=title,
                    description=description,
                    tags=(tags,),
                    video_path=video,
                    cover_path=cover,
                    edit_params=params,
                )
        except UserError as exc:
            self.post_message(self.Refused(str(exc)))
            return
        from creatorctl.drafts import get_draft
        from creatorctl.platform_limits import configured_limits, draft_violations

        # Douyin's limits: saved anyway (a draft is work in progress), refused when scheduled.
        broken = draft_violations(get_draft(store, draft_id), configured_limits())
        self.post_message(self.Saved(draft_id, [v.message for v in broken]))

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        for message in event.warnings:
            self.app.notify(message, severity="warning", timeout=10)
        self.dismiss(event.draft_id)

    @on(Refused)
    def _error(self, event: Refused) -> None:
        error = self.query_one("#draft-error", Static)
        error.update(safe_text.text(event.error))
        # At 80x24 the line is below the fold: bring it (and the buttons) into view.
        self.call_after_refresh(error.scroll_visible, animate=False)

    @on(Button.Pressed, "#draft-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
