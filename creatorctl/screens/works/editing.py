"""Edit a work (`e`) and undo its last edit (`u`): shared by the Works tab and a work's detail.

The owner mixes `WorkEditing` into its widget or screen and handles the two messages with
`@on(WorkEditing.Edited)` / `@on(WorkEditing.EditUndone)`: each decides what to reload.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.message import Message

from creatorctl.i18n import t
from creatorctl.screens.base import AppAccess


class WorkEditing(AppAccess):
    """`edit_work` opens the edit dialog; `undo_work_edit` undoes the work's last edit."""

    @dataclass
    class Edited(Message):
        """The edit dialog saved changes to a work."""

        work_id: int
        """The work that changed."""
        fields: int
        """How many fields changed."""

    @dataclass
    class EditUndone(Message):
        """A work's last edit was undone (`fields` empty: there was nothing to undo)."""

        work_id: int
        """The work whose edit was undone."""
        fields: list[str]
        """The fields that went back to their old values."""

    def edit_work(self, work_id: int) -> None:
        from creatorctl.screens.works.edit import WorkEditScreen

        def done(changes: dict[str, object] | None) -> None:
            if changes:
                self.post_message(self.Edited(work_id, len(changes)))

        self.app.push_screen(WorkEditScreen(work_id), done)

    @work(thread=True, exclusive=True, group="undo", exit_on_error=False)
    def undo_work_edit(self, work_id: int) -> None:
        from creatorctl.accounts import undo_last

        restored = undo_last(self.need_store(), "work", work_id) or {}
        self.post_message(self.EditUndone(work_id, list(restored)))

    def tell_edited(self, event: Edited) -> None:
        """The toast for `Edited`."""
        self.app.notify(t("edit.saved", n=event.fields))

    def tell_undone(self, event: EditUndone) -> bool:
        """The toast for `EditUndone`; False when there was nothing to undo."""
        if not event.fields:
            self.app.notify(t("works.nothing_to_undo"), severity="warning")
            return False
        fields = ", ".join(t("field." + f) for f in event.fields)
        self.app.notify(t("edit.undone", fields=fields))
        return True
