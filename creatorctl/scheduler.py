"""The schedulers that publish due posts: headless (`creatorctl scheduler run`) and in the app.

Both are APScheduler 3.x with one interval job that calls `publishing.run_due`; the drafts
table is the truth, so there is no APScheduler job store and any number of schedulers can run
against one store. Both run the same `scheduler_tick.Tick`; each records itself in
`schedulerprocess` (with a heartbeat) so `scheduler status` can say who is running and who
holds claims.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shlex
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from creatorctl.config import NotifyConfig, PublishConfig
from creatorctl.drafts import DraftInfo, draft_from_row
from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.publish_log import AttemptInfo, list_attempts
from creatorctl.publishing import PublishOutcome
from creatorctl.scheduler_tick import HEARTBEAT_S, Tick
from creatorctl.store import Store
from creatorctl.timeutil import fmt_local, from_db, utcnow_exact

ALIVE_S = 3 * HEARTBEAT_S
UNIT_NAME = "creatorctl-scheduler.service"
_SHOWN_BY_APP = ("publish_failed", "live_drop", "scheduler_error")
"""Events of our own process the app has already shown (the tick's error goes to `on_error`)."""


@dataclass(frozen=True)
class ProcessInfo:
    worker_id: str
    pid: int
    host: str
    kind: str
    started_at: datetime
    heartbeat_at: datetime
    """Local."""
    alive: bool


@dataclass(frozen=True)
class SchedulerStatus:
    """What `scheduler status` and the Drafts tab show about publishing."""

    processes: list[ProcessInfo]
    due: list[DraftInfo]
    claims: list[DraftInfo]
    recent: list[AttemptInfo]
    ledger_running: int = 0
    """Tries claimed in the publishing ledger that the drafts table has not seen yet."""
    ledger_pending: int = 0
    """Results in the ledger waiting for the drafts table (an import holds it)."""
    held_by: str = ""
    """Who holds the store's write lock for long ('' when nobody said so)."""


def scheduler_status(store: Store, now: datetime, limit: int = 10) -> SchedulerStatus:
    """Running schedulers, the next due posts, current claims and the latest tries."""
    from creatorctl.timeutil import utc_to_local

    with store.read() as conn:
        procs = [
            ProcessInfo(
                r.worker_id,
                r.pid,
                r.host,
                r.kind,
                utc_to_local(from_db(r.started_at)),
                utc_to_local(from_db(r.heartbeat_at)),
                r.stopped_at is None and (now - from_db(r.heartbeat_at)).total_seconds() <= ALIVE_S,
            )
            for r in conn.execute(
                sa.text(
                    "SELECT * FROM schedulerprocess WHERE stopped_at IS NULL "
                    "ORDER BY started_at DESC LIMIT 20"
                )
            )
        ]
        due = [
            draft_from_row(r)
            for r in conn.execute(
                sa.text(
                    "SELECT * FROM draft WHERE state='scheduled' AND deleted_at IS NULL "
                    "ORDER BY next_try_at, id LIMIT :lim"
                ),
                {"lim": limit},
            )
        ]
        claims = [
            draft_from_row(r)
            for r in conn.execute(
                sa.text("SELECT * FROM draft WHERE state='publishing' ORDER BY claimed_at")
            )
        ]
    from creatorctl.publish_ledger import ledger_for
    from creatorctl.store_wait import holder_text, read_marker

    ledger = ledger_for(store)
    return SchedulerStatus(
        procs,
        due,
        claims,
        list_attempts(store, None, limit),
        len(ledger.open_unmirrored()),
        len(ledger.pending()),
        holder_text(store) if read_marker(store) else "",
    )


# --- log lines ------------------------------------------------------------------------------


def describe_outcome(o: PublishOutcome) -> str:
    """One line per try, for the headless log and the app's notifications."""
    if o.ok:
        line = t("sched.published", id=o.draft_id, title=o.title)
        if o.work_id is not None:
            line += " " + t("sched.as_work", work=o.work_id)
        if o.item_id:
            line += f" (item {o.item_id})"
        if o.lateness_s is not None and o.lateness_s >= 1:
            # On time (under a second late) says nothing: "晚 0.0 秒" read as an error.
            line += " " + t("sched.late", s=f"{o.lateness_s:.0f}")
        return line
    if o.state == "unknown":
        return f"#{o.draft_id} {t('state.unknown')}: {o.error}"
    if o.state == "failed":
        return t("sched.failed", id=o.draft_id, title=o.title, n=o.attempt, error=o.error)
    return t(
        "sched.retry",
        id=o.draft_id,
        title=o.title,
        n=o.attempt,
        error=o.error,
        when=fmt_local(o.next_try_at, seconds=True),
    )


# --- headless -------------------------------------------------------------------------------


class HeadlessScheduler:
    """`creatorctl scheduler run`: publish due posts until SIGTERM or Ctrl-C.

    A BackgroundScheduler runs the tick; the main thread only waits for a signal, so a stop
    lets the post being published finish and record its result before the process exits.
    """

    def __init__(
        self,
        store: Store,
        config: PublishConfig,
        *,
        log: Callable[[str], None],
        worker_id: str | None = None,
        clock: Callable[[], datetime] = utcnow_exact,
        notify: NotifyConfig | None = None,
    ) -> None:
        from creatorctl.notify import Notifier

        self.config = config
        self.log = log
        self.stopping = threading.Event()
        self.notifier = Notifier(notify or NotifyConfig(), store, log_line=log)
        self.tick = Tick(
            store,
            config,
            kind="headless",
            notifier=self.notifier,
            on_outcome=lambda o: log(describe_outcome(o)),
            on_error=log,
            stop=self.stopping.is_set,
            clock=clock,
            worker_id=worker_id,
        )
        self.worker_id = self.tick.worker_id

    def run(self) -> None:
        from apscheduler.schedulers.background import BackgroundScheduler

        logging.getLogger("apscheduler").setLevel(logging.ERROR)
        previous = {
            sig: signal.signal(sig, lambda *_: self.stopping.set())
            for sig in (signal.SIGTERM, signal.SIGINT)
        }
        sched = BackgroundScheduler()
        sched.add_job(
            self.tick,
            "interval",
            seconds=self.config.poll_seconds,
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now().astimezone(),
        )
        self.log(t("sched.started", worker=self.worker_id, poll=f"{self.config.poll_seconds:g}"))
        if self.config.claim_timeout <= self.config.timeout:
            self.log(t("sched.warn_claim_timeout"))
        sched.start()
        try:
            while not self.stopping.wait(0.5):
                pass
        finally:
            sched.shutdown(wait=True)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self.tick.unregister()
            self.notifier.flush(5)
            self.log(t("sched.stopped"))


# --- in the app -----------------------------------------------------------------------------


class InAppScheduler:
    """The app's AsyncIOScheduler: a tick on the event loop hands the work to a thread.

    Callbacks run in that thread: the app passes ones that only `post_message` to the UI.
    """

    def __init__(
        self,
        store: Store,
        config: PublishConfig,
        on_outcome: Callable[[PublishOutcome], object],
        on_error: Callable[[str], object],
        *,
        clock: Callable[[], datetime] = utcnow_exact,
        notify: NotifyConfig | None = None,
    ) -> None:
        from creatorctl.notify import Notifier, SpoolWatcher

        self.config = config
        self.on_error = on_error
        self.notifier = Notifier(notify or NotifyConfig(), store)
        spool = self.notifier.spool
        self.watcher = SpoolWatcher(spool) if spool is not None else None
        self._stopping = threading.Event()
        self.tick = Tick(
            store,
            config,
            kind="app",
            notifier=self.notifier,
            on_outcome=on_outcome,
            on_error=on_error,
            stop=self._stopping.is_set,
            clock=clock,
        )
        self.worker_id = self.tick.worker_id
        self._sched: object | None = None

    def _work(self) -> None:
        try:  # in a thread: no database on the event loop
            self.tick()
        finally:
            self._show_spooled()

    def _show_spooled(self) -> None:
        """Events any process of this user wrote for this store: a toast and the bell (a
        failed post, live drop or tick error of our own is already shown)."""
        for event in self.watcher.poll() if self.watcher is not None else []:
            if event.get("pid") == os.getpid() and event.get("event") in _SHOWN_BY_APP:
                continue
            self.on_error(str(event["text"]))

    async def _tick(self) -> None:
        await asyncio.to_thread(self._work)

    def start(self) -> None:
        """Call on the app's event loop, after the store is open."""
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        logging.getLogger("apscheduler").setLevel(logging.ERROR)
        sched = AsyncIOScheduler()
        sched.add_job(
            self._tick,
            "interval",
            seconds=min(1.0, self.config.poll_seconds),
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now().astimezone(),
        )
        sched.start()
        self._sched = sched

    def shutdown(self) -> None:
        self._stopping.set()
        if self._sched is not None:
            self._sched.shutdown(wait=False)  # type: ignore[attr-defined]
            self._sched = None
        try:
            self.tick.unregister()
        except Exception:  # noqa: BLE001 - the app is closing; the heartbeat ages out
            logging.getLogger(__name__).debug("could not unregister", exc_info=True)


# --- systemd --------------------------------------------------------------------------------


def unit_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def _control_char(text: str) -> str | None:
    """The first C0/C1 control character (or DEL) in `text`, shown as \\xNN, if any."""
    for c in text:
        if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F:
            return f"\\x{ord(c):02x}"
    return None


def _quote(arg: str) -> str:
    """systemd's ExecStart quoting: double quotes, backslash escapes, % doubled.

    A control character (a newline above all) would end the line and start a directive of
    the attacker's choosing; systemd has no quoting for it, so it is refused.
    """
    bad = _control_char(arg)
    if bad:
        raise UserError(t("sched.control_char", arg=repr(arg), char=bad))
    arg = arg.replace("%", "%%")
    if arg and all(c.isalnum() or c in "/._-=:+@" for c in arg):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unit_location(store: Store) -> tuple[str | None, bool]:
    """What the unit's `--db` says for `store` — its file, or its PostgreSQL URL with no
    password (never written to disk: libpq finds it in ~/.pgpass) — and whether a password
    was left out."""
    if store.path is not None:
        return str(store.path.resolve()), False
    if store.dialect == "postgresql":
        from creatorctl.store_pg import without_password

        return without_password(store.url)
    return None, False


def unit_text(db: Path | str | None, hook_timeout: float = 120.0) -> str:
    """The systemd user unit that runs the headless scheduler on the same store (`db`: its
    file, or a PostgreSQL URL without a password, see `unit_location`).

    On stop only the scheduler gets SIGTERM (KillMode=mixed): a hook in flight may finish and
    its result is written before the process exits, within the hook's own timeout.
    """
    argv = [sys.executable, "-m", "creatorctl"]
    if db is not None:
        argv += ["--db", str(db.resolve()) if isinstance(db, Path) else db]
    argv += ["scheduler", "run"]
    env = []
    for var in ("CREATORCTL_CONFIG", "TZ", "LANG", "PGPASSFILE"):
        value = os.environ.get(var)
        if value:
            env.append(f"Environment={_quote(f'{var}={value}')}")
    lines = [
        "[Unit]",
        "Description=creatorctl scheduled posts (抖音定时发布)",
        "After=network-online.target",
        "",
        "[Service]",
        "Type=simple",
        f"ExecStart={' '.join(_quote(a) for a in argv)}",
        *env,
        "Restart=on-failure",
        "RestartSec=5",
        "KillSignal=SIGTERM",
        "KillMode=mixed",
        f"TimeoutStopSec={int(hook_timeout) + 30}",
        "",
        "[Install]",
        "WantedBy=default.target",
        "",
    ]
    return "\n".join(lines)


def install_unit(db: Path | str | None, hook_timeout: float = 120.0) -> tuple[Path, list[str]]:
    """Write the unit (0600); return its path and the commands that enable it and keep it
    running."""
    from creatorctl.safe_fs import make_private_dir, write_private

    text = unit_text(db, hook_timeout)
    path = make_private_dir(unit_dir(), what=t("fs.what.unit")) / UNIT_NAME
    write_private(path, text, what=t("fs.what.unit"))
    user = os.environ.get("USER") or "$USER"
    return path, [
        f"systemctl --user daemon-reload && systemctl --user enable --now {UNIT_NAME[:-8]}",
        f"loginctl enable-linger {shlex.quote(user)}",
    ]
