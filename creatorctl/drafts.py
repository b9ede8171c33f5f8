"""Drafts 草稿: create, edit, resume exactly as saved, schedule, cancel, delete.

Publishing them (the state machine the scheduler drives) lives in `creatorctl.publishing`.
Times in the dataclasses are local; the store keeps UTC.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from creatorctl.accounts import record_changes
from creatorctl.audit import record
from creatorctl.config import PlatformConfig
from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.store import Store
from creatorctl.timeutil import from_db, local_to_utc, now_local, to_db, utc_to_local, utcnow
from creatorctl.works import split_tags, validate_edit

CONFLICT_WINDOW = timedelta(minutes=30)
"""Two posts closer than this get a warning: they compete for the same audience."""
EDIT_PARAMS_MAX = 20_000
TIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")
SCHEDULABLE = ("draft", "scheduled", "failed", "missed")
"""States a draft can be (re)scheduled or published from."""
CANCELLABLE = ("scheduled", "failed", "missed")


ts = to_db
"""The drafts modules' short name for `timeutil.to_db`, the store's one time form."""


def _iso(dt: datetime | None) -> str | None:
    """A local time for the audit log (on the account's clock)."""
    return None if dt is None else dt.isoformat(sep=" ", timespec="seconds")


def _was(d: DraftInfo) -> dict[str, object]:
    return {"state": d.state, "scheduled_at": _iso(d.scheduled_at)}


def _local(v: object) -> datetime | None:
    return None if v is None else utc_to_local(from_db(v))


@dataclass(frozen=True)
class DraftInfo:
    """A draft as screens and commands see it (times local)."""

    id: int
    account_id: int
    title: str
    description: str
    tags: tuple[str, ...]
    video_path: str
    cover_path: str
    edit_params: str
    """Exactly the JSON text that was saved."""
    state: str
    scheduled_at: datetime | None
    next_try_at: datetime | None
    attempts: int
    last_error: str
    claimed_by: str | None
    claimed_at: datetime | None
    work_id: int | None
    item_id: str | None
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @property
    def video_missing(self) -> bool:
        return bool(self.video_path) and not Path(self.video_path).expanduser().is_file()

    @property
    def cover_missing(self) -> bool:
        return bool(self.cover_path) and not Path(self.cover_path).expanduser().is_file()

    def warnings(self) -> list[str]:
        """What the user should see before this draft goes out."""
        out = []
        if not self.video_path:
            out.append(t("drafts.warn_no_video"))
        elif self.video_missing:
            out.append(t("drafts.warn_video_missing", path=self.video_path))
        if self.cover_missing:
            out.append(t("drafts.warn_cover_missing", path=self.cover_path))
        return out

    def as_json(self) -> dict[str, object]:
        def iso(d: datetime | None) -> str | None:
            return d.isoformat(sep=" ") if d else None

        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "tags": list(self.tags),
            "video_path": self.video_path,
            "cover_path": self.cover_path,
            "edit_params": self.edit_params,
            "state": self.state,
            "scheduled_at": iso(self.scheduled_at),
            "next_try_at": iso(self.next_try_at),
            "attempts": self.attempts,
            "last_error": self.last_error,
            "claimed_by": self.claimed_by,
            "work_id": self.work_id,
            "item_id": self.item_id,
            "published_at": iso(self.published_at),
            "created_at": iso(self.created_at),
            "updated_at": iso(self.updated_at),
            "warnings": self.warnings(),
        }


def draft_from_row(r: sa.Row) -> DraftInfo:
    return DraftInfo(
        id=r.id,
        account_id=r.account_id,
        title=r.title,
        description=r.description,
        tags=split_tags(r.tags),
        video_path=r.video_path,
        cover_path=r.cover_path,
        edit_params=r.edit_params,
        state=r.state,
        scheduled_at=_local(r.scheduled_at),
        next_try_at=_local(r.next_try_at),
        attempts=r.attempts,
        last_error=r.last_error,
        claimed_by=r.claimed_by,
        claimed_at=_local(r.claimed_at),
        work_id=r.work_id,
        item_id=r.item_id,
        published_at=_local(r.published_at),
        created_at=utc_to_local(from_db(r.created_at)),
        updated_at=utc_to_local(from_db(r.updated_at)),
    )


# --- validation -----------------------------------------------------------------------------


def validate_edit_params(text: str) -> str:
    """Check the editor parameters are a JSON object; return the text unchanged (byte-exact)."""
    if not text.strip():
        return ""
    if len(text) > EDIT_PARAMS_MAX:
        raise UserError(t("drafts.err_params_long", limit=EDIT_PARAMS_MAX))
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise UserError(t("drafts.err_params_json", why=exc)) from None
    if not isinstance(value, dict):
        raise UserError(t("drafts.err_params_object"))
    return text


def _clean_path(path: str) -> str:
    path = path.strip()
    return str(Path(path).expanduser()) if path else ""


def validate_fields(
    *,
    title: str | None = None,
    description: str | None = None,
    tags: tuple[str, ...] | None = None,
    video_path: str | None = None,
    cover_path: str | None = None,
    edit_params: str | None = None,
) -> dict[str, str]:
    """Check and normalise draft fields; returns {column: text}. Raises UserError.

    A video or cover path that does not exist (yet) is allowed: it is shown as a warning,
    since the file may live on a disk that is mounted when the post goes out.
    """
    out = validate_edit(title=title, description=description, tags=tags)
    if video_path is not None:
        out["video_path"] = _clean_path(video_path)
    if cover_path is not None:
        out["cover_path"] = _clean_path(cover_path)
    if edit_params is not None:
        out["edit_params"] = validate_edit_params(edit_params)
    return out


def parse_local_time(text: str) -> datetime:
    """'2026-11-27 20:00[:00]' (local) → naive local datetime; one clear error otherwise."""
    raw = " ".join(text.split())
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(raw, fmt)
        except ValueError:
            continue
    raise UserError(t("drafts.err_bad_time", text=text))


# --- reading --------------------------------------------------------------------------------


def get_draft(store: Store, draft_id: int, account_id: int | None = None) -> DraftInfo:
    with store.read() as conn:
        r = conn.execute(
            sa.text("SELECT * FROM draft WHERE id=:i AND deleted_at IS NULL"), {"i": draft_id}
        ).first()
    if r is None or (account_id is not None and r.account_id != account_id):
        raise UserError(t("drafts.err_unknown", id=draft_id))
    return draft_from_row(r)


_ORDER = (
    "CASE state WHEN 'unknown' THEN -1 WHEN 'missed' THEN 0 WHEN 'failed' THEN 1 "
    "WHEN 'publishing' THEN 2 "
    "WHEN 'scheduled' THEN 3 WHEN 'draft' THEN 4 ELSE 5 END, "
    "CASE WHEN state IN ('scheduled', 'publishing') THEN scheduled_at END ASC, "
    "coalesce(published_at, updated_at) DESC, id DESC"
)


def list_drafts(
    store: Store, account_id: int, states: tuple[str, ...] | None = None, limit: int = 1000
) -> list[DraftInfo]:
    """Drafts needing attention first (missed, failed), then upcoming, then the rest."""
    params: dict[str, object] = {"a": account_id, "lim": limit}
    where = "account_id=:a AND deleted_at IS NULL"
    if states:
        names = [f":s{i}" for i in range(len(states))]
        params.update({f"s{i}": s for i, s in enumerate(states)})
        where += f" AND state IN ({', '.join(names)})"
    sql = f"SELECT * FROM draft WHERE {where} ORDER BY {_ORDER} LIMIT :lim"
    with store.read() as conn:
        return [draft_from_row(r) for r in conn.execute(sa.text(sql), params)]


def count_by_state(store: Store, account_id: int) -> dict[str, int]:
    """How many live (not deleted) drafts the account has in each state (absent: none)."""
    sql = (
        "SELECT state, count(*) FROM draft WHERE account_id=:a AND deleted_at IS NULL "
        "GROUP BY state"
    )
    with store.read() as conn:
        return {str(state): int(n) for state, n in conn.execute(sa.text(sql), {"a": account_id})}


def scheduled_between(
    store: Store, account_id: int, start_local: datetime, end_local: datetime
) -> list[DraftInfo]:
    """Scheduled (or publishing, or published) posts in a local time range, by time."""
    sql = (
        "SELECT * FROM draft WHERE account_id=:a AND deleted_at IS NULL AND "
        "state IN ('scheduled', 'publishing', 'published', 'missed', 'failed') AND "
        "coalesce(published_at, scheduled_at) >= :s AND coalesce(published_at, scheduled_at) < :e "
        "ORDER BY coalesce(published_at, scheduled_at)"
    )
    params = {"a": account_id, "s": ts(local_to_utc(start_local)), "e": ts(local_to_utc(end_local))}
    with store.read() as conn:
        return [draft_from_row(r) for r in conn.execute(sa.text(sql), params)]


def conflicts(
    store: Store, account_id: int, when_local: datetime, exclude_id: int | None = None
) -> list[DraftInfo]:
    """Other posts scheduled within 30 minutes of `when_local`."""
    when = local_to_utc(when_local)
    sql = (
        "SELECT * FROM draft WHERE account_id=:a AND deleted_at IS NULL AND "
        "state IN ('scheduled', 'publishing') AND scheduled_at > :lo AND scheduled_at < :hi "
        "AND id != :x ORDER BY scheduled_at"
    )
    params = {
        "a": account_id,
        "lo": ts(when - CONFLICT_WINDOW),
        "hi": ts(when + CONFLICT_WINDOW),
        "x": exclude_id or -1,
    }
    with store.read() as conn:
        return [draft_from_row(r) for r in conn.execute(sa.text(sql), params)]


# --- writing --------------------------------------------------------------------------------


def add_draft(
    store: Store,
    account_id: int,
    *,
    title: str,
    description: str = "",
    tags: tuple[str, ...] = (),
    video_path: str = "",
    cover_path: str = "",
    edit_params: str = "",
) -> DraftInfo:
    """Save a new draft (state 'draft')."""
    clean = validate_fields(
        title=title,
        description=description,
        tags=tags,
        video_path=video_path,
        cover_path=cover_path,
        edit_params=edit_params,
    )
    now = ts(utcnow())
    with store.write() as conn:
        draft_id = conn.execute(
            sa.text(
                "INSERT INTO draft(account_id, title, description, tags, video_path, cover_path, "
                "edit_params, state, attempts, last_error, created_at, updated_at) VALUES "
                "(:a, :title, :description, :tags, :video_path, :cover_path, :edit_params, "
                "'draft', 0, '', :now, :now) RETURNING id"
            ),
            {"a": account_id, "now": now, **clean},
        ).scalar_one()
        record(conn, "create", "draft", draft_id, account_id, None, {"title": clean["title"]})
    return get_draft(store, draft_id)


def edit_draft(
    store: Store,
    draft_id: int,
    *,
    account_id: int | None = None,
    title: str | None = None,
    description: str | None = None,
    tags: tuple[str, ...] | None = None,
    video_path: str | None = None,
    cover_path: str | None = None,
    edit_params: str | None = None,
) -> dict[str, tuple[str, str]]:
    """Change a draft's fields; returns {field: (old, new)}; every change is recorded."""
    current = get_draft(store, draft_id, account_id)
    if current.state in ("publishing", "published"):
        raise UserError(t("drafts.err_locked", id=draft_id, state=t(f"state.{current.state}")))
    new = validate_fields(
        title=title,
        description=description,
        tags=tags,
        video_path=video_path,
        cover_path=cover_path,
        edit_params=edit_params,
    )
    old = {
        "title": current.title,
        "description": current.description,
        "tags": " ".join(current.tags),
        "video_path": current.video_path,
        "cover_path": current.cover_path,
        "edit_params": current.edit_params,
    }
    changes = {k: (old[k], v) for k, v in new.items() if old[k] != v}
    if not changes:
        return {}
    with store.write() as conn:
        sets = ", ".join(f"{col}=:{col}" for col in changes)
        n = conn.execute(
            sa.text(
                f"UPDATE draft SET {sets}, updated_at=:now WHERE id=:i "
                "AND state NOT IN ('publishing', 'published')"
            ),
            {**{k: v for k, (_o, v) in changes.items()}, "now": ts(utcnow()), "i": draft_id},
        ).rowcount
        if n != 1:  # the scheduler took it between our read and this write
            raise UserError(t("drafts.err_locked", id=draft_id, state=t("state.publishing")))
        record_changes(
            conn, account_id=current.account_id, entity="draft", entity_id=draft_id, changes=changes
        )
    return changes


@dataclass(frozen=True)
class Scheduled:
    """The outcome of scheduling: the draft, and what the user should be warned about."""

    draft: DraftInfo
    conflicts: list[DraftInfo]
    warnings: list[str]


def schedule_draft(
    store: Store,
    draft_id: int,
    when_local: datetime,
    *,
    account_id: int | None = None,
    now: datetime | None = None,
    limits: PlatformConfig | None = None,
) -> Scheduled:
    """Schedule (or reschedule) a draft for a local time in the future.

    Refused: a time not in the future, a draft without a video path, one being published or
    already published, one breaking a hard `[platform]` limit (default: the config file's).
    A missing video file, a soft limit, a live preview or a post within 30 minutes are warnings.
    """
    now = now or now_local()
    current = get_draft(store, draft_id, account_id)
    if current.state not in SCHEDULABLE:
        raise UserError(
            t("drafts.err_not_schedulable", id=draft_id, state=t(f"state.{current.state}"))
        )
    if not current.video_path:
        raise UserError(t("drafts.err_no_video", id=draft_id))
    when_local = when_local.replace(microsecond=0)
    if when_local <= now:
        raise UserError(
            t(
                "drafts.err_past",
                when=when_local.strftime("%Y-%m-%d %H:%M:%S"),
                now=now.strftime("%Y-%m-%d %H:%M:%S"),
            )
        )
    from creatorctl.platform_limits import check_limits
    from creatorctl.posting_queue import live_conflicts

    over = check_limits(current, when_local, now, limits)
    over += live_conflicts(store, current.account_id, when_local)
    near = conflicts(store, current.account_id, when_local, exclude_id=draft_id)
    when = ts(local_to_utc(when_local))
    with store.write() as conn:
        n = conn.execute(
            sa.text(
                "UPDATE draft SET state='scheduled', scheduled_at=:w, next_try_at=:w, attempts=0, "
                "last_error='', claimed_by=NULL, claimed_at=NULL, updated_at=:now "
                "WHERE id=:i AND state IN ('draft', 'scheduled', 'failed', 'missed')"
            ),
            {"w": when, "now": ts(utcnow()), "i": draft_id},
        ).rowcount
        if n == 1:
            after = {"state": "scheduled", "scheduled_at": _iso(when_local)}
            record(conn, "schedule", "draft", draft_id, current.account_id, _was(current), after)
    if n != 1:
        raise UserError(t("drafts.err_not_schedulable", id=draft_id, state=t("state.publishing")))
    draft = get_draft(store, draft_id)
    warnings = [w for w in draft.warnings() if w != t("drafts.warn_no_video")] + over
    return Scheduled(draft, near, warnings)


def cancel_draft(store: Store, draft_id: int, *, account_id: int | None = None) -> DraftInfo:
    """Take a scheduled, failed or missed post back to a plain draft."""
    current = get_draft(store, draft_id, account_id)
    if current.state not in CANCELLABLE:
        raise UserError(
            t("drafts.err_not_cancellable", id=draft_id, state=t(f"state.{current.state}"))
        )
    with store.write() as conn:
        n = conn.execute(
            sa.text(
                "UPDATE draft SET state='draft', scheduled_at=NULL, next_try_at=NULL, "
                "claimed_by=NULL, claimed_at=NULL, updated_at=:now "
                "WHERE id=:i AND state IN ('scheduled', 'failed', 'missed')"
            ),
            {"now": ts(utcnow()), "i": draft_id},
        ).rowcount
        if n == 1:
            after = {"state": "draft"}
            record(conn, "cancel", "draft", draft_id, current.account_id, _was(current), after)
    if n != 1:
        raise UserError(t("drafts.err_not_cancellable", id=draft_id, state=t("state.publishing")))
    return get_draft(store, draft_id)


def delete_draft(store: Store, draft_id: int, *, account_id: int | None = None) -> None:
    """Move a draft to the trash (restorable). A post being published cannot be deleted."""
    from creatorctl.trash import move_to_trash

    current = get_draft(store, draft_id, account_id)
    if current.state == "publishing":
        raise UserError(t("drafts.err_locked", id=draft_id, state=t("state.publishing")))
    with store.write() as conn:
        # Deleting a scheduled post also unschedules it, so a restore cannot fire it late.
        conn.execute(
            sa.text(
                "UPDATE draft SET state=CASE WHEN state='scheduled' THEN 'draft' ELSE state END, "
                "next_try_at=NULL WHERE id=:i"
            ),
            {"i": draft_id},
        )
        move_to_trash(
            conn,
            account_id=current.account_id,
            entity="draft",
            ids=[draft_id],
            labels=[current.title],
        )
