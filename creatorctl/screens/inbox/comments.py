"""Inbox › Comments: per work or all, newest or most liked, searched; pin, delete, reply."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, Static

from creatorctl import safe_text
from creatorctl.i18n import fmt_count, fmt_int, t
from creatorctl.screens.inbox.tab import InboxPane
from creatorctl.sorting import COMMENT_SORTS
from creatorctl.widgets.paged_table import ColumnSpec, Page, PagedTable, cell
from creatorctl.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from creatorctl.inbox.comments import CommentFilter, CommentPager, CommentRow


def marks(c: CommentRow) -> Text:
    """Pinned, replied and flag marks for a comment's row."""
    out = Text(no_wrap=True, overflow="ellipsis")
    if c.pinned:
        out.append(t("inbox.pinned") + " ", style="bold yellow")
    if c.is_mine:
        out.append(t("inbox.mine") + " ", style="cyan")
    elif c.reply_text:
        out.append("↩ ", style="green")
    for f in c.flags:
        out.append(t(f"inbox.flag.{f}") + " ", style="bold red")
    return out


class CommentsPane(InboxPane):
    """Comments newest first; `s` most liked, `/` search, `f` flagged only.

    Its workers post the messages below; the handlers here (on the UI thread) show the
    result and start the reload, so a worker never starts a worker.
    """

    BINDINGS = [
        Binding("slash", "search", t("key.search")),
        Binding("s", "sort", t("inbox.key_sort")),
        Binding("f", "flagged", t("inbox.key_flagged")),
        Binding("w", "all_works", t("inbox.key_all_works")),  # shown while on one work
        Binding("p", "pin", t("inbox.key_pin")),
        Binding("r", "reply", t("inbox.key_reply")),
        Binding("d,delete", "delete", t("key.delete")),
        Binding("u", "undo", t("inbox.key_restore"), show=False),
        Binding("X", "purge", t("inbox.key_purge"), show=False),  # rare, and in `?`
        Binding("escape", "clear", t("key.clear"), show=False),
    ]
    DEFAULT_CSS = """
    CommentsPane Input { display: none; }
    CommentsPane Input.visible { display: block; }
    CommentsPane #comments-status { height: 1; color: $text-muted; padding: 0 1; }
    CommentsPane #comments-detail { height: 2; padding: 0 1; }
    CommentsPane PagedTable { height: 1fr; }
    """

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.work_id: int | None = None
        self.work_title = ""
        self.sort = COMMENT_SORTS.default
        self.query_text = ""
        self.flagged = False
        self.pager: CommentPager | None = None
        self.rows: dict[str, CommentRow] = {}
        self.last_deleted: list[int] = []
        self.reply_to: CommentRow | None = None

    def compose(self) -> ComposeResult:
        yield SearchBox(placeholder=t("inbox.search_placeholder"), id="comments-search")
        yield Static("", id="comments-status")
        yield PagedTable(
            [
                ColumnSpec("time", t("inbox.col_time"), 11),
                ColumnSpec("user", t("inbox.col_user"), 10),
                ColumnSpec("content", t("inbox.col_content"), None),
                ColumnSpec("likes", t("inbox.col_likes"), 5, numeric=True),
                ColumnSpec("marks", t("inbox.col_flags"), 10),
            ],
            id="comments-table",
        )
        yield Static("", id="comments-detail")
        yield Input(placeholder=t("inbox.reply_placeholder"), id="comments-reply")

    @property
    def table(self) -> PagedTable:
        return self.query_one("#comments-table", PagedTable)

    @property
    def filter(self) -> CommentFilter:
        from creatorctl.inbox.comments import CommentFilter

        return CommentFilter(
            self.account_id,
            work_id=self.work_id,
            sort=self.sort,
            query=self.query_text,
            flagged=self.flagged,
        )

    def reload(self, *, keep_position: bool = False, follow: str | None = None) -> None:
        if not self.ready:
            return
        if keep_position and self.pager is not None:
            self.pager.forget_counts()
            self.table.reload(follow=follow)
            return
        from creatorctl.inbox.comments import CommentPager

        self.pager = CommentPager(self.store, self.filter)
        self.rows = {}
        self.table.load(partial(self._fetch, self.pager))

    def reload_in_place(self) -> None:
        self.reload(keep_position=True)

    def _fetch(self, pager: CommentPager, offset: int, limit: int) -> Page:
        rows = pager.page(offset, limit)
        self.rows = {str(c.id): c for c in rows}
        return fetch_page_from_rows(rows, offset, pager.total)

    def set_work(self, work_id: int | None) -> None:
        self.work_id = work_id
        self.work_title = ""
        if work_id is not None:
            self._load_title(work_id)
        self.stale = False
        self.refresh_bindings()  # `w` (all works) shows only while on one work
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "all_works":
            return self.work_id is not None
        return True

    @work(thread=True, exclusive=True, group="inbox-work-title", exit_on_error=False)
    def _load_title(self, work_id: int) -> None:
        from creatorctl.inbox.comments import check_work

        title = check_work(self.store, work_id, self.account_id)
        self.post_message(self.TitleLoaded(work_id, title))

    @dataclass
    class TitleLoaded(Message):
        """The title of the work whose comments are shown (for the status line)."""

        work_id: int
        """The work."""
        title: str
        """Its title."""

    @on(TitleLoaded)
    def _title_loaded(self, event: TitleLoaded) -> None:
        if self.work_id == event.work_id:  # else another work was picked meanwhile
            self.work_title = event.title
            self._update_status()

    @on(PagedTable.PageLoaded, "#comments-table")
    def _page_loaded(self, event: PagedTable.PageLoaded) -> None:
        self._update_status()
        self._show_detail()

    def _update_status(self) -> None:
        from creatorctl.inbox.comments import COUNT_CAP, SEARCH_COUNT_CAP

        first, last, total = self.table.position
        if self.pager is not None and not self.pager.exact_total:
            cap = last  # a short-term search counts only what it has seen
        else:
            cap = SEARCH_COUNT_CAP if self.query_text else COUNT_CAP
        shown_total = t("inbox.more", n=fmt_int(cap)) if total > cap else fmt_int(total)
        parts = [
            t("inbox.scope_work", title=self.work_title or f"#{self.work_id}")
            if self.work_id is not None
            else t("inbox.scope_all"),
            t("inbox.sorted_new") if self.sort == "new" else t("inbox.sorted_likes"),
        ]
        if self.flagged:
            parts.append(t("inbox.only_flagged"))
        if self.query_text:
            parts.append(t("works.searching", q=self.query_text))
        parts.append(
            t("works.position", first=first, last=last, total=shown_total)
            if total
            else t("inbox.none_comments")
        )
        self.query_one("#comments-status", Static).update(safe_text.text(" · ".join(parts)))

    @on(PagedTable.RowHighlighted, "#comments-table")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        c = self.selected
        detail = Text(no_wrap=False, overflow="ellipsis")
        if c is not None:
            detail.append(f"{safe_text.clean(c.nickname)}: ", style="bold")
            detail.append(safe_text.clean(c.content))
            detail.append(f"  《{safe_text.clean(c.work_title)}》", style="dim")
            if c.reply_text:
                detail.append("  " + t("inbox.replied", text=c.reply_text), style="green")
        self.query_one("#comments-detail", Static).update(detail)

    @property
    def selected(self) -> CommentRow | None:
        key = self.table.selected_key
        return self.rows.get(key) if key is not None else None

    # --- filters ---------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#comments-search", SearchBox).open()

    @on(SearchBox.Searched, "#comments-search")
    def _search(self, event: SearchBox.Searched) -> None:
        self.query_text = event.query
        self.table.focus()
        self.reload()

    def action_clear(self) -> None:
        """Esc: close the reply box or the search; with nothing else to close, leave the
        work's comments for all works (one step back at a time)."""
        search = self.query_one("#comments-search", SearchBox)
        reply = self.query_one("#comments-reply", Input)
        busy = reply.has_class("visible") or search.has_class("visible") or bool(self.query_text)
        search.close()
        reply.value = ""
        reply.remove_class("visible")
        if self.query_text:
            self.query_text = ""
            self.reload()
        elif not busy and self.work_id is not None:
            self.set_work(None)
        self.table.focus()

    def action_sort(self) -> None:
        self.sort = COMMENT_SORTS.after(self.sort)
        self.reload()

    def action_flagged(self) -> None:
        self.flagged = not self.flagged
        self.reload()

    def action_all_works(self) -> None:
        if self.work_id is not None:
            self.set_work(None)

    # --- actions ---------------------------------------------------------------------------

    @dataclass
    class Changed(Message):
        """A pin, purge or reply was stored: say so and reload in place."""

        note: str
        """The toast (what was done)."""

    @dataclass
    class Deleted(Message):
        """`d`: comments went to the trash (`u` brings them back)."""

        ids: list[int]
        """The comments deleted."""
        n: int
        """How many were deleted."""

    @dataclass
    class Restored(Message):
        """`u` after `d`: the comments came back."""

        ids: list[int]
        """The comments restored (the cursor goes to the first)."""
        n: int
        """How many came back."""

    @dataclass
    class FlaggedCounted(Message):
        """`X`: how many flagged comments a purge would delete (to ask first)."""

        n: int
        """Flagged comments in the current scope."""

    @dataclass
    class ReplyFailed(Message):
        """The reply hook failed: the reply is stored, marked failed."""

        error: str
        """What the hook said."""

    def action_pin(self) -> None:
        c = self.selected
        if c is not None:
            self._pin(c.id, not c.pinned)

    @work(thread=True, group="inbox-comment-action", exit_on_error=False)
    def _pin(self, comment_id: int, pin: bool) -> None:
        from creatorctl.inbox.comments import pin_comment, unpin_comment

        if pin:
            old = pin_comment(self.store, comment_id, self.account_id)
            msg = (
                t("inbox.pinned_replaced", id=comment_id, old=old)
                if old
                else t("inbox.pinned_done", id=comment_id)
            )
        else:
            unpin_comment(self.store, comment_id, self.account_id)
            msg = t("inbox.unpinned_done", id=comment_id)
        self.post_message(self.Changed(msg))

    @on(Changed)
    def _changed(self, event: Changed) -> None:
        self._done(event.note)

    def _done(self, message: str, follow: str | None = None) -> None:
        self.notify(message)
        self.reload(keep_position=True, follow=follow)

    def action_delete(self) -> None:
        c = self.selected
        if c is not None:
            self._delete([c.id])

    @work(thread=True, group="inbox-comment-action", exit_on_error=False)
    def _delete(self, ids: list[int]) -> None:
        from creatorctl.inbox.comments import delete_comments

        n = delete_comments(self.store, ids, self.account_id)
        self.post_message(self.Deleted(ids, n))

    @on(Deleted)
    def _deleted(self, event: Deleted) -> None:
        self.last_deleted = event.ids
        self._done(t("inbox.deleted_undo", n=event.n))

    def action_undo(self) -> None:
        if self.last_deleted:
            self._restore(self.last_deleted)
        else:
            self.notify(t("works.nothing_to_undo"), severity="warning")

    @work(thread=True, group="inbox-comment-action", exit_on_error=False)
    def _restore(self, ids: list[int]) -> None:
        from creatorctl.inbox.comments import restore_comments

        n = restore_comments(self.store, ids, self.account_id)
        self.post_message(self.Restored(ids, n))

    @on(Restored)
    def _restored(self, event: Restored) -> None:
        if self.last_deleted == event.ids:
            self.last_deleted = []
        # the cursor goes back to the comment restored, so `r` next answers that one
        self._done(t("inbox.restored_done", n=event.n), str(event.ids[0]))

    def action_purge(self) -> None:
        self._count_flagged()

    @work(thread=True, group="inbox-comment-action", exit_on_error=False)
    def _count_flagged(self) -> None:
        from creatorctl.inbox.comments import count_flagged

        n = count_flagged(self.store, self.account_id, self.work_id)
        self.post_message(self.FlaggedCounted(n))

    @on(FlaggedCounted)
    def _ask_purge(self, event: FlaggedCounted) -> None:
        from creatorctl.screens.confirm import ConfirmScreen

        n = event.n
        if not n:
            self.notify(t("inbox.purge_none"))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._purge()

        self.app.push_screen(ConfirmScreen(t("inbox.confirm_purge", n=fmt_int(n))), answered)

    @work(thread=True, group="inbox-comment-action", exit_on_error=False)
    def _purge(self) -> None:
        from creatorctl.inbox.comments import purge_flagged

        n = purge_flagged(self.store, self.account_id, self.work_id)
        self.post_message(self.Changed(t("inbox.purged_done", n=fmt_int(n))))

    def action_reply(self) -> None:
        if self.selected is None:
            return
        self.reply_to = self.selected  # a reload while typing must not change who is answered
        box = self.query_one("#comments-reply", Input)
        box.add_class("visible")
        box.focus()

    @on(Input.Submitted, "#comments-reply")
    def _reply_submitted(self, event: Input.Submitted) -> None:
        c, self.reply_to = self.reply_to, None
        text = event.value.strip()
        event.input.value = ""
        event.input.remove_class("visible")
        self.table.focus()
        if c is not None and text:
            self._reply(c.id, text)

    @work(thread=True, group="inbox-comment-action", exit_on_error=False)
    def _reply(self, comment_id: int, text: str) -> None:
        from creatorctl.config import load_config
        from creatorctl.inbox.reply import reply_comment

        result = reply_comment(self.store, load_config(), self.account_id, comment_id, text)
        if result.status == "failed":
            self.post_message(self.ReplyFailed(result.error))
            return
        status = t(f"inbox.status.{result.status}")
        self.post_message(self.Changed(t("inbox.replied_done", id=comment_id, status=status)))

    @on(ReplyFailed)
    def _reply_failed(self, event: ReplyFailed) -> None:
        # as the app shows a worker's UserError: one red line, no traceback
        self.notify(t("inbox.err_reply_hook", error=event.error), severity="error", timeout=8)
        self.reload(keep_position=True)


def fetch_page_from_rows(rows: list[CommentRow], offset: int, total: int) -> Page:
    from creatorctl.timeutil import fmt_short, now_local

    now = now_local()
    return Page(
        offset=offset,
        total=total,
        rows=[
            (
                c.id,
                {
                    "time": cell(fmt_short(c.created_at, now)),
                    "user": cell(c.nickname, style="cyan" if c.is_mine else ""),
                    "content": cell(c.content, style="dim" if c.flags else ""),
                    "likes": cell(fmt_count(c.likes), numeric=True),
                    "marks": marks(c),
                },
            )
            for c in rows
        ],
    )
