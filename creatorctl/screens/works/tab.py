"""The Works tab 作品: newest first, paged in SQL, sortable, searchable, editable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from creatorctl import safe_text
from creatorctl.i18n import fmt_count, fmt_pct, t
from creatorctl.marks import warn
from creatorctl.screens.base import TabView
from creatorctl.screens.works.editing import WorkEditing
from creatorctl.sorting import WORK_SORTS
from creatorctl.widgets.paged_table import ColumnSpec, OpeningPagedTable, Page, PagedTable, cell
from creatorctl.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from creatorctl.quickstart import FirstPage
    from creatorctl.store import Store
    from creatorctl.works import WorkRow


def _fetch_page(
    store: Store,
    account_id: int,
    query: str,
    sort: str,
    desc: bool,
    offset: int,
    limit: int,
) -> Page:
    """Runs in a worker thread: one page plus the total, as plain cells."""
    from creatorctl.works import count_works, list_works

    total = count_works(store, account_id, query or None)
    rows = list_works(
        store,
        account_id,
        query=query or None,
        sort=sort,
        descending=desc,
        offset=offset,
        limit=limit,
    )
    return page_of(rows, total, offset)


def page_of(rows: Sequence[WorkRow], total: int, offset: int = 0) -> Page:
    """The list's cells for these rows (from the store, or from the quick start's read)."""
    return Page(
        offset=offset,
        total=total,
        rows=[
            (
                r.id,
                {
                    "published_at": cell(r.published_at.strftime("%Y-%m-%d %H:%M")),
                    "published_short": cell(r.published_at.strftime("%y-%m-%d")),
                    "title": cell(r.title),
                    "tags": cell(" ".join(r.tags), style="cyan"),
                    "plays": cell(fmt_count(r.plays), numeric=True),
                    "likes": cell(fmt_count(r.likes), numeric=True),
                    "comments": cell(fmt_count(r.comments), numeric=True),
                    "shares": cell(fmt_count(r.shares), numeric=True),
                    "completion_rate": cell(
                        fmt_pct(r.completion_rate),
                        numeric=True,
                        style=warn("red") if (r.completion_rate or 1) < 0.3 else "",
                    ),
                },
            )
            for r in rows
        ],
    )


WIDE = 110
"""From this many columns the list shows topics and full publish times."""


def columns(width: int) -> list[ColumnSpec]:
    """The Works columns for a screen `width` wide (fewer and narrower at 80)."""
    wide = width >= WIDE
    specs = [
        ColumnSpec("published_at", t("col.published"), 16)
        if wide
        else ColumnSpec("published_short", t("col.published_short"), 8),
        ColumnSpec("title", t("col.title"), None),
    ]
    if wide:
        specs.append(ColumnSpec("tags", t("col.tags"), 20))
    n = 7 if wide else 6
    specs += [
        ColumnSpec("plays", t("col.plays"), n, numeric=True),
        ColumnSpec("likes", t("col.likes"), n, numeric=True),
        ColumnSpec("comments", t("col.comments"), n - 1, numeric=True),
        ColumnSpec("shares", t("col.shares"), n - 1, numeric=True),
        ColumnSpec("completion_rate", t("col.completion"), 6, numeric=True),
    ]
    return specs


class WorksTab(WorkEditing, TabView):
    """All published works; Enter opens one, `e` edits it, `x` deletes it, `u` undoes."""

    TAB_ID = "works"
    BINDINGS = [
        Binding("slash", "search", t("key.search")),
        Binding("s", "sort_next", t("key.sort")),
        Binding("r", "reverse", t("key.reverse")),
        Binding("enter", "open", t("key.open"), show=True),
        Binding("e", "edit", t("key.edit")),
        Binding("u", "undo", t("key.undo")),
        Binding("delete,x", "delete", t("key.delete")),
        Binding("escape", "clear_search", t("key.clear"), show=False),
    ]

    DEFAULT_CSS = """
    WorksTab #works-status { height: 1; color: $text-muted; padding: 0 1; }
    WorksTab PagedTable { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""
        self.sort = WORK_SORTS.default
        self.descending = WORK_SORTS.descending(self.sort)
        self.last_deleted_work: int | None = None
        """The work `x` just deleted: `u` brings it back before undoing any edit."""

    def compose(self) -> ComposeResult:
        yield SearchBox(placeholder=t("works.search_placeholder"), id="works-search")
        yield Static("", id="works-status")
        yield OpeningPagedTable(columns(self.app.size.width), id="works-table")

    @property
    def table(self) -> PagedTable:
        return self.query_one("#works-table", PagedTable)

    def on_resize(self) -> None:
        wanted = columns(self.size.width)
        if [s.key for s in wanted] != [s.key for s in self.table.specs]:
            self.table.set_columns(wanted)
            self._relabel()

    def reload(self, *, keep_position: bool = False, follow: str | None = None) -> None:
        acc = self.account
        store = self.store
        if acc is None or store is None:
            return
        self._relabel()
        fetcher = partial(_fetch_page, store, acc.id, self.query_text, self.sort, self.descending)
        if keep_position:
            self.table.fetcher = fetcher
            self.table.reload(follow=follow)
        else:
            self.table.load(fetcher)

    def show_first_page(self, first: FirstPage) -> None:
        """Show the page the quick start read (before the store is open): the first frame has
        data. The store's own read replaces it, in place, once the store is open."""
        self._relabel()
        self.table.show_page(page_of(first.rows, first.total))
        self.focus_default()

    def _relabel(self) -> None:
        arrow = "↓" if self.descending else "↑"
        labels = {spec.key: spec.label for spec in self.table.specs}
        shown = (
            "published_short"
            if "published_short" in labels and self.sort == "published_at"
            else self.sort
        )
        if shown in labels:
            labels[shown] += arrow
        self.table.set_labels(labels)

    @on(PagedTable.PageLoaded, "#works-table")
    def _page_loaded(self, event: PagedTable.PageLoaded) -> None:
        first, last, total = self.table.position
        parts = [t("works.position", first=first, last=last, total=f"{total:,}")]
        if self.query_text:
            parts.append(t("works.searching", q=self.query_text))
        self.query_one("#works-status", Static).update(safe_text.text(" · ".join(parts)))
        if total == 0:
            self.query_one("#works-status", Static).update(
                t("works.none_found") if self.query_text else t("works.none_hint")
            )

    # --- actions -------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#works-search", SearchBox).open()

    @on(SearchBox.Searched, "#works-search")
    def _search(self, event: SearchBox.Searched) -> None:
        self.query_text = event.query
        self.table.focus()
        self.reload()

    def action_clear_search(self) -> None:
        self.query_one("#works-search", SearchBox).close()
        if self.query_text:
            self.query_text = ""
            self.reload()
        self.table.focus()

    def action_sort_next(self) -> None:
        self.sort = WORK_SORTS.after(self.sort)
        self.descending = WORK_SORTS.descending(self.sort)
        self.reload()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.reload()

    @on(PagedTable.HeaderSelected, "#works-table")
    def _header(self, event: PagedTable.HeaderSelected) -> None:
        key = event.column_key.value
        key = "published_at" if key == "published_short" else key
        if key in WORK_SORTS.keys:
            if key == self.sort:
                self.descending = not self.descending
            else:
                self.sort, self.descending = key, WORK_SORTS.descending(key)
            self.reload()

    def _selected_id(self) -> int | None:
        key = self.table.selected_key
        return int(key) if key is not None else None

    @on(PagedTable.RowSelected, "#works-table")
    def _row_selected(self, event: PagedTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        work_id = self._selected_id()
        if work_id is not None:
            self.capp.open_work(work_id)

    def action_edit(self) -> None:
        work_id = self._selected_id()
        if work_id is not None:
            self.edit_work(work_id)

    def reload_in_place(self) -> None:
        self.reload(keep_position=True)

    def work_changed(self, *, edited: bool = False) -> None:
        """A work changed (here or on its detail screen): reload keeping the cursor.

        `edited`: an edit was saved, so `u` now undoes that edit, not an earlier delete."""
        if edited:
            self.last_deleted_work = None
        self.changed_here()  # titles and numbers show on the other tabs too
        self.reload(keep_position=True)

    @on(WorkEditing.Edited)
    def _edited(self, event: WorkEditing.Edited) -> None:
        self.tell_edited(event)
        self.work_changed(edited=True)

    @on(WorkEditing.EditUndone)
    def _edit_undone(self, event: WorkEditing.EditUndone) -> None:
        if self.tell_undone(event):
            self.work_changed()

    def action_undo(self) -> None:
        """Undo the last thing done here: a delete (`x`) first, else the selected work's edit."""
        deleted = self.last_deleted_work
        if deleted is not None:
            self.last_deleted_work = None
            self.undo_delete(deleted)
            return
        work_id = self._selected_id()
        if work_id is not None:
            self.undo_work_edit(work_id)

    # --- delete, and undo the delete ----------------------------------------------------

    @dataclass
    class Deleted(Message):
        """A work went to the trash (`x`)."""

        work_id: int
        """The work deleted."""

    @dataclass
    class DeleteUndone(Message):
        """`u` after `x`: the work came back from the trash (or had already come back)."""

        work_id: int
        """The work deleted."""
        restored: bool
        """False when it was no longer in the trash (restored meanwhile elsewhere)."""

    def action_delete(self) -> None:
        work_id = self._selected_id()
        if work_id is None:
            return
        from creatorctl.screens.confirm import ConfirmScreen

        # The confirmation names the work by title too (issue 13), from the row shown.
        cell = self.table.get_cell(str(work_id), "title")
        title = getattr(cell, "plain", str(cell)).strip()
        question = (
            t("works.confirm_delete_titled", id=work_id, title=title)
            if title
            else t("works.confirm_delete_id", id=work_id)
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete(work_id)

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, group="delete", exit_on_error=False)
    def delete(self, work_id: int) -> None:
        from creatorctl.works import delete_work

        assert self.store is not None
        delete_work(self.store, work_id)
        self.post_message(self.Deleted(work_id))

    @on(Deleted)
    def _deleted(self, event: Deleted) -> None:
        self.last_deleted_work = event.work_id
        self.notify(t("works.deleted_hint"))
        self.work_changed()

    @work(thread=True, group="delete", exit_on_error=False)
    def undo_delete(self, work_id: int) -> None:
        """Works `u` right after `x`: the work comes back from the trash."""
        from creatorctl.trash import newest_trash_id, restore

        assert self.store is not None and self.account is not None
        trash_id = newest_trash_id(self.store, self.account.id, "work", work_id)
        if trash_id is not None:  # else restored meanwhile (the trash screen, the CLI)
            restore(self.store, [trash_id])
        self.post_message(self.DeleteUndone(work_id, restored=trash_id is not None))

    @on(DeleteUndone)
    def _delete_undone(self, event: DeleteUndone) -> None:
        if not event.restored:
            self.notify(t("works.nothing_to_undo"), severity="warning")
            return
        self.notify(t("works.delete_undone", id=event.work_id))
        self.changed_here(in_place=True)
        self.reload(keep_position=True, follow=str(event.work_id))
