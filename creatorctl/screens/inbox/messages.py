"""Inbox › Messages 私信: conversations with unread counts, a conversation, auto-reply rules."""

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
from textual.widgets import Input, Static

from creatorctl import safe_text
from creatorctl.i18n import fmt_int, t
from creatorctl.screens.inbox.tab import InboxPane
from creatorctl.widgets.paged_table import ColumnSpec, OpeningPagedTable, Page, PagedTable, cell

if TYPE_CHECKING:
    from collections.abc import Iterable

    from creatorctl.inbox.messages import ConversationRow, MessageRow
    from creatorctl.store import Store


def fetch_conversations(
    store: Store, account_id: int, unread_only: bool, offset: int, limit: int
) -> Page:
    from creatorctl.inbox.messages import count_conversations, list_conversations
    from creatorctl.timeutil import fmt_short

    rows = list_conversations(
        store, account_id, unread_only=unread_only, offset=offset, limit=limit
    )
    return Page(
        offset=offset,
        total=count_conversations(store, account_id, unread_only=unread_only),
        rows=[
            (
                c.id,
                {
                    "fan": cell(c.fan_nickname, style="bold" if c.unread else ""),
                    "time": cell(fmt_short(c.last_at)),
                    "unread": cell(c.unread or "", numeric=True, style="bold red"),
                },
            )
            for c in rows
        ],
    )


def conversation_text(nickname: str, messages: Iterable[MessageRow]) -> Text:
    """A conversation as chat lines; auto replies marked."""
    out = Text()
    for m in messages:
        mine = m.direction == "out"
        out.append(f"{m.created_at:%m-%d %H:%M} ", style="dim")
        who = t("inbox.mine") if mine else safe_text.clean(nickname)
        out.append(who, style="cyan" if mine else "bold")
        if m.auto_reply:
            out.append(f" [{t('inbox.auto')}]", style="magenta")
        out.append(f": {safe_text.clean(m.text)}\n")
    return out


class MessagesPane(InboxPane):
    """Conversations newest first; Enter opens one (and reads it); `R` edits auto replies."""

    BINDINGS = [
        Binding("enter", "open", t("key.open"), show=True),
        Binding("r", "write", t("inbox.key_write")),
        Binding("U", "unread", t("inbox.key_unread")),
        Binding("R", "rules", t("inbox.key_rules")),
        Binding("escape", "leave_input", t("key.clear"), show=False),
    ]
    DEFAULT_CSS = """
    MessagesPane #messages-status { height: 1; color: $text-muted; padding: 0 1; }
    MessagesPane #messages-body { height: 1fr; }
    MessagesPane #conversations { width: 45%; min-width: 30; height: 1fr; }
    MessagesPane #conversation { width: 1fr; height: 1fr; border-left: solid $primary-background; }
    MessagesPane #conversation-head { height: 1; padding: 0 1; text-style: bold; }
    MessagesPane #conversation-scroll { height: 1fr; padding: 0 1; }
    MessagesPane #message-input { display: none; }
    MessagesPane #message-input.visible { display: block; }
    """

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.unread_only = False
        self.open_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="messages-status")
        with Horizontal(id="messages-body"):
            yield OpeningPagedTable(
                [
                    ColumnSpec("fan", t("inbox.col_fan"), None),
                    ColumnSpec("time", t("inbox.col_time"), 11),
                    ColumnSpec("unread", t("inbox.col_unread"), 4, numeric=True),
                ],
                id="conversations",
            )
            with Vertical(id="conversation"):
                yield Static(t("inbox.pick_conversation"), id="conversation-head")
                with VerticalScroll(id="conversation-scroll"):
                    yield Static("", id="conversation-text")
                yield Input(placeholder=t("inbox.message_placeholder"), id="message-input")

    @property
    def table(self) -> PagedTable:
        return self.query_one("#conversations", PagedTable)

    def reload(self) -> None:
        if not self.ready:
            return
        self.table.load(partial(fetch_conversations, self.store, self.account_id, self.unread_only))
        self._load_status()
        if self.open_id is not None:
            self._load_conversation(self.open_id, False)

    def reload_in_place(self) -> None:
        """An outside change: the list keeps its cursor on its conversation."""
        if not self.ready or self.table.fetcher is None:
            self.reload()
            return
        self.table.reload()
        self._load_status()
        if self.open_id is not None:
            self._load_conversation(self.open_id, False)

    @work(thread=True, exclusive=True, group="inbox-msg-status", exit_on_error=False)
    def _load_status(self) -> None:
        from creatorctl.inbox.messages import count_conversations, unread_total

        total = count_conversations(self.store, self.account_id)
        unread = unread_total(self.store, self.account_id)
        text = t("inbox.messages_status", n=fmt_int(total), unread=fmt_int(unread))
        if self.unread_only:
            text += " · " + t("inbox.only_unread")
        self.post_message(self.StatusLoaded(text))

    @dataclass
    class StatusLoaded(Message):
        """The line above the list: conversations and unread counts."""

        text: str
        """The line."""

    @on(StatusLoaded)
    def _show_status(self, event: StatusLoaded) -> None:
        self.query_one("#messages-status", Static).update(event.text)

    def action_open(self) -> None:
        key = self.table.selected_key
        if key is not None:
            self.open_id = int(key)
            self._load_conversation(int(key), True)

    @on(PagedTable.RowSelected, "#conversations")
    def _row_selected(self) -> None:
        self.action_open()

    @work(thread=True, exclusive=True, group="inbox-conversation", exit_on_error=False)
    def _load_conversation(self, conv_id: int, mark: bool) -> None:
        from creatorctl.inbox.messages import conversation_messages, get_conversation, mark_read

        conv = get_conversation(self.store, self.account_id, conv_id)
        messages = conversation_messages(self.store, self.account_id, conv_id)
        read = mark_read(self.store, self.account_id, conv_id) if mark and conv.unread else 0
        self.post_message(self.ConversationLoaded(conv, messages, read))

    @dataclass
    class ConversationLoaded(Message):
        """A conversation to show on the right (opened, or reloaded after a send)."""

        conv: ConversationRow
        """The conversation."""
        messages: list[MessageRow]
        """Its messages, oldest first."""
        read: int
        """Messages it just marked read (the list and counts then reload)."""

    @on(ConversationLoaded)
    def _show_conversation(self, event: ConversationLoaded) -> None:
        conv, messages, read = event.conv, event.messages, event.read
        self.query_one("#conversation-head", Static).update(
            safe_text.text(f"{conv.fan_nickname} · {conv.fan_id}")  # never markup
        )
        self.query_one("#conversation-text", Static).update(
            conversation_text(conv.fan_nickname, messages)
        )
        self.query_one("#conversation-scroll", VerticalScroll).scroll_end(animate=False)
        if read:
            self.table.reload()
            self._load_status()

    def action_unread(self) -> None:
        self.unread_only = not self.unread_only
        self.reload()

    def action_write(self) -> None:
        if self.open_id is None:
            self.action_open()
        if self.open_id is not None:
            box = self.query_one("#message-input", Input)
            box.add_class("visible")
            box.focus()

    def action_leave_input(self) -> None:
        box = self.query_one("#message-input", Input)
        box.value = ""
        box.remove_class("visible")
        self.table.focus()

    @on(Input.Submitted, "#message-input")
    def _send(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text and self.open_id is not None:
            event.input.value = ""
            self._send_message(self.open_id, text)

    @work(thread=True, group="inbox-msg-send", exit_on_error=False)
    def _send_message(self, conv_id: int, text: str) -> None:
        from creatorctl.inbox.messages import send_message

        send_message(self.store, self.account_id, conv_id, text)
        self.post_message(self.Sent(conv_id))

    @dataclass
    class Sent(Message):
        """A message was sent: the conversation and the list reload."""

        conv_id: int
        """The conversation it went to."""

    @on(Sent)
    def _sent(self, event: Sent) -> None:
        self._load_conversation(event.conv_id, False)
        self.table.reload()

    def action_rules(self) -> None:
        from creatorctl.screens.inbox.rules import RulesScreen

        self.app.push_screen(RulesScreen(self.account_id))
