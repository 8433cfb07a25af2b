"""The archive behind the Store interface, once per database: SQLite in a temporary data
directory, and PostgreSQL in a fresh database on the test server (``pg_url``: skipped
where PostgreSQL is not installed, a failure in CI)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from editor.core.paths import DataDir
from editor.core.store import SqliteStore, Store, open_store

Opener = Callable[..., Store]
_OPENER = pytest.StashKey[Opener]()


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty archive; ``reopen`` opens the same archive again (another desk)."""
    opened: list[Store] = []
    data = DataDir(tmp_path / "data")
    if request.param == "sqlite":

        def make(**options: Any) -> Store:
            return SqliteStore(data, **options)

    else:
        url: str = request.getfixturevalue("pg_url")

        def make(**options: Any) -> Store:
            return open_store(url, data=data, **options)

    def opener(**options: Any) -> Store:
        store = make(**options)
        opened.append(store)
        return store

    request.node.stash[_OPENER] = opener
    try:
        yield opener()
    finally:
        for each in reversed(opened):
            each.close()


@pytest.fixture
def reopen(request: pytest.FixtureRequest, store: Store) -> Opener:
    """Open the ``store`` fixture's archive once more: a second desk, its own connections."""
    return request.node.stash[_OPENER]
