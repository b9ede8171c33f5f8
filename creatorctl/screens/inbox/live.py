"""Inbox › Live 直播: previews, past lives, and a monitor that follows a growing sample file.

The monitor reads new lines in a worker every half second (re-armed with a one-shot timer
after each read, so reads never pile up), charts viewers, and raises an alert when they drop
fast; stopping it (or a past live) shows the summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, DataTable, Input, Label, Static
from textual.widgets.data_table import ColumnKey

from creatorctl.i18n import t
from creatorctl.screens.inbox.tab import InboxPane
from creatorctl.widgets.chart import Chart, ChartData, Series
from creatorctl.widgets.paged_table import fixed_column
from creatorctl.widgets.plain import PlainStatic

if TYPE_CHECKING:
    from creatorctl.inbox.live import (
        DropAlert,
        LiveMonitor,
        LiveSummary,
        Preview,
        Sample,
        SampleFollower,
        SessionRow,
    )
    from creatorctl.notify import Notifier

POLL_S = 0.5


def alert_text(a: DropAlert) -> str:
    from creatorctl.inbox.live import alert_line

    return alert_line(a, date=False)


def summary_text(s: LiveSummary) -> str:
    from creatorctl.inbox.live import summary_line

    return summary_line(s)


class LivePane(InboxPane):
    """Previews and past lives on top; the viewers chart, alerts and summary below."""

    BINDINGS = [
        Binding("o", "follow", t("inbox.key_follow")),
        Binding("x", "stop", t("inbox.key_stop")),
        Binding("n", "add_preview", t("inbox.key_add_preview")),
        Binding("delete", "delete_preview", t("inbox.key_delete_preview")),
        Binding("enter", "replay", t("inbox.key_replay"), show=True),
    ]
    DEFAULT_CSS = """
    LivePane #live-top { height: 5; }
    LivePane #live-previews { width: 1fr; height: 5; }
    LivePane #live-sessions { width: 1fr; height: 5; }
    LivePane #live-status { height: 1; padding: 0 1; color: $text-muted; }
    LivePane #live-chart { height: 1fr; min-height: 6; }
    LivePane #live-alerts { height: auto; max-height: 4; padding: 0 1; color: $warning; }
    LivePane #live-summary { height: auto; max-height: 3; padding: 0 1; }
    """

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.monitor: LiveMonitor | None = None
        self.follower: SampleFollower | None = None
        self.notifier: Notifier | None = None
        self.following = False
        self._timer: Timer | None = None
        self.previews: list[Preview] = []
        self.sessions: list[SessionRow] = []

    def compose(self) -> ComposeResult:
        # Columns are set up here, not in on_mount: a tab built just as the app quits has its
        # children removed before its Mount handler runs.
        previews: DataTable = DataTable(id="live-previews", cursor_type="row")
        fixed_column(previews, t("inbox.col_start"), key="start", width=11)
        fixed_column(previews, t("inbox.col_topic"), key="topic", width=20)
        sessions: DataTable = DataTable(id="live-sessions", cursor_type="row")
        fixed_column(sessions, t("inbox.col_past_live"), key="start", width=11)
        fixed_column(sessions, t("inbox.col_topic"), key="title", width=20)
        with Horizontal(id="live-top"):
            yield previews
            yield sessions
        yield PlainStatic(t("inbox.live_hint"), id="live-status")
        yield Chart(id="live-chart")
        yield Static("", id="live-alerts")
        yield Static("", id="live-summary")

    def on_resize(self) -> None:
        # Fixed widths (auto width raced with the rows arriving and could shrink to nothing).
        for table_id, key in (("#live-previews", "topic"), ("#live-sessions", "title")):
            table = self.query_one(table_id, DataTable)
            col = table.columns.get(ColumnKey(key))
            if col is not None:
                col.width = max(8, self.size.width // 2 - 11 - 6)
                col.auto_width = False
                table.refresh()

    def reload(self) -> None:
        if self.ready:
            self._load_lists()

    @work(thread=True, exclusive=True, group="inbox-live", exit_on_error=False)
    def _load_lists(self) -> None:
        from creatorctl.inbox.live import list_previews, list_sessions

        previews = list_previews(self.store, self.account_id)
        sessions = list_sessions(self.store, self.account_id)
        self.post_message(self.ListsLoaded(previews, sessions))

    @dataclass
    class ListsLoaded(Message):
        """The previews and past lives for the two lists on top."""

        previews: list[Preview]
        """Upcoming lives, soonest first."""
        sessions: list[SessionRow]
        """Past lives, newest first."""

    @on(ListsLoaded)
    def _show_lists(self, event: ListsLoaded) -> None:
        previews, sessions = event.previews, event.sessions
        self.previews, self.sessions = previews, sessions
        table = self.query_one("#live-previews", DataTable)
        table.clear()
        for p in previews:
            table.add_row(p.start_at.strftime("%m-%d %H:%M"), p.topic, key=str(p.id))
        if not previews:
            table.add_row("", Text(t("inbox.none_previews"), style="dim"))
        table = self.query_one("#live-sessions", DataTable)
        table.clear()
        for s in sessions:
            table.add_row(s.started_at.strftime("%m-%d %H:%M"), s.title, key=str(s.id))
        if not sessions:
            table.add_row("", Text(t("inbox.none_sessions"), style="dim"))
        elif not self.following and self.monitor is None:
            self._replay(sessions[0].id, sessions[0].title)

    # --- past lives ----------------------------------------------------------------------

    def action_replay(self) -> None:
        table = self.query_one("#live-sessions", DataTable)
        if self.sessions and not self.following:
            session = self.sessions[min(table.cursor_row, len(self.sessions) - 1)]
            self._replay(session.id, session.title)

    @on(DataTable.RowSelected, "#live-sessions")
    def _session_selected(self) -> None:
        self.action_replay()

    @work(thread=True, exclusive=True, group="inbox-live-replay", exit_on_error=False)
    def _replay(self, session_id: int, title: str) -> None:
        from creatorctl.config import load_config
        from creatorctl.inbox.live import LiveMonitor, session_samples

        cfg = load_config().inbox
        samples = session_samples(self.store, self.account_id, session_id)
        monitor = LiveMonitor(cfg.live_drop_ratio, cfg.live_drop_window_s)
        for s in samples:
            monitor.feed(s)
        self.post_message(self.Replayed(monitor, title))

    @dataclass
    class Replayed(Message):
        """A past live fed through a monitor: its chart, alerts and summary."""

        monitor: LiveMonitor
        """The monitor, fed every sample of the live."""
        title: str
        """The live's title (the chart's)."""

    @on(Replayed)
    def _replayed(self, event: Replayed) -> None:
        self._show_monitor(event.monitor, event.title, True)

    def _show_monitor(self, monitor: LiveMonitor, title: str, finished: bool) -> None:
        samples = monitor.samples
        self.query_one("#live-chart", Chart).show(
            ChartData(
                title=title,
                x_labels=[s.ts.strftime("%H:%M:%S") for s in samples],
                series=[Series(t("inbox.viewers"), [s.online for s in samples])],
                levels=True,
            )
            if samples
            else None
        )
        alerts = Text("\n").join(Text("⚠ " + alert_text(a)) for a in monitor.alerts[-3:])
        self.query_one("#live-alerts", Static).update(alerts)
        summary = monitor.summary()
        self.query_one("#live-summary", Static).update(
            Text(summary_text(summary), style="bold" if finished else "")
        )

    # --- live monitor --------------------------------------------------------------------

    def action_follow(self) -> None:
        self.app.push_screen(PathScreen(), self._start)

    def _start(self, path: str | None) -> None:
        if not path:
            return
        self.start_following(Path(path).expanduser())

    def start_following(self, path: Path) -> None:
        from creatorctl.config import load_config
        from creatorctl.inbox.live import LiveMonitor, SampleFollower

        if not path.is_file():
            self.notify(t("err.no_file", path=path), severity="error")
            return
        from creatorctl.notify import Notifier

        config = load_config()
        cfg = config.inbox
        self.notifier = Notifier(config.notify, self.store)
        self.stop_following(show=False)
        self.monitor = LiveMonitor(cfg.live_drop_ratio, cfg.live_drop_window_s)
        self.follower = SampleFollower(path)
        self.following = True
        self.query_one("#live-status", PlainStatic).update(t("inbox.following", path=path))
        self.query_one("#live-summary", Static).update("")
        self.query_one("#live-alerts", Static).update("")
        self._read()

    @work(thread=True, exclusive=True, group="inbox-live-follow", exit_on_error=False)
    def _read(self) -> None:
        follower = self.follower
        if follower is None:
            return
        samples = follower.poll()
        self.post_message(self.Polled(follower, samples))

    @dataclass
    class Polled(Message):
        """New lines of the followed sample file (the next read is armed once handled)."""

        follower: SampleFollower
        """The follower read (a newer one may have replaced it meanwhile)."""
        samples: list[Sample]
        """The samples new since the last read (maybe none)."""

    @on(Polled)
    def _got(self, event: Polled) -> None:
        follower, samples = event.follower, event.samples
        if follower is not self.follower or self.monitor is None:
            return
        for s in samples:
            alert = self.monitor.feed(s)
            if alert is not None:
                if self.notifier is not None:
                    self.notifier.live_drop(alert)
                self.notify(
                    alert_text(alert), title=t("inbox.drop_alert"), severity="warning", timeout=10
                )
        if samples:
            self._show_monitor(self.monitor, str(follower.path.name), False)
        if self.following:
            self._timer = self.set_timer(POLL_S, self._read)

    def action_stop(self) -> None:
        self.stop_following(show=True)

    def stop_following(self, *, show: bool) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        was = self.following
        self.following = False
        if show and was and self.monitor is not None and self.follower is not None:
            for s in self.follower.poll(final=True):
                self.monitor.feed(s)
            self._show_monitor(self.monitor, self.follower.path.name, True)
            self.query_one("#live-status", Static).update(t("inbox.stopped"))

    # --- previews ------------------------------------------------------------------------

    def action_add_preview(self) -> None:
        self.app.push_screen(PreviewScreen(), self._preview_entered)

    def _preview_entered(self, value: tuple[str, datetime] | None) -> None:
        if value is not None:
            self._add_preview(*value)

    @work(thread=True, group="inbox-live-change", exit_on_error=False)
    def _add_preview(self, topic: str, start: datetime) -> None:
        from creatorctl.inbox.live import add_preview

        p = add_preview(self.store, self.account_id, topic, start)
        self.post_message(self.PreviewsChanged(t("inbox.preview_added", id=p.id)))

    @dataclass
    class PreviewsChanged(Message):
        """A preview was added or deleted: say so and reload the lists."""

        note: str
        """The toast (what was done)."""

    @on(PreviewsChanged)
    def _previews_changed(self, event: PreviewsChanged) -> None:
        self.notify(event.note)
        self._load_lists()

    def action_delete_preview(self) -> None:
        table = self.query_one("#live-previews", DataTable)
        if self.previews:
            p = self.previews[min(table.cursor_row, len(self.previews) - 1)]
            self._delete_preview(p.id)

    @work(thread=True, group="inbox-live-change", exit_on_error=False)
    def _delete_preview(self, preview_id: int) -> None:
        from creatorctl.inbox.live import delete_preview

        delete_preview(self.store, self.account_id, preview_id)
        self.post_message(self.PreviewsChanged(t("inbox.preview_deleted", id=preview_id)))

    def on_unmount(self) -> None:
        self.stop_following(show=False)


class PathScreen(ModalScreen[str | None]):
    """Ask for the sample file to follow."""

    BINDINGS = [Binding("escape", "cancel", t("key.cancel"))]
    DEFAULT_CSS = """
    PathScreen { align: center middle; }
    PathScreen > Vertical { width: 90%; max-width: 80; height: auto; border: thick $accent;
        background: $surface; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("inbox.follow_prompt"))
            yield Input(placeholder="/path/to/live.csv", id="live-path")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PreviewScreen(ModalScreen[tuple[str, datetime] | None]):
    """A new live preview: topic and start time (validated before it closes)."""

    BINDINGS = [
        Binding("ctrl+s", "save", t("key.save")),
        Binding("escape", "cancel", t("key.cancel")),
    ]
    DEFAULT_CSS = """
    PreviewScreen { align: center middle; }
    PreviewScreen > Vertical { width: 90%; max-width: 80; height: auto; border: thick $accent;
        background: $surface; padding: 0 1; }
    PreviewScreen #preview-error { color: $error; height: auto; }
    PreviewScreen Horizontal { height: auto; align-horizontal: right; }
    PreviewScreen Button { margin-left: 1; }
    """

    def compose(self) -> ComposeResult:
        from creatorctl.timeutil import now_local

        start = (now_local() + timedelta(days=1)).replace(hour=20, minute=0, second=0)
        with Vertical():
            yield Label(t("inbox.field_topic"))
            yield Input(id="preview-topic")
            yield Label(t("inbox.field_start"))
            yield Input(start.strftime("%Y-%m-%d %H:%M"), id="preview-start")
            yield PlainStatic("", id="preview-error")
            with Horizontal():
                yield Button(t("key.save") + " (ctrl+s)", variant="primary", id="preview-save")
                yield Button(t("key.cancel") + " (esc)", id="preview-cancel")

    def on_mount(self) -> None:
        self.query_one("#preview-topic", Input).focus()

    @on(Button.Pressed, "#preview-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        from creatorctl.timeutil import now_local

        topic = self.query_one("#preview-topic", Input).value.strip()
        raw = self.query_one("#preview-start", Input).value.strip()
        error = self.query_one("#preview-error", PlainStatic)
        try:
            start = datetime.fromisoformat(raw.replace("/", "-"))
        except ValueError:
            self.query_one("#preview-error", PlainStatic).update(t("inbox.err_bad_time", value=raw))
            return
        if not topic:
            error.update(t("err.empty", field=t("inbox.field_topic")))
        elif start <= now_local():
            error.update(t("inbox.err_preview_past", at=start.strftime("%Y-%m-%d %H:%M")))
        else:
            self.dismiss((topic, start))

    @on(Button.Pressed, "#preview-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
