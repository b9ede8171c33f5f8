"""The app's accounts: the welcome screen's choices, the demo, adding and switching accounts,
the profile dialog, and the account bar. A part of `CreatorApp` (kept apart so app.py stays a
shell of tabs and routes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.message import Message
from textual.screen import Screen

from creatorctl.i18n import t
from creatorctl.widgets.account_bar import AccountBar

if TYPE_CHECKING:
    from creatorctl.accounts import AccountInfo
    from creatorctl.store import Store


class AccountFlow(App[str | None]):
    """Which account the app shows, and the screens that change it."""

    store: Store | None
    account: AccountInfo | None

    if TYPE_CHECKING:

        @property
        def main_screen(self) -> Screen[None]: ...

        def data_changed(self, *, in_place: bool = False) -> None: ...

        def action_import(self) -> None: ...

    @dataclass
    class AccountLoaded(Message):
        """A worker read (or made) the account to show; `note` is a line to tell the user."""

        account: AccountInfo
        """The account."""
        note: str = ""
        """A toast to show once it is shown (empty: none)."""

    def set_account(self, account: AccountInfo | None) -> None:
        self.account = account
        self._show_account_bar(account)
        self.data_changed()

    def _show_account_bar(self, account: AccountInfo | None) -> None:
        bar = self.main_screen.query_one(AccountBar)
        if account is None:
            bar.show_account(None, None, None)
        else:
            bar.show_account(account.nickname, account.handle, account.fans, account.verified)

    @work(thread=True, exclusive=True, group="account", exit_on_error=False)
    def refresh_account(self, handle: str | None = None) -> None:
        from creatorctl.accounts import current_account, use_account

        assert self.store is not None
        account = use_account(self.store, handle) if handle else current_account(self.store)
        if account is not None:
            self.post_message(self.AccountLoaded(account))

    @on(AccountLoaded)
    def _account_loaded(self, event: AccountLoaded) -> None:
        self.set_account(event.account)
        if event.note:
            self.notify(event.note)

    def show_welcome(self) -> None:
        from creatorctl.screens.account.welcome import WelcomeScreen

        self.push_screen(WelcomeScreen(), self._welcome_done)

    def _welcome_done(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            self.exit()
            return
        what, value = choice
        if what == "demo":
            self.notify(t("app.making_demo"), timeout=30)
            self.make_demo()
        elif what == "account":
            self.add_account(value)
        elif what == "import":
            self.action_import()

    @work(thread=True, exclusive=True, group="demo", exit_on_error=False)
    def make_demo(self) -> None:
        from creatorctl.demo import generate

        assert self.store is not None
        account = generate(self.store, size="small", seed=7)
        done = t("cli.demo_done", handle=account.handle, works=account.works)
        self.post_message(self.AccountLoaded(account, note=done))

    @work(thread=True, exclusive=True, group="account", exit_on_error=False)
    def add_account(self, handle: str) -> None:
        from creatorctl.accounts import add_account
        from creatorctl.errors import UserError

        assert self.store is not None
        try:
            account = add_account(self.store, handle)
        except UserError as exc:
            if self.account is None:  # came from the welcome: offer it again
                self.post_message(self.WelcomeAgain(str(exc)))
                return
            raise
        self.post_message(self.AccountLoaded(account))

    @dataclass
    class WelcomeAgain(Message):
        """Adding the first account failed: the welcome screen comes back, with the reason."""

        error: str
        """Why it failed (one line)."""

    @on(WelcomeAgain)
    def _welcome_again(self, event: WelcomeAgain) -> None:
        self.notify(event.error, severity="error", timeout=8)
        self.show_welcome()

    def action_switch_account(self) -> None:
        if self.store is None:
            return
        from creatorctl.screens.account.dialogs import AccountSwitcher

        self.push_screen(AccountSwitcher(), self._switched)

    def _switched(self, handle: str | None) -> None:
        if handle:
            self.refresh_account(handle)
            self.notify(t("cli.account_used", handle=handle))

    def action_profile(self) -> None:
        if self.store is None or self.account is None:
            return
        from creatorctl.screens.account.dialogs import ProfileScreen

        self.push_screen(ProfileScreen(self.account.id), self._profile_closed)

    def _profile_closed(self, saved: bool | None) -> None:
        if saved:
            self.refresh_account()
