"""The posting queue 发布队列: weekly slots, and "add to queue" = the next free slot.

Creators plan a week in slots (周三 20:00, 周五 19:30), not one date at a time. A slot is a
weekday and a time, optionally reserved for a weekly series (`fri 20:00 #周五探店`): a draft
carrying that topic goes to the series' slot, other drafts never take it. The slots are, in
order of precedence: the account's own (set in the app or with `drafts slots --set`), then
`[queue] slots` in config.toml, then the fans' three best active hours (creatorctl.fans), and
every day at 20:00 while no fan activity is known.

A slot is free when no other post is scheduled within 30 minutes of it and no live preview
(直播预告) starts within an hour of it (the fans are in the live room then); a slot skipped for
a live says so (`Queued.skipped`). Scheduling at a chosen time near a live is only a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa

from creatorctl.config import PlatformConfig
from creatorctl.drafts import CONFLICT_WINDOW as CONFLICT_WINDOW  # the bulk-drafts import's
from creatorctl.drafts import DraftInfo, Scheduled, conflicts, get_draft, schedule_draft
from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.store import Store, get_setting, set_setting
from creatorctl.timeutil import now_local

if TYPE_CHECKING:
    from creatorctl.inbox.live import Preview

HORIZON_WEEKS = 8
"""How far ahead the queue looks for a free slot."""
LIVE_WINDOW_MIN = 60
"""A post this many minutes or less from a live preview's start competes with the live room."""
LEAD = timedelta(minutes=10)
"""A slot closer than this to now is not offered (the hook needs time)."""
FALLBACK_HOUR = 20
SETTING_KEY = "queue_slots:{account}"

_DAYS = {
    **{d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday"))},
    "saturday": 5,
    "sunday": 6,
    **{d: i for i, d in enumerate("一二三四五六日")},
    "天": 6,
}
_SLOT = re.compile(r"^(?:周|星期)?(\S+?)\s*([0-2]?\d):([0-5]\d)(?:\s+#?(\S+))?$")


def account_now() -> datetime:
    """Now in the account's time zone (`[account] timezone`, Douyin's clock), naive: the one
    place queue times are anchored."""
    return now_local()


@dataclass(frozen=True)
class QueueSlot:
    weekday: int
    """0 = Monday."""
    at: time
    series: str | None = None
    """A weekly series this slot is kept for (a topic); None: any draft."""

    def as_text(self) -> str:
        day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[self.weekday]
        return f"{day} {self.at:%H:%M}" + (f" #{self.series}" if self.series else "")

    @property
    def label(self) -> str:
        text = f"{t(f'weekday.{self.weekday}')} {self.at:%H:%M}"
        return text + (f" #{self.series}" if self.series else "")


def parse_slots(text: str | list[str]) -> list[QueueSlot]:
    """'mon 20:00, 周三 19:30, fri 20:00 #周五探店' (or a list of such) → slots, by week order.

    One clear error names the piece that cannot be read.
    """
    pieces = text if isinstance(text, list) else re.split(r"[,,;;\n]", text)
    out: list[QueueSlot] = []
    for raw in pieces:
        piece = " ".join(raw.split())
        if not piece:
            continue
        m = _SLOT.match(piece)
        day = _DAYS.get(m.group(1).lower()) if m else None
        if m is None or day is None or int(m.group(2)) > 23:
            raise UserError(t("queue.err_slot", text=piece))
        out.append(QueueSlot(day, time(int(m.group(2)), int(m.group(3))), m.group(4)))
    return sorted(set(out), key=lambda s: (s.weekday, s.at, s.series or ""))


def slots_from(
    own: str | None, configured: list[str], best: list[tuple[int, int]]
) -> tuple[list[QueueSlot], str]:
    """The slots that apply, and where they come from ('account', 'config', 'fans' or
    'default'): the account's own text, else the config's, else the fans' best (weekday,
    hour) pairs, else every day at 20:00."""
    if own:
        return parse_slots(own), "account"
    if configured:
        return parse_slots(configured), "config"
    if best:
        return sorted(
            (QueueSlot(wd, time(h)) for wd, h in best), key=lambda s: (s.weekday, s.at)
        ), "fans"
    return [QueueSlot(d, time(FALLBACK_HOUR)) for d in range(7)], "default"


def account_slots(
    store: Store, account_id: int, configured: list[str]
) -> tuple[list[QueueSlot], str]:
    """The account's slots and where they come from (see `slots_from`)."""
    from creatorctl.fans import best_times

    with store.read() as conn:
        own = get_setting(conn, SETTING_KEY.format(account=account_id))
    best = [] if own or configured else [(s.weekday, s.hour) for s in best_times(store, account_id)]
    return slots_from(own, configured, best)


def set_account_slots(store: Store, account_id: int, slots: list[QueueSlot] | None) -> None:
    """Keep `slots` as the account's own (None or [] goes back to config / the fans' best)."""
    key = SETTING_KEY.format(account=account_id)
    from creatorctl.audit import record

    with store.write() as conn:
        was = get_setting(conn, key) or ""
        now = ", ".join(s.as_text() for s in slots) if slots else ""
        if now:
            set_setting(conn, key, now)
        else:
            conn.execute(sa.text("DELETE FROM setting WHERE key=:k"), {"k": key})
        if now != was:
            record(conn, "edit", "slots", None, account_id, {"slots": was}, {"slots": now})


def conflict_line(other: DraftInfo) -> str:
    """The warning for another post scheduled within 30 minutes."""
    when = f"{other.scheduled_at:%H:%M}" if other.scheduled_at else ""
    return t("drafts.conflict", id=other.id, title=other.title, when=when)


def schedule_warnings(done: Scheduled) -> list[str]:
    """Everything a scheduling should warn about: Douyin's limits, a live preview near it,
    other posts near it (the CLI prints these, the Drafts tab shows them as notices)."""
    return list(done.warnings) + [conflict_line(o) for o in done.conflicts]


def live_conflicts(store: Store, account_id: int, when_local: datetime) -> list[str]:
    """Warnings for live previews within an hour of `when_local` (the schedule dialog's rule)."""
    from creatorctl.inbox.live import live_clashes

    return [
        t("drafts.live_clash", topic=p.topic, when=f"{p.start_at:%H:%M}")
        for p in live_clashes(store, account_id, when_local, minutes=LIVE_WINDOW_MIN)
    ]


class LiveCalendar:
    """An account's live previews, read once, so that many candidate slots are checked against
    them without a query each. The one rule every slot picker follows (the schedule dialog's
    suggestion, the queue, the bulk-drafts import): no post within an hour of a live."""

    def __init__(self, previews: list[Preview]) -> None:
        self.previews = previews

    @classmethod
    def read(cls, store: Store, account_id: int, start: datetime, end: datetime) -> LiveCalendar:
        """The previews that can clash with a slot from `start` to `end` (local)."""
        from creatorctl.inbox.live import list_previews

        margin = timedelta(minutes=LIVE_WINDOW_MIN)
        end = end + margin + timedelta(seconds=1)
        return cls(list_previews(store, account_id, start=start - margin, end=end))

    def skip_reason(self, when: datetime) -> str | None:
        """Why a suggested slot at `when` is passed over (a live preview within an hour)."""
        margin = timedelta(minutes=LIVE_WINDOW_MIN)
        for p in self.previews:
            if abs(p.start_at - when) <= margin:
                return t(
                    "queue.skipped_live",
                    slot=f"{when:%m-%d %H:%M}",
                    topic=p.topic,
                    when=f"{p.start_at:%H:%M}",
                )
        return None


def next_free_slot(
    store: Store,
    account_id: int,
    slots: list[QueueSlot],
    tags: tuple[str, ...],
    now: datetime,
    exclude_id: int | None = None,
    skipped: list[str] | None = None,
) -> tuple[datetime, QueueSlot]:
    """The first slot occurrence after now + 10 min with no post within 30 minutes and no live
    preview within an hour; why each slot was passed over for a live goes to `skipped`."""
    lives = LiveCalendar.read(store, account_id, now, horizon_end(now))

    def taken(when: datetime) -> bool:
        if conflicts(store, account_id, when, exclude_id=exclude_id):
            return True
        reason = lives.skip_reason(when)
        if reason and skipped is not None:
            skipped.append(reason)
        return reason is not None

    return free_slot(slots, tags, now, taken)


def horizon_end(now: datetime) -> datetime:
    """The last moment the queue looks at for a free slot."""
    return now + timedelta(weeks=HORIZON_WEEKS, days=1)


def free_slot(
    slots: list[QueueSlot], tags: tuple[str, ...], now: datetime, taken: Callable[[datetime], bool]
) -> tuple[datetime, QueueSlot]:
    """The first occurrence of `slots` after now + 10 min that is not `taken`.

    A draft carrying a series' topic takes that series' slots; any other draft takes only the
    slots kept for no series.
    """
    series = [s for s in slots if s.series and s.series in tags]
    usable = series or [s for s in slots if not s.series]
    if not usable:
        raise UserError(t("queue.err_no_slots"))
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    for day in range(7 * HORIZON_WEEKS + 1):
        date0 = midnight + timedelta(days=day)
        for slot in (s for s in usable if s.weekday == date0.weekday()):
            when = datetime.combine(date0.date(), slot.at)
            if when >= now + LEAD and not taken(when):
                return when, slot
    raise UserError(t("queue.err_full", weeks=HORIZON_WEEKS))


@dataclass(frozen=True)
class Queued:
    scheduled: Scheduled
    slot: QueueSlot
    skipped: tuple[str, ...] = ()
    """Why earlier slots were passed over (a live preview near them), one line each."""


def queue_draft(
    store: Store,
    draft_id: int,
    *,
    account_id: int,
    configured: list[str],
    limits: PlatformConfig | None = None,
    now: datetime | None = None,
) -> Queued:
    """Schedule a draft at the account's next free slot (see the module docstring)."""
    now = now or account_now()
    draft = get_draft(store, draft_id, account_id)
    slots, _source = account_slots(store, account_id, configured)
    skipped: list[str] = []
    when, slot = next_free_slot(
        store, account_id, slots, draft.tags, now, exclude_id=draft_id, skipped=skipped
    )
    done = schedule_draft(
        store,
        draft_id,
        when,
        account_id=account_id,
        now=now,
        limits=limits,
    )
    return Queued(done, slot, tuple(skipped))
