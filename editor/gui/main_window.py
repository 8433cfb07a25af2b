"""The review desk: the queue on the left, the source beside the form on the right."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.core.workflow import (
    FAILED,
    RECOGNISING,
    allowed_actions,
)
from editor.gui.archive_upkeep import ArchiveUpkeep
from editor.gui.autosave import EDITABLE, Autosave
from editor.gui.bulletin_header import BulletinHeader
from editor.gui.commands import FieldEdit, Restructure
from editor.gui.form.bulletin_form import BulletinForm, field_label
from editor.gui.idle_warmth import IdleWarmth
from editor.gui.inbox_log import InboxLog, InboxLogButton
from editor.gui.operations import Operations
from editor.gui.problems_panel import ProblemsPanel
from editor.gui.queue_panel import QueuePanel
from editor.gui.recognition_work import RecognitionWork
from editor.gui.series_memory import SeriesMemory
from editor.gui.settings import AppSettings
from editor.gui.shared_work import SharedWork
from editor.gui.source_panel import SourcePanel
from editor.gui.window_actions import build_actions
from editor.gui.workflow_work import WorkflowWork

if TYPE_CHECKING:  # the archive, the inbox and the exporter load after the first paint;
    # the rules and field paths with the first bulletin opened
    from editor.core.checks import Action, Context, Problem
    from editor.core.export.profile import LayoutProfile
    from editor.core.ingest import Outcome
    from editor.core.model import Bulletin
    from editor.core.store import Record, Store
    from editor.gui.batch import Batch
    from editor.gui.bulk_work import BulkWork
    from editor.gui.history_dialog import HistoryDialog
    from editor.gui.page_view import PageView
    from editor.gui.settings_dialog import SettingsDialog

WARM_ROWS = 100
"""The queue's first rows whose series are read ahead while the desk is idle."""


class InboxBridge(QObject):
    """Carries ingest outcomes and inbox problems from the watcher's thread to the GUI thread."""

    ingested = Signal(object)
    inbox_problem = Signal(str)


class MainWindow(QMainWindow):
    """The desk's window. Made with the archive (``store``), or without it: the desk shows the
    window first and hands it the archive (:meth:`attach`) once it is painted (``painted``);
    until then the queue says the archive is being opened."""

    painted = Signal()  # the first paint is on the screen (emitted on the next turn, once)
    saved = Signal(int)  # bulletin id, after an autosave reached the store
    settings_changed = Signal(object)  # AppSettings the user accepted
    exported = Signal(str)  # path of a DOCX written
    message = Signal(str, str)  # title, text of every notice shown to the user
    reject_dialog: QInputDialog  # the last 退回 dialog (tests answer it)
    # made by window_actions.build_actions
    undo_action: QAction
    redo_action: QAction
    revert_action: QAction
    next_action: QAction
    prev_action: QAction
    approve_action: QAction
    export_action: QAction
    reject_action: QAction
    reopen_action: QAction
    history_action: QAction
    settings_action: QAction
    find_action: QAction
    ingest_action: QAction
    export_all_action: QAction
    refresh_action: QAction
    quit_action: QAction
    shortcuts_action: QAction
    guide_action: QAction
    about_action: QAction

    store: Store  # given, or handed over by attach()

    def __init__(self, store: Store | None, operations: Operations, settings: AppSettings) -> None:
        super().__init__()
        self.operations = operations
        self.attached = False  # the archive is here (the queue shows its rows)
        self._painted = False
        self.settings = settings
        self.inbox, self.export_dir, self.user = settings.inbox, settings.export_dir, settings.user
        self.file_pattern = settings.file_pattern
        self._profile: LayoutProfile | None = None
        self._bulk: BulkWork | None = None
        self.record: Record | None = None
        self.undo_stack = QUndoStack(self)
        self.bridge = InboxBridge(self)
        self.bridge.ingested.connect(self._on_ingested)
        self.bridge.inbox_problem.connect(self._on_inbox_problem)
        self.inbox_log = InboxLog(self)
        self.autosave = Autosave(self)
        self.shared = SharedWork(self)
        self.shared.lease_changed.connect(self._lease_changed)
        self.recognition = RecognitionWork(self)
        self._reload_timer = QTimer(self, singleShot=True, interval=200)
        self._reload_timer.timeout.connect(self._reload_queue)
        self.notices: list[QMessageBox] = []
        self.setWindowTitle(self.tr("简讯编审台"))
        self.workflow = WorkflowWork(self)
        self._build()
        self._actions()
        self._archive_actions = (
            self.ingest_action,
            self.export_all_action,
            self.refresh_action,
            self.settings_action,
        )
        for act in self._archive_actions:  # (they work on the archive: not before it is here)
            act.setEnabled(store is not None)
        self.setAcceptDrops(store is not None)
        if store is not None:
            self.attach(store)
        self._update_actions()

    def attach(self, store: Store) -> None:
        """The archive, opened: the queue fills with its bulletins."""
        self.store = store
        self.series_memory.store = store
        self.attached = True
        self.upkeep.start(store)  # (rows an earlier version indexed: renewed meanwhile)
        self.queue.set_store(store)
        for act in self._archive_actions:
            act.setEnabled(True)
        self.setAcceptDrops(True)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True  # (said once this paint has reached the screen)
            QTimer.singleShot(0, self, self.painted.emit)
        return super().event(event)

    @property
    def page_view(self) -> PageView:
        """The PDF page of the source pane (made when first needed)."""
        return self.source_panel.page_view

    @property
    def profile(self) -> LayoutProfile:
        """The layout profile for exports (read when first needed: the exporter loads then)."""
        if self._profile is None:
            self._profile = self.settings.profile()
        return self._profile

    @property
    def bulk(self) -> BulkWork:
        """Folders and drops into the archive, exports of everything approved (made when
        first used: the inbox's and the exporter's code load then)."""
        if self._bulk is None:
            from editor.gui.bulk_work import BulkWork

            self._bulk = BulkWork(self)
        return self._bulk

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.queue = QueuePanel(None)  # (the archive comes with attach())
        # Whatever changes in the archive shows in the queue: rows read again, or refreshed.
        self.queue.model.modelReset.connect(self.forget_series_history)
        self.queue.model.dataChanged.connect(self._rows_changed)
        self.queue.chosen.connect(self.open_bulletin)
        self.queue.filtered.connect(self._on_filtered)
        self.queue.set_inbox(str(self.inbox))
        self.model, self.table, self.search = self.queue.model, self.queue.table, self.queue.search

        self.source_panel = SourcePanel()
        self.source_panel.line_clicked.connect(self._on_source_line)
        self.source = self.source_panel.source
        self.source_tabs = self.source_panel.tabs
        self.form = BulletinForm()
        self.form.edited.connect(self._on_field_edit)
        self.form.restructured.connect(self._on_restructure)
        self.form.kind_edited.connect(self._on_kind_edit)
        self.form.hint.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.form.field_focused.connect(self._on_field_focus)
        self.form.context = self.check_context
        self.form.source_lines = self.source_panel.lines
        self.form.set_undo_stack(self.undo_stack)
        # The open bulletin's checks: its series' other issues (and whether they sign their
        # articles), read once per opening; and, across openings, each series' issues as the
        # archive holds them, kept while they stay so.
        self.series_memory = SeriesMemory()
        # ... and the series of the queue's first rows, read while idle (after each reload).
        self.warmth = IdleWarmth(self.series_memory, self._series_in_view, self)
        self.queue.model.modelReset.connect(self.warmth.schedule)
        self.upkeep = ArchiveUpkeep(self)
        self._series: list[Any] = []
        self.header = BulletinHeader(self)
        self.take_over_button = self.header.take_over_button
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.header)
        self.pane = QSplitter(Qt.Orientation.Horizontal)
        self.pane.setObjectName("sourceFormSplitter")
        self.pane.addWidget(self.source_panel)
        self.pane.addWidget(self.form)
        self.pane.setSizes([450, 550])
        right_layout.addWidget(self.pane, 1)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("queueSplitter")
        self.split.addWidget(self.queue)
        self.split.addWidget(right)
        self.split.setStretchFactor(1, 1)
        self.setCentralWidget(self.split)

        self.inbox_duty = True  # until the app says otherwise (InboxDuty)
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

        self.problems = ProblemsPanel()
        self.problems.go_to.connect(self.form.focus_path)
        self.problems.fix.connect(self.fix_problem)
        self.problems.fix_all.connect(self.fix_all_of_kind)
        self.problems.act.connect(self.archive_action)
        self.form.problems_changed.connect(self.problems.show_problems)
        self.problem_list = self.problems.problem_list
        self.fix_button, self.fix_all_button = (
            self.problems.fix_button,
            self.problems.fix_all_button,
        )
        dock = QDockWidget(self.tr("问题与修正"), self)
        dock.setObjectName("problems")
        dock.setWidget(self.problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.resizeDocks([dock], [130], Qt.Orientation.Vertical)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """Open at a comfortable size, but never larger than the screen's free area.

        On a 1280-wide screen the queue gets a third, on a wide one up to 620 pixels.
        """
        screen = self.screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry() if screen is not None else None
        width = min(free.width(), max(1500, free.width() * 9 // 10)) if free else 1500
        height = min(free.height(), max(900, free.height() * 9 // 10)) if free else 900
        self.resize(width, height)
        queue = min(620, width // 3)
        self.split.setSizes([queue, width - queue])
        rest = width - queue
        self.pane.setSizes([rest * 9 // 20, rest - rest * 9 // 20])

    def restore_layout(self, settings: QSettings) -> None:
        """Geometry, splitter sizes and the dock as the user left them (if they still fit)."""
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        for splitter in (self.split, self.pane):
            sizes = settings.value(f"window/{splitter.objectName()}")
            if sizes is not None:
                splitter.restoreState(sizes)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            free = screen.availableGeometry()
            if not free.contains(self.frameGeometry()):
                self.resize(min(self.width(), free.width()), min(self.height(), free.height()))
                self.move(free.topLeft())

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        for splitter in (self.split, self.pane):
            settings.setValue(f"window/{splitter.objectName()}", splitter.saveState())

    def _actions(self) -> None:
        build_actions(self)

    # --- queue ---------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _apply_filter(self) -> None:
        self.queue.apply_filter()

    def _on_filtered(self) -> None:
        """A search names words: the open bulletin's source marks where they are."""
        if self.record is not None:
            self.source_panel.show_matches(self.queue.model.query)

    def reload_queue(self) -> None:
        self.queue.reload()

    _reload_queue = reload_queue

    def reload_queue_soon(self) -> None:
        self._reload_timer.start()

    def _on_ingested(self, outcome: Outcome) -> None:
        self.forget_series_history()  # (at once: the queue reloads a moment later)
        if outcome.kind == "recognising" and outcome.bulletin_id is not None:
            self.recognition.add(outcome.bulletin_id)
        if outcome.kind != "skipped":
            self.statusBar().showMessage(outcome.line(), 8000)
        self.inbox_log.add_outcome(outcome)
        self._reload_timer.start()

    def _on_inbox_problem(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        self.inbox_log.add(message, problem=True)

    def select_bulletin(self, bulletin_id: int) -> None:
        if not self.queue.select(bulletin_id):
            self.open_bulletin(bulletin_id)

    # --- one bulletin --------------------------------------------------------------------

    def open_bulletin(self, bulletin_id: int) -> None:
        from editor.core.ingest import source_view

        self.save_now()
        self.record = self.store.get(bulletin_id)
        self.queue.current_id = bulletin_id
        summary = self.record.summary
        self.undo_stack.clear()
        self.series_memory.opened()
        self._series = self.store.list_series()
        view = source_view(self.store, self.record.sha256, summary.source_name)
        self.source_panel.show_source(view.text, view.pdf, view.boxes)
        self.source.show_doubts(view.doubts)
        # Read-only as its state says before it is filled (each field styled once; a lease
        # held by another desk makes it read-only below, in update_header).
        status = self.record.status
        read_only = status not in EDITABLE and status != FAILED
        self.form.load(self.record.current, self.record.parsed, read_only=read_only)
        if self.record.status == RECOGNISING:
            self.form.setWidget(
                QLabel(self.tr("正在识别这份扫描件上的文字，识别完成后在这里校对。"))
            )
        self.source_panel.show_matches(self.queue.model.query)
        self.shared.opened(bulletin_id, self.record.status)
        self.update_header()
        self._update_actions()

    def reload_open(self) -> None:
        """Show the open bulletin as the archive holds it now (another desk changed it),
        where the editor was reading."""
        if self.record is None:
            return
        with self.form.keeping_place():
            self.open_bulletin(self.record.id)
        self.model.refresh_row(self.record.id)

    def _lease_changed(self) -> None:
        if self.shared.other is not None:  # another desk edits it: nothing to undo here
            self.undo_stack.clear()
        self.update_header()
        self._update_actions()

    def update_header(self) -> None:
        self.header.update()
        s = self.record.summary if self.record is not None else None
        if s is None:
            return
        leased = self.shared.lease_text()
        editable = s.status in EDITABLE and not leased
        self.form.set_read_only(
            not editable and s.status != "failed",
            self.shared.lease_note() if leased and s.status in EDITABLE else None,
        )
        self.problems.set_editable(editable)

    def _update_actions(self) -> None:
        leased = self.shared.other is not None  # another desk edits it: look, don't touch
        allowed = allowed_actions(self.record.status) if self.record and not leased else []
        editable = self.record is not None and self.record.status in EDITABLE and not leased
        for act in (self.revert_action, self.next_action, self.prev_action):
            act.setEnabled(editable and self.form.bulletin is not None)
        self.history_action.setEnabled(self.record is not None)
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
        self.autosave.changed()

    def save_now(self) -> None:
        self.autosave.save_now()

    def seen_version(self) -> int | None:
        return self.autosave.seen_version()

    def revert_field(self) -> None:
        """Put the focused field back to what the parser read."""
        from editor.core.fieldpath import get_field

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

    # --- files in, files out, in bulk (bulk_work) and the workflow (workflow_work) -------

    def choose_folder_to_ingest(self) -> QFileDialog:
        return self.bulk.choose_folder_to_ingest()

    def ingest_paths(self, paths: list[Path]) -> Batch | None:
        return self.bulk.ingest_paths(paths)

    def export_all_approved(self) -> Batch | None:
        return self.bulk.export_all_approved()

    def approve(self) -> None:
        self.workflow.approve()

    def reject(self) -> None:
        self.workflow.reject()

    def reopen(self) -> None:
        self.workflow.reopen()

    def export(self) -> None:
        self.workflow.export()

    def archive_action(self, action: Action) -> None:
        self.workflow.archive_action(action)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.ingest_paths(paths)

    def show_shortcuts(self) -> QDialog:
        from editor.gui.help_dialogs import shortcuts_dialog

        dialog = shortcuts_dialog(self, self.actions())
        dialog.open()
        return dialog

    def show_guide(self) -> QDialog:
        from editor.gui.help_dialogs import guide_dialog

        dialog = guide_dialog(self, self.settings.language)
        dialog.open()
        return dialog

    def show_about(self) -> QDialog:
        from editor.gui.help_dialogs import about_dialog

        server = getattr(self.store, "place", None)  # a server archive names itself
        dialog = about_dialog(self, self.store.data, str(self.inbox), str(self.export_dir), server)
        dialog.open()
        return dialog

    # --- settings ------------------------------------------------------------------------

    def show_settings(self) -> SettingsDialog:
        from editor.gui.settings_dialog import SettingsDialog

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
        self._profile = None  # (read again when next needed)
        self.show_inbox_duty(self.inbox_duty)
        self.queue.set_inbox(str(self.inbox))
        self._series = self.store.list_series()
        self.form.refresh_states()
        message = self.tr("设置已生效")
        if language_changed:
            message += self.tr("；界面语言在重新启动后生效")
        self.statusBar().showMessage(message, 6000)

    def show_inbox_duty(self, on_duty: bool) -> None:
        """Whether this desk takes the shared inbox, or another desk does."""
        from editor.gui.inbox_duty import duty_text

        self.inbox_duty = on_duty
        self.inbox_label.setText(
            self.tr("收件箱：{0}").format(self.inbox)
            if on_duty
            else self.tr("收件箱：{0}（由另一台编审台收取）").format(self.inbox)
        )
        self.inbox_label.setToolTip(duty_text(on_duty))
        self.statusBar().showMessage(duty_text(on_duty), 6000)

    # --- history -------------------------------------------------------------------------

    def show_history(self) -> HistoryDialog | None:
        if self.record is None:
            return None
        from editor.gui.history_dialog import HistoryDialog

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
        from editor.core.fieldpath import get_field

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
        from editor.core.checks import Context

        record = self.record
        bulletin = self.form.bulletin
        if record is None or bulletin is None:
            return Context()
        history, signs = self.series_memory.for_record(bulletin.masthead.name or "", record)
        return Context(
            history=history,
            source_lines=self.source_panel.lines(),
            parsed=record.parsed,
            series_uses_attribution=signs,
            series=self._series,
            bulletin_id=record.id,
            status=record.status,
        )

    def _series_in_view(self) -> list[str]:
        """The series of the queue's first rows: the bulletins a user opens first."""
        rows = range(min(self.model.rowCount(), WARM_ROWS))
        return [s.series for r in rows if (s := self.model.summary(r)) is not None and s.series]

    def forget_series_history(self) -> None:
        """The archive changed: each series' issues are read again when next needed."""
        self.series_memory.forget()

    def _rows_changed(self, first: QModelIndex, last: QModelIndex, *_roles: object) -> None:
        for row in range(first.row(), last.row() + 1):
            if (bulletin_id := self.model.id_at(row)) is not None:
                self.series_memory.changed(bulletin_id)

    def fix_problem(self, problem: Problem) -> None:
        from editor.core.checks import fixed

        if not problem.fixes or self.form.bulletin is None:
            return
        self._apply_snapshot(
            fixed(self.form.bulletin, problem.fixes[0]),
            self.tr("修正 {0}：{1}").format(field_label(problem.path), problem.fixes[0].label),
        )

    def fix_selected(self) -> None:
        problem = self.problems.selected()
        if problem is not None:
            self.fix_problem(problem)

    def fix_all_of_kind(self, problem: Problem | None = None) -> None:
        from editor.core.checks import fix_all

        problem = problem or self.problems.selected()
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
        from editor.core.fieldpath import spans_for

        if self.record is None or self.record.parsed is None:
            return
        self.source_panel.highlight(spans_for(self.record.parsed.spans, path))

    def _on_source_line(self, line: int, column: int) -> None:
        """A click in the source: the cursor goes to the paragraph, and the character, it became."""
        from editor.core.fieldpath import source_position

        if self.record is None or self.record.parsed is None:
            return
        found = source_position(self.record.parsed, line, column, self.source_panel.lines())
        if found is not None:
            path, char = found
            self.form.focus_path(path, char)

    # --- workflow ------------------------------------------------------------------------

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
        self.queue.stop_search()
        self._reload_timer.stop()
        self.warmth.stop()
        self.upkeep.stop()
        self.recognition.close()
        self.shared.stop()
        self.save_layout(QSettings())
        super().closeEvent(event)
