"""The app's part in keeping up with the store: changes made by other processes appear on their
own (creatorctl.watch), F5 reads everything again, and the trash screen.

A mixin of `CreatorApp` (kept apart so app.py stays about tabs and screens).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, SystemCommand
from textual.message import Message

from creatorctl.i18n import t
from creatorctl.screens.base import TabView
from creatorctl.widgets.account_bar import AccountBar

if TYPE_CHECKING:
    from textual.screen import Screen

    from creatorctl.accounts import AccountInfo
    from creatorctl.store import Store
    from creatorctl.watch import Change, PgStoreWatcher, StoreWatcher


LONG_RUNNING = {"inbox-live-follow"}
"""Workers that run for as long as something is followed: the app is idle beside them."""


class StoreSync(App[str | None]):
    """Polling, refresh and the trash for the app. Its workers post the messages below; the
    handlers, on the UI thread, start what comes next (the poll timer, the tabs' reloads)."""

    store: Store | None
    account: AccountInfo | None
    watcher: StoreWatcher | PgStoreWatcher | None = None
    _new_watcher: StoreWatcher | PgStoreWatcher | None = None
    """Made by `start_watching`, not yet taken by `_watching` (closed if the app ends first)."""
    writes_seen = 0

    if TYPE_CHECKING:

        @property
        def main_screen(self) -> Screen[None]: ...

        def data_changed(
            self, *, in_place: bool = False, tabs: Collection[str] | None = None
        ) -> None: ...

        def view(self, tab_id: str) -> TabView: ...

    def on_unmount(self) -> None:
        for watcher in (self.watcher, self._new_watcher):
            if watcher is not None:
                watcher.close()
        self.watcher = self._new_watcher = None

    def sync_commands(self) -> Iterable[SystemCommand]:
        """The command palette's entries for the trash and refresh."""
        yield SystemCommand(t("trash.title"), t("trash.palette"), self.action_trash)
        yield SystemCommand(t("ui.key_refresh"), t("ui.palette_refresh"), self.action_refresh_data)

    # --- changes made by other processes -------------------------------------------------

    POLL_SECONDS = 2.0
    """How often the store is asked whether another process changed it (one PRAGMA)."""

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def start_watching(self, store: Store) -> None:
        """Follow other processes' changes to the store (an in-memory one has no others)."""
        from creatorctl.watch import watcher_for

        watcher = watcher_for(store)
        if watcher is None:
            return
        self._new_watcher = watcher
        if not self.post_message(self.WatcherReady(watcher)):
            watcher.close()  # the app closed meanwhile: nobody will close it later

    @dataclass
    class WatcherReady(Message):
        """A watcher on the store is open: the app starts polling it."""

        watcher: StoreWatcher | PgStoreWatcher

    @dataclass
    class OutsideChange(Message):
        """Another process changed the store."""

        change: Change
        """The tables it changed."""

    @dataclass
    class AccountRead(Message):
        """The account bar's account, read again."""

        account: AccountInfo

    @on(WatcherReady)
    def _watching(self, event: WatcherReady) -> None:
        watcher = event.watcher
        if self._new_watcher is watcher:
            self._new_watcher = None
        if self.store is None or not self.is_running or self.watcher is not None:
            watcher.close()
            return
        self.watcher = watcher
        self.writes_seen = self.store.writes
        self.set_interval(self.POLL_SECONDS, self._poll_store)

    def _poll_store(self) -> None:
        """Every 2 s while idle: nothing runs while a load or a write is under way."""
        busy = [w for w in self.workers if w.is_running and w.group not in LONG_RUNNING]
        if self.watcher is None or self.store is None or busy:
            return
        self.poll_store()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def poll_store(self) -> None:
        assert self.watcher is not None and self.store is not None
        writes = self.store.writes
        # Our own writes were shown by whatever made them; take them as known (also one that
        # committed while this poll ran).
        change = self.watcher.poll(rebase=writes != self.writes_seen)
        self.writes_seen = self.store.writes
        if change is not None and self.writes_seen == writes:
            self.post_message(self.OutsideChange(change))

    @on(OutsideChange)
    def outside_change(self, event: OutsideChange) -> None:
        """Reload what shows the changed tables; hidden tabs reload when next shown."""
        areas = event.change.areas()
        if "account" in areas and self.account is not None:
            self.refresh_account_bar()
        self.data_changed(in_place=True, tabs=areas)

    @work(thread=True, exclusive=True, group="account-bar", exit_on_error=False)
    def refresh_account_bar(self) -> None:
        from creatorctl.accounts import get_account_by_id

        assert self.store is not None and self.account is not None
        self.post_message(self.AccountRead(get_account_by_id(self.store, self.account.id)))

    @on(AccountRead)
    def _account_read(self, event: AccountRead) -> None:
        acc = event.account
        bar = self.main_screen.query_one(AccountBar)
        bar.show_account(acc.nickname, acc.handle, acc.fans, acc.verified)

    def action_refresh_data(self) -> None:
        """F5: read everything again now (and take the store's state as known)."""
        if self.store is None or self.account is None:
            return
        self.refresh_account_bar()
        self.data_changed(in_place=True)
        self.notify(t("ui.refreshed"), timeout=2)

    def action_trash(self) -> None:
        if self.store is None or self.account is None:
            return
        from creatorctl.screens.trash import TrashScreen

        self.push_screen(TrashScreen(self.account.id))
