"""The archive: one interface (:class:`Store`), two databases under it.

:class:`SqliteStore` keeps the archive in one SQLite file in the data directory (one
PC, nothing to install); ``PgStore`` (:mod:`editor.core.store.pg`, psycopg) on a
PostgreSQL server that several desks share. :func:`open_store` opens the one a place
names: a ``postgresql://`` address, or a data directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from editor.core.store.protocol import InboxClaim, Store
from editor.core.store.records import (
    LEASE_SECONDS,
    RANKED,
    UNREADABLE_KEY,
    Added,
    Arrival,
    EditConflict,
    Lease,
    LeaseHeld,
    Record,
    Revision,
    StoreError,
    Summary,
    now,
)
from editor.core.store.schema import SchemaTooNew
from editor.core.store.sqlite import SqliteStore
from editor.core.workflow import APPROVED, EXPORTED

if TYPE_CHECKING:
    from editor.core.paths import DataDir

__all__ = [
    "LEASE_SECONDS",
    "RANKED",
    "UNREADABLE_KEY",
    "Added",
    "Arrival",
    "EditConflict",
    "InboxClaim",
    "Lease",
    "LeaseHeld",
    "Record",
    "Revision",
    "SchemaTooNew",
    "SqliteStore",
    "Store",
    "StoreError",
    "Summary",
    "database_place",
    "is_database_url",
    "now",
    "open_store",
]

SCHEMES = ("postgresql://", "postgres://")
"""How a PostgreSQL address begins (``postgresql://user@host:port/database``)."""

# Names the rest of the app uses for statuses that a summary can be in.
EXPORTABLE = (APPROVED, EXPORTED)


def is_database_url(text: str) -> bool:
    """Whether ``text`` names a PostgreSQL server archive rather than a data directory."""
    return text.strip().lower().startswith(SCHEMES)


def database_place(url: str) -> str:
    """The server and database an address names, for messages: never its password."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or "localhost"
        port = parts.port
        user = unquote(parts.username) if parts.username else ""
    except ValueError:  # a port that is no number, brackets that do not close
        return "PostgreSQL 数据库"
    database = unquote(parts.path.lstrip("/")) or user
    where = f"{host}:{port}" if port else host
    return f"postgresql://{f'{user}@' if user else ''}{where}/{database}"


def open_store(
    where: DataDir | str,
    *,
    create: bool = True,
    read_only: bool = False,
    data: DataDir | None = None,
) -> Store:
    """The archive ``where`` names: a ``postgresql://`` (or ``postgres://``) address opens
    the server's, anything else is a data directory holding a SQLite archive.

    ``create=False`` never makes an archive; ``read_only`` writes nothing. ``data`` is
    this computer's data directory for a server archive (default: the usual one). Every
    failure is a StoreError or SchemaTooNew in Chinese naming the place (an address
    without its password); without psycopg installed, a server archive is a StoreError
    saying so.
    """
    from editor.core.paths import DataDir, data_dir

    if isinstance(where, str) and is_database_url(where):
        try:
            from editor.core.store.pg import PgStore
        except ImportError as err:
            if not (err.name or "").startswith("psycopg"):
                raise
            raise StoreError(
                f"{database_place(where)}：这台电脑上的简讯编审台没有安装 PostgreSQL 支持"
                "（缺少 psycopg 和 psycopg-pool），不能使用数据库服务器上的档案"
            ) from None
        return PgStore(where.strip(), data=data or data_dir(), create=create, read_only=read_only)
    folder = where if isinstance(where, DataDir) else DataDir(Path(where))
    return SqliteStore(folder, create=create, read_only=read_only)
