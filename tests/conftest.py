"""Shared test fixtures: the fixture bulletins the developers wrote."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.corpus import missing_reason, require_shared
from support.postgres import PostgresServer, PostgresUnavailable, fresh_database, postgres_server

from editor.core.paths import DataDir
from editor.core.store import SqliteStore, Store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"
BULLETINS = sorted((FIXTURES / "bulletins").glob("*.json"))


def load_bulletin(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "needs_shared(path): needs ../shared material beside the project; without it the test "
        "is skipped with the reason, and fails when CI=true (support.corpus.require_shared)",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test marked needs_shared whose material is missing: skipped with the reason, reported
    at the test itself (with CI=true, pytest_runtest_setup fails it instead)."""
    if os.environ.get("CI", "").lower() == "true":
        return
    for item in items:
        for mark in item.iter_markers("needs_shared"):
            reason = missing_reason(*mark.args)
            if reason is not None:
                item.add_marker(pytest.mark.skip(reason=reason))
                break


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture: with CI=true a test marked needs_shared fails when it is missing."""
    if os.environ.get("CI", "").lower() == "true":
        for mark in item.iter_markers("needs_shared"):
            require_shared(*mark.args)


@pytest.fixture(params=BULLETINS, ids=[p.stem for p in BULLETINS])
def fixture_bulletin(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Each hand-written fixture bulletin in turn (gold form)."""
    return load_bulletin(request.param)


@pytest.fixture
def data(tmp_path: Path) -> DataDir:
    """A fresh, empty data directory for the archive."""
    return DataDir(tmp_path / "data").ensure()


@pytest.fixture
def store(data: DataDir) -> Iterator[Store]:
    """A real SQLite archive in a fresh data directory."""
    with SqliteStore(data) as opened:
        yield opened


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the whole session (support.postgres), stopped at the end.

    Without the server programs the test is skipped with the reason; with CI=true it fails.
    """
    try:
        server = postgres_server()
    except PostgresUnavailable as err:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI 必须有 PostgreSQL——{err}", pytrace=False)
        pytest.skip(str(err))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(postgres: PostgresServer) -> Iterator[str]:
    """A fresh, empty UTF-8 database on the session's server, for this test only."""
    with fresh_database(postgres) as url:
        yield url


@pytest.fixture
def sample_text() -> str:
    """A realistic bulletin as extracted PDF text (rendered from a fixture)."""
    from support.render import RenderOptions, render

    return render(
        load_bulletin(FIXTURES / "bulletins" / "two_columns_three_articles.json"), RenderOptions()
    ).text
