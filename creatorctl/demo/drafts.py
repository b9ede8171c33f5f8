"""Demo drafts: some being edited, a week of scheduled posts, and one of each other state.

Each draft's video and cover are small placeholder files in a private folder next to the store
(`demo-media/<handle>/`, 0700, files 0600), so the drafts look like a creator's real ones: no
"file missing" warning on every row of a new user's first look (issue 13 §11). The files are
text, not media; a publish hook given one uploads nothing real.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from creatorctl.demo import DemoContext
from creatorctl.demo.content import NICHES, make_title
from creatorctl.drafts import ts
from creatorctl.i18n import t
from creatorctl.store import Unit
from creatorctl.timeutil import from_db, local_to_utc

FILTERS = ("清新", "胶片", "暖阳", "日系", "黑白", "奶油", "原图")
MUSIC = ("晴天 - 周杰伦", "起风了", "热门BGM·轻快鼓点", "Lemon Tree", "夜曲", "")
SLOTS = ((19, 0), (19, 30), (20, 0), (20, 30), (21, 0), (12, 0))


def _params(ctx: DemoContext) -> str:
    rng = ctx.rng
    params: dict[str, object] = {
        "filter": rng.choice(FILTERS),
        "strength": round(rng.uniform(0.3, 0.9), 1),
        "music": rng.choice(MUSIC),
        "speed": rng.choice((1.0, 1.0, 1.25, 0.75)),
    }
    if rng.random() < 0.5:
        params["cuts"] = [round(rng.uniform(0, 5), 2), round(rng.uniform(8, 40), 2)]
    # Indented like an editor might save it: the demo shows that the text is kept as is.
    return json.dumps(params, ensure_ascii=False, indent=None if rng.random() < 0.5 else 2)


PLACEHOLDER = "creatorctl demo placeholder: {name} ({what}), not a real {what}\n"


def shown_path(path: Path) -> str:
    """`path` as a draft keeps it: ~/… under the home folder (short, and the same wherever the
    home is), else absolute."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except (ValueError, RuntimeError):
        return str(path)


def _write_files(ctx: DemoContext, names: list[str]) -> None:
    """The placeholder files, in a 0700 folder, each 0600 (safe_fs)."""
    from creatorctl.safe_fs import make_private_dir, write_private

    if ctx.media_dir is None or not names:
        return
    what = t("fs.what.demo_media")
    make_private_dir(ctx.media_dir, what=what)
    for name in names:
        kind = "video" if name.endswith(".mp4") else "cover image"
        write_private(ctx.media_dir / name, PLACEHOLDER.format(name=name, what=kind), what=what)


def extend(conn: Unit, ctx: DemoContext) -> None:
    rng = ctx.rng
    now = ctx.now
    rows: list[dict[str, object]] = []
    folder = shown_path(ctx.media_dir) if ctx.media_dir else "~/视频/抖音草稿"

    def add(state: str, *, when: datetime | None = None, **extra: object) -> None:
        i = len(rows)
        title, tags = make_title(rng, ctx.niche, i)
        title = re.sub(r"\(\d+\)$", "", title)  # series numbers are for published works
        created = now - timedelta(days=rng.randint(1, 20), minutes=rng.randint(0, 600))
        rows.append(
            {
                "a": ctx.account_id,
                "title": title,
                "description": rng.choice(NICHES[ctx.niche].descriptions) if i % 3 else "",
                "tags": " ".join(tags),
                "video": f"{folder}/{created:%Y%m%d}_{i + 1:02d}.mp4",
                "cover": f"{folder}/{created:%Y%m%d}_{i + 1:02d}_封面.jpg"
                if rng.random() < 0.6
                else "",
                "params": _params(ctx),
                "state": state,
                "when": ts(local_to_utc(when)) if when else None,
                "attempts": 0,
                "error": "",
                "claimed_by": None,
                "claimed_at": None,
                "work": None,
                "published": None,
                "created": ts(local_to_utc(created)),
                "updated": ts(local_to_utc(created + timedelta(hours=rng.randint(1, 30)))),
                **extra,
            }
        )

    for _ in range(4):
        add("draft")
    rows[1]["params"] = ""  # just started: no edits yet
    rows[3]["video"] = ""  # an idea, no footage yet
    for day in (0, 1, 2, 4, 5, 6):
        hour, minute = SLOTS[rng.randrange(len(SLOTS))]
        when = (now + timedelta(days=day)).replace(hour=hour, minute=minute, second=0)
        if when <= now + timedelta(minutes=30):
            when += timedelta(days=1)
        add("scheduled", when=when)
    add(
        "missed",
        when=(now - timedelta(days=1)).replace(hour=20, minute=0, second=0),
        error="到点时没有调度器在运行,已超过 1 小时宽限:请重新定时或立即发布",
    )
    add(
        "failed",
        when=(now - timedelta(days=2)).replace(hour=19, minute=30, second=0),
        attempts=3,
        error="钩子退出码 1:upload rejected: video shorter than 3 s",
    )
    recent = sorted(ctx.works, key=lambda w: w.published)[-2:]
    for w in recent:
        add("published", when=w.published, work=w.id, published=ts(local_to_utc(w.published)))
        rows[-1]["title"] = w.title
        rows[-1]["tags"] = " ".join(w.tags)
    _write_files(ctx, [Path(str(p)).name for r in rows for p in (r["video"], r["cover"]) if p])

    insert = sa.text(
        "INSERT INTO draft(account_id, title, description, tags, video_path, cover_path, "
        "edit_params, state, scheduled_at, next_try_at, attempts, last_error, claimed_by, "
        "claimed_at, work_id, published_at, created_at, updated_at) VALUES (:a, :title, "
        ":description, :tags, :video, :cover, :params, :state, :when, "
        ":next, :attempts, :error, :claimed_by, "
        ":claimed_at, :work, :published, :created, :updated) RETURNING id"
    )
    for row in rows:
        nxt = row["when"] if row["state"] == "scheduled" else None
        draft_id = conn.execute(insert, {**row, "next": nxt}).scalar_one()
        if row["work"] is not None:
            conn.execute(
                sa.text("UPDATE work SET draft_id=:d WHERE id=:w"),
                {"d": draft_id, "w": row["work"]},
            )
        if row["state"] == "failed":
            start = from_db(row["when"])
            for n, wait in enumerate((0, 30, 150)):
                at = start + timedelta(seconds=wait)
                conn.execute(
                    sa.text(
                        "INSERT INTO publishattempt(draft_id, worker_id, started_at, finished_at, "
                        "ok, exit_code, error, stderr_tail) VALUES (:d, :w, :s, :f, FALSE, 1, :e, :t)"
                    ),
                    {
                        "d": draft_id,
                        "w": "headless@demo:4242",
                        "s": ts(at),
                        "f": ts(at + timedelta(seconds=4 + n)),
                        "e": row["error"],
                        "t": "POST /video/upload 400\nupload rejected: video shorter than 3 s",
                    },
                )
