"""`creatorctl earn status|tasks|accept|deliver|settle|products|platform-tasks|earnings`."""

from __future__ import annotations

import click

from creatorctl.cli import Ctx, pass_ctx
from creatorctl.cli.common import echo_json, echo_table


@click.group("earn")
def earn() -> None:
    """Earn 变现: eligibility, 星图 brand tasks, products, 全民任务, earnings."""


def _money(x: float | None) -> str:
    from creatorctl.i18n import fmt_money

    return fmt_money(x)


def _record_rewards(ctx: Ctx, account_id: int) -> None:
    from creatorctl.earn import record_task_rewards
    from creatorctl.i18n import t

    added = record_task_rewards(ctx.store, account_id)
    if added:
        click.echo(t("earn.rewards_recorded", n=added), err=True)


@earn.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def status_cmd(ctx: Ctx, as_json: bool) -> None:
    """Which ways of earning the account qualifies for, and what is missing."""
    from creatorctl.eligibility import eligibility, to_json
    from creatorctl.i18n import t

    acc = ctx.require_account()
    result = eligibility(ctx.store, acc.id, ctx.config)
    if as_json:
        echo_json(to_json(result))
        return
    echo_table(
        [t("earn.col.way"), t("earn.col.state"), t("earn.col.missing")],
        [
            [
                t(f"earn.way.{key}"),
                t("earn.eligible") if e.eligible else t("earn.not_eligible"),
                "; ".join(e.missing) or "–",
            ]
            for key, e in result.items()
        ],
    )


@earn.command("tasks")
@click.option("--category", metavar="C", help="Only tasks of this category.")
@click.option("--eligible", "qualify_only", is_flag=True, help="Only open tasks I qualify for.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def tasks_cmd(ctx: Ctx, category: str | None, qualify_only: bool, as_json: bool) -> None:
    """星图 brand tasks, open ones first."""
    from creatorctl.earn import brand_categories, brand_totals, list_brand_tasks
    from creatorctl.errors import UserError
    from creatorctl.i18n import fmt_int, t

    acc = ctx.require_account()
    if category is not None:
        known = brand_categories(ctx.store, acc.id)
        if category not in known:
            raise UserError(
                t("earn.err.unknown_category", category=category, categories=", ".join(known))
            )
    rows = list_brand_tasks(
        ctx.store, acc.id, category=category, qualify_only=qualify_only, config=ctx.config
    )
    if as_json:
        echo_json([r.as_json() for r in rows])
        return
    if not rows:
        click.echo(t("earn.none_tasks"))
        return
    echo_table(
        [
            "ID",
            t("earn.col.brand"),
            t("earn.col.task"),
            t("earn.col.category"),
            t("earn.col.commission"),
            t("earn.col.min_fans"),
            t("earn.col.deadline"),
            t("earn.col.state"),
            t("earn.col.work"),
        ],
        [
            [
                r.id,
                r.brand,
                r.title,
                r.category,
                _money(r.commission),
                fmt_int(r.min_fans),
                r.deadline or "–",
                t(f"earn.state.{r.state}"),
                f"#{r.delivered_work_id}" if r.delivered_work_id else "",
            ]
            for r in rows
        ],
    )
    click.echo(brand_totals(ctx.store, acc.id).line())


@earn.command("accept")
@click.argument("task_id", type=int)
@pass_ctx
def accept_cmd(ctx: Ctx, task_id: int) -> None:
    """Accept an open brand task (refused when the account does not qualify)."""
    from creatorctl.earn import accept_brand_task
    from creatorctl.i18n import t

    acc = ctx.require_account()
    task = accept_brand_task(ctx.store, acc.id, task_id, ctx.config)
    click.echo(t("earn.accepted", id=task.id, title=task.title))


@earn.command("deliver")
@click.argument("task_id", type=int)
@click.option("--work", "work_id", type=int, required=True, metavar="W", help="The work's id.")
@pass_ctx
def deliver_cmd(ctx: Ctx, task_id: int, work_id: int) -> None:
    """Mark an accepted task delivered by a published work."""
    from creatorctl.earn import deliver_brand_task
    from creatorctl.i18n import t

    acc = ctx.require_account()
    task = deliver_brand_task(ctx.store, acc.id, task_id, work_id)
    click.echo(t("earn.delivered", id=task.id, work=work_id))


@earn.command("settle")
@click.argument("task_id", type=int)
@click.option("--amount", metavar="X", help="What was paid (default: the commission).")
@pass_ctx
def settle_cmd(ctx: Ctx, task_id: int, amount: str | None) -> None:
    """Record a delivered task as paid; the payment goes into the earnings ledger."""
    from creatorctl.earn import settle_brand_task
    from creatorctl.earn.ledger import parse_amount
    from creatorctl.i18n import fmt_amount, t

    acc = ctx.require_account()
    paid = parse_amount(amount) if amount is not None else None
    task = settle_brand_task(ctx.store, acc.id, task_id, paid)
    click.echo(t("earn.settled", id=task.id, amount=fmt_amount(task.settled_amount or 0)))


@earn.command("products")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def products_cmd(ctx: Ctx, as_json: bool) -> None:
    """橱窗 products: units, GMV, commission, return rate (⚠ at the limit) and top reasons."""
    from creatorctl.earn import product_stats
    from creatorctl.i18n import fmt_int, fmt_pct, t

    acc = ctx.require_account()
    rows = product_stats(ctx.store, acc.id, config=ctx.config)
    if as_json:
        echo_json([r.as_json() for r in rows])
        return
    if not rows:
        click.echo(t("earn.none_products"))
        return
    echo_table(
        [
            "ID",
            t("earn.col.product"),
            t("earn.col.units"),
            t("earn.col.gmv"),
            t("earn.col.commission"),
            t("earn.col.return_rate"),
            t("earn.col.reasons"),
        ],
        [
            [
                r.id,
                r.name,
                fmt_int(r.units),
                _money(r.gmv),
                _money(r.commission),
                fmt_pct(r.return_rate) + (" ⚠" if r.flagged else ""),
                "、".join(f"{reason} {n}" for reason, n in r.top_reasons),
            ]
            for r in rows
        ],
    )


@earn.command("platform-tasks")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def platform_tasks_cmd(ctx: Ctx, as_json: bool) -> None:
    """全民任务: qualifying works and the progress of the others; rewards recorded once."""
    from creatorctl.earn import platform_tasks
    from creatorctl.i18n import fmt_int, fmt_pct, t

    acc = ctx.require_account()
    _record_rewards(ctx, acc.id)
    rows = platform_tasks(ctx.store, acc.id)
    if as_json:
        echo_json([r.as_json() for r in rows])
        return
    if not rows:
        click.echo(t("earn.none_platform"))
        return
    for r in rows:
        state = t(f"earn.task_state.{r.state}")
        verdict = (
            t("earn.qualified_rewarded")
            if r.rewarded
            else t("earn.qualified")
            if r.n_qualifying
            else t("earn.not_qualified")
        )
        click.echo(
            f"#{r.id} {r.title} [{state}] {r.starts_at:%Y-%m-%d %H:%M} – {r.ends_at:%Y-%m-%d %H:%M}"
            f" · {t('earn.col.threshold')} {fmt_int(r.play_threshold)}"
            f" · {t('earn.col.reward')} {_money(r.reward)} · {verdict}"
        )
        for w in r.qualifying:
            click.echo(f"  ✓ #{w.work_id} {w.title} · {fmt_int(w.plays)}")
        for w in r.in_progress:
            click.echo(f"  … #{w.work_id} {w.title} · {fmt_int(w.plays)} ({fmt_pct(w.progress)})")


@earn.command("earnings")
@click.option("--by", type=click.Choice(["month", "source"]), default="month", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def earnings_cmd(ctx: Ctx, by: str, as_json: bool) -> None:
    """Earnings of the last 12 months by month or by source, with totals."""
    from creatorctl.earn import earnings
    from creatorctl.earn.ledger import EARNING_SOURCES
    from creatorctl.i18n import t

    acc = ctx.require_account()
    _record_rewards(ctx, acc.id)
    summary = earnings(ctx.store, acc.id)
    if as_json:
        data = summary.as_json()
        if by == "source":
            data = {"totals": summary.totals, "total": summary.total}
        echo_json(data)
        return
    if by == "source":
        echo_table(
            [t("earn.col.source"), t("earn.col.amount")],
            [[t(f"earn.source.{s}"), _money(summary.totals[s])] for s in EARNING_SOURCES]
            + [[t("earn.col.total"), _money(summary.total)]],
        )
        return
    month_totals = summary.month_totals()
    echo_table(
        [
            t("earn.col.month"),
            *(t(f"earn.source.{s}") for s in EARNING_SOURCES),
            t("earn.col.total"),
        ],
        [
            [
                m,
                *(_money(summary.by_source[s][i]) for s in EARNING_SOURCES),
                _money(month_totals[i]),
            ]
            for i, m in enumerate(summary.months)
        ]
        + [
            [
                t("earn.col.total"),
                *(_money(summary.totals[s]) for s in EARNING_SOURCES),
                _money(summary.total),
            ]
        ],
    )


COMMANDS = [earn]
