"""The review desk: the queue on the left, the source beside the form on the right."""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks import Context, Problem, fix_all, fixed
from editor.core.export import export_docx, export_warnings
from editor.core.export.naming import export_name, free_path
from editor.core.fieldpath import get_field, key_at_line, spans_for
from editor.core.filenames import display_path
from editor.core.ingest import (
    OUTCOME_LABELS,
    Outcome,
    ingest_file,
    is_candidate,
    original_path,
    scan,
    source_boxes,
    source_text,
)
from editor.core.model import Bulletin
from editor.core.store import Record, Store
from editor.core.workflow import STATUS_LABELS, STATUSES, allowed_actions
from editor.gui.batch import Batch
from editor.gui.commands import FieldEdit, Restructure
from editor.gui.form.bulletin_form import BulletinForm, field_label
from editor.gui.history_dialog import HistoryDialog
from editor.gui.inbox_log import InboxLog, InboxLogButton
from editor.gui.operations import Operations
from editor.gui.page_view import PageView
from editor.gui.queue_model import QueueModel
from editor.gui.settings import AppSettings
from editor.gui.settings_dialog import SettingsDialog
from editor.gui.source_view import SourceView

SAVE_DELAY_MS = 300
SAVE_AT_MOST_S = 1.0
EDITABLE = ("new", "in_review")


class InboxBridge(QObject):
    """Carries ingest outcomes and inbox problems from the watcher's thread to the GUI thread."""

    ingested = Signal(object)
    inbox_problem = Signal(str)


class MainWindow(QMainWindow):
    saved = Signal(int)  # bulletin id, after an autosave reached the store
    settings_changed = Signal(object)  # AppSettings the user accepted
    exported = Signal(str)  # path of a DOCX written
    message = Signal(str, str)  # title, text of every notice shown to the user

    def __init__(self, store: Store, operations: Operations, settings: AppSettings) -> None:
        super().__init__()
        self.store, self.operations = store, operations
        self.settings = settings
        self.inbox, self.export_dir, self.user = settings.inbox, settings.export_dir, settings.user
        self.file_pattern = settings.file_pattern
        self.profile = settings.profile()
        self.record: Record | None = None
        self.undo_stack = QUndoStack(self)
        self.bridge = InboxBridge(self)
        self.bridge.ingested.connect(self._on_ingested)
        self.bridge.inbox_problem.connect(self._on_inbox_problem)
        self.inbox_log = InboxLog(self)
        self._dirty_since: float | None = None
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._reload_timer = QTimer(self, singleShot=True, interval=200)
        self._reload_timer.timeout.connect(self._reload_queue)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._apply_filter)
        self.notices: list[QMessageBox] = []
        self.setWindowTitle(self.tr("简讯编审台"))
        self.setAcceptDrops(True)
        self._build()
        self._actions()
        self.model.reload()
        self._update_actions()

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.model = QueueModel(self.store, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((64, 190, 92, 260, 44, 130, 150)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)

        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("全部"), None)
        for status in STATUSES:
            self.status_filter.addItem(STATUS_LABELS[status], status)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("全文检索标题和正文（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        left = QWidget()
        left_layout = QVBoxLayout(left)
        bar = QHBoxLayout()
        bar.addWidget(self.status_filter)
        bar.addWidget(self.search, 1)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table)

        self.source = SourceView()
        self.source.line_clicked.connect(self._on_source_line)
        self.form = BulletinForm()
        self.form.edited.connect(self._on_field_edit)
        self.form.restructured.connect(self._on_restructure)
        self.form.kind_edited.connect(self._on_kind_edit)
        self.form.hint.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.form.field_focused.connect(self._on_field_focus)
        self.form.context = self.check_context
        self.form.problems_changed.connect(self._show_problems)
        self._history_cache: dict[str, tuple[list[Any], bool]] = {}
        self._series: list[Any] = []
        self.header = QLabel("")
        self.header.setObjectName("bulletinHeader")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.header)
        self.page_view = PageView()
        self.source_tabs = QTabWidget()
        self.source_tabs.addTab(self.source, self.tr("原文"))
        self.source_tabs.addTab(self.page_view, self.tr("原页面（PDF）"))
        self._boxes: dict[int, tuple[int, float, float, float, float]] = {}
        pane = QSplitter(Qt.Orientation.Horizontal)
        pane.addWidget(self.source_tabs)
        pane.addWidget(self.form)
        pane.setSizes([450, 550])
        right_layout.addWidget(pane, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([620, 900])
        self.setCentralWidget(split)

        self.inbox_label = QLabel(self.tr("收件箱：{0}").format(self.inbox))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setVisible(False)
        self.inbox_log_button = InboxLogButton(self.inbox_log)
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.inbox_log_button)
        self.statusBar().addPermanentWidget(self.inbox_label)
        self.operations.busy_changed.connect(self.busy.setVisible)
        self._build_problems()
        self._fit_screen()

    def _fit_screen(self) -> None:
        """Open at a comfortable size, but never larger than the screen's free area."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1500, 900)
            return
        free = screen.availableGeometry()
        self.resize(min(1500, free.width()), min(900, free.height()))

    def _build_problems(self) -> None:
        """The problems panel: every rule's finding, with one-click fixes."""
        self.problem_list = QListWidget()
        self.problem_list.itemActivated.connect(self._goto_problem_item)
        self.problem_list.itemClicked.connect(self._goto_problem_item)
        self.fix_button = QPushButton(self.tr("修正"))
        self.fix_all_button = QPushButton(self.tr("修正全部同类"))
        self.fix_button.clicked.connect(self.fix_selected)
        self.fix_all_button.clicked.connect(self.fix_all_of_kind)
        panel = QWidget()
        layout = QHBoxLayout(panel)
        layout.addWidget(self.problem_list, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.fix_all_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        dock = QDockWidget(self.tr("问题与修正"), self)
        dock.setObjectName("problems")
        dock.setWidget(panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.resizeDocks([dock], [130], Qt.Orientation.Vertical)
        self.problem_list.currentRowChanged.connect(lambda _r: self._update_fix_buttons())
        self._update_fix_buttons()

    def _actions(self) -> None:
        toolbar = QToolBar(self.tr("操作"))
        toolbar.setObjectName("actions")
        self.addToolBar(toolbar)

        def action(text: str, keys: list[Any], handler: Any, tip: str) -> QAction:
            act = QAction(text, self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setToolTip(
                self.tr("{0}（{1}）").format(
                    tip, "，".join(QKeySequence(k).toString() for k in keys)
                )
            )
            act.triggered.connect(handler)
            self.addAction(act)
            toolbar.addAction(act)
            return act

        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("撤销"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("重做"))
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.revert_action = action(
            self.tr("恢复原文"),
            ["Ctrl+Alt+Z"],
            self.revert_field,
            self.tr("把当前字段恢复为解析结果"),
        )
        toolbar.addSeparator()
        self.next_action = action(
            self.tr("下一处存疑"),
            ["F8"],
            lambda: self.goto_problem(1),
            self.tr("下一个存疑或不合格字段"),
        )
        self.prev_action = action(
            self.tr("上一处存疑"),
            ["Shift+F8"],
            lambda: self.goto_problem(-1),
            self.tr("上一个存疑或不合格字段"),
        )
        toolbar.addSeparator()
        self.approve_action = action(
            self.tr("批准"), ["Ctrl+Return", "Ctrl+Enter"], self.approve, self.tr("批准签发")
        )
        self.export_action = action(
            self.tr("导出 DOCX"), ["Ctrl+E"], self.export, self.tr("按公文版式导出")
        )
        self.reject_action = action(
            self.tr("退回"), ["Ctrl+Shift+J"], self.reject, self.tr("退回，不予签发")
        )
        self.reopen_action = action(
            self.tr("重新打开"), ["Ctrl+Shift+O"], self.reopen, self.tr("重新打开以修改")
        )
        toolbar.addSeparator()
        self.history_action = action(
            self.tr("修订历史"), ["Ctrl+H"], self.show_history, self.tr("查看并恢复修改记录")
        )
        self.settings_action = action(
            self.tr("设置"), ["Ctrl+,"], self.show_settings, self.tr("收件箱、导出、版式、系列")
        )
        find = QAction(self.tr("检索"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.search.setFocus())
        self.addAction(find)
        self.ingest_action = QAction(self.tr("收取文件夹…"), self)
        self.ingest_action.setShortcut(QKeySequence("Ctrl+O"))
        self.ingest_action.triggered.connect(self.choose_folder_to_ingest)
        self.export_all_action = QAction(self.tr("导出全部已批准…"), self)
        self.export_all_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_all_action.triggered.connect(self.export_all_approved)
        self.shortcuts_action = QAction(self.tr("快捷键"), self)
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.refresh_action = QAction(self.tr("刷新队列"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self._reload_queue)
        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("文件(&F)"))
        for act in (self.ingest_action, self.export_all_action, self.refresh_action):
            file_menu.addAction(act)
            self.addAction(act)
        edit_menu = menus.addMenu(self.tr("编辑(&E)"))
        for act in (self.undo_action, self.redo_action, self.revert_action, find):
            edit_menu.addAction(act)
        kind_menu = edit_menu.addMenu(self.tr("段落类型"))
        for act in self.form.kind_actions:  # Ctrl+0 正文, Ctrl+1 … Ctrl+4 小标题
            kind_menu.addAction(act)
            self.addAction(act)
        bulletin_menu = menus.addMenu(self.tr("简报(&B)"))
        for act in (
            self.next_action,
            self.prev_action,
            self.approve_action,
            self.export_action,
            self.reject_action,
            self.reopen_action,
            self.history_action,
        ):
            bulletin_menu.addAction(act)
        file_menu.addAction(self.settings_action)
        help_menu = menus.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.shortcuts_action)
        self.addAction(self.shortcuts_action)

    # --- queue ---------------------------------------------------------------------------

    def _apply_filter(self) -> None:
        self.model.set_filter(self.status_filter.currentData(), self.search.text())
        self._reselect()

    def _reload_queue(self) -> None:
        self.model.reload()
        self._reselect()

    def _reselect(self) -> None:
        if self.record is None:
            return
        row = self.model.row_of(self.record.id)
        if row is not None:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)

    def _on_ingested(self, outcome: Outcome) -> None:
        if outcome.kind != "skipped":
            self.statusBar().showMessage(outcome.line(), 8000)
        self.inbox_log.add_outcome(outcome)
        self._reload_timer.start()

    def _on_inbox_problem(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        self.inbox_log.add(message, problem=True)

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        bulletin_id = self.model.id_at(current.row())
        if bulletin_id is not None and (self.record is None or self.record.id != bulletin_id):
            self.open_bulletin(bulletin_id)

    def select_bulletin(self, bulletin_id: int) -> None:
        row = self.model.row_of(bulletin_id)
        if row is not None:
            self.table.selectRow(row)
        else:
            self.open_bulletin(bulletin_id)

    # --- one bulletin --------------------------------------------------------------------

    def open_bulletin(self, bulletin_id: int) -> None:
        self.save_now()
        self.record = self.store.get(bulletin_id)
        summary = self.record.summary
        self.undo_stack.clear()
        self._history_cache.clear()
        self._series = self.store.list_series()
        self.source.show_text(source_text(self.store, self.record.sha256, summary.source_name))
        self._boxes = source_boxes(self.store, self.record.sha256, summary.source_name)
        is_pdf = bool(self._boxes)
        self.page_view.show_pdf(
            original_path(self.store, self.record.sha256, summary.source_name) if is_pdf else None
        )
        self.source_tabs.setTabEnabled(1, is_pdf)
        self.source_tabs.setCurrentIndex(1 if is_pdf else 0)
        self.form.load(self.record.current, self.record.parsed)
        self._update_header()
        self._update_actions()

    def _update_header(self) -> None:
        if self.record is None:
            self.header.setText("")
            return
        s = self.record.summary
        text = self.tr("#{0}　{1}　{2}").format(
            s.id, STATUS_LABELS.get(s.status, s.status), s.source_name
        )
        if s.failure:
            text += self.tr("　原因：{0}").format(s.failure)
        elif s.status not in EDITABLE:
            text += self.tr("　（只读：重新打开后才能修改）")
        self.header.setText(text)
        editable = s.status in EDITABLE
        page = self.form.widget()
        if page is not None:
            page.setEnabled(editable or s.status == "failed")

    def _update_actions(self) -> None:
        allowed = allowed_actions(self.record.status) if self.record else []
        self.approve_action.setEnabled("approve" in allowed)
        self.export_action.setEnabled("export" in allowed)
        self.reject_action.setEnabled("reject" in allowed)
        self.reopen_action.setEnabled("reopen" in allowed)

    # --- editing, undo, autosave ---------------------------------------------------------

    def _on_field_edit(self, path: str, old: Any, new: Any) -> None:
        self.undo_stack.push(FieldEdit(self.form, path, old, new, self._changed))

    def _on_kind_edit(self, path: str, old: Any, new: Any, text: str) -> None:
        self.undo_stack.push(
            FieldEdit(self.form, path, old, new, self._changed, text=text, merge=False)
        )

    def _on_restructure(self, before: Bulletin, after: Bulletin, text: str) -> None:
        self.undo_stack.push(Restructure(self.form, before, after, text, self._changed))

    def _changed(self) -> None:
        """Something in the form changed: save soon, and never later than a second."""
        now = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        if now - self._dirty_since >= SAVE_AT_MOST_S:
            self.save_now()
        else:
            self._save_timer.start()

    def save_now(self) -> None:
        """Send the working copy to the store (off the GUI thread) if anything is unsaved."""
        if self._dirty_since is None or self.record is None or self.form.bulletin is None:
            return
        self._dirty_since = None
        self._save_timer.stop()
        bulletin_id, bulletin = self.record.id, copy.deepcopy(self.form.bulletin)
        user = self.user

        def save() -> int:
            return self.store.save_edit(bulletin_id, bulletin, user)

        self.operations.run(save, lambda _n: self._saved(bulletin_id), self._save_failed)

    def _saved(self, bulletin_id: int) -> None:
        if self.record is not None and self.record.id == bulletin_id:
            self.record = self.store.get(bulletin_id)
            self._update_header()
            self._update_actions()
        self.model.refresh_row(bulletin_id)
        self.statusBar().showMessage(self.tr("已自动保存"), 2000)
        self.saved.emit(bulletin_id)

    def _save_failed(self, message: str) -> None:
        self.notify(
            self.tr("保存失败"),
            self.tr("修改没能存入档案：{0}").format(message),
            QMessageBox.Icon.Critical,
        )

    def revert_field(self) -> None:
        """Put the focused field back to what the parser read."""
        path = self._focused_path()
        if path is None or self.form.bulletin is None or self.form.parsed is None:
            return
        try:
            parsed_value = get_field(self.form.parsed, path)
        except (KeyError, IndexError):
            return
        old = get_field(self.form.bulletin, path)
        if old != parsed_value:
            self.form.set_field_value(path, parsed_value)
            self._on_field_edit(path, old, parsed_value)

    def _focused_path(self) -> str | None:
        widget = self.focusWidget()
        for path, field in self.form.fields.items():
            if field.widget is widget:
                return path
        return None

    def goto_problem(self, step: int) -> None:
        paths = self.form.problem_paths()
        if not paths:
            self.statusBar().showMessage(self.tr("没有存疑或不合格的字段"), 3000)
            return
        current = self._focused_path()
        order = list(self.form.fields)
        if current in paths:
            index = (paths.index(current) + step) % len(paths)
        else:
            here = order.index(current) if current in order else -1
            later = (
                [p for p in paths if order.index(p) > here]
                if step > 0
                else [p for p in paths if order.index(p) < here]
            )
            target = (
                (later[0] if step > 0 else later[-1]) if later else paths[0 if step > 0 else -1]
            )
            index = paths.index(target)
        self.form.focus_path(paths[index])

    # --- files in, files out, in bulk ----------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.ingest_paths(paths)

    def choose_folder_to_ingest(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("选择要收取的文件夹"), str(self.inbox)
        )
        if folder:
            self.ingest_paths([Path(folder)])

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
            self.statusBar().showMessage(
                self.tr("没有可收取的文件（支持 .txt、.docx、.pdf）"), 5000
            )
            return None
        store, user = self.store, self.user
        batch = Batch(
            self.tr("正在收取"),
            files,
            lambda item: ingest_file(store, item[0], user=user, inbox=item[1]),
            lambda item: display_path(item[0].name),
            self,
        )
        batch.finished.connect(self._ingested_batch)
        batch.start(self.operations)
        return batch

    def _ingested_batch(self, outcomes: list[Outcome], cancelled: bool) -> None:
        counts: dict[str, int] = {}
        for outcome in outcomes:
            self.inbox_log.add_outcome(outcome)
            counts[OUTCOME_LABELS[outcome.kind]] = counts.get(OUTCOME_LABELS[outcome.kind], 0) + 1
        summary = self.tr("，").join(
            self.tr("{0} {1} 份").format(k, v) for k, v in counts.items()
        ) or self.tr("无")
        self.statusBar().showMessage(
            (self.tr("已取消；") if cancelled else self.tr("收取完成：")) + summary, 8000
        )
        self._reload_queue()

    def export_all_approved(self) -> Batch | None:
        """Export every approved bulletin into the export folder, with progress and cancel."""
        ids = self.store.ids("approved")
        if not ids:
            self.statusBar().showMessage(self.tr("没有已批准待导出的简报"), 5000)
            return None
        self.save_now()
        store, user, folder, pattern = self.store, self.user, self.export_dir, self.file_pattern
        profile = self.profile

        def export_one(bulletin_id: int) -> str:
            record = store.get(bulletin_id)
            if record.current is None:
                return ""
            folder.mkdir(parents=True, exist_ok=True)
            target = free_path(folder, export_name(record.current, pattern, bulletin_id))
            written = export_docx(record.current, target, profile=profile)
            store.transition(bulletin_id, "export", user, detail=str(written))
            return str(written)

        batch = Batch(self.tr("正在导出"), ids, export_one, lambda i: f"#{i}", self)
        batch.finished.connect(self._exported_batch)
        batch.start(self.operations)
        return batch

    def _exported_batch(self, written: list[str], cancelled: bool) -> None:
        done = [w for w in written if w]
        self.statusBar().showMessage(
            (self.tr("已取消；") if cancelled else "")
            + self.tr("已导出 {0} 份到 {1}").format(len(done), self.export_dir),
            8000,
        )
        self._reload_queue()
        if self.record is not None:
            self.open_bulletin(self.record.id)

    def show_shortcuts(self) -> QMessageBox:
        rows = []
        for act in self.actions():
            keys = self.tr("，").join(k.toString() for k in act.shortcuts())
            if keys and act.text():
                rows.append(f"{act.text().replace('&', '')}\t{keys}")
        return self.notify(self.tr("快捷键"), "\n".join(rows), QMessageBox.Icon.Information)

    # --- settings ------------------------------------------------------------------------

    def show_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.settings, self.store, self)
        dialog.applied.connect(self.settings_changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def apply_settings(self, settings: AppSettings) -> None:
        language_changed = settings.language != self.settings.language
        self.settings = settings
        self.inbox, self.export_dir, self.user = settings.inbox, settings.export_dir, settings.user
        self.file_pattern = settings.file_pattern
        self.profile = settings.profile()
        self.inbox_label.setText(self.tr("收件箱：{0}").format(self.inbox))
        self._series = self.store.list_series()
        self.form.refresh_states()
        message = self.tr("设置已生效")
        if language_changed:
            message += self.tr("；界面语言在重新启动后生效")
        self.statusBar().showMessage(message, 6000)

    # --- history -------------------------------------------------------------------------

    def show_history(self) -> HistoryDialog | None:
        if self.record is None:
            return None
        self.save_now()
        self.operations.wait()
        dialog = HistoryDialog(
            self.store.revisions(self.record.id),
            self.restore_value,
            editable=self.record.status in EDITABLE,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def restore_value(self, path: str, value: Any) -> None:
        """Put an earlier value back: an edit like any other (undoable, saved, logged)."""
        if self.form.bulletin is None or self.record is None or self.record.status not in EDITABLE:
            return
        try:
            old = get_field(self.form.bulletin, path)
        except (KeyError, IndexError):
            self.notify(
                self.tr("无法恢复"),
                self.tr("字段 {0} 已不存在（文章已移动或删除）").format(field_label(path)),
                QMessageBox.Icon.Warning,
            )
            return
        if old != value:
            self.form.set_field_value(path, value)
            self._on_field_edit(path, old, value)
            self.form.focus_path(path)

    # --- validation and fixes --------------------------------------------------------------

    def check_context(self) -> Context:
        """What the rules consult: the series' history, the source lines, the parse."""
        record = self.record
        bulletin = self.form.bulletin
        if record is None or bulletin is None:
            return Context()
        series = bulletin.masthead.name or ""
        if series not in self._history_cache:
            self._history_cache[series] = (
                self.store.series_history(series, exclude=record.id) if series else [],
                self.store.series_signs_articles(series, exclude=record.id) if series else False,
            )
        history, signs = self._history_cache[series]
        return Context(
            history=history,
            source_lines=self.source.toPlainText().split("\n"),
            parsed=record.parsed,
            series_uses_attribution=signs,
            series=self._series,
        )

    def _show_problems(self, problems: list[Problem]) -> None:
        self.problem_list.clear()
        for problem in problems:
            mark = self.tr("错误") if problem.is_error else self.tr("提示")
            fix = self.tr("　[可修正：{0}]").format(problem.fixes[0].label) if problem.fixes else ""
            where = field_label(problem.path)
            item = QListWidgetItem(
                self.tr("{0}　{1}：{2}{3}").format(mark, where, problem.message, fix)
            )
            item.setData(Qt.ItemDataRole.UserRole, problem)
            item.setForeground(
                Qt.GlobalColor.darkRed if problem.is_error else Qt.GlobalColor.darkYellow
            )
            self.problem_list.addItem(item)
        self._update_fix_buttons()

    def _selected_problem(self) -> Problem | None:
        item = self.problem_list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, Problem) else None

    def _update_fix_buttons(self) -> None:
        problem = self._selected_problem()
        editable = self.record is not None and self.record.status in EDITABLE
        self.fix_button.setEnabled(bool(problem and problem.fixes and editable))
        self.fix_all_button.setEnabled(bool(problem and problem.fixes and editable))

    def _goto_problem_item(self, item: QListWidgetItem) -> None:
        problem = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(problem, Problem):
            self.form.focus_path(problem.path)

    def fix_selected(self) -> None:
        problem = self._selected_problem()
        if problem is None or not problem.fixes or self.form.bulletin is None:
            return
        self._apply_snapshot(
            fixed(self.form.bulletin, problem.fixes[0]),
            self.tr("修正：{0}").format(problem.message),
        )

    def fix_all_of_kind(self) -> None:
        problem = self._selected_problem()
        if problem is None or self.form.bulletin is None:
            return
        after = fix_all(self.form.bulletin, problem.rule, self.check_context())
        self._apply_snapshot(after, self.tr("修正全部：{0}").format(problem.rule))

    def _apply_snapshot(self, after: Bulletin, text: str) -> None:
        before = copy.deepcopy(self.form.bulletin)
        if before is None or before.to_dict() == after.to_dict():
            return
        self.form.load(after, self.form.parsed)
        self._on_restructure(before, after, text)

    # --- provenance ----------------------------------------------------------------------

    def _on_field_focus(self, path: str) -> None:
        if self.record is None or self.record.parsed is None:
            return
        spans = spans_for(self.record.parsed.spans, path)
        self.source.highlight_lines(spans)
        if self._boxes:
            boxes = [self._boxes[n] for a, b in spans for n in range(a, b + 1) if n in self._boxes]
            if boxes:
                self.page_view.show_boxes(boxes)

    def _on_source_line(self, line: int) -> None:
        if self.record is None or self.record.parsed is None:
            return
        path = key_at_line(self.record.parsed.spans, line)  # a paragraph: the cursor goes there
        if path is not None:
            self.form.focus_path(path)

    # --- workflow ------------------------------------------------------------------------

    def approve(self) -> None:
        if self.record is None or self.form.bulletin is None:
            return
        problems = [p for p in self.form.problems if p.is_error]
        if problems:
            listed = "\n".join(f"· {p.message}" for p in problems)
            self.notify(
                self.tr("不能批准"),
                self.tr("还有 {0} 处必须补正：\n{1}").format(len(problems), listed),
                QMessageBox.Icon.Warning,
            )
            self.form.focus_path(problems[0].path)
            return
        self._transition("approve")

    def reject(self) -> None:
        self._transition("reject")

    def reopen(self) -> None:
        self._transition("reopen")

    def _transition(self, action: str) -> None:
        if self.record is None:
            return
        self.save_now()
        self.operations.wait()
        bulletin_id = self.record.id
        try:
            status = self.store.transition(bulletin_id, action, self.user)
        except Exception as err:
            self.notify(self.tr("无法执行"), str(err), QMessageBox.Icon.Warning)
            return
        self.statusBar().showMessage(f"#{bulletin_id} {STATUS_LABELS[status]}", 5000)
        self.open_bulletin(bulletin_id)
        self.model.refresh_row(bulletin_id)

    def export(self) -> None:
        if self.record is None or self.record.current is None:
            return
        if self.record.status not in ("approved", "exported"):
            self.notify(
                self.tr("不能导出"), self.tr("批准后才能导出正式稿。"), QMessageBox.Icon.Warning
            )
            return
        bulletin, bulletin_id, user = self.record.current, self.record.id, self.user
        folder, profile = self.export_dir, self.profile
        name = export_name(bulletin, self.file_pattern, bulletin_id)

        def work() -> tuple[str, list[str]]:
            folder.mkdir(parents=True, exist_ok=True)
            written = export_docx(bulletin, free_path(folder, name), profile=profile)
            self.store.transition(bulletin_id, "export", user, detail=str(written))
            return str(written), export_warnings(bulletin, profile)

        self.export_action.setEnabled(False)
        self.operations.run(work, self._exported, self._export_failed)

    def _export_failed(self, message: str) -> None:
        self._update_actions()
        self.notify(self.tr("导出失败"), message, QMessageBox.Icon.Critical)

    def _exported(self, result: tuple[str, list[str]]) -> None:
        path, warnings = result
        if self.record is not None:
            self.open_bulletin(self.record.id)
            self.model.refresh_row(self.record.id)
        folder = str(Path(path).parent)
        # What the clerk should know before printing: fonts this computer lacks, long titles.
        notes = "".join("\n\n" + self.tr("提醒：") + w for w in warnings)
        self.notify(
            self.tr("已导出"),
            self.tr("已写出：\n{0}").format(path) + notes,
            QMessageBox.Icon.Information,
            choices=[
                (self.tr("打开文件"), lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(path))),
                (
                    self.tr("打开所在文件夹"),
                    lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(folder)),
                ),
            ],
        )
        self.exported.emit(path)

    # --- notices and closing -------------------------------------------------------------

    def notify(
        self,
        title: str,
        text: str,
        icon: QMessageBox.Icon,
        *,
        choices: list[tuple[str, Any]] | None = None,
    ) -> QMessageBox:
        """A non-blocking message box (the window stays usable; tests can read it).

        ``choices`` are extra buttons (label, what to do); a 关闭 button is always there.
        """
        box = QMessageBox(icon, title, text, parent=self)
        box.setWindowModality(Qt.WindowModality.NonModal)
        for label, handler in choices or []:
            box.addButton(label, QMessageBox.ButtonRole.ActionRole).clicked.connect(handler)
        box.addButton(self.tr("关闭"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _r: self.notices.remove(box) if box in self.notices else None)
        self.notices.append(box)
        box.show()
        self.statusBar().showMessage(
            self.tr("{0}：{1}").format(title, " ".join(text.split())), 8000
        )
        self.message.emit(title, text)
        return box

    def closeEvent(self, event: QCloseEvent) -> None:
        """Nothing typed is lost: the last edit is saved before the window goes."""
        self.save_now()
        self.operations.wait()
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
