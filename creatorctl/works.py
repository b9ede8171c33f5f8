"""Works: the paged, sorted, searchable list; a work's detail and daily numbers; edits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa

from creatorctl.accounts import record_changes
from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.search import search_clause
from creatorctl.sorting import WORK_SORTS
from creatorctl.store import Store
from creatorctl.timeutil import from_db, utc_to_local
from creatorctl.work_row import WorkRow

TITLE_MAX = 55
DESCRIPTION_MAX = 1000
TAG_MAX = 30
TAGS_MAX = 10
# A topic holds letters (any script), digits and underscores: no spaces, punctuation or '#'.
TAG_RE = re.compile(r"^[^\W]+$")


@dataclass(frozen=True)
class DailyPoint:
    day: date
    plays: int
    likes: int
    comments: int
    shares: int


@dataclass(frozen=True)
class WorkDetail:
    """Everything the work detail screen shows."""

    id: int
    account_id: int
    item_id: str | None
    title: str
    description: str
    tags: tuple[str, ...]
    cover_path: str
    published_at: datetime
    genre: str
    review_status: str
    plays: int
    likes: int
    comments: int
    shares: int
    favorites: int
    profile_visits: int
    fans_gained: int
    completion_rate: float | None
    completion_5s: float | None
    avg_watch_s: float | None
    stats_date: date | None
    duration_s: float | None = None
    """The work's length in seconds (作品时长), when an import gave it."""
    daily: list[DailyPoint] = field(default_factory=list)


def split_tags(tags: str) -> tuple[str, ...]:
    return tuple(x for x in tags.split() if x)


def normalize_tag(raw: str) -> str:
    """'生抽' / '#生抽' / '＃生抽' → '#生抽'; refuses what a topic cannot hold."""
    tag = raw.strip().lstrip("#＃").strip()
    if not tag:
        raise UserError(t("err.tag_empty"))
    if len(tag) > TAG_MAX:
        raise UserError(t("err.tag_too_long", tag=tag, limit=TAG_MAX))
    if not TAG_RE.match(tag):
        raise UserError(t("err.tag_chars", tag=raw.strip()))
    return "#" + tag


def normalize_tags(raws: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Normalise, de-duplicate (keeping order) and bound a list of topics."""
    out: list[str] = []
    for raw in raws:
        for part in re.split(r"[\s,，]+", raw):
            if part.strip():
                tag = normalize_tag(part)
                if tag not in out:
                    out.append(tag)
    if len(out) > TAGS_MAX:
        raise UserError(t("err.too_many_tags", limit=TAGS_MAX, n=len(out)))
    return tuple(out)


def _search_clause(query: str, params: dict[str, object], dialect: str) -> str:
    """Keyword search over title, description and topics (see `search.search_clause`)."""
    return search_clause(
        query,
        params,
        fts_table="work_fts",
        id_column="w.id",
        like_columns=("w.title", "w.description", "w.tags"),
        dialect=dialect,
    )


def _where(store: Store, account_id: int, query: str | None, params: dict[str, object]) -> str:
    params["acc"] = account_id
    where = "w.account_id = :acc AND w.deleted_at IS NULL"
    if query and query.strip():
        where += " AND " + _search_clause(query.strip(), params, store.engine.dialect.name)
    return where


def count_works(store: Store, account_id: int, query: str | None = None) -> int:
    params: dict[str, object] = {}
    sql = f"SELECT count(*) FROM work w WHERE {_where(store, account_id, query, params)}"
    with store.read() as conn:
        return int(conn.execute(sa.text(sql), params).scalar_one())


def list_works(
    store: Store,
    account_id: int,
    *,
    query: str | None = None,
    sort: str = WORK_SORTS.default,
    descending: bool = True,
    offset: int = 0,
    limit: int = 100,
) -> list[WorkRow]:
    """A page of works, sorted in SQL on an indexed column (ties broken by id)."""
    col = WORK_SORTS.check(sort)
    params: dict[str, object] = {"lim": max(0, limit), "off": max(0, offset)}
    order = "DESC" if descending else "ASC"
    nulls = " NULLS LAST" if col == "completion_rate" else ""
    sql = (
        "SELECT w.id, w.title, w.published_at, w.tags, w.plays, w.likes, w.comments, w.shares,"
        f" w.completion_rate FROM work w WHERE {_where(store, account_id, query, params)}"
        f" ORDER BY w.{col} {order}{nulls}, w.id {order} LIMIT :lim OFFSET :off"
    )
    with store.read() as conn:
        return [
            WorkRow(
                id=r.id,
                title=r.title,
                published_at=utc_to_local(from_db(r.published_at)),
                tags=split_tags(r.tags),
                plays=r.plays,
                likes=r.likes,
                comments=r.comments,
                shares=r.shares,
                completion_rate=r.completion_rate,
            )
            for r in conn.execute(sa.text(sql), params)
        ]


def work_titles(
    store: Store, account_id: int, query: str, limit: int = 20
) -> list[tuple[int, str]]:
    """(id, title) of works matching `query`, newest first — for the command palette."""
    params: dict[str, object] = {"lim": limit}
    sql = (
        f"SELECT w.id, w.title FROM work w WHERE {_where(store, account_id, query, params)}"
        " ORDER BY w.published_at DESC LIMIT :lim"
    )
    with store.read() as conn:
        return [(r.id, r.title) for r in conn.execute(sa.text(sql), params)]


def daily_numbers(store: Store, work_id: int, *, limit_days: int | None = None) -> list[DailyPoint]:
    """Daily numbers as differences of consecutive snapshots (the first snapshot counts whole)."""
    sql = """
    SELECT snapshot_date,
      plays - coalesce(lag(plays) OVER w, 0) AS plays,
      likes - coalesce(lag(likes) OVER w, 0) AS likes,
      comments - coalesce(lag(comments) OVER w, 0) AS comments,
      shares - coalesce(lag(shares) OVER w, 0) AS shares
    FROM worksnapshot WHERE work_id = :id
    WINDOW w AS (ORDER BY snapshot_date) ORDER BY snapshot_date
    """
    with store.read() as conn:
        rows = conn.execute(sa.text(sql), {"id": work_id}).all()
    points = [
        DailyPoint(
            day=r.snapshot_date
            if isinstance(r.snapshot_date, date)
            else date.fromisoformat(str(r.snapshot_date)),
            plays=max(0, r.plays),
            likes=max(0, r.likes),
            comments=max(0, r.comments),
            shares=max(0, r.shares),
        )
        for r in rows
    ]
    return points[-limit_days:] if limit_days else points


def get_work(store: Store, work_id: int, account_id: int | None = None) -> WorkDetail:
    with store.read() as conn:
        r = conn.execute(
            sa.text("SELECT * FROM work WHERE id=:i AND deleted_at IS NULL"), {"i": work_id}
        ).first()
    if r is None or (account_id is not None and r.account_id != account_id):
        raise UserError(t("err.unknown_work", id=work_id))
    return WorkDetail(
        id=r.id,
        account_id=r.account_id,
        item_id=r.item_id,
        title=r.title,
        description=r.description,
        tags=split_tags(r.tags),
        cover_path=r.cover_path,
        published_at=utc_to_local(from_db(r.published_at)),
        genre=r.genre,
        review_status=r.review_status,
        plays=r.plays,
        likes=r.likes,
        comments=r.comments,
        shares=r.shares,
        favorites=r.favorites,
        profile_visits=r.profile_visits,
        fans_gained=r.fans_gained,
        completion_rate=r.completion_rate,
        completion_5s=r.completion_5s,
        avg_watch_s=r.avg_watch_s,
        duration_s=r.duration_s,
        stats_date=r.stats_date
        if r.stats_date is None or isinstance(r.stats_date, date)
        else date.fromisoformat(str(r.stats_date)),
        daily=daily_numbers(store, work_id),
    )


def validate_edit(
    *,
    title: str | None = None,
    description: str | None = None,
    tags: tuple[str, ...] | None = None,
    cover_path: str | None = None,
) -> dict[str, str]:
    """Check and normalise edited fields; returns {column: new text}. Raises UserError."""
    out: dict[str, str] = {}
    if title is not None:
        title = " ".join(title.split())
        if not title:
            raise UserError(t("err.empty", field=t("field.title")))
        if len(title) > TITLE_MAX:
            raise UserError(
                t("err.too_long", field=t("field.title"), limit=TITLE_MAX, n=len(title))
            )
        out["title"] = title
    if description is not None:
        description = description.strip()
        if len(description) > DESCRIPTION_MAX:
            raise UserError(
                t(
                    "err.too_long",
                    field=t("field.description"),
                    limit=DESCRIPTION_MAX,
                    n=len(description),
                )
            )
        out["description"] = description
    if tags is not None:
        out["tags"] = " ".join(normalize_tags(tags))
    if cover_path is not None:
        cover_path = cover_path.strip()
        if cover_path and not Path(cover_path).expanduser().is_file():
            raise UserError(t("err.no_file", path=cover_path))
        out["cover_path"] = str(Path(cover_path).expanduser()) if cover_path else ""
    return out


def edit_work(
    store: Store,
    work_id: int,
    *,
    title: str | None = None,
    description: str | None = None,
    tags: tuple[str, ...] | None = None,
    add_tags: tuple[str, ...] = (),
    remove_tags: tuple[str, ...] = (),
    cover_path: str | None = None,
    account_id: int | None = None,
) -> dict[str, tuple[str, str]]:
    """Edit a work without republishing. Returns {field: (old, new)} of what changed.

    Validation happens before anything is written; the edit and its history are one transaction.
    """
    current = get_work(store, work_id, account_id)
    if add_tags or remove_tags:
        base = list(tags if tags is not None else current.tags)
        removing = set(normalize_tags(remove_tags)) if remove_tags else set()
        missing = removing - set(base)
        if missing:
            raise UserError(t("err.tag_not_on_work", tag=" ".join(sorted(missing))))
        base = [x for x in base if x not in removing]
        tags = tuple(base) + tuple(normalize_tags(add_tags)) if add_tags else tuple(base)
    new = validate_edit(title=title, description=description, tags=tags, cover_path=cover_path)
    old = {
        "title": current.title,
        "description": current.description,
        "tags": " ".join(current.tags),
        "cover_path": current.cover_path,
    }
    changes = {k: (old[k], v) for k, v in new.items() if old[k] != v}
    if not changes:
        return {}
    with store.write() as conn:
        for col, (_o, value) in changes.items():
            conn.execute(
                sa.text(f"UPDATE work SET {col}=:v WHERE id=:i"), {"v": value, "i": work_id}
            )
        record_changes(
            conn, account_id=current.account_id, entity="work", entity_id=work_id, changes=changes
        )
    return changes


def delete_work(store: Store, work_id: int, account_id: int | None = None) -> None:
    """Move a work to the trash (restorable with `trash.restore`)."""
    from creatorctl.trash import move_to_trash

    current = get_work(store, work_id, account_id)
    with store.write() as conn:
        move_to_trash(
            conn,
            account_id=current.account_id,
            entity="work",
            ids=[work_id],
            labels=[current.title],
        )
