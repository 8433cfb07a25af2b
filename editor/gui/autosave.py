"""Autosave of the open bulletin, and what happens when another desk saved first.

Each save runs on the operations worker and names the archive version it builds on
(the one loaded, then each one this desk wrote), so a bulletin changed elsewhere in
the meantime is never overwritten: the save is refused, the other desk's version is
loaded, and the editor is shown what was not saved, with a way to put it back.
"""

from __future__ import annotations

import copy
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from editor.core.workflow import STATUS_LABELS
from editor.gui.form.form_words import field_label

if TYPE_CHECKING:  # the archive's code loads after the window's first paint; the diff,
    # the undo commands and the message box when a save is first refused
    from editor.core.model import Bulletin
    from editor.core.store import EditConflict, LeaseHeld, Record
    from editor.gui.main_window import MainWindow

SAVE_DELAY_MS = 300
SAVE_AT_MOST_S = 1.0
EDITABLE = ("new", "in_review")


class _SaveChain:
    """The autosaves of one loaded record: the version each builds on, in order.

    Written only on the worker thread (saves run there one after another), read on the
    GUI thread once its save's result arrives.
    """

    def __init__(self, record: Record) -> None:
        self.record = record  # what the form was loaded from
        self.version = record.version  # the archive's version of what this desk last saw
        self.base = record.current  # ... and its content
        self.conflict: EditConflict | None = None
        self.unsaved: Bulletin | None = None  # the save that was refused


def _merged(base: Bulletin | None, mine: Bulletin, theirs: Bulletin) -> Bulletin:
    """``theirs`` with the fields changed in ``mine`` (from ``base``) set to mine; all of
    ``mine`` when the fields no longer line up."""
    from editor.core.diff import changes, flatten
    from editor.core.fieldpath import set_field

    def shape(bulletin: Bulletin) -> set[str]:
        return {path for path in flatten(bulletin) if path != "inferred"}

    if base is None or not shape(base) == shape(mine) == shape(theirs):
        return copy.deepcopy(mine)
    result = copy.deepcopy(theirs)
    try:
        for path, _old, new in changes(base, mine):
            if path == "inferred":
                if new:
                    result.extra["inferred"] = list(new)
                else:
                    result.extra.pop("inferred", None)
            else:
                set_field(result, path, new)
    except (KeyError, IndexError, TypeError, ValueError):
        return copy.deepcopy(mine)
    return result


class Autosave(QObject):
    """Saves the window's form soon after each change; its own QObject, so its strings
    have their own context."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.dirty_since: float | None = None
        self.timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save_now)
        self.chain: _SaveChain | None = None  # the autosaves of the bulletin open now

    def changed(self) -> None:
        """Something in the form changed: save soon, and never later than a second."""
        now = time.monotonic()
        if self.dirty_since is None:
            self.dirty_since = now
        if now - self.dirty_since >= SAVE_AT_MOST_S:
            self.save_now()
        else:
            self.timer.start()

    def save_now(self) -> None:
        """Send the working copy to the store (off the GUI thread) if anything is unsaved.

        Each save names the version it builds on (the one loaded, then each one this
        desk wrote), so a bulletin another desk changed meanwhile is never overwritten:
        the save is refused and :meth:`_edit_conflict` takes over.
        """
        if self.dirty_since is None or self.w.record is None or self.w.form.bulletin is None:
            return
        self.dirty_since = None
        self.timer.stop()
        chain = self.chain
        if chain is None or chain.record is not self.w.record:  # (re)loaded: start from it
            chain = self.chain = _SaveChain(self.w.record)
        bulletin_id, bulletin = self.w.record.id, copy.deepcopy(self.w.form.bulletin)
        user, store, desk = self.w.user, self.w.store, self.w.shared.desk
        from editor.core.store import EditConflict

        def save() -> int | EditConflict | None:  # on the one worker thread, in order
            if chain.conflict is not None:
                return None  # refused already: the desk loads their version
            try:
                count = store.save_edit(
                    bulletin_id, bulletin, user, base_version=chain.version, desk=desk
                )
            except EditConflict as conflict:
                chain.conflict, chain.unsaved = conflict, bulletin
                return conflict
            if count:  # one save, one version
                chain.version += 1
                chain.base = bulletin
            return count

        self.w.operations.run(
            save, lambda result: self._saved(bulletin_id, chain, result), self._save_failed
        )

    def idle(self) -> bool:
        """Nothing typed here waits to be saved: reloading the form would lose nothing."""
        return self.dirty_since is None and self.w.operations.pending == 0

    def seen_version(self) -> int | None:
        """The archive's version of what this desk shows (after its own saves): a workflow
        step builds on it, so it is refused if another desk changed the bulletin since."""
        if self.w.record is None:
            return None
        chain = self.chain
        if chain is not None and chain.record is self.w.record and chain.conflict is None:
            return chain.version
        return self.w.record.version

    def _saved(
        self, bulletin_id: int, chain: _SaveChain, result: int | EditConflict | None
    ) -> None:
        from editor.core.store import EditConflict

        if isinstance(result, EditConflict):
            self._edit_conflict(chain, result)
            return
        if result is None:  # not sent: an earlier save of this version was refused
            return
        if self.w.record is not None and self.w.record.id == bulletin_id:
            if chain.record is self.w.record:  # still the record the form was loaded from
                # The header shows the archive's state; the next save still builds on the
                # chain's version, never on what another desk may have written since.
                self.w.record = chain.record = self.w.store.get(bulletin_id)
            self.w.update_header()
            self.w._update_actions()
        self.w.model.refresh_row(bulletin_id)
        self.w.statusBar().showMessage(self.tr("已自动保存"), 2000)
        self.w.saved.emit(bulletin_id)

    def _save_failed(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.w.notify(
            self.tr("保存失败"),
            self.tr("修改没能存入档案：{0}").format(message),
            QMessageBox.Icon.Critical,
        )

    def _edit_conflict(self, chain: _SaveChain, conflict: EditConflict) -> None:
        """Someone else changed the bulletin since this desk loaded it: their version is
        loaded, and what this desk could not save is in the notice, with a way to put it
        back on top of theirs (saved as an edit of their version: refused again if it
        changed once more)."""
        from PySide6.QtWidgets import QMessageBox

        from editor.core.diff import changes
        from editor.core.store import LeaseHeld
        from editor.core.store.records import when_said

        bulletin_id = conflict.bulletin_id
        # The form still holds this chain's work (not another bulletin, not a reload since).
        holding = self.chain is chain and chain.record is self.w.record
        mine = chain.unsaved
        if holding and self.w.form.bulletin is not None:
            mine = copy.deepcopy(self.w.form.bulletin)  # everything typed, the last keys too
        if mine is None:
            return
        base = chain.base
        typed = [(path, new) for path, _old, new in changes(base, mine) if path != "inferred"]
        if holding:
            self.dirty_since = None
            self.timer.stop()
            self.chain = None
            self.w.open_bulletin(bulletin_id)
            self.w.model.refresh_row(bulletin_id)
        lines = "\n".join(
            self.tr("· {0}：{1}").format(field_label(path), self._said(value))
            for path, value in typed
        )
        if isinstance(conflict, LeaseHeld):
            self._lease_lost(conflict, base, mine, lines)
            return
        who = conflict.user or self.tr("别人")
        self.w.notify(
            self.tr("别人改过这份简报"),
            self.tr(
                "#{0} 已被 {1} 在 {2} 修改。为了不覆盖对方的修改，你的更改没有存入，"
                "已载入对方的版本。\n\n你没能存入的内容：\n{3}"
            ).format(bulletin_id, who, when_said(conflict.at), lines),
            QMessageBox.Icon.Warning,
            choices=[
                (
                    self.tr("用我的修改覆盖"),
                    lambda: self._put_mine_back(bulletin_id, base, mine),
                ),
            ],
        )

    def _lease_lost(
        self, held: LeaseHeld, base: Bulletin | None, mine: Bulletin, lines: str
    ) -> None:
        """Another desk took the bulletin over: their version is shown read-only; what was
        typed here is listed, and can be put back by taking it over in turn."""
        from PySide6.QtWidgets import QMessageBox

        bulletin_id = held.bulletin_id

        def take_back() -> None:
            self.w.shared.take_over_now(bulletin_id)
            self._put_mine_back(bulletin_id, base, mine)

        self.w.notify(
            self.tr("别人接管了编辑"),
            self.tr(
                "{0} 接管了 #{1} 的编辑。你的更改没有存入，已载入最新的版本（只读）。"
                "\n\n你没能存入的内容：\n{2}"
            ).format(held.lease.holder(), bulletin_id, lines),
            QMessageBox.Icon.Warning,
            choices=[(self.tr("接管编辑并用我的修改覆盖"), take_back)],
        )

    def _said(self, value: Any) -> str:
        """A field's value as the notice shows it (paragraphs one a line)."""
        if value is None or value == "" or value == []:
            return self.tr("（空）")
        if isinstance(value, list):
            texts = [v["text"] if isinstance(v, dict) else str(v) for v in value]
            return "\n    " + "\n    ".join(texts)
        return str(value)

    def _put_mine_back(self, bulletin_id: int, base: Bulletin | None, mine: Bulletin) -> None:
        """用我的修改覆盖: what this desk typed, on top of the version in the archive now.

        Only the fields typed here are put back (another desk's other changes stay); when
        the two versions no longer have the same fields (articles added or removed), the
        whole of this desk's version is. Either way it is one step to undo.
        """
        from PySide6.QtWidgets import QMessageBox

        from editor.gui.commands import Restructure

        if self.w.record is None or self.w.record.id != bulletin_id:
            self.w.select_bulletin(bulletin_id)
        if self.w.record is None or self.w.form.bulletin is None or self.w.record.id != bulletin_id:
            return
        if self.w.record.status not in EDITABLE:
            label = STATUS_LABELS.get(self.w.record.status, self.w.record.status)
            self.w.notify(
                self.tr("不能覆盖"),
                self.tr("这份简报现在是“{0}”，重新打开后才能修改。").format(label),
                QMessageBox.Icon.Warning,
            )
            return
        theirs = copy.deepcopy(self.w.form.bulletin)
        merged = _merged(base, mine, theirs)
        self.w.form.load(merged, self.w.form.parsed)
        self.w.undo_stack.push(
            Restructure(self.w.form, theirs, merged, self.tr("用我的修改覆盖"), self.changed)
        )
