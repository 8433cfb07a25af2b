"""Bulletins arriving in an archive, for tests of either store (no file, no inbox)."""

from __future__ import annotations

import json
from pathlib import Path

from editor.core.model import Bulletin
from editor.core.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


def issue_nine(extra: str = "") -> Bulletin:
    """四川省地方志工作简报 2022年第9期 (the fixture), optionally with a paragraph more."""
    data = json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
    if extra:
        data["sections"][0]["articles"][0]["paragraphs"].append(extra)
    return Bulletin.from_dict(data)


def arrive(
    store: Store, name: str, bulletin: Bulletin | None = None, *, folder: str = "/inbox"
) -> int:
    """Record a bulletin as if the file ``name`` had just been taken (``bulletin`` default:
    issue nine with ``name`` as an extra paragraph, so each arrival differs)."""
    added = store.add(
        source_path=f"{folder}/{name}",
        source_name=name,
        sha256=name,
        size=100,
        mtime_ns=1,
        bulletin=bulletin if bulletin is not None else issue_nine(name),
        failure=None,
        user="收件",
    )
    assert not added.duplicate
    return added.bulletin_id
