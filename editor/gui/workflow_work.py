"""The review workflow on the open bulletin: approve, reject with a reason, reopen,
export, and mark a copy as a duplicate or a new version.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from editor.core.workflow import STATUS_LABELS, WorkflowError
from editor.gui.form.bulletin_form import field_label

if TYPE_CHECKING:
    from editor.core.checks import Action
    from editor.gui.main_window import MainWindow


class WorkflowWork(QObject):
    """Works on the window it belongs to; its own QObject, so its strings have their own context."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window

    def approve(self) -> None:
        if self.w.record is None or self.w.form.bulletin is None:
            return
        problems = [p for p in self.w.form.problems if p.is_error]
        if problems:
            listed = "\n".join(f"· {field_label(p.path)}：{p.message}" for p in problems)
            self.w.notify(
                self.tr("不能批准"),
                self.tr("还有 {0} 处必须补正：\n{1}").format(len(problems), listed),
                QMessageBox.Icon.Warning,
            )
            self.w.form.focus_path(problems[0].path)
            return
        self._transition("approve")

    def reject(self) -> None:
        """退回 asks first, and for a reason that goes into the history."""
        if self.w.record is None:
            return
        from PySide6.QtWidgets import QInputDialog  # (dialogs: when first asked for)

        dialog = QInputDialog(self.w)
        dialog.setWindowTitle(self.tr("退回"))
        dialog.setLabelText(
            self.tr("退回 #{0}，不予签发。请写明原因（记入修订历史）：").format(self.w.record.id)
        )
        dialog.setOkButtonText(self.tr("退回"))
        dialog.setCancelButtonText(self.tr("取消"))
        dialog.setObjectName("rejectDialog")
        dialog.textValueSelected.connect(self._reject_with)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.w.reject_dialog = dialog

    def _reject_with(self, reason: str) -> None:
        reason = reason.strip()
        if not reason:
            self.w.statusBar().showMessage(self.tr("没有写原因，未退回"), 5000)
            return
        self._transition("reject", detail=self.tr("退回原因：{0}").format(reason))

    def reopen(self) -> None:
        self._transition("reopen")

    def _transition(self, action: str, detail: str | None = None) -> None:
        if self.w.record is None:
            return
        from editor.core.store import EditConflict, StoreError

        self.w.save_now()
        self.w.operations.wait()
        bulletin_id = self.w.record.id
        try:
            status = self.w.store.transition(
                bulletin_id,
                action,
                self.w.user,
                detail=detail,
                base_version=self.w.seen_version(),
                desk=self.w.shared.desk,
            )
        except EditConflict as err:  # another desk changed it: what this desk saw is outdated
            self.w.notify(self.tr("无法执行"), str(err), QMessageBox.Icon.Warning)
            self.w.open_bulletin(bulletin_id)
            self.w.model.refresh_row(bulletin_id)
            return
        except (WorkflowError, StoreError) as err:
            self.w.notify(self.tr("无法执行"), str(err), QMessageBox.Icon.Warning)
            return
        self.w.statusBar().showMessage(f"#{bulletin_id} {STATUS_LABELS[status]}", 5000)
        self.w.open_bulletin(bulletin_id)
        self.w.model.refresh_row(bulletin_id)

    def archive_action(self, action: Action) -> None:
        """A problem's step on the archive: this copy is a duplicate (rejected) or a new version."""
        if self.w.record is None:
            return
        from editor.core.checks import DUPLICATE, NEW_VERSION
        from editor.core.store import StoreError

        self.w.save_now()
        self.w.operations.wait()
        bulletin_id = self.w.record.id
        try:
            if action.kind == DUPLICATE:
                self.w.store.mark_duplicate(bulletin_id, action.target, self.w.user)
                done = self.tr("#{0} 已标为 #{1} 的重复件并退回").format(bulletin_id, action.target)
            elif action.kind == NEW_VERSION:
                self.w.store.mark_new_version(bulletin_id, action.target, self.w.user)
                done = self.tr("#{0} 已标为 #{1} 的新版本").format(bulletin_id, action.target)
            else:
                return
        except (WorkflowError, StoreError) as err:
            self.w.notify(self.tr("无法执行"), str(err), QMessageBox.Icon.Warning)
            return
        self.w.series_memory.opened()
        self.w.forget_series_history()  # (statuses and links changed: read them again)
        self.w.statusBar().showMessage(done, 6000)
        self.w.open_bulletin(bulletin_id)
        self.w.model.refresh_row(bulletin_id)
        self.w.model.refresh_row(action.target)

    def export(self) -> None:
        if self.w.record is None or self.w.record.current is None:
            return
        if self.w.record.status not in ("approved", "exported"):
            self.w.notify(
                self.tr("不能导出"), self.tr("批准后才能导出正式稿。"), QMessageBox.Icon.Warning
            )
            return
        from editor.core.export import export_docx, export_warnings
        from editor.core.export.naming import export_name, free_path

        bulletin, bulletin_id, user = self.w.record.current, self.w.record.id, self.w.user
        folder, profile = self.w.export_dir, self.w.profile
        name = export_name(bulletin, self.w.file_pattern, bulletin_id)

        def work() -> tuple[str, list[str]]:
            folder.mkdir(parents=True, exist_ok=True)
            written = export_docx(bulletin, free_path(folder, name), profile=profile)
            self.w.store.transition(bulletin_id, "export", user, detail=str(written))
            return str(written), export_warnings(bulletin, profile)

        self.w.export_action.setEnabled(False)
        self.w.operations.run(work, self._exported, self._export_failed)

    def _export_failed(self, message: str) -> None:
        self.w._update_actions()
        self.w.notify(self.tr("导出失败"), message, QMessageBox.Icon.Critical)

    def _exported(self, result: tuple[str, list[str]]) -> None:
        path, warnings = result
        if self.w.record is not None:
            self.w.open_bulletin(self.w.record.id)
            self.w.model.refresh_row(self.w.record.id)
        folder = str(Path(path).parent)
        # What the clerk should know before printing: fonts this computer lacks, long titles.
        notes = "".join("\n\n" + self.tr("提醒：") + w for w in warnings)
        self.w.notify(
            self.tr("已导出"),
            path + notes,
            QMessageBox.Icon.Information,
            choices=[
                (self.tr("打开文件"), lambda: self.open_local(path)),
                (self.tr("打开所在文件夹"), lambda: self.open_local(folder)),
            ],
        )
        self.w.exported.emit(path)

    def open_local(self, path: str) -> bool:
        """Open a file or folder with the system's program; say so when there is none."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            return True
        if Path(path).is_dir():
            text = self.tr("这台电脑没能打开文件夹：\n{0}").format(path)
        else:
            text = self.tr(
                "这台电脑上没有能打开 .docx 的程序（如 WPS 或 Word）。\n"
                "文件已写好，可以拷到装有 WPS 或 Word 的电脑上打印：\n{0}"
            ).format(path)
        self.w.notify(self.tr("无法打开"), text, QMessageBox.Icon.Warning)
        return False
