"""The pieces a kind is made of: columns, options, the `Kind` base class and the registry."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from creatorctl.store_bulk import Bulk

Parser = Callable[[Any], Any]
Row = dict[str, Any]
"""One parsed row: column key → value (None when the cell was empty or the column absent),
plus ``LINE`` → the row's line number in the file (1-based, as a spreadsheet shows it)."""

LINE = "_line"

_UNIT_RE = re.compile(r"[(（][^()（）]*[)）]$")
_SEP_RE = re.compile(r"[\s_\-·:：/]+")


def normalize_header(text: object) -> str:
    """How headers are compared: case, spaces, ``_``/``-``, a BOM and a unit suffix such as
    ``(次)`` or ``（秒）`` do not matter. ``"Play count (次)"`` → ``"playcount"``."""
    s = str(text).replace("\ufeff", "").strip()
    s = _UNIT_RE.sub("", s)
    return _SEP_RE.sub("", s).lower()


@dataclass(frozen=True)
class Column:
    """One column of a kind.

    Attributes:
        key: the internal name; rows carry values under it; always accepted as a header too.
        headers: header names accepted, the export header first (Chinese, then English and
            common variants). Compared with `normalize_header`.
        parse: turns a cell into a value or raises `numbers.ParseError` (see numbers.py).
        required: the file must have this column (a missing one names it and the file), and
            each row must have a value in it.
    """

    key: str
    headers: tuple[str, ...]
    parse: Parser
    required: bool = False
    cache: bool | None = None
    """Remember parsed values of repeated cells (dates, rates …). None: as the parser says
    (`numbers.cacheable`). Only for parsers whose result depends on the cell alone."""

    @property
    def header(self) -> str:
        """The header exports write (and error messages fall back on)."""
        return self.headers[0] if self.headers else self.key


@dataclass(frozen=True)
class KindOption:
    """An extra option a kind takes on the command line and in the app, e.g. ``--work ID``.

    Options of every kind are offered by ``creatorctl import``; each kind receives only its own
    (in ``ctx.options[name]``). Options with the same name in two kinds are one option.
    """

    name: str
    """Option name: ``work`` → ``--work``; the key in ``ctx.options``."""
    help: str
    """One line for ``--help`` (English, like every click help text here)."""
    metavar: str = "VALUE"
    parse: Callable[[str], Any] = str
    """Turns the text given into the value (raise ValueError for a bad one)."""
    required: bool = False
    """Importing this kind without the option is refused with a message naming it."""


class RowProblem(Exception):
    """Raised by `Kind.check` for a row that cannot be imported; reported like a bad cell."""

    def __init__(self, column: str, message_key: str, **kwargs: object) -> None:
        super().__init__(message_key)
        self.column = column
        """The column key the problem is in."""
        self.message_key = message_key
        self.kwargs = kwargs


@dataclass
class Counts:
    """What an import did, per row: added, updated, unchanged, skipped (with reasons)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    """Why rows were skipped → how many."""
    examples: list[str] = field(default_factory=list)
    """The first few skipped rows, each one line (file, row, why)."""
    merged: int = 0
    merges: list[str] = field(default_factory=list)
    """Rows taken as a work another source brought in (same title, within a minute), each
    one line; the summary lists them."""

    @property
    def rows(self) -> int:
        return self.added + self.updated + self.unchanged + self.skipped

    def merge_lines(self) -> list[str]:
        """The summary's lines about merges: the first few, then how many more."""
        from creatorctl.i18n import t

        more = self.merged - len(self.merges)
        return self.merges + ([t("imp.merged_more", n=more)] if more > 0 else [])

    def skip(self, reason: str, example: str) -> None:
        self.skipped += 1
        self.reasons[reason] += 1
        if len(self.examples) < EXAMPLES_MAX:
            self.examples.append(example)


EXAMPLES_MAX = 20


@dataclass
class ImportContext:
    """What `Kind.write` gets for one file. Everything happens inside one transaction."""

    conn: Bulk
    """The file's unit of work (its write transaction): ``execute``/``executemany`` with ``?``
    placeholders, ``insert_rows`` for plain appends (COPY on PostgreSQL). Never commit or roll
    back here; the framework does, once per file."""
    account_id: int
    snapshot_date: date
    """The date the file's running totals are as of (``--snapshot-date``, else a date in the
    file name, else today). Kinds without snapshots ignore it."""
    options: dict[str, Any]
    """This kind's extra options (`Kind.options`), by name; absent ones are not in the dict."""
    source: Path
    counts: Counts = field(default_factory=Counts)
    state: dict[str, Any] = field(default_factory=dict)
    """Scratch space kept across batches of one file (ids handed out, caches)."""
    suspended: dict[str, str] = field(default_factory=dict)
    """Triggers and indexes dropped for this import (name → their SQL), made again before
    the commit."""

    def added(self, n: int = 1) -> None:
        self.counts.added += n

    def updated(self, n: int = 1) -> None:
        self.counts.updated += n

    def unchanged(self, n: int = 1) -> None:
        self.counts.unchanged += n

    def suspend_trigger(self, name: str) -> bool:
        """Drop trigger `name` for this import (False if there is none); the framework makes it
        again before the commit, and a rollback restores it anyway (SQLite DDL is transactional).
        For search-index triggers: one ``INSERT INTO x_fts SELECT ...`` per batch is far cheaper
        than the trigger firing per row — the kind must then do that insert itself."""
        sql = self.conn.trigger_sql(name)
        if sql is None:
            return False
        self.conn.execute(f'DROP TRIGGER "{name}"')
        self.suspended[name] = sql
        return True

    def suspend_indexes(self, table: str, keep: Sequence[str] = ()) -> list[str]:
        """Drop `table`'s indexes (except those in `keep`, and those backing a UNIQUE or
        PRIMARY KEY constraint) for this import; the framework builds them again before the
        commit. Returns their names.

        Worth it when the file brings more rows than the table holds: one index build over
        the whole table is cheaper than keeping every index in order row by row (for a
        million comments, 5 s against 9 s). Keep the indexes the kind's own lookups need.
        """
        dropped = []
        for name, sql in self.conn.plain_indexes(table):
            if name not in keep:
                self.conn.execute(f'DROP INDEX "{name}"')
                self.suspended[name] = sql
                dropped.append(name)
        return dropped

    def table_rows(self, table: str) -> int:
        """How many rows `table` has (its largest id: exact enough, and instant)."""
        return self.conn.last_id(table)

    def rows_estimate(self, bytes_per_row: int = 80) -> int:
        """A rough count of the file's rows from its size (for choosing how to load)."""
        try:
            size = self.source.stat().st_size
        except OSError:
            return 0
        factor = 4 if self.source.suffix.lower() == ".xlsx" else 1  # xlsx is zipped
        return size * factor // bytes_per_row

    def restore_suspended(self) -> None:
        """Called by the framework after `Kind.finish`: the triggers and indexes back."""
        for sql in self.suspended.values():
            self.conn.execute(sql)
        self.suspended.clear()

    def skip(self, line: int, reason: str) -> None:
        """Skip one row that is fine as text but cannot go in (e.g. its work is unknown).
        `reason` is a short translated phrase; rows with the same reason are counted together."""
        self.counts.skip(reason, f"{self.source}: {line}: {reason}")


class Kind:
    """One kind of data file. Subclass, set the class attributes, implement `write`, and
    decorate with `@register`. See the package docstring for the whole contract."""

    name: ClassVar[str]
    """Short id used by ``--kind`` and in summaries (``works``, ``daily`` …)."""
    label: ClassVar[tuple[str, str]]
    """(Chinese, English) name shown to people."""
    columns: ClassVar[tuple[Column, ...]] = ()
    """Columns of a table file (CSV, XLSX, a JSON array of flat objects). Columns a file
    lacks are simply absent from rows (value None); extra columns in the file are ignored."""
    options: ClassVar[tuple[KindOption, ...]] = ()
    uses_snapshot_date: ClassVar[bool] = False
    """True when rows are running totals as of a date (the summary then shows the date)."""
    min_columns: ClassVar[int] = 2
    """Detection needs at least this many of the kind's columns in a header row (and all the
    required ones), so that a lone shared header like 日期 never decides the kind."""
    batch_size: ClassVar[int] = 5_000
    pipelined: ClassVar[bool] = False
    """True: `write` runs in a second thread while the next batch is parsed and checked (SQLite
    works without the GIL, so a big import takes the longer of the two, not their sum).
    Only for kinds whose `check` does not depend on what `write` did to earlier batches."""

    def json_records(self, doc: Any) -> Iterator[dict[str, Any]] | None:
        """For JSON kinds: if `doc` (a parsed JSON document) has this kind's shape, return an
        iterator of raw records (column key → raw value, parsed by the column's parser);
        otherwise None. Flat JSON arrays do not need this: they are read like a table."""
        return None

    def check(self, ctx: ImportContext, row: Row) -> None:
        """Cross-cell validation after parsing; raise `RowProblem` to reject the row.
        Runs for every row: keep it cheap (compute limits such as "now" once, in `begin`)."""

    def begin(self, ctx: ImportContext) -> None:
        """Called once before the first batch (e.g. to check that ``--work`` exists)."""

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> Any:
        """Turn a batch of checked rows into what `write` takes (default: the rows). Runs in
        the importing thread: for a pipelined kind, the Python work per row done here runs
        beside the writer's SQLite work instead of after it. No database access here."""
        return rows

    def write(self, ctx: ImportContext, rows: Any) -> None:
        """Upsert a batch (the rows, or what `prepare` made of them) and count each row
        (ctx.added/updated/unchanged/skip). Runs inside the file's transaction; use
        ctx.conn.executemany."""
        raise NotImplementedError

    def finish(self, ctx: ImportContext) -> None:
        """Called once after the last batch, still inside the transaction."""


_KINDS: dict[str, Kind] = {}
K = TypeVar("K", bound=type[Kind])


def register(cls: K) -> K:
    """Class decorator: make a `Kind` subclass importable. Names are unique."""
    if cls.name in _KINDS and type(_KINDS[cls.name]) is not cls:
        raise ValueError(f"import kind {cls.name!r} registered twice")
    _KINDS[cls.name] = cls()
    return cls


def registered() -> dict[str, Kind]:
    return _KINDS
