"""Accounts and their profiles: several per store, one current; every profile edit recorded."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from creatorctl.account_info import AccountInfo
from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.store import Store, Unit, get_setting, set_setting, unit_of
from creatorctl.timeutil import from_db, use_account_zone, utcnow, valid_zone

CURRENT_KEY = "current_account"
HANDLE_RE = re.compile(r"^[\w.\-]{1,32}$")
PROFILE_LIMITS = {"nickname": 20, "bio": 250, "niche": 20, "avatar_path": 4096}
PROFILE_FIELDS = ("nickname", "avatar_path", "bio", "niche", "verified", "timezone")


@dataclass(frozen=True)
class Change:
    """One recorded edit: field, old → new, when (UTC)."""

    id: int
    field: str
    old: str
    new: str
    changed_at: datetime
    batch: str
    undone: bool


_ACCOUNT_SQL = """
SELECT a.id, a.handle, a.nickname, a.avatar_path, a.bio, a.niche, a.verified, a.timezone,
  (SELECT fans_total FROM accountdaily d WHERE d.account_id = a.id AND d.fans_total IS NOT NULL
    ORDER BY d.day DESC LIMIT 1) AS fans,
  (SELECT count(*) FROM work w WHERE w.account_id = a.id AND w.deleted_at IS NULL) AS works
FROM account a
"""


def _row(r: sa.Row) -> AccountInfo:
    return AccountInfo(
        id=r.id,
        handle=r.handle,
        nickname=r.nickname,
        avatar_path=r.avatar_path,
        bio=r.bio,
        niche=r.niche,
        verified=bool(r.verified),
        fans=r.fans,
        works=r.works,
        timezone=r.timezone or "",
    )


def list_accounts(store: Store) -> list[AccountInfo]:
    with store.read() as conn:
        return [_row(r) for r in conn.execute(sa.text(_ACCOUNT_SQL + " ORDER BY a.id"))]


def get_account(store: Store, handle: str) -> AccountInfo:
    with store.read() as conn:
        r = conn.execute(sa.text(_ACCOUNT_SQL + " WHERE a.handle = :h"), {"h": handle}).first()
    if r is None:
        raise UserError(t("err.unknown_account", handle=handle))
    return _row(r)


def get_account_by_id(store: Store, account_id: int) -> AccountInfo:
    with store.read() as conn:
        r = conn.execute(sa.text(_ACCOUNT_SQL + " WHERE a.id = :i"), {"i": account_id}).first()
    if r is None:
        raise UserError(t("err.unknown_account", handle=f"#{account_id}"))
    return _row(r)


def current_account(store: Store, override: str | None = None) -> AccountInfo | None:
    """The account `--account` names, else the one last chosen, else the first; None if none."""
    if override:
        return _on_clock(get_account(store, override))
    with store.read() as conn:
        handle = get_setting(conn, CURRENT_KEY)
        if handle is None:
            first = conn.execute(sa.text("SELECT handle FROM account ORDER BY id LIMIT 1")).first()
            handle = first[0] if first else None
    if handle is None:
        return _on_clock(None)
    try:
        return _on_clock(get_account(store, handle))
    except UserError:
        return _on_clock(None)


def require_account(store: Store, override: str | None = None) -> AccountInfo:
    acc = current_account(store, override)
    if acc is None:
        raise UserError(t("err.no_account"))
    return acc


def _on_clock(acc: AccountInfo | None) -> AccountInfo | None:
    """Times are read and shown on the account's own clock from now on (timeutil)."""
    use_account_zone(acc.timezone if acc is not None else None)
    return acc


def validate_handle(handle: str) -> str:
    handle = handle.strip()
    if not HANDLE_RE.match(handle):
        raise UserError(t("err.bad_handle", handle=handle))
    return handle


def add_account(
    store: Store,
    handle: str,
    *,
    nickname: str = "",
    niche: str = "",
    verified: bool = False,
    make_current: bool = True,
) -> AccountInfo:
    """Add an account (an ORM session on the `Account` model, audited in the same
    transaction), the current one unless `make_current` is False."""
    from sqlmodel import select

    from creatorctl.audit import record
    from creatorctl.models import Account

    handle = validate_handle(handle)
    fields = _validate_profile({"nickname": nickname or handle, "niche": niche})
    with store.session() as session:
        if session.exec(select(Account.id).where(Account.handle == handle)).first() is not None:
            raise UserError(t("err.account_exists", handle=handle))
        row = Account(
            handle=handle,
            nickname=str(fields["nickname"]),
            niche=str(fields["niche"]),
            verified=verified,
            created_at=utcnow(),
        )
        session.add(row)
        session.flush()  # its id
        assert row.id is not None
        unit = unit_of(session)
        if make_current:
            set_setting(unit, CURRENT_KEY, handle)
        record(
            unit,
            action="create",
            kind="account",
            object_id=row.id,
            account_id=row.id,
            after={"handle": handle, "nickname": fields["nickname"], "niche": fields["niche"]},
        )
    return get_account(store, handle)


def use_account(store: Store, handle: str) -> AccountInfo:
    acc = get_account(store, handle)
    _on_clock(acc)
    with store.write() as conn:
        set_setting(conn, CURRENT_KEY, acc.handle)
    return acc


def _validate_profile(values: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in values.items():
        if key not in PROFILE_FIELDS:
            raise UserError(t("err.unknown_field", field=key))
        if key == "verified":
            out[key] = bool(value)
            continue
        if key == "timezone":
            zone = str(value).strip()
            if zone and not valid_zone(zone):
                raise UserError(t("err.bad_timezone", zone=zone))
            out[key] = zone
            continue
        text = str(value).strip()
        limit = PROFILE_LIMITS[key]
        if key == "nickname" and not text:
            raise UserError(t("err.empty", field=t("field.nickname")))
        if len(text) > limit:
            raise UserError(t("err.too_long", field=t(f"field.{key}"), limit=limit, n=len(text)))
        if key == "avatar_path" and text and not Path(text).expanduser().is_file():
            raise UserError(t("err.no_file", path=text))
        out[key] = text
    return out


def record_changes(
    conn: Unit,
    *,
    account_id: int,
    entity: str,
    entity_id: int,
    changes: dict[str, tuple[str, str]],
) -> None:
    from creatorctl.audit import record

    batch = uuid.uuid4().hex
    when = utcnow()
    undo = any(f.startswith("undo:") for f in changes)
    record(
        conn,
        action="undo" if undo else "edit",
        kind=entity,
        object_id=entity_id,
        account_id=account_id,
        before={f.removeprefix("undo:"): o for f, (o, _n) in changes.items()},
        after={f.removeprefix("undo:"): n for f, (_o, n) in changes.items()},
    )
    for field, (old, new) in changes.items():
        conn.execute(
            sa.text(
                "INSERT INTO edithistory(account_id, entity, entity_id, field, old_value, "
                "new_value, batch, changed_at, undone) VALUES (:a, :e, :i, :f, :o, :n, :b, :w, FALSE)"
            ),
            {
                "a": account_id,
                "e": entity,
                "i": entity_id,
                "f": field,
                "o": old,
                "n": new,
                "b": batch,
                "w": when,
            },
        )


def update_profile(store: Store, account_id: int, **values: object) -> dict[str, tuple[str, str]]:
    """Change profile fields; returns {field: (old, new)} for what actually changed."""
    from creatorctl.models import Account

    clean = _validate_profile(values)
    with store.session() as session:
        row = session.get(Account, account_id)
        if row is None:
            raise UserError(t("err.unknown_account", handle=f"#{account_id}"))
        changes: dict[str, tuple[str, str]] = {}
        for key, new in clean.items():
            old = getattr(row, key)
            if key == "verified":
                old, new = bool(old), bool(new)
            if old != new:
                changes[key] = (_s(old), _s(new))
                setattr(row, key, new)
        session.flush()
        if changes:
            record_changes(
                unit_of(session),
                account_id=account_id,
                entity="account",
                entity_id=account_id,
                changes=changes,
            )
    return changes


def _s(v: object) -> str:
    if isinstance(v, bool):
        return "1" if v else "0"
    return "" if v is None else str(v)


def history(store: Store, entity: str, entity_id: int) -> list[Change]:
    """Edits of one work or account, newest first."""
    with store.read() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT id, field, old_value, new_value, changed_at, batch, undone FROM edithistory"
                " WHERE entity=:e AND entity_id=:i ORDER BY id DESC"
            ),
            {"e": entity, "i": entity_id},
        )
        return [
            Change(
                r.id,
                r.field,
                r.old_value,
                r.new_value,
                from_db(r.changed_at),
                r.batch,
                bool(r.undone),
            )
            for r in rows
        ]


def undo_last(store: Store, entity: str, entity_id: int) -> dict[str, str] | None:
    """Undo the newest edit batch not yet undone; returns the restored {field: value} or None.

    The undo itself is recorded as a new edit, so history stays complete.
    """
    table = {"work": "work", "account": "account"}[entity]
    with store.write() as conn:
        last = conn.execute(
            sa.text(
                "SELECT batch, account_id FROM edithistory WHERE entity=:e AND entity_id=:i "
                "AND undone=FALSE AND field NOT LIKE 'undo:%' ORDER BY id DESC LIMIT 1"
            ),
            {"e": entity, "i": entity_id},
        ).first()
        if last is None:
            return None
        rows = conn.execute(
            sa.text("SELECT id, field, old_value, new_value FROM edithistory WHERE batch=:b"),
            {"b": last.batch},
        ).all()
        restored: dict[str, str] = {}
        undo_changes: dict[str, tuple[str, str]] = {}
        for r in rows:
            value: object = r.old_value
            if r.field == "verified":
                value = r.old_value == "1"
            conn.execute(
                sa.text(f"UPDATE {table} SET {r.field}=:v WHERE id=:i"),
                {"v": value, "i": entity_id},
            )
            restored[r.field] = r.old_value
            undo_changes[f"undo:{r.field}"] = (r.new_value, r.old_value)
        conn.execute(
            sa.text("UPDATE edithistory SET undone=TRUE WHERE batch=:b"), {"b": last.batch}
        )
        record_changes(
            conn,
            account_id=last.account_id,
            entity=entity,
            entity_id=entity_id,
            changes=undo_changes,
        )
    return restored
