"""`creatorctl audit list [--who LOGIN] [--since DATE] [--json] [--limit N]`."""

from __future__ import annotations

import click

from creatorctl.cli import Ctx, pass_ctx
from creatorctl.cli.common import echo_json, echo_table


@click.group("audit")
def audit() -> None:
    """Who changed what: every edit, delete, publish, reply, rule change and import."""


@audit.command("list")
@click.option("--who", metavar="LOGIN", help="Only changes by this login (database role).")
@click.option("--since", metavar="DATE", help="Only changes on or after this day (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def list_cmd(ctx: Ctx, who: str | None, since: str | None, limit: int, as_json: bool) -> None:
    """Changes, newest first (all accounts, or the one --account names)."""
    from datetime import date

    from creatorctl.audit import list_entries, since_start
    from creatorctl.errors import UserError
    from creatorctl.i18n import t

    start = None
    if since is not None:
        try:
            start = since_start(date.fromisoformat(since.strip()))
        except ValueError:
            raise UserError(t("audit.bad_since", value=since)) from None
    account_id = ctx.require_account().id if ctx.account else None
    rows = list_entries(ctx.store, who=who, since=start, account_id=account_id, limit=limit)
    if as_json:
        echo_json([r.as_json() for r in rows])
        return
    if not rows:
        click.echo(t("audit.none"))
        return
    from creatorctl.audit import action_label, object_label, summary
    from creatorctl.timeutil import fmt_local

    echo_table(
        [
            t("audit.col_at"),
            t("audit.col_who"),
            t("audit.col_account"),
            t("audit.col_object"),
            t("audit.col_action"),
            t("audit.col_change"),
        ],
        [
            (
                fmt_local(r.at, seconds=True),
                r.who,
                r.account,
                object_label(r),
                action_label(r.action),
                summary(r, 80),
            )
            for r in rows
        ],
    )


COMMANDS = [audit]
