"""Edit a work without republishing: title, description, topics, cover — validated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message

from creatorctl.i18n import t
from creatorctl.screens.post_form import PostFormScreen, PostText

if TYPE_CHECKING:
    from creatorctl.works import WorkDetail


class WorkEditScreen(PostFormScreen[dict | None]):
    """Dismisses with the {field: (old, new)} changes saved, or None when cancelled."""

    PREFIX = "edit"

    def __init__(self, work_id: int) -> None:
        super().__init__()
        self.work_id = work_id

    def heading(self) -> str:
        return t("edit.heading")

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

    @on(Loaded)
    def _fill(self, event: Loaded) -> None:
        w = event.work
        text = PostText(w.title, w.description, " ".join(w.tags), w.cover_path)
        self.fill(f"{t('edit.heading')} #{w.id}", text)

    def action_save(self) -> None:
        self.save(self.post_text())

    @work(thread=True, exclusive=True, exit_on_error=False)
    def save(self, text: PostText) -> None:
        from creatorctl.errors import UserError
        from creatorctl.works import edit_work

        try:
            changes = edit_work(
                self.need_store(),
                self.work_id,
                title=text.title,
                description=text.description,
                tags=(text.tags,),
                cover_path=text.cover,
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
