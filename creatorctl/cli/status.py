"""`creatorctl status [--short] [--json]`: next post, posts needing attention, unread, flagged."""

from __future__ import annotations

import click

from creatorctl.cli import Ctx, pass_ctx


@click.command("status")
@click.option("--short", is_flag=True, help="One line of at most 60 characters (tmux, prompts).")
@click.option("--json", "as_json", is_flag=True, help="The same facts as one JSON object.")
@pass_ctx
def status_cmd(ctx: Ctx, short: bool, as_json: bool) -> None:
    """Countdown to the next post, posts needing attention, unread messages, flagged comments.

    Reads the store read-only with the standard library, so it is cheap enough for a status
    line that runs every few seconds.
    """
    import os
    import sys
    from datetime import UTC, datetime

    from creatorctl.status import long_text, read_status, short_line

    path = _store_path(ctx.db)
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    fake = os.environ.get("CREATORCTL_FAKE_NOW")
    if fake:  # tests and demos freeze the clock in the account's zone, as timeutil does
        from creatorctl.timeutil import local_to_utc

        now = local_to_utc(datetime.fromisoformat(fake).replace(tzinfo=None))
    status = read_status(path, ctx.account, now)
    if as_json:
        from creatorctl.cli.common import echo_json

        echo_json(status.as_json())
    elif short:
        from creatorctl.safe_text import raw_stream

        # The line holds only numbers and our own labels, so its colour codes may go to the
        # terminal itself (past the SafeStream that cleans strangers' text).
        out = raw_stream(sys.stdout)
        out.write(short_line(status, colour=out.isatty()) + "\n")
        out.flush()
    else:
        click.echo(long_text(status))


def _store_path(db: str | None):  # type: ignore[no-untyped-def]
    """The store's file as `--db`/`CREATORCTL_DB`/the default name it, without SQLAlchemy."""
    import os
    from pathlib import Path

    from creatorctl.errors import StoreError
    from creatorctl.paths import default_db_path

    db = db if db is not None else os.environ.get("CREATORCTL_DB") or None
    if not db:
        return default_db_path()
    if db.startswith("sqlite:///"):
        return Path(db.removeprefix("sqlite:///").split("?")[0]).expanduser()
    if db.startswith(("postgresql:", "postgres:", "postgresql+psycopg:")):
        from creatorctl.store import resolve_location

        return resolve_location(db)[0]  # a team store: its URL
    if "://" in db or db.startswith("sqlite:"):
        raise StoreError(f"unsupported --db URL {db!r} for status: use a path or sqlite:///PATH")
    return Path(db).expanduser()


COMMANDS = [status_cmd]
