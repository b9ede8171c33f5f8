"""Writing works and their dated snapshots: shared by every kind that carries work numbers.

A row names a work (``item_id``, else ``title`` + ``published_at``) and gives its running totals
as of a date (the row's ``snapshot_date``, else the file's). The work is added if unknown, its
snapshot for that date added or updated, and at the end each touched work's latest numbers are
copied from its newest snapshot — so an older export imported later never overwrites newer
numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from operator import itemgetter
from typing import TYPE_CHECKING, Any, ClassVar

from creatorctl.i18n import t
from creatorctl.importers.base import EXAMPLES_MAX, LINE, ImportContext, Kind, Row, RowProblem
from creatorctl.importers.samework import NearIndex, near_works, pick, shorter_title
from creatorctl.models.columns import WORK_COUNTS, WORK_RATES
from creatorctl.timeutil import LocalToUtc, from_db, now_local, to_db, today
from creatorctl.topics import merge_topics, split_title_topics

if TYPE_CHECKING:
    from creatorctl.store_bulk import Bulk

# The tables' metric columns, named once in models.columns (which loads no sqlmodel).
COUNTS = WORK_COUNTS
RATES = WORK_RATES
METRICS = COUNTS + RATES
FIELDS = ("item_id", "title", "genre", "review_status", "description", "tags", "published_at",
          "aweme_id", "duration_s")  # fmt: skip
"""A work's record while importing: [id, *FIELDS]."""
SET_FIELDS = ("title", "genre", "review_status", "description", "duration_s")
"""Work fields a row may set; an empty cell leaves the stored value alone. Ids are only ever
attached to a work that lacks them; topics (tags) are merged, never replaced."""
_ITEM, _TITLE, _DESC, _TAGS, _PUB, _AWEME = 1, 2, 5, 6, 7, 8
CHUNK = 500

_SNAP_COLS = ", ".join(METRICS)
_SNAP_INSERT = (
    f"INSERT INTO worksnapshot(work_id, snapshot_date, {_SNAP_COLS}) "
    f"VALUES (?, ?, {', '.join('?' * len(METRICS))})"
)
_SNAP_UPDATE = (
    f"UPDATE worksnapshot SET {', '.join(f'{m}=?' for m in METRICS)} "
    "WHERE work_id=? AND snapshot_date=?"
)
_WORK_INSERT = (
    f"INSERT INTO work(id, account_id, {', '.join(FIELDS)}, {_SNAP_COLS}, stats_date) "
    f"VALUES (?, ?, {', '.join('?' * len(FIELDS))}, {', '.join('?' * len(METRICS))}, ?)"
)
_WORK_UPDATE = f"UPDATE work SET {', '.join(f'{f}=?' for f in FIELDS)} WHERE id=?"
_WORK_SELECT = (
    f"SELECT id, {', '.join(FIELDS)} FROM work WHERE account_id=? AND {{col}} IN ({{marks}})"
)
_TOUCH = "INSERT INTO import_touched(id) VALUES (?) ON CONFLICT DO NOTHING"
_FTS_TRIGGER = "work_fts_ai"
_KEEP_INDEXES = ("ix_work_acc_pub", "ix_work_acc_aweme")
"""The work indexes an import's own lookups use (`near_works`, the aweme_id lookup)."""
_FTS_INSERT = (
    "INSERT INTO work_fts(rowid, title, description, tags) "
    "SELECT id, title, description, tags FROM work WHERE id BETWEEN ? AND ?"
)
_REFRESH = f"""
UPDATE work SET ({_SNAP_COLS}, stats_date) = (
    SELECT {_SNAP_COLS}, snapshot_date FROM worksnapshot s
    WHERE s.work_id = work.id ORDER BY snapshot_date DESC LIMIT 1)
WHERE id IN (SELECT id FROM import_touched)
  AND (stats_date IS NULL
       OR stats_date <= (SELECT max(snapshot_date) FROM worksnapshot s WHERE s.work_id = work.id))
"""


def _chunks(items: Sequence[Any], n: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _fetch(conn: Bulk, account_id: int, col: str, values: Iterable[str]) -> list:
    out: list = []
    for chunk in _chunks(list(values)):
        sql = _WORK_SELECT.format(col=col, marks=",".join("?" * len(chunk)))
        out.extend(conn.execute(sql, [account_id, *chunk]))
    return out


_NO_WORKS = NearIndex((), _TITLE, _PUB)


def _index_at(indexes: dict[str, NearIndex], near: dict[str, list], at: str) -> NearIndex:
    """The title index of the stored works near `at`, built once per batch and time."""
    index = indexes.get(at)
    if index is None:
        recs = near.get(at)
        # Most rows of a big file of new works have no stored work near: one shared empty index.
        index = indexes[at] = NearIndex(recs, _TITLE, _PUB) if recs else _NO_WORKS
    return index


def _note_merge(
    ctx: ImportContext, rec: list, item: str | None, aweme: str | None, pub_utc: str
) -> None:
    """Count a row taken as a work another source brought in; keep the first few as lines."""
    ctx.counts.merged += 1
    if len(ctx.counts.merges) < EXAMPLES_MAX:
        secs = abs(int((from_db(rec[_PUB]) - from_db(pub_utc)).total_seconds()))
        ids = " ".join(x for x in (item, aweme) if x) or "–"
        ctx.counts.merges.append(
            t("imp.merged", work=rec[0], title=rec[_TITLE], secs=secs, ids=ids)
        )


def _utc_of(memo: dict[datetime, str], to_utc: LocalToUtc, local: datetime) -> str:
    """The stored (UTC) form of a local time; remembered, as snapshots repeat their works."""
    text = memo.get(local)
    if text is None:
        text = to_db(to_utc(local))
        if len(memo) < 50_000:
            memo[local] = text
    return text


class WorksKind(Kind):
    """Base for kinds whose rows are works with running totals (see the module docstring)."""

    uses_snapshot_date: ClassVar[bool] = True

    def check(self, ctx: ImportContext, row: Row) -> None:
        pub = row.get("published_at")
        # A day of slack: the export's clock and this machine's need not agree.
        if pub is not None and pub > ctx.state["latest_time"]:
            raise RowProblem("published_at", "imp.future_time")
        snap = row.get("snapshot_date")
        if snap is not None and snap > ctx.state["today"]:
            raise RowProblem("snapshot_date", "imp.future_time")

    def begin(self, ctx: ImportContext) -> None:
        conn, st = ctx.conn, ctx.state
        st["latest_time"] = now_local() + timedelta(days=1)
        st["today"] = today()
        st["utc"] = {}
        st["to_utc"] = LocalToUtc()  # the zone's offset looked up once per local hour
        st["days"] = {}
        st["next_id"] = conn.last_id("work") + 1
        # Rows carry exactly this kind's column keys: read them with C-level getters.
        keys = {c.key for c in self.columns}
        st["metrics_of"] = (
            itemgetter(*METRICS)
            if keys >= set(METRICS)
            else lambda row: tuple(row.get(m) for m in METRICS)
        )
        st["texts"] = [
            (FIELDS.index(n) + 1, n) for n in SET_FIELDS if n in keys or n == "description"
        ]
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_touched(id INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM import_touched")
        # Indexing new works for search row by row (the insert trigger) costs 35× more than one
        # INSERT ... SELECT per batch (see `write`).
        st["fts_trigger"] = ctx.suspend_trigger(_FTS_TRIGGER)
        if st["fts_trigger"]:
            # The index's segments merged less eagerly while many works go in (put back in
            # `finish`; a rollback puts it back too): comment loads do the same.
            row = conn.execute("SELECT v FROM work_fts_config WHERE k = 'automerge'").fetchone()
            st["automerge"] = int(row[0]) if row else 4
            conn.execute("INSERT INTO work_fts(work_fts, rank) VALUES ('automerge', 16)")
        if ctx.rows_estimate() >= ctx.table_rows("work"):
            ctx.suspend_indexes("work", keep=_KEEP_INDEXES)

    def finish(self, ctx: ImportContext) -> None:
        if ctx.state.get("fts_trigger"):
            ctx.conn.execute(
                "INSERT INTO work_fts(work_fts, rank) VALUES ('automerge', ?)",
                (ctx.state["automerge"],),
            )
        ctx.conn.execute(_REFRESH)
        ctx.conn.execute("DELETE FROM import_touched")
        ctx.conn.ids_taken("work")  # new works got their ids here (`next_id`)

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        conn, acc, st = ctx.conn, ctx.account_id, ctx.state
        utc_memo, day_memo, texts, to_utc = st["utc"], st["days"], st["texts"], st["to_utc"]
        for row in rows:
            _split_text(row)
        # Each row's publish time as stored (UTC text), worked out once.
        pubs = [
            _utc_of(utc_memo, to_utc, p) if (p := r.get("published_at")) else None for r in rows
        ]
        # 1. find the works the rows name; make the new ones.
        by_item: dict[str, list] = {}
        by_aweme: dict[str, list] = {}
        items: set[str] = {r["item_id"] for r in rows if r.get("item_id")}
        for r in _fetch(conn, acc, "item_id", items):
            by_item[r[_ITEM]] = list(r)
        awemes: set[str] = {r["aweme_id"] for r in rows if r.get("aweme_id")}
        for r in _fetch(conn, acc, "aweme_id", awemes):
            rec = by_item.get(r[_ITEM]) if r[_ITEM] else None
            by_aweme[r[_AWEME]] = rec or list(r)
        # Rows no id finds: the stored work with their title, published within a minute.
        unknown = {
            pub
            for r, pub in zip(rows, pubs, strict=True)
            if pub
            and r.get("title")
            and r.get("item_id") not in by_item
            and r.get("aweme_id") not in by_aweme
        }
        near = near_works(conn, acc, unknown, FIELDS)
        for recs in near.values():  # one record per work, whichever way it was found
            for i, r in enumerate(recs):
                recs[i] = (
                    (by_item.get(r[_ITEM]) if r[_ITEM] else None)
                    or (by_aweme.get(r[_AWEME]) if r[_AWEME] else None)
                    or r
                )
        indexes: dict[str, NearIndex] = {}
        by_title: dict[tuple[str, str], list] = {}
        """Works made by this batch, by (title, minute): a file naming one work twice."""
        new_works: list[list] = []
        new_ids: set[int] = set()
        dirty_works: dict[int, list] = {}
        # (row, its work record, the snapshot's day, the row created the work, it changed it)
        resolved: list[tuple[Row, list, str, bool, bool]] = []
        for row, pub_utc in zip(rows, pubs, strict=True):
            item, title = row.get("item_id"), row.get("title")
            aweme = row.get("aweme_id")
            snap_day = row.get("snapshot_date") or ctx.snapshot_date
            day = day_memo.get(snap_day) or day_memo.setdefault(snap_day, snap_day.isoformat())
            rec = by_item.get(item) if item else None
            if rec is None and aweme:
                rec = by_aweme.get(aweme)
            if rec is None and title and pub_utc:
                # The same title within a minute is the same work, even under another id: the
                # Open Platform's item_id is not the Creator Center's 作品ID (see samework).
                rec = by_title.get((title, pub_utc[:16]))
                index = _index_at(indexes, near, pub_utc) if near else _NO_WORKS
                if rec is None and index is not _NO_WORKS:  # a stored work: same title, minute
                    rec = index.same_minute(title, pub_utc)
                # Only across sources: a row with an id the work lacks, or a row without
                # ids for a work that has one (same-source rows match exactly, above).
                cands = [
                    c
                    for c in index.matching(title)
                    if (item and c[_ITEM] is None) or (aweme and c[_AWEME] is None)
                    or (not (item or aweme) and (c[_ITEM] or c[_AWEME]))
                ] if rec is None and index is not _NO_WORKS else []  # fmt: skip
                found = pick(title, pub_utc, cands, _TITLE, _PUB) if cands else None
                if rec is None and found is not None:
                    rec = found[0]
                    row["title"] = shorter_title(rec[_TITLE], title)
                if (
                    rec is not None
                    and rec[0] not in new_ids
                    and (
                        (item and item != rec[_ITEM])
                        or (aweme and aweme != rec[_AWEME])
                        or (not (item or aweme) and (rec[_ITEM] or rec[_AWEME]))
                    )
                ):
                    _note_merge(ctx, rec, item, aweme, pub_utc)
            topics = row.get("tags")
            if rec is None:
                if pub_utc is None or not (title or item or aweme):
                    # An item the platform gives no time for (create_time 0: not public) is
                    # counted apart, so the summary says why.
                    no_time = pub_utc is None and (item or aweme)
                    ctx.skip(
                        row[LINE], t("imp.reason_no_time" if no_time else "imp.reason_unknown_work")
                    )
                    continue
                rec = [
                    st["next_id"],
                    item,
                    title or "",
                    row.get("genre") or "",
                    row.get("review_status") or "",
                    row.get("description") or "",
                    topics or "",
                    pub_utc,
                    aweme,
                    row.get("duration_s"),
                ]
                st["next_id"] += 1
                new_works.append(rec)
                new_ids.add(rec[0])
                if item:
                    by_item[item] = rec
                if aweme:
                    by_aweme[aweme] = rec
                by_title.setdefault(((title or ""), pub_utc[:16]), rec)
                resolved.append((row, rec, day, True, False))
                continue
            changed = False
            # A work keeps the first ids it was known by; a missing one is attached.
            if item and rec[_ITEM] is None:
                rec[_ITEM] = item
                by_item[item] = rec
                changed = True
            if aweme and rec[_AWEME] is None:
                rec[_AWEME] = aweme
                by_aweme[aweme] = rec
                changed = True
            for i, name in texts:
                value = row.get(name)
                if value is not None and rec[i] != value:
                    rec[i] = value
                    changed = True
            if topics:
                merged = merge_topics(rec[_TAGS], topics.split())
                if merged != rec[_TAGS]:
                    rec[_TAGS] = merged
                    changed = True
            if changed and rec[0] not in new_ids:
                dirty_works[rec[0]] = rec
            resolved.append((row, rec, day, False, changed))
        # 2. their snapshots for the rows' dates.
        ids = sorted({rec[0] for _r, rec, _d, _n, _c in resolved})
        days = sorted({d for _r, _rec, d, _n, _c in resolved})
        snaps: dict[tuple[int, str], tuple] = {}
        for chunk in _chunks(ids):
            sql = (
                f"SELECT work_id, snapshot_date, {_SNAP_COLS} FROM worksnapshot WHERE work_id IN "
                f"({','.join('?' * len(chunk))}) AND snapshot_date IN ({','.join('?' * len(days))})"
            )
            for s in conn.execute(sql, [*chunk, *days]):
                snaps[(s[0], s[1])] = s[2:]
        new_snaps: dict[tuple[int, str], tuple] = {}
        dirty_snaps: dict[tuple[int, str], tuple] = {}
        metrics_of = st["metrics_of"]
        added = updated = unchanged = 0
        for row, rec, day, created, changed in resolved:
            key = (rec[0], day)
            values = metrics_of(row)
            old = snaps.get(key)
            if old is None:
                if None in values:
                    # A count the file does not give (a tool's file has no plays) keeps the
                    # work's number of the day before; only a new work starts from 0.
                    n = len(COUNTS)
                    base = None if created or None not in values[:n] else _before(conn, key)
                    values = tuple(
                        v if v is not None else (base[i] if base else (0 if i < n else None))
                        for i, v in enumerate(values)
                    )
                snaps[key] = new_snaps[key] = values
                snap_changed = True
            else:
                if None in values:
                    values = tuple(
                        v if v is not None else o for v, o in zip(values, old, strict=True)
                    )
                snap_changed = values != old
                if snap_changed:
                    snaps[key] = values
                    if key in new_snaps:
                        new_snaps[key] = values
                    else:
                        dirty_snaps[key] = values
            if created:
                added += 1
            elif changed or snap_changed:
                updated += 1
            else:
                unchanged += 1
        ctx.added(added)
        ctx.updated(updated)
        ctx.unchanged(unchanged)
        # 3. write. A new work goes in with the numbers of its newest snapshot here, so it
        # needs no refresh: updating its seven indexed number columns again would double the
        # cost of importing many new works.
        latest: dict[int, tuple[str, tuple]] = {}
        for (wid, day), values in new_snaps.items():
            if wid in new_ids and (wid not in latest or day > latest[wid][0]):
                latest[wid] = (day, values)
        if new_works:
            conn.executemany(
                _WORK_INSERT,
                [(r[0], acc, *r[1:], *latest[r[0]][1], latest[r[0]][0]) for r in new_works],
            )
            if st["fts_trigger"]:
                conn.execute(_FTS_INSERT, (new_works[0][0], new_works[-1][0]))
        if dirty_works:
            conn.executemany(_WORK_UPDATE, [(*r[1:], r[0]) for r in dirty_works.values()])
        if new_snaps:
            conn.executemany(_SNAP_INSERT, [(k[0], k[1], *v) for k, v in new_snaps.items()])
        if dirty_snaps:
            conn.executemany(_SNAP_UPDATE, [(*v, k[0], k[1]) for k, v in dirty_snaps.items()])
        touched = {k[0] for k in new_snaps} | {k[0] for k in dirty_snaps}
        touched -= new_ids
        if touched:
            conn.executemany(_TOUCH, [(i,) for i in touched])


def _split_text(row: Row) -> None:
    """A row's title as Douyin writes it ("title caption #话题 …") → the title part, the
    caption as description (unless the row gives one) and the topics merged into ``tags``
    (explicit topics first, each written ``#话题``)."""
    title = row.get("title")
    explicit = row.get("tags")
    found: tuple[str, ...] = ()
    if title and ("#" in title or "＃" in title or "\n" in title):
        title, description, found = split_title_topics(title)
        row["title"] = title
        if description and not row.get("description"):
            row["description"] = description
    if explicit:
        tags = [
            "#" + x.lstrip("#＃") for x in explicit.replace("，", " ").replace(",", " ").split()
        ]
        row["tags"] = merge_topics("", [x for x in tags if x != "#"], found) or None
    elif found:
        row["tags"] = " ".join(found)


def _before(conn: Bulk, key: tuple[int, str]) -> tuple | None:
    """The numbers of work `key[0]`'s newest snapshot before day `key[1]`, if it has one."""
    return conn.execute(
        f"SELECT {_SNAP_COLS} FROM worksnapshot WHERE work_id=? AND snapshot_date<? "
        "ORDER BY snapshot_date DESC LIMIT 1",
        key,
    ).fetchone()


def refresh_works(conn: Bulk, work_ids: Iterable[int]) -> None:
    """Give `work_ids` the numbers of their newest snapshot (for kinds that write snapshots
    themselves, in their own ``finish``)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_touched(id INTEGER PRIMARY KEY)")
    conn.executemany(_TOUCH, [(i,) for i in work_ids])
    conn.execute(_REFRESH)
    conn.execute("DELETE FROM import_touched")
