"""While the desk is idle after its queue fills, the series of the rows in view are read
ahead (so a series' first bulletin opens without reading and indexing its issues), and the
heap is collected once and frozen (so a later full collection does not walk the desk's
long-lived objects during a selection)."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from support.archive import arrive

from editor.core.model import Article, Bulletin, Masthead, Section
from editor.core.paths import DataDir
from editor.core.store import SqliteStore
from editor.gui.app import Desk


def issue(series: str, number: int) -> Bulletin:
    return Bulletin(
        masthead=Masthead(name=series, issue=number, date=f"2024-0{number}-10"),
        sections=[
            Section(articles=[Article(title=f"{series}第{number}期", paragraphs=["正文。"])])
        ],
    )


def fill(data: DataDir, series: list[str]) -> None:
    with SqliteStore(data) as store:
        for name in series:
            for number in (1, 2, 3):
                arrive(store, f"{name}{number}.txt", issue(name, number))


def test_the_series_in_view_are_read_ahead_and_again_after_a_reload(
    make_desk: Callable[[], Desk], tmp_path: Any, qtbot: Any
) -> None:
    fill(DataDir(tmp_path / "data"), ["省志简讯", "年鉴工作简报"])
    desk = make_desk()
    window = desk.window
    memory = window.series_memory
    with qtbot.waitSignal(window.warmth.done, timeout=10_000):
        pass
    assert window.model.rowCount() == 6
    assert memory.knows("省志简讯")
    assert memory.knows("年鉴工作简报")
    assert gc.get_freeze_count() > 0  # what the desk holds is out of later collections' way

    # A reload forgets each series (the archive may have changed); the warm-up reads them again.
    with qtbot.waitSignal(window.warmth.done, timeout=10_000):
        window.reload_queue()
        assert not memory.knows("省志简讯")
    assert memory.knows("省志简讯")
    assert memory.knows("年鉴工作简报")


def test_a_series_read_ahead_is_what_the_rules_see_when_its_bulletin_opens(
    make_desk: Callable[[], Desk], tmp_path: Any, qtbot: Any
) -> None:
    fill(DataDir(tmp_path / "data"), ["省志简讯"])
    desk = make_desk()
    window = desk.window
    with qtbot.waitSignal(window.warmth.done, timeout=10_000):
        pass
    first = window.model.id_at(0)
    assert first is not None
    window.select_bulletin(first)
    qtbot.waitUntil(lambda: window.record is not None and window.record.id == first)
    history = window.check_context().history
    # The other two issues of the series, the open one left out.
    assert sorted(i.issue for i in history) == sorted(
        n for n in (1, 2, 3) if n != window.form.bulletin.masthead.issue
    )
