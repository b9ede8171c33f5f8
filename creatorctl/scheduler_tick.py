"""One tick of a scheduler (`scheduler run` and the app's run the same), and the process
registry it keeps: each scheduler records itself in `schedulerprocess` with a heartbeat, so
`scheduler status` can say who is running and who holds claims."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa

from creatorctl.config import PublishConfig
from creatorctl.drafts import ts
from creatorctl.i18n import t
from creatorctl.publishing import PublishOutcome, new_worker_id, run_due
from creatorctl.store import Store
from creatorctl.timeutil import now_local, utcnow_exact

if TYPE_CHECKING:
    from creatorctl.notify import Notifier

HEARTBEAT_S = 10.0
"""How often a running scheduler says it is alive (a write, so not every tick)."""


def is_busy(exc: BaseException) -> bool:
    """The store is locked by a long write (an import): skip this tick, the next one retries."""
    return isinstance(exc, sa.exc.OperationalError) and "locked" in str(exc.orig)


# --- who is running -------------------------------------------------------------------------


def register_process(store: Store, worker_id: str, kind: str, now: datetime) -> bool:
    """Say who we are; False while an import holds the store (a later tick tries again)."""
    with store.try_write(200) as conn:
        if conn is None:
            return False
        conn.execute(
            sa.text(
                "INSERT INTO schedulerprocess(worker_id, pid, host, kind, started_at, "
                "heartbeat_at) VALUES (:w, :pid, :host, :kind, :now, :now)"
            ),
            {
                "w": worker_id,
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "kind": kind,
                "now": ts(now),
            },
        )
        # Keep the table small: forget schedulers that stopped more than a week ago.
        conn.execute(
            sa.text("DELETE FROM schedulerprocess WHERE stopped_at < :old"),
            {"old": ts(now - timedelta(days=7))},
        )
    return True


def heartbeat(store: Store, worker_id: str, now: datetime) -> None:
    """Say we are alive; skipped while an import holds the store (a tick must not queue)."""
    with store.try_write(200) as conn:
        if conn is None:
            return
        conn.execute(
            sa.text("UPDATE schedulerprocess SET heartbeat_at=:now WHERE worker_id=:w"),
            {"now": ts(now), "w": worker_id},
        )


def unregister_process(store: Store, worker_id: str, now: datetime) -> None:
    """Best effort: while an import holds the store the heartbeat simply ages out."""
    with store.try_write(1_000) as conn:
        if conn is None:
            return
        conn.execute(
            sa.text("UPDATE schedulerprocess SET stopped_at=:now WHERE worker_id=:w"),
            {"now": ts(now), "w": worker_id},
        )


# --- one tick -------------------------------------------------------------------------------


class Tick:
    """One tick, the same in `scheduler run` and in the app: say who we are (once), publish
    what is due, beat the heart every HEARTBEAT_S, send the notify digest when it is due.

    A store held by a long write (an import) skips the tick; any other error goes to
    `on_error` and the notify command once per distinct text (not every half second) and is
    never raised: a tick must never kill its scheduler, the next one tries again."""

    def __init__(
        self,
        store: Store,
        config: PublishConfig,
        *,
        kind: str,
        notifier: Notifier,
        on_outcome: Callable[[PublishOutcome], object],
        on_error: Callable[[str], object],
        stop: Callable[[], bool],
        clock: Callable[[], datetime] = utcnow_exact,
        worker_id: str | None = None,
    ) -> None:
        self.store = store
        self.config = config
        self.kind = kind
        self.notifier = notifier
        self.on_outcome = on_outcome
        self.on_error = on_error
        self.stop = stop
        self.clock = clock
        self.worker_id = worker_id or new_worker_id(kind)
        self.registered = False
        self._last_beat = 0.0
        self._last_error = ""

    def __call__(self) -> None:
        try:
            if not self.registered:
                self.registered = register_process(
                    self.store, self.worker_id, self.kind, self.clock()
                )
                self._last_beat = time.monotonic()
            run_due(
                self.store,
                self.config,
                self.worker_id,
                clock=self.clock,
                on_outcome=self.on_outcome,
                stop=self.stop,
                on_event=self.notifier.publish_event,
            )
            if time.monotonic() - self._last_beat >= HEARTBEAT_S:
                self._last_beat = time.monotonic()
                heartbeat(self.store, self.worker_id, self.clock())
            self.notifier.maybe_digest(now_local())
            self._last_error = ""
        except Exception as exc:  # noqa: BLE001 - a tick must never kill the scheduler
            if is_busy(exc):
                return
            message = f"{type(exc).__name__}: {exc}"
            if message != self._last_error:
                self._last_error = message
                self.on_error(t("sched.tick_error", error=message))
                self.notifier.scheduler_error(message)

    def unregister(self) -> None:
        """Leave `schedulerprocess` (if this scheduler ever got in)."""
        if self.registered:
            unregister_process(self.store, self.worker_id, self.clock())
