"""The Fans tab 粉丝: fan curve, loss diagnosis, portrait, active hours and best slots."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.widgets import DataTable, Static

from creatorctl import safe_text
from creatorctl.i18n import fmt_int, fmt_pct, t
from creatorctl.screens.base import TabView
from creatorctl.widgets.heatmap import Heatmap
from creatorctl.widgets.paged_table import fixed_column

if TYPE_CHECKING:
    from creatorctl.fans import FanLoss, Share, Slot, WorkFans
    from creatorctl.insights import DailySeries
    from creatorctl.store import Store
    from creatorctl.widgets.chart import BuiltChart, Chart, ChartData

CURVE_DAYS = 90
CURVE_HEIGHT = 12
"""The fan curve's height in DEFAULT_CSS: what it is drawn for before it is laid out."""
DIMENSIONS = ("gender", "age", "province", "device", "interest")


class FansTab(TabView):
    """Who the fans are, when they are online, and when and why they leave."""

    TAB_ID = "fans"
    DEFAULT_CSS = """
    FansTab #fans-body { height: 1fr; }
    FansTab #fans-summary { padding: 0 1; height: auto; }
    FansTab #fans-curve { height: 12; }  /* CURVE_HEIGHT */
    FansTab .fans-heading { padding: 1 1 0 1; text-style: bold; }
    FansTab #fans-spikes { height: auto; max-height: 8; }
    FansTab #fans-decline { padding: 0 1; height: auto; color: $warning; }
    FansTab #fans-portrait { grid-size: 2; grid-gutter: 0 1; height: auto; }
    FansTab #fans-portrait Chart { height: 10; min-height: 8; }
    FansTab #fans-best { padding: 0 1; height: auto; }
    FansTab #fans-works { padding: 0 1; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="fans-body")

    def activate(self) -> None:
        self._build()
        super().activate()

    def _build(self) -> None:
        """Mount the body when the tab is first shown: plotext (~0.1 s to import) stays out of
        the app's start-up."""
        body = self.query_one("#fans-body", VerticalScroll)
        if body.children:
            return
        from creatorctl.widgets.chart import Chart

        spikes: DataTable[Any] = DataTable(id="fans-spikes", cursor_type="row", zebra_stripes=True)
        fixed_column(spikes, t("fans.col.date"), key="date", width=10)
        fixed_column(spikes, t("fans.col.lost"), key="lost", width=6, numeric=True)
        fixed_column(spikes, t("fans.col.usual"), key="usual", width=6, numeric=True)
        fixed_column(spikes, t("fans.col.work"), key="work", width=44)
        body.mount_all(
            [
                Static(t("app.loading"), id="fans-summary"),
                Chart(id="fans-curve"),
                Static(t("fans.loss_heading"), classes="fans-heading"),
                spikes,
                Static("", id="fans-decline"),
                Static(t("fans.works_heading"), classes="fans-heading"),
                Static("", id="fans-works"),
                # Active hours before the portrait: what to do (when to post) first, and
                # the screen's first frame draws text rather than five more charts.
                Static(t("fans.activity_heading"), classes="fans-heading"),
                Heatmap(id="fans-heatmap"),
                Static("", id="fans-best"),
                Static(t("fans.portrait_heading"), classes="fans-heading"),
                Grid(*(Chart(id=f"portrait-{dim}") for dim in DIMENSIONS), id="fans-portrait"),
            ]
        )

    def _chart(self, selector: str) -> Chart:
        from creatorctl.widgets.chart import Chart

        return self.query_one(selector, Chart)

    def focus_default(self) -> None:
        self.query_one("#fans-body", VerticalScroll).focus()

    def reload(self) -> None:
        acc, store = self.account, self.store
        if acc is None or store is None:
            return
        width = max(20, self.app.size.width - 2)
        # The curve is drawn in the worker for its size (before it is laid out: the CSS
        # height beside the body's scrollbar; a miss draws it here).
        curve = self._chart("#fans-curve")
        size = curve.size if curve.size.width else Size(width, CURVE_HEIGHT)
        self._load(store, acc.id, acc.fans, width, size, curve.shown)

    @work(thread=True, exclusive=True, group="fans-tab", exit_on_error=False)
    def _load(
        self,
        store: Store,
        account_id: int,
        total: int | None,
        width: int,
        curve_size: Size,
        shown: tuple[object, ...],
    ) -> None:
        from creatorctl import fans, insights
        from creatorctl.periods import last_days
        from creatorctl.widgets.chart import build_changed

        period = last_days(store, account_id, CURVE_DAYS)
        recent = last_days(store, account_id, 30)
        series = insights.daily_series(
            store, account_id, period, max(10, width - 12), ("fans_gained", "fans_lost")
        )
        month = insights.kpis(store, account_id, recent).get("net_fans")
        curve = _curve_data(series)
        grid = fans.activity_grid(store, account_id)
        self.post_from_worker(
            self.Loaded(
                series,
                total,
                month.value,
                curve,
                build_changed(curve, curve_size, str(shown[2]), shown),  # plotext, off the UI
                fans.fan_loss(store, account_id),
                fans.work_fan_effects(store, account_id, recent.start),
                fans.portrait(store, account_id),
                grid,
                fans.best_slots(grid),
            )
        )

    @dataclass
    class Loaded(Message):
        """The whole tab, read and drawn: shown in one go (one layout and one paint, not one
        per part; the reads take milliseconds)."""

        series: DailySeries
        """90 days of fans gained and lost."""
        total: int | None
        net_30: int
        """The last 30 days' net."""
        curve: ChartData | None
        curve_built: BuiltChart | None
        """The curve drawn in the worker (None: the chart shows it already)."""
        loss: FanLoss
        """Days with unusual fan loss, and a steady decline if there is one."""
        effects: list[WorkFans]
        """Fans each recent work brought and lost."""
        portrait: dict[str, list[Share]]
        """The fans' shares by gender, age, province, device and interest."""
        grid: list[list[float]]
        """When fans are online (weekday x hour)."""
        best: list[Slot]
        """The best slots to post."""

    @on(Loaded)
    def _show_loaded(self, event: Loaded) -> None:
        with self.app.batch_update():
            self._show_curve(event)
            self._show_loss(event.loss)
            self._show_work_fans(event.effects)
            self._show_portrait(event.portrait)
            self._show_activity(event.grid, event.best)

    def _show_curve(self, event: Loaded) -> None:
        series, total, net_30 = event.series, event.total, event.net_30
        gained = series.values["fans_gained"]
        lost = series.values["fans_lost"]
        self.query_one("#fans-summary", Static).update(
            Text.assemble(
                (t("fans.total") + " ", "dim"),
                (fmt_int(total), "bold"),
                "   ",
                (t("fans.net_30") + " ", "dim"),
                (f"{net_30:+,}", "bold red" if net_30 >= 0 else "bold green"),
                "   ",
                (
                    t("fans.gained_lost_90", gained=fmt_int(sum(gained)), lost=fmt_int(sum(lost))),
                    "dim",
                ),
            )
        )
        self._chart("#fans-curve").show(event.curve, event.curve_built)

    def _show_loss(self, loss: FanLoss) -> None:
        table = self.query_one("#fans-spikes", DataTable)
        table.clear()
        for s in loss.spikes:
            own = f" ({t('fans.work_lost', n=fmt_int(s.work_lost))})" if s.work_lost else ""
            work_cell = (
                Text(f"#{s.work_id} {s.title}{own}", overflow="ellipsis", no_wrap=True)
                if s.work_id is not None
                else Text(t("fans.spike_no_work"), style="dim")
            )
            table.add_row(
                s.day.isoformat(),
                Text(fmt_int(s.lost), style="bold", justify="right"),
                Text(f"{s.baseline:g}", style="dim", justify="right"),
                work_cell,
                key=str(s.work_id) if s.work_id is not None else f"day-{s.day}",
            )
        if not loss.spikes:
            table.add_row("", "", "", Text(t("rep.no_fan_loss"), style="dim"))
        decline = self.query_one("#fans-decline", Static)
        decline.update(safe_text.text(loss.decline.advice if loss.decline else ""))  # titles
        decline.display = loss.decline is not None

    def _show_work_fans(self, effects: list[WorkFans]) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, w in enumerate(effects):
            if i:
                text.append("\n")
            text.append(f"{'+' + fmt_int(w.gained):>8}", style="bold green")
            text.append(" / ")
            text.append(f"{'-' + fmt_int(w.lost):<7}", style="bold red" if w.lost else "dim")
            text.append(f" #{w.work_id} {w.title}")
        if not effects:
            text.append(t("fans.works_none"), style="dim")
        self.query_one("#fans-works", Static).update(text)

    @on(DataTable.RowSelected, "#fans-spikes")
    def _spike_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key is not None and key.isdigit():
            self.capp.open_work(int(key))

    def _show_portrait(self, portrait: dict[str, list[Share]]) -> None:
        from creatorctl.widgets.chart import ChartData, Series

        for dim in DIMENSIONS:
            shares = portrait.get(dim, [])[:6]
            self._chart(f"#portrait-{dim}").show(
                ChartData(
                    t(f"fans.dim.{dim}"),
                    [s.label for s in reversed(shares)],
                    [Series("%", [round(s.share * 100, 1) for s in reversed(shares)])],
                    kind="hbar",
                )
                if shares
                else None
            )

    def _show_activity(self, grid: list[list[float]], best: list[Slot]) -> None:
        self.query_one(Heatmap).show(
            grid, [t(f"weekday.{d}") for d in range(7)], {(s.weekday, s.hour) for s in best}
        )
        text = Text()
        if best:
            text.append(t("fans.best_slots") + " ", style="bold")
            for i, s in enumerate(best):
                text.append(f"{i + 1}. {s.label} ({fmt_pct(s.score, 0)})  ")
        else:
            text.append(t("rep.no_activity"), style="dim")
        self.query_one("#fans-best", Static).update(text)


def _curve_data(series: DailySeries) -> ChartData | None:
    """The fan curve: fans gained and lost by day."""
    from creatorctl.widgets.chart import ChartData, Series

    labels = [d.strftime("%m-%d") for d in series.days]
    if not labels:
        return None
    return ChartData(
        t("rep.chart_fans"),
        labels,
        [
            Series(t("rep.series.fans_gained"), series.values["fans_gained"]),
            Series(t("rep.series.fans_lost"), series.values["fans_lost"]),
        ],
    )
