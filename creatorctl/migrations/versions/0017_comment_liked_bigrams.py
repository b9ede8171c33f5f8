"""A second bigram index holding only liked comments (SQLite), for most-liked searches.

A most-liked two-character search must first find every liked hit: when the hits are comments
nobody likes (spam: 微信, 31,000 on the huge demo) it read every hit's row to learn that, 56 ms,
or walked the likes index past every liked comment, 450 ms. ``comment_liked_bigram`` holds the
same two-character pieces as ``comment_bigram`` (migration 0010) but only for comments with
likes > 0: liked hits come from it, sorted, and the rest (likes = 0) newest first from
``comment_bigram``, so such a search reads about a page of rows (issue 15). LIKE still decides.

Triggers keep it beside ``comment_bigram``'s: a comment enters when inserted liked or when its
likes rise above 0, leaves when deleted or back at 0, and is re-indexed when its text changes;
bulk loads pause the insert trigger with the same setting row and index the new rows at the end
(creatorctl.inbox.comment_load). Other databases get nothing here.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-29
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

TABLE = "comment_liked_bigram"
GRAMS_NEW = "creatorctl_bigrams(new.content, new.nickname)"
GRAMS_OLD = "creatorctl_bigrams(old.content, old.nickname)"
INDEXED_OLD = (
    "NOT EXISTS (SELECT 1 FROM setting WHERE key = 'comment_fts_paused' "
    "AND CAST(value AS INTEGER) < old.id)"
)
"""The old row is in the index: not one a paused bulk load added (the pause row holds the last
id before it; `resume_search_index` indexes the rows after it with their final likes)."""


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5(grams, content='', detail=none, tokenize='ascii')"
    )
    op.execute(
        f"CREATE TRIGGER {TABLE}_ai AFTER INSERT ON comment WHEN new.likes > 0 "
        "AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'comment_fts_paused') BEGIN "
        f"INSERT INTO {TABLE}(rowid, grams) VALUES (new.id, {GRAMS_NEW}); END"
    )
    op.execute(
        f"CREATE TRIGGER {TABLE}_ad AFTER DELETE ON comment WHEN old.likes > 0 "
        f"AND {INDEXED_OLD} BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, grams) VALUES ('delete', old.id, {GRAMS_OLD}); END"
    )
    op.execute(
        f"CREATE TRIGGER {TABLE}_au AFTER UPDATE OF content, nickname, likes ON comment "
        "WHEN (old.likes > 0 OR new.likes > 0) AND (old.content IS NOT new.content "
        "OR old.nickname IS NOT new.nickname OR (old.likes > 0) <> (new.likes > 0)) "
        f"AND {INDEXED_OLD} BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, grams) "
        f"SELECT 'delete', old.id, {GRAMS_OLD} WHERE old.likes > 0; "
        f"INSERT INTO {TABLE}(rowid, grams) SELECT new.id, {GRAMS_NEW} WHERE new.likes > 0; END"
    )
    op.execute(
        f"INSERT INTO {TABLE}(rowid, grams) "
        "SELECT id, creatorctl_bigrams(content, nickname) FROM comment WHERE likes > 0"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trig in ("au", "ad", "ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{trig}")
    op.execute(f"DROP TABLE IF EXISTS {TABLE}")
