"""Chinese search on PostgreSQL, finding what the SQLite archive finds.

- Three characters or more: ``ILIKE`` on the search text, served by a pg_trgm GIN index
  (the SQLite archive's FTS5 trigram index matches the same substrings, case-folded).
- One or two characters, punctuation included: every character and every pair of adjacent
  characters of titles and body (whitespace parts them, as in the SQLite archive's pairs
  tables), as ``text[]`` columns under GIN indexes (``tokens @> ARRAY['”。']``).

Archives before schema version 3 kept word characters only in the arrays, and a short query
with punctuation (“，”, “”。”) read every bulletin: 0.5 s in 10,000 (issue 19). Making every
bulletin's arrays anew took 80-210 s there, too long for an upgrade at start, so migration 3
only marks the rows (``tokens_kind`` 1; new and rewritten rows are :data:`TOKENS_KIND`) and
the desks renew them a batch at a time while the archive is in use (:func:`renew_tokens`,
sending no change notices: nothing a desk shows changes). Until a row is renewed, a short
query with punctuation compares its text instead (:func:`short_condition`; a partial index
keeps those rows at hand), so every query finds the same bulletins all along. A query of
word characters only finds the same in both kinds of arrays.
"""

from __future__ import annotations

import re
from typing import Any

SHORT_QUERY = re.compile(r"\S{1,2}")
"""A query the character/pair arrays answer: one or two characters (the query is stripped,
so a short one has no whitespace)."""

WORD_QUERY = re.compile(r"[^\W_]{1,2}")
"""A short query the arrays of either kind answer alike (word characters only)."""

TOKENS_KIND = 2
"""``bulletins.tokens_kind`` of arrays made by :func:`token_array` (1: word characters only,
as before schema version 3)."""

_RUN = re.compile(r"\S+")
_PARTS = {
    "title_tokens": "split_part(search_lower, chr(31), 1)",
    "body_tokens": "substr(search_lower, strpos(search_lower, chr(31)) + 1)",
}


def token_array(text: str) -> list[str]:
    """Each character and each pair of adjacent characters of ``text``'s runs without
    whitespace, lower-cased, sorted."""
    tokens: set[str] = set()
    for run in _RUN.findall(text.lower()):
        tokens.update(run)
        tokens.update(map(str.__add__, run, run[1:]))
    return sorted(tokens)


def short_condition(column: str, query: str, *, renewed: bool) -> tuple[str, list[Any]]:
    """The WHERE clause (and its parameters) of a one- or two-character query in one part
    (``title_tokens`` or ``body_tokens``): the arrays, and for a query with punctuation,
    while some rows are not yet renewed (``renewed`` False: :func:`all_renewed`), their text.

    (The two-way clause is kept to that time: with it the planner reads every matching row
    and sorts them, 140 ms for "志，" in 10,000 bulletins, where the arrays alone let it go
    back from the newest and stop at the limit.)"""
    token = short_token(query)
    if renewed or WORD_QUERY.fullmatch(query):
        return f"{column} @> ARRAY[%s]::text[]", [token]
    return (
        f"((tokens_kind = {TOKENS_KIND} AND {column} @> ARRAY[%s]::text[]) "
        f"OR (tokens_kind < {TOKENS_KIND} AND {_PARTS[column]} LIKE %s))",
        [token, like_pattern(token)],
    )


def all_renewed(conn: Any) -> bool:
    """Whether no row is left that an earlier version indexed (the partial index answers)."""
    row = conn.execute(
        f"SELECT NOT EXISTS (SELECT 1 FROM bulletins WHERE tokens_kind < {TOKENS_KIND})"
    ).fetchone()
    return bool(row and row[0])


def renew_tokens(conn: Any, limit: int) -> int:
    """Up to ``limit`` rows whose arrays an earlier version made (newest first: the most
    searched), made anew in one transaction that sends no change notices; how many.

    Rows another transaction holds are skipped (that one is an edit, which writes new
    arrays itself); the content, its version and its time stay as they were.
    """
    with conn.transaction():
        conn.execute("SET LOCAL jianxun.quiet = 'on'")
        rows = conn.execute(
            f"SELECT id, search_lower FROM bulletins WHERE tokens_kind < {TOKENS_KIND} "
            "ORDER BY id DESC LIMIT %s FOR UPDATE SKIP LOCKED",
            (limit,),
        ).fetchall()
        updates = []
        for bulletin_id, text in rows:
            titles, _, body = str(text).partition(chr(31))
            updates.append((token_array(titles), token_array(body), bulletin_id))
        with conn.cursor() as cursor:
            cursor.executemany(
                f"UPDATE bulletins SET title_tokens = %b, body_tokens = %b, "
                f"tokens_kind = {TOKENS_KIND} WHERE id = %s",
                updates,
            )
    return len(rows)


def short_token(query: str) -> str:
    """The array element a one- or two-character query looks for."""
    return query.lower()


def like_pattern(query: str) -> str:
    """``query`` as a substring pattern for LIKE/ILIKE: its ``%``, ``_`` and ``\\`` literal."""
    return "%" + re.sub(r"([\\%_])", r"\\\1", query) + "%"
