"""An auto-reply rule's fields as the audit log records them (creatorctl.audit)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from creatorctl.store import Unit


def rule_row(conn: Unit, account_id: int, rule_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        sa.text(
            "SELECT keyword AS k, reply AS r, priority AS p, enabled AS e, is_welcome AS w "
            "FROM autoreplyrule WHERE id=:i AND account_id=:a"
        ),
        {"i": rule_id, "a": account_id},
    ).first()
    return None if row is None else row._asdict()


def rule_values(v: dict[str, Any]) -> dict[str, Any]:
    """A rule's fields as the audit log shows them."""
    return {
        "keyword": v["k"],
        "reply": v["r"],
        "priority": v["p"],
        "enabled": bool(v["e"]),
        "is_welcome": bool(v["w"]),
    }
