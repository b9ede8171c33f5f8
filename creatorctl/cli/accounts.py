"""`creatorctl accounts list|add|use|show|edit`."""

from __future__ import annotations

import click

from creatorctl.cli import Ctx, pass_ctx
from creatorctl.cli.common import echo_json, echo_table


@click.group("accounts")
def accounts() -> None:
    """Accounts in this store (a team may run several)."""


@accounts.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def list_cmd(ctx: Ctx, as_json: bool) -> None:
    """List accounts; the current one is marked *."""
    from creatorctl.accounts import current_account, list_accounts
    from creatorctl.i18n import fmt_int, t

    accs = list_accounts(ctx.store)
    cur = current_account(ctx.store, ctx.account)
    if as_json:
        echo_json(
            [
                {
                    "id": a.id,
                    "handle": a.handle,
                    "nickname": a.nickname,
                    "niche": a.niche,
                    "verified": a.verified,
                    "fans": a.fans,
                    "works": a.works,
                    "current": cur is not None and a.id == cur.id,
                }
                for a in accs
            ]
        )
        return
    if not accs:
        click.echo(t("cli.no_accounts"))
        return
    echo_table(
        ["", t("col.handle"), t("field.nickname"), t("field.niche"), t("col.fans"), t("col.works")],
        [
            [
                "*" if cur and a.id == cur.id else "",
                a.handle,
                a.nickname,
                a.niche,
                fmt_int(a.fans),
                fmt_int(a.works),
            ]
            for a in accs
        ],
    )


@accounts.command("add")
@click.argument("handle")
@click.option("--nickname", default="", help="Display name (default: the handle).")
@click.option("--niche", default="", help="Content niche, e.g. 美食.")
@click.option("--verified/--not-verified", default=False, help="Real-name verified.")
@pass_ctx
def add_cmd(ctx: Ctx, handle: str, nickname: str, niche: str, verified: bool) -> None:
    """Add an account and make it current."""
    from creatorctl.accounts import add_account
    from creatorctl.i18n import t

    acc = add_account(ctx.store, handle, nickname=nickname, niche=niche, verified=verified)
    click.echo(t("cli.account_added", handle=acc.handle))


@accounts.command("use")
@click.argument("handle")
@pass_ctx
def use_cmd(ctx: Ctx, handle: str) -> None:
    """Make HANDLE the current account."""
    from creatorctl.accounts import use_account
    from creatorctl.i18n import t

    acc = use_account(ctx.store, handle)
    click.echo(t("cli.account_used", handle=acc.handle))


@accounts.command("edit")
@click.option("--nickname")
@click.option("--bio")
@click.option("--niche")
@click.option("--avatar", "avatar_path", help="Path of the avatar image.")
@click.option("--verified/--not-verified", default=None)
@click.option(
    "--timezone",
    metavar="ZONE",
    help='Zone of this account\'s Douyin times, e.g. Asia/Tokyo ("" : the [account] setting).',
)
@pass_ctx
def edit_cmd(ctx: Ctx, **values: object) -> None:
    """Edit the current account's profile (every change is kept in its history)."""
    from creatorctl.accounts import update_profile
    from creatorctl.i18n import t

    acc = ctx.require_account()
    changes = update_profile(
        ctx.store, acc.id, **{k: v for k, v in values.items() if v is not None}
    )
    if not changes:
        click.echo(t("cli.nothing_changed"))
    for key, (old, new) in changes.items():
        click.echo(f"{t('field.' + key)}: {old or '–'} → {new or '–'}")


COMMANDS = [accounts]
