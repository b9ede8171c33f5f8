"""`creatorctl serve`: the app in a browser (textual-serve), on 127.0.0.1 or a Unix socket,
behind a one-time token (see creatorctl/serving.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from creatorctl.cli import Ctx, pass_ctx

HOST = "127.0.0.1"


def serve_argv(ctx: Ctx) -> tuple[list[str], str | None]:
    """The argv textual-serve runs per browser session (no shell: nothing to quote), and the
    store's password kept out of it.

    A PostgreSQL URL goes in without its password (any local user may read a command line):
    `serve` hands it to the sessions as PGPASSWORD, in their environment, which only this
    user can read."""
    argv = [sys.executable, "-m", "creatorctl"]
    password = None
    if ctx.db:
        db = ctx.db
        if ctx.store.dialect == "postgresql":
            from creatorctl.store_pg import split_password

            db, password = split_password(ctx.store.url)
        argv += ["--db", db]
    if ctx.account:
        argv += ["--account", ctx.account]
    if ctx.lang:
        argv += ["--lang", ctx.lang]
    return argv, password


def prepare_socket(path: Path) -> Path:
    """The socket's folder must be the user's alone (0700): made so if missing, else checked.
    A stale socket of ours at `path` is removed; anything else there is refused."""
    import stat

    from creatorctl.errors import UserError
    from creatorctl.i18n import t
    from creatorctl.safe_fs import make_private_dir

    path = path.expanduser().absolute()
    folder = make_private_dir(path.parent, what=t("fs.what.socket"))
    mode = stat.S_IMODE(folder.stat().st_mode)
    if mode & 0o077:
        raise UserError(t("serve.socket_folder", folder=folder, mode=f"{mode:o}"))
    if path.is_symlink() or path.exists():
        st = path.lstat()
        if not stat.S_ISSOCK(st.st_mode) or st.st_uid != os.getuid():
            raise UserError(t("serve.socket_taken", path=path))
        path.unlink()
    return path


@click.command("serve")
@click.option("--port", type=click.IntRange(1024, 65535), default=8000, show_default=True)
@click.option(
    "--socket",
    "socket_path",
    type=click.Path(path_type=Path),
    help="Serve on this Unix socket (in a 0700 folder) instead of a TCP port.",
)
@pass_ctx
def serve(ctx: Ctx, port: int, socket_path: Path | None) -> None:
    """Open the app in a browser at http://127.0.0.1:PORT (this machine only), behind a
    one-time token printed here and written to a private file."""
    import secrets

    from creatorctl.i18n import t
    from creatorctl.safe_fs import private_runtime_dir, write_private
    from creatorctl.serving import GuardedServer

    ctx.store  # noqa: B018 - refuse an unsafe or broken store before serving it
    token = secrets.token_urlsafe(32)
    url = f"http://{HOST}:{port}/?token={token}"
    if socket_path is not None:
        socket_path = prepare_socket(socket_path)
    argv, password = serve_argv(ctx)
    if password is not None:
        os.environ["PGPASSWORD"] = password  # this process only starts the sessions
    server = GuardedServer(argv, token=token, port=port, socket_path=socket_path)
    url_file = private_runtime_dir() / f"serve-{port}.url"
    write_private(url_file, url + "\n", what=t("fs.what.url_file"))
    click.echo(t("serve.open", url=url), err=True)
    click.echo(t("serve.url_file", path=url_file), err=True)
    if socket_path is not None:
        click.echo(t("serve.socket", path=socket_path, port=port), err=True)
    else:
        click.echo(t("serve.tunnel", port=port), err=True)
    try:
        server.serve()
    finally:
        url_file.unlink(missing_ok=True)
        if socket_path is not None:
            socket_path.unlink(missing_ok=True)


COMMANDS = [serve]
