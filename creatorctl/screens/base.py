"""What every tab shares: access to the store and account, and lazy reloading."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.containers import Vertical

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from creatorctl.accounts import AccountInfo
    from creatorctl.app import CreatorApp
    from creatorctl.store import Store

    _Node = DOMNode
else:
    _Node = object


class AppAccess(_Node):
    """For widgets and screens of `CreatorApp`: the app, typed, and its open store."""

    @property
    def capp(self) -> CreatorApp:
        return cast("CreatorApp", self.app)

    def need_store(self) -> Store:
        """The open store (the screens that call this are shown only once it is open)."""
        store = self.capp.store
        assert store is not None
        return store


class TabView(AppAccess, Vertical):
    """A tab's content. Subclasses implement `reload()` (start workers; never block).

    The app calls `mark_stale()` when the account or the data changes; a stale tab reloads
    when it is next shown, so hidden tabs cost nothing.
    """

    TAB_ID: str = ""
    """The tab's id (also the i18n key `tab.<id>`)."""

    def __init__(self) -> None:
        super().__init__(id=f"view-{self.TAB_ID}")
        self.stale = True

    @property
    def store(self) -> Store | None:
        return self.capp.store

    @property
    def account(self) -> AccountInfo | None:
        return self.capp.account

    def on_mount(self) -> None:
        # A tab built on first use was not there when it was activated: do it once composed.
        if self.is_active:
            self.call_after_refresh(self.activate)

    def mark_stale(self) -> None:
        self.stale = True
        if self.is_active:
            self.activate()

    @property
    def is_active(self) -> bool:
        return self.capp.active_tab == self.TAB_ID

    def activate(self) -> None:
        """Called when the tab is shown; reloads only if something changed."""
        if self.capp.screen is self.screen:
            self.focus_default()
        if self.stale and self.store is not None and self.account is not None:
            self.stale = False
            self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def refresh_data(self) -> None:
        """The data changed elsewhere (another process, F5): reload in place if shown, keeping
        focus and position; a hidden tab only notes that it must reload when next shown."""
        if self.is_active and self.store is not None and self.account is not None:
            self.stale = False
            self.reload_in_place()
        else:
            self.stale = True

    def reload_in_place(self) -> None:
        """Reload without moving the cursor to the top (tabs that can, override this)."""
        self.reload()

    def post_from_worker(self, show: Callable[..., object], *args: object) -> None:
        """From a thread worker: run `show(*args)` on the UI thread, unless the worker was
        cancelled because a newer load replaced it (its results would overwrite newer ones)."""
        from textual.worker import get_current_worker

        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(show, *args)

    def focus_default(self) -> None:
        """Put the keyboard where the tab's work happens (its main list by default)."""
        for widget in self.query("*"):
            if widget.focusable and widget.display:
                widget.focus()
                return
