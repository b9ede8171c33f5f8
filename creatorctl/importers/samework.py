"""One work, many sources: finding the stored work a row without a known id describes.

The Creator Center export has no 作品ID; the Open Platform JSON has an opaque item_id and the
numeric video_id; tools key works by the aweme id. A row is the same work as a stored one when

- the publish times are at most `WINDOW` apart (exports show minutes, APIs seconds), and
- the titles match once folded (`topics.title_key`: caption, topics, case, spaces and
  punctuation dropped), or one is a prefix of the other (the export's 作品名称 is the title
  followed by the caption; the API's title may be cut).

Two works with one title at different times stay two works.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from creatorctl.timeutil import from_db, to_db
from creatorctl.topics import title_key

if TYPE_CHECKING:
    from creatorctl.store_bulk import Bulk

WINDOW = timedelta(seconds=60)
PREFIX_MIN = 4
"""A prefix match needs at least this many folded characters (so 猫 is not 猫咪日常)."""

# CROSS JOIN keeps the batch's times as the outer loop, so each is one range on
# ix_work_acc_pub: re-importing 20,000 works took 34 s with SQLite's own order, 1.9 s so.
_NEAR = (
    "SELECT c.t, w.id, {cols} FROM import_near c {join} work w "
    "ON w.account_id = ? AND w.published_at >= c.lo AND w.published_at <= c.hi"
)


_text = to_db


def near_works(
    conn: Bulk, account_id: int, times: Iterable[str], cols: Sequence[str]
) -> dict[str, list[list[Any]]]:
    """Stored works published within `WINDOW` of each time (stored UTC text) → their records
    ``[id, *cols]``; one indexed range per run of overlapping windows (ix_work_acc_pub), in
    one statement. A file's works a minute apart make one range per batch, not one per row;
    the works found are then given to each time they are near."""
    at = sorted({from_db(t): t for t in times}.items())
    if not at:
        return {}
    spans: list[list[datetime]] = []
    for when, _t in at:
        if spans and when - WINDOW <= spans[-1][1]:
            spans[-1][1] = when + WINDOW
        else:
            spans.append([when - WINDOW, when + WINDOW])
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS import_near(t TEXT PRIMARY KEY, lo TEXT, hi TEXT)"
    )
    conn.execute("DELETE FROM import_near")
    conn.executemany(
        "INSERT INTO import_near VALUES (?, ?, ?)",
        [(str(i), _text(lo), _text(hi)) for i, (lo, hi) in enumerate(spans)],
    )
    # (PostgreSQL has no CROSS JOIN … ON, and its planner finds that order itself.)
    join = "CROSS JOIN" if conn.is_sqlite else "JOIN"
    sql = _NEAR.format(cols=", ".join(f"w.{c}" for c in cols), join=join)
    found = conn.execute(sql, (account_id,)).fetchall()
    conn.execute("DELETE FROM import_near")
    out: dict[str, list[list[Any]]] = {}
    if not found:
        return out
    whens = [w for w, _t in at]
    pub_at = 2 + list(cols).index("published_at")  # r: (span, id, *cols)
    # In index order (publish time, id), as a range per time gave them.
    for pub, r in sorted(((from_db(r[pub_at]), r) for r in found), key=lambda p: (p[0], p[1][1])):
        i = bisect_left(whens, pub - WINDOW)
        while i < len(at) and at[i][0] <= pub + WINDOW:
            out.setdefault(at[i][1], []).append(list(r[1:]))
            i += 1
    return out


def titles_match(a: str, b: str) -> bool:
    """Folded titles equal, or one a prefix of the other (at least `PREFIX_MIN` long)."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) >= PREFIX_MIN and long.startswith(short)


class NearIndex:
    """The stored works near one time, by folded title: a row finds its candidates by a dict
    lookup and a bisect instead of a scan, so n rows against m works at one minute cost
    n·log m, not n·m (a 300,000-row file of works at one minute ran past 5 minutes)."""

    def __init__(self, recs: Sequence[list[Any]], title_at: int, pub_at: int) -> None:
        self.by_key: dict[str, list[list[Any]]] = {}
        self.exact: dict[tuple[str, str], list[Any]] = {}
        for rec in recs:
            self.by_key.setdefault(title_key(rec[title_at]), []).append(rec)
            self.exact.setdefault((rec[title_at], str(rec[pub_at])[:16]), rec)
        self.keys = sorted(k for k in self.by_key if k)

    def same_minute(self, title: str, at: str) -> list[Any] | None:
        """The first stored work with exactly this title at the same minute."""
        return self.exact.get((title, at[:16]))

    def matching(self, title: str) -> list[list[Any]]:
        """Works whose folded title `titles_match` the row's."""
        if not self.by_key:  # no stored work near: folding the title would find nothing
            return []
        key = title_key(title)
        if not key:
            return []
        out = list(self.by_key.get(key, ()))
        for n in range(PREFIX_MIN, len(key)):  # stored titles that are a prefix of the row's
            out.extend(self.by_key.get(key[:n], ()))
        if len(key) >= PREFIX_MIN:  # stored titles the row's is a prefix of
            i = bisect_left(self.keys, key)
            while i < len(self.keys) and self.keys[i].startswith(key):
                if self.keys[i] != key:
                    out.extend(self.by_key[self.keys[i]])
                i += 1
        return out


def pick(
    title: str, at: str, candidates: Sequence[list[Any]], title_at: int, pub_at: int
) -> tuple[list[Any], int] | None:
    """The candidate that is the same work as a row (`title`, published `at`), nearest in
    time first; with how many seconds apart they are. None when none is."""
    key = title_key(title)
    when = from_db(at)
    best: tuple[list[Any], int] | None = None
    for rec in candidates:
        secs = abs(int((from_db(rec[pub_at]) - when).total_seconds()))
        if secs > WINDOW.total_seconds() or not titles_match(key, title_key(rec[title_at])):
            continue
        if best is None or secs < best[1]:
            best = (rec, secs)
    return best


def shorter_title(stored: str, given: str) -> str:
    """The title to keep when two sources name one work: the shorter when one folded title is
    a prefix of the other (the longer one carries the caption), else the one given."""
    a, b = title_key(stored), title_key(given)
    if stored and a != b and titles_match(a, b):
        return stored if len(a) < len(b) else given
    return given
