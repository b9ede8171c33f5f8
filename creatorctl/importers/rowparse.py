"""Turning a row's cells into a parsed row: the hot loop of every import.

`row_parser` compiles the plan of a file (which cell goes through which parser into which key)
into one straight-line function, so a million rows do not pay for a generic loop per cell
(measured: 10–15 % of the parsing time).
Any problem in a row sends it back through `parse_row`, the plain loop, which words the error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from creatorctl.i18n import t
from creatorctl.importers.base import LINE, Row
from creatorctl.importers.numbers import ParseError

Plan = list[tuple[int, str, Callable[[Any], Any], bool, str, dict[Any, Any] | None]]
"""Per mapped column: (cell position, key, parser, required, header as written, cache)."""
CACHE_MAX = 10_000
"""Parsed values remembered per column; repeated dates and rates then cost a dict lookup."""
_MISS = object()


class BadRow(Exception):
    """A row that cannot be imported."""

    def __init__(self, problem: str, reason: str) -> None:
        super().__init__(problem)
        self.problem = problem
        """One line for the user: file, row, column, value, what was expected."""
        self.reason = reason
        """The same without file, row and value: rows skipped for it are counted together."""


def show_value(value: Any) -> str:
    """A cell as an error message quotes it: short, whatever its size."""
    s = repr(value) if isinstance(value, str) else str(value)
    return s if len(s) <= 40 else f"{s[:37]}… ({len(str(value)):,} chars)"


def parse_row(name: str, plan: Plan, defaults: Row, line: int, cells: Sequence[Any]) -> Row:
    """One row's cells through their parsers; raises `BadRow` naming file, row and column."""
    row = defaults.copy()
    row[LINE] = line
    n = len(cells)
    for i, key, parse, required, header, memo in plan:
        v = cells[i] if i < n else None
        val = _MISS if memo is None else memo.get(v, _MISS)
        if val is _MISS:
            try:
                val = parse(v)
            except ParseError as exc:
                expected = t(exc.expected)
                raise BadRow(
                    t("imp.bad_cell", file=name, row=line, column=header, value=show_value(v),
                      expected=expected),
                    t("imp.reason_bad", column=header, expected=expected),
                ) from None  # fmt: skip
            if memo is not None and len(memo) < CACHE_MAX:
                memo[v] = val
        if val is None and required:
            raise BadRow(
                t("imp.required_cell", file=name, row=line, column=header),
                t("imp.reason_empty", column=header),
            )
        row[key] = val
    return row


def row_parser(name: str, plan: Plan, defaults: Row) -> Callable[[int, Sequence[Any]], Row]:
    """`parse_row` for this plan, compiled to straight-line code (same results, less overhead)."""
    env: dict[str, Any] = {
        "ParseError": ParseError,
        "MISS": _MISS,
        "CACHE_MAX": CACHE_MAX,
        "slow": lambda line, cells: parse_row(name, plan, defaults, line, cells),
    }
    need = max((i for i, *_ in plan), default=-1) + 1
    body = [f"    if len(cells) < {need}:", "        return slow(line, cells)", "    try:"]
    fields = {key: "None" for key in defaults}
    fields[LINE] = "line"
    for n, (i, key, parse, required, _header, memo) in enumerate(plan):
        env[f"p{n}"] = parse
        if memo is None:
            body.append(f"        x{n} = p{n}(cells[{i}])")
        else:
            env[f"m{n}"] = memo
            body += [
                f"        v = cells[{i}]",
                f"        x{n} = m{n}.get(v, MISS)",
                f"        if x{n} is MISS:",
                f"            x{n} = p{n}(v)",
                f"            if len(m{n}) < CACHE_MAX:",
                f"                m{n}[v] = x{n}",
            ]
        if required:
            body.append(f"        if x{n} is None: return slow(line, cells)")
        fields[key] = f"x{n}"
    body += ["    except ParseError:", "        return slow(line, cells)"]
    items = ", ".join(f"{key!r}: {value}" for key, value in fields.items())
    body.append(f"    return {{{items}}}")
    source = "def parse(line, cells):\n" + "\n".join(body) + "\n"
    exec(
        compile(source, f"<row parser for {name}>", "exec"), env
    )  # the source is built from our own keys
    return env["parse"]  # type: ignore[no-any-return]
