"""What every tab shares: access to the store and account, and lazy reloading."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.containers import Vertical

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.message import Message

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


class LazyView(AppAccess, Vertical):
    """A view that loads lazily: a tab, or one of the Inbox's sub-views (its panes).

    Subclasses implement `reload()` (start workers; never block). Something marks the view
    `stale` when its data changes; `show()` reloads it only then, so hidden views cost nothing.
    """

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.stale = True

    @property
    def account(self) -> AccountInfo | None:
        return self.capp.account

    @property
    def ready(self) -> bool:
        """The store is open and an account chosen: there is something to load."""
        return self.capp.store is not None and self.capp.account is not None

    def show(self) -> None:
        """Reload if something changed since the last load (and there is something to load)."""
        if self.stale and self.ready:
            self.stale = False
            self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def reload_in_place(self) -> None:
        """Reload without moving the cursor to the top (views that can, override this)."""
        self.reload()

    def focus_default(self) -> None:
        """Put the keyboard where the view's work happens (its first list by default)."""
        for widget in self.query("*"):
            if widget.focusable and widget.display and widget.visible:
                widget.focus()
                return


class TabView(LazyView):
    """A tab's content (keys 1–6).

    The app calls `mark_stale()` when the account or the data changes; a stale tab reloads
    when it is next shown, and `refresh_data()` when another process changed the store.
    """

    TAB_ID: str = ""
    """The tab's id (also the i18n key `tab.<id>`)."""

    def __init__(self) -> None:
        super().__init__(id=f"view-{self.TAB_ID}")

    @property
    def store(self) -> Store | None:
        return self.capp.store

    def on_mount(self) -> None:
        # A tab built on first use was not there when it was activated: do it once composed.
        if self.is_active:
            self.call_after_refresh(self.activate)

    def mark_stale(self) -> None:
        self.stale = True
        if self.is_active:
            self.activate()

    def changed_here(self, *, in_place: bool = False) -> None:
        """This tab changed the store: every other tab reloads (when next shown; `in_place`:
        keeping its cursor), and this one counts as fresh, since the caller reloads it now
        in its own way (keeping the cursor, following an item). One reload, not two."""
        self.capp.data_changed(in_place=in_place, but=self)
        self.stale = False

    @property
    def is_active(self) -> bool:
        return self.capp.active_tab == self.TAB_ID

    def activate(self) -> None:
        """Called when the tab is shown; reloads only if something changed."""
        if self.capp.screen is self.screen:
            self.focus_default()
        self.show()

    def refresh_data(self) -> None:
        """The data changed elsewhere (another process, F5): reload in place if shown, keeping
        focus and position; a hidden tab only notes that it must reload when next shown."""
        if self.is_active and self.ready:
            self.stale = False
            self.reload_in_place()
        else:
            self.stale = True

    def post_from_worker(self, message: Message) -> None:
        """From a thread worker: post `message` to this tab (its `@on` handler shows it), unless
        the worker was cancelled because a newer load replaced it (its results would overwrite
        newer ones)."""
        from textual.worker import get_current_worker

        if not get_current_worker().is_cancelled:
            self.post_message(message)
