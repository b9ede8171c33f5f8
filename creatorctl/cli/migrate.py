"""`creatorctl migrate-store --to URL [--dry-run] [--replace]`: SQLite store → team store."""

from __future__ import annotations

import click

from creatorctl.cli import Ctx, pass_ctx
from creatorctl.cli.common import ProgressBar, echo_table


@click.command("migrate-store")
@click.option(
    "--to", "target_url", required=True, metavar="URL", help="The team store: postgresql:///team."
)
@click.option("--dry-run", is_flag=True, help="Say what would be copied; write nothing.")
@click.option("--replace", is_flag=True, help="Overwrite a target that already holds rows.")
@pass_ctx
def migrate_store_cmd(ctx: Ctx, target_url: str, dry_run: bool, replace: bool) -> None:
    """Copy this SQLite store (--db, or the default) into another store, table by table, then
    check the row counts. The target is migrated to this release's schema first."""
    from creatorctl.errors import UserError
    from creatorctl.i18n import fmt_int, t
    from creatorctl.migrate_store import copy_store, settle_ledger, source_counts
    from creatorctl.store import open_store, resolve_location

    source = ctx.store
    if not source.url.startswith("sqlite"):
        raise UserError(t("migrate.source_not_sqlite", source=source.url))
    url, path = resolve_location(target_url)
    if url == source.url or (path is not None and path == source.path):
        raise UserError(t("migrate.same_store"))
    if dry_run:
        settle_ledger(source, apply=False)
        counts = source_counts(source)
        click.echo(t("migrate.would_copy"))
        echo_table(
            [t("migrate.col_table"), t("migrate.col_rows")],
            [(c.table, fmt_int(c.source)) for c in counts],
        )
        _say_target(target_url, replace)
        return
    settle_ledger(source)  # before the target is made: a refusal leaves nothing behind
    target = open_store(target_url)
    try:
        with ProgressBar() as bar:
            counts = copy_store(source, target, replace=replace, progress=bar)
    finally:
        target.close()
    click.echo(t("migrate.copied"))
    echo_table(
        [t("migrate.col_table"), t("migrate.col_rows"), t("migrate.col_target")],
        [(c.table, fmt_int(c.source), fmt_int(c.target or 0)) for c in counts],
    )


def _say_target(target_url: str, replace: bool) -> None:
    """The dry run's word on the target: reachable, and empty or not (nothing is written)."""
    from creatorctl.errors import UserError
    from creatorctl.i18n import t
    from creatorctl.migrate_store import target_rows
    from creatorctl.store import open_store, resolve_location

    _url, path = resolve_location(target_url)
    if path is not None and not path.exists():
        click.echo(t("migrate.target_new", target=path))
        return
    shown = _shown(target_url)
    target = open_store(target_url, migrate=False)
    try:
        busy = target_rows(target)
    finally:
        target.close()
    if busy and not replace:
        name, n = busy[0]
        raise UserError(t("migrate.target_not_empty", target=shown, table=name, n=n))
    click.echo(t("migrate.target_ok", target=shown))


def _shown(target_url: str) -> str:
    """The target as messages name it: a URL without its password."""
    import sqlalchemy as sa

    if "://" not in target_url:
        return target_url
    try:
        return sa.engine.make_url(target_url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return target_url


COMMANDS = [migrate_store_cmd]
