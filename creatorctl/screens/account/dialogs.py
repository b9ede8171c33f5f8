"""Account profile 账号信息 (editable, with history) and the account switcher."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from creatorctl import safe_text
from creatorctl.i18n import fmt_int, t
from creatorctl.screens.base import AppAccess
from creatorctl.screens.dialog import DialogScreen
from creatorctl.widgets.toggle import MarkedCheckbox

if TYPE_CHECKING:
    from creatorctl.accounts import AccountInfo, Change
    from creatorctl.audit import AuditEntry

AUDIT_SHOWN = 5
"""Audit entries the profile shows (the newest)."""


class ProfileScreen(DialogScreen[bool]):
    """Edit the current account's profile; dismisses True when something was saved."""

    BINDINGS = [
        Binding("ctrl+s", "save", t("key.save")),
        Binding("ctrl+z", "undo", t("key.undo")),
        Binding("escape", "close", t("key.back")),
    ]
    DEFAULT_CSS = """
    ProfileScreen > Vertical { width: 90%; max-width: 90; height: auto;
        border: thick $accent; background: $surface; padding: 0 1; }
    ProfileScreen #profile-status { width: 1fr; height: 3; content-align: left middle; }
    ProfileScreen #profile-status.error { color: $error; }
    ProfileScreen #profile-history { color: $text-muted; height: auto; }
    ProfileScreen #profile-audit { color: $text-muted; height: auto; margin-top: 1;
        text-wrap: nowrap; text-overflow: ellipsis; }
    ProfileScreen Horizontal { height: auto; }
    ProfileScreen Horizontal > Vertical { height: auto; }
    ProfileScreen #profile-verified { margin-top: 0; }
    ProfileScreen #profile-buttons { align-horizontal: right; }
    ProfileScreen Button { margin-left: 1; }
    """

    def __init__(self, account_id: int) -> None:
        super().__init__()
        self.account_id = account_id
        self.saved = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("account.title"), id="profile-heading")
            with VerticalScroll(classes="dialog-body"):
                yield Label(t("field.nickname"))
                yield Input(id="profile-nickname")
                yield Label(t("field.bio"))
                yield Input(id="profile-bio")
                with Horizontal():
                    with Vertical():
                        yield Label(t("field.niche"))
                        yield Input(id="profile-niche")
                    with Vertical():
                        yield Label(t("field.verified"))
                        yield MarkedCheckbox(t("ui.verified_box"), id="profile-verified")
                yield Label(t("field.avatar_path"))
                yield Input(id="profile-avatar")
                yield Static("", id="profile-history")
                yield Static("", id="profile-audit")
            with Horizontal(id="profile-buttons"):
                # The outcome beside the buttons, apart from the history above it.
                yield Static("", id="profile-status", classes="dialog-status")
                yield Button(t("key.save") + " (ctrl+s)", variant="primary", id="profile-save")
                yield Button(t("key.undo") + " (ctrl+z)", id="profile-undo")
                yield Button(t("key.back") + " (esc)", id="profile-close")

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="profile", exit_on_error=False)
    def load(self) -> None:
        from creatorctl.accounts import get_account_by_id, history
        from creatorctl.audit import list_entries

        store = self.need_store()
        acc = get_account_by_id(store, self.account_id)
        changes = history(store, "account", self.account_id)[:6]
        entries = list_entries(store, account_id=self.account_id, limit=AUDIT_SHOWN)
        self.post_message(self.Loaded(acc, changes, entries))

    @dataclass
    class Loaded(Message):
        """The profile as stored, its recent changes and the account's audit entries."""

        account: AccountInfo
        """The account."""
        changes: list[Change]
        """Its newest profile changes (undo marked `undo:`)."""
        entries: list[AuditEntry]
        """The newest audit entries of the account."""

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if not self.is_active:  # closed while the worker ran
            return
        self._fill(event.account, event.changes)
        self._fill_audit(event.entries)
        if not isinstance(self.focused, Input):  # typing goes to the first field, not nowhere
            self.query_one("#profile-nickname", Input).focus()

    def _fill_audit(self, entries: list[AuditEntry]) -> None:
        """Who changed what in this account lately (the audit log; `audit list` has it all)."""
        from creatorctl.audit import action_label, object_label, summary
        from creatorctl.timeutil import fmt_local

        # One line per change, cut with … at the dialog's edge (CSS: a value must not wrap).
        text = Text()
        text.append(t("audit.title") + "\n", style="bold")
        if not entries:
            text.append(t("audit.none"), style="italic")
        for e in entries:
            head = f"{fmt_local(e.at)[5:]} {e.who} {action_label(e.action)} {object_label(e)}"
            line = f"{head}  {summary(e, 80)}"
            text.append(safe_text.clean_line(line) + "\n")
        text.rstrip()
        self.query_one("#profile-audit", Static).update(text)
        self.call_after_refresh(self.fit_body)

    def _fill(self, acc: AccountInfo, changes: list[Change]) -> None:
        from creatorctl.timeutil import fmt_local

        self.query_one("#profile-heading", Label).update(
            safe_text.text(
                f"{t('account.title')} @{acc.handle} · {t('col.fans')} {fmt_int(acc.fans)}"
            )
        )
        self.query_one("#profile-nickname", Input).value = acc.nickname
        self.query_one("#profile-bio", Input).value = acc.bio
        self.query_one("#profile-niche", Input).value = acc.niche
        self.query_one("#profile-verified", MarkedCheckbox).value = acc.verified
        self.query_one("#profile-avatar", Input).value = acc.avatar_path
        text = Text()
        text.append(t("detail.history") + "\n", style="bold")
        if not changes:
            text.append(t("ui.profile_no_history"), style="italic")
        for c in changes:
            field = c.field.removeprefix("undo:")
            mark = "↺ " if c.field.startswith("undo:") else ""
            text.append(
                f"{fmt_local(c.changed_at)}  {mark}{t('field.' + field)}: "
                f"{safe_text.clean_line(c.old) or '–'} → {safe_text.clean_line(c.new) or '–'}\n"
            )
        text.rstrip()
        self.query_one("#profile-history", Static).update(text)
        self.call_after_refresh(self.fit_body)

    @on(Button.Pressed, "#profile-save")
    def action_save(self) -> None:
        self.save(
            {
                "nickname": self.query_one("#profile-nickname", Input).value,
                "bio": self.query_one("#profile-bio", Input).value,
                "niche": self.query_one("#profile-niche", Input).value,
                "verified": self.query_one("#profile-verified", MarkedCheckbox).value,
                "avatar_path": self.query_one("#profile-avatar", Input).value,
            }
        )

    @work(thread=True, exclusive=True, group="profile-save", exit_on_error=False)
    def save(self, values: dict[str, object]) -> None:
        from creatorctl.accounts import update_profile
        from creatorctl.errors import UserError

        try:
            changes = update_profile(self.need_store(), self.account_id, **values)
        except UserError as exc:
            self.post_message(self.Refused(str(exc)))
            return
        self.post_message(self.Saved(bool(changes)))

    @dataclass
    class Saved(Message):
        """Ctrl+S went through (maybe with nothing to change)."""

        changed: bool
        """Something was different from what was stored."""

    @dataclass
    class Refused(Message):
        """The store refused the profile (a nickname too long …)."""

        error: str
        """Why, in one line."""

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        if not self.is_active:
            return
        self.saved = self.saved or event.changed
        self._status(("✓ " + t("account.saved")) if event.changed else t("cli.nothing_changed"))
        self.load()

    @on(Refused)
    def _error(self, event: Refused) -> None:
        if not self.is_active:
            return
        self._status("✗ " + event.error, error=True)

    def _status(self, message: str, *, error: bool = False) -> None:
        """The outcome of Save or Undo, inside the dialog (Ctrl+S must not save blind)."""
        status = self.query_one("#profile-status", Static)
        status.update(safe_text.text(message))  # errors quote what was typed
        status.set_class(error, "error")
        self.call_after_refresh(self.fit_body)

    @on(Button.Pressed, "#profile-undo")
    def action_undo(self) -> None:
        self.undo()

    @work(thread=True, exclusive=True, group="profile-save", exit_on_error=False)
    def undo(self) -> None:
        from creatorctl.accounts import undo_last

        restored = undo_last(self.need_store(), "account", self.account_id)
        self.post_message(self.Undone(restored))

    @dataclass
    class Undone(Message):
        """Ctrl+Z ran: the last profile change was put back, or there was none."""

        restored: dict[str, str] | None
        """{field: value put back}, or None with nothing to undo."""

    @on(Undone)
    def _undone(self, event: Undone) -> None:
        if not self.is_active:
            return
        if event.restored is None:
            self._status(t("works.nothing_to_undo"))
            return
        self.saved = True
        self._status("↺ " + t("account.undone"))
        self.load()

    @on(Button.Pressed, "#profile-close")
    def action_close(self) -> None:
        self.dismiss(self.saved)


class AccountSwitcher(AppAccess, ModalScreen[str | None]):
    """Pick an account, or add a new one; dismisses with the handle chosen."""

    BINDINGS = [Binding("escape", "close", t("key.back"))]
    DEFAULT_CSS = """
    AccountSwitcher { align: center middle; }
    AccountSwitcher > Vertical { width: 70; height: auto; max-height: 90%; border: thick $accent;
        background: $surface; padding: 0 1; }
    AccountSwitcher OptionList { height: auto; max-height: 15; }
    AccountSwitcher #switch-error { color: $error; height: auto; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("switch.heading"))
            yield OptionList(id="switch-list")
            yield Label(t("switch.add_hint"))
            yield Input(placeholder=t("switch.add_placeholder"), id="switch-new")
            yield Static("", id="switch-error")

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False)
    def load(self) -> None:
        from creatorctl.accounts import list_accounts

        accounts = list_accounts(self.need_store())
        self.post_message(self.Listed(accounts))

    @dataclass
    class Listed(Message):
        """The accounts in the store, to pick from."""

        accounts: list[AccountInfo]
        """Every account."""

    @dataclass
    class Added(Message):
        """A new account was added: the switcher closes with its handle."""

        handle: str
        """The new account's handle."""

    @dataclass
    class Refused(Message):
        """The handle typed was refused (taken, malformed)."""

        error: str
        """Why, in one line."""

    @on(Listed)
    def _fill(self, event: Listed) -> None:
        if not self.is_active:  # closed while the worker ran
            return
        accounts = event.accounts
        current = self.capp.account
        options = self.query_one("#switch-list", OptionList)
        options.clear_options()
        for a in accounts:
            mark = "● " if current is not None and a.id == current.id else "  "
            options.add_option(
                Option(
                    safe_text.text(
                        f"{mark}{a.nickname} @{a.handle} · {t('col.fans')} {fmt_int(a.fans)} · "
                        f"{t('col.works')} {fmt_int(a.works)}"
                    ),
                    id=a.handle,
                )
            )
        options.focus()

    @on(OptionList.OptionSelected, "#switch-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(Input.Submitted, "#switch-new")
    def _add(self, event: Input.Submitted) -> None:
        self.add(event.value)

    @work(thread=True, exit_on_error=False)
    def add(self, handle: str) -> None:
        from creatorctl.accounts import add_account
        from creatorctl.errors import UserError

        try:
            acc = add_account(self.need_store(), handle)
        except UserError as exc:
            self.post_message(self.Refused(str(exc)))
            return
        self.post_message(self.Added(acc.handle))

    @on(Added)
    def _added(self, event: Added) -> None:
        if self.is_active:  # not after Esc (dismiss would close the screen below)
            self.dismiss(event.handle)

    @on(Refused)
    def _refused(self, event: Refused) -> None:
        if self.is_active:
            self.query_one("#switch-error", Static).update(safe_text.text(event.error))

    def action_close(self) -> None:
        self.dismiss(None)
