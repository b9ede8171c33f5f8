"""Create or edit a draft: every field, the editor's parameters exactly as saved."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Label, Static, TextArea

from creatorctl import safe_text
from creatorctl.i18n import t
from creatorctl.screens.post_form import PostFormScreen, PostText

if TYPE_CHECKING:
    from creatorctl.drafts import DraftInfo


class DraftEditScreen(PostFormScreen[int | None]):
    """Dismisses with the draft's id when saved (new or changed), None when cancelled.

    The post form (title, description, topics, cover; its status line and Save/Cancel stay on
    screen while the fields scroll) plus the video, a warning under each path, and the
    editor's parameters."""

    PREFIX = "draft"
    DEFAULT_CSS = """
    DraftEditScreen Label { color: $text-muted; }
    DraftEditScreen #draft-description { height: 3; }
    DraftEditScreen #draft-params { height: 4; }
    DraftEditScreen .warning { color: $warning; height: auto; }
    """

    def __init__(self, account_id: int, draft_id: int | None = None) -> None:
        super().__init__()
        self.account_id = account_id
        self.draft_id = draft_id

    def heading(self) -> str:
        return t("draft_edit.new") if self.draft_id is None else ""

    def compose_media(self) -> ComposeResult:
        yield Label(t("field.video_path"))
        yield Input(id="draft-video", placeholder="~/视频/….mp4")
        yield Static("", id="draft-video-warning", classes="warning")

    def compose_extra(self) -> ComposeResult:
        yield Static("", id="draft-cover-warning", classes="warning")
        yield Label(t("draft_edit.params_hint"))
        yield TextArea(id="draft-params", language=None)

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
    class Saved(Message):
        """The store took the draft (new or changed)."""

        draft_id: int
        """The draft saved."""
        warnings: list[str]
        """Douyin's limits it breaks: saved anyway, refused when scheduled."""

    @on(Loaded)
    def _fill(self, event: Loaded) -> None:
        d = event.draft
        self.query_one("#draft-video", Input).value = d.video_path
        self.query_one("#draft-params", TextArea).text = d.edit_params
        heading = t("draft_edit.heading", id=d.id, state=t(f"state.{d.state}"))
        self.fill(heading, PostText(d.title, d.description, " ".join(d.tags), d.cover_path))

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

    def action_save(self) -> None:
        self.save(
            self.post_text(),
            self.query_one("#draft-video", Input).value,
            self.query_one("#draft-params", TextArea).text,
        )

    @work(thread=True, exclusive=True, exit_on_error=False)
    def save(self, text: PostText, video: str, params: str) -> None:
        from creatorctl.drafts import add_draft, edit_draft
        from creatorctl.errors import UserError

        store = self.need_store()
        tags = (text.tags,)
        try:
            if self.draft_id is None:
                draft_id = add_draft(
                    store,
                    self.account_id,
                    title=text.title,
                    description=text.description,
                    tags=tags,
                    video_path=video,
                    cover_path=text.cover,
                    edit_params=params,
                ).id
            else:
                draft_id = self.draft_id
                edit_draft(
                    store,
                    draft_id,
                    title=text.title,
                    description=text.description,
                    tags=tags,
                    video_path=video,
                    cover_path=text.cover,
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
