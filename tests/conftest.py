"""Shared fixtures: isolated user folders, a fresh store, a small demo store, the app.

Tests run in Chinese (the product's first language) and on Douyin's clock (Asia/Shanghai, the
default `[account] timezone`), so snapshots look the same on every machine. The process runs
under TZ=UTC (a shared server's usual clock), or under CREATORCTL_TEST_TZ: the results must
not change with it.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ["TZ"] = os.environ.get("CREATORCTL_TEST_TZ", "UTC")
time.tzset()
os.environ.pop("CREATORCTL_DB", None)
os.environ.pop("CREATORCTL_CONFIG", None)
os.environ.pop("NO_COLOR", None)
# A missing message raises in tests instead of showing its key (i18n.t).
os.environ["CREATORCTL_STRICT_I18N"] = "1"

from creatorctl.i18n import set_language  # noqa: E402

set_language("zh")

# Key labels in BINDINGS are read when a screen's module is imported (the product fixes its
# language before any screen loads). Import every screen now, in Chinese, so a test that runs
# in English first cannot change the footer every later test in that worker shows.
import importlib  # noqa: E402
import pkgutil  # noqa: E402

import creatorctl.screens  # noqa: E402

importlib.import_module("creatorctl.app")
for _mod in pkgutil.walk_packages(creatorctl.screens.__path__, "creatorctl.screens."):
    importlib.import_module(_mod.name)


def _no_blink(self) -> None:  # type: ignore[no-untyped-def]
    """Snapshots must not depend on where a blinking cursor is in its cycle."""


from textual.widgets import Input, TextArea  # noqa: E402

Input._toggle_cursor = _no_blink  # type: ignore[method-assign]
TextArea._toggle_cursor_blink_visible = _no_blink  # type: ignore[attr-defined]

FROZEN_NOW = "2026-11-26 10:00"
DEMO_SEED = 7


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data or config."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    (tmp_path / "home").mkdir(exist_ok=True)
    # The app's own scheduler (issue 5) would write to the store in the background; tests of
    # it turn it on explicitly (CreatorApp(scheduler=True)).
    monkeypatch.setenv("CREATORCTL_NO_SCHEDULER", "1")
    # Building the other tabs in the background 1 s after start would race each test's
    # teardown on a slow machine; the tests of it turn it on (CreatorApp(prebuild=True)).
    monkeypatch.setenv("CREATORCTL_NO_PREBUILD", "1")
    set_language("zh")
    # Douyin's clock is read from this test's config and account, not an earlier test's.
    from creatorctl.timeutil import set_config_zone, use_account_zone

    set_config_zone(None)
    use_account_zone(None)


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> str:
    """Freeze creatorctl's clock at FROZEN_NOW (local time)."""
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", FROZEN_NOW)
    return FROZEN_NOW


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


# --- both backends (issue 14 §4) ---------------------------------------------------------------
# A test runs on SQLite and on PostgreSQL when it uses the `store` (or `store_db`) fixture, or
# its module says `pytestmark = pytest.mark.backends`: the `backend` parameter is then
# ["sqlite", "postgresql"]. Helpers that make their own store take its location from
# `tests.backends.store_location(tmp_path)`, so they follow the parameter too. The PostgreSQL
# leg (tests/pg_backend.py) is skipped loudly when no server can be had, and fails if CI=true.


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    wants = "backend" in metafunc.fixturenames or metafunc.definition.get_closest_marker("backends")
    if not wants or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    if any("backend" in str(m.args[0]) for m in metafunc.definition.iter_markers("parametrize")):
        return  # the test names its backends itself (e.g. PostgreSQL only)
    if "backend" not in metafunc.fixturenames:
        metafunc.fixturenames.append("backend")
    metafunc.parametrize(
        "backend",
        ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)],
        indirect=True,
    )


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> Iterator[str]:
    """ "sqlite" or "postgresql": the store the test runs on (an emptied session database)."""
    from tests import pg_backend

    name = getattr(request, "param", "sqlite")
    if name != "postgresql":
        yield name
        return
    try:
        url = pg_backend.reset()
    except RuntimeError as exc:
        message = f"PostgreSQL leg NOT RUN: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true needs it)")
        pytest.skip(message)
    pg_backend.LEG.current = url
    try:
        yield name
    finally:
        pg_backend.LEG.current = None


@pytest.fixture
def pg_session_url() -> str:
    """The PostgreSQL session database's URL (owned by the test role, so pg_trgm is there).

    For tests that scribble in temporary tables of their own; skipped loudly without a server,
    failed when CI=true, like the `backend` leg.
    """
    from tests import pg_backend

    try:
        return pg_backend.session_url()
    except RuntimeError as exc:
        message = f"PostgreSQL leg NOT RUN: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true needs it)")
        pytest.skip(message)


@pytest.fixture(autouse=True)
def _backend_leg(request: pytest.FixtureRequest) -> None:
    """Set the backend up first in tests marked `backends` (they need not name the fixture)."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and "backend" in callspec.params:
        request.getfixturevalue("backend")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    from tests import pg_backend

    if pg_backend.LEG.error:
        terminalreporter.write_sep("!", "PostgreSQL leg skipped: " + pg_backend.LEG.error, red=True)


@pytest.fixture
def store_db(backend: str, db_path: Path) -> str:
    """The `--db` value of this test's store: a file path, or the PostgreSQL session URL."""
    from tests.backends import store_location

    return store_location(db_path.parent, db_path.name)


@pytest.fixture
def store(store_db: str) -> Iterator:
    from creatorctl.store import open_store

    s = open_store(store_db)
    yield s
    s.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo (seed 7, frozen clock) made once per test session."""
    from creatorctl.demo import generate
    from creatorctl.store import open_store

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    old = os.environ.get("CREATORCTL_FAKE_NOW")
    old_home = os.environ.get("HOME")
    os.environ["CREATORCTL_FAKE_NOW"] = FROZEN_NOW
    # The demo drafts' files go next to the store; with the home there, the drafts keep them
    # as ~/demo-media/…, the same in every run (snapshots show them); demo_db copies them into
    # each test's home.
    os.environ["HOME"] = str(path.parent)
    try:
        s = open_store(str(path))
        generate(s, size="small", seed=DEMO_SEED)
        with s.write() as conn:  # fold the WAL in so a file copy is the whole store
            conn.exec_driver_sql("SELECT 1")
        s.engine.dispose()
        import sqlite3

        raw = sqlite3.connect(path)
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.close()
    finally:
        if old is None:
            os.environ.pop("CREATORCTL_FAKE_NOW", None)
        else:
            os.environ["CREATORCTL_FAKE_NOW"] = old
        if old_home is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = old_home
    return path


@pytest.fixture
def demo_db(_demo_template: Path, tmp_path: Path, frozen_clock: str) -> Path:
    """A private copy of the small demo store (and a frozen clock), its drafts' files in this
    test's home."""
    path = tmp_path / "demo.db"
    shutil.copyfile(_demo_template, path)
    os.chmod(path, 0o600)
    shutil.copytree(_demo_template.parent / "demo-media", tmp_path / "home" / "demo-media")
    return path


@pytest.fixture
def demo_store(demo_db: Path, _demo_template: Path, request: pytest.FixtureRequest) -> Iterator:
    """The small demo on this test's backend (PostgreSQL: the same rows, copied in) when the
    test runs on both (`pytestmark = pytest.mark.backends`); else on SQLite."""
    from creatorctl.store import open_store

    location = str(demo_db)
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and callspec.params.get("backend") == "postgresql":
        request.getfixturevalue("backend")  # the emptied session database
        from tests import pg_backend

        location = pg_backend.load_copy_of(str(_demo_template))
    s = open_store(location)
    yield s
    s.close()


@pytest.fixture
def demo_account(demo_store):  # type: ignore[no-untyped-def]
    from creatorctl.accounts import require_account

    return require_account(demo_store)


@pytest.fixture
def app_factory() -> Callable:
    """Make a CreatorApp on a given store path (the app opens it in a worker, as in real use)."""
    from creatorctl.app import CreatorApp

    def make(db: Path | str, account: str | None = None) -> CreatorApp:
        return CreatorApp(db=str(db), account=account)

    return make


# --- import/export (issue 3) -----------------------------------------------------------------


@pytest.fixture
def import_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A store file with one account, `me`; the CLI uses it through CREATORCTL_DB."""
    import sqlalchemy as sa

    from creatorctl.store import open_store

    path = tmp_path / "store" / "creator.db"
    monkeypatch.setenv("CREATORCTL_DB", str(path))
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", "2026-11-26 10:00:00")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    set_language("en")  # these tests read the English messages
    store = open_store(str(path))
    with store.write() as conn:
        conn.execute(
            sa.text("INSERT INTO account(handle, created_at) VALUES ('me', '2026-01-01 00:00:00')")
        )
    store.close()
    return str(path)


@pytest.fixture
def import_store(import_db: str) -> Iterator:
    from creatorctl.store import open_store

    s = open_store(import_db)
    yield s
    s.close()
