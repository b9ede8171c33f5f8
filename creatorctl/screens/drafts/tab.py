"""The Drafts tab 草稿与定时发布: drafts by state, their details, and the week's posts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from creatorctl import safe_text
from creatorctl.i18n import fit_cells, t
from creatorctl.screens.drafts.detail import STATE_STYLES, detail_text, when_text
from creatorctl.screens.drafts.queue import QueueActions
from creatorctl.timeutil import zone_label
from creatorctl.widgets.paged_table import MemoTable, fixed_column
from creatorctl.widgets.week_calendar import CalendarEntry, WeekCalendar, week_start

if TYPE_CHECKING:
    from creatorctl.drafts import DraftInfo, Scheduled
    from creatorctl.inbox.live import Preview
    from creatorctl.publish_log import AttemptInfo
    from creatorctl.publishing import SlotProposal

FILTERS: tuple[tuple[str, ...] | None, ...] = (
    None,
    ("scheduled", "publishing"),
    ("draft",),
    ("unknown", "missed", "failed"),
    ("published",),
)


@dataclass(frozen=True)
class DraftsData:
    """What one reload fetches, in a worker."""

    start: date
    """The first day of the week the calendar shows."""
    drafts: list[DraftInfo]
    counts: dict[str, int]
    week: list[DraftInfo] = field(default_factory=list)
    today: date = field(default_factory=date.today)
    lives: list[Preview] = field(default_factory=list)
    """Live previews in the week (shown in the calendar with the posts)."""


class DraftsTab(QueueActions):
    """Drafts by state; n new, e resume, s schedule, c cancel, p publish now."""

    TAB_ID = "drafts"
    BINDINGS = [
        Binding("n", "new", t("drafts.key_new")),
        Binding("e", "edit", t("drafts.key_edit")),
        Binding("s", "schedule", t("drafts.key_schedule")),
        Binding("q", "queue", t("drafts.key_queue"), show=False),
        Binding("Q", "slots", t("drafts.key_slots"), show=False),
        Binding("c", "cancel_schedule", t("drafts.key_cancel")),
        Binding("p", "publish_now", t("drafts.key_publish")),
        Binding("r", "resolve", t("drafts.key_resolve")),
        Binding("delete,x", "delete", t("key.delete")),
        # Views, not actions: in `?`, so the actions fit 80 columns.
        Binding("f", "filter", t("drafts.key_filter"), show=False),
        Binding("w", "toggle_calendar", t("drafts.key_calendar"), show=False),
        Binding("left_square_bracket", "week(-1)", t("drafts.key_prev_week"), show=False),
        Binding("right_square_bracket", "week(1)", t("drafts.key_next_week"), show=False),
    ]
    DEFAULT_CSS = """
    DraftsTab #drafts-status { height: 1; color: $text-muted; padding: 0 1; }
    DraftsTab #drafts-main { height: 1fr; }
    DraftsTab #drafts-table { width: 1fr; height: 1fr; }
    DraftsTab #drafts-detail-box { width: 40%; max-width: 50; height: 1fr;
        border-left: solid $primary; padding: 0 1; }
    DraftsTab WeekCalendar.hidden { display: none; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.filter_index = 0
        self.week_offset = 0
        self._unknown = 0
        """Drafts whose outcome is unknown (shows the `r` key)."""
        self.rows: dict[int, DraftInfo] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="drafts-status")
        with Horizontal(id="drafts-main"):
            # Columns are set up here, not in on_mount: a tab built just as the app quits
            # has its children removed before its Mount handler runs.
            table: DataTable = MemoTable(id="drafts-table", cursor_type="row", zebra_stripes=True)
            fixed_column(table, t("col.state"), key="state", width=6)
            fixed_column(table, t("drafts.col_when"), key="when", width=11)
            table.add_column(t("col.title"), key="title")
            yield table
            with VerticalScroll(id="drafts-detail-box"):
                yield Static("", id="drafts-detail")
        yield WeekCalendar(id="drafts-calendar")

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_title)

    def _fit_title(self) -> None:
        # The title takes what the fixed columns leave, so no horizontal scrollbar appears.
        column = self.table.columns.get(ColumnKey("title"))
        if column is not None and self.table.size.width:
            column.width = max(10, self.table.size.width - 6 - 11 - 2 * 3 - 3)
            column.auto_width = False
            self.table.refresh()

    @property
    def table(self) -> DataTable:
        return self.query_one("#drafts-table", DataTable)

    @property
    def calendar(self) -> WeekCalendar:
        return self.query_one("#drafts-calendar", WeekCalendar)

    # --- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        if self.store is None or self.account is None:
            return
        self.fetch(self.account.id, FILTERS[self.filter_index], self.week_offset)

    @work(thread=True, exclusive=True, group="drafts", exit_on_error=False)
    def fetch(self, account_id: int, states: tuple[str, ...] | None, week_offset: int) -> None:
        from creatorctl.drafts import count_by_state, list_drafts, scheduled_between
        from creatorctl.inbox.live import list_previews
        from creatorctl.timeutil import now_local

        store = self.store
        assert store is not None
        today = now_local().date()
        start = week_start(today) + timedelta(days=7 * week_offset)
        begin = now_local().replace(year=start.year, month=start.month, day=start.day)
        begin = begin.replace(hour=0, minute=0, second=0, microsecond=0)
        data = DraftsData(
            start=start,
            drafts=list_drafts(store, account_id, states),
            counts=count_by_state(store, account_id),
            week=scheduled_between(store, account_id, begin, begin + timedelta(days=7)),
            today=today,
            lives=list_previews(store, account_id, start=begin, end=begin + timedelta(days=7)),
        )
        self.post_message(self.Loaded(data))

    @dataclass
    class Loaded(Message):
        """A reload's drafts, counts and week."""

        data: DraftsData

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        data = event.data
        table = self.table
        keep = self.selected_id
        table.clear()
        self.rows = {d.id: d for d in data.drafts}
        for d in data.drafts:
            title = Text(safe_text.clean_line(d.title), overflow="ellipsis", no_wrap=True)
            if d.state != "published" and d.warnings():
                title = Text.assemble(("⚠ ", "yellow"), title)
            table.add_row(
                Text(fit_cells(t(f"state.{d.state}"), 6), style=STATE_STYLES.get(d.state, "")),
                when_text(d),
                title,
                key=str(d.id),
            )
        if keep in self.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        self._fit_title()
        self._status(data.counts)
        self._show_detail()
        self.calendar.show_week(data.start, data.today)
        self.calendar.set_entries(
            "posts",
            [
                CalendarEntry(when=when, label=d.title, kind=d.state, key=f"draft:{d.id}")
                for d in data.week
                if (when := d.published_at if d.state == "published" else d.scheduled_at)
            ],
        )
        self.calendar.set_entries(
            "live",
            [
                CalendarEntry(when=p.start_at, label=p.topic, kind="live", key=f"live:{p.id}")
                for p in data.lives
            ],
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # `r` is in the footer only while a post's outcome is unknown: at 80 columns the
        # footer has no room for a key that has nothing to do (it stays in `?`).
        if action == "resolve":
            return self._unknown > 0
        return True

    def _status(self, counts: dict[str, int]) -> None:
        if counts.get("unknown", 0) != self._unknown:
            self._unknown = counts.get("unknown", 0)
            self.refresh_bindings()
        parts = [
            f"{t('state.' + s)} {counts[s]}"
            for s in (
                "unknown",
                "scheduled",
                "draft",
                "published",
                "missed",
                "failed",
                "publishing",
            )
            if counts.get(s)
        ]
        # One line at 80 columns: what needs the user first, the counts after, and an
        # ellipsis (not a silent cut) when it is longer than the screen.
        line = Text(no_wrap=True, overflow="ellipsis")
        attention = sum(counts.get(s, 0) for s in ("unknown", "missed", "failed"))
        if attention:
            line.append(t("drafts.attention", n=attention) + "   ", style="bold red")
        states = FILTERS[self.filter_index]
        if states:
            line.append(
                t("drafts.filtered", states="/".join(t(f"state.{s}") for s in states)) + "   "
            )
        line.append(" · ".join(parts) or t("drafts.none_hint"))
        self.query_one("#drafts-status", Static).update(line)

    @property
    def selected_id(self) -> int | None:
        table = self.table
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - no row under the cursor
            return None
        return int(key) if key is not None else None

    @property
    def selected(self) -> DraftInfo | None:
        draft_id = self.selected_id
        return self.rows.get(draft_id) if draft_id is not None else None

    @on(DataTable.RowHighlighted, "#drafts-table")
    def _show_detail(self) -> None:
        d = self.selected
        self.query_one("#drafts-detail", Static).update(
            detail_text(d) if d else Text(t("drafts.none_hint"), style="dim")
        )
        if d is not None and d.attempts and d.state != "published":
            self._load_attempts(d.id)

    @work(thread=True, exclusive=True, group="drafts-attempts", exit_on_error=False)
    def _load_attempts(self, draft_id: int) -> None:
        from creatorctl.publish_log import list_attempts

        assert self.store is not None
        self.post_message(
            self.AttemptsLoaded(draft_id, list_attempts(self.store, draft_id, limit=3))
        )

    @dataclass
    class AttemptsLoaded(Message):
        """The latest publish tries of a draft (shown when it is still the one selected)."""

        draft_id: int
        attempts: list[AttemptInfo]

    @on(AttemptsLoaded)
    def _show_attempts(self, event: AttemptsLoaded) -> None:
        """The latest tries under the details: when, who, and the hook's stderr tail."""
        d = self.selected
        if d is None or d.id != event.draft_id or not event.attempts:
            return
        text = detail_text(d)
        text.append(f"\n{t('drafts.attempts')}\n", style="dim")
        for a in event.attempts:
            mark = ("✓", "green") if a.ok else ("✗", "red")
            text.append(mark[0], style=mark[1])
            text.append(f" {a.started_at:%m-%d %H:%M:%S} {a.worker_id.split(':')[0]}\n")
            if a.stderr_tail:
                tail = "\n".join(a.stderr_tail.splitlines()[-4:])
                text.append(f"{tail}\n", style="dim red" if not a.ok else "dim")
        self.query_one("#drafts-detail", Static).update(text)

    @on(DataTable.RowSelected, "#drafts-table")
    def _row_selected(self) -> None:
        self.action_edit()

    def refresh_all(self) -> None:
        """After a change: this tab now, every other tab when next shown."""
        self.changed_here()
        self.reload()

    # --- actions -------------------------------------------------------------------------

    def action_new(self) -> None:
        if self.account is None:
            return
        from creatorctl.screens.drafts.edit import DraftEditScreen

        self.app.push_screen(DraftEditScreen(self.account.id), self._edited)

    def action_edit(self) -> None:
        d = self.selected
        if d is None or self.account is None:
            return
        from creatorctl.screens.drafts.edit import DraftEditScreen

        self.app.push_screen(DraftEditScreen(self.account.id, d.id), self._edited)

    def _edited(self, draft_id: int | None) -> None:
        if draft_id is not None:
            self.app.notify(t("drafts.saved", id=draft_id))
            self.refresh_all()
            self.call_after_refresh(self._select, draft_id)

    def _select(self, draft_id: int) -> None:
        if draft_id in self.rows:
            self.table.move_cursor(row=self.table.get_row_index(str(draft_id)))

    def action_schedule(self) -> None:
        d = self.selected
        if d is not None and self.account is not None:
            self._propose(d.id, self.account.id, d.title)

    @work(thread=True, exclusive=True, group="drafts-slot", exit_on_error=False)
    def _propose(self, draft_id: int, account_id: int, title: str) -> None:
        from creatorctl.publishing import propose_slot
        from creatorctl.timeutil import now_local

        assert self.store is not None
        slot = propose_slot(self.store, account_id, now_local())
        self.post_message(self.SlotProposed(draft_id, account_id, title, slot))

    @dataclass
    class SlotProposed(Message):
        """`s`: the time to propose for a draft; the schedule dialog opens with it."""

        draft_id: int
        account_id: int
        title: str
        slot: SlotProposal

    @on(SlotProposed)
    def _ask_time(self, event: SlotProposed) -> None:
        from creatorctl.screens.drafts.schedule import ScheduleScreen

        slot = event.slot
        screen = ScheduleScreen(
            event.draft_id, event.account_id, event.title, slot.when, skipped=slot.skipped
        )
        self.app.push_screen(screen, self._scheduled)

    def _scheduled(self, result: Scheduled | None) -> None:
        if result is None:
            return
        d = result.draft
        when = f"{d.scheduled_at:%Y-%m-%d %H:%M} {zone_label()}"
        self.app.notify(t("drafts.scheduled", id=d.id, when=when))
        from creatorctl.posting_queue import schedule_warnings

        for warning in schedule_warnings(result):
            self.app.notify(warning, severity="warning", timeout=8)
        self.refresh_all()

    def action_cancel_schedule(self) -> None:
        d = self.selected
        if d is not None:
            self._cancel(d.id)

    @work(thread=True, exclusive=True, group="drafts-write", exit_on_error=False)
    def _cancel(self, draft_id: int) -> None:
        from creatorctl.drafts import cancel_draft

        assert self.store is not None
        cancel_draft(self.store, draft_id)
        self.post_message(self.Changed(t("drafts.cancelled", id=draft_id)))

    @dataclass
    class Changed(Message):
        """A draft was cancelled or deleted: say so, and reload."""

        note: str
        """What was done, in one line."""

    @on(Changed)
    def _changed(self, event: Changed) -> None:
        self.app.notify(event.note)
        self.refresh_all()

    def action_publish_now(self) -> None:
        d = self.selected
        if d is None:
            return
        from creatorctl.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.notify(t("drafts.publishing", id=d.id))
                self._publish(d.id)

        self.app.push_screen(
            ConfirmScreen(t("drafts.confirm_publish", id=d.id, title=d.title)), answered
        )

    @work(thread=True, group="drafts-publish", exit_on_error=False)
    def _publish(self, draft_id: int) -> None:
        from creatorctl.config import load_config
        from creatorctl.publishing import publish_now
        from creatorctl.screens.publisher import InAppPublisher

        assert self.store is not None
        outcome = publish_now(self.store, load_config().publish, draft_id)
        self.app.post_message(InAppPublisher.PostPublished(outcome))

    def action_resolve(self) -> None:
        d = self.selected
        if d is None or self.store is None:
            return
        if d.state != "unknown":
            self.app.notify(t("drafts.resolve_only_unknown"), severity="warning")
            return
        from creatorctl.screens.drafts.resolve import ResolveScreen

        def done(message: str | None) -> None:
            if message:
                self.app.notify(message)
                self.refresh_all()

        self.app.push_screen(ResolveScreen(self.store, d), done)

    def action_delete(self) -> None:
        d = self.selected
        if d is None:
            return
        from creatorctl.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(d.id)

        self.app.push_screen(
            ConfirmScreen(t("drafts.confirm_delete", id=d.id, title=d.title)), answered
        )

    @work(thread=True, exclusive=True, group="drafts-write", exit_on_error=False)
    def _delete(self, draft_id: int) -> None:
        from creatorctl.drafts import delete_draft

        assert self.store is not None
        delete_draft(self.store, draft_id)
        self.post_message(self.Changed(t("drafts.deleted_app", id=draft_id)))

    def action_filter(self) -> None:
        self.filter_index = (self.filter_index + 1) % len(FILTERS)
        self.reload()

    def action_toggle_calendar(self) -> None:
        self.calendar.toggle_class("hidden")

    def action_week(self, step: int) -> None:
        self.week_offset += step
        self.reload()
