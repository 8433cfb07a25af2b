"""The queue's search runs off the GUI thread; only the newest search's rows are shown, and
one that cannot finish says so in Chinese."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QApplication
from support.archive import arrive, issue_nine

from editor.core.store import Store
from editor.gui.queue_model import QueueModel
from editor.gui.queue_panel import QueuePanel


def three(store: Store) -> dict[str, int]:
    return {word: arrive(store, f"{word}.txt", issue_nine(f"检索词{word}。")) for word in "甲乙丙"}


def test_the_search_runs_off_the_gui_thread_and_its_rows_come_by_signal(
    qtbot: Any, store: Store
) -> None:
    ids = three(store)
    asked_on: list[int] = []
    real = store.search_ids

    def recording(query: str, *, limit: int = 100) -> list[int]:
        asked_on.append(threading.get_ident())
        return real(query, limit=limit)

    store.search_ids = recording  # type: ignore[method-assign]  # the real search, watched
    model = QueueModel(store)
    model.reload()
    assert model.rowCount() == 3
    with qtbot.waitSignal(model.searched, timeout=10_000):
        model.set_filter(None, "检索词乙")
        assert model.searching
        assert model.rowCount() == 3  # what was shown stays until the answer comes
    assert not model.searching
    assert [model.id_at(row) for row in range(model.rowCount())] == [ids["乙"]]
    assert asked_on
    assert threading.get_ident() not in asked_on
    model.set_filter(None, "")  # no words: every row, at once
    assert not model.searching
    assert model.rowCount() == 3


def test_only_the_newest_search_is_shown(qtbot: Any, store: Store) -> None:
    ids = three(store)
    model = QueueModel(store)
    model.reload()
    shown: list[list[int]] = []
    model.searched.connect(
        lambda: shown.append([model.id_at(r) or 0 for r in range(model.rowCount())])
    )
    lock = store._lock  # type: ignore[attr-defined]  # (held: the first search waits in the archive)
    lock.acquire()
    try:
        model.set_filter(None, "检索词甲")
        model.set_filter(None, "检索词丙")
    finally:
        lock.release()
    assert model.search.wait()
    qtbot.waitUntil(lambda: not model.searching, timeout=10_000)
    QApplication.processEvents()  # (any answer still on its way arrives)
    assert shown == [[ids["丙"]]]
    model.set_filter(None, "检索词甲")  # and an answer that comes after the words were cleared
    model.set_filter(None, "")
    assert model.search.wait()
    QApplication.processEvents()
    assert model.rowCount() == 3
    assert len(shown) == 1


def test_a_search_that_cannot_finish_says_so_and_keeps_the_rows(qtbot: Any, store: Store) -> None:
    three(store)
    panel = QueuePanel(store)
    qtbot.addWidget(panel)
    panel.reload()
    assert panel.count.text() == "共 3 份"
    store.close()  # the archive went away under the desk
    with qtbot.waitSignal(panel.model.search_failed, timeout=10_000):
        panel.search.setText("检索词甲")
        panel.apply_filter()
        assert panel.count.text() == "正在检索…"
    assert panel.count.text() == "检索没有完成"
    assert panel.count.toolTip() == "检索没有完成，请再试一次"
    assert panel.model.rowCount() == 3
    panel.stop_search()
