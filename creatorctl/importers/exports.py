"""`creatorctl export KIND`: any table back out, as CSV the importer reads or as JSON.

An export is registered beside the kind that reads it back (a module under
``creatorctl.importers.kinds``), so CSV headers are always ones the importer accepts:

    register_export(Export(
        name="daily", label=("账号每日数据", "account daily numbers"),
        fields=fields_of(AccountDaily.columns, ("day", "plays", ...)),
        sql="SELECT id, day, plays, ... FROM accountdaily WHERE account_id = ? ORDER BY day",
    ))

The SQL takes the account id as its one parameter and selects ``id`` first. JSON objects carry
every selected column under its SQL name (store ids included); CSV carries `fields` only, under
the import headers. Rows stream from the cursor: memory stays flat whatever the size.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.importers.base import Column
from creatorctl.timeutil import from_db, utc_to_local

if TYPE_CHECKING:
    from creatorctl.store import Store


@dataclass(frozen=True)
class Export:
    name: str
    label: tuple[str, str]
    fields: tuple[tuple[str, str], ...]
    """(SQL column name, CSV header) in CSV order."""
    sql: str
    local_times: tuple[str, ...] = ()
    """Columns stored in UTC and written in local time (as people and Douyin's exports do)."""


_EXPORTS: dict[str, Export] = {}


def register_export(export: Export) -> Export:
    if export.name in _EXPORTS and _EXPORTS[export.name] != export:
        raise ValueError(f"export {export.name!r} registered twice")
    _EXPORTS[export.name] = export
    return export


def exports() -> dict[str, Export]:
    """Every registered export (loads the kind modules that register them)."""
    from creatorctl.importers.run import load_kinds

    load_kinds()
    return dict(sorted(_EXPORTS.items()))


def fields_of(
    columns: Iterable[Column], keys: Iterable[str], renames: Mapping[str, str] | None = None
) -> tuple[tuple[str, str], ...]:
    """(SQL column, import header) for `keys`; `renames` maps an SQL name to a column key."""
    by_key = {c.key: c for c in columns}
    renames = renames or {}
    return tuple((k, by_key[renames.get(k, k)].header) for k in keys)


FORMULA_START = frozenset("=+-@\t\r")
"""A spreadsheet runs a cell starting with one of these as a formula (OWASP CSV injection)."""


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula gets a leading `'` (OWASP); numbers stay
    numbers. Text that already starts with `'` before such a character gets one more, so
    `unneutralise` gives back exactly what was stored."""
    if isinstance(value, str) and value[:1] in ("'", *FORMULA_START):
        rest = value.lstrip("'")
        if rest[:1] and rest[0] in FORMULA_START:
            return "'" + value
    return value


def unneutralise(value: Any) -> Any:
    """The inverse of `neutralise`, for cells of creatorctl's own CSV exports."""
    if isinstance(value, str) and value[:1] == "'":
        rest = value.lstrip("'")
        if rest[:1] and rest[0] in FORMULA_START:
            return value[1:]
    return value


def unquote_own_export(
    header: Sequence[Any], rows: Iterator[tuple[int, Sequence[Any]]]
) -> Iterator[tuple[int, Sequence[Any]]]:
    """The rows of a CSV, with `unneutralise` applied when its header is one of our exports',
    so export → import gives back exactly what was stored."""
    if not is_own_export(header):
        return rows
    return ((n, [unneutralise(c) for c in cells]) for n, cells in rows)


def is_own_export(header: Iterable[Any]) -> bool:
    """Whether a CSV header row is exactly that of one of creatorctl's exports."""
    cells = tuple(str(c).strip() for c in header if c is not None and str(c).strip())
    return any(cells == tuple(h for _k, h in e.fields) for e in exports().values())


def _local(value: Any) -> Any:
    if value is None:
        return None
    return utc_to_local(from_db(value)).isoformat(sep=" ")


def _pg_export_sql(sql: str) -> str:
    """An export's SQL for PostgreSQL: SQLite's group_concat is string_agg there."""
    return sql.replace("group_concat(", "string_agg(")


def export_rows(
    store: Store, name: str, fmt: str, out: TextIO, account_id: int, *, raw: bool = False
) -> int:
    """Write every row of export `name` for the account to `out`; returns how many.

    CSV text cells that a spreadsheet would run as formulas get a leading `'` unless `raw`;
    JSON is exact (C1 and bidi controls \\u-escaped)."""
    from creatorctl.safe_text import json_dumps

    all_exports = exports()
    if name not in all_exports:
        raise UserError(t("exp.unknown", kind=name, kinds=", ".join(all_exports)))
    export = all_exports[name]
    n = 0
    with store.read() as conn:
        work = store.unit(conn)
        sql = export.sql if work.is_sqlite else _pg_export_sql(export.sql)
        cur = work.execute(sql, (account_id,))
        names = [d[0] for d in cur.description]
        # PostgreSQL hands booleans back as True/False; SQLite's 0/1 is what exports write.
        bools = not work.is_sqlite
        local = [names.index(c) for c in export.local_times]
        if fmt == "csv":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow([h for _k, h in export.fields])
            picks = [names.index(k) for k, _h in export.fields]
        else:
            out.write("[")
        for row in cur:
            if bools:
                row = tuple(int(v) if isinstance(v, bool) else v for v in row)
            if local:
                row = list(row)
                for i in local:
                    row[i] = _local(row[i])
            if fmt == "csv":
                cells = ["" if row[i] is None else row[i] for i in picks]
                writer.writerow(cells if raw else [neutralise(c) for c in cells])
            else:
                out.write(",\n" if n else "\n")
                out.write(json_dumps(dict(zip(names, row, strict=True))))
            n += 1
        if fmt != "csv":
            out.write("\n]\n" if n else "]\n")
    out.flush()
    return n
