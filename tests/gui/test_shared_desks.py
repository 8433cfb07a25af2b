"""Two desks on one PostgreSQL archive: each sees the other's changes live, and one edits a
bulletin at a time (the other shows who, read-only, and may take it over).

Each desk is a real MainWindow with its own PgStore (its own pool) and its own change feed
(its own listening connection) on a real server; nothing is pumped by hand: changes arrive
through pg_notify, the feed's thread and a queued signal.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from support.archive import arrive
from support.desk import fixture_data, type_into
from support.rendering import fontconfig, render_pdf

from editor.core.export import docx_bytes
from editor.core.ingest import ingest_file
from editor.core.model import Bulletin
from editor.core.paths import DataDir
from editor.core.store import Store, open_store
from editor.gui.main_window import MainWindow
from editor.gui.operations import Operations
from editor.gui.settings import AppSettings

LIVE_S = 1.0  # the bound: a change on one desk reaches another's queue within a second


class SharedDesk:
    def __init__(self, window: MainWindow, store: Store) -> None:
        self.window, self.store = window, store


@pytest.fixture
def desks(tmp_path: Path, qtbot: Any, pg_url: str) -> Iterator[tuple[SharedDesk, SharedDesk]]:
    """编辑甲's desk on 电脑甲 and 编辑乙's on 电脑乙, one server archive."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    opened: list[SharedDesk] = []
    for user in ("编辑甲", "编辑乙"):
        store = open_store(pg_url, data=DataDir(tmp_path / user))
        settings = AppSettings(
            user=user, language="zh_CN", inbox=tmp_path / "收件箱", export_dir=tmp_path / "导出"
        )
        window = MainWindow(store, Operations(), settings)
        window.shared.host = f"电脑{user[-1]}"
        qtbot.addWidget(window)
        window.show()
        window.shared.start()
        opened.append(SharedDesk(window, store))
    try:
        yield opened[0], opened[1]
    finally:
        for desk in opened:
            for box in list(desk.window.notices):
                box.close()
            desk.window.close()
            desk.store.close()


def add_bulletin(store: Store, name: str = "第9期.txt") -> int:
    return arrive(store, name, Bulletin.from_dict(fixture_data()), folder="收件箱")


def open_in(qtbot: Any, desk: SharedDesk, bulletin_id: int) -> None:
    qtbot.waitUntil(lambda: desk.window.model.row_of(bulletin_id) is not None, timeout=5_000)
    desk.window.select_bulletin(bulletin_id)
    qtbot.waitUntil(lambda: desk.window.record is not None and desk.window.record.id == bulletin_id)


def read_only(desk: SharedDesk, path: str = "masthead.issuer") -> bool:
    """Asked anew each time: a reload builds the form's widgets anew."""
    return bool(desk.window.form.fields[path].widget.isReadOnly())


def field_text(desk: SharedDesk, path: str) -> str:
    widget = desk.window.form.fields[path].widget
    assert isinstance(widget, QLineEdit)
    return widget.text()


def listeners(url: str) -> int:
    """The desks' change feeds listening on this database now (they connect on their own
    threads, a moment after the desk starts)."""
    with psycopg.connect(url, autocommit=True) as admin:
        row = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'jianxun-listen' "
            "AND datname = current_database()"
        ).fetchone()
    return int(row[0]) if row is not None else 0


def test_a_new_bulletin_reaches_the_other_desks_queue_within_a_second(
    qtbot: Any, desks: tuple[SharedDesk, SharedDesk], pg_url: str
) -> None:
    first, second = desks
    qtbot.waitUntil(lambda: listeners(pg_url) == 2, timeout=10_000)
    started = time.monotonic()
    bulletin_id = add_bulletin(first.store)
    qtbot.waitUntil(lambda: second.window.model.row_of(bulletin_id) is not None, timeout=5_000)
    assert time.monotonic() - started < LIVE_S


def test_the_second_desk_sees_who_edits_read_only_and_follows_the_edits_live(
    qtbot: Any, desks: tuple[SharedDesk, SharedDesk]
) -> None:
    first, second = desks
    bulletin_id = add_bulletin(first.store)
    open_in(qtbot, first, bulletin_id)
    open_in(qtbot, second, bulletin_id)

    assert not read_only(first)
    assert read_only(second)
    assert "编辑甲（电脑甲）正在编辑这份简讯" in second.window.form.read_only_reason()
    assert "编辑甲（电脑甲）正在编辑" in second.window.header.text()
    assert second.window.take_over_button.isVisible()
    assert not second.window.approve_action.isEnabled()
    # The queue marks it on the other desk too, with the editor's name.
    qtbot.waitUntil(lambda: bulletin_id in second.window.model.editing, timeout=5_000)
    row = second.window.model.row_of(bulletin_id)
    assert row is not None
    status = second.window.model.index(row, 0)
    assert status.data().endswith("✎")
    assert "编辑甲" in status.data(3)  # the tooltip

    started = time.monotonic()
    type_into(qtbot, first, "masthead.issuer", "甲改的单位")  # saved: first.window.saved
    qtbot.waitUntil(lambda: field_text(second, "masthead.issuer") == "甲改的单位", timeout=5_000)
    assert time.monotonic() - started < 2 * LIVE_S  # the autosave's delay, then the feed

    # 编辑甲 moves on: the lease is let go and 编辑乙's desk may edit at once.
    other_id = add_bulletin(first.store, "第10期.txt")
    open_in(qtbot, first, other_id)
    qtbot.waitUntil(lambda: not read_only(second), timeout=5_000)
    assert not second.window.take_over_button.isVisible()
    lease = second.store.lease_of(bulletin_id)
    assert lease is not None
    assert lease.user == "编辑乙"


def test_taking_over_refuses_the_first_desks_next_save_and_keeps_what_it_typed(
    qtbot: Any, desks: tuple[SharedDesk, SharedDesk]
) -> None:
    first, second = desks
    bulletin_id = add_bulletin(first.store)
    open_in(qtbot, first, bulletin_id)
    open_in(qtbot, second, bulletin_id)
    type_into(qtbot, first, "imprint.printer", "甲先改的印发机关")
    assert first.window.undo_action.isEnabled()

    box = second.window.shared.take_over()
    assert isinstance(box, QMessageBox)
    assert "编辑甲" in box.text()
    (take,) = [b for b in box.buttons() if b.text() == "接管编辑"]
    take.click()
    qtbot.waitUntil(lambda: not read_only(second))
    notes = [r.new_value for r in second.store.revisions(bulletin_id) if r.field_path == "note"]
    assert any("接管编辑" in str(n) and "编辑甲" in str(n) for n in notes)

    # 编辑甲's desk hears of it: read-only, with 编辑乙's name.
    qtbot.waitUntil(lambda: "编辑乙（电脑乙）正在编辑" in first.window.header.text(), timeout=5_000)
    assert read_only(first)
    assert not first.window.undo_action.isEnabled()  # its edits are saved; nothing to undo
    type_into(qtbot, second, "masthead.issuer", "乙改的单位")
    qtbot.waitUntil(lambda: field_text(first, "masthead.issuer") == "乙改的单位", timeout=5_000)


def test_a_save_after_losing_the_lease_is_refused_and_can_be_put_back(
    qtbot: Any, desks: tuple[SharedDesk, SharedDesk]
) -> None:
    """The take-over reaches 编辑甲's store before its desk has heard of it: the save is
    refused by the archive, named, and what was typed can be put back by taking over."""
    first, second = desks
    bulletin_id = add_bulletin(first.store)
    open_in(qtbot, first, bulletin_id)
    first.window.shared.stop()  # deaf: it will not hear of the take-over
    second.store.take_lease(
        bulletin_id, user="编辑乙", desk="乙的另一台", host="电脑乙", force=True
    )

    widget = first.window.form.fields["imprint.printer"].widget
    assert isinstance(widget, QLineEdit)
    with qtbot.waitSignal(
        first.window.message,
        timeout=10_000,
        check_params_cb=lambda title, _text: title == "别人接管了编辑",
    ) as notice:
        widget.setFocus()
        widget.selectAll()
        event = QInputMethodEvent()
        event.setCommitString("甲改的印发机关")
        QApplication.sendEvent(widget, event)
    body = notice.args[1]
    assert "编辑乙（电脑乙）" in body
    assert "甲改的印发机关" in body
    current = first.store.get(bulletin_id).current
    assert current is not None
    assert current.imprint.printer != "甲改的印发机关"
    assert read_only(first, "imprint.printer")

    (box,) = [b for b in first.window.notices if b.windowTitle() == "别人接管了编辑"]
    (button,) = [b for b in box.buttons() if b.text() == "接管编辑并用我的修改覆盖"]
    with qtbot.waitSignal(first.window.saved, timeout=5_000):
        button.click()
    current = first.store.get(bulletin_id).current
    assert current is not None
    assert current.imprint.printer == "甲改的印发机关"


def test_a_pdf_original_is_shown_from_the_server_on_a_desk_that_never_had_the_file(
    qtbot: Any, desks: tuple[SharedDesk, SharedDesk], tmp_path: Path
) -> None:
    """The original lives in the database: 编辑乙's computer has no copy of it, and its
    desk still shows the page with the field's lines outlined."""
    first, second = desks
    docx = tmp_path / "第9期.docx"
    docx.write_bytes(docx_bytes(Bulletin.from_dict(fixture_data())))
    pdf = render_pdf(docx, fontconfig(tmp_path / "fc"))
    outcome = ingest_file(first.store, pdf, user="收件员")
    assert outcome.kind == "new"
    assert outcome.bulletin_id is not None
    assert not any(second.store.data.root.rglob("*.pdf"))  # nothing on 乙's computer
    open_in(qtbot, second, outcome.bulletin_id)
    window = second.window
    assert window.source_tabs.isTabEnabled(1)
    assert not window.page_view.label.pixmap().isNull()
    window.form.fields["masthead.name"].widget.setFocus()
    qtbot.waitUntil(lambda: len(window.page_view.outlined) >= 1)


def test_after_the_link_to_the_server_drops_the_desk_says_so_and_reads_the_queue_again(
    qtbot: Any, desks: tuple[SharedDesk, SharedDesk], pg_url: str
) -> None:
    """Notifications sent while the listener is away are lost: once back, the desk re-reads."""
    first, second = desks
    qtbot.waitUntil(lambda: listeners(pg_url) == 2, timeout=10_000)
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'jianxun-listen' AND datname = current_database()"
        )
    log = second.window.inbox_log  # what the desk said, in the order it said it

    def said() -> list[str]:
        return [e.text for e in reversed(log.entries)]

    qtbot.waitUntil(lambda: any("已重新连接" in text for text in said()), timeout=10_000)
    (lost,) = [i for i, text in enumerate(said()) if "连接中断" in text]
    (back,) = [i for i, text in enumerate(said()) if "已重新连接" in text]
    assert lost < back
    assert [e.problem for e in reversed(log.entries)][lost]
    bulletin_id = add_bulletin(first.store)
    qtbot.waitUntil(lambda: second.window.model.row_of(bulletin_id) is not None, timeout=5_000)


def test_a_desk_renews_what_an_earlier_version_indexed_and_no_one_is_told(
    tmp_path: Path, qtbot: Any, pg_url: str
) -> None:
    """Bulletins whose arrays an earlier version made (no punctuation in them) are made anew
    by the desk, on a thread of its own, while it works; the other desks get no notice."""
    with open_store(pg_url, data=DataDir(tmp_path / "收件")) as store:
        ids = [add_bulletin(store, f"第{n}期.txt") for n in range(3)]
    with psycopg.connect(pg_url) as conn:
        conn.execute("UPDATE bulletins SET body_tokens = '{}', tokens_kind = 1")
    store = open_store(pg_url, data=DataDir(tmp_path / "编辑甲"))
    settings = AppSettings(user="编辑甲", language="zh_CN", inbox=tmp_path / "收件箱")
    with psycopg.connect(pg_url, autocommit=True) as listener:
        listener.execute("LISTEN jianxun_changes")
        window = MainWindow(None, Operations(), settings)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.upkeep.finished, timeout=20_000) as renewed:
            window.attach(store)
        assert renewed.args == [3]
        assert list(listener.notifies(timeout=0.5)) == []
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute("SELECT tokens_kind, body_tokens FROM bulletins ORDER BY id")
        assert all(kind == 2 and "，" in tokens for kind, tokens in rows)
    assert sorted(s.id for s in store.search("，")) == ids
    window.close()
    store.close()
