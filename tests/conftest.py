"""Shared test fixtures: the fixture bulletins the developers wrote."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from editor.core.paths import DataDir
from editor.core.store import Store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"
BULLETINS = sorted((FIXTURES / "bulletins").glob("*.json"))


def load_bulletin(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


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
    with Store(data) as opened:
        yield opened


@pytest.fixture
def sample_text() -> str:
    """A realistic bulletin as extracted PDF text (rendered from a fixture)."""
    from support.render import RenderOptions, render

    return render(
        load_bulletin(FIXTURES / "bulletins" / "two_columns_three_articles.json"), RenderOptions()
    ).text
