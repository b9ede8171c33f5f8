"""The app's first page of works, read while Textual is still loading (issue 15).

`creatorctl` alone starts `QuickStart.start` before it imports the app: a thread reads the
current account and the Works list's first page through the standard library's sqlite3, so the
first frame can already show data. SQLAlchemy, SQLModel and Alembic load afterwards (the app's
`open_store` worker), once the first frame is painted.

Only an existing SQLite store that is already at this release's schema takes this path; it runs
the same file checks as `store.open_store` (safe_fs: owner, mode, folder, symlink target; the
SQLite header) and opens the file read-only. Anything else — a URL such as postgresql://, a
store to create or migrate, no account, any error — gives `None`, and the app opens the store
the ordinary way, which reports whatever was wrong in one line.

Nothing here imports SQLAlchemy or Textual (tests/test_quickstart.py checks).
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from creatorctl.account_info import AccountInfo
from creatorctl.work_row import WorkRow

PAGE_SIZE = 100
"""The Works list's page (widgets.paged_table.PAGE_SIZE; a test keeps them equal)."""
MIGRATIONS = Path(__file__).parent / "migrations" / "versions"
_REV_RE = re.compile(r"^(\d{4})_\w+\.py$")

# The same SQL as accounts._ACCOUNT_SQL and works.list_works (default order, no search);
# tests/test_quickstart.py checks that both give the same account and rows.
_ACCOUNT_SQL = """
SELECT a.id, a.handle, a.nickname, a.avatar_path, a.bio, a.niche, a.verified, a.timezone,
  (SELECT fans_total FROM accountdaily d WHERE d.account_id = a.id AND d.fans_total IS NOT NULL
    ORDER BY d.day DESC LIMIT 1) AS fans,
  (SELECT count(*) FROM work w WHERE w.account_id = a.id AND w.deleted_at IS NULL) AS works
FROM account a WHERE a.handle = ?
"""
_WORKS_SQL = (
    "SELECT w.id, w.title, w.published_at, w.tags, w.plays, w.likes, w.comments, w.shares,"
    " w.completion_rate FROM work w WHERE w.account_id = ? AND w.deleted_at IS NULL"
    " ORDER BY w.published_at DESC, w.id DESC LIMIT ?"
)


@dataclass(frozen=True)
class FirstPage:
    """What the first frame can show: the account and the newest works."""

    account: AccountInfo
    rows: list[WorkRow]
    total: int


class QuickStart:
    """A read of the first page in a thread; `result()` waits for it (briefly)."""

    def __init__(self, db: str | None, account: str | None) -> None:
        self._db = db
        self._account = account
        self._result: FirstPage | None = None
        self._thread = threading.Thread(target=self._run, name="creatorctl-quickstart", daemon=True)

    @classmethod
    def start(cls, db: str | None, account: str | None) -> QuickStart:
        quick = cls(db, account)
        quick._thread.start()
        return quick

    def result(self, timeout: float = 0.5) -> FirstPage | None:
        """The first page, or None (not a quick case, failed, or not ready within `timeout`)."""
        self._thread.join(timeout)
        return None if self._thread.is_alive() else self._result

    def _run(self) -> None:
        try:
            path = store_file(self._db)
            if path is not None:
                self._result = read_first_page(path, self._account)
        except Exception:  # noqa: BLE001 - the ordinary path opens the store and says what is wrong
            self._result = None


def store_file(db: str | None) -> Path | None:
    """The existing SQLite file `--db` (or CREATORCTL_DB, or the default) names, if it is one
    this path may read: else None (a URL of another database, a missing file, an odd path)."""
    db = db if db is not None else os.environ.get("CREATORCTL_DB") or None
    if not db:
        from creatorctl.paths import default_db_path

        path = default_db_path()
        if path.parent.exists() and path.parent.stat().st_mode & 0o077:
            return None  # open_store tightens our own folder first
    elif db.startswith("sqlite:///") and "?" not in db:
        path = Path(db.removeprefix("sqlite:///")).expanduser()
    elif "://" in db or db.startswith("sqlite:"):
        return None
    else:
        path = Path(db).expanduser()
    return path if path.is_file() else None


def head_revision() -> str:
    """The newest schema revision this release ships (store.known_revisions()[-1])."""
    return max(m.group(1) for f in os.listdir(MIGRATIONS) if (m := _REV_RE.match(f)))


def read_first_page(path: Path, override: str | None) -> FirstPage | None:
    """The account and its newest works, if the store at `path` is safe and at this release's
    schema. Raises (StoreError, sqlite3.Error …) when something is wrong."""
    _check(path)
    uri = f"file:{quote(str(path.absolute()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=1.0, check_same_thread=False)
    try:
        (version,) = conn.execute("SELECT version_num FROM alembic_version").fetchone() or (None,)
        if version != head_revision():
            return None  # to migrate (or made by a newer release): open_store decides
        handle = override
        if handle is None:
            row = conn.execute("SELECT value FROM setting WHERE key='current_account'").fetchone()
            row = row or conn.execute("SELECT handle FROM account ORDER BY id LIMIT 1").fetchone()
            handle = row[0] if row else None
        if handle is None:
            return None  # the welcome screen: the ordinary path
        r = conn.execute(_ACCOUNT_SQL, (handle,)).fetchone()
        if r is None:
            return None
        account = AccountInfo(
            id=r[0],
            handle=r[1],
            nickname=r[2],
            avatar_path=r[3],
            bio=r[4],
            niche=r[5],
            verified=bool(r[6]),
            fans=r[8],
            works=r[9],
            timezone=r[7] or "",
        )
        rows = conn.execute(_WORKS_SQL, (account.id, PAGE_SIZE)).fetchall()
    finally:
        conn.close()
    from creatorctl.timeutil import use_account_zone, utc_to_local

    use_account_zone(account.timezone)  # as accounts.current_account does
    return FirstPage(
        account=account,
        rows=[
            WorkRow(
                id=w[0],
                title=w[1],
                published_at=utc_to_local(datetime.fromisoformat(str(w[2]))),
                tags=tuple(x for x in (w[3] or "").split() if x),
                plays=w[4],
                likes=w[5],
                comments=w[6],
                shares=w[7],
                completion_rate=w[8],
            )
            for w in rows
        ],
        total=account.works,
    )


def _check(path: Path) -> None:
    """What store._prepare_file checks on an existing store, without changing anything."""
    from creatorctl.errors import StoreError
    from creatorctl.i18n import t
    from creatorctl.safe_fs import check_file

    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StoreError(f"cannot write to the folder {path.parent}")
    for suffix in ("", "-wal", "-shm"):
        check_file(Path(f"{path}{suffix}"), what=t("fs.what.store"))
    with path.open("rb") as fh:
        if not fh.read(16).startswith(b"SQLite format 3"):
            raise StoreError(t("store.not_sqlite", path=path))
