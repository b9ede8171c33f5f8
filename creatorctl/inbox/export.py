"""`export comments|messages`: every row with its flags, as CSV or JSON, streamed."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO

from creatorctl.store import Store

COMMENT_FIELDS = (
    "id",
    "work_id",
    "work_title",
    "comment_id",
    "user_id",
    "nickname",
    "content",
    "created_at",
    "likes",
    "pinned",
    "parent_id",
    "is_mine",
    "reply_text",
    "send_status",
    "flags",
)
MESSAGE_FIELDS = (
    "id",
    "fan_id",
    "fan_nickname",
    "direction",
    "text",
    "created_at",
    "read",
    "auto_reply",
    "rule_id",
)
KINDS = ("comments", "messages")


def rows_for(store: Store, account_id: int, kind: str) -> tuple[tuple[str, ...], Iterator[dict]]:  # type: ignore[type-arg]
    """The columns and rows of an export kind."""
    if kind == "comments":
        from creatorctl.inbox.comments import iter_comments

        return COMMENT_FIELDS, (c.as_json() for c in iter_comments(store, account_id))
    from creatorctl.inbox.messages import iter_messages

    return MESSAGE_FIELDS, iter(iter_messages(store, account_id))


def write_rows(
    out: IO[str],
    fmt: str,
    fields: tuple[str, ...],
    rows: Iterable[dict],  # type: ignore[type-arg]
) -> int:
    """Write rows as csv (flags joined by spaces) or a JSON array; returns how many."""
    n = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(fields)
        for row in rows:
            writer.writerow(
                [
                    " ".join(v) if isinstance(v, list) else "" if v is None else v
                    for v in (row[f] for f in fields)
                ]
            )
            n += 1
        return n
    out.write("[")
    for row in rows:
        out.write(("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False))
        n += 1
    out.write("\n]\n")
    return n
