"""Working beside other desks on one archive: their changes shown live, one editor per bulletin.

The change feed (:func:`editor.core.store.changes.watch_changes`) runs on its own thread
and reaches this object only through queued signals; here, on the GUI thread, the queue
and the open bulletin are brought up to date. A lease says which desk edits a bulletin:
the open one is taken on opening and renewed while it stays open, so a second desk shows
it read-only with the editor's name, and may take it over.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from editor.gui.autosave import EDITABLE

if TYPE_CHECKING:  # the archive's code loads after the window's first paint
    from editor.core.store import Lease
    from editor.core.store.changes import ChangeFeed
    from editor.gui.main_window import MainWindow

RENEW_MS = 30_000
"""How often the open bulletin's lease is renewed (it lasts LEASE_SECONDS, 90 s)."""


def desk_id() -> str:
    """A name for this running desk, unique among the office's (leases are held by it):
    128 random bits in hex, like a uuid4's (without loading uuid before the first paint)."""
    return os.urandom(16).hex()


def computer_name() -> str:
    import socket  # (asked for when a lease is first taken, after the first paint)

    return socket.gethostname() or ""


class SharedWork(QObject):
    """Live changes and editing leases for the window it belongs to."""

    changes_arrived = Signal(object)  # frozenset[int] from the feed's thread (empty: all)
    link_changed = Signal(bool, str)  # connected, what to say (from the feed's thread)
    lease_changed = Signal()  # the open bulletin's lease: ours, another desk's, or none

    def __init__(self, window: MainWindow, *, desk: str | None = None) -> None:
        super().__init__(window)
        self.w = window
        self.desk = desk or desk_id()
        self._host: str | None = None
        self.holding: int | None = None  # the bulletin whose lease this desk holds
        self.other: Lease | None = None  # another desk's lease on the open bulletin
        self.feed: ChangeFeed | None = None
        self.changes_arrived.connect(self._apply)
        self.link_changed.connect(self._link)
        self._renew = QTimer(self, interval=RENEW_MS)
        self._renew.timeout.connect(self.renew)
        self._renew.start()

    @property
    def host(self) -> str:
        """This computer's name, shown to other desks beside a lease."""
        if self._host is None:
            self._host = computer_name()
        return self._host

    @host.setter
    def host(self, name: str) -> None:
        self._host = name

    # --- the change feed -----------------------------------------------------------------

    def start(self) -> None:
        """Hear of other desks' changes (and, for SQLite, other programs')."""
        if self.feed is None:
            from editor.core.store.changes import watch_changes

            self.feed = watch_changes(
                self.w.store, self.changes_arrived.emit, self.link_changed.emit
            )

    def stop(self) -> None:
        """Stop hearing, and let go of every lease this desk holds."""
        self._renew.stop()
        if self.feed is not None:
            self.feed.stop()
            self.feed = None
        if self.holding is not None:
            # Closing never fails on it: a lease left behind (the server away, the store
            # closed already) ends on its own within LEASE_SECONDS.
            with contextlib.suppress(Exception):
                self.w.store.release_desk(self.desk)
        self.holding = None

    def _link(self, connected: bool, message: str) -> None:
        self.w.statusBar().showMessage(message, 0 if not connected else 8000)
        self.w.inbox_log.add(message, problem=not connected)

    def _apply(self, ids: frozenset[int]) -> None:
        """Bring what is on screen up to date with the archive."""
        model = self.w.model
        if not ids or any(model.row_of(i) is None for i in ids):
            self.w.queue.reload()  # new bulletins, or anything may have changed
        else:
            for bulletin_id in ids:
                model.refresh_row(bulletin_id)
        self.refresh_leases()
        record = self.w.record
        if record is not None and (not ids or record.id in ids):
            self._refresh_open(record.id)

    def refresh_leases(self) -> None:
        """The queue's ✎ marks: who edits what, on other desks."""
        from editor.core.store import StoreError

        try:
            leases = self.w.store.leases()
        except StoreError:
            return
        self.w.model.set_editing(
            {i: lease for i, lease in leases.items() if lease.desk != self.desk}
        )

    def _refresh_open(self, bulletin_id: int) -> None:
        """The open bulletin changed in the archive: show the new state when that loses
        nothing (no unsaved typing here), and follow its lease."""
        from editor.core.store import StoreError

        w = self.w
        try:
            fresh = w.store.get(bulletin_id)
        except StoreError:
            return
        form = w.form.bulletin
        same = (
            form is not None
            and fresh.current is not None
            and fresh.current.to_dict() == form.to_dict()
            and fresh.status == (w.record.status if w.record else None)
        )
        if fresh.version != w.seen_version() and not same and w.autosave.idle():
            w.reload_open()  # takes the lease again if it is free now
            return
        if w.record is not None and same:
            w.record = fresh if fresh.version == w.seen_version() else w.record
        self.follow_lease(bulletin_id)

    # --- leases --------------------------------------------------------------------------

    def opened(self, bulletin_id: int, status: str) -> None:
        """A bulletin was opened here: take its lease if it can be edited (let go of the
        previous one's)."""
        from editor.core.store import StoreError

        store = self.w.store
        if self.holding is not None and (self.holding != bulletin_id or status not in EDITABLE):
            with contextlib.suppress(StoreError):
                store.release_lease(self.holding, self.desk)
            self.holding = None
        self.other = None
        if status in EDITABLE:
            self._take(bulletin_id, force=False)
        self.lease_changed.emit()

    def _take(self, bulletin_id: int, *, force: bool) -> None:
        from editor.core.store import StoreError

        try:
            lease = self.w.store.take_lease(
                bulletin_id, user=self.w.user, desk=self.desk, host=self.host, force=force
            )
        except StoreError as err:  # the server is away: edit on; saves say so if they fail
            self.w.statusBar().showMessage(str(err), 8000)
            return
        if lease.desk == self.desk:
            self.holding, self.other = bulletin_id, None
        else:
            self.holding, self.other = None, lease

    def follow_lease(self, bulletin_id: int) -> None:
        """Another desk started or stopped editing the open bulletin."""
        before = (self.holding, self.other.desk if self.other else None)
        record = self.w.record
        if record is None or record.id != bulletin_id or record.status not in EDITABLE:
            return
        self._take(bulletin_id, force=False)  # renews ours; takes it when it came free
        if (self.holding, self.other.desk if self.other else None) != before:
            self.lease_changed.emit()

    def renew(self) -> None:
        """Keep the open bulletin's lease alive, and notice leases that ran out: a desk that
        went away without a word says nothing, its lease just expires."""
        record = self.w.record
        if record is not None and (self.holding == record.id or self.other is not None):
            self.follow_lease(record.id)
        self.refresh_leases()

    def take_over(self) -> QMessageBox | None:
        """接管编辑: asks first, then this desk edits and the other desk can no longer save."""
        other, record = self.other, self.w.record
        if other is None or record is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("接管编辑"),
            self.tr(
                "{0}（{1}）正在编辑 #{2}。\n\n接管后，对方的编审台不能再保存这份简讯；"
                "对方已经保存的修改都在，你会看到最新的版本。接管会记入修订历史。"
            ).format(other.user, other.host or self.tr("另一台电脑"), record.id),
            parent=self.w,
        )
        box.setObjectName("takeOverDialog")
        take = box.addButton(self.tr("接管编辑"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        take.clicked.connect(lambda: self._take_over(record.id))
        box.open()
        return box

    def take_over_now(self, bulletin_id: int) -> None:
        """Take over without asking (the editor chose it in a notice already)."""
        self._take_over(bulletin_id)

    def _take_over(self, bulletin_id: int) -> None:
        self._take(bulletin_id, force=True)
        if self.holding == bulletin_id:
            self.w.reload_open()

    def lease_note(self) -> str:
        """What the read-only form says when another desk edits the bulletin."""
        if self.other is None:
            return ""
        return self.tr("只读：{0}（{1}）正在编辑这份简讯；要修改，请按“接管编辑”").format(
            self.other.user, self.other.host or self.tr("另一台电脑")
        )

    def lease_text(self) -> str:
        """What the header says of another desk's lease ("" when this desk may edit)."""
        if self.other is None:
            return ""
        return self.tr("　（只读：{0}（{1}）正在编辑）").format(
            self.other.user, self.other.host or self.tr("另一台电脑")
        )
