"""`creatorctl demo`: fill the store with realistic, deterministic demo data."""

from __future__ import annotations

import click

from creatorctl.cli import Ctx, pass_ctx
from creatorctl.cli.common import ProgressBar


@click.command("demo")
@click.option(
    "--size",
    type=click.Choice(["small", "large", "huge"]),
    default="small",
    show_default=True,
    help="small: ~200 works; large: 5,000; huge: 10× large.",
)
@click.option("--seed", type=int, default=7, show_default=True, help="Same seed, same data.")
@click.option("--open", "open_app", is_flag=True, help="Open the app when done.")
@click.option("--handle", default=None, help="Account handle for the demo (default: by seed).")
@pass_ctx
def demo(ctx: Ctx, size: str, seed: int, open_app: bool, handle: str | None) -> None:
    """Create a demo account with works, numbers and everything else every tab shows."""
    from creatorctl.demo import demo_handle, generate
    from creatorctl.i18n import t

    ctx.create = True  # making a store is what `demo` is for: `--db new.db demo` needs no --create
    handle = handle or demo_handle(seed)
    if open_app and _exists(ctx, handle):
        # The README's first command runs this every time: open what is there.
        click.echo(t("cli.demo_reuse", handle=handle), err=True)
    else:
        with ProgressBar() as progress:
            acc = generate(ctx.store, size=size, seed=seed, handle=handle, progress=progress)
        click.echo(t("cli.demo_done", handle=acc.handle, works=acc.works))
    if open_app:
        ctx.close()
        from creatorctl.accounts import use_account
        from creatorctl.app import run_app
        from creatorctl.store import open_store

        store = open_store(ctx.db)
        use_account(store, handle)
        store.close()
        run_app(db=ctx.db, account=None)


def _exists(ctx: Ctx, handle: str) -> bool:
    from creatorctl.accounts import list_accounts

    return any(a.handle == handle for a in list_accounts(ctx.store))


COMMANDS = [demo]
