"""PostgreSQL: search by two-character pieces (bigrams), in any locale and for any term length.

pg_trgm (0012) served ``ILIKE '%q%'`` for terms of three characters or more only, and only
where the database's LC_CTYPE calls the characters alphanumeric: in a ``C``/``POSIX`` database
Chinese text has no trigrams at all, so every Chinese search read the whole table. Two-character
terms (微信, 家常) always did.

``creatorctl_bigrams(text)`` is every two-character window of the lower-cased text (an
IMMUTABLE SQL function built from C builtins, so it is inlined and costs about a microsecond a
row): ``'收藏了'`` → ``{收藏, 藏了}``. A GIN index on it per searched table (comment: content and
nickname; work: title, description and tags, joined by a space) finds the rows holding every
bigram of a term (``@>``); ILIKE stays the test, so results are ILIKE's, as before
(creatorctl.search). Keys compare as ``COLLATE "C"`` (bytes), a third cheaper to build than
under a libc locale. The bigram indexes replace the trigram ones on the same columns; the
extension stays (0012 made it).

The comment lists' four btree indexes become partial (``WHERE deleted_at IS NULL``) without
that column: PostgreSQL does not take ``deleted_at IS NULL`` as pinning a key column, so
``(account_id, deleted_at, likes, id)`` could not give the most-liked order, and a most-liked
page sorted every comment of the account (a search's walk along it, see
creatorctl.inbox.comment_search_pg, too). Same names, so imports suspend them as before.

SQLite: nothing (FTS5 trigram and the bigram table of 0010).

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-29
"""

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# Two passes pair the characters from the first and from the second one; '.' alone (a last
# odd character) becomes just a separator; chr(1) separates, empty pieces are dropped.
FUNCTION = r"""
CREATE OR REPLACE FUNCTION creatorctl_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT array_remove(string_to_array(
  regexp_replace(lower(t), '(..)|.', E'\\1\x01', 'g') ||
  regexp_replace(substr(lower(t), 2), '(..)|.', E'\\1\x01', 'g'), E'\x01'), '')
$$
"""

BIGRAM_INDEXES = (
    ("ix_comment_bigrams", "comment", "content || ' ' || nickname"),
    ("ix_work_bigrams", "work", "title || ' ' || description || ' ' || tags"),
)
TRIGRAM_INDEXES = (
    ("ix_work_title_trgm", "work", "title"),
    ("ix_work_description_trgm", "work", "description"),
    ("ix_work_tags_trgm", "work", "tags"),
    ("ix_comment_content_trgm", "comment", "content"),
    ("ix_comment_nickname_trgm", "comment", "nickname"),
)

LIST_INDEXES = (
    ("ix_comment_work_new", "work_id, deleted_at, id", "work_id, id"),
    ("ix_comment_acc_new", "account_id, deleted_at, id", "account_id, id"),
    ("ix_comment_work_likes", "work_id, deleted_at, likes, id", "work_id, likes, id"),
    ("ix_comment_acc_likes", "account_id, deleted_at, likes, id", "account_id, likes, id"),
)
"""(name, columns before, columns now WHERE deleted_at IS NULL)."""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    for name, _table, _column in TRIGRAM_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name, table, text in BIGRAM_INDEXES:
        op.execute(
            f'CREATE INDEX {name} ON {table} USING gin ((creatorctl_bigrams({text})) COLLATE "C")'
        )
    for name, _before, now in LIST_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"CREATE INDEX {name} ON comment ({now}) WHERE deleted_at IS NULL")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, before, _now in LIST_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"CREATE INDEX {name} ON comment ({before})")
    for name, _table, _text in BIGRAM_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    op.execute("DROP FUNCTION IF EXISTS creatorctl_bigrams(text)")
    for name, table, column in TRIGRAM_INDEXES:
        op.execute(f"CREATE INDEX {name} ON {table} USING gin ({column} gin_trgm_ops)")
