"""Earn tab pieces drawn with rich: eligibility cards, progress bars, platform-task panels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from creatorctl.i18n import fmt_int, fmt_money, fmt_pct, t
from creatorctl.widgets.chart import ChartData, Series

if TYPE_CHECKING:
    from creatorctl.earn import EarningsSummary, PlatformTaskStatus, ProductStats
    from creatorctl.eligibility import Eligibility

BAR_WIDTH = 16
SOURCES = ("brand", "selling", "tasks")


def progress_bar(progress: float, width: int = BAR_WIDTH) -> Text:
    """A bar of eighth blocks: '█████▍          ' for 0.34 of 16 cells."""
    progress = max(0.0, min(1.0, progress))
    eighths = round(progress * width * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")
    style = "green" if progress >= 1 else "yellow" if progress >= 0.5 else "red"
    return Text(bar.ljust(width), style=f"{style} on grey23")


def money(x: float) -> str:
    """The app's money text (i18n.fmt_money): ¥4,200 or ¥1,800.50."""
    return fmt_money(x)


class EligibilityCard(Static):
    """One way of earning: eligible (green) or what is missing (one line each)."""

    DEFAULT_CSS = """
    EligibilityCard { width: 1fr; height: auto; min-height: 3; border: round $success;
        padding: 0 1; }
    EligibilityCard.missing { border: round $warning; }
    """

    def __init__(self, key: str) -> None:
        super().__init__(id=f"earn-card-{key}")
        self.key = key
        self.border_title = t(f"earn.way.{key}")

    def show(self, result: Eligibility) -> None:
        self.set_class(not result.eligible, "missing")
        text = Text()
        if result.eligible:
            text.append("✓ " + t("earn.eligible"), style="bold green")
        else:
            text.append("✗ " + " · ".join(result.missing), style="yellow")
        self.update(text)
        needs = []
        if result.min_fans:
            needs.append(t("earn.needs_fans", n=fmt_int(result.min_fans)))
        if result.needs_verified:
            needs.append(t("earn.needs_verified"))
        self.border_subtitle = " · ".join(needs) or t("earn.needs_nothing")


def platform_task_panel(task: PlatformTaskStatus, *, max_works: int = 3) -> Group:
    """A task: title, window and terms, then qualifying works and the progress of the others."""
    head = Text()
    head.append(f"{task.title} ", style="bold")
    state_style = {"active": "green", "upcoming": "cyan", "ended": "dim"}[task.state]
    head.append(f"[{t('earn.task_state.' + task.state)}] ", style=state_style)
    if task.rewarded:
        head.append("✓ " + t("earn.qualified_rewarded"), style="bold green")
    elif task.n_qualifying:
        head.append("✓ " + t("earn.qualified"), style="green")
    meta = Text(
        f"{task.starts_at:%Y-%m-%d} – {task.ends_at:%Y-%m-%d} · "
        f"{t('earn.col.threshold')} {fmt_int(task.play_threshold)} · "
        f"{t('earn.col.reward')} {money(task.reward)} · "
        f"{t('earn.col.qualified')} {task.n_qualifying}",
        style="dim",
    )
    lines: list[Text] = [head, meta]
    for w in task.qualifying[:max_works]:
        line = Text("  ✓ ", style="green")
        line.append(f"{fmt_int(w.plays):>9} ", style="green")
        line.append(w.title, style="")
        lines.append(line)
    if task.n_qualifying > max_works:
        lines.append(Text("    " + t("earn.more_works", n=task.n_qualifying - max_works), "dim"))
    for w in task.in_progress[:max_works]:
        line = Text("  ")
        line.append_text(progress_bar(w.progress))
        line.append(f" {fmt_pct(w.progress, 0):>4} ")
        line.append(w.title)
        lines.append(line)
    if task.n_in_progress > max_works:
        lines.append(Text("    " + t("earn.more_works", n=task.n_in_progress - max_works), "dim"))
    for line in lines:
        line.no_wrap = True
        line.overflow = "ellipsis"
    return Group(*lines, Text(""))


PRODUCT_COLUMNS = (
    ("name", "earn.col.product", 14, False),
    ("units", "earn.col.units", 7, True),
    ("gmv", "earn.col.gmv", 10, True),
    ("commission", "earn.col.commission", 9, True),
    ("rate", "earn.col.return_rate", 8, True),
)
"""The products table's fixed columns (key, label, width, numeric); the reasons take the rest."""


def product_cells(p: ProductStats) -> tuple[Text, ...]:
    """A product's row: a flagged return rate is red with a ⚠."""
    rate = Text(fmt_pct(p.return_rate), justify="right")
    if p.flagged:
        rate = Text("⚠ " + fmt_pct(p.return_rate), style="bold red", justify="right")
    reasons = "、".join(f"{r} {n}" for r, n in p.top_reasons)
    return (
        Text(p.name, overflow="ellipsis", no_wrap=True),
        Text(fmt_int(p.units), justify="right"),
        Text(money(round(p.gmv)), justify="right"),
        Text(money(round(p.commission)), justify="right"),
        rate,
        Text(reasons, overflow="ellipsis", no_wrap=True),
    )


def earnings_chart(e: EarningsSummary) -> ChartData:
    """Earnings per month, one stacked bar per month, a pile per source."""
    return ChartData(
        title=t("earn.section.earnings") + " (¥)",
        x_labels=[m[2:].replace("-", ".") for m in e.months],
        series=[Series(t(f"earn.source.{s}"), e.by_source[s]) for s in SOURCES],
        kind="stacked",
    )


def earnings_line(e: EarningsSummary) -> Text:
    """Totals per source and over the period."""
    if not e.total:
        return Text(t("earn.none_earnings"))
    parts = [f"{t('earn.source.' + s)} {money(round(e.totals[s]))}" for s in SOURCES]
    line = Text(" · ".join(parts) + " · ", no_wrap=True, overflow="ellipsis")
    line.append(t("earn.total_line", total=f"{round(e.total):,}"), style="bold")
    return line
