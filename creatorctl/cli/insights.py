"""`creatorctl insights [--json]` and `creatorctl report [--period N]`."""

from __future__ import annotations

import click

from creatorctl.cli import Ctx, pass_ctx
from creatorctl.cli.common import echo_json


@click.command("insights")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see SPEC).")
@pass_ctx
def insights_cmd(ctx: Ctx, as_json: bool) -> None:
    """Flagged works with advice, fan region, fan loss, best posting times, eligibility."""
    from creatorctl.insights import insights_json

    acc = ctx.require_account()
    data = insights_json(ctx.store, acc.id, ctx.config)
    if as_json:
        echo_json(data)
        return
    from creatorctl.report import print_insights

    print_insights(data)


@click.command("report")
@click.option(
    "--period",
    type=click.IntRange(1, 3650),
    default=28,
    show_default=True,
    metavar="DAYS",
    help="Report on the last DAYS days against the DAYS before.",
)
@click.option(
    "--width",
    type=click.IntRange(40, 400),
    default=None,
    help="Line width (default: the terminal's, or 100 when writing to a file).",
)
@pass_ctx
def report_cmd(ctx: Ctx, period: int, width: int | None) -> None:
    """A plain summary with charts: KPIs, flagged works, fan changes (for SSH and cron)."""
    from creatorctl.report import print_report

    acc = ctx.require_account()
    print_report(ctx.store, acc, ctx.config, period, width)


COMMANDS = [insights_cmd, report_cmd]
