"""Live 直播: previews, past sessions, and the monitor that follows a growing sample file.

A sample is one reading: viewers online now, and gifts, likes and new fans so far (running
totals). The monitor alerts when viewers fall by `drop_ratio` or more within `window_s`
seconds, measured by the samples' own timestamps (never the wall clock), so replaying a file
gives the same alerts as watching it live.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from creatorctl.audit import record
from creatorctl.errors import UserError
from creatorctl.i18n import fmt_int, fmt_pct, t
from creatorctl.importers.numbers import ParseError, parse_count, parse_datetime
from creatorctl.store import Store
from creatorctl.store_bulk import Bulk
from creatorctl.timeutil import from_db, local_to_utc, now_local, to_db, utc_to_local, utcnow

TOPIC_MAX = 55


@dataclass(frozen=True)
class Sample:
    ts: datetime
    """Local time."""
    online: int
    gifts: int = 0
    likes: int = 0
    new_fans: int = 0


@dataclass(frozen=True)
class DropAlert:
    """Viewers fell from `peak` (at `peak_at`) to `online` (at `at`)."""

    at: datetime
    peak_at: datetime
    peak: int
    online: int

    @property
    def drop(self) -> float:
        return (self.peak - self.online) / self.peak if self.peak else 0.0

    @property
    def seconds(self) -> float:
        return (self.at - self.peak_at).total_seconds()

    def as_json(self) -> dict[str, object]:
        return {
            "at": self.at.isoformat(sep=" "),
            "peak_at": self.peak_at.isoformat(sep=" "),
            "peak": self.peak,
            "online": self.online,
            "drop": round(self.drop, 4),
            "seconds": self.seconds,
        }


@dataclass(frozen=True)
class LiveSummary:
    start: datetime | None
    end: datetime | None
    samples: int
    peak: int
    peak_at: datetime | None
    average: float
    gifts: int
    likes: int
    new_fans: int
    alerts: tuple[DropAlert, ...]

    @property
    def duration_s(self) -> float:
        return (self.end - self.start).total_seconds() if self.start and self.end else 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "start": self.start.isoformat(sep=" ") if self.start else None,
            "end": self.end.isoformat(sep=" ") if self.end else None,
            "duration_s": self.duration_s,
            "samples": self.samples,
            "peak": self.peak,
            "peak_at": self.peak_at.isoformat(sep=" ") if self.peak_at else None,
            "average": round(self.average, 1),
            "gifts": self.gifts,
            "likes": self.likes,
            "new_fans": self.new_fans,
            "alerts": [a.as_json() for a in self.alerts],
        }


def alert_line(a: DropAlert, *, date: bool = True) -> str:
    """One alert as people read it (CLI line, notification, list)."""
    return t(
        "inbox.alert",
        at=a.at.strftime("%Y-%m-%d %H:%M:%S" if date else "%H:%M:%S"),
        peak=fmt_int(a.peak),
        online=fmt_int(a.online),
        drop=fmt_pct(a.drop, 0),
        secs=int(a.seconds),
    )


def summary_line(s: LiveSummary) -> str:
    secs = int(s.duration_s)
    return t(
        "inbox.summary",
        duration=f"{secs // 3600}:{secs % 3600 // 60:02d}:{secs % 60:02d}",
        peak=fmt_int(s.peak),
        peak_at=s.peak_at.strftime("%H:%M:%S") if s.peak_at else "–",
        average=fmt_int(s.average),
        gifts=fmt_int(s.gifts),
        likes=fmt_int(s.likes),
        fans=fmt_int(s.new_fans),
        alerts=len(s.alerts),
    )


class LiveMonitor:
    """Feed samples in time order; get an alert when viewers drop fast."""

    def __init__(self, drop_ratio: float = 0.20, window_s: float = 60.0) -> None:
        if not 0 < drop_ratio < 1:
            raise UserError(t("inbox.err_drop_ratio", value=drop_ratio))
        self.drop_ratio = drop_ratio
        self.window = timedelta(seconds=max(0.0, window_s))
        self.samples: list[Sample] = []
        self.alerts: list[DropAlert] = []
        self._recent: deque[Sample] = deque()
        self._online_sum = 0
        self._peak: Sample | None = None

    def feed(self, s: Sample) -> DropAlert | None:
        """Add a sample; an older one than the last is ignored (None)."""
        if self.samples and s.ts < self.samples[-1].ts:
            return None
        self.samples.append(s)
        self._online_sum += s.online
        if self._peak is None or s.online > self._peak.online:
            self._peak = s
        # Samples before the last alert no longer count: a drop alerts once.
        since = s.ts - self.window
        if self.alerts and self.alerts[-1].at > since:
            since = self.alerts[-1].at
        while self._recent and self._recent[0].ts < since:
            self._recent.popleft()
        alert = None
        if self._recent:
            top = max(self._recent, key=lambda x: (x.online, x.ts))  # the latest peak
            if top.online > 0 and (top.online - s.online) / top.online >= self.drop_ratio:
                alert = DropAlert(s.ts, top.ts, top.online, s.online)
                self.alerts.append(alert)
                self._recent.clear()
        self._recent.append(s)
        return alert

    def summary(self) -> LiveSummary:
        ss = self.samples
        if not ss:
            return LiveSummary(None, None, 0, 0, None, 0.0, 0, 0, 0, ())
        peak = self._peak
        assert peak is not None
        return LiveSummary(
            start=ss[0].ts,
            end=ss[-1].ts,
            samples=len(ss),
            peak=peak.online,
            peak_at=peak.ts,
            average=self._online_sum / len(ss),
            gifts=max(x.gifts for x in ss),
            likes=max(x.likes for x in ss),
            new_fans=max(x.new_fans for x in ss),
            alerts=tuple(self.alerts),
        )


# --- reading samples --------------------------------------------------------------------------


def parse_ts(value: Any, base: datetime | None = None) -> datetime:
    """A timestamp as written: any date-time the importers read (unix seconds included), or a
    time of day HH:MM[:SS] (on `base`'s day, else today)."""
    try:
        dt = parse_datetime(value)
    except ParseError:
        dt = None
    if dt is not None:
        return dt
    parts = str(value).strip().split(":")
    if 2 <= len(parts) <= 3 and all(p.isdigit() for p in parts):
        h, m = int(parts[0]), int(parts[1])
        sec = int(parts[2]) if len(parts) == 3 else 0
        if h < 24 and m < 60 and sec < 60:
            day = (base or now_local()).replace(hour=0, minute=0, second=0, microsecond=0)
            return day + timedelta(hours=h, minutes=m, seconds=sec)
    raise ValueError(t("inbox.err_sample_time", value=str(value)))


def _count(value: Any) -> int:
    try:
        n = parse_count(value)
    except ParseError as exc:
        raise ValueError(t(exc.expected) + f": {value!r}") from None
    return n or 0


@cache
def _header_keys() -> dict[str, str]:
    """A normalized header → the sample field it names (the live-samples import's columns)."""
    from creatorctl.importers.base import normalize_header
    from creatorctl.importers.kinds.inbox_live import LiveSamples

    return {normalize_header(h): c.key for c in LiveSamples.columns for h in (c.key, *c.headers)}


def sample_from(record: dict[str, Any], base: datetime | None = None) -> Sample:
    """A sample from a mapping with (aliases of) ts, online, gifts, likes, new_fans."""
    from creatorctl.importers.base import normalize_header

    keys = _header_keys()
    norm: dict[str, Any] = {}
    for key, value in record.items():
        name = keys.get(normalize_header(key))
        if name is not None:
            norm[name] = value
    for need in ("ts", "online"):
        if need not in norm:
            raise ValueError(t("inbox.err_sample_missing", col=need))
    return Sample(
        ts=parse_ts(norm["ts"], base),
        online=_count(norm["online"]),
        gifts=_count(norm.get("gifts")),
        likes=_count(norm.get("likes")),
        new_fans=_count(norm.get("new_fans")),
    )


@dataclass
class SampleFollower:
    """Tail-reads a growing sample file (JSON lines or CSV with a header).

    `poll()` returns the samples in lines completed since the last call; a partly written last
    line waits for its newline. Bad lines are skipped and listed in `bad`.
    """

    path: Path
    offset: int = 0
    line_no: int = 0
    bad: list[tuple[int, str]] = field(default_factory=list)
    _pending: bytes = b""
    _header: list[str] | None = None
    _json: bool | None = None
    _base: datetime | None = None

    def poll(self, *, final: bool = False) -> list[Sample]:
        """New samples; `final` also takes a last line without its newline."""
        try:
            size = os.path.getsize(self.path)
        except OSError as exc:
            raise UserError(
                t("inbox.err_sample_file", path=self.path, error=exc.strerror)
            ) from None
        if size < self.offset:  # truncated or replaced: start over
            self.offset, self._pending, self._header, self._json = 0, b"", None, None
            self.line_no = 0
        with open(self.path, "rb") as fh:
            fh.seek(self.offset)
            data = fh.read()
        self.offset += len(data)
        data = self._pending + data
        lines = data.split(b"\n")
        self._pending = lines.pop()
        if final and self._pending.strip():
            lines.append(self._pending)
            self._pending = b""
        out: list[Sample] = []
        for raw in lines:
            self.line_no += 1
            text = raw.decode("utf-8", errors="replace").strip().lstrip("\ufeff")
            if not text:
                continue
            try:
                sample = self._parse(text)
            except (ValueError, TypeError, KeyError, json.JSONDecodeError) as exc:
                self.bad.append((self.line_no, str(exc)))
                continue
            if sample is not None:
                out.append(sample)
                self._base = sample.ts
        return out

    def _parse(self, text: str) -> Sample | None:
        if self._json is None:
            self._json = text.startswith("{")
            if not self._json:
                self._header = next(csv.reader(io.StringIO(text)))
                return None
        if self._json:
            record = json.loads(text)
            if not isinstance(record, dict):
                raise ValueError(t("inbox.err_sample_not_object"))
            return sample_from(record, self._base)
        assert self._header is not None
        cells = next(csv.reader(io.StringIO(text)))
        return sample_from(dict(zip(self._header, cells, strict=False)), self._base)


# --- previews and sessions --------------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    id: int
    topic: str
    start_at: datetime
    """Local time."""


@dataclass(frozen=True)
class SessionRow:
    id: int
    title: str
    started_at: datetime
    """Local time."""
    ended_at: datetime | None
    samples: int


def add_preview(store: Store, account_id: int, topic: str, start_at: datetime) -> Preview:
    """Announce a live (start in local time, in the future)."""
    topic = " ".join(topic.split())
    if not topic:
        raise UserError(t("err.empty", field=t("inbox.field_topic")))
    if len(topic) > TOPIC_MAX:
        raise UserError(
            t("err.too_long", field=t("inbox.field_topic"), limit=TOPIC_MAX, n=len(topic))
        )
    if start_at <= now_local():
        raise UserError(t("inbox.err_preview_past", at=start_at.strftime("%Y-%m-%d %H:%M")))
    with store.write() as conn:
        pid = conn.execute(
            sa.text(
                "INSERT INTO livepreview(account_id, topic, start_at, created_at) "
                "VALUES (:a, :t, :s, :c) RETURNING id"
            ),
            {"a": account_id, "t": topic, "s": local_to_utc(start_at), "c": utcnow()},
        ).scalar_one()
        at = {"topic": topic, "start_at": start_at.isoformat(sep=" ", timespec="minutes")}
        record(conn, "create", "live_preview", pid, account_id, None, at)
    return Preview(pid, topic, start_at)


def live_clashes(
    store: Store, account_id: int, when_local: datetime, minutes: int = 60
) -> list[Preview]:
    """Live previews within `minutes` of a post's time: fans are in the live room then."""
    margin = timedelta(minutes=minutes)
    return list_previews(
        store, account_id, start=when_local - margin, end=when_local + margin + timedelta(seconds=1)
    )


def list_previews(
    store: Store,
    account_id: int,
    *,
    upcoming: bool = True,
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[Preview]:
    """Live previews by start time (local bounds `start`..`end` when given; e.g. a calendar)."""
    sql = "SELECT id, topic, start_at FROM livepreview WHERE account_id=:a"
    params: dict[str, object] = {"a": account_id}
    if upcoming and start is None:
        start = now_local()
    if start is not None:
        sql += " AND start_at >= :s"
        params["s"] = local_to_utc(start)
    if end is not None:
        sql += " AND start_at < :e"
        params["e"] = local_to_utc(end)
    with store.read() as conn:
        rows = conn.execute(sa.text(sql + " ORDER BY start_at, id"), params)
        return [Preview(r.id, r.topic, utc_to_local(from_db(r.start_at))) for r in rows]


def delete_preview(store: Store, account_id: int, preview_id: int) -> None:
    with store.write() as conn:
        old = conn.execute(
            sa.text("SELECT topic FROM livepreview WHERE id=:i AND account_id=:a"),
            {"i": preview_id, "a": account_id},
        ).scalar()
        n = conn.execute(
            sa.text("DELETE FROM livepreview WHERE id=:i AND account_id=:a"),
            {"i": preview_id, "a": account_id},
        ).rowcount
        if n:
            record(conn, "delete", "live_preview", preview_id, account_id, {"topic": old})
    if not n:
        raise UserError(t("inbox.err_unknown_preview", id=preview_id))


def save_session(work: Bulk, account_id: int, title: str, samples: list[Sample]) -> tuple[int, int]:
    """Store samples as a session (found by its start time, so re-saving adds nothing).

    Returns (session id, samples added).
    """
    if not samples:
        raise UserError(t("inbox.err_no_samples"))
    samples = sorted(samples, key=lambda s: s.ts)
    start = to_db(local_to_utc(samples[0].ts))
    end = to_db(local_to_utc(samples[-1].ts))
    row = work.execute(
        "SELECT id FROM livesession WHERE account_id=? AND started_at=?", (account_id, start)
    ).fetchone()
    if row is None:
        row = work.execute(
            "INSERT INTO livesession(account_id, title, started_at, ended_at) "
            "VALUES (?, ?, ?, ?) RETURNING id",
            (account_id, title, start, end),
        ).fetchone()
    sid = int(row[0])
    cur = work.executemany(
        "INSERT INTO livesample(session_id, ts, online, gifts, likes, new_fans) "
        "VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
        [(sid, to_db(local_to_utc(s.ts)), s.online, s.gifts, s.likes, s.new_fans) for s in samples],
    )
    work.execute(
        "UPDATE livesession SET ended_at=(SELECT max(ts) FROM livesample WHERE session_id=?) "
        "WHERE id=?",
        (sid, sid),
    )
    return sid, max(0, int(cur.rowcount))


def list_sessions(store: Store, account_id: int) -> list[SessionRow]:
    with store.read() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT s.id, s.title, s.started_at, s.ended_at, "
                "(SELECT count(*) FROM livesample x WHERE x.session_id = s.id) AS n "
                "FROM livesession s WHERE s.account_id=:a ORDER BY s.started_at DESC"
            ),
            {"a": account_id},
        )
        return [
            SessionRow(
                r.id,
                r.title,
                utc_to_local(from_db(r.started_at)),
                utc_to_local(from_db(r.ended_at)) if r.ended_at else None,
                r.n,
            )
            for r in rows
        ]


def session_samples(store: Store, account_id: int, session_id: int) -> list[Sample]:
    with store.read() as conn:
        owner = conn.execute(
            sa.text("SELECT account_id FROM livesession WHERE id=:i"), {"i": session_id}
        ).scalar()
        if owner != account_id:
            raise UserError(t("inbox.err_unknown_session", id=session_id))
        rows = conn.execute(
            sa.text(
                "SELECT ts, online, gifts, likes, new_fans FROM livesample WHERE session_id=:i "
                "ORDER BY ts"
            ),
            {"i": session_id},
        )
        return [
            Sample(utc_to_local(from_db(r.ts)), r.online, r.gifts, r.likes, r.new_fans)
            for r in rows
        ]


def replay(samples: list[Sample], drop_ratio: float, window_s: float) -> LiveSummary:
    """The summary (with alerts) a monitor would have given for these samples."""
    monitor = LiveMonitor(drop_ratio, window_s)
    for s in samples:
        monitor.feed(s)
    return monitor.summary()
