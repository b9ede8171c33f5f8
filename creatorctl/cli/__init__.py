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
    create: bool = False
    """`--create`: a store outside the default location may be made (else: ask, or refuse)."""
    _store: Store | None = field(default=None, repr=False)
    _config: Config | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            from creatorctl.store import open_store

            if not self.create:
                confirm_new_store(self.db)
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


def confirm_new_store(db: str | None) -> None:
    """Ask before making a store anywhere but the default location; refuse when nobody can answer.

    Raises:
        UserError: the file does not exist and stdin is not a terminal, or the user said no.
    """
    from creatorctl.i18n import t
    from creatorctl.paths import missing_store

    path = missing_store(db)
    if path is None:
        return
    if not sys.stdin.isatty() or not click.confirm(t("cli.create_store_q", path=path), err=True):
        raise UserError(t("cli.no_store", path=path))


COMMAND_MODULES = {
    "accounts": "accounts",
    "works": "works",
    "trash": "works",
    "import": "data",
    "export": "data",
    "demo": "demo",
    "serve": "serve",
    "drafts": "drafts",
    "scheduler": "scheduler",
    "insights": "insights",
    "report": "insights",
    "earn": "earn",
    "comments": "inbox",
    "messages": "messages",
    "groups": "messages",
    "live": "live",
    "status": "status",
    "notify": "notify",
    "audit": "audit",
    "migrate-store": "migrate",
}
"""Command name → the module under creatorctl/cli that defines it.

Commands load on first use: `creatorctl` alone opens the app, and must not pay for the
importers' and domain modules' imports (SQLAlchemy among them) before the first frame.
"""


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when named (or listed for --help)."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMAND_MODULES and cmd_name not in self.commands:
            # Only the named command's module: `status --short` runs in a tmux status line
            # and must not pay for every area's imports (SQLAlchemy among them).
            _register_module(COMMAND_MODULES[cmd_name])
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        _register()
        return super().list_commands(ctx)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    envvar="CREATORCTL_DB",
    metavar="PATH|URL",
    help="The store (default: the per-user SQLite file).",
)
@click.option(
    "--account", metavar="HANDLE", help="Work on this account instead of the current one."
)
@click.option(
    "--create",
    is_flag=True,
    help="Make the --db store if it does not exist (the default location is always made).",
)
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language (default from LANG).")
@click.version_option(__version__, prog_name="creatorctl")
@click.pass_context
def root(
    ctx: click.Context, db: str | None, account: str | None, create: bool, lang: str | None
) -> None:
    """creatorctl — the Douyin Creator Center (抖音创作者中心) in a terminal.

    Run without a command to open the app.
    """
    from creatorctl.i18n import set_language

    set_language(lang)
    global _db_option
    _db_option = db
    obj = Ctx(db=db, account=account, lang=lang, create=create)
    ctx.obj = obj
    ctx.call_on_close(obj.close)
    if ctx.invoked_subcommand is None:
        import gc

        # Start-up allocates much and frees little: the collector's passes cost ~15% of the
        # CPU before the first frame. The app turns it back on once that frame is painted.
        gc.disable()
        if not create:
            confirm_new_store(db)
        from creatorctl.quickstart import QuickStart

        quick = QuickStart.start(db, account)  # reads the first page while Textual loads
        from creatorctl.app import run_app

        run_app(db=db, account=account, quick=quick)


_register_done = False
_db_option: str | None = None
"""The `--db` of this run, so a store failure can name the store (see `main`)."""


def _register() -> None:
    """Load every area's commands (each area keeps them in a module of its own)."""
    global _register_done
    if _register_done:
        return
    _register_done = True
    for name in dict.fromkeys(COMMAND_MODULES.values()):
        _register_module(name)


def _register_module(name: str) -> None:
    import importlib

    module = importlib.import_module(f"creatorctl.cli.{name}")
    for command in module.COMMANDS:
        if command.name not in root.commands:
            root.add_command(command)


def main(argv: list[str] | None = None) -> Any:
    """Entry point: user errors are one line on stderr and exit 1; never a traceback."""
    from creatorctl.safe_text import SafeStream

    # Strangers' text (nicknames, comments, titles) reaches the terminal only cleaned.
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _main(argv: list[str] | None) -> Any:
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
        from creatorctl.errors import store_error

        failed = store_error(exc, _store_label())
        if failed is not None:  # full, read-only, damaged, locked: never SQL text
            click.echo(f"creatorctl: {failed}", err=True)
            sys.exit(1)
        click.echo(
            f"creatorctl: unexpected error: {type(exc).__name__}: {exc} "
            "(set CREATORCTL_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(1)


def _store_label() -> str:
    """The store this run works on, as a user would name it."""
    try:
        from creatorctl.store import resolve_location

        url, path = resolve_location(_db_option)
        if path is None and url.startswith("postgresql"):
            from creatorctl.store_pg import label

            return label(url)  # never the password
    except Exception:  # noqa: BLE001 - only a name for an error message
        return "(--db)" if "@" in str(_db_option or "") else str(_db_option or "")
    return str(path or url)
