"""The Open Platform private-message webhook (企业号私信 ``im_receive_msg`` / ``im_send_msg``),
as saved by a webhook receiver: one event (JSON), a JSON array of events, or JSON Lines.

An event: {event, from_user_id, to_user_id, client_key, content}; ``content`` is an object or
a JSON string of {conversation_short_id, server_message_id, create_time (ms), message_type,
text, user_infos[{open_id, nick_name, avatar}]}. Received messages run the auto-reply rules as
they are stored, like the messages CSV; sent ones (``im_send_msg``) are stored as the account's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from creatorctl.i18n import t
from creatorctl.importers.base import LINE, Column, ImportContext, Kind, Row, RowProblem, register
from creatorctl.importers.numbers import ParseError, parse_datetime, parse_id, parse_text
from creatorctl.timeutil import local_to_utc, now_local

EVENTS = {"im_receive_msg": "in", "im_send_msg": "out"}


def parse_im_content(v: Any) -> dict[str, Any] | None:
    """The event's ``content``: an object, or the JSON text of one."""
    if v is None or v == "":
        return None
    if isinstance(v, str):
        try:
            v = json.loads(v)
        except ValueError:
            raise ParseError("src.im_bad_content") from None
    if not isinstance(v, dict):
        raise ParseError("src.im_bad_content")
    return v


def parse_event(v: Any) -> str | None:
    s = parse_text(v, max_len=60)
    if s is None:
        return None
    if s not in EVENTS:
        raise ParseError("src.im_bad_event")
    return s


@register
class ImWebhook(Kind):
    name = "im_webhook"
    label = ("私信回调(im_receive_msg)", "private-message webhook (im_receive_msg)")
    columns = (
        Column("event", ("event",), parse_event, required=True),
        Column("from_user_id", ("from_user_id",), parse_id, required=True),
        Column("to_user_id", ("to_user_id",), parse_id),
        Column("content", ("content",), parse_im_content, required=True, cache=False),
    )
    min_columns = 3
    batch_size = 20_000

    def json_records(self, doc: Any) -> Iterator[dict[str, Any]] | None:
        events = doc if isinstance(doc, list) else [doc]
        first = events[0] if events else None
        if not isinstance(first, dict) or first.get("event") not in EVENTS:
            return None
        return (
            {k: e.get(k) for k in ("event", "from_user_id", "to_user_id", "content")}
            if isinstance(e, dict)
            else {"event": e}
            for e in events
        )

    def begin(self, ctx: ImportContext) -> None:
        ctx.state["now"] = now_local()

    def check(self, ctx: ImportContext, row: Row) -> None:
        content = row["content"]
        try:
            created = parse_datetime(content.get("create_time"))
            text = parse_text(content.get("text"))
        except ParseError as exc:
            raise RowProblem("content", exc.expected) from None
        if created is None:
            raise RowProblem("content", "src.im_no_time")
        if created > ctx.state["now"]:
            raise RowProblem("content", "imp.future_time")
        row["_created"] = created
        row["_text"] = text if text is not None else _placeholder(content)

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        from creatorctl.inbox.messages import Incoming, ingest_messages

        items = []
        for r in rows:
            direction = EVENTS[r["event"]]
            fan = r["from_user_id"] if direction == "in" else (r["to_user_id"] or "")
            if not fan:
                ctx.skip(r[LINE], t("src.im_no_fan"))
                continue
            items.append(
                Incoming(
                    fan_id=fan,
                    fan_nickname=_nickname(r["content"], fan),
                    text=r["_text"],
                    created_at=local_to_utc(r["_created"]),
                    direction=direction,
                )
            )
        result = ingest_messages(ctx.conn, ctx.account_id, items, None)
        ctx.added(result.added)
        ctx.unchanged(len(items) - result.added)


def _nickname(content: dict[str, Any], open_id: str) -> str:
    for info in content.get("user_infos") or ():
        if isinstance(info, dict) and info.get("open_id") == open_id:
            return str(info.get("nick_name") or "")
    return ""


def _placeholder(content: dict[str, Any]) -> str:
    """What a message without text (a picture, a shared video …) is stored as."""
    kind = str(content.get("message_type") or "?")
    return f"[{kind}]"
