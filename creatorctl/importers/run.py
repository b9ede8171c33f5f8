"""Importing one file: find its kind and header, parse rows in batches, write in one transaction."""

from __future__ import annotations

import queue
import re
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from creatorctl.audit import record_import
from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.importers.base import (
    Column,
    Counts,
    ImportContext,
    Kind,
    Row,
    RowProblem,
    normalize_header,
)
from creatorctl.importers.exports import unquote_own_export
from creatorctl.importers.known_shapes import json_keys, refuse_known_shape
from creatorctl.importers.readers import FileProblem, JsonFile, TableFile, open_file
from creatorctl.importers.rowparse import BadRow, Plan, row_parser
from creatorctl.timeutil import today

if TYPE_CHECKING:
    from creatorctl.store import Store

Progress = Callable[[str, int, int], None]
HEADER_SCAN_ROWS = 20
"""Douyin puts a title row (or a few) above the header; look this far down for it."""
PROBLEMS_MAX = 20
"""A rejected file reports at most this many problems (reading stops there)."""
_FILE_DATE_RE = re.compile(r"(20\d{2})[-_.年]?(\d{2})[-_.月]?(\d{2})(?!\d)")


class ImportRejected(UserError):
    """A file was not imported; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class FileResult:
    """What importing one file did (or would do, on a dry run)."""

    path: Path
    kind: str
    label: str
    snapshot_date: date | None
    """Set for kinds whose rows are running totals as of a date."""
    counts: Counts = field(default_factory=Counts)
    dry_run: bool = False
    date_guessed: bool = False
    """The snapshot date is today's: neither --snapshot-date nor the file name gave one."""

    def notes(self) -> list[str]:
        """Summary lines about how the file was read (the date taken when the name has none)."""
        if self.snapshot_date is None or not self.date_guessed:
            return []
        return [t("imp.snapshot_guessed", date=self.snapshot_date.isoformat())]

    def summary(self) -> list[str]:
        """What the file did, in lines: the counts (marked on a dry run), why rows were
        skipped with examples, the merges, how the file was read. The one text `creatorctl
        import` prints and the import dialog shows."""
        c = self.counts
        snapshot = (
            t("imp.summary_snapshot", date=self.snapshot_date.isoformat())
            if self.snapshot_date
            else ""
        )
        line = t(
            "imp.summary",
            file=self.path.name,
            kind=self.label,
            snapshot=snapshot,
            added=c.added,
            updated=c.updated,
            unchanged=c.unchanged,
            skipped=c.skipped,
        )
        lines = [f"{line} {t('imp.dry_run')}" if self.dry_run else line]
        lines += [t("imp.skipped_reason", n=n, reason=r) for r, n in c.reasons.most_common()]
        lines += [f"    {example}" for example in c.examples]
        return lines + c.merge_lines() + self.notes()


def load_kinds() -> dict[str, Kind]:
    """Every registered kind (importing each module under creatorctl.importers.kinds)."""
    from creatorctl.importers import kinds as kinds_pkg
    from creatorctl.importers.base import registered

    _import_all(kinds_pkg.__name__, tuple(kinds_pkg.__path__))
    return dict(sorted(registered().items()))


@cache
def _import_all(package: str, paths: tuple[str, ...]) -> None:
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(list(paths)):
        importlib.import_module(f"{package}.{info.name}")


def get_kind(name: str) -> Kind:
    kinds = load_kinds()
    if name not in kinds:
        raise UserError(t("imp.unknown_kind", kind=name, kinds=", ".join(kinds)))
    return kinds[name]


def kind_label(kind: Kind) -> str:
    from creatorctl.i18n import language

    return kind.label[0] if language() == "zh" else kind.label[1]


def date_from_name(path: Path) -> date | None:
    """The last date written in a file name: ``作品列表导出_20261025.xlsx``, ``2026-10-25``."""
    found = None
    for m in _FILE_DATE_RE.finditer(path.stem):
        try:
            found = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
    return found


# --- finding the kind and the header ---------------------------------------------------------


@cache
def _header_index(kind: Kind) -> dict[str, Column]:
    index: dict[str, Column] = {}
    for col in kind.columns:
        for h in (*col.headers, col.key):
            index.setdefault(normalize_header(h), col)
    return index


def _match(kind: Kind, cells: Sequence[Any]) -> dict[int, Column]:
    """Cell position → column, for the cells of a row that are this kind's headers."""
    index = _header_index(kind)
    found: dict[int, Column] = {}
    seen: set[str] = set()
    for i, cell in enumerate(cells):
        if cell is None:
            continue
        col = index.get(normalize_header(cell))
        if col is not None and col.key not in seen:
            seen.add(col.key)
            found[i] = col
    return found


def _missing(kind: Kind, found: dict[int, Column]) -> list[Column]:
    keys = {c.key for c in found.values()}
    return [c for c in kind.columns if c.required and c.key not in keys]


def _find_header(
    path: Path, head: list[tuple[int, Sequence[Any]]], kinds: list[Kind], forced: bool
) -> tuple[Kind, int, dict[int, Column]]:
    """(kind, position of the header row in `head`, its column map) or a clear refusal.

    The header is the first row in which some kind finds all its required columns (and at
    least `min_columns` of its columns); if several kinds do, the one matching most columns.
    """
    partial: tuple[int, Kind, dict[int, Column]] | None = None
    for pos, (_line, cells) in enumerate(head):
        full: list[tuple[int, float, Kind, dict[int, Column]]] = []
        for kind in kinds:
            found = _match(kind, cells)
            if not found:
                continue
            need = 1 if forced else min(kind.min_columns, len(kind.columns))
            if not _missing(kind, found) and len(found) >= need:
                full.append((len(found), len(found) / len(kind.columns), kind, found))
            elif _missing(kind, found) and (partial is None or len(found) > partial[0]):
                # Only a kind that lacks a required column can be named as "missing" one; one
                # with too few columns (min_columns) is simply not this file's kind.
                partial = (len(found), kind, found)
        if full:
            _n, _share, kind, found = max(full, key=lambda f: (f[0], f[1]))
            return kind, pos, found
    refuse_known_shape(path, [cells for _line, cells in head], forced)  # a file we know of
    if partial is not None and (forced or partial[0] >= 2):
        _n, kind, found = partial
        names = ", ".join(c.header for c in _missing(kind, found))
        raise FileProblem(
            t("imp.missing_column", file=str(path), column=names, kind=kind_label(kind))
        )
    if forced:
        raise FileProblem(t("imp.no_header", file=str(path), kind=kind_label(kinds[0])))
    raise FileProblem(
        t("imp.unknown_shape", file=str(path), kinds=", ".join(k.name for k in kinds))
    )


def _json_table(doc: Any) -> list[dict[str, Any]] | None:
    """A JSON array of flat objects (as `creatorctl export --format json` writes), if it is."""
    if isinstance(doc, dict):
        for key in ("rows", "list", "data"):
            inner = doc.get(key)
            if isinstance(inner, list):
                doc = inner
                break
    if isinstance(doc, list) and doc and all(isinstance(r, dict) for r in doc[:50]):
        return doc
    return None


def _platform_error(doc: Any) -> str | None:
    data = doc.get("data") if isinstance(doc, dict) else None
    if isinstance(data, dict) and data.get("error_code") not in (None, 0, "0", ""):
        return str(data.get("description") or data.get("error_code"))
    return None


def _plan_table(
    mapping: dict[int, Column], header_cells: Sequence[Any], *, caches: bool = True
) -> Plan:
    def cache(c: Column) -> dict[Any, Any] | None:
        wanted = c.cache if c.cache is not None else getattr(c.parse, "cacheable", False)
        return {} if caches and wanted else None

    return [
        (i, c.key, c.parse, c.required, str(header_cells[i]).strip(), cache(c))
        for i, c in sorted(mapping.items())
    ]


def _open(
    path: Path, kinds: list[Kind], forced: bool
) -> tuple[Kind, Plan, Iterator[tuple[int, Sequence[Any]]], TableFile | None]:
    """The kind, the parse plan and the data rows of `path`."""
    src = open_file(path)
    if isinstance(src, JsonFile):
        doc = src.doc
        error = _platform_error(doc)
        if error:
            raise FileProblem(t("imp.platform_error", file=str(path), why=error))
        for kind in kinds:
            records = kind.json_records(doc)
            if records is not None:
                # JSON values may be lists or objects (unhashable): no caches.
                keys = [c.key for c in kind.columns]
                plan = _plan_table(dict(enumerate(kind.columns)), keys, caches=False)
                rows: Iterator[tuple[int, Sequence[Any]]] = (
                    (n, [r.get(k) for k in keys]) for n, r in enumerate(records, 1)
                )
                return kind, plan, rows, None
        table = _json_table(doc)
        if table is None:
            refuse_known_shape(path, json_keys(doc), forced)
            raise FileProblem(
                t("imp.unknown_shape", file=str(path), kinds=", ".join(k.name for k in kinds))
            )
        headers: list[str] = list(dict.fromkeys(k for r in table[:50] for k in r))
        kind, _pos, mapping = _find_header(path, [(0, headers)], kinds, forced)
        rows = ((n, [r.get(h) for h in headers]) for n, r in enumerate(table, 1))
        return kind, _plan_table(mapping, headers, caches=False), rows, None
    head = list(islice(src.rows, HEADER_SCAN_ROWS))
    if not head:
        src.close()
        raise FileProblem(t("imp.empty_file", file=str(path)))
    try:
        kind, pos, mapping = _find_header(path, head, kinds, forced)
    except FileProblem:
        src.close()
        raise
    rows = chain(head[pos + 1 :], src.rows)
    if src.fmt == "csv":  # our own export: its formula quotes come off (exports.neutralise)
        rows = unquote_own_export(head[pos][1], rows)
    return kind, _plan_table(mapping, head[pos][1], caches=src.scalar_cells), rows, src


# --- the import ------------------------------------------------------------------------------


def detect_kind(path: Path) -> str:
    """The kind `path` would be imported as (or the refusal, as `UserError`)."""
    kind, _plan, _rows, src = _open(path, list(load_kinds().values()), forced=False)
    if src is not None:
        src.close()
    return kind.name


def import_file(
    store: Store,
    path: Path,
    *,
    account_id: int,
    kind: str | None = None,
    snapshot_date: date | None = None,
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    options: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> FileResult:
    """Import one file in one transaction. Raises `UserError` (`ImportRejected` for bad rows)
    and leaves the store as it was when anything is wrong; on a dry run, always."""
    kinds = [get_kind(kind)] if kind else list(load_kinds().values())
    if snapshot_date is not None and snapshot_date > today():
        raise UserError(t("imp.future_snapshot", date=snapshot_date.isoformat()))
    the_kind, plan, rows, src = _open(path, kinds, forced=kind is not None)
    try:
        opts = _kind_options(the_kind, options or {})
        snap = snapshot_date or date_from_name(path) or today()
        if snap > today():
            snap = today()
        result = FileResult(
            path=path,
            kind=the_kind.name,
            label=kind_label(the_kind),
            # A file whose rows carry their own dates (统计日期) has no one snapshot date.
            snapshot_date=snap
            if the_kind.uses_snapshot_date and all(p[1] != "snapshot_date" for p in plan)
            else None,
            dry_run=dry_run,
            date_guessed=snapshot_date is None and date_from_name(path) is None,
        )
        job = _Job(the_kind, plan, rows, src, path, account_id, snap, opts, skip_bad_rows)
        _run(store, job, result, progress)
    finally:
        if src is not None:
            src.close()
    return result


def _kind_options(kind: Kind, given: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for opt in kind.options:
        value = given.get(opt.name)
        if value is None:
            if opt.required:
                raise UserError(t("imp.option_required", option=opt.name, kind=kind.name))
            continue
        try:
            out[opt.name] = opt.parse(value) if isinstance(value, str) else value
        except ValueError:
            raise UserError(t("imp.bad_option", option=opt.name, value=value)) from None
    return out


@dataclass
class _Job:
    kind: Kind
    plan: Plan
    rows: Iterator[tuple[int, Sequence[Any]]]
    src: TableFile | None
    path: Path
    account_id: int
    snapshot_date: date
    options: dict[str, Any]
    skip_bad_rows: bool


class _Writer:
    """Hands batches to `kind.write`: in this thread, or for a pipelined kind in a writer
    thread that takes one batch while the next is parsed (at most one waits in between, so
    memory stays bounded). An error in the writer comes back out of `put` or `close`."""

    def __init__(self, kind: Kind, ctx: ImportContext) -> None:
        self.kind, self.ctx = kind, ctx
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None
        if kind.pipelined:
            # The writer takes Python's lock back after each statement: at the default 5 ms
            # switch interval that wait is longer than many of its statements.
            self.switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(0.0005)
            self.queue: queue.Queue[Any] = queue.Queue(maxsize=1)
            self.thread = threading.Thread(target=self._loop, name="import-writer", daemon=True)
            self.thread.start()

    def _loop(self) -> None:
        while (batch := self.queue.get()) is not _DONE:
            if self.error is None:  # after an error, only drain until told to stop
                try:
                    self.kind.write(self.ctx, batch)
                except BaseException as exc:  # re-raised in the importing thread
                    self.error = exc

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def put(self, batch: list[Row]) -> None:
        prepared = self.kind.prepare(self.ctx, batch)
        if self.thread is None:
            self.kind.write(self.ctx, prepared)
            return
        self._raise()
        self.queue.put(prepared)

    def close(self) -> None:
        """Wait until every batch is written; raise the writer's error if it had one."""
        if self.thread is not None:
            self.queue.put(_DONE)
            self._join()
        self._raise()

    def _join(self) -> None:
        assert self.thread is not None
        self.thread.join()
        self.thread = None
        sys.setswitchinterval(self.switch_interval)

    def abandon(self) -> None:
        """After a failure in the importing thread: stop the writer before rolling back."""
        if self.thread is not None:
            self.error = self.error or _Abandoned()
            self.ctx.conn.interrupt()  # a long statement stops now; the rollback undoes all
            with suppress(queue.Empty):
                self.queue.get_nowait()  # a batch still waiting is not written
            self.queue.put(_DONE)
            self._join()


class _Abandoned(Exception):
    pass


_DONE = object()


def _run(store: Store, job: _Job, result: FileResult, progress: Progress | None) -> None:
    # One transaction for the file, on a connection tuned for a big load; other writers wait
    # for us by name. A dry run rolls back at the end.
    with store.bulk(long="import", commit=not result.dry_run) as work:
        writer: _Writer | None = None
        try:
            ctx = ImportContext(
                conn=work,
                account_id=job.account_id,
                snapshot_date=job.snapshot_date,
                options=job.options,
                source=job.path,
                counts=result.counts,
            )
            job.kind.begin(ctx)
            writer = _Writer(job.kind, ctx)
            _feed(job, ctx, writer, progress)
            writer.close()
            job.kind.finish(ctx)
            ctx.restore_suspended()
            if not result.dry_run:  # one audit row per import, with its counts
                record_import(work.conn, job.path, job.kind.name, job.account_id, result.counts)
        except BaseException:
            if writer is not None:
                writer.abandon()  # stop the writer thread before `bulk` rolls back
            raise


def _feed(job: _Job, ctx: ImportContext, writer: _Writer, progress: Progress | None) -> None:
    """Parse and check every row of the file and hand them to `writer` in batches; raise
    `ImportRejected` with the bad rows (unless they are skipped)."""
    kind, path, src, name = job.kind, job.path, job.src, str(job.path)
    defaults: Row = {c.key: None for c in kind.columns}
    headers = {key: header for _i, key, _p, _r, header, _c in job.plan}
    parse = row_parser(name, job.plan, defaults)
    problems: list[str] = []
    batch: list[Row] = []
    for line, cells in job.rows:
        try:
            row = parse(line, cells)
            try:
                kind.check(ctx, row)
            except RowProblem as exc:
                column = headers.get(exc.column, exc.column)
                why = t(exc.message_key, **exc.kwargs)
                raise BadRow(
                    t("imp.bad_row", file=name, row=line, column=column, why=why),
                    f"{column}: {why}",
                ) from None
        except BadRow as bad:
            if job.skip_bad_rows:
                ctx.counts.skip(bad.reason, bad.problem)
                continue
            problems.append(bad.problem)
            if len(problems) >= PROBLEMS_MAX:
                problems.append(t("imp.too_many", file=name, n=PROBLEMS_MAX))
                break
            continue
        if problems:
            continue  # the file is rejected; keep reading only to report problems
        batch.append(row)
        if len(batch) >= kind.batch_size:
            writer.put(batch)
            batch = []
            if progress is not None and src is not None:
                progress(path.name, *src.progress())
    if problems:
        raise ImportRejected(problems)
    if batch:
        writer.put(batch)
