"""Auto-reply rules 自动回复: keyword → reply, tried by priority; a welcome rule for first messages.

Adding, changing, switching and deleting a rule is simple CRUD: it goes through an ORM session
(`Store.session()`) on the `AutoReplyRule` model, with the audit row in the same transaction.
Reading them for every incoming message stays on SQLAlchemy Core (`_load_rules`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from creatorctl.audit import record
from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.store import Store, Unit, unit_of
from creatorctl.timeutil import utcnow

if TYPE_CHECKING:
    from sqlmodel import Session

    from creatorctl.models import AutoReplyRule

KEYWORD_SPLIT = re.compile(r"[|,，、]+")
REPLY_MAX = 500


@dataclass(frozen=True)
class Rule:
    """An auto-reply rule."""

    id: int
    keyword: str
    reply: str
    priority: int
    enabled: bool
    is_welcome: bool

    @property
    def keywords(self) -> tuple[str, ...]:
        return tuple(k.strip().lower() for k in KEYWORD_SPLIT.split(self.keyword) if k.strip())

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "keyword": self.keyword,
            "reply": self.reply,
            "priority": self.priority,
            "enabled": self.enabled,
            "is_welcome": self.is_welcome,
        }


def _rule(r: Any) -> Rule:
    return Rule(r.id, r.keyword, r.reply, r.priority, bool(r.enabled), bool(r.is_welcome))


def list_rules(store: Store, account_id: int) -> list[Rule]:
    with store.read() as conn:
        return _load_rules(conn, account_id)


def _load_rules(conn: Unit, account_id: int) -> list[Rule]:
    rows = conn.execute(
        sa.text(
            "SELECT id, keyword, reply, priority, enabled, is_welcome FROM autoreplyrule "
            "WHERE account_id=:a ORDER BY priority DESC, id"
        ),
        {"a": account_id},
    )
    return [_rule(r) for r in rows]


def rule_name(rule: Rule) -> str:
    """How messages name a rule beside its id: its keywords, or 欢迎语 for the welcome rule."""
    return t("inbox.welcome") if rule.is_welcome else rule.keyword


def match_rule(rules: Sequence[Rule], text: str, *, first: bool) -> Rule | None:
    """The rule that answers `text`: the first enabled keyword rule (by priority) whose keyword
    appears in it; else, for a fan's first message, the first enabled welcome rule."""
    low = text.lower()
    ordered = sorted(rules, key=lambda r: (-r.priority, r.id))
    for rule in ordered:
        if rule.enabled and not rule.is_welcome and any(k in low for k in rule.keywords):
            return rule
    if first:
        for rule in ordered:
            if rule.enabled and rule.is_welcome:
                return rule
    return None


def test_rules(store: Store, account_id: int, text: str, *, first: bool = False) -> Rule | None:
    """Which rule would answer `text` (a fan's first message when `first`)."""
    return match_rule(list_rules(store, account_id), text, first=first)


# --- changes: an ORM session each, audited in the same transaction ----------------------------


def _audited(row: AutoReplyRule) -> dict[str, Any]:
    """A rule's fields as the audit log records them."""
    return {
        "keyword": row.keyword,
        "reply": row.reply,
        "priority": row.priority,
        "enabled": bool(row.enabled),
        "is_welcome": bool(row.is_welcome),
    }


def _find(session: Session, account_id: int, rule_id: int) -> AutoReplyRule:
    from creatorctl.models import AutoReplyRule

    row = session.get(AutoReplyRule, rule_id)
    if row is None or row.account_id != account_id:
        raise UserError(t("inbox.err_unknown_rule", id=rule_id))
    return row


def save_rule(
    store: Store,
    account_id: int,
    *,
    rule_id: int | None = None,
    keyword: str,
    reply: str,
    priority: int = 0,
    enabled: bool = True,
    is_welcome: bool = False,
) -> Rule:
    """Add (rule_id None) or change a rule; validated before anything is written."""
    from creatorctl.models import AutoReplyRule

    keyword = " ".join(keyword.split())
    reply = reply.strip()
    if not reply:
        raise UserError(t("err.empty", field=t("inbox.field_reply")))
    if len(reply) > REPLY_MAX:
        raise UserError(
            t("err.too_long", field=t("inbox.field_reply"), limit=REPLY_MAX, n=len(reply))
        )
    if not is_welcome and not any(k.strip() for k in KEYWORD_SPLIT.split(keyword)):
        raise UserError(t("inbox.err_rule_keyword"))
    values: dict[str, object] = {
        "keyword": keyword,
        "reply": reply,
        "priority": priority,
        "enabled": enabled,
        "is_welcome": is_welcome,
    }
    with store.session() as session:
        if rule_id is None:
            row = AutoReplyRule(
                account_id=account_id,
                keyword=keyword,
                reply=reply,
                priority=priority,
                enabled=enabled,
                is_welcome=is_welcome,
                created_at=utcnow(),
            )
            session.add(row)
            session.flush()  # its id
            assert row.id is not None
            rule_id = row.id
            record(unit_of(session), "create", "rule", rule_id, account_id, None, _audited(row))
        else:
            row = _find(session, account_id, rule_id)
            was = _audited(row)
            for name, value in values.items():
                setattr(row, name, value)
            session.flush()
            now = _audited(row)
            changed = [k for k in now if was[k] != now[k]]
            if changed:
                before, after = {k: was[k] for k in changed}, {k: now[k] for k in changed}
                record(unit_of(session), "edit", "rule", rule_id, account_id, before, after)
    return Rule(rule_id, keyword, reply, priority, enabled, is_welcome)


def set_rule_enabled(store: Store, account_id: int, rule_id: int, enabled: bool) -> None:
    with store.session() as session:
        row = _find(session, account_id, rule_id)
        row.enabled = enabled
        session.flush()
        was, now = {"enabled": not enabled}, {"enabled": enabled}
        record(unit_of(session), "edit", "rule", rule_id, account_id, was, now)


def delete_rule(store: Store, account_id: int, rule_id: int) -> None:
    with store.session() as session:
        row = _find(session, account_id, rule_id)
        old = _audited(row)
        session.delete(row)
        session.flush()
        record(unit_of(session), "delete", "rule", rule_id, account_id, old)
