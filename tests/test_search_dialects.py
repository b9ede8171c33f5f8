"""Search finds the same rows on SQLite (FTS5 trigram + LIKE for short terms) and on
PostgreSQL (LIKE/ILIKE served by the bigram GIN indexes of migration 0016), issue 14 §3 and §5.

The PostgreSQL half runs in the test session's PostgreSQL database (`pg_session_url`), in
temporary tables rolled back afterwards, and in a database of its own made with the ``C``
locale, where pg_trgm found no trigram in Chinese text at all.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from creatorctl.inbox.comments import CommentFilter, _from_where
from creatorctl.search import search_clause

pg_bigrams = importlib.import_module("creatorctl.migrations.versions.0016_pg_bigrams")

ROWS = [
    ("广州早茶攻略", "凌晨四点排队的老字号", "#美食 #广州"),
    ("Morning VLOG in 广州", "dim sum tour", "#vlog"),
    ("早茶", "", ""),
    ("猫咪洗澡", "它一点都不喜欢水", "#萌宠"),
    ("100% 真实测评", "不吹不黑", "#测评"),
    ("a_b 测试", "snake_case title", ""),
    ("Straße café", "ÉCLAIR au chocolat", "#甜品"),
]
QUERIES = [
    "早茶",
    "广州早茶",
    "vlog",
    "VLOG 广州",
    "早",
    "#美食",
    "100%",
    "%",
    "a_b",
    "_",
    "茶 攻略",
    "不存在的词",
    "dim sum",
    "éclair",
    "CAFÉ",
]
COLUMNS = ("w.title", "w.description", "w.tags")


def _store_hits(store, query: str) -> set[str]:  # type: ignore[no-untyped-def]
    """What `search_clause` finds in a migrated store, on whichever backend it is."""
    params: dict[str, object] = {}
    clause = search_clause(
        query,
        params,
        fts_table="work_fts",
        id_column="w.id",
        like_columns=COLUMNS,
        dialect=store.engine.dialect.name,
    )
    with store.read() as conn:
        rows = conn.execute(sa.text(f"SELECT w.title FROM work w WHERE {clause}"), params)
        return {r[0] for r in rows}


@pytest.fixture
def sqlite_works(store):  # type: ignore[no-untyped-def]
    from creatorctl.accounts import add_account

    acc = add_account(store, "me")
    with store.write() as conn:
        for i, (title, desc, tags) in enumerate(ROWS):
            conn.execute(
                sa.text(
                    "INSERT INTO work(account_id, item_id, title, description, tags, "
                    "published_at) VALUES (:a, :i, :t, :d, :g, '2026-10-01 10:00:00')"
                ),
                {"a": acc.id, "i": f"7{i}", "t": title, "d": desc, "g": tags},
            )
    return store


@pytest.fixture
def pg_conn(pg_session_url: str) -> Iterator[sa.Connection]:
    engine = sa.create_engine(
        sa.engine.make_url(pg_session_url).set(drivername="postgresql+psycopg")
    )
    with engine.connect() as conn, conn.begin() as trans:
        conn.exec_driver_sql(pg_bigrams.FUNCTION)  # the session database has it; made again
        conn.exec_driver_sql(
            "CREATE TEMP TABLE work(id serial PRIMARY KEY, title text NOT NULL, "
            "description text NOT NULL, tags text NOT NULL)"
        )
        conn.exec_driver_sql(
            "CREATE INDEX work_grams_idx ON work USING gin "
            "((creatorctl_bigrams(title || ' ' || description || ' ' || tags)) COLLATE \"C\")"
        )
        conn.execute(
            sa.text("INSERT INTO work(title, description, tags) VALUES (:t, :d, :g)"),
            [{"t": t, "d": d, "g": g} for t, d, g in ROWS],
        )
        conn.exec_driver_sql("ANALYZE work")
        yield conn
        trans.rollback()
    engine.dispose()


def _pg_hits(conn: sa.Connection, query: str) -> set[str]:
    params: dict[str, object] = {}
    clause = search_clause(
        query,
        params,
        fts_table="work_fts",
        id_column="w.id",
        like_columns=COLUMNS,
        dialect="postgresql",
    )
    assert "work_fts" not in clause
    rows = conn.execute(sa.text(f"SELECT w.title FROM work w WHERE {clause}"), params)
    return {r[0] for r in rows}


def test_search_finds_substrings_ignoring_case(sqlite_works) -> None:  # type: ignore[no-untyped-def]
    """On the store's own backend (the PostgreSQL test below compares the two directly)."""
    assert _store_hits(sqlite_works, "早茶") == {"广州早茶攻略", "早茶"}
    assert _store_hits(sqlite_works, "VLOG 广州") == {"Morning VLOG in 广州"}
    assert _store_hits(sqlite_works, "茶 攻略") == {"广州早茶攻略"}
    assert _store_hits(sqlite_works, "%") == {"100% 真实测评"}
    assert _store_hits(sqlite_works, "_") == {"a_b 测试"}
    assert _store_hits(sqlite_works, "éclair") == {"Straße café"}
    assert _store_hits(sqlite_works, "不存在的词") == set()


def test_postgresql_finds_what_sqlite_finds(sqlite_works, pg_conn) -> None:  # type: ignore[no-untyped-def]
    if sqlite_works.engine.dialect.name != "sqlite":
        pytest.skip("compares a SQLite store with PostgreSQL")
    for query in QUERIES:
        assert _pg_hits(pg_conn, query) == _store_hits(sqlite_works, query), query


def test_postgresql_search_uses_the_bigram_index(pg_conn: sa.Connection) -> None:
    pg_conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    for query in ("广州早茶", "早茶", "VLOG"):
        params: dict[str, object] = {}
        clause = search_clause(
            query,
            params,
            fts_table="work_fts",
            id_column="w.id",
            like_columns=COLUMNS,
            dialect="postgresql",
        )
        sql = f"EXPLAIN SELECT 1 FROM work w WHERE {clause}"
        plan = "\n".join(r[0] for r in pg_conn.execute(sa.text(sql), params))
        assert "work_grams_idx" in plan, plan


def test_comment_search_on_postgresql_reads_no_fts_table() -> None:
    for sort in ("new", "likes"):
        params: dict[str, object] = {}
        f = CommentFilter(account_id=1, query="早茶 好 Vlog", sort=sort)
        source, where, id_col = _from_where(f, params, bigram=True, dialect="postgresql")
        assert "fts" not in source + where and "INDEXED BY" not in source
        # Caseless terms compare bytes (LIKE); a cased one ILIKE; 1 character: no bigram.
        assert where.count(" LIKE ") == 4 and where.count(" ILIKE ") == 2 and id_col == "c.id"
        assert where.count("creatorctl_bigrams(:") == 2
        assert sorted(v for k, v in params.items() if k.startswith("l") and k[-1] != "g") == [
            "%Vlog%",
            "%好%",
            "%早茶%",
        ]
