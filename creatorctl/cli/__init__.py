"""The command line (click). `creatorctl` alone opens the app.

Commands import the domain lazily: opening the app must not pay for SQLAlchemy before the
first frame.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import click

from creatorctl import __version__
from creatorctl.errors import UserError

if TYPE_CHECKING:
    from creatorctl.accounts import AccountInfo
    from creatorctl.config import Config
    from creatorctl.store import Store


@dataclass
class Ctx:
    """What every command gets: the global options, and the store opened on first use."""

    db: str | None
    account: str | None
    lang: str | None
    _store: Store | None = field(default=None, repr=False)
    _config: Config | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            from creatorctl.store import open_store

            self._store = open_store(self.db)
        return self._store

    @property
    def config(self) -> Config:
        if self._config is None:
            from creatorctl.config import load_config

            self._config = load_config()
        return self._config

    def require_account(self) -> AccountInfo:
        from creatorctl.accounts import require_account

        return require_account(self.store, self.account)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


pass_ctx = click.make_pass_decorator(Ctx)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="CREATORCTL_DB",
    metavar="PATH|URL",
    help="The store (default: the per-user SQLite file).",
)
@click.option(
    "--account", metavar="HANDLE", help="Work on this account instead of the current one."
)
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language (default from LANG).")
@click.version_option(__version__, prog_name="creatorctl")
@click.pass_context
def root(ctx: click.Context, db: str | None, account: str | None, lang: str | None) -> None:
    """creatorctl — the Douyin Creator Center (抖音创作者中心) in a terminal.

    Run without a command to open the app.
    """
    from creatorctl.i18n import set_language

    set_language(lang)
    obj = Ctx(db=db, account=account, lang=lang)
    ctx.obj = obj
    ctx.call_on_close(obj.close)
    if ctx.invoked_subcommand is None:
        from creatorctl.app import run_app

        run_app(db=db, account=account)


def _register() -> None:
    # Each area keeps its commands in a module of its own.
    from creatorctl.cli import (
        accounts,
        data,
        demo,
        drafts,
        earn,
        insights,
        scheduler,
        serve,
        works,
    )

    for module in (accounts, data, demo, serve, works, drafts, scheduler, insights, earn):
        for command in module.COMMANDS:
            root.add_command(command)


_register()


def main(argv: list[str] | None = None) -> Any:
    """Entry point: user errors are one line on stderr and exit 1; never a traceback."""
    try:
        return root.main(args=argv, prog_name="creatorctl", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:  # usage errors: exit 2
        exc.show()
        sys.exit(exc.exit_code)
    except UserError as exc:
        click.echo(f"creatorctl: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        if os.environ.get("CREATORCTL_DEBUG"):
            raise
        click.echo(
            f"creatorctl: unexpected error: {type(exc).__name__}: {exc} "
            "(set CREATORCTL_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(1)
