"""Keyword search shared by every searchable list: FTS5 trigram, with LIKE for short terms.

Trigram cannot match fewer than three characters, so such terms fall back to LIKE. Terms are
ANDed. Comments (a million and more) also have a bigram index for two-character terms
(`bigrams`, migration 0010, SQLite only): it finds the candidates and LIKE still decides, so
results are LIKE's.
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


def like_clause(
    terms: Sequence[str], params: dict[str, object], columns: Sequence[str], prefix: str = "l"
) -> str:
    """Every term LIKE-matched in at least one of `columns` ('1' when there are none)."""
    parts: list[str] = []
    for i, term in enumerate(terms):
        key = f"{prefix}{i}"
        params[key] = like_pattern(term)
        parts.append("(" + " OR ".join(f"{c} LIKE :{key} ESCAPE '\\'" for c in columns) + ")")
    return " AND ".join(parts) if parts else "1"


def search_clause(
    query: str,
    params: dict[str, object],
    *,
    fts_table: str,
    id_column: str,
    like_columns: Sequence[str],
) -> str:
    """SQL condition for a keyword search, as a filter on the searched table.

    `id_column` is the table's id as the query names it (e.g. `w.id`); the FTS table must use
    it as its content rowid. (Lists that page newest-first by rowid may instead drive the query
    from the FTS table with `fts_expression`, which stops after a page.)
    """
    long_terms, short_terms = split_terms(query)
    parts: list[str] = []
    if long_terms:
        params["fts"] = fts_expression(long_terms)
        parts.append(f"{id_column} IN (SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH :fts)")
    if short_terms:
        parts.append(like_clause(short_terms, params, like_columns))
    return " AND ".join(parts) if parts else "1"
