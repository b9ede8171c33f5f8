"""A bigram index for two-character comment searches (SQLite).

Trigram FTS cannot match a term shorter than three characters, so a two-character search
(微信, 私信) scanned every comment with LIKE: 1.5 s over a million comments when the term is
rare. ``comment_bigram`` is a contentless FTS5 table holding each comment's two-character
pieces (content and nickname), written by triggers beside ``comment_fts``'s and paused by the
same setting row during bulk loads (creatorctl.inbox.comment_load). Searches use it to find
candidates and keep LIKE as the test, so results are LIKE's (issue 15).

The triggers call ``creatorctl_bigrams()``, which every creatorctl connection registers
(creatorctl.store): a tool outside creatorctl that inserts comments gets "no such function".
Other databases get nothing here (PostgreSQL has pg_trgm).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

GRAMS_NEW = "creatorctl_bigrams(new.content, new.nickname)"
GRAMS_OLD = "creatorctl_bigrams(old.content, old.nickname)"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE VIRTUAL TABLE comment_bigram USING fts5("
        "grams, content='', detail=none, tokenize='ascii')"
    )
    op.execute(
        "CREATE TRIGGER comment_bigram_ai AFTER INSERT ON comment "
        "WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'comment_fts_paused') BEGIN "
        f"INSERT INTO comment_bigram(rowid, grams) VALUES (new.id, {GRAMS_NEW}); END"
    )
    op.execute(
        "CREATE TRIGGER comment_bigram_ad AFTER DELETE ON comment BEGIN "
        "INSERT INTO comment_bigram(comment_bigram, rowid, grams) "
        f"VALUES ('delete', old.id, {GRAMS_OLD}); END"
    )
    op.execute(
        "CREATE TRIGGER comment_bigram_au AFTER UPDATE OF content, nickname ON comment BEGIN "
        "INSERT INTO comment_bigram(comment_bigram, rowid, grams) "
        f"VALUES ('delete', old.id, {GRAMS_OLD}); "
        f"INSERT INTO comment_bigram(rowid, grams) VALUES (new.id, {GRAMS_NEW}); END"
    )
    op.execute(
        "INSERT INTO comment_bigram(rowid, grams) "
        "SELECT id, creatorctl_bigrams(content, nickname) FROM comment"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trig in ("comment_bigram_au", "comment_bigram_ad", "comment_bigram_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {trig}")
    op.execute("DROP TABLE IF EXISTS comment_bigram")
