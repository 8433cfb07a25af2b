"""An archive kept by an earlier version made as small as a new one (``jianxun compact``).

Upgrading an archive changes its tables, not its file: the pages the old search tables
held stay in it, empty (migrations 8 to 10 replaced them), its pages stay 4 KiB, and the
bulletins it kept stay deflated without their search text as dictionary (or as JSON
text). Issue 19 measured 145 MB for 10,000 bulletins so kept where a new archive holds
them in 104 (1.8 times their text). Compacting:

1. packs every kept version (the parse and the edited bulletin) from its bulletin's search
   text, as :mod:`editor.core.store.packing` packs a new one, in one transaction: a
   version that is packed so already, or a failed file's, is left as it is;
2. writes the file anew with :data:`~editor.core.store.sqlite.PAGE_SIZE` pages (``VACUUM``),
   which leaves out every empty page.

The page size can change only in the rollback journal, and leaving WAL needs the only
connection to the archive: a desk, ``watch`` or any other command on it makes this refuse
(nothing is changed) rather than wait. A failure in either step (a full disk, say) leaves
the archive as it was: each step is one transaction.
"""

from __future__ import annotations

import sqlite3
import zlib
from dataclasses import dataclass

from editor.core.paths import DataDir, sqlite_reason
from editor.core.store.packing import needs_dictionary, pack_json
from editor.core.store.records import StoreError
from editor.core.store.sqlite import PAGE_SIZE, SqliteStore
from editor.core.store.sqlite_search import TEXTS, kept_dictionary

IN_USE = "档案正在被其他程序使用（编审台、收件或其他命令），请全部关闭后再整理"
_BATCH = 500


@dataclass(frozen=True)
class Compacted:
    """What compacting did: the file's size before and after, the kept versions packed."""

    before: int
    after: int
    repacked: int


def compact(data: DataDir) -> Compacted:
    """Compact the archive in ``data`` (upgraded first, if it is from an older version).

    StoreError, in plain Chinese, when it is in use elsewhere or cannot be written.
    """
    SqliteStore(data, create=False).close()  # (checks the folder, upgrades the schema)
    database = data.database
    before = _size(data)
    conn = sqlite3.connect(database, isolation_level=None, timeout=0)
    try:
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlite3.OperationalError as err:
            raise StoreError(f"{database}：{IN_USE}") from err
        if str(mode).lower() != "delete":
            raise StoreError(f"{database}：{IN_USE}")
        try:
            repacked = _repack_all(conn)
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            conn.execute("VACUUM")
        finally:
            conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as err:
        raise StoreError(f"{database}：{sqlite_reason(err)}") from err
    finally:
        conn.close()
    return Compacted(before, _size(data), repacked)


def _size(data: DataDir) -> int:
    """The archive's bytes on disk: the database and its write-ahead log."""
    wal = data.database.with_name(data.database.name + "-wal")
    return data.database.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def _plain_json(kept: str | bytes) -> str:
    """A version kept without a dictionary, as JSON text."""
    return kept if isinstance(kept, str) else zlib.decompress(kept).decode("utf-8")


def _repack_all(conn: sqlite3.Connection) -> int:
    """Every kept version packed from its search text; how many were packed anew."""
    ids = [int(r[0]) for r in conn.execute("SELECT id FROM bulletins ORDER BY id")]
    repacked = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for at in range(0, len(ids), _BATCH):
            chunk = ids[at : at + _BATCH]
            marks = ", ".join("?" * len(chunk))
            updates: list[tuple[str | bytes | None, str | bytes | None, int]] = []
            for bulletin_id, parsed, current, title, body in conn.execute(
                f"SELECT b.id, b.parsed, b.current, t.title, t.body FROM bulletins b "
                f"LEFT JOIN {TEXTS} t ON t.id = b.id WHERE b.id IN ({marks})",
                chunk,
            ):
                preset = kept_dictionary(title, body)
                if not preset:
                    continue  # (a failed file: nothing to pack from)
                kept = [parsed, current]
                for n, version in enumerate(kept):
                    if version is not None and not needs_dictionary(version):
                        kept[n] = pack_json(_plain_json(version), preset)
                        repacked += 1
                if kept != [parsed, current]:
                    updates.append((kept[0], kept[1], int(bulletin_id)))
            conn.executemany("UPDATE bulletins SET parsed = ?, current = ? WHERE id = ?", updates)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return repacked
