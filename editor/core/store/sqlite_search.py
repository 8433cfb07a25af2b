"""Search in the SQLite archive: every query through an index, in little space (issue 19).

Each bulletin's search text (its titles, then bylines, subheadings and paragraphs, as
:func:`editor.core.store.records.index_fields` writes it) is kept lower-cased, once, in
``search_texts`` (a narrow table: id, title, body, as UTF-16 blobs), and indexed by four
contentless FTS5 tables with ``detail=none`` (row ids only, no positions, no copy of the
text), one of each kind for the titles and one for the body:

- ``search_*_pairs``: every character and every pair of adjacent characters as a token
  (space-separated, :data:`PAIRS_TOKENIZER`). A one- or two-character query, punctuation
  included ("，", "”。"), is one token: no prefix query, no scan.
- ``search_*_trigrams``: every three consecutive characters, spaces included (the
  ``trigram`` tokenizer, :data:`TRIGRAMS_TOKENIZER`). A three-character query is one
  trigram; a longer one asks for the AND of its trigrams. That finds every bulletin
  containing it and some that merely contain all its trigrams apart (``detail=none`` cannot
  ask for them in a row), so four characters or more are confirmed against ``search_texts``.

Why this shape: the previous index (a trigram table with positions and its own copy of
the text, and token tables storing their tokens) was 4.8 times the size of the text (UTF-8),
and a short query with punctuation read every bulletin; these tables are 1.5 times. Here
an answer costs a lookup of the newest matching row ids (FTS5 reads a doclist backwards and
stops at the limit) plus, for four characters or more, reading those bulletins' texts.

Confirming is the cost of a long query: every candidate's text is read, newest first, until
enough are found. A phrase whose trigrams all occur everywhere but which itself occurs
nowhere (like "地方志、" where 地方志 is never followed by 、) reads them all: that is the
slow case left (a table of four-character tokens would make four characters exact, for
about a third of the text's size more and twice the indexing time). The texts are UTF-16
(two bytes a Chinese character instead of UTF-8's three: the copy is 0.8 times the text's
UTF-8 size instead of 1.1) and compared in Python (``bytes.find``, faster than SQLite's
``instr``, which calls ``memcmp`` at every character).

Titles and body are separate tables because ``detail=none`` keeps no columns and no term
frequencies (so no ``bm25``): title matches come first, then body matches, newest (highest
id) first within each. For three characters or more that order applies among the newest
``ranked`` matches (``editor.core.store.RANKED``), as the Store contract says.

Case: the text and the query are both lower-cased here (``str.lower``), so the tokenizers
fold no case (the trigram tables are case-sensitive, the pairs' tokenizer folds only ASCII,
lower-cased already), and the confirming comparison sees what was indexed.

Characters: a query of up to three characters is answered by the index alone only when
it consists of :data:`CERTAIN` characters (ASCII, CJK ideographs, Chinese punctuation and
common symbols), which SQLite's tokenizers surely keep as they are (and which ``unicode61``,
the pairs' tokenizer before migration 10, kept too, whatever Unicode version its tables
come from). Every other non-space character (a control or format
character, a cased letter outside ASCII, a character newer than SQLite's tables) is
indexed under a private-use stand-in (:func:`_stand_ins`); a query containing one finds
the bulletins containing a stand-in and confirms each against its text. So every query finds
exactly the bulletins whose lower-cased title or body contains the lower-cased query
(``tests/core/store/test_sqlite_search.py`` checks this against a plain scan).

Removing a bulletin's entries: contentless tables cannot ``DELETE`` in SQLite 3.40
(``contentless_delete`` needs 3.43), so :func:`index_search` gives FTS5 the ``'delete'``
command with the old values, which ``search_texts`` holds. The tokens are therefore a pure
function of the stored text: changing :func:`_pairs` or :func:`_stand_ins` needs a
migration that rebuilds the tables.

Writing opens no savepoint and touches no table with foreign keys (a statement journal
makes FTS5 write out its pending terms), so a caller recording many bulletins in one
transaction can call :func:`index_search` for each at the end and have them written out
together at ``COMMIT``.

A row of ``search_texts`` is also the dictionary its bulletin's kept versions are deflated
from (:mod:`editor.core.store.packing`, :func:`kept_dictionary`): whatever writes a new text
for a bulletin packs that bulletin's kept versions again in the same transaction
(``SqliteStore.save_edit`` and ``finish_recognition`` do). A migration that rewrites these
rows (say, to index more of a bulletin) must repack too; one that only rebuilds the index
tables from them, like migration 10, need not.
"""

from __future__ import annotations

import heapq
import itertools
import re
import sqlite3
import sys
from array import array
from collections.abc import Generator, Sequence
from dataclasses import dataclass

from editor.core.store.packing import dictionary, search_parts

__all__ = [
    "CERTAIN",
    "add_search_tables",
    "index_many",
    "index_search",
    "kept_dictionary",
    "rebuild_search_tables",
    "search_ids",
]

TEXTS = "search_texts"
"""id, title (the bulletin's titles, one per line), body: lower-cased, UTF-16LE blobs."""
_ENCODING = "utf-16-le"

PAIRS = {"title": "search_title_pairs", "body": "search_body_pairs"}
TRIGRAMS = {"title": "search_title_trigrams", "body": "search_body_trigrams"}
OLD_TABLES = ("bulletins_fts", "short_title", "short_body")
"""The search tables of schema versions 1 to 7, replaced by these."""

_PUNCTUATION = "".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum())
PAIRS_TOKENIZER = "ascii tokenchars '" + _PUNCTUATION.replace("'", "''") + "'"
"""The pairs tables' tokenizer: every character a token character but ASCII spaces and
controls. :func:`_pairs` gives it text in which every other space is a plain space and every
uncertain character a stand-in, so it splits exactly where ``unicode61`` with every letter,
number, mark, punctuation and symbol category as token characters would (the tokens are the
same, which the tests check), at about two thirds of the cost: it classifies no character."""

TRIGRAMS_TOKENIZER = "trigram case_sensitive 1"
"""The trigram tables' tokenizer: the text is lower-cased here, so SQLite's own case folding
(a third of the indexing time) has nothing to do."""

AUTOMERGE = 8
"""Segments of one size FTS5 lets gather before merging them (its default 4): each batch of
bulletins writes a segment, and merging less often costs a quarter less indexing time with
no slower search (a query reads a few more, smaller segments)."""

_SPACE = re.compile(r"\s")

CERTAIN: tuple[tuple[int, int], ...] = (
    (0x0021, 0x007E),  # ASCII, but the space
    (0x00A1, 0x00AC),  # Latin-1 signs (not the soft hyphen, not µ)
    (0x00AE, 0x00B4),
    (0x00B6, 0x00BF),  # · ¶ ¿
    (0x00D7, 0x00D7),  # ×
    (0x00F7, 0x00F7),  # ÷
    (0x2010, 0x2027),  # dashes, ‘’“”, •, …
    (0x2030, 0x2052),  # ‰ ′ ″ ※
    (0x2190, 0x23CE),  # arrows, mathematical operators, technical signs
    (0x2460, 0x24B5),  # ① ⑴ ⒈
    (0x2500, 0x2613),  # box drawing, blocks, shapes, ★ ☆
    (0x2E80, 0x2E99),  # radicals
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x3001, 0x303F),  # CJK punctuation: 、。〃〈〉《》「」『』【】〔〕〖〗 〇
    (0x3041, 0x3096),  # kana
    (0x3099, 0x30FF),
    (0x3105, 0x312C),  # bopomofo
    (0x3220, 0x3243),  # ㈠ ㈡
    (0x3280, 0x32B0),  # ㊀ ㊣
    (0x3400, 0x4DB5),  # CJK ideographs, extension A
    (0x4E00, 0x9FA5),  # CJK ideographs
    (0xF900, 0xFA2D),  # compatibility ideographs
    (0xFE30, 0xFE46),  # vertical and small forms
    (0xFE49, 0xFE52),
    (0xFE54, 0xFE66),
    (0xFE68, 0xFE6B),
    (0xFF01, 0xFF20),  # fullwidth punctuation and digits: ，！（）：；？
    (0xFF3B, 0xFF40),
    (0xFF5B, 0xFF65),
    (0xFFE0, 0xFFE6),  # ￥
    (0x20000, 0x2A6D6),  # CJK ideographs, extension B
)
"""Characters that ``unicode61`` (with the categories above) and the trigram tokenizer
surely keep as one token character each, unchanged: characters uncased, with a letter,
number, mark, punctuation or symbol category both in Unicode 3.2 and today (SQLite's
tables are from a version in between), plus ASCII (already lower-cased when indexed).
The test suite checks each range against Python's Unicode data and SQLite itself."""

_UNCERTAIN = re.compile(
    "[^\\s" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in CERTAIN) + "]"
)
_PRIVATE, _PRIVATE_SIZE = 0xE000, 0x1900  # U+E000 to U+F8FF: a token character everywhere

_CODE = "I" if array("I").itemsize == 4 else "L"
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"


def _stand_in(match: re.Match[str]) -> str:
    return chr(_PRIVATE + ord(match[0]) % _PRIVATE_SIZE)


def _stand_ins(text: str) -> str:
    """``text`` with every uncertain non-space character replaced by a private-use one."""
    return _UNCERTAIN.sub(_stand_in, text)


def _pairs(text: str) -> str:
    """Each character of ``text`` and each with the next, as space-separated tokens.

    Built in C (array slices) rather than character by character: ``c0c1 c0 c1c2 c1 ...``.
    Duplicates are left in (FTS5 keeps one entry per token and row); every space becomes a
    plain space, so a pair with a space in it yields just its other character, a token anyway.
    """
    chars = array(_CODE, _SPACE.sub(" ", text).encode(_UTF32))
    count = len(chars)
    tokens = array(_CODE, [0x20]) * (5 * count)
    tokens[0::5] = chars
    tokens[3::5] = chars
    tokens[1 : 5 * count - 5 : 5] = chars[1:]
    return tokens.tobytes().decode(_UTF32)


def kept_dictionary(title: bytes | None, body: bytes | None) -> bytes:
    """The dictionary a bulletin's kept versions are packed from (editor.core.store.packing),
    from its row of ``search_texts``; empty without one."""
    if title is None or body is None:
        return b""
    return dictionary(bytes(title).decode(_ENCODING), bytes(body).decode(_ENCODING))


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# --- the tables ------------------------------------------------------------------------------


def add_search_tables(conn: sqlite3.Connection) -> None:
    """Migration 8: the tables above, filled from ``bulletins.search_text``; the old ones go.

    The old tables are dropped first, so their pages are reused for the new ones (the file
    keeps its size until a ``VACUUM``). Runs inside the caller's transaction.
    """
    for table in OLD_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute(
        f"CREATE TABLE {TEXTS} (id INTEGER PRIMARY KEY, title BLOB NOT NULL, body BLOB NOT NULL)"
    )
    _create_index_tables(conn)
    rows = conn.execute("SELECT id, search_text FROM bulletins ORDER BY id")
    while batch := rows.fetchmany(500):
        index_many(conn, [(int(bulletin_id), text or "") for bulletin_id, text in batch])
    _optimize(conn)


def rebuild_search_tables(conn: sqlite3.Connection) -> None:
    """Migration 10: the index tables made again with today's tokenizers and merge setting,
    from ``search_texts`` (which keeps its rows). The tokens are the same; the tokenizers
    that make them are cheaper (see :data:`PAIRS_TOKENIZER`)."""
    for table in (*PAIRS.values(), *TRIGRAMS.values()):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    _create_index_tables(conn)
    rows = conn.execute(f"SELECT id, title, body FROM {TEXTS} ORDER BY id")
    while batch := rows.fetchmany(500):
        _entries(
            conn,
            [
                (int(i), bytes(title).decode(_ENCODING), bytes(body).decode(_ENCODING))
                for i, title, body in batch
            ],
            delete=False,
        )
    _optimize(conn)


def _create_index_tables(conn: sqlite3.Connection) -> None:
    options = "content = '', detail = 'none', columnsize = 0"
    for tables, column, tokenizer in (
        (PAIRS, "tokens", PAIRS_TOKENIZER),
        (TRIGRAMS, "text", TRIGRAMS_TOKENIZER),
    ):
        for table in tables.values():
            quoted = "'" + tokenizer.replace("'", "''") + "'"
            conn.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5({column}, tokenize = {quoted}, {options})"
            )
            conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('automerge', {AUTOMERGE})")


def _optimize(conn: sqlite3.Connection) -> None:
    for table in (*PAIRS.values(), *TRIGRAMS.values()):
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")  # one segment each


def index_search(conn: sqlite3.Connection, bulletin_id: int, search_text: str) -> None:
    """Index one bulletin's search text in place of what was indexed for it before."""
    index_many(conn, [(bulletin_id, search_text)])


def index_many(conn: sqlite3.Connection, items: Sequence[tuple[int, str]]) -> None:
    """Index each bulletin's search text in place of what was indexed for it before.

    Works inside the caller's transaction and opens none of its own; nothing changes for a
    text that is what was indexed already. Each table gets its rows in one statement: FTS5
    fed one table at a time indexes a fifth faster than fed the four tables in turn.
    """
    new: dict[int, tuple[str, str]] = {}
    for bulletin_id, search_text in items:
        new[bulletin_id] = search_parts(search_text)  # the last text given for an id counts
    stored = {i: (t.encode(_ENCODING), b.encode(_ENCODING)) for i, (t, b) in new.items()}
    old: dict[int, tuple[bytes, bytes]] = {}
    ids = list(new)
    for at in range(0, len(ids), 500):
        chunk = ids[at : at + 500]
        marks = ", ".join("?" * len(chunk))
        for i, title, body in conn.execute(
            f"SELECT id, title, body FROM {TEXTS} WHERE id IN ({marks})", chunk
        ):
            old[int(i)] = (bytes(title), bytes(body))
    changed = [i for i in ids if old.get(i) != stored[i]]
    gone = [i for i in changed if i in old]
    if gone:  # a contentless table forgets a row told its old values
        _entries(
            conn,
            [(i, old[i][0].decode(_ENCODING), old[i][1].decode(_ENCODING)) for i in gone],
            delete=True,
        )
        conn.executemany(
            f"UPDATE {TEXTS} SET title = ?, body = ? WHERE id = ?",
            [(*stored[i], i) for i in gone],
        )
    conn.executemany(
        f"INSERT INTO {TEXTS} (id, title, body) VALUES (?, ?, ?)",
        [(i, *stored[i]) for i in changed if i not in old],
    )
    _entries(conn, [(i, *new[i]) for i in changed], delete=False)


def _entries(
    conn: sqlite3.Connection, texts: Sequence[tuple[int, str, str]], *, delete: bool
) -> None:
    """Add (or, told the old values, delete) the bulletins' entries, table by table."""
    for part, at in (("title", 1), ("body", 2)):
        present = [(row[0], row[at]) for row in texts if row[at]]
        if not present:
            continue
        for table, column, value in (
            (PAIRS[part], "tokens", lambda text: _pairs(_stand_ins(text))),
            (TRIGRAMS[part], "text", lambda text: text),
        ):
            rows = [(i, value(text)) for i, text in present]
            if delete:
                conn.executemany(
                    f"INSERT INTO {table} ({table}, rowid, {column}) VALUES ('delete', ?, ?)",
                    rows,
                )
            else:
                conn.executemany(f"INSERT INTO {table} (rowid, {column}) VALUES (?, ?)", rows)


# --- searching -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """How to answer one query: the FTS5 tables, the MATCH expression, what to confirm."""

    tables: dict[str, str]
    match: str
    confirm: str | None
    """The lower-cased query when candidates must be checked against the text, else None."""


def _plan(folded: str) -> _Plan:
    certain = _stand_ins(folded)
    exact = len(folded) <= 3 and certain == folded
    if len(folded) <= 2:
        return _Plan(PAIRS, _quoted(certain), None if exact else folded)
    trigrams = dict.fromkeys(folded[i : i + 3] for i in range(len(folded) - 2))
    return _Plan(TRIGRAMS, " AND ".join(map(_quoted, trigrams)), None if exact else folded)


def _matches(
    conn: sqlite3.Connection, plan: _Plan, part: str, count: int
) -> Generator[int, None, None]:
    """The ids of the newest ``count`` bulletins whose ``part`` contains the query, newest
    first, read (and confirmed) only as far as the caller goes on asking."""
    table = plan.tables[part]
    if plan.confirm is None:
        rows = conn.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?",
            (plan.match, count),
        )
        try:
            for (bulletin_id,) in rows:
                yield int(bulletin_id)
        finally:
            rows.close()
        return
    needle = plan.confirm.encode(_ENCODING)
    found = 0
    candidates = conn.execute(
        f"SELECT {table}.rowid, t.{part} FROM {table} JOIN {TEXTS} t ON t.id = {table}.rowid "
        f"WHERE {table} MATCH ? ORDER BY {table}.rowid DESC",
        (plan.match,),
    )
    try:
        for bulletin_id, text in candidates:
            if _contains(text, needle):
                yield int(bulletin_id)
                found += 1
                if found >= count:
                    return
    finally:
        candidates.close()


def _contains(text: bytes, needle: bytes) -> bool:
    """Whether UTF-16 ``text`` holds ``needle`` at a character boundary (an even offset)."""
    at = text.find(needle)
    while at > 0 and at % 2:
        at = text.find(needle, at + 1)
    return at >= 0


def search_ids(
    conn: sqlite3.Connection, query: str, limit: int, *, ranked: int | None = None
) -> list[int]:
    """The ids of the bulletins whose title or body contains ``query``, in rank order.

    Case is ignored; the query is stripped (an empty one finds nothing) and otherwise
    matched as typed, spaces included, like a substring: "办公室 王立新" finds that
    byline, "办公室王立新" does not. Title matches first, then the others, newest first
    within each; for three characters or more, only among the newest ``ranked`` matches
    when ``ranked`` is given (so a common phrase costs the same in any size of archive).
    Candidates are read lazily, so no more are confirmed than the answer needs.
    """
    folded = query.strip().lower()
    if not folded or limit <= 0:
        return []
    plan = _plan(folded)
    titles = _matches(conn, plan, "title", limit if ranked is None else max(limit, ranked))
    body = _matches(conn, plan, "body", limit if ranked is None else max(limit, ranked))
    try:
        if ranked is None or len(folded) < 3:
            found = list(itertools.islice(titles, limit))
            seen = set(found)
            found += itertools.islice((i for i in body if i not in seen), limit - len(found))
            return found
        # The newest ``ranked`` bulletins matching in either part, the two streams merged.
        merged = heapq.merge(((i, True) for i in titles), ((i, False) for i in body), reverse=True)
        window: dict[int, bool] = {}  # id -> in a title, newest first
        for bulletin_id, in_title in merged:
            if bulletin_id in window:
                window[bulletin_id] = window[bulletin_id] or in_title
            elif len(window) < ranked:
                window[bulletin_id] = in_title
            else:
                break
        first = [i for i, in_title in window.items() if in_title]
        return (first + [i for i, in_title in window.items() if not in_title])[:limit]
    finally:
        titles.close()
        body.close()
