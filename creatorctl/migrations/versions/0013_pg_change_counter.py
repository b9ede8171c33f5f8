"""PostgreSQL: a change counter per table, for an open app to notice other processes' writes.

SQLite tells a connection that another one committed (`PRAGMA data_version`); PostgreSQL's
statistics views say so only up to ten seconds late. So each table an app tab shows gets a
statement-level trigger that bumps its row in `storechange` (one upsert per statement, not per
row: a COPY of a million rows bumps it once). The app polls that small table
(watch.PgStoreWatcher). A rolled-back statement rolls its bump back. A SQLite store gets
nothing from this revision.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# creatorctl.watch.TABLES when this revision was written (a later table gets its own trigger).
WATCHED = (
    "account",
    "accountdaily",
    "autoreplyrule",
    "brandtask",
    "comment",
    "conversation",
    "draft",
    "earning",
    "edithistory",
    "fanactivity",
    "fangroup",
    "fanportrait",
    "groupannouncement",
    "groupmember",
    "livepreview",
    "livesample",
    "livesession",
    "message",
    "platformtask",
    "product",
    "productsale",
    "publishattempt",
    "trash",
    "trendingtopic",
    "work",
    "worksnapshot",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE TABLE storechange (tbl TEXT PRIMARY KEY, n BIGINT NOT NULL DEFAULT 0)")
    op.execute(
        "CREATE FUNCTION creatorctl_count_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN INSERT INTO storechange(tbl, n) VALUES (TG_TABLE_NAME, 1) "
        "ON CONFLICT (tbl) DO UPDATE SET n = storechange.n + 1; RETURN NULL; END $$"
    )
    for table in WATCHED:
        op.execute(
            f"CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION creatorctl_count_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in WATCHED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_changed ON {table}")
    op.execute("DROP FUNCTION IF EXISTS creatorctl_count_change()")
    op.execute("DROP TABLE IF EXISTS storechange")
