"""Files in and out in bulk: dropped or chosen folders into the archive, every approved
bulletin out to the export folder, each with progress and cancel.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog

from editor.core.export import export_docx
from editor.core.export.naming import export_name, free_path
from editor.core.filenames import display_path
from editor.core.ingest import OUTCOME_LABELS, Outcome, ingest_file, is_candidate, scan
from editor.core.ingest_batch import ingest_files
from editor.gui.batch import Batch

if TYPE_CHECKING:
    from editor.gui.main_window import MainWindow


class BulkWork(QObject):
    """Works on the window it belongs to; its own QObject, so its strings have their own context."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window

    def choose_folder_to_ingest(self) -> QFileDialog:
        """A folder picker (window-modal, not blocking: tests and the watcher keep running)."""
        dialog = QFileDialog(self.w, self.tr("选择要收取的文件夹"), str(self.w.inbox))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setObjectName("ingestFolderDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda folder: self.ingest_paths([Path(folder)]))
        dialog.open()
        return dialog

    def ingest_paths(self, paths: list[Path]) -> Batch | None:
        """Take dropped or chosen files (and the candidates in dropped folders) into the archive."""
        # A file in a dropped folder is read only if it really lies in that folder (no links out).
        files: list[tuple[Path, Path | None]] = []
        for path in paths:
            if path.is_dir():
                files.extend((found, path) for found in scan(path))
            elif is_candidate(path):
                files.append((path, None))
        if not files:
            self.w.statusBar().showMessage(
                self.tr("没有可收取的文件（支持 .txt、.docx、.pdf 和扫描图片）"), 5000
            )
            return None
        store, user = self.w.store, self.w.user

        def ingest_all(
            items: list[tuple[Path, Path | None]],
            done: Callable[[Outcome, str], None],
            cancelled: Callable[[], bool],
        ) -> None:  # each dropped folder in batches, as `jianxun ingest` takes a folder
            for inbox, group in itertools.groupby(items, key=lambda item: item[1]):
                if cancelled():
                    break
                paths = [path for path, _ in group]

                def said(outcome: Outcome) -> None:
                    done(outcome, display_path(Path(outcome.path).name))

                ingest_files(store, paths, user=user, inbox=inbox, said=said, stop=cancelled)

        batch = Batch(
            self.tr("正在收取"),
            files,
            lambda item: ingest_file(store, item[0], user=user, inbox=item[1]),
            lambda item: display_path(item[0].name),
            self.w,
            work_all=ingest_all,
        )
        batch.finished.connect(self._ingested_batch)
        batch.start(self.w.operations)
        return batch

    def _ingested_batch(self, outcomes: list[Outcome], cancelled: bool) -> None:
        counts: dict[str, int] = {}
        for outcome in outcomes:
            self.w.inbox_log.add_outcome(outcome)
            counts[OUTCOME_LABELS[outcome.kind]] = counts.get(OUTCOME_LABELS[outcome.kind], 0) + 1
        summary = self.tr("，").join(
            self.tr("{0} {1} 份").format(k, v) for k, v in counts.items()
        ) or self.tr("无")
        self.w.statusBar().showMessage(
            (self.tr("已取消；") if cancelled else self.tr("收取完成：")) + summary, 8000
        )
        self.w._reload_queue()

    def export_all_approved(self) -> Batch | None:
        """Export every approved bulletin into the export folder, with progress and cancel."""
        ids = self.w.store.ids("approved")
        if not ids:
            self.w.statusBar().showMessage(self.tr("没有已批准待导出的简报"), 5000)
            return None
        self.w.save_now()
        store, user, folder, pattern = (
            self.w.store,
            self.w.user,
            self.w.export_dir,
            self.w.file_pattern,
        )
        profile = self.w.profile

        def export_one(bulletin_id: int) -> str:
            record = store.get(bulletin_id)
            if record.current is None:
                return ""
            folder.mkdir(parents=True, exist_ok=True)
            target = free_path(folder, export_name(record.current, pattern, bulletin_id))
            written = export_docx(record.current, target, profile=profile)
            store.transition(bulletin_id, "export", user, detail=str(written))
            return str(written)

        batch = Batch(self.tr("正在导出"), ids, export_one, lambda i: f"#{i}", self.w)
        batch.finished.connect(self._exported_batch)
        batch.start(self.w.operations)
        return batch

    def _exported_batch(self, written: list[str], cancelled: bool) -> None:
        done = [w for w in written if w]
        self.w.statusBar().showMessage(
            (self.tr("已取消；") if cancelled else "")
            + self.tr("已导出 {0} 份到 {1}").format(len(done), self.w.export_dir),
            8000,
        )
        self.w._reload_queue()
        if self.w.record is not None:
            self.w.open_bulletin(self.w.record.id)
