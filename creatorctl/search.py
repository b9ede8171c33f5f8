"""Keyword search shared by every searchable list: every term (split on spaces, ANDed) is a
case-insensitive substring of at least one searched column.

SQLite: an FTS5 trigram table per searched table, with LIKE for terms shorter than three
characters (trigram cannot match them). Comments (a million and more) also have a bigram index
for two-character terms (`bigrams`, migration 0010, SQLite only): it finds the candidates and
LIKE still decides, so results are LIKE's.

PostgreSQL: a GIN index per searched table on ``creatorctl_bigrams`` of its searched columns
(migration 0016) finds the rows holding every two-character piece of a term of two characters
or more, in any database locale; ILIKE on the columns stays the test, so the results are
ILIKE's (the same rows as SQLite's, tests/test_search_dialects.py). A term with no cased
letter (Chinese, digits) is tested with LIKE, which compares bytes and costs a fraction of
ILIKE's lower-casing. The searched columns are work.title, work.description, work.tags and
comment.content, comment.nickname. Callers pass their engine's dialect name.
"""

from __future__ import annotations

from collections.abc import Sequence


def like_pattern(term: str) -> str:
    """`%term%` with LIKE's wildcards escaped (use with ESCAPE '\\')."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def split_terms(query: str) -> tuple[list[str], list[str]]:
    """(terms FTS trigram can match, terms shorter than three characters)."""
    terms = query.split()
    return [x for x in terms if len(x) >= 3], [x for x in terms if len(x) < 3]


BIGRAM_FUNCTION = "creatorctl_bigrams"
"""The SQL function (registered on every SQLite connection of a store) that the comment
bigram index's triggers call."""


def bigrams(*texts: str | None) -> str:
    """Every two-character piece of each text, space-separated: what the bigram index holds.

    Its `ascii` tokenizer folds ASCII case (as LIKE does) and splits at ASCII spaces and
    punctuation, so a piece holding those leaves only fragments; `bigram_term` keeps such
    terms on LIKE.
    """
    out: list[str] = []
    for text in texts:
        if text:
            out.extend(text[i : i + 2] for i in range(len(text) - 1))
    return " ".join(out)


def bigram_term(term: str) -> bool:
    """Whether the bigram index can find a term: two characters, none of them ASCII
    punctuation or space (the tokenizer would split there)."""
    return len(term) == 2 and all(not c.isascii() or c.isalnum() for c in term)


def fts_expression(terms: Sequence[str]) -> str:
    """An FTS5 MATCH expression requiring every term, each quoted as a phrase."""
    return " AND ".join('"' + x.replace('"', '""') + '"' for x in terms)


TRUE = "1=1"
"""A condition that always holds, in both dialects (PostgreSQL refuses a bare ``1``)."""


def like_clause(
    terms: Sequence[str],
    params: dict[str, object],
    columns: Sequence[str],
    prefix: str = "l",
    dialect: str = "sqlite",
) -> str:
    """Every term matched case-insensitively in at least one of `columns` (`TRUE` when there
    are none): SQLite's LIKE ignores ASCII case already; PostgreSQL's ILIKE does it."""
    op = "ILIKE" if dialect == "postgresql" else "LIKE"
    parts: list[str] = []
    for i, term in enumerate(terms):
        key = f"{prefix}{i}"
        params[key] = like_pattern(term)
        parts.append("(" + " OR ".join(f"{c} {op} :{key} ESCAPE '\\'" for c in columns) + ")")
    return " AND ".join(parts) if parts else TRUE


PG_GRAMS = {
    "work": "w.title || ' ' || w.description || ' ' || w.tags",
    "comment": "c.content || ' ' || c.nickname",
}
"""The text each table's bigram index (migration 0016) is built on, as queries spell it (the
planner matches the expression to the index's)."""


def pg_bigram_term(term: str) -> bool:
    """Whether the PostgreSQL bigram index can find a term: two characters or more, and no
    chr(1) (the index's separator)."""
    return len(term) >= 2 and "\x01" not in term


def pg_clause(
    terms: Sequence[str],
    params: dict[str, object],
    columns: Sequence[str],
    grams: str,
    prefix: str = "l",
    *,
    index: bool = True,
) -> str:
    """PostgreSQL: every term a case-insensitive substring of one of `columns`; with `index`,
    terms of two characters or more also name their bigrams, which the GIN index on
    ``creatorctl_bigrams(grams)`` serves (`TRUE` when there are no terms)."""
    parts: list[str] = []
    for i, term in enumerate(terms):
        key = f"{prefix}{i}"
        params[key] = like_pattern(term)
        op = "LIKE" if term.lower() == term.upper() else "ILIKE"
        test = "(" + " OR ".join(f"{c} {op} :{key} ESCAPE '\\'" for c in columns) + ")"
        if index and pg_bigram_term(term):
            params[f"{key}g"] = term
            test = (
                f'creatorctl_bigrams({grams}) COLLATE "C" @> creatorctl_bigrams(:{key}g) AND {test}'
            )
        parts.append(test)
    return " AND ".join(parts) if parts else TRUE


def uses_fts(dialect: str) -> bool:
    """Whether the store has FTS5 trigram tables to search (else ILIKE on pg_trgm indexes)."""
    return dialect == "sqlite"


def search_clause(
    query: str,
    params: dict[str, object],
    *,
    fts_table: str,
    id_column: str,
    like_columns: Sequence[str],
    dialect: str = "sqlite",
) -> str:
    """SQL condition for a keyword search, as a filter on the searched table.

    `id_column` is the table's id as the query names it (e.g. `w.id`); the FTS table must use
    it as its content rowid. (Lists that page newest-first by rowid may instead drive the query
    from the FTS table with `fts_expression`, which stops after a page.)
    """
    if not uses_fts(dialect):
        grams = PG_GRAMS.get(fts_table.removesuffix("_fts"))
        return pg_clause(query.split(), params, like_columns, grams or "", index=bool(grams))
    long_terms, short_terms = split_terms(query)
    parts: list[str] = []
    if long_terms:
        params["fts"] = fts_expression(long_terms)
        parts.append(f"{id_column} IN (SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH :fts)")
    if short_terms:
        parts.append(like_clause(short_terms, params, like_columns))
    return " AND ".join(parts) if parts else TRUE
