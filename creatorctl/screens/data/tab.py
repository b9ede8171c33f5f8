"""The Data tab 数据中心: period KPIs, charts, diagnostics with advice, trending topics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from creatorctl import safe_text
from creatorctl.i18n import fmt_count, fmt_int, t
from creatorctl.marks import emphasis
from creatorctl.periods import PRESETS, Period
from creatorctl.screens.base import TabView
from creatorctl.widgets.kpi import KpiCell, KpiRow
from creatorctl.widgets.paged_table import (
    ColumnSpec,
    OpeningPagedTable,
    Page,
    PagedTable,
    cell,
    fixed_column,
)

if TYPE_CHECKING:
    from creatorctl.config import InsightsConfig
    from creatorctl.fans import Region
    from creatorctl.insights import Bucket, DailySeries, KpiReport, Trend, WorkStat
    from creatorctl.store import Store
    from creatorctl.widgets.chart import BuiltChart, Chart, ChartData


CHARTS = ("#data-daily", "#data-completion", "#data-top")
CHART_HEIGHT = 14
"""The charts' height in DEFAULT_CSS: what a chart not yet laid out is drawn for."""


class FlaggedWorks:
    """One load's flagged works: diagnosed once, then paged (a page never re-diagnoses).

    A reload (new period, new data) makes a new one.
    """

    def __init__(self, store: Store, account_id: int, cfg: InsightsConfig, period: Period) -> None:
        self.args = (store, account_id, cfg, period)
        self.works: list[WorkStat] | None = None

    def __call__(self, offset: int, limit: int) -> Page:
        """Runs in a worker: one page of flagged works with their advice."""
        from creatorctl.insights import flagged_works

        if self.works is None:
            self.works = flagged_works(*self.args)
        return Page(
            offset=offset,
            total=len(self.works),
            rows=[
                (
                    w.id,
                    {
                        "published_at": cell(w.published_at.strftime("%m-%d")),
                        "title": cell(w.title),
                        "flags": cell(
                            " ".join(t(f"ins.flag.{f}") for f in w.flags), style=emphasis("yellow")
                        ),
                        "advice": cell(";".join(w.advice)),
                    },
                )
                for w in self.works[offset : offset + limit]
            ],
        )


class DataTab(TabView):
    """Numbers for a period, against the period before, and what to do about them."""

    TAB_ID = "data"
    BINDINGS = [
        Binding("p", "next_period", t("data.key.period")),
        Binding("c", "custom_period", t("data.key.custom")),
        Binding("escape", "cancel_custom", t("key.cancel"), show=False),
    ]
    DEFAULT_CSS = """
    DataTab #data-period { height: 1; padding: 0 1; background: $boost; }
    DataTab #data-custom { display: none; }
    DataTab #data-custom.visible { display: block; }
    DataTab #data-body { height: 1fr; }
    DataTab .data-chart { height: 14; }  /* CHART_HEIGHT */
    DataTab .data-heading { padding: 1 1 0 1; text-style: bold; }
    DataTab #data-flags { height: 12; }
    DataTab #data-region { padding: 0 1; height: auto; color: $warning; }
    DataTab #data-trending { height: auto; max-height: 16; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.preset: int | None = 28
        self.custom_range: Period | None = None
        self.period: Period | None = None
        self._trends: list[Trend] | None = None

    def compose(self) -> ComposeResult:
        yield Static(self._period_bar(), id="data-period")
        yield Input(placeholder=t("data.custom_placeholder"), id="data-custom")
        yield VerticalScroll(id="data-body")

    def activate(self) -> None:
        self._build()
        super().activate()

    def _build(self) -> None:
        """Mount the body when the tab is first shown: plotext (~0.1 s to import) stays out of
        the app's start-up."""
        body = self.query_one("#data-body", VerticalScroll)
        if body.children:
            return
        from creatorctl.widgets.chart import Chart

        trending: DataTable[Any] = DataTable(
            id="data-trending", cursor_type="row", zebra_stripes=True
        )
        fixed_column(trending, t("data.col.topic"), key="topic", width=16)
        fixed_column(trending, t("data.col.heat"), key="heat", width=8, numeric=True)
        fixed_column(trending, t("data.col.covered"), key="covered", width=8)
        fixed_column(trending, t("data.col.samples"), key="samples", width=60)
        body.mount_all(
            [
                KpiRow(id="data-kpis"),
                Chart(id="data-daily", classes="data-chart"),
                Chart(id="data-completion", classes="data-chart"),
                Chart(id="data-top", classes="data-chart"),
                Static(t("data.flags_heading"), classes="data-heading", id="data-flags-heading"),
                Static("", id="data-region"),
                OpeningPagedTable(
                    [
                        ColumnSpec("published_at", t("col.published"), 5),
                        ColumnSpec("title", t("col.title"), 22),
                        ColumnSpec("flags", t("rep.flags"), 20),
                        ColumnSpec("advice", t("rep.advice"), None),
                    ],
                    id="data-flags",
                ),
                Static(t("data.trending_heading"), classes="data-heading"),
                trending,
            ]
        )

    def _chart(self, selector: str) -> Chart:
        from creatorctl.widgets.chart import Chart

        return self.query_one(selector, Chart)

    def focus_default(self) -> None:
        self.query_one("#data-body", VerticalScroll).focus()

    # --- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        acc, store = self.account, self.store
        if acc is None or store is None:
            return
        # Charts span the screen; a hidden tab has no size yet, the app always has.
        width = max(20, self.app.size.width - 2)
        # The size each chart is drawn for in the worker: its own once laid out, else what
        # the tab's CSS gives it beside the body's scrollbar (a miss draws it here).
        charts = [self._chart(selector) for selector in CHARTS]
        sizes = [chart.size if chart.size.width else Size(width, CHART_HEIGHT) for chart in charts]
        shown = [chart.shown for chart in charts]
        self._load(store, acc.id, self.preset, self.custom_range, width, sizes, shown)

    @work(thread=True, exclusive=True, group="data-tab", exit_on_error=False)
    def _load(
        self,
        store: Store,
        account_id: int,
        preset: int | None,
        custom: Period | None,
        width: int,
        sizes: list[Size],
        shown: list[tuple[object, ...]],
    ) -> None:
        from creatorctl import insights
        from creatorctl.config import load_config
        from creatorctl.fans import region
        from creatorctl.periods import last_days
        from creatorctl.widgets.chart import build_changed

        period = custom if custom is not None else last_days(store, account_id, preset or 28)
        cfg = load_config().insights
        self.post_from_worker(self.FlagsWanted(FlaggedWorks(store, account_id, cfg, period)))
        report = insights.kpis(store, account_id, period)
        reg = region(store, account_id, cfg)
        series = insights.daily_series(store, account_id, period, max(10, width - 12))
        hist = insights.completion_histogram(store, account_id, period)
        top = insights.top_works(store, account_id, period, 5)
        charts = _charts(series, hist, top)
        # plotext draws here, not on the UI thread (20–40 ms a chart), and only a chart
        # whose figures changed.
        theme = str(shown[0][2])
        built = [
            build_changed(d, size, theme, was)
            for d, size, was in zip(charts, sizes, shown, strict=True)
        ]
        trends = insights.trending(store, account_id)
        self.post_from_worker(self.Loaded(report, reg, charts, built, trends))

    @dataclass
    class FlagsWanted(Message):
        """The period is known: the flagged-works table loads its first page (its own worker,
        started by the handler on the UI thread)."""

        fetcher: FlaggedWorks

    @dataclass
    class Loaded(Message):
        """The rest of the tab, read and drawn: shown in one go (one layout and one paint, not
        one per part; the reads take milliseconds)."""

        report: KpiReport
        """The period's KPIs (and the period itself, for the period bar)."""
        region: Region
        """The account-level region flag."""
        charts: list[ChartData | None]
        """The daily, completion and top-works charts' data (CHARTS' order)."""
        built: list[BuiltChart | None]
        """Their pictures, drawn in the worker (None: the chart shows them already)."""
        trends: list[Trend]
        """Trending topics, and whether the account covered them."""

    @on(Loaded)
    def _show_loaded(self, event: Loaded) -> None:
        with self.app.batch_update():
            self._show_kpis(event.report)
            self._show_region(event.region)
            for selector, data, picture in zip(CHARTS, event.charts, event.built, strict=True):
                self._chart(selector).show(data, picture)
            self._show_trending(event.trends)

    def _show_period_bar(self) -> None:
        self.query_one("#data-period", Static).update(self._period_bar())

    def _period_bar(self) -> Text:
        bar = Text()
        bar.append(t("data.period") + " ")
        for days in PRESETS:
            active = self.custom_range is None and self.preset == days
            bar.append(f" {t('data.days', n=days)} ", style="reverse bold" if active else "")
        custom_label = f" {t('data.custom')} "
        bar.append(custom_label, style="reverse bold" if self.custom_range else "")
        if self.period is not None:
            bar.append(f"  {self.period.label()}", style="dim")
        return bar

    def _show_kpis(self, report: KpiReport) -> None:
        self.period = report.period
        self._show_period_bar()
        self.query_one(KpiRow).show(
            [
                KpiCell(
                    t(f"kpi.{k.key}"),
                    f"{k.value:+,}" if k.key == "net_fans" else fmt_count(k.value),
                    k.change,
                )
                for k in report.kpis
            ]
        )

    @on(FlagsWanted)
    def _load_flags(self, event: FlagsWanted) -> None:
        self.query_one("#data-flags", PagedTable).load(event.fetcher)

    def _show_region(self, reg: Region) -> None:
        """The account-level flag (region_concentrated) above the per-work ones."""
        box = self.query_one("#data-region", Static)
        advice = f"{t('ins.flag.region_concentrated')}:{reg.advice}" if reg.advice else ""
        box.update(safe_text.text(advice))  # names a province from an imported file
        box.display = reg.advice is not None

    @on(PagedTable.PageLoaded, "#data-flags")
    def _flags_loaded(self, event: PagedTable.PageLoaded) -> None:
        total = event.page.total
        self.query_one("#data-flags-heading", Static).update(
            t("data.flags_heading_n", n=fmt_int(total)) if total else t("data.no_flags")
        )

    def _show_trending(self, trends: list[Trend]) -> None:
        table = self.query_one("#data-trending", DataTable)
        if trends == self._trends and table.row_count:
            return  # the same topics: the rows on screen stay (and keep the cursor)
        self._trends = trends
        table.clear()
        for tr in trends:
            table.add_row(
                tr.topic,
                Text(fmt_count(tr.heat), justify="right"),
                Text(t("data.covered"), style="green")
                if tr.covered
                else Text(t("data.not_covered"), style="bold yellow"),
                Text(" / ".join(tr.samples), overflow="ellipsis", no_wrap=True),
                key=tr.topic,
            )
        if not trends:
            table.add_row(t("data.no_trending"), "", "", "")

    # --- actions -------------------------------------------------------------------------

    def action_next_period(self) -> None:
        if self.custom_range is not None or self.preset not in PRESETS:
            self.preset = PRESETS[0]
        else:
            self.preset = PRESETS[(PRESETS.index(self.preset) + 1) % len(PRESETS)]
        self.set_period(self.preset)

    def set_period(self, days: int | None = None, custom: Period | None = None) -> None:
        """Show the last `days` days, or a custom range."""
        self.preset = days if custom is None else None
        self.custom_range = custom
        self._show_period_bar()
        self.reload()

    def action_custom_period(self) -> None:
        box = self.query_one("#data-custom", Input)
        box.add_class("visible")
        box.focus()

    def action_cancel_custom(self) -> None:
        box = self.query_one("#data-custom", Input)
        box.remove_class("visible")
        self.focus_default()

    @on(Input.Submitted, "#data-custom")
    def _custom_submitted(self, event: Input.Submitted) -> None:
        from creatorctl.errors import UserError
        from creatorctl.periods import parse_range

        try:
            period = parse_range(event.value)
        except UserError as exc:
            self.notify(str(exc), severity="error")
            return
        event.input.remove_class("visible")
        self.focus_default()
        self.set_period(custom=period)

    @on(PagedTable.RowSelected, "#data-flags")
    def _flag_selected(self, event: PagedTable.RowSelected) -> None:
        key = event.row_key.value
        if key is not None:
            self.capp.open_work(int(key))


def _charts(series: DailySeries, hist: list[Bucket], top: list[WorkStat]) -> list[ChartData | None]:
    """What the charts show (CHARTS' order): plays and likes by day, completion, top works."""
    from creatorctl.widgets.chart import ChartData, Series

    labels = [d.strftime("%m-%d") for d in series.days]
    return [
        ChartData(
            t("rep.chart_plays"),
            labels,
            [
                Series(t("rep.series.plays"), series.values["plays"]),
                Series(t("rep.series.likes"), series.values["likes"], right=True),
            ],
        )
        if labels
        else None,
        ChartData(
            t("data.chart_completion"),
            [b.label.removesuffix("%") for b in hist],
            [Series(t("data.works_count"), [b.count for b in hist])],
            kind="bar",
        )
        if any(b.count for b in hist)
        else None,
        ChartData(
            t("data.chart_top"),
            [_short(w.title) for w in reversed(top)],
            [Series(t("rep.series.plays"), [w.plays for w in reversed(top)])],
            kind="hbar",
        )
        if top
        else None,
    ]


def _short(title: str, n: int = 10) -> str:
    return title if len(title) <= n else title[: n - 1] + "…"
