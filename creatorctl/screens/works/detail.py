"""A work's detail: cumulative and daily numbers, the daily trend chart, its history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from creatorctl.i18n import fmt_int, fmt_pct, t
from creatorctl.screens.works.editing import WorkEditing
from creatorctl.widgets.chart import Chart, ChartData, Series

if TYPE_CHECKING:
    from creatorctl.accounts import Change
    from creatorctl.diagnosis import Comparison
    from creatorctl.insights import WorkStat
    from creatorctl.works import WorkDetail


def numbers_table(w: WorkDetail) -> Table:
    """Cumulative numbers, and the latest day's change."""
    last = w.daily[-1] if w.daily else None
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    table.add_column(t("detail.metric"))
    table.add_column(t("detail.total"), justify="right")
    table.add_column(t("detail.last_day"), justify="right")
    for label, total, day in (
        (t("col.plays"), w.plays, last.plays if last else None),
        (t("col.likes"), w.likes, last.likes if last else None),
        (t("col.comments"), w.comments, last.comments if last else None),
        (t("col.shares"), w.shares, last.shares if last else None),
        (t("col.favorites"), w.favorites, None),
        (t("detail.profile_visits"), w.profile_visits, None),
        (t("detail.fans_gained"), w.fans_gained, None),
    ):
        table.add_row(label, fmt_int(total), f"+{fmt_int(day)}" if day is not None else "")
    table.add_row(t("col.completion"), fmt_pct(w.completion_rate), "")
    table.add_row(t("detail.completion_5s"), fmt_pct(w.completion_5s), "")
    if w.avg_watch_s is not None:
        table.add_row(t("detail.avg_watch"), f"{w.avg_watch_s:.1f}s", "")
    return table


def diagnosis_text(stat: WorkStat | None, min_plays: int) -> Text:
    """The 诊断 section: each flag with its advice, why completion is not judged, and the
    work's rates against its recent works (issue 16 §1–§2, issue 12 §7)."""
    text = Text()
    text.append(t("detail.diagnosis") + "  ", style="bold")
    d = stat.diagnosis if stat else None
    if stat is None or not stat.flags:
        text.append(t("detail.no_flags"), style="green")
    if stat is not None:
        for flag, advice in zip(stat.flags, stat.advice, strict=True):
            style = "green" if flag == "above_recent" else "yellow"
            text.append(f"\n{t(f'ins.flag.{flag}')}", style=style)
            text.append(f"  {advice}")
    if stat is None or d is None:
        return text
    if d.no_completion:
        reason = t(f"diag.no_completion.{d.no_completion}", plays=stat.plays, min=min_plays)
        text.append("\n" + reason, style="dim")
    rows = [(k, c) for k, c in d.relative.items() if c.value is not None]
    if rows:
        text.append(f"\n{t('diag.relative_head')}", style="bold")
        for key, c in rows:
            same = d.same_length.get(key)
            text.append(f"\n  {t(f'diag.m.{key}')}: ")
            text.append(_rel_cell(key, c))
            if same is not None and same.ratio is not None:
                text.append(f"  {t('diag.col.same_length')} {d.bucket}: {same.ratio:.2f}×")
    return text


def _rel_cell(key: str, c: Comparison) -> str:
    from creatorctl.diagnosis import fmt_value

    value = fmt_value(key, c.value)
    if c.ratio is None:
        return f"{value}  (n={c.n})"
    return (
        f"{value}  {t('diag.col.median')} {fmt_value(key, c.recent_median)}  "
        f"{c.ratio:.2f}×  P{c.percentile:.0f}  (n={c.n})"
    )


class WorkDetailScreen(WorkEditing, Screen[None]):
    """Opened from the Works list (Enter) or the command palette."""

    BINDINGS = [
        Binding("escape,q", "close", t("key.back")),
        Binding("e", "edit", t("key.edit")),
        Binding("u", "undo", t("key.undo")),
        Binding("c", "comments", t("inbox.view_comments")),
    ]
    DEFAULT_CSS = """
    WorkDetailScreen #detail-head { height: auto; padding: 0 1; }
    WorkDetailScreen #detail-body { height: 1fr; }
    WorkDetailScreen #detail-numbers { width: 40; height: auto; padding: 0 1; }
    WorkDetailScreen #detail-flags { height: auto; padding: 0 1; }
    WorkDetailScreen #detail-chart { height: 14; min-height: 10; }
    WorkDetailScreen #detail-history { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, work_id: int) -> None:
        super().__init__()
        self.work_id = work_id
        self.detail: WorkDetail | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="detail-head"):
            yield Static(t("app.loading"), id="detail-title")
            yield Static("", id="detail-meta")
        with VerticalScroll(id="detail-body"):
            yield Static("", id="detail-numbers")
            yield Static("", id="detail-flags")
            yield Chart(id="detail-chart")
            yield Static("", id="detail-history")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="work-detail", exit_on_error=False)
    def load(self) -> None:
        from creatorctl.accounts import history
        from creatorctl.works import get_work

        store = self.capp.store
        assert store is not None
        detail = get_work(store, self.work_id)
        changes = history(store, "work", self.work_id)[:8]
        self.post_message(self.Loaded(detail, changes))
        from creatorctl.config import load_config
        from creatorctl.fans import work_fan_change
        from creatorctl.insights import work_flags

        cfg = load_config().insights
        stat = work_flags(store, self.work_id, cfg)
        text = diagnosis_text(stat, cfg.min_plays)
        fans = work_fan_change(store, self.work_id)
        if fans is not None:  # per-work 粉丝增量 between snapshots: issue 16 §3
            text.append("\n" + t("detail.fan_effect", gained=fans[0], lost=fans[1]), style="cyan")
        self.post_message(self.FlagsLoaded(text))

    @dataclass
    class Loaded(Message):
        """The work and its newest changes, read by `load`."""

        detail: WorkDetail
        """The work with its numbers and daily series."""
        changes: list[Change]
        """Its newest edits, newest first."""

    @dataclass
    class FlagsLoaded(Message):
        """The diagnosis and fan effect, read after the numbers (they take longer)."""

        text: Text
        """What the flags line shows."""

    @on(FlagsLoaded)
    def _show_flags(self, event: FlagsLoaded) -> None:
        self.query_one("#detail-flags", Static).update(event.text)

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        from creatorctl.timeutil import fmt_local

        w, changes = event.detail, event.changes
        self.detail = w
        self.query_one("#detail-title", Static).update(Text(w.title, style="bold"))
        meta = Text()
        meta.append(f"#{w.id}  {w.published_at:%Y-%m-%d %H:%M}  ")
        if w.duration_s:  # 作品时长 from the export: the length the rates are read against
            mins, secs = divmod(round(w.duration_s), 60)
            meta.append(f"{t('col.duration')} {mins}:{secs:02d}  ")
        meta.append(" ".join(w.tags), style="cyan")
        if w.description:
            meta.append("\n" + w.description, style="dim")
        if w.cover_path:
            meta.append(f"\n{t('field.cover_path')}: {w.cover_path}", style="dim")
        self.query_one("#detail-meta", Static).update(meta)
        self.query_one("#detail-numbers", Static).update(numbers_table(w))
        days = w.daily[-90:]
        self.query_one("#detail-chart", Chart).show(
            ChartData(
                title=t("detail.trend"),
                x_labels=[d.day.strftime("%m-%d") for d in days],
                series=[
                    Series(t("col.plays"), [d.plays for d in days]),
                    Series(t("col.likes"), [d.likes for d in days]),
                ],
            )
            if days
            else None
        )
        hist = Text()
        if changes:
            hist.append(t("detail.history") + "\n", style="bold")
            for c in changes:
                field = c.field.removeprefix("undo:")
                mark = "↺ " if c.field.startswith("undo:") else ""
                hist.append(
                    f"{fmt_local(c.changed_at)}  {mark}{t('field.' + field)}: "
                    f"{c.old or '–'} → {c.new or '–'}\n"
                )
        self.query_one("#detail-history", Static).update(hist)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        self.edit_work(self.work_id)

    def action_comments(self) -> None:
        self.capp.show_comments(self.work_id)

    def action_undo(self) -> None:
        self.undo_work_edit(self.work_id)

    @on(WorkEditing.Edited)
    def _edited(self, event: WorkEditing.Edited) -> None:
        self.tell_edited(event)
        self.load()
        self._works_tab_changed(edited=True)

    @on(WorkEditing.EditUndone)
    def _edit_undone(self, event: WorkEditing.EditUndone) -> None:
        if self.tell_undone(event):
            self.load()
            self._works_tab_changed()

    def _works_tab_changed(self, *, edited: bool = False) -> None:
        from creatorctl.screens.works.tab import WorksTab

        works = self.capp.view("works")
        if isinstance(works, WorksTab):
            works.work_changed(edited=edited)
