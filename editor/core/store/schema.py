"""The database schema and its migrations, versioned by ``PRAGMA user_version``.

Each migration runs once, in its own transaction; a database newer than this
program knows is refused rather than damaged.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from editor.core.store.sqlite_search import add_search_tables, rebuild_search_tables


def _rebuild_search_and_forget_warnings(conn: sqlite3.Connection) -> None:
    rebuild_search_tables(conn)
    conn.execute("UPDATE bulletins SET warnings = '[]' WHERE warnings != '[]'")


MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    # 1: bulletins, their revisions, the files seen in inboxes, full-text search
    """
    CREATE TABLE bulletins (
        id INTEGER PRIMARY KEY,
        source_path TEXT NOT NULL,
        source_name TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        status TEXT NOT NULL,
        failure TEXT,
        parsed TEXT,
        current TEXT,
        warnings TEXT NOT NULL DEFAULT '[]',
        warning_count INTEGER NOT NULL DEFAULT 0,
        series TEXT,
        issue INTEGER,
        total_issue INTEGER,
        issue_date TEXT,
        title TEXT,
        search_text TEXT NOT NULL DEFAULT '',
        approved_by TEXT,
        approved_at TEXT,
        exported_path TEXT,
        exported_at TEXT,
        previous_id INTEGER REFERENCES bulletins(id),
        updated_at TEXT NOT NULL
    );
    CREATE INDEX bulletins_status ON bulletins(status, received_at);
    CREATE INDEX bulletins_source ON bulletins(source_path);
    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        bulletin_id INTEGER NOT NULL REFERENCES bulletins(id),
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        action TEXT NOT NULL,
        field_path TEXT,
        old_value TEXT,
        new_value TEXT
    );
    CREATE INDEX revisions_bulletin ON revisions(bulletin_id, id);
    CREATE TABLE sources (
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        bulletin_id INTEGER REFERENCES bulletins(id),
        seen_at TEXT NOT NULL,
        PRIMARY KEY (path, size, mtime_ns)
    );
    CREATE VIRTUAL TABLE bulletins_fts USING fts5(title, body, tokenize = 'trigram');
    """,
    # 2: one- and two-character search (a trigram cannot match them) through an index of
    # the characters and character pairs each bulletin contains
    lambda conn: _add_short_index(conn),
    # 3: named series, edited in the settings
    """
    CREATE TABLE series (
        name TEXT PRIMARY KEY,
        data TEXT NOT NULL
    );
    """,
    # 4: a bulletin marked as the corrected new version of another (same issue number);
    # a bulletin is superseded by at most one other
    """
    ALTER TABLE bulletins ADD COLUMN supersedes INTEGER REFERENCES bulletins(id);
    CREATE UNIQUE INDEX bulletins_supersedes ON bulletins(supersedes);
    """,
    # 5: how many times each bulletin has been written (1 when it arrived), so a change made on
    # an older version is refused instead of silently undoing another desk's (EditConflict)
    """
    ALTER TABLE bulletins ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    """,
    # 6: editing leases, one desk per bulletin at a time (``desk`` tells running desks apart;
    # ``expires`` is UTC ISO 8601 to the microsecond, so comparing the text compares the times)
    """
    CREATE TABLE leases (
        bulletin_id INTEGER PRIMARY KEY REFERENCES bulletins(id),
        user TEXT NOT NULL,
        desk TEXT NOT NULL,
        host TEXT NOT NULL,
        expires TEXT NOT NULL
    );
    CREATE INDEX leases_desk ON leases(desk);
    """,
    # 7: a series' issues for the numbering checks, read from the index alone (selecting a
    # bulletin asks for them; without it every selection read every bulletin)
    """
    CREATE INDEX bulletins_series
        ON bulletins(series, issue_date, id, issue, total_issue, status);
    """,
    # 8: search through an index for every query, in a fifth of the space (issue 19)
    add_search_tables,
    # 9: the queue's and the search's columns read from an index alone: reading them from the
    # table walked past each row's kept bulletin (1,000 search hits: 10-30 ms, now a few);
    # and the search text now lives in search_texts only (migration 8 has read it)
    """
    CREATE INDEX bulletins_summary ON bulletins(
        id, status, series, issue, total_issue, issue_date, title, warning_count,
        source_path, source_name, received_at, failure, previous_id);
    UPDATE bulletins SET search_text = '' WHERE search_text != '';
    """,
    # 10: cheaper index tokenizers, the same tokens (issue 19: a third less indexing time);
    # the parse's warnings are kept once, in the kept bulletin (the column was never read)
    _rebuild_search_and_forget_warnings,
]
SCHEMA_VERSION = len(MIGRATIONS)
_WORD_RUN = re.compile(r"[^\W_]+")


SHORT_TABLES = {"title": "short_title", "body": "short_body"}


def short_tokens(text: str) -> str:
    """Every pair of adjacent characters in the text's word runs, and each run's last character.

    Stored space-separated in FTS5 tables (no positions), they let a one- or
    two-character query use an index instead of scanning every bulletin: a pair
    is a token, a single character is a prefix query (``方*``) over the pairs.
    """
    tokens: set[str] = set()
    for run in _WORD_RUN.findall(text.lower()):
        tokens.update(map(str.__add__, run, run[1:]))
        tokens.add(run[-1])
    return " ".join(tokens)


def _add_short_index(conn: sqlite3.Connection) -> None:
    for table in SHORT_TABLES.values():
        conn.execute(
            f"CREATE VIRTUAL TABLE {table} USING fts5("
            "tokens, tokenize = 'unicode61', detail = 'none')"
        )
    rows = conn.execute("SELECT id, search_text FROM bulletins").fetchall()
    for bulletin_id, text in rows:
        titles, _, body = text.partition("\x1f")
        for part, table in SHORT_TABLES.items():
            conn.execute(
                f"INSERT INTO {table} (rowid, tokens) VALUES (?, ?)",
                (bulletin_id, short_tokens(titles if part == "title" else body)),
            )


class SchemaTooNew(Exception):
    pass


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to :data:`SCHEMA_VERSION`; returns the version it had."""
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if found > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"数据库版本为 {found}，本程序只认识到 {SCHEMA_VERSION}，请升级简讯编审台"
        )
    for version in range(found, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        # Another process may have migrated while this one waited for the write lock.
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) > version:
            conn.execute("COMMIT")
            continue
        try:
            step = MIGRATIONS[version]
            if callable(step):
                step(conn)
            else:
                for statement in step.split(";"):
                    if statement.strip():
                        conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # (a COMMIT that failed on a full disk has ended it)
                conn.execute("ROLLBACK")
            raise
    return found
