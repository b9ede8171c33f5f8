"""Inbox › Groups 粉丝群: announcement (edit, history), admins, members by activity, inactive."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from creatorctl import safe_text
from creatorctl.i18n import fmt_int, t
from creatorctl.screens.inbox.tab import InboxPane
from creatorctl.sorting import MEMBER_SORTS
from creatorctl.widgets.paged_table import ColumnSpec, Page, PagedTable, cell
from creatorctl.widgets.plain import PlainStatic

if TYPE_CHECKING:
    from creatorctl.inbox.groups import GroupRow, MemberRow
    from creatorctl.store import Store

INACTIVE_DAYS = 30
"""The inactive filter: members silent this many days (as `inbox.groups.INACTIVE_DAYS`)."""


def fetch_members(
    store: Store,
    account_id: int,
    group_id: int,
    sort: str,
    inactive: bool,
    offset: int,
    limit: int,
) -> Page:
    from creatorctl.inbox.groups import count_members, list_members

    days = INACTIVE_DAYS if inactive else None
    rows = list_members(
        store, account_id, group_id, sort=sort, inactive_days=days, offset=offset, limit=limit
    )
    return Page(
        offset=offset,
        total=count_members(store, group_id, inactive_days=days),
        rows=[
            (
                m.user_id,
                {
                    "nickname": cell(m.nickname),
                    "role": cell(
                        t(f"inbox.role.{m.role}"), style="bold" if m.role != "member" else ""
                    ),
                    "last": cell(
                        m.last_active_at.strftime("%Y-%m-%d %H:%M")
                        if m.last_active_at
                        else t("inbox.never"),
                        style="" if m.last_active_at else "dim",
                    ),
                    "messages": cell(fmt_int(m.message_count), numeric=True),
                },
            )
            for m in rows
        ],
    )


class GroupsPane(InboxPane):
    """One group at a time (`g` for the next): its announcement, admins and members."""

    BINDINGS = [
        Binding("g", "next_group", t("inbox.key_next_group")),
        Binding("s", "sort", t("inbox.key_member_sort")),
        Binding("I", "inactive", t("inbox.key_inactive")),
        Binding("e", "announce", t("inbox.key_announce")),
        Binding("h", "history", t("inbox.key_history")),
        Binding("m", "admin", t("inbox.key_admin")),
    ]
    DEFAULT_CSS = """
    GroupsPane #group-head { height: auto; max-height: 5; padding: 0 1; }
    GroupsPane #members-status { height: 1; color: $text-muted; padding: 0 1; }
    GroupsPane PagedTable { height: 1fr; }
    """

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.groups: list[GroupRow] = []
        self.index = 0
        self.sort = MEMBER_SORTS.default
        self.inactive = False

    def compose(self) -> ComposeResult:
        yield Static("", id="group-head")
        yield PlainStatic("", id="members-status")
        yield PagedTable(
            [
                ColumnSpec("nickname", t("inbox.col_user"), None),
                ColumnSpec("role", t("inbox.col_role"), 6),
                ColumnSpec("last", t("inbox.col_last_active"), 16),
                ColumnSpec("messages", t("inbox.col_messages"), 6, numeric=True),
            ],
            id="members-table",
        )

    @property
    def table(self) -> PagedTable:
        return self.query_one("#members-table", PagedTable)

    @property
    def group(self) -> GroupRow | None:
        return self.groups[self.index] if self.groups else None

    def reload(self) -> None:
        if self.ready:
            self._load_groups()

    @work(thread=True, exclusive=True, group="inbox-groups", exit_on_error=False)
    def _load_groups(self) -> None:
        from creatorctl.inbox.groups import admins, list_groups

        groups = list_groups(self.store, self.account_id)
        index = min(self.index, max(0, len(groups) - 1))
        admin_rows = admins(self.store, self.account_id, groups[index].id) if groups else []
        self.post_message(self.GroupsLoaded(groups, index, admin_rows))

    @dataclass
    class GroupsLoaded(Message):
        """The account's groups, and the admins of the one shown."""

        groups: list[GroupRow]
        """Every group of the account."""
        index: int
        """The group shown (kept in range)."""
        admins: list[MemberRow]
        """Its owner and admins."""

    @on(GroupsLoaded)
    def _show_groups(self, event: GroupsLoaded) -> None:
        groups, index, admin_rows = event.groups, event.index, event.admins
        self.groups, self.index = groups, index
        g = self.group
        head = Text()
        if g is None:
            head.append(t("inbox.none_groups"))
            self.query_one("#group-head", Static).update(head)
            return
        head.append(f"{g.name}", style="bold")
        head.append(f"  ({index + 1}/{len(groups)})  ", style="dim")
        head.append(
            t(
                "inbox.group_counts",
                members=fmt_int(g.members),
                admins=g.admins,
                inactive=fmt_int(g.inactive),
            )
            + "\n"
        )
        head.append(t("inbox.field_announcement") + ": ", style="bold")
        head.append((g.announcement or "–") + "\n")
        head.append(t("inbox.admins") + ": ", style="bold")
        head.append("、".join(f"{m.nickname}({t('inbox.role.' + m.role)})" for m in admin_rows))
        self.query_one("#group-head", Static).update(head)
        self._update_status()
        self.table.load(
            partial(fetch_members, self.store, self.account_id, g.id, self.sort, self.inactive)
        )

    def _update_status(self) -> None:
        parts = [
            t("inbox.members_by_active")
            if self.sort == "active"
            else t("inbox.members_by_messages")
        ]
        if self.inactive:
            parts.append(t("inbox.only_inactive", days=INACTIVE_DAYS))
        self.query_one("#members-status", PlainStatic).update(" · ".join(parts))

    @on(PagedTable.PageLoaded, "#members-table")
    def _loaded(self) -> None:
        first, last, total = self.table.position
        self._update_status()
        status = self.query_one("#members-status", PlainStatic)
        position = t("works.position", first=first, last=last, total=fmt_int(total))
        status.update(safe_text.text(f"{status.content} · {position}"))

    def action_next_group(self) -> None:
        if self.groups:
            self.index = (self.index + 1) % len(self.groups)
            self._load_groups()

    def action_sort(self) -> None:
        self.sort = MEMBER_SORTS.after(self.sort)
        self._load_groups()

    def action_inactive(self) -> None:
        self.inactive = not self.inactive
        self._load_groups()

    def action_announce(self) -> None:
        g = self.group
        if g is not None:
            self.app.push_screen(
                AnnouncementScreen(g.name, g.announcement), partial(self._announce, g.id)
            )

    def _announce(self, group_id: int, text: str | None) -> None:
        if text is not None:
            self._save_announcement(group_id, text)

    @dataclass
    class Changed(Message):
        """An announcement or a member's role was stored: say so and reload the group."""

        note: str
        """The toast (what was done)."""

    @on(Changed)
    def _changed(self, event: Changed) -> None:
        self.notify(event.note)
        self._load_groups()

    @work(thread=True, group="inbox-groups-change", exit_on_error=False)
    def _save_announcement(self, group_id: int, text: str) -> None:
        from creatorctl.inbox.groups import set_announcement

        changed = set_announcement(self.store, self.account_id, group_id, text)
        note = t("inbox.announcement_saved") if changed else t("inbox.announcement_same")
        self.post_message(self.Changed(note))

    def action_history(self) -> None:
        if self.group is not None:
            self._load_history(self.group.id, self.group.name)

    @work(thread=True, group="inbox-groups-history", exit_on_error=False)
    def _load_history(self, group_id: int, name: str) -> None:
        from creatorctl.inbox.groups import announcement_history

        items = announcement_history(self.store, self.account_id, group_id)
        text = Text()
        for a in items:
            text.append(f"{a.changed_at:%Y-%m-%d %H:%M}  ", style="dim")
            text.append(a.text + "\n")
        self.post_message(self.HistoryLoaded(t("inbox.history_title", name=name), text))

    @dataclass
    class HistoryLoaded(Message):
        """`h`: a group's announcement history, to show in a dialog."""

        title: str
        """The dialog's title."""
        text: Text
        """One line per announcement, oldest first."""

    @on(HistoryLoaded)
    def _show_history(self, event: HistoryLoaded) -> None:
        self.app.push_screen(TextScreen(event.title, event.text))

    def action_admin(self) -> None:
        g, key = self.group, self.table.selected_key
        if g is not None and key is not None:
            self._toggle_admin(g.id, key)

    @work(thread=True, group="inbox-groups-change", exit_on_error=False)
    def _toggle_admin(self, group_id: int, user_id: str) -> None:
        from creatorctl.inbox.groups import admins, set_role

        is_admin = any(m.user_id == user_id for m in admins(self.store, self.account_id, group_id))
        role = "member" if is_admin else "admin"
        set_role(self.store, self.account_id, group_id, user_id, role)
        note = t("inbox.role_saved", user=user_id, role=t(f"inbox.role.{role}"))
        self.post_message(self.Changed(note))


class AnnouncementScreen(ModalScreen[str | None]):
    """Edit a group's announcement; dismisses with the text, or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", t("key.save")),
        Binding("escape", "cancel", t("key.cancel")),
    ]
    DEFAULT_CSS = """
    AnnouncementScreen { align: center middle; }
    AnnouncementScreen > Vertical { width: 90%; max-width: 80; height: auto;
        border: thick $accent; background: $surface; padding: 0 1; }
    AnnouncementScreen TextArea { height: 6; }
    AnnouncementScreen Horizontal { height: auto; align-horizontal: right; }
    AnnouncementScreen Button { margin-left: 1; }
    """

    def __init__(self, name: str, text: str) -> None:
        super().__init__()
        self.group_name = name
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"{self.group_name} · {t('inbox.field_announcement')}", style="bold"))
            yield TextArea(self.text, id="announcement-text")
            with Horizontal():
                yield Button(t("key.save") + " (ctrl+s)", variant="primary", id="announcement-save")
                yield Button(t("key.cancel") + " (esc)", id="announcement-cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#announcement-save")
    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    @on(Button.Pressed, "#announcement-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class TextScreen(ModalScreen[None]):
    """A title and some text to read; Escape closes."""

    BINDINGS = [Binding("escape,q", "close", t("key.back"))]
    DEFAULT_CSS = """
    TextScreen { align: center middle; }
    TextScreen > VerticalScroll { width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, title: str, text: Text) -> None:
        super().__init__()
        self.title_text = title
        self.body = text

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(self.title_text, style="bold"))
            yield Static(self.body)

    def action_close(self) -> None:
        self.dismiss(None)
