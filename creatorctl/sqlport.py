"""SQL that differs between SQLite and PostgreSQL, spelled once per dialect.

Domain SQL is written once for both backends. Where the two really differ, a helper here
returns the fragment for the connection's dialect; everything else is plain portable SQL
(`ON CONFLICT … DO NOTHING`, `TRUE`/`FALSE`, `CASE`, `substr` on the stored TEXT instants,
dates computed in Python and bound).
"""

from __future__ import annotations

from typing import Any


def dialect_of(conn: Any) -> str:
    """ "sqlite" or "postgresql" for a SQLAlchemy connection (or engine)."""
    return str(conn.dialect.name)


def contains(conn: Any, haystack: str, needle: str) -> str:
    """A condition: `needle` occurs in `haystack` (case-sensitive, no wildcards)."""
    if dialect_of(conn) == "postgresql":
        return f"strpos({haystack}, {needle}) > 0"
    return f"instr({haystack}, {needle}) > 0"


def days_between(conn: Any, later: str, earlier: str) -> str:
    """Whole days from `earlier` to `later`, both 'YYYY-MM-DD' TEXT expressions."""
    if dialect_of(conn) == "postgresql":  # as TEXT first: a bound parameter stays TEXT elsewhere
        return f"(CAST(CAST({later} AS TEXT) AS date) - CAST(CAST({earlier} AS TEXT) AS date))"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def group_concat(conn: Any, expr: str, sep: str = ",") -> str:
    """The values of `expr` in a group joined by `sep` (a literal)."""
    quoted = "'" + sep.replace("'", "''") + "'"
    if dialect_of(conn) == "postgresql":
        return f"string_agg(CAST({expr} AS TEXT), {quoted})"
    return f"group_concat({expr}, {quoted})"


def indexed_by(conn: Any, index: str) -> str:
    """SQLite's `INDEXED BY` hint (PostgreSQL's planner takes no hints: empty there)."""
    return "" if dialect_of(conn) == "postgresql" else f" INDEXED BY {index}"


def trunc_int(conn: Any, expr: str) -> str:
    """`expr` cut to an integer toward zero (SQLite's CAST does that; PostgreSQL's rounds)."""
    if dialect_of(conn) == "postgresql":
        return f"CAST(trunc({expr}) AS INTEGER)"
    return f"CAST({expr} AS INTEGER)"
