"""Schedule a draft: a keyboard date-time entry, prefilled with the next best slot.

The time is on Douyin's clock (the account's zone, 北京时间 by default), and the dialog names
it. The time is checked as it is typed: unreadable or past times are refused, and another post
within 30 minutes or a live preview within an hour is a warning (scheduling is still allowed).
The proposal itself avoids live previews; the dialog says which slots it passed over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from creatorctl import safe_text
from creatorctl.i18n import t
from creatorctl.screens.base import AppAccess
from creatorctl.timeutil import zone_label

if TYPE_CHECKING:
    from creatorctl.drafts import Scheduled

FORMAT = "%Y-%m-%d %H:%M"


class ScheduleScreen(AppAccess, ModalScreen["Scheduled | None"]):
    """Dismisses with the `drafts.Scheduled` result, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", t("key.save")),
        Binding("escape", "cancel", t("key.cancel")),
        Binding("up", "shift(15)", t("schedule.later"), show=False),
        Binding("down", "shift(-15)", t("schedule.earlier"), show=False),
        Binding("pageup", "shift(1440)", t("schedule.next_day"), show=False),
        Binding("pagedown", "shift(-1440)", t("schedule.prev_day"), show=False),
    ]
    DEFAULT_CSS = """
    ScheduleScreen { align: center middle; }
    ScheduleScreen > Vertical { width: 70; max-width: 95%; height: auto; border: thick $accent;
        background: $surface; padding: 0 1; }
    ScheduleScreen #schedule-hint { color: $text-muted; }
    ScheduleScreen #schedule-skipped { color: $text-muted; height: auto; }
    ScheduleScreen #schedule-check { height: auto; min-height: 1; }
    ScheduleScreen #schedule-error { color: $error; height: auto; }
    ScheduleScreen Horizontal { height: auto; align-horizontal: right; }
    ScheduleScreen Button { margin-left: 1; }
    """

    def __init__(
        self,
        draft_id: int,
        account_id: int,
        title: str,
        proposed: datetime,
        *,
        skipped: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.draft_id = draft_id
        self.account_id = account_id
        self.draft_title = title
        self.proposed = proposed
        self.skipped = skipped
        """Why the proposal passed over earlier slots (live previews near them)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                safe_text.text(t("schedule.heading", id=self.draft_id, title=self.draft_title))
            )
            yield Static(t("schedule.hint", zone=zone_label()), id="schedule-hint")
            yield Input(self.proposed.strftime(FORMAT), id="schedule-at")
            if self.skipped:
                yield Static(safe_text.text("\n".join(self.skipped[:3])), id="schedule-skipped")
            yield Static("", id="schedule-check")
            yield Static("", id="schedule-error")
            with Horizontal():
                yield Button(t("schedule.ok") + " (enter)", variant="primary", id="schedule-ok")
                yield Button(t("key.cancel") + " (esc)", id="schedule-cancel")

    def on_mount(self) -> None:
        self.query_one("#schedule-at", Input).focus()
        self.check(self.query_one("#schedule-at", Input).value)

    @property
    def at(self) -> Input:
        return self.query_one("#schedule-at", Input)

    def action_shift(self, minutes: int) -> None:
        from creatorctl.drafts import parse_local_time
        from creatorctl.errors import UserError

        try:
            when = parse_local_time(self.at.value)
        except UserError:
            when = self.proposed
        self.at.value = (when + timedelta(minutes=minutes)).strftime(FORMAT)
        self.at.cursor_position = len(self.at.value)

    @on(Input.Changed, "#schedule-at")
    def _changed(self, event: Input.Changed) -> None:
        self.query_one("#schedule-error", Static).update("")
        self.check(event.value)

    @work(thread=True, exclusive=True, group="schedule-check", exit_on_error=False)
    def check(self, text: str) -> None:
        """Say what scheduling at `text` would do: refused, warned or fine."""
        from creatorctl.drafts import conflicts, parse_local_time
        from creatorctl.errors import UserError
        from creatorctl.posting_queue import conflict_line, live_conflicts
        from creatorctl.timeutil import now_local

        line = Text()
        try:
            when = parse_local_time(text)
        except UserError as exc:
            line.append(str(exc), style="red")
        else:
            now = now_local()
            if when <= now:
                line.append(
                    t("drafts.err_past", when=f"{when:%Y-%m-%d %H:%M}", now=f"{now:%H:%M:%S}"),
                    style="red",
                )
            else:
                mins = int((when - now).total_seconds() // 60)
                line.append(
                    t(
                        "schedule.in",
                        when=f"{when:%m-%d %H:%M} {zone_label()}",
                        h=mins // 60,
                        m=mins % 60,
                    ),
                    style="green",
                )
                store = self.need_store()
                others = conflicts(store, self.account_id, when, exclude_id=self.draft_id)
                lives = live_conflicts(store, self.account_id, when)
                for warning in [*map(conflict_line, others), *lives]:
                    line.append("\n⚠ ", style="yellow")
                    line.append(warning, style="yellow")
        self.post_message(self.Checked(line))

    @dataclass
    class Checked(Message):
        """What scheduling at the typed time would do, as the line under the input."""

        line: Text

    @on(Checked)
    def _checked(self, event: Checked) -> None:
        self.query_one("#schedule-check", Static).update(event.line)

    @on(Input.Submitted, "#schedule-at")
    @on(Button.Pressed, "#schedule-ok")
    def action_save(self) -> None:
        self.save(self.at.value)

    @work(thread=True, exclusive=True, group="schedule-save", exit_on_error=False)
    def save(self, text: str) -> None:
        from creatorctl.drafts import parse_local_time, schedule_draft
        from creatorctl.errors import UserError

        try:
            result = schedule_draft(
                self.need_store(),
                self.draft_id,
                parse_local_time(text),
                account_id=self.account_id,
            )
        except UserError as exc:
            self.post_message(self.Refused(str(exc)))
            return
        self.post_message(self.Saved(result))

    @dataclass
    class Saved(Message):
        """The draft is scheduled: the dialog closes with the outcome."""

        result: Scheduled

    @dataclass
    class Refused(Message):
        """Scheduling at the typed time was refused."""

        error: str
        """Why, in one line."""

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        self.dismiss(event.result)

    @on(Refused)
    def _refused(self, event: Refused) -> None:
        """The refusal once: the live check already said the same (e.g. a past time) in red."""
        self.query_one("#schedule-check", Static).update("")
        self.query_one("#schedule-error", Static).update(safe_text.text(event.error))

    @on(Button.Pressed, "#schedule-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
