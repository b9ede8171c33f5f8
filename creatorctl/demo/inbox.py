"""Demo inbox: comments (with ads, spam, provocations), messages and rules, groups, lives.

Comments are made in time order across the whole account so their ids rise with time (the
lists page newest-first by id), and inserted in big batches straight through the driver.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import sqlalchemy as sa

from creatorctl.config import InboxConfig
from creatorctl.demo import DemoContext
from creatorctl.demo import inbox_content as C
from creatorctl.demo.comment_writer import comment_writer
from creatorctl.demo.content import NICHES
from creatorctl.i18n import t
from creatorctl.inbox.comment_load import local_key_at
from creatorctl.inbox.flags import comment_flags
from creatorctl.inbox.live import Sample, save_session
from creatorctl.inbox.messages import Incoming, ingest_messages
from creatorctl.store import Unit
from creatorctl.store_bulk import Bulk
from creatorctl.timeutil import local_to_utc, to_db

COMMENTS = {"small": 4_000, "large": 1_000_000, "huge": 10_000_000}
MESSAGES = {"small": 1_500, "large": 100_000, "huge": 1_000_000}
MEMBERS = {"small": 120, "large": 500, "huge": 500}
BATCH = 50_000


def extend(conn: Unit, ctx: DemoContext) -> None:
    nick = NICHES[ctx.niche].nickname
    _comments(conn, ctx)
    rule_ids = _rules(conn, ctx, nick)
    _messages(conn, ctx, rule_ids)
    _groups(conn, ctx, nick)
    _lives(conn, ctx)


def _nicknames(rng: random.Random, n: int) -> list[str]:
    out = []
    for i in range(n):
        a = rng.choice(C.NICK_PARTS_A)
        b = rng.choice(C.NICK_PARTS_B)
        style = i % 4
        if style == 0:
            out.append(a + b)
        elif style == 1:
            out.append(f"{b}{rng.randrange(10, 9999)}")
        elif style == 2:
            out.append(rng.choice(C.SURNAMES) + b)
        else:
            out.append(f"用户{rng.randrange(10**9, 10**10)}")
    return out


def _below(rng: random.Random) -> Callable[[int], int]:
    """CPython's `rng.choice(seq)` is `seq[rng._randbelow(len(seq))]` and `rng.randrange(n)` is
    `rng._randbelow(n)`: calling it directly draws the same numbers, for less per comment."""
    below: Callable[[int], int] = getattr(rng, "_randbelow")  # noqa: B009
    return below


def _content(draw: Callable[[], float], below: Callable[[int], int], nicks: list[str]) -> str:
    """One comment's text, drawn with `draw` (``rng.random``) and `below` (`_below`)."""
    r = draw()
    if r < 0.05:
        text = C.SPAM[below(len(C.SPAM))].format(
            wx=f"{_WX[below(len(_WX))]}{below(899) + 100}",
            phone=f"1{_PHONE[below(len(_PHONE))]}{below(10**9 - 10**8) + 10**8}",
            code=_CODES[below(len(_CODES))],
        )
        return text
    if r < 0.10:
        return C.PROVOKE[below(len(C.PROVOKE))] + C.EMOJI[below(len(C.EMOJI))]
    if r < 0.45:
        return C.PRAISE[below(len(C.PRAISE))] + C.EMOJI[below(len(C.EMOJI))]
    if r < 0.68:
        return C.QUESTIONS[below(len(C.QUESTIONS))]
    if r < 0.75:
        return f"@{nicks[below(len(nicks))]} " + C.CHAT[below(len(C.CHAT))]
    return C.CHAT[below(len(C.CHAT))] + C.EMOJI[below(len(C.EMOJI))]


_WX = ("abc", "tt", "xx", "love", "vip")
_PHONE = "3589"
_CODES = ("a8Kd2", "xq7Lm", "zz91p", "hb3Fq", "mm0Wt")


def _comments(conn: Unit, ctx: DemoContext) -> None:
    rng = ctx.rng
    total = COMMENTS[ctx.size]
    works = [w for w in ctx.works if w.comments > 0] or ctx.works
    weight = sum(max(1, w.comments) for w in works)
    now = local_to_utc(ctx.now)
    nicks = _nicknames(rng, 4000)
    # (seconds after the epoch below, work index): sorted, so ids rise with time.
    epoch = datetime(2000, 1, 1)
    now_s = int((now - epoch).total_seconds())
    events: list[tuple[int, int]] = []
    expo, rand = rng.expovariate, rng.random
    for wi, w in enumerate(works):
        k = max(1, round(total * max(1, w.comments) / weight))
        pub = int((local_to_utc(w.published) - epoch).total_seconds())
        span = max(60, now_s - pub)
        # Most comments arrive in the first days; a tail keeps coming (never after now).
        for _ in range(k):
            delay = int(expo(1 / 86_400)) + 30
            events.append((pub + (delay if delay < span else int(rand() * span)), wi))
    events.sort()
    words = InboxConfig().flag_words
    flag_cache: dict[str, str] = {}
    bulk = ctx.bulk
    below, pareto, n_nicks = _below(rng), rng.paretovariate, len(nicks)
    replies, n_replies = C.MY_REPLIES, len(C.MY_REPLIES)
    work_ids = [w.id for w in works]
    users = [f"u{u:06d}" for u in range(n_nicks)]
    with _indexes_built_after(bulk), comment_writer(bulk, ctx.account_id) as writer:
        batch: list[tuple] = []
        group: tuple[int, int] | None = None
        seen: set[str] = set()
        second = timedelta(seconds=1)
        for n, (secs, wi) in enumerate(events):
            content = _content(rand, below, nicks)
            flags = flag_cache.get(content)
            if flags is None:
                flags = flag_cache[content] = comment_flags(content, words)
            likes = int(pareto(1.3)) - 1 if not flags else 0
            reply = replies[below(n_replies)] if not flags and rand() < 0.02 else None
            user = below(n_nicks)
            when = str(epoch + second * secs)  # whole seconds: "YYYY-MM-DD HH:MM:SS"
            key = local_key_at(users[user], nicks[user], when, content)
            # Only comments on one work in one second can share a key; the first one stays
            # (what the unique index did while it was kept during the load).
            if (secs, wi) != group:
                group, seen = (secs, wi), set()
            if key in seen:
                continue
            seen.add(key)
            # comment_writer.COLUMNS
            batch.append(
                (work_ids[wi], key, users[user], nicks[user], content, when + ".000000", likes, reply,
                 flags)
            )  # fmt: skip
            if len(batch) >= BATCH:
                writer.add(batch)
                batch = []
                if ctx.progress:
                    ctx.progress(t("inbox.demo_comments"), n, len(events))
        writer.add(batch)
    # A pinned comment on the most discussed works: their most liked one.
    top = sorted(works, key=lambda w: -w.comments)[:20]
    for w in top:
        bulk.execute(
            "UPDATE comment SET pinned=TRUE WHERE id=(SELECT id FROM comment WHERE work_id=? "
            "AND flags='' ORDER BY likes DESC LIMIT 1)",
            (w.id,),
        )


_KEPT = ("ix_comment_acc_new", "ix_comment_flagged", "uq_comment_pinned")
"""Indexes the comments reach in order (by account and id; none pinned yet): kept up during the
load at little cost, on the writer's core, instead of built after it."""


@contextmanager
def _indexes_built_after(bulk: Bulk) -> Iterator[None]:
    """Drop the comment table's plain indexes for the load and build each once at the end: a
    sort per index instead of millions of inserts at random places (the most-liked and
    platform-id indexes take rows in random order). Same transaction: a failure puts them
    back. The loop above keeps (work, comment_id) unique without the unique index."""
    indexes = [i for i in bulk.plain_indexes("comment") if i[0] not in _KEPT]
    for name, _sql in indexes:
        bulk.execute(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        bulk.execute(sql)


def _rules(conn: Unit, ctx: DemoContext, nick: str) -> list[int]:
    ids = []
    created = local_to_utc(ctx.now - timedelta(days=60))
    for keyword, reply, prio, enabled, welcome in C.RULES:
        ids.append(
            conn.execute(
                sa.text(
                    "INSERT INTO autoreplyrule(account_id, keyword, reply, priority, enabled, "
                    "is_welcome, created_at) VALUES (:a, :k, :r, :p, :e, :w, :c) RETURNING id"
                ),
                {
                    "a": ctx.account_id,
                    "k": keyword,
                    "r": reply.format(nick=nick),
                    "p": prio,
                    "e": enabled,
                    "w": welcome,
                    "c": created,
                },
            ).scalar_one()
        )
    return ids


def _messages(conn: Unit, ctx: DemoContext, rule_ids: list[int]) -> None:
    rng = ctx.rng
    total = MESSAGES[ctx.size]
    fans = max(20, total // 5)
    nicks = _nicknames(rng, fans)
    items: list[Incoming] = []
    horizon = 180 * 86_400
    for f in range(fans):
        n = max(1, int(rng.expovariate(1 / 5)))
        start = ctx.now - timedelta(seconds=int(horizon * rng.random() ** 2) + 600)
        at = start
        for k in range(n):
            at += timedelta(minutes=rng.randrange(1, 600))
            if at >= ctx.now:
                break
            mine = k > 0 and rng.random() < 0.25
            text = (
                rng.choice(C.MY_REPLIES)
                if mine
                else rng.choice(C.MESSAGES_FIRST if k == 0 and rng.random() < 0.4 else C.MESSAGES)
            )
            items.append(
                Incoming(
                    fan_id=f"f{f:06d}",
                    fan_nickname=nicks[f],
                    text=text,
                    created_at=local_to_utc(at),
                    direction="out" if mine else "in",
                    read=(ctx.now - at).days >= 2 or rng.random() < 0.5,
                )
            )
        if len(items) >= total:
            break
    bulk = ctx.bulk
    ingest_messages(bulk, ctx.account_id, items, None, dedupe=False)


GROUPMEMBER_COLUMNS = (
    "group_id", "user_id", "nickname", "role", "joined_at", "last_active_at", "message_count",
)  # fmt: skip


def _groups(conn: Unit, ctx: DemoContext, nick: str) -> None:
    rng = ctx.rng
    members = MEMBERS[ctx.size]
    names = _nicknames(rng, members * 2)
    bulk = ctx.bulk
    for g, name in enumerate(C.GROUP_NAMES):
        created = ctx.now - timedelta(days=300 - 120 * g)
        gid = conn.execute(
            sa.text(
                "INSERT INTO fangroup(account_id, name, announcement, created_at) "
                "VALUES (:a, :n, :t, :c) RETURNING id"
            ),
            {
                "a": ctx.account_id,
                "n": name.format(nick=nick),
                "t": C.ANNOUNCEMENTS[-1 - g],
                "c": local_to_utc(created),
            },
        ).scalar_one()
        history = C.ANNOUNCEMENTS if g == 0 else C.ANNOUNCEMENTS[:2]
        for i, text in enumerate(history):
            bulk.execute(
                "INSERT INTO groupannouncement(group_id, text, changed_at) VALUES (?,?,?)",
                (gid, text, to_db(local_to_utc(created + timedelta(days=40 * i)))),
            )
        rows = []
        for m in range(members - 60 * g):
            joined = created + timedelta(minutes=rng.randrange(0, (ctx.now - created).days * 1440))
            silent = rng.random() < 0.35
            if silent:
                last = joined + timedelta(days=rng.randrange(0, 20)) if rng.random() < 0.6 else None
                if last is not None and last > ctx.now - timedelta(days=31):
                    last = ctx.now - timedelta(days=31 + rng.randrange(60))
                count = rng.randrange(0, 4)
            else:
                last = ctx.now - timedelta(minutes=int(rng.expovariate(1 / 4000)))
                count = int(rng.paretovariate(1.1) * 5)
            role = "owner" if m == 0 else "admin" if m <= 3 else "member"
            rows.append(
                (
                    gid,
                    "self" if m == 0 else f"u{g}{m:06d}",
                    nick if m == 0 else names[m + g * members],
                    role,
                    to_db(local_to_utc(joined)),
                    to_db(local_to_utc(last)) if last else None,
                    count + (300 if m == 0 else 0),
                )
            )
        bulk.insert_rows("groupmember", GROUPMEMBER_COLUMNS, rows)


def _lives(conn: Unit, ctx: DemoContext) -> None:
    rng = ctx.rng
    bulk = ctx.bulk
    for i, title in enumerate(C.LIVE_TITLES):
        day = ctx.today - timedelta(days=3 + 7 * i)
        start = datetime.combine(day, datetime.min.time()).replace(hour=20)
        samples = []
        online = 200.0
        gifts = likes = fans = 0
        drop_at = 2400 if i == 0 else None
        for k in range(0, 2 * 3600, 10):
            warm = min(1.0, k / 900)
            target = 1800 * warm * (1 + 0.3 * math.sin(k / 700)) + 150
            online += (target - online) * 0.08 + online * rng.uniform(-0.015, 0.015)
            if k == drop_at:
                online *= 0.62  # a sudden exodus (a dull segment): -38% in 10 s
            online = max(20.0, online)
            gifts += int(rng.expovariate(1 / 3) * online / 400)
            likes += int(online * rng.uniform(0.5, 1.5))
            fans += rng.random() < online / 2500
            samples.append(
                Sample(start + timedelta(seconds=k), int(online), gifts, likes, int(fans))
            )
        save_session(bulk, ctx.account_id, title, samples)
    for i, topic in enumerate(C.PREVIEW_TOPICS):
        at = datetime.combine(ctx.today + timedelta(days=2 + 3 * i), datetime.min.time())
        conn.execute(
            sa.text(
                "INSERT INTO livepreview(account_id, topic, start_at, created_at) "
                "VALUES (:a, :t, :s, :c)"
            ),
            {
                "a": ctx.account_id,
                "t": topic,
                "s": local_to_utc(at.replace(hour=20)),
                "c": local_to_utc(ctx.now),
            },
        )
