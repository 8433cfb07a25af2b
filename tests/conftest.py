"""Shared test fixtures: the fixture bulletins the developers wrote."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

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
