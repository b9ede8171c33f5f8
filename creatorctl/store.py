"""The one door to SQLite: location, permissions, engine, PRAGMAs, transactions, migrations.

Every read and write in creatorctl goes through a `Store`. Writes begin IMMEDIATE so two
processes never deadlock upgrading a read lock; WAL lets readers run beside a writer; a busy
timeout makes a second writer wait instead of failing.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NewType

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

from creatorctl.errors import StoreError, store_error
from creatorctl.paths import default_db_path, ensure_private_dir
from creatorctl.search import BIGRAM_FUNCTION, bigrams
from creatorctl.store_bulk import BULK_CACHE_KIB as BULK_CACHE_KIB  # the bulk page cache
from creatorctl.store_bulk import Bulk, tune_for_bulk
from creatorctl.store_wait import is_locked, wait_for_write_lock, write_marker, writer_marker
from creatorctl.timeutil import to_db

if TYPE_CHECKING:
    from sqlmodel import Session

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# A datetime bound to SQL (sa.text or the raw driver) is stored in the one form, not sqlite3's
# default (whole seconds when the microseconds are 0, deprecated since Python 3.12).
sqlite3.register_adapter(datetime, to_db)
Unit = NewType("Unit", Connection)
"""The unit of work a Store hands out: the connection of one open transaction, from
`Store.read()`, `write()` or `try_write()` (and `Bulk.conn`). The door's one rule: a public
domain function takes the `Store` and opens its own short transaction, or takes a `Unit` (or a
`Bulk`, its row-heavy form from `Store.unit`/`bulk`) when it must join its caller's
transaction. A `Unit` is a SQLAlchemy connection to the code holding it, so statements cost
nothing extra; the type says where it came from — mypy refuses a connection opened around the
Store (`engine.connect()`) where a `Unit` is wanted."""
BUSY_TIMEOUT_MS = 10_000


def resolve_location(db: str | None) -> tuple[str, Path | None]:
    """Turn `--db PATH|URL` (or the env, or the default) into an SQLAlchemy URL and a file path.

    SQLite (a path, `sqlite:///PATH`: a private per-user file, the default) or PostgreSQL
    (`postgresql:///DATABASE` over the local socket, or `postgresql://host/DATABASE`: a team
    store); a PostgreSQL store has no file path.
    """
    db = db if db is not None else os.environ.get("CREATORCTL_DB") or None
    if not db:
        path = default_db_path()
        return f"sqlite:///{path}", path
    if "://" in db or db.startswith("sqlite:"):
        try:
            url = sa.engine.make_url(db)
        except sa.exc.ArgumentError:
            raise StoreError(f"malformed --db URL: {db!r} (use a path or sqlite:///PATH)") from None
        if url.get_backend_name() in ("postgresql", "postgres"):
            from creatorctl.store_pg import pg_url

            return pg_url(db, url), None
        if url.get_backend_name() != "sqlite":
            raise StoreError(
                f"unsupported --db URL {db!r}: use a path, sqlite:///PATH or postgresql:///DATABASE"
            )
        if url.drivername not in ("sqlite", "sqlite+pysqlite"):
            raise StoreError(f"unsupported SQLite driver in {db!r}: use sqlite:///PATH")
        if not url.database or url.database == ":memory:":
            return "sqlite://", None
        return f"sqlite:///{Path(url.database).expanduser()}", Path(url.database).expanduser()
    path = Path(db).expanduser()
    if path.is_dir():
        raise StoreError(f"--db {db} is a folder; give the path of the store file")
    return f"sqlite:///{path}", path


def _prepare_file(path: Path, *, is_default: bool) -> None:
    """Create the store file 0600 in a private folder, or refuse an unsafe existing one."""
    from creatorctl.i18n import t
    from creatorctl.safe_fs import check_file, make_private_dir

    folder = path.parent
    if is_default:
        ensure_private_dir(folder)
    elif not folder.exists():
        make_private_dir(folder, what=t("fs.what.store"))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"cannot write to the folder {folder} (needed for the store and its WAL)")
    # The folder and the file (a symlink's target too): no one else may own or swap them.
    for suffix in ("", "-wal", "-shm"):
        check_file(Path(f"{path}{suffix}"), what=t("fs.what.store"))
    if not path.exists():
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            pass
        except OSError as exc:
            raise StoreError(f"cannot create the store {path}: {exc.strerror}") from None
        else:
            os.fchmod(fd, 0o600)  # whatever the umask
            os.close(fd)
    else:
        with path.open("rb") as fh:
            head = fh.read(16)
        if head and not head.startswith(b"SQLite format 3"):
            from creatorctl.i18n import t

            raise StoreError(t("store.not_sqlite", path=path))


def _tighten(path: Path) -> None:
    """SQLite gives -wal/-shm the main file's mode; make sure, whatever the umask."""
    for suffix in ("", "-wal", "-shm"):
        p = Path(f"{path}{suffix}")
        try:
            st = p.stat()
        except FileNotFoundError:
            continue
        if st.st_mode & 0o077 and st.st_uid == os.getuid():
            p.chmod(0o600)


def is_postgres(url: str) -> bool:
    return url.startswith("postgresql")


def _make_engine(url: str) -> Engine:
    if is_postgres(url):
        from creatorctl.store_pg import make_engine

        return make_engine(url)
    memory = url == "sqlite://"
    engine = sa.create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        poolclass=StaticPool if memory else None,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event, not the driver, open transactions (so BEGIN IMMEDIATE
        # is possible) — the documented pysqlite recipe.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()
        # The comment bigram index's triggers call it (migration 0010).
        dbapi_conn.create_function(BIGRAM_FUNCTION, 2, bigrams, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")
        # Load the schema now if another connection changed it (an import suspending an index
        # or a trigger, a migration). Without this, SQLite 3.40 fails the first DELETE after
        # such a change with "no such table" when foreign keys are on.
        conn.exec_driver_sql("SELECT 1 FROM sqlite_master LIMIT 1").close()

    return engine


class Store:
    """An open store. Cheap to share between threads; every call takes its own connection."""

    def __init__(self, url: str, path: Path | None) -> None:
        self.url = url
        self.path = path
        self.dialect = "postgresql" if is_postgres(url) else "sqlite"
        """Which backend: "sqlite" (the default, a private file) or "postgresql" (a team store)."""
        self.engine = _make_engine(url)
        self.write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self.on_wait: Callable[[str], object] | None = None
        """Where a writer that has to wait for another says so (default: stderr)."""
        self.writes = 0
        """Write transactions this process committed (the app tells its own changes apart)."""

        @event.listens_for(self.engine, "commit")
        def _count_write(conn: Connection) -> None:
            if conn.get_execution_options().get("sqlite_begin") == "IMMEDIATE":
                self.writes += 1

    @contextmanager
    def read(self) -> Iterator[Unit]:
        """A short read transaction."""
        with self.engine.connect() as conn, conn.begin():
            yield Unit(conn)

    @contextmanager
    def write(self, long: str | None = None) -> Iterator[Unit]:
        """A short write transaction (BEGIN IMMEDIATE); rolled back if anything raises.

        If another process holds the write lock for long (an import), this waits — saying so
        once through `on_wait` — and gives up with one line after `WRITE_WAIT_MAX_S`. `long`
        ("demo", "purge") names this write as a long one, so that others wait for it too.
        """
        with self.write_engine.connect() as conn:
            trans = self.begin_write(conn)
            unmark = self.mark_long_write(long) if long else None
            try:
                yield Unit(conn)
            except BaseException:
                trans.rollback()
                raise
            else:
                trans.commit()
            finally:
                if unmark is not None:
                    unmark()

    def begin_write(self, conn: Connection, max_wait: float | None = None) -> sa.RootTransaction:
        """BEGIN IMMEDIATE on `conn`, waiting for another writer as `write` does."""
        if self.dialect == "postgresql":
            from creatorctl.store_pg import begin_write
            from creatorctl.store_wait import FIRST_TRY_MS

            return begin_write(self, conn, max_wait, FIRST_TRY_MS)
        return wait_for_write_lock(self, conn, max_wait)

    @property
    def label(self) -> str:
        """The store as a user names it: its file, or its URL without a password."""
        if self.path is not None:
            return str(self.path)
        if self.dialect == "postgresql":
            from creatorctl.store_pg import label

            return label(self.url)
        return self.url

    @contextmanager
    def try_write(self, timeout_ms: int = 200) -> Iterator[Unit | None]:
        """A write transaction if the lock comes within `timeout_ms`, else None (no wait, no
        message): for the scheduler, whose posts must not queue behind an import."""
        if self.dialect == "postgresql":
            yield from self._try_write_pg(timeout_ms)
            return
        with self.write_engine.connect() as conn:
            set_busy_timeout(conn, timeout_ms)
            try:
                try:
                    trans = conn.begin()
                except sa.exc.OperationalError as exc:
                    if not is_locked(exc):
                        raise
                    yield None
                    return
                try:
                    yield Unit(conn)
                except BaseException:
                    trans.rollback()
                    raise
                trans.commit()
            finally:
                set_busy_timeout(conn, BUSY_TIMEOUT_MS)

    def unit(self, conn: Unit) -> Bulk:
        """The unit of work for row-heavy code over `conn`, a connection already in a
        transaction (from `read` or `write`). Changes no setting; see `bulk` for big loads."""
        driver = conn.connection.driver_connection
        assert driver is not None
        return Bulk(conn, driver)

    @contextmanager
    def bulk(
        self, conn: Unit | None = None, *, long: str | None = None, commit: bool = True
    ) -> Iterator[Bulk]:
        """A bulk load: many rows in one write transaction, on a connection tuned for it.

        On SQLite the connection gets a larger page cache (`BULK_CACHE_KIB`) and, when the
        load has a connection of its own, temporary tables in memory (a fourth of a
        million-comment import went to writing its staging table to a temp file); both are
        put back afterwards whatever happens, so the connection goes back to the pool as it
        was. PostgreSQL needs no such settings; `Bulk.insert_rows` uses COPY there.

        With `conn` (already in a write transaction, e.g. the demo's), this tunes it for the
        block only. Without, it opens its own write transaction, waiting for another import as
        `write` does; `long` ("import", "demo") names it so that other writers wait for it by
        name. It commits at the end, unless `commit` is False (a dry run), and rolls back if
        anything raises.
        """
        if conn is not None:
            work = self.unit(conn)
            restore = tune_for_bulk(work, temp_store=False)
            try:
                yield work
            finally:
                restore()
            return
        with self.write_engine.connect() as own:
            work = self.unit(Unit(own))
            restore = tune_for_bulk(work, temp_store=True)
            unmark: Callable[[], None] | None = None
            try:
                trans = self.begin_write(own)  # waits (and says so) for another import
                unmark = self.mark_long_write(long) if long else None
                try:
                    yield work
                except BaseException:
                    trans.rollback()
                    raise
                if commit:
                    trans.commit()
                else:
                    trans.rollback()
            finally:
                if unmark is not None:
                    unmark()
                restore()

    def _try_write_pg(self, timeout_ms: int) -> Iterator[Unit | None]:
        from creatorctl.store_pg import try_begin_write

        with self.write_engine.connect() as conn:
            trans = try_begin_write(conn, timeout_ms)
            if trans is None:
                yield None
                return
            try:
                yield Unit(conn)
            except BaseException:
                trans.rollback()
                raise
            trans.commit()

    def mark_long_write(self, what: str) -> Callable[[], None]:
        """Say (in `<store>-writer`) that this process holds the write lock for long — an
        import — so that waiting writers can name it. Returns the function that unsays it."""
        marker = writer_marker(self)
        if marker is None:
            return lambda: None
        write_marker(marker, what)

        def unmark() -> None:
            with suppress(OSError):
                marker.unlink()

        return unmark

    @contextmanager
    def session(self, long: str | None = None) -> Iterator[Session]:
        """An ORM session (SQLModel) for simple CRUD, inside one `write` transaction: it waits
        for another writer as `write` does, is flushed and committed at the end, and rolled
        back if anything raises. `unit_of(session)` is that transaction's `Unit` (the audit
        log writes through it, in the same transaction). Hot reads and bulk loads stay on
        Core (`read`, `bulk`)."""
        from sqlmodel import Session

        with self.write(long) as unit, Session(bind=unit, expire_on_commit=False) as session:
            session.info["unit"] = unit
            yield session
            session.flush()

    def close(self) -> None:
        self.engine.dispose()
        if self.path is not None:
            _tighten(self.path)


def unit_of(session: Session) -> Unit:
    """The `Unit` of a `Store.session()`: the same transaction, for Core statements."""
    unit: Unit = session.info["unit"]
    return unit


def set_busy_timeout(conn: Connection, ms: int) -> None:
    """How long `conn`'s statements wait for another writer's lock before failing (SQLite;
    a PostgreSQL writer simply waits for the row locks it needs)."""
    if conn.dialect.name == "sqlite":
        driver = conn.connection.driver_connection
        assert driver is not None
        driver.execute(f"PRAGMA busy_timeout={int(ms)}")


def open_store(db: str | None = None, *, migrate: bool = True) -> Store:
    """Open (creating if needed) the store named by `--db`, env or default, migrated to head."""
    url, path = resolve_location(db)
    if path is not None:
        is_default = db is None and not os.environ.get("CREATORCTL_DB")
        _prepare_file(path, is_default=is_default)
    store = Store(url, path)
    try:
        with store.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        if path is not None:
            _tighten(path)
        if migrate:
            migrate_store(store)
    except sa.exc.DBAPIError as exc:
        store.engine.dispose()
        raise (
            store_error(exc, store.label) or StoreError(f"cannot open the store {store.label}")
        ) from None
    return store


# --- migrations -----------------------------------------------------------------------------

_REV_RE = re.compile(r"^(\d{4})_\w+\.py$")


def known_revisions() -> list[str]:
    """Revision ids shipped with this release, oldest first (file names start with the id)."""
    revs = [m.group(1) for f in os.listdir(MIGRATIONS_DIR / "versions") if (m := _REV_RE.match(f))]
    return sorted(revs)


def current_revision(store: Store) -> str | None:
    with store.engine.connect() as conn:
        if store.dialect == "postgresql":
            from creatorctl.store_pg import has_table

            has = has_table(conn, "alembic_version")
        else:
            has = (
                conn.exec_driver_sql(
                    "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
                ).first()
                is not None
            )
        if not has:
            return None
        row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return row[0] if row else None


def migrate_store(store: Store) -> None:
    """Bring the store to this release's schema. Cheap when it is already there.

    Alembic (slow to import) loads only when there is something to do.
    """
    revs = known_revisions()
    current = current_revision(store)
    if current == revs[-1]:
        return
    if current is not None and current not in revs:
        raise StoreError(
            f"the store {store.label} was made by a newer creatorctl "
            f"(schema {current}); upgrade creatorctl to open it"
        )
    from alembic import command
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with store.write_engine.connect() as conn:
        cfg.attributes["connection"] = conn
        try:
            command.upgrade(cfg, "head")
        except sa.exc.DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) != "42501":
                raise
            # A team store's schema changes only under its owner's role (docs/team.md).
            from creatorctl.i18n import t

            raise StoreError(t("store.upgrade_by_owner", where=store.label, rev=revs[-1])) from None
        conn.commit()


# --- settings -------------------------------------------------------------------------------


def get_setting(conn: Unit, key: str) -> str | None:
    row = conn.execute(sa.text("SELECT value FROM setting WHERE key=:k"), {"k": key}).first()
    return row[0] if row else None


def set_setting(conn: Unit, key: str, value: str) -> None:
    conn.execute(
        sa.text(
            "INSERT INTO setting(key, value) VALUES (:k, :v) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value"
        ),
        {"k": key, "v": value},
    )
