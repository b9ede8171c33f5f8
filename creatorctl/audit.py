"""The audit log: every change, with who made it, when, and the values before and after.

Domain functions call `record(conn, ...)` inside the transaction that makes the change, so
the change and its audit row commit (or roll back) together. The actor is the Unix login
(`getpass.getuser()`) on SQLite and the database role (`current_user`) on PostgreSQL, where
each operator connects as their own role. Imports write one row per import, with counts.
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa

from creatorctl.store import Store, Unit
from creatorctl.timeutil import from_db, local_to_utc, to_db, utc_to_local, utcnow_exact

ACTIONS = (
    "create",
    "edit",
    "undo",
    "delete",
    "restore",
    "schedule",
    "cancel",
    "claim",
    "publish",
    "resolve",
    "reply",
    "rule",
    "import",
)
"""What an audit row may say happened (`action`); see `record`."""


@dataclass(frozen=True)
class AuditEntry:
    """One audit row as commands and screens see it (`at` in UTC, naive)."""

    id: int
    at: datetime
    who: str
    account_id: int | None
    account: str
    kind: str
    object_id: int | None
    action: str
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": utc_to_local(self.at).isoformat(sep=" ", timespec="seconds"),
            "at_utc": self.at.isoformat(sep=" ", timespec="seconds"),
            "who": self.who,
            "account": self.account,
            "kind": self.kind,
            "object_id": self.object_id,
            "action": self.action,
            "before": self.before,
            "after": self.after,
        }


def login() -> str:
    """The acting Unix login (the SQLite store's actor)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no passwd entry and no LOGNAME/USER: a container's uid
        return f"uid{os.getuid()}"


def _at(now: datetime | None = None) -> str:
    """UTC as the store writes instants (`timeutil.to_db`)."""
    return to_db(now or utcnow_exact())


def _json(values: dict[str, Any] | None) -> str:
    if not values:
        return ""
    from creatorctl.safe_text import json_dumps

    return json_dumps(values, default=str)


def _insert_sql(conn: Unit) -> sa.TextClause:
    # On PostgreSQL the server names the actor: a role cannot claim to be another.
    who = "current_user" if conn.dialect.name == "postgresql" else ":who"
    return sa.text(
        "INSERT INTO audit(at, who, account_id, kind, object_id, action, before, after) "
        f"VALUES (:at, {who}, :account_id, :kind, :object_id, :action, :before, :after)"
    )


def record(
    conn: Unit,
    action: str,
    kind: str,
    object_id: int | None = None,
    account_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Write one audit row in the caller's transaction: `action` done to the `kind` thing
    `object_id` of account `account_id`, with the changed values `before` and `after`."""
    record_many(conn, [(action, kind, object_id, account_id, before, after)])


AuditRow = tuple[
    str, str, "int | None", "int | None", "dict[str, Any] | None", "dict[str, Any] | None"
]
"""(action, kind, object_id, account_id, before, after)"""


def record_many(conn: Unit, rows: list[AuditRow]) -> None:
    """Write several audit rows in one statement (a delete of many comments, a batch)."""
    if not rows:
        return
    at, who = _at(), login()
    params = [
        {
            "at": at,
            "who": who,
            "account_id": account_id,
            "kind": kind,
            "object_id": object_id,
            "action": action,
            "before": _json(before),
            "after": _json(after),
        }
        for action, kind, object_id, account_id, before, after in rows
    ]
    conn.execute(_insert_sql(conn), params)


def record_import(conn: Unit, path: object, kind: str, account_id: int, counts: Any) -> None:
    """One audit row per import, with its counts (never one per row: imports stay fast)."""
    c = counts
    done = {"file": str(path), "kind": kind, "added": c.added, "updated": c.updated}
    done |= {"unchanged": c.unchanged, "skipped": c.skipped, "merged": c.merged}
    record(conn, "import", "import", None, account_id, None, done)


def since_start(day: date) -> datetime:
    """The UTC instant a local calendar day starts (for `--since DATE`)."""
    return local_to_utc(datetime.combine(day, time()))


def list_entries(
    store: Store,
    *,
    who: str | None = None,
    since: datetime | None = None,
    account_id: int | None = None,
    limit: int = 50,
) -> list[AuditEntry]:
    """Audit rows, newest first; `since` is a UTC instant."""
    where: list[str] = ["1=1"]
    params: dict[str, object] = {"lim": max(1, limit)}
    if who:
        where.append("a.who = :who")
        params["who"] = who
    if since is not None:
        where.append("a.at >= :since")
        params["since"] = _at(since)
    if account_id is not None:
        where.append("a.account_id = :acc")
        params["acc"] = account_id
    sql = (
        "SELECT a.id, a.at, a.who, a.account_id, COALESCE(c.handle, '') AS handle, a.kind, "
        "a.object_id, a.action, a.before, a.after FROM audit a "
        "LEFT JOIN account c ON c.id = a.account_id "
        f"WHERE {' AND '.join(where)} ORDER BY a.id DESC LIMIT :lim"
    )
    with store.read() as conn:
        rows = conn.execute(sa.text(sql), params).all()
    return [
        AuditEntry(
            r.id,
            from_db(r.at),
            r.who,
            r.account_id,
            r.handle,
            r.kind,
            r.object_id,
            r.action,
            _load(r.before),
            _load(r.after),
        )
        for r in rows
    ]


def _load(value: str | None) -> dict[str, Any]:
    if not value:
        return {}
    try:
        out = json.loads(value)
    except ValueError:
        return {"?": value}
    return out if isinstance(out, dict) else {"?": out}


def summary(entry: AuditEntry, width: int = 60) -> str:
    """The change in one line: `field: old → new; ...` (values shortened; not yet cleaned)."""

    def short(v: Any) -> str:
        s = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)
        s = " ".join(s.split())
        return s if len(s) <= 24 else s[:23] + "…"

    from creatorctl.i18n import catalog, t

    def name(k: str) -> str:
        return t(f"field.{k}") if f"field.{k}" in catalog() else k

    keys = list(dict.fromkeys([*entry.before, *entry.after]))
    parts = []
    for k in keys:
        if k in entry.before and k in entry.after:
            parts.append(f"{name(k)}: {short(entry.before[k])} → {short(entry.after[k])}")
        elif k in entry.after:
            parts.append(f"{name(k)}: {short(entry.after[k])}")
        else:
            parts.append(f"{name(k)}: {short(entry.before[k])}")
    line = "; ".join(parts)
    return line if len(line) <= width else line[: width - 1] + "…"


def action_label(action: str) -> str:
    """The action in the UI language (an unknown one as itself)."""
    from creatorctl.i18n import catalog, t

    key = f"audit.action.{action}"
    return t(key) if key in catalog() else action


def object_label(entry: AuditEntry) -> str:
    """`作品 #12` / `work #12`: the kind in the UI language and the id."""
    from creatorctl.i18n import catalog, t

    key = f"audit.kind.{entry.kind}"
    kind = t(key) if key in catalog() else entry.kind
    return kind if entry.object_id is None else f"{kind} #{entry.object_id}"
