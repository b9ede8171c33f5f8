"""`creatorctl import FILE...` and `creatorctl export KIND`: real data in and out."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from creatorctl.cli import Ctx, pass_ctx

KIND_OPTION_PREFIX = "kind_opt_"


def _with_kind_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Offer every kind's extra options (e.g. ``--work ID``) on ``import``."""
    from creatorctl.importers.run import load_kinds

    seen: dict[str, Any] = {}
    for kind in load_kinds().values():
        for opt in kind.options:
            seen.setdefault(opt.name, opt)
    for opt in reversed(list(seen.values())):
        f = click.option(
            f"--{opt.name}", f"{KIND_OPTION_PREFIX}{opt.name}", metavar=opt.metavar, help=opt.help
        )(f)
    return f


def _list_kinds(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--list-kinds`: every kind with its required columns, then exit."""
    if not value or ctx.resilient_parsing:
        return
    from creatorctl.cli.common import echo_table
    from creatorctl.i18n import t
    from creatorctl.importers import kind_label, load_kinds

    echo_table(
        [t("imp.col_kind"), t("imp.col_label"), t("imp.col_required")],
        [
            [k.name, kind_label(k), ", ".join(c.header for c in k.columns if c.required)]
            for k in load_kinds().values()
        ],
    )
    ctx.exit(0)


@click.command("import")
@click.argument(
    # Existence is checked in the command: click's own check prints its English usage text.
    "files",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path),
)
@click.option("--kind", metavar="KIND", help="What the files hold (default: found from headers).")
@click.option("--account", "account", metavar="HANDLE", help="Import into this account.")
@click.option(
    "--snapshot-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Date the running totals are as of (default: a date in the file name, else today).",
)
@click.option("--dry-run", is_flag=True, help="Check and count, write nothing.")
@click.option(
    "--list-kinds",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_list_kinds,
    help="List the kinds of data and their required columns, then exit.",
)
@click.option("--skip-bad-rows", is_flag=True, help="Write the good rows, report the bad ones.")
@_with_kind_options
@pass_ctx
def import_cmd(
    ctx: Ctx,
    files: tuple[Path, ...],
    kind: str | None,
    account: str | None,
    snapshot_date: datetime | None,
    dry_run: bool,
    skip_bad_rows: bool,
    **kind_options: str | None,
) -> None:
    """Import Douyin exports, Open Platform JSON or CSV; each file is one transaction.

    Kinds: works (作品列表导出.xlsx/CSV), videos (Open Platform video list JSON), daily
    (account daily numbers CSV), and those of other areas (see docs/import-formats.md).
    """
    from creatorctl.accounts import require_account
    from creatorctl.cli.common import ProgressBar
    from creatorctl.errors import UserError
    from creatorctl.i18n import t
    from creatorctl.importers import ImportRejected, get_kind, import_file
    from creatorctl.importers.base import Counts
    from creatorctl.timeutil import today

    for path in files:  # before the store is opened: a typo changes nothing
        if not path.exists():
            raise UserError(t("err.no_file", path=path))
        if not path.is_file():  # a folder, FIFO or device
            raise UserError(t("imp.not_a_file", file=path))
    if kind:
        get_kind(kind)
    snap = snapshot_date.date() if snapshot_date else None
    if snap is not None and snap > today():
        raise UserError(t("imp.future_snapshot", date=snap.isoformat()))
    acc = require_account(ctx.store, account or ctx.account)
    options = {
        k.removeprefix(KIND_OPTION_PREFIX): v for k, v in kind_options.items() if v is not None
    }
    totals: dict[str, Counts] = {}
    failed = False
    for path in files:
        try:
            with ProgressBar() as bar:

                def progress(_label: str, done: int, total: int, p: Path = path) -> None:
                    bar(t("imp.reading", file=p.name), done, total)

                result = import_file(
                    ctx.store,
                    path,
                    account_id=acc.id,
                    kind=kind,
                    snapshot_date=snap,
                    dry_run=dry_run,
                    skip_bad_rows=skip_bad_rows,
                    options=options,
                    progress=progress,
                )
        except ImportRejected as exc:
            failed = True
            for line in exc.problems:
                click.echo(f"creatorctl: {line}", err=True)
            continue
        except UserError as exc:
            failed = True
            click.echo(f"creatorctl: {exc}", err=True)
            continue
        _echo_result(result)
        total = totals.setdefault(result.label, Counts())
        c = result.counts
        total.added += c.added
        total.updated += c.updated
        total.unchanged += c.unchanged
        total.skipped += c.skipped
    if len(files) > 1:
        for label, c in totals.items():
            click.echo(
                t(
                    "imp.total",
                    kind=label,
                    added=c.added,
                    updated=c.updated,
                    unchanged=c.unchanged,
                    skipped=c.skipped,
                )  # fmt: skip
            )
    if failed:
        raise click.exceptions.Exit(1)


def _echo_result(result: Any) -> None:
    for line in result.summary():
        click.echo(line)


@click.command("export")
@click.argument("kind")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File (default: stdout).",
)
@click.option("--account", "account", metavar="HANDLE", help="Export this account's data.")
@click.option(
    "--raw",
    is_flag=True,
    help="CSV: write text cells as stored (by default a cell starting with = + - @ gets a "
    "leading ' so a spreadsheet does not run it as a formula).",
)
@pass_ctx
def export_cmd(
    ctx: Ctx, kind: str, fmt: str, output: Path | None, account: str | None, raw: bool
) -> None:
    """Write a table out as CSV (headers `import` reads back) or JSON (with the store's ids).

    KIND: works, snapshots, daily, and those of other areas.
    """
    from creatorctl.accounts import require_account
    from creatorctl.errors import UserError
    from creatorctl.i18n import t
    from creatorctl.importers.exports import export_rows, exports

    if kind not in exports():
        raise UserError(t("exp.unknown", kind=kind, kinds=", ".join(exports())))
    acc = require_account(ctx.store, account or ctx.account)
    if output is None:
        from creatorctl.safe_text import raw_stream

        # A pipe gets the exact bytes; a terminal gets them cleaned (the CLI's SafeStream).
        out = sys.stdout if sys.stdout.isatty() else raw_stream(sys.stdout)
        export_rows(ctx.store, kind, fmt, out, acc.id, raw=raw)
        return
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(t("err.no_file", path=str(folder)))
    from creatorctl.safe_fs import private_writer

    # A 0600 file written beside the target and renamed (a failed export never leaves half a
    # file), only into a folder no one else can swap it in. A BOM lets Excel open Chinese CSV
    # correctly; the importer reads it either way.
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    with private_writer(output, what=t("fs.what.export"), encoding=encoding, newline="") as fh:
        n = export_rows(ctx.store, kind, fmt, fh, acc.id, raw=raw)
    click.echo(t("exp.done", n=n, file=str(output)), err=True)


COMMANDS = [import_cmd, export_cmd]
