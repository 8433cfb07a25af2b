"""Chinese search on PostgreSQL, finding what the SQLite archive finds.

- Three characters or more: ``ILIKE`` on the search text, served by a pg_trgm GIN index
  (the SQLite archive's FTS5 trigram index matches the same substrings, case-folded).
- One or two word characters: the characters and character pairs of titles and body, as
  ``text[]`` columns under GIN indexes (``tokens @> ARRAY['方志']``). The tokens are the
  SQLite archive's own (:func:`editor.core.store.schema.short_tokens`), plus every single
  character, so that a one-character query is one array lookup where FTS5 uses a prefix
  query over the pairs: a character is in a word run exactly when it begins a pair or ends
  the run, so both find the same bulletins.
- One or two characters with punctuation: ``ILIKE`` over everything (no index can help).
"""

from __future__ import annotations

import re

from editor.core.store.schema import short_tokens

SHORT_QUERY = re.compile(r"[^\W_]{1,2}")
"""A query the character/pair arrays answer (the SQLite archive's rule)."""


def token_array(text: str) -> list[str]:
    """The characters and character pairs of ``text``'s word runs, lower-cased, sorted."""
    tokens = set(short_tokens(text).split())
    tokens.update(char for token in list(tokens) for char in token)
    return sorted(tokens)


def short_token(query: str) -> str:
    """The array element a one- or two-character query looks for."""
    return query.lower()


def like_pattern(query: str) -> str:
    """``query`` as a substring pattern for LIKE/ILIKE: its ``%``, ``_`` and ``\\`` literal."""
    return "%" + re.sub(r"([\\%_])", r"\\\1", query) + "%"
