"""全民任务 platform tasks: which works qualify, how far the others are, rewards counted once.

A work qualifies for a task when the task's topic is among its topics, it was published inside
the task's window (both ends included) and its plays reached the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from creatorctl.earn.ledger import record_earning
from creatorctl.sqlport import contains
from creatorctl.store import Store, Unit
from creatorctl.timeutil import from_db, to_db, today, utc_to_local, utcnow

SHOWN_WORKS = 20
"""At most this many qualifying and this many in-progress works per task are listed."""


@dataclass(frozen=True)
class TaskWork:
    """A work that counts towards a task."""

    work_id: int
    title: str
    published_at: datetime
    """Local time."""
    plays: int
    progress: float
    """plays / threshold, capped at 1."""


@dataclass(frozen=True)
class PlatformTaskStatus:
    """A task, its window state and the works on its way."""

    id: int
    topic: str
    title: str
    play_threshold: int
    reward: float
    starts_at: datetime
    """Local time."""
    ends_at: datetime
    rules: str
    state: str
    """upcoming, active or ended."""
    qualifying: tuple[TaskWork, ...]
    in_progress: tuple[TaskWork, ...]
    n_qualifying: int
    n_in_progress: int
    rewarded: bool
    """The reward is in the ledger."""

    def as_json(self) -> dict[str, object]:
        def works(items: tuple[TaskWork, ...]) -> list[dict[str, object]]:
            return [
                {
                    "work_id": w.work_id,
                    "title": w.title,
                    "published_at": w.published_at.isoformat(sep=" "),
                    "plays": w.plays,
                    "progress": round(w.progress, 4),
                }
                for w in items
            ]

        return {
            "id": self.id,
            "topic": self.topic,
            "title": self.title,
            "play_threshold": self.play_threshold,
            "reward": self.reward,
            "starts_at": self.starts_at.isoformat(sep=" "),
            "ends_at": self.ends_at.isoformat(sep=" "),
            "state": self.state,
            "qualified": self.n_qualifying > 0,
            "rewarded": self.rewarded,
            "qualifying": works(self.qualifying),
            "in_progress": works(self.in_progress),
            "n_qualifying": self.n_qualifying,
            "n_in_progress": self.n_in_progress,
        }


# Stored instants have one fixed-width form (timeutil.to_db), so the text range on published_at
# is the window, edges included, and walks ix_work_acc_pub. `contains` matches the topic as a
# whole word (LIKE would treat '_' as a wildcard).
_TASK_WORKS = """
SELECT w.id, w.title, w.published_at, w.plays FROM work w
WHERE w.account_id = :a AND w.published_at >= :s AND w.published_at <= :e
  AND w.deleted_at IS NULL AND {topic}
  AND {cond}
ORDER BY w.plays DESC, w.id LIMIT :lim
"""
_TASK_COUNT = """
SELECT sum(CASE WHEN w.plays >= :th THEN 1 ELSE 0 END),
       sum(CASE WHEN w.plays < :th THEN 1 ELSE 0 END) FROM work w
WHERE w.account_id = :a AND w.published_at >= :s AND w.published_at <= :e
  AND w.deleted_at IS NULL AND {topic}
"""


def _topic(conn: Unit) -> str:
    return contains(conn, "' ' || w.tags || ' '", "' ' || :topic || ' '")


def _window(starts: datetime, ends: datetime) -> dict[str, object]:
    """Query parameters for a window (UTC, both edges included; the end's whole second too, as
    task windows are given to the second)."""
    return {"s": to_db(starts), "e": to_db(ends.replace(microsecond=999_999))}


def _task_works(conn: Unit, params: dict[str, object], cond: str) -> tuple[TaskWork, ...]:
    threshold = int(params["th"])  # type: ignore[call-overload]
    rows = conn.execute(sa.text(_TASK_WORKS.format(cond=cond, topic=_topic(conn))), params)
    return tuple(
        TaskWork(
            r.id,
            r.title,
            utc_to_local(from_db(r.published_at)),
            r.plays,
            min(1.0, r.plays / threshold) if threshold > 0 else 1.0,
        )
        for r in rows
    )


def platform_tasks(store: Store, account_id: int) -> list[PlatformTaskStatus]:
    """Every task, active ones first, then upcoming, then ended (newest window first)."""
    now = utcnow()
    out = []
    with store.read() as conn:
        tasks = conn.execute(
            sa.text("SELECT * FROM platformtask WHERE account_id=:a ORDER BY ends_at DESC, id"),
            {"a": account_id},
        ).all()
        paid = {
            r[0]
            for r in conn.execute(
                sa.text(
                    "SELECT ref FROM earning WHERE account_id=:a AND ref LIKE 'platformtask:%'"
                ),
                {"a": account_id},
            )
        }
        for task in tasks:
            starts, ends = from_db(task.starts_at), from_db(task.ends_at)
            params: dict[str, object] = {
                "a": account_id,
                "topic": task.topic,
                "th": task.play_threshold,
                "lim": SHOWN_WORKS,
                **_window(starts, ends),
            }
            n_ok, n_wip = conn.execute(
                sa.text(_TASK_COUNT.format(topic=_topic(conn))), params
            ).one()
            state = "upcoming" if now < starts else "ended" if now > ends else "active"
            out.append(
                PlatformTaskStatus(
                    id=task.id,
                    topic=task.topic,
                    title=task.title,
                    play_threshold=task.play_threshold,
                    reward=task.reward,
                    starts_at=utc_to_local(starts),
                    ends_at=utc_to_local(ends),
                    rules=task.rules,
                    state=state,
                    qualifying=_task_works(conn, params, "w.plays >= :th"),
                    in_progress=_task_works(conn, params, "w.plays < :th"),
                    n_qualifying=int(n_ok or 0),
                    n_in_progress=int(n_wip or 0),
                    rewarded=f"platformtask:{task.id}" in paid,
                )
            )
    order = {"active": 0, "upcoming": 1, "ended": 2}
    out.sort(key=lambda s: order[s.state])
    return out


def record_task_rewards(store: Store, account_id: int) -> int:
    """Put the reward of every task with a qualifying work into the ledger, once per task.

    Returns how many rewards were newly recorded (0 when called again).
    """
    with store.write() as conn:
        tasks = conn.execute(
            sa.text(
                "SELECT t.id, t.topic, t.title, t.reward, t.play_threshold, t.starts_at, t.ends_at "
                "FROM platformtask t WHERE t.account_id=:a AND NOT EXISTS (SELECT 1 FROM earning e "
                "WHERE e.account_id=:a AND e.ref = 'platformtask:' || t.id)"
            ),
            {"a": account_id},
        ).all()
        added = 0
        for task in tasks:
            params = {
                "a": account_id,
                "topic": task.topic,
                "th": task.play_threshold,
                **_window(from_db(task.starts_at), from_db(task.ends_at)),
            }
            n_ok, _ = conn.execute(sa.text(_TASK_COUNT.format(topic=_topic(conn))), params).one()
            if n_ok:
                added += record_earning(
                    conn,
                    account_id=account_id,
                    day=today(),
                    source="tasks",
                    amount=task.reward,
                    ref=f"platformtask:{task.id}",
                    note=(task.title or task.topic)[:200],
                )
    return added
