"""The Earn tab 变现: eligibility cards, then brand deals, products, platform tasks, earnings.

The four sections share one place (b / p / t / m switch); the cards stay on top. Everything is
loaded in thread workers as plain objects; brand deals page in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import ContentSwitcher, DataTable, Static
from textual.widgets.data_table import ColumnKey

from creatorctl.i18n import fmt_int, fmt_pct, t
from creatorctl.screens.base import TabView
from creatorctl.screens.earn.brand_actions import BrandTaskActions
from creatorctl.screens.earn.panels import (
    PRODUCT_COLUMNS,
    EligibilityCard,
    earnings_chart,
    earnings_line,
    money,
    platform_task_panel,
    product_cells,
)
from creatorctl.widgets.chart import Chart
from creatorctl.widgets.paged_table import (
    ColumnSpec,
    MemoTable,
    Page,
    PagedTable,
    cell,
    fixed_column,
)

if TYPE_CHECKING:
    from creatorctl.config import Config
    from creatorctl.earn import (
        BrandTask,
        BrandTotals,
        EarningsSummary,
        PlatformTaskStatus,
        ProductStats,
    )
    from creatorctl.eligibility import Eligibility
    from creatorctl.store import Store

SECTIONS = ("brand", "products", "platform", "earnings")
SECTION_KEYS = {"brand": "b", "products": "p", "platform": "t", "earnings": "m"}
BRAND_ACTIONS = {"category", "qualify", "accept", "deliver", "settle"}
STATE_STYLE = {"open": "cyan", "accepted": "yellow", "delivered": "magenta", "settled": "green"}


@dataclass(frozen=True)
class BrandPage(Page):
    """A page of brand tasks, with the tasks themselves for the detail line and the actions."""

    tasks: dict[int, BrandTask] = field(default_factory=dict)


@dataclass(frozen=True)
class EarnSummary:
    """Everything but the brand list, fetched in one worker."""

    config: Config
    eligibility: dict[str, Eligibility]
    categories: list[str]
    totals: BrandTotals
    products: list[ProductStats]
    platform: list[PlatformTaskStatus]
    earnings: EarningsSummary
    rewards_added: int


def _fetch_brand(
    store: Store,
    account_id: int,
    category: str | None,
    qualify: bool,
    config: Config | None,
    offset: int,
    limit: int,
) -> BrandPage:
    """Runs in a worker thread."""
    from creatorctl.earn import count_brand_tasks, list_brand_tasks

    kw: dict[str, Any] = {"category": category, "qualify_only": qualify, "config": config}
    rows = list_brand_tasks(store, account_id, offset=offset, limit=limit, **kw)
    return BrandPage(
        offset=offset,
        total=count_brand_tasks(store, account_id, **kw),
        rows=[
            (
                r.id,
                {
                    "state": cell(t(f"earn.state.{r.state}"), style=STATE_STYLE[r.state]),
                    "brand": cell(r.brand),
                    "title": cell(r.title),
                    "category": cell(r.category),
                    "commission": cell(money(r.commission), numeric=True),
                    "min_fans": cell(fmt_int(r.min_fans), numeric=True),
                    "deadline": cell(r.deadline.strftime("%m-%d") if r.deadline else "–"),
                },
            )
            for r in rows
        ],
        tasks={r.id: r for r in rows},
    )


class EarnTab(BrandTaskActions, TabView):
    """Eligibility on top; b/p/t/m switch between brand deals, products, tasks and earnings."""

    TAB_ID = "earn"
    BINDINGS = [
        Binding("b", "section('brand')", t("earn.key.brand"), show=False),
        Binding("p", "section('products')", t("earn.key.products"), show=False),
        Binding("t", "section('platform')", t("earn.key.platform"), show=False),
        Binding("m", "section('earnings')", t("earn.key.earnings"), show=False),
        Binding("c", "category", t("earn.key.category")),
        Binding("f", "qualify", t("earn.key.qualify")),
        Binding("j", "accept", t("earn.key.accept")),
        Binding("d", "deliver", t("earn.key.deliver")),
        Binding("s", "settle", t("earn.key.settle")),
    ]
    DEFAULT_CSS = """
    EarnTab #earn-cards { height: auto; }
    EarnTab #earn-sections { height: 1; padding: 0 1; background: $boost; }
    EarnTab #earn-switcher { height: 1fr; }
    EarnTab #earn-switcher > * { height: 1fr; }
    EarnTab .earn-status { height: 1; padding: 0 1; color: $text-muted; }
    EarnTab #earn-brand-detail { height: 1; padding: 0 1; color: $text-muted; }
    EarnTab PagedTable, EarnTab DataTable { height: 1fr; }
    EarnTab #earn-platform { padding: 0 1; }
    EarnTab #earn-earnings-totals { height: 1; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.section = "brand"
        self.category: str | None = None
        self.qualify_only = False
        self.config: Config | None = None
        self.summary: EarnSummary | None = None
        self.tasks: dict[int, BrandTask] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="earn-cards"):
            for key in ("xingtu", "live_commerce", "tasks"):
                yield EligibilityCard(key)
        yield Static(self._sections_bar(), id="earn-sections")
        with ContentSwitcher(initial="earn-brand", id="earn-switcher"):
            with Vertical(id="earn-brand"):
                yield Static("", id="earn-brand-status", classes="earn-status")
                yield PagedTable(
                    [
                        ColumnSpec("state", t("earn.col.state"), 7),
                        ColumnSpec("brand", t("earn.col.brand"), 8),
                        ColumnSpec("title", t("earn.col.task"), None),
                        ColumnSpec("category", t("earn.col.category"), 8),
                        ColumnSpec("commission", t("earn.col.commission"), 9, numeric=True),
                        ColumnSpec("min_fans", t("earn.col.min_fans"), 8, numeric=True),
                        ColumnSpec("deadline", t("earn.col.deadline"), 5),
                    ],
                    id="earn-brand-table",
                )
                yield Static("", id="earn-brand-detail")
            with Vertical(id="earn-products"):
                yield Static("", id="earn-products-status", classes="earn-status")
                # Set up here, not in on_mount: a tab built just as the app quits has its
                # children removed before its Mount handler runs.
                table: DataTable = MemoTable(
                    id="earn-products-table", cursor_type="row", zebra_stripes=True
                )
                for key, label, width, numeric in PRODUCT_COLUMNS:
                    fixed_column(table, t(label), key=key, width=width, numeric=numeric)
                fixed_column(table, t("earn.col.reasons"), key="reasons", width=20)
                yield table
            with VerticalScroll(id="earn-platform"):
                yield Static("", id="earn-platform-body")
            with Vertical(id="earn-earnings") as earnings:
                # The chart cannot take focus; its section can, so the tab's keys keep working.
                earnings.can_focus = True
                yield Chart(id="earn-chart")
                yield Static("", id="earn-earnings-totals")

    @property
    def brand_table(self) -> PagedTable:
        return self.query_one("#earn-brand-table", PagedTable)

    def on_resize(self) -> None:
        # The reasons get what the fixed product columns leave (the brand table's title
        # column does the same by itself).
        table = self.query_one("#earn-products-table", DataTable)
        column = table.columns.get(ColumnKey("reasons"))
        if column is not None:
            fixed = sum(c[2] + 2 for c in PRODUCT_COLUMNS)
            column.width = max(10, self.size.width - fixed - 4)
            column.auto_width = False
            table.refresh()

    # --- loading -------------------------------------------------------------------------

    def reload(self, *, keep_position: bool = False) -> None:
        if self.store is None or self.account is None:
            return
        self._load_summary(self.store, self.account.id)
        self._load_brand(keep_position=keep_position)

    def reload_in_place(self) -> None:
        self.reload(keep_position=True)

    def _load_brand(self, *, keep_position: bool = False) -> None:
        if self.store is None or self.account is None:
            return
        fetcher = partial(
            _fetch_brand,
            self.store,
            self.account.id,
            self.category,
            self.qualify_only,
            self.config,
        )
        if keep_position:
            self.brand_table.fetcher = fetcher
            self.brand_table.reload()
        else:
            self.brand_table.load(fetcher)

    @work(thread=True, exclusive=True, group="earn-summary", exit_on_error=False)
    def _load_summary(self, store: Store, account_id: int) -> None:
        from creatorctl import earn
        from creatorctl.config import load_config
        from creatorctl.eligibility import eligibility

        config = load_config()
        added = earn.record_task_rewards(store, account_id)
        summary = EarnSummary(
            config=config,
            eligibility=eligibility(store, account_id, config),
            categories=earn.brand_categories(store, account_id),
            totals=earn.brand_totals(store, account_id),
            products=earn.product_stats(store, account_id, config=config),
            platform=earn.platform_tasks(store, account_id),
            earnings=earn.earnings(store, account_id),
            rewards_added=added,
        )
        self.post_message(self.SummaryLoaded(summary))

    @dataclass
    class SummaryLoaded(Message):
        """`_load_summary` read the cards, products, platform tasks and earnings."""

        summary: EarnSummary
        """What the tab shows above and beside the brand list."""

    @on(SummaryLoaded)
    def _show_summary(self, event: SummaryLoaded) -> None:
        s = event.summary
        first = self.config is None
        self.summary, self.config = s, s.config
        for key, result in s.eligibility.items():
            self.query_one(f"#earn-card-{key}", EligibilityCard).show(result)
        self._show_brand_status()
        self._show_products(s.products, s.config.earn.return_rate_flag)
        self._show_platform(s.platform)
        self._show_earnings(s.earnings)
        if s.rewards_added:
            self.notify(t("earn.rewards_recorded", n=s.rewards_added))
        if first and self.qualify_only:
            self._load_brand()  # the filter needs the configured thresholds

    def _show_sections(self) -> None:
        self.query_one("#earn-sections", Static).update(self._sections_bar())

    def _sections_bar(self) -> Text:
        bar = Text()
        for name in SECTIONS:
            active = name == self.section
            bar.append(f" {SECTION_KEYS[name]} ", style="bold reverse" if active else "bold")
            bar.append(
                f" {t('earn.section.' + name)} ", style="bold underline" if active else "dim"
            )
        return bar

    def _show_brand_status(self) -> None:
        parts = [self.category or t("earn.filter_all")]
        if self.qualify_only:
            parts.append(t("earn.filter_qualify"))
        if self.summary is not None:
            parts.append(self.summary.totals.line())
        status = Text(" · ".join(parts), no_wrap=True, overflow="ellipsis")
        self.query_one("#earn-brand-status", Static).update(status)

    @on(PagedTable.PageLoaded, "#earn-brand-table")
    def _brand_loaded(self, event: PagedTable.PageLoaded) -> None:
        page = event.page
        self.tasks = page.tasks if isinstance(page, BrandPage) else {}
        if not self.tasks:
            self.query_one("#earn-brand-detail", Static).update(t("earn.none_tasks"))
        else:
            self._show_detail()

    @on(PagedTable.RowHighlighted, "#earn-brand-table")
    def _brand_highlighted(self, event: PagedTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        task = self._selected_task()
        if task is None:
            return
        text = Text(t("earn.requirements", text=task.requirements), no_wrap=True)
        if task.delivered_work_id:
            text.append(f" · #{task.delivered_work_id} {task.delivered_work_title or ''}")
        text.overflow = "ellipsis"
        self.query_one("#earn-brand-detail", Static).update(text)

    def _show_products(self, products: list[ProductStats], limit: float) -> None:
        table = self.query_one("#earn-products-table", DataTable)
        table.clear()
        for p in products:
            table.add_row(*product_cells(p), key=str(p.id))
        flagged = sum(p.flagged for p in products)
        status = (
            t("earn.none_products")
            if not products
            else t("earn.flag_count", n=flagged, limit=fmt_pct(limit, 0))
            + " · "
            + t("earn.products_hint", limit=fmt_pct(limit, 0))
        )
        self.query_one("#earn-products-status", Static).update(Text(status, no_wrap=True))

    def _show_platform(self, tasks: list[PlatformTaskStatus]) -> None:
        body = self.query_one("#earn-platform-body", Static)
        if not tasks:
            body.update(t("earn.none_platform"))
            return
        body.update(Group(*(platform_task_panel(task) for task in tasks)))

    def _show_earnings(self, e: EarningsSummary) -> None:
        self.query_one("#earn-chart", Chart).show(earnings_chart(e) if e.total else None)
        self.query_one("#earn-earnings-totals", Static).update(earnings_line(e))

    # --- sections and filters ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in BRAND_ACTIONS:
            return self.section == "brand"
        return True

    def action_section(self, name: str) -> None:
        self.section = name
        self.query_one("#earn-switcher", ContentSwitcher).current = f"earn-{name}"
        self._show_sections()
        self.refresh_bindings()
        self.call_after_refresh(self.focus_default)

    def focus_default(self) -> None:
        target = {
            "brand": "#earn-brand-table",
            "products": "#earn-products-table",
            "platform": "#earn-platform",
            "earnings": "#earn-earnings",
        }[self.section]
        widget = self.query_one(target)
        if widget.focusable:
            widget.focus()

    def action_category(self) -> None:
        options: list[str | None] = [None, *(self.summary.categories if self.summary else [])]
        i = options.index(self.category) if self.category in options else 0
        self.category = options[(i + 1) % len(options)]
        self._show_brand_status()
        self._load_brand()

    def action_qualify(self) -> None:
        self.qualify_only = not self.qualify_only
        self._show_brand_status()
        self._load_brand()

    @on(BrandTaskActions.TaskChanged)
    def _changed(self, event: BrandTaskActions.TaskChanged) -> None:
        self.notify(event.line)
        self.changed_here()
        self.reload(keep_position=True)
