"""The plain-terminal report and insights summary: readable over SSH, in cron mail, in a file.

Rich prints tables (no ANSI codes when the output is not a terminal, none with NO_COLOR);
charts are plotext text.
"""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from creatorctl.accounts import AccountInfo
from creatorctl.charting import change_text
from creatorctl.config import Config
from creatorctl.fans import slot_label
from creatorctl.i18n import fmt_int, fmt_pct, t
from creatorctl.store import Store

MAX_WORKS = 20


def _console(width: int | None = None) -> Console:
    from creatorctl.safe_text import raw_stream, safe_console

    # Titles, nicknames and provinces are strangers' text: never markup, cleaned as rendered.
    out = raw_stream(sys.stdout)
    is_tty = out.isatty()
    console: Console = safe_console(
        file=out,
        width=width or (None if is_tty else 100),
        soft_wrap=False,
        highlight=False,
    )
    return console


def _color(console: Console) -> bool:
    return console.is_terminal and not console.no_color


def _heading(console: Console, key: str, **kw: object) -> None:
    console.print()
    console.print(Text(t(key, **kw), style="bold"))


def _works_table(console: Console, works: list[dict[str, Any]], total: int) -> None:
    if not works:
        console.print(t("rep.no_flags"))
        return
    table = Table("ID", t("col.title"), t("rep.flags"), t("rep.advice"), box=None, pad_edge=False)
    for w in works[:MAX_WORKS]:
        table.add_row(
            str(w["work_id"]),
            w["title"],
            "\n".join(t(f"ins.flag.{f}") for f in w["flags"]),
            "\n".join(w["advice"]),
        )
    console.print(table)
    if total > MAX_WORKS:
        console.print(t("rep.more_works", n=fmt_int(total - MAX_WORKS)), style="dim")


def _fan_loss(console: Console, fan_loss: dict[str, Any], decline_advice: str | None) -> None:
    spikes = fan_loss["spikes"]
    if not spikes and not decline_advice:
        console.print(t("rep.no_fan_loss"))
    for s in spikes:
        who = (
            t("fans.spike_work", title=s["title"]) + f" (#{s['work_id']})"
            if s["work_id"] is not None
            else t("fans.spike_no_work")
        )
        console.print(t("rep.spike", date=s["date"], lost=fmt_int(s["lost"]), work=who))
    if decline_advice:
        console.print(decline_advice)


def _best_times(console: Console, slots: list[dict[str, Any]]) -> None:
    if not slots:
        console.print(t("rep.no_activity"))
        return
    console.print(
        "  ".join(f"{i + 1}. {slot_label(s['weekday'], s['hour'])}" for i, s in enumerate(slots))
    )


def _eligibility(console: Console, elig: dict[str, Any]) -> None:
    for key, e in elig.items():
        state = t("rep.eligible") if e["eligible"] else "; ".join(e["missing"])
        console.print(f"{t(f'elig.{key}')}: {state}")


def print_insights(data: dict[str, Any]) -> None:
    """`creatorctl insights` without --json."""
    console = _console()
    _heading(console, "rep.flagged", n=fmt_int(len(data["works"])))
    _works_table(console, data["works"], len(data["works"]))
    _heading(console, "rep.region")
    region = data["region"]
    if region["top"] is None:
        console.print(t("rep.no_portrait"))
    else:
        console.print(t("rep.top_province", province=region["top"], share=fmt_pct(region["share"])))
        if region["advice"]:
            console.print(region["advice"])
    _heading(console, "rep.fan_loss")
    _fan_loss(console, data["fan_loss"], t("rep.gradual") if data["fan_loss"]["gradual"] else None)
    _heading(console, "rep.best_times")
    _best_times(console, data["best_times"])
    _heading(console, "rep.eligibility")
    _eligibility(console, data["eligibility"])


def print_report(
    store: Store, account: AccountInfo, config: Config, days: int, width: int | None
) -> None:
    """`creatorctl report`: the period's KPIs, charts, fan changes and flagged works."""
    from creatorctl import fans, insights
    from creatorctl.charting import text_bars, text_chart
    from creatorctl.periods import last_days

    console = _console(width)
    color = _color(console)
    chart_w = min(console.width, 120)
    period = last_days(store, account.id, days)
    report = insights.kpis(store, account.id, period)
    console.print(
        Text(
            t("rep.title", nickname=account.nickname or account.handle, handle=account.handle),
            style="bold",
        )
    )
    console.print(
        t("rep.period", period=period.label(), days=period.days, previous=report.previous.label())
    )

    _heading(console, "rep.kpis")
    table = Table("", t("rep.this_period"), t("rep.previous"), t("rep.change"), box=None)
    for k in report.kpis:
        table.add_row(
            t(f"kpi.{k.key}"), fmt_int(k.value), fmt_int(k.previous), change_text(k.change)
        )
    console.print(table)

    series = insights.daily_series(
        store, account.id, period, chart_w - 12, ("plays", "likes", "fans_gained", "fans_lost")
    )
    labels = [d.strftime("%m-%d") for d in series.days]
    if labels:
        for title, keys in (
            ("rep.chart_plays", ("plays", "likes")),
            ("rep.chart_fans", ("fans_gained", "fans_lost")),
        ):
            console.print()
            chart = text_chart(
                t(title),
                labels,
                [(t(f"rep.series.{k}"), series.values[k]) for k in keys],
                right=frozenset({t("rep.series.likes")}),
                width=chart_w,
                height=14,
                color=color,
            )
            console.print(Text.from_ansi(chart) if color else chart, markup=False)
    else:
        console.print(t("rep.no_days"))

    _heading(console, "rep.completion")
    hist = insights.completion_histogram(store, account.id, period)
    if any(b.count for b in hist):
        for line in text_bars([(b.label, b.count) for b in hist], max(10, chart_w - 24)):
            console.print(line, markup=False)
    else:
        console.print(t("rep.no_works"))

    _heading(console, "rep.fans")
    net = report.get("net_fans")
    console.print(
        t(
            "rep.fans_line",
            total=fmt_int(account.fans),
            net=f"{net.value:+,}",
            gained=fmt_int(sum(series.values["fans_gained"])),
            lost=fmt_int(sum(series.values["fans_lost"])),
        )
    )
    loss = fans.fan_loss(store, account.id)
    in_period = [s.as_json() for s in loss.spikes if period.start <= s.day <= period.end]
    _fan_loss(
        console,
        {"spikes": in_period},
        loss.decline.advice if loss.decline else None,
    )

    flagged = insights.flagged_works(store, account.id, config.insights, period, limit=MAX_WORKS)
    total = insights.count_flagged(store, account.id, config.insights, period)
    _heading(console, "rep.flagged_period", n=fmt_int(total))
    _works_table(console, [w.as_json() for w in flagged], total)

    region = fans.region(store, account.id, config.insights)
    if region.advice:
        _heading(console, "rep.region")
        console.print(region.advice)
    _heading(console, "rep.best_times")
    _best_times(console, [s.as_json() for s in fans.best_times(store, account.id)])
