"""Telling a person: failed, missed and unknown posts, scheduler errors, live drops, a digest.

`[notify] command` is an argv run without a shell (through `hooks.run_hook`, so with its
timeout, bounded output and process-group kill); the event is one JSON object on stdin:

    {"event": "publish_failed", "time": "2026-11-26T20:00:03+08:00", "account": "me",
     "draft_id": 12, "title": "…", "text": "…", "text_zh": "…", "text_en": "…"}

`event` is one of EVENTS. The command runs in a thread of its own: a slow or failing one is
logged and never holds up publishing. Every event is also appended to the store's event spool
(`<store>-events.jsonl`, 0600) which an open app of the same user watches, to show a toast and
ring the bell.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from creatorctl.config import NotifyConfig
from creatorctl.drafts import ts
from creatorctl.hooks import HookResult, run_hook
from creatorctl.i18n import catalog, language
from creatorctl.store import Store, get_setting, set_setting
from creatorctl.timeutil import local_to_utc, now_local

EVENTS = (
    "publish_failed",
    "publish_missed",
    "publish_unknown",
    "scheduler_error",
    "live_drop",
    "digest",
)
SPOOL_MAX_BYTES = 1_000_000
"""The spool starts afresh past this size (watchers notice and re-read from the start)."""
log = logging.getLogger(__name__)


def both(key: str, **kwargs: object) -> tuple[str, str]:
    """The message `key` in Chinese and in English, each on one line."""
    zh, en = catalog().get(key, (key, key))
    return (" ".join(zh.format(**kwargs).split()), " ".join(en.format(**kwargs).split()))


def make_event(
    kind: str,
    texts: tuple[str, str],
    *,
    account: str | None = None,
    draft_id: int | None = None,
    title: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    zh, en = texts
    event: dict[str, Any] = {
        "event": kind,
        "time": now_local().astimezone().isoformat(timespec="seconds"),
        "account": account,
    }
    if draft_id is not None:
        event["draft_id"] = draft_id
        event["title"] = title
    event.update(text=zh if language() == "zh" else en, text_zh=zh, text_en=en, **extra)
    return event


def spool_path(store: Store | None) -> Path | None:
    """Where this user's processes on this store leave events for an open app: beside the
    store file, or (a PostgreSQL store) in the user's private data folder, named by the store."""
    if store is None:
        return None
    if store.path:
        return Path(f"{store.path}-events.jsonl")
    if store.dialect != "postgresql":
        return None
    import hashlib

    from creatorctl.paths import default_db_path, ensure_private_dir

    folder = default_db_path().parent
    ensure_private_dir(folder)
    digest = hashlib.sha256(store.label.encode()).hexdigest()[:16]
    return folder / f"team-{digest}-events.jsonl"


def append_spool(path: Path, event: dict[str, Any]) -> None:
    """One line per event; best effort (a full disk must not stop publishing)."""
    line = json.dumps({**event, "pid": os.getpid()}, ensure_ascii=False) + "\n"
    with contextlib.suppress(OSError):
        # O_NOFOLLOW: beside a store in a shared sticky folder (/tmp), another user could have
        # put a symlink here to a file of ours; we never write through it.
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW
        if path.exists() and path.stat().st_size > SPOOL_MAX_BYTES:
            flags |= os.O_TRUNC
        fd = os.open(path, flags, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)


class SpoolWatcher:
    """New events in a store's spool since this watcher started (for an open app)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.offset = path.stat().st_size
        except OSError:
            self.offset = 0

    def poll(self) -> list[dict[str, Any]]:
        try:
            size = self.path.stat().st_size
        except OSError:
            return []
        if size < self.offset:  # started afresh
            self.offset = 0
        if size == self.offset:
            return []
        with self.path.open("rb") as fh:
            fh.seek(self.offset)
            data = fh.read(size - self.offset)
        end = data.rfind(b"\n") + 1
        self.offset += end
        events = []
        for raw in data[:end].splitlines():
            with contextlib.suppress(ValueError):
                obj = json.loads(raw)
                if isinstance(obj, dict) and "text" in obj:
                    events.append(obj)
        return events


class Notifier:
    """Sends events through `[notify] command` (in the background) and the store's spool."""

    def __init__(
        self,
        config: NotifyConfig,
        store: Store | None = None,
        *,
        log_line: Callable[[str], object] | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.log_line = log_line
        self.spool = spool_path(store)
        self._threads: list[threading.Thread] = []

    def send(self, event: dict[str, Any]) -> HookResult:
        """Run the command once for `event`, here and now."""
        result = run_hook(self.config.command, {}, event, self.config.timeout)
        if not result.ok:
            line = " ".join(f"notify {event['event']}: {result.error}".split())
            log.warning(line)
            if self.log_line is not None:
                self.log_line(line)
        return result

    def emit(self, event: dict[str, Any]) -> None:
        """Spool it and send it in a thread of its own; never raises, never waits."""
        if self.spool is not None:
            append_spool(self.spool, event)
        if not self.config.command:
            return
        thread = threading.Thread(target=self.send, args=(event,), daemon=True)
        thread.start()
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]

    def flush(self, timeout: float | None = None) -> None:
        """Wait for commands still running (a CLI command about to exit)."""
        for thread in self._threads:
            thread.join(timeout if timeout is not None else self.config.timeout + 3)

    # --- the events ---------------------------------------------------------------------

    def publish_event(self, kind: str, draft_id: int) -> None:
        """publish_failed / publish_missed / publish_unknown for one draft (called after the
        state was committed)."""
        if self.store is None:
            return
        try:
            with self.store.read() as conn:
                r = conn.execute(
                    sa.text(
                        "SELECT d.title, d.last_error, a.handle FROM draft d "
                        "JOIN account a ON a.id = d.account_id WHERE d.id=:i"
                    ),
                    {"i": draft_id},
                ).first()
        except sa.exc.SQLAlchemyError:
            r = None
        title, error, handle = (r.title, r.last_error, r.handle) if r else ("", "", None)
        texts = both(f"notify.{kind}", id=draft_id, title=title, error=error or "")
        self.emit(make_event(kind, texts, account=handle, draft_id=draft_id, title=title))

    def scheduler_error(self, message: str, account: str | None = None) -> None:
        self.emit(make_event("scheduler_error", both("notify.scheduler_error", error=message)))

    def live_drop(self, alert: Any, account: str | None = None) -> None:
        """A `creatorctl.inbox.live.DropAlert`: viewers fell by the configured share."""
        texts = both(
            "inbox.alert",
            at=alert.at.strftime("%Y-%m-%d %H:%M:%S"),
            peak=f"{alert.peak:,}",
            online=f"{alert.online:,}",
            drop=f"{alert.drop:.0%}",
            secs=int(alert.seconds),
        )
        self.emit(make_event("live_drop", texts, account=account, **alert.as_json()))

    # --- the daily digest ---------------------------------------------------------------

    def digest_due(self, now: datetime) -> bool:
        """Is it past today's digest time (local `now`) and today's not sent yet?"""
        if not self.config.digest or self.store is None:
            return False
        hh, mm = (int(x) for x in self.config.digest.split(":"))
        if now.time() < time(hh, mm):
            return False
        with self.store.read() as conn:
            return get_setting(conn, "notify.digest_day") != now.date().isoformat()

    def maybe_digest(self, now: datetime) -> bool:
        """Send today's digest once (across every scheduler on the store); True if sent."""
        if not self.digest_due(now):
            return False
        assert self.store is not None
        day = now.date().isoformat()
        with self.store.try_write(300) as conn:  # a tick never queues behind an import
            if conn is None or get_setting(conn, "notify.digest_day") == day:
                return False  # busy (a later tick), or another scheduler was quicker
            set_setting(conn, "notify.digest_day", day)
        for event in digest_events(self.store, now.date() - timedelta(days=1)):
            self.emit(event)
        return True


def digest_events(store: Store, day: Any) -> list[dict[str, Any]]:
    """One digest per account for local `day`: posts published, failed and missed, new
    flagged comments, and the fan change."""
    start = local_to_utc(datetime.combine(day, time()))
    end = local_to_utc(datetime.combine(day + timedelta(days=1), time()))
    rng = {"s": ts(start), "e": ts(end)}
    events = []
    with store.read() as conn:
        for acc in conn.execute(sa.text("SELECT id, handle FROM account ORDER BY id")).all():
            p = {**rng, "a": acc.id}
            posts = conn.execute(
                sa.text(
                    "SELECT id, title, state FROM draft WHERE account_id=:a AND deleted_at IS NULL"
                    " AND ((state='published' AND published_at >= :s AND published_at < :e) OR "
                    "(state IN ('failed', 'missed', 'unknown') AND updated_at >= :s "
                    "AND updated_at < :e)) ORDER BY id"
                ),
                p,
            ).all()
            flagged = conn.execute(
                sa.text(
                    "SELECT count(*) FROM comment WHERE account_id=:a AND flags <> '' AND "
                    "deleted_at IS NULL AND created_at >= :s AND created_at < :e"
                ),
                p,
            ).scalar_one()
            fans = conn.execute(
                sa.text(
                    "SELECT sum(fans_gained - fans_lost) FROM accountdaily "
                    "WHERE account_id=:a AND day=:d"
                ),
                {"a": acc.id, "d": day.isoformat()},
            ).scalar_one()
            by: dict[str, list[dict[str, Any]]] = {
                s: [] for s in ("published", "failed", "missed", "unknown")
            }
            for r in posts:
                by[r.state].append({"draft_id": r.id, "title": r.title})
            texts = both(
                "notify.digest",
                account=acc.handle,
                day=day.isoformat(),
                published=len(by["published"]),
                failed=len(by["failed"]),
                missed=len(by["missed"]),
                flagged=flagged,
                fans=f"{fans:+d}" if fans is not None else "–",
            )
            events.append(
                make_event(
                    "digest",
                    texts,
                    account=acc.handle,
                    day=day.isoformat(),
                    published=by["published"],
                    failed=by["failed"],
                    missed=by["missed"],
                    unknown=by["unknown"],
                    flagged_comments=flagged,
                    fan_change=fans,
                )
            )
    return events
