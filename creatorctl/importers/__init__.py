"""Real data in and out: the import framework. This docstring is the contract for adding a kind.

How an import runs (`import_file`, used by ``creatorctl import`` and the app):
  1. The file is opened by what it holds, not its name: XLSX (openpyxl, read-only, streamed),
     JSON (a document, or JSON Lines streamed like a table), else CSV/TSV text in UTF-8, UTF-8
     with BOM, UTF-16 or GBK/GB18030 (tried in that order), the delimiter found from line one.
  2. The kind is found (``--kind`` forces it): a JSON document is offered to every kind's
     `Kind.json_records`; a table's first 20 rows are searched for a header row holding all of
     a kind's required columns (Douyin puts a title row above the header). A JSON array of flat
     objects is read as a table whose headers are the keys.
  3. Rows are parsed cell by cell with each column's parser and checked with `Kind.check`;
     good rows go to `Kind.write` in batches of `Kind.batch_size`, all inside ONE transaction
     per file (BEGIN IMMEDIATE). A bad cell rejects the whole file and nothing is written,
     unless ``--skip-bad-rows``: then good rows are written and bad ones counted as skipped.
     ``--dry-run`` does everything and rolls back, so its counts are exact.

Adding a kind = one module in ``creatorctl/importers/kinds/`` (every module there is loaded;
nothing else to edit). A table kind::

    from creatorctl.importers.base import Column, ImportContext, Kind, KindOption, Row, register
    from creatorctl.importers.numbers import parse_count, parse_datetime, parse_id, parse_text

    @register
    class Comments(Kind):
        name = "comments"                       # --kind comments; unique
        label = ("评论", "comments")             # (Chinese, English)
        columns = (                             # key, accepted headers (export header first)
            Column("comment_id", ("评论ID", "Comment ID", "comment_id"), parse_id, required=True),
            Column("content", ("评论内容", "内容", "Content"), parse_text, required=True),
            Column("created_at", ("评论时间", "时间", "Time", "create_time"), parse_datetime),
            Column("likes", ("点赞数", "点赞量", "Likes", "digg_count"), parse_count),
        )
        options = (KindOption("work", "The work the comments belong to (store id).",
                              metavar="ID", parse=int, required=True),)
        batch_size = 5_000

        def json_records(self, doc):            # only for JSON shapes; else leave it out
            items = (doc.get("data") or {}).get("list") if isinstance(doc, dict) else None
            if not isinstance(items, list) or not items or "comment_id" not in items[0]:
                return None                     # not mine
            return ({"comment_id": c.get("comment_id"), "content": c.get("content"),
                     "created_at": c.get("create_time"), "likes": c.get("digg_count")}
                    for c in items)

        def begin(self, ctx: ImportContext) -> None:   # optional: once per file
            if not ctx.conn.execute("SELECT 1 FROM work WHERE id=? AND account_id=?",
                                    (ctx.options["work"], ctx.account_id)).fetchone():
                raise UserError(t("inbox.unknown_work", id=ctx.options["work"]))

        def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
            # rows: dicts keyed by column key (None = empty or absent), row["_line"] = row number.
            # Most kinds need only `upsert` (upsert.py): it looks the batch up, compares, counts
            # added/updated/unchanged and writes with executemany.
            upsert(ctx, rows, "comment", key=("comment_id",), fields=("content", "created_at",
                   "likes"), fixed={"work_id": ctx.options["work"]}, insert_defaults={"likes": 0})
            # Otherwise: 1. look the batch up (one SELECT ... IN (...) per few hundred keys);
            # 2. per row ctx.added()/updated()/unchanged(), or ctx.skip(row["_line"], reason)
            # for a row that cannot go in; 3. ctx.conn.executemany(INSERT/UPDATE ...).

Rules for `write`: use ``ctx.conn`` (the file's unit of work, a `store_bulk.Bulk`: SQL with ``?``
placeholders through ``execute``/``executemany``, plain appends through ``insert_rows``, which
is COPY on PostgreSQL); never commit, roll back or open another connection; no ORM per row.
Look existing rows up per batch (memory stays bounded whatever the file size); a row repeated
in one batch must update, not insert twice. Re-importing the same file must count every row
unchanged and write nothing. Store times in UTC (`upsert` does; else `timeutil.local_to_utc`:
parsers return local naive datetimes, unix timestamps included). Raise `UserError` from `begin` for a problem
with the whole import; raise `RowProblem(column_key, message_key)` from `check(ctx, row)` for a
bad row (it runs per row: compute limits such as today once, in `begin`, into ``ctx.state``).
A table with a search-index trigger: `ctx.suspend_trigger(name)` in `begin`, then one
``INSERT INTO x_fts(rowid, ...) SELECT ... WHERE id BETWEEN first AND last`` per batch (works do
this: 35× cheaper than the trigger per row; `upsert` returns the range of rowids it inserted);
the framework restores the trigger.
A file that brings more rows than its table holds loads faster with the table's secondary
indexes built once at the end: `ctx.suspend_indexes(table, keep=(...))` in `begin` when
``ctx.rows_estimate() >= ctx.table_rows(table)`` (comments do this), keeping the indexes
the kind's own lookups use; the framework builds the others again before the commit.
Times for many rows: `timeutil.LocalToUtc()` (the zone looked up once per hour).
Big files, a million rows: set ``pipelined = True`` when `check` does not depend on what
`write` did to earlier batches. `write` then runs in a writer thread while the next batch is
parsed; do the per-row Python in `prepare(ctx, rows)` (the importing thread; no database
access), whose result `write` receives, and keep `write` to a few set-based statements:
``executemany`` there takes Python's lock back after every row and stalls both threads, so
hand SQLite a batch as one JSON text (``json_each``), as comments do (`comment_load`).
Kinds whose rows are running totals set ``uses_snapshot_date = True`` and read
``ctx.snapshot_date``. Works with numbers: subclass `worksdb.WorksKind` (it does all of it).

Parsers (`numbers.py`) turn a cell into a value, None for empty (``""``, ``-``), or raise
`ParseError`: counts ``1.2万``, rates ``35.2%``, durations ``1分20秒``, date-times, booleans,
ids, text. Write a new parser there if needed, with its tests, never a private one.

Options: a kind's `KindOption`s become ``creatorctl import`` options automatically (the same
name in two kinds is one option) and reach only that kind, in ``ctx.options``.

Messages: add user-facing strings to your area's locale module; the framework's own live in
``creatorctl/locale/importers.py`` (keys ``imp.*``). Document the kind's columns (Chinese and
English headers) in ``docs/import-formats.md`` and add an example file under ``examples/``.

Exports: register an `exports.Export` in the same module so ``creatorctl export NAME`` writes
CSV with headers this kind reads back (see exports.py).
"""

from creatorctl.importers.base import (
    LINE,
    Column,
    Counts,
    ImportContext,
    Kind,
    KindOption,
    Row,
    RowProblem,
    register,
)
from creatorctl.importers.run import (
    FileResult,
    ImportRejected,
    date_from_name,
    get_kind,
    import_file,
    kind_label,
    load_kinds,
)

__all__ = [
    "LINE",
    "Column",
    "Counts",
    "FileResult",
    "ImportContext",
    "ImportRejected",
    "Kind",
    "KindOption",
    "Row",
    "RowProblem",
    "date_from_name",
    "get_kind",
    "import_file",
    "kind_label",
    "load_kinds",
    "register",
]
