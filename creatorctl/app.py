"""The App: tabs, the account bar, bindings, command palette, notifications.

Frame one already shows the Works list, read through sqlite3 while Textual loaded
(creatorctl.quickstart); the store (and SQLAlchemy) opens in a worker after that frame.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.message import Message
from textual.screen import Screen
from textual.widgets import TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from creatorctl.i18n import t
from creatorctl.safe_text import escape
from creatorctl.screens.account.flow import AccountFlow
from creatorctl.screens.base import TabView
from creatorctl.screens.idle_gc import IdleCollector
from creatorctl.screens.publisher import InAppPublisher
from creatorctl.screens.store_sync import StoreSync
from creatorctl.widgets.account_bar import AccountBar
from creatorctl.widgets.footer import QuickFooter
from creatorctl.widgets.terminal_guard import CleanToasts

if TYPE_CHECKING:
    from creatorctl.accounts import AccountInfo
    from creatorctl.config import NotifyConfig, PublishConfig
    from creatorctl.quickstart import QuickStart
    from creatorctl.scheduler import InAppScheduler
    from creatorctl.screens.inbox.tab import InboxTab
    from creatorctl.screens.works.tab import WorksTab
    from creatorctl.store import Store

TAB_CLASSES = {
    "works": "creatorctl.screens.works.tab:WorksTab",
    "drafts": "creatorctl.screens.drafts.tab:DraftsTab",
    "data": "creatorctl.screens.data.tab:DataTab",
    "fans": "creatorctl.screens.fans.tab:FansTab",
    "inbox": "creatorctl.screens.inbox.tab:InboxTab",
    "earn": "creatorctl.screens.earn.tab:EarnTab",
}
"""The tabs (keys 1–6) and where each one's view lives. Only the first is built at start-up;
the others are imported and mounted when first shown (the first frame waits for no other)."""
TAB_IDS = tuple(TAB_CLASSES)


def tab_class(tab_id: str) -> type[TabView]:
    import importlib

    module, _, name = TAB_CLASSES[tab_id].partition(":")
    cls: type[TabView] = getattr(importlib.import_module(module), name)
    return cls


class WorkSearchProvider(Provider):
    """Command palette: jump to any work by title (searched in SQL, off the event loop)."""

    async def search(self, query: str) -> Hits:
        import asyncio

        app = self.app
        if not isinstance(app, CreatorApp) or app.store is None or app.account is None:
            return
        query = query.strip()
        if not query:
            return
        from creatorctl.works import work_titles

        rows = await asyncio.to_thread(work_titles, app.store, app.account.id, query, 15)
        matcher = self.matcher(query)
        for work_id, title in rows:
            shown = escape(title)  # highlight() parses markup; a title is strangers' text
            yield Hit(
                max(matcher.match(title), 0.5),
                matcher.highlight(shown),
                partial(app.open_work, work_id),
                help=t("palette.open_work", id=work_id),
            )


class CreatorApp(CleanToasts, StoreSync, AccountFlow, IdleCollector, App[str | None]):
    """creatorctl: the Douyin Creator Center in a terminal."""

    CSS_PATH = "creatorctl.tcss"
    TITLE = "creatorctl"
    COMMANDS = App.COMMANDS | {WorkSearchProvider}
    BINDINGS = [
        # At 80 columns the footer has room for a tab's own keys, `?` and the palette (which
        # Footer shows on its own, right): the app-wide keys are in `?` and the palette.
        Binding("question_mark", "help", t("key.help")),
        Binding("i", "import", t("imp.key"), show=False),
        Binding("a", "switch_account", t("key.accounts"), show=False),
        Binding("P", "profile", t("key.profile"), show=False),
        Binding("T", "trash", t("trash.key"), show=False),
        Binding("f5,ctrl+r", "refresh_data", t("ui.key_refresh"), show=False),
        Binding("ctrl+p", "command_palette", t("key.palette"), show=False),
        Binding("q", "quit", t("key.quit"), show=False),
        *[
            Binding(str(i + 1), f"show_tab('{tab_id}')", show=False)
            for i, tab_id in enumerate(TAB_IDS)
        ],
    ]

    def __init__(
        self,
        db: str | None = None,
        account: str | None = None,
        store: Store | None = None,
        *,
        scheduler: bool | None = None,
        prebuild: bool | None = None,
        quick: QuickStart | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.quick = quick  # the first page, read while Textual loaded (creatorctl.quickstart)
        self.quick_account: AccountInfo | None = None  # the account it showed, till the store
        self.account_override = account
        self.store: Store | None = store
        self.account: AccountInfo | None = None
        self.active_tab = TAB_IDS[0]
        if scheduler is None:  # tests and screenshots turn it off with the env
            import os

            scheduler = not os.environ.get("CREATORCTL_NO_SCHEDULER")
        self.want_scheduler = scheduler
        self.scheduler: InAppScheduler | None = None
        if prebuild is None:  # tests turn it off: a tab half-built at teardown is noise there
            import os

            prebuild = not os.environ.get("CREATORCTL_NO_PREBUILD")
        self.want_prebuild = prebuild

    def compose(self) -> ComposeResult:
        yield AccountBar(id="account-bar")
        with TabbedContent(id="tabs", initial=TAB_IDS[0]):
            for tab_id in TAB_IDS:
                with TabPane(t(f"tab.{tab_id}"), id=tab_id):
                    if tab_id == TAB_IDS[0]:
                        yield tab_class(tab_id)()
        yield QuickFooter(compact=True)  # a tab, `?` and the palette fit 80 columns (issue 13)

    def on_mount(self) -> None:
        import gc

        if not gc.isenabled():  # paused for start-up by the command line (cli.root)
            self.call_after_refresh(self._collector_on)
        self.main_screen.query_one(AccountBar).show_account(None, None, None)
        first = self.quick.result() if self.quick is not None and self.store is None else None
        if first is None:
            self.open_store()
            return
        # Data with the first frame; SQLAlchemy and the store load once it is painted.
        self.account = self.quick_account = first.account
        self._show_account_bar(first.account)
        cast("WorksTab", self.view("works")).show_first_page(first)
        self.call_after_refresh(self.open_store)

    # --- loading -------------------------------------------------------------------------

    @dataclass
    class StoreOpened(Message):
        """`open_store` opened the store and found the account to show."""

        store: Store
        """The open store."""
        account: AccountInfo | None
        """The current account (None: the store has none yet)."""

    class ServeEnded(Message):
        """The browser session that runs this app (`creatorctl serve`) went away."""

    @on(ServeEnded)
    def _serve_ended(self) -> None:
        self.exit()

    @dataclass
    class StoreWaiting(Message):
        """A store writer waits for another process (an import): say so (from any thread)."""

        line: str
        """What the user reads."""

    @work(thread=True, exclusive=True, group="store", exit_on_error=False)
    def open_store(self) -> None:
        from creatorctl.accounts import current_account
        from creatorctl.store import open_store

        store = self.store or open_store(self.db)
        self.post_message(self.StoreOpened(store, current_account(store, self.account_override)))

    @on(StoreWaiting)
    def _store_waiting(self, event: StoreWaiting) -> None:
        self.notify(event.line, severity="warning", timeout=8)

    @on(StoreOpened)
    def _store_ready(self, event: StoreOpened) -> None:
        store, account = event.store, event.account
        self.store = store
        store.on_wait = lambda line: self.post_message(self.StoreWaiting(line))
        quick, self.quick_account = self.quick_account, None
        if quick is not None and account is not None and account.id == quick.id:
            # The quick start showed this account: read again in place (cursor, search kept).
            self.account = account
            self._show_account_bar(account)
            self.data_changed(in_place=True)
        else:
            self.set_account(account)
        if self.want_scheduler:
            # Let the first tab's data in first; a post due now goes out a moment later.
            self.set_timer(0.6, self.load_publish_config)
        # Build the other tabs in the background, one at a time, so switching is quick later.
        if self.want_prebuild:
            self.set_timer(1.0, self._build_next_tab)
        self.view(self.active_tab).focus_default()
        if account is None:
            self.show_welcome()
        self.start_watching(store)

    # --- the in-app scheduler (creatorctl.scheduler) -------------------------------------

    @dataclass
    class PublishConfigLoaded(Message):
        """`load_publish_config` read the config the scheduler runs with."""

        config: PublishConfig
        """The [publish] settings."""
        notify: NotifyConfig | None = None
        """The [notify] settings."""

    @work(thread=True, exclusive=True, group="scheduler", exit_on_error=False)
    def load_publish_config(self) -> None:
        from creatorctl.config import load_config

        cfg = load_config()
        self.post_message(self.PublishConfigLoaded(cfg.publish, cfg.notify))

    @on(PublishConfigLoaded)
    def _start_scheduler(self, event: PublishConfigLoaded) -> None:
        """Publish due posts while the app is open; jobs only post messages to the UI."""
        assert self.store is not None
        if self.scheduler is None and self.is_running:
            self.scheduler = InAppPublisher.start(self, self.store, event.config, event.notify)

    def _show_inbox_view(self, name: str) -> None:
        self.action_show_tab("inbox")
        self.call_later(self._show_inbox_view_when_ready, name)

    async def _show_inbox_view_when_ready(self, name: str) -> None:
        view = self.view("inbox")
        while not view.is_mounted or not view.children:
            await asyncio.sleep(0.01)
        cast("InboxTab", view).show_view(name)

    @on(InAppPublisher.PostPublished)
    def _post_published(self, event: InAppPublisher.PostPublished) -> None:
        from creatorctl.scheduler import describe_outcome

        self.notify(
            describe_outcome(event.outcome),
            severity="information" if event.outcome.ok else "error",
            timeout=8,
        )
        self.data_changed()

    @on(InAppPublisher.SchedulerTrouble)
    def _scheduler_trouble(self, event: InAppPublisher.SchedulerTrouble) -> None:  # and notify
        self.notify(event.text, severity="error", timeout=10)
        self.bell()

    def _collector_on(self) -> None:
        """After the first frame: the collector back on, start-up's objects out of its sight."""
        import gc

        self.start_idle_collector()
        gc.enable()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self.note_activity()  # the idle collector's full passes wait for a pause
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.stop_idle_collector()
        if self.scheduler is not None:
            self.scheduler.shutdown()
            self.scheduler = None

    def data_changed(
        self,
        *,
        in_place: bool = False,
        but: TabView | None = None,
        tabs: Collection[str] | None = None,
    ) -> None:
        """The store changed: the one place that marks tabs stale. They reload when next shown
        (`in_place`: the shown one now, keeping its cursor); `but`: the tab that made the
        change and reloads itself (`TabView.changed_here`); `tabs`: only these tab ids."""
        for view in self.main_screen.query(TabView):
            if view is not but and (tabs is None or view.TAB_ID in tabs):
                (view.refresh_data if in_place else view.mark_stale)()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """One place that turns a failed worker into a message the user can read."""
        if event.state != WorkerState.ERROR:
            return
        from creatorctl.errors import StoreError, UserError, store_error

        error = event.worker.error
        if error is not None and not isinstance(error, UserError):
            # The store failed (full, read-only, damaged, locked): one line, never SQL text.
            where = self.store.path or self.store.url if self.store else self.db or "(default)"
            error = store_error(error, where) or error
        if isinstance(error, StoreError) and event.worker.group == "store":
            self.exit(str(error), return_code=1)
        elif isinstance(error, UserError):
            self.notify(str(error), severity="error", timeout=8)
        else:
            self.notify(
                f"{type(error).__name__}: {error}",
                title=t("app.error"),
                severity="error",
                timeout=10,
            )

    # --- tabs ----------------------------------------------------------------------------

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.active_tab = event.pane.id or TAB_IDS[0]
        if not self.screen_stack:
            return  # a key pressed just before quitting: the screens are gone already
        view = self.view(self.active_tab)
        if view.is_mounted:  # a view mounted just now activates itself once composed
            view.activate()

    def action_show_tab(self, tab_id: str) -> None:
        self.note_activity()
        self.main_screen.query_one("#tabs", TabbedContent).active = tab_id

    @property
    def main_screen(self) -> Screen[Any]:
        """The screen holding the tabs (`self.query` would search whatever modal is on top)."""
        return self.screen_stack[0]

    def _build_next_tab(self) -> None:
        if not self.screen_stack or not self.is_running:
            return  # closing
        for tab_id in TAB_IDS:
            if not self.main_screen.query(f"#view-{tab_id}"):
                self.view(tab_id)
                self.set_timer(0.15, self._build_next_tab)
                return
        self.start_idle_collector()  # what is built lives as long as the app (screens.idle_gc)

    def view(self, tab_id: str) -> TabView:
        """The tab's view, built and mounted on first use."""
        found = self.main_screen.query(f"#view-{tab_id}")
        if found:
            return found.first(TabView)
        view = tab_class(tab_id)()
        self.main_screen.query_one(f"TabPane#{tab_id}", TabPane).mount(view)
        return view

    # --- screens and actions -------------------------------------------------------------

    def action_help(self) -> None:
        from creatorctl.i18n import catalog, language
        from creatorctl.screens.help import HelpScreen

        # Only our own keys: Textual's built-in ones (cursor moves …) are English-only.
        ours = {pair[0] if language() == "zh" else pair[1] for pair in catalog().values()}
        keys: list[tuple[str, str]] = []
        seen: set[str] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if binding.description in ours and key not in seen:
                seen.add(key)
                keys.append((self.get_key_display(binding), binding.description))
        self.push_screen(HelpScreen(keys, list(TAB_IDS)))

    def action_import(self) -> None:
        if self.store is None:
            return
        from creatorctl.screens.import_file import ImportScreen

        self.push_screen(ImportScreen(), self._import_done)

    def on_data_imported(self, _message: Message) -> None:
        """An import wrote to the store (the Import dialog posts `DataImported`)."""
        self.data_changed()

    def _import_done(self, changed: bool | None) -> None:
        if changed:
            self.refresh_account()
        elif self.account is None:
            self.show_welcome()

    def open_work(self, work_id: int) -> None:
        from creatorctl.screens.works.detail import WorkDetailScreen

        self.push_screen(WorkDetailScreen(work_id))

    def show_comments(self, work_id: int) -> None:
        """The Inbox on one work's comments (from the work detail screen)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.action_show_tab("inbox")
        self.call_later(self._show_comments, work_id)

    async def _show_comments(self, work_id: int) -> None:
        view = self.view("inbox")
        while not view.is_mounted or not view.children:
            await asyncio.sleep(0.01)
        cast("InboxTab", view).show_work_comments(work_id)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from creatorctl.screens.palette import builtin_commands

        yield from builtin_commands(self, screen)  # Textual's own, in the UI language
        for tab_id in TAB_IDS:
            yield SystemCommand(
                t(f"tab.{tab_id}"),
                t("palette.go_tab"),
                partial(self.action_show_tab, tab_id),
            )
        yield SystemCommand(t("imp.key"), t("imp.palette"), self.action_import)
        from creatorctl.screens.inbox.tab import SUBVIEWS

        for name in SUBVIEWS:
            yield SystemCommand(
                f"{t('tab.inbox')} › {t(f'inbox.view_{name}')}",
                t("palette.go_tab"),
                partial(self._show_inbox_view, name),
            )
        yield SystemCommand(t("key.accounts"), t("palette.accounts"), self.action_switch_account)
        yield SystemCommand(t("key.profile"), t("palette.profile"), self.action_profile)
        yield from self.sync_commands()
        yield SystemCommand(t("key.help"), t("palette.help"), self.action_help)


def run_app(
    db: str | None = None, account: str | None = None, quick: QuickStart | None = None
) -> None:
    """Run the app; a store that cannot be opened ends it with one line on stderr, exit 1.

    `quick`: the first page's read, started before Textual loaded (creatorctl.quickstart)."""
    import os
    import sys

    from creatorctl.web_child import guard_child

    app = CreatorApp(db=db, account=account, quick=quick)
    served = guard_child(lambda: app.post_message(app.ServeEnded()))  # a `serve` session
    result = app.run()
    if result:
        print(f"creatorctl: {result}", file=sys.stderr)
    if served:  # no thread left behind may keep a browser session's process alive
        sys.stderr.flush()
        os._exit(1 if result else 0)
    if result:
        sys.exit(1)
