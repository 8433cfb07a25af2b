"""Chinese search on PostgreSQL, finding what the SQLite archive finds.

- Three characters or more: ``ILIKE`` on the search text, served by a pg_trgm GIN index
  (the SQLite archive's FTS5 trigram index matches the same substrings, case-folded).
- One or two characters, punctuation included: every character and every pair of adjacent
  characters of titles and body (whitespace parts them, as in the SQLite archive's pairs
  tables), as ``text[]`` columns under GIN indexes (``tokens @> ARRAY['”。']``). Before
  schema version 3 the arrays held word characters only and a short query with punctuation
  (“，”, “”。”) read every bulletin: 0.5 s in 10,000 (issue 19); migration 3 makes them anew.
"""

from __future__ import annotations

import re

SHORT_QUERY = re.compile(r"\S{1,2}")
"""A query the character/pair arrays answer: one or two characters (the query is stripped,
so a short one has no whitespace)."""

_RUN = re.compile(r"\S+")


def token_array(text: str) -> list[str]:
    """Each character and each pair of adjacent characters of ``text``'s runs without
    whitespace, lower-cased, sorted."""
    tokens: set[str] = set()
    for run in _RUN.findall(text.lower()):
        tokens.update(run)
        tokens.update(map(str.__add__, run, run[1:]))
    return sorted(tokens)


def short_token(query: str) -> str:
    """The array element a one- or two-character query looks for."""
    return query.lower()


def like_pattern(query: str) -> str:
    """``query`` as a substring pattern for LIKE/ILIKE: its ``%``, ``_`` and ``\\`` literal."""
    return "%" + re.sub(r"([\\%_])", r"\\\1", query) + "%"
