"""Start the desktop app: the one place where the parts are made and wired together.

The store, the operations runner, the inbox watcher and the window are
created here and handed to each other; nothing reaches for a global.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from editor import __version__
from editor.core.errors import os_reason
from editor.core.inbox import InboxWatcher
from editor.core.ingest import RepeatFilter, ingest_file
from editor.core.paths import DataDir, DataDirError, data_dir
from editor.core.resources import resource_path
from editor.core.store import Store, StoreError, open_store
from editor.core.store.schema import SchemaTooNew
from editor.gui import i18n, instance
from editor.gui.main_window import MainWindow
from editor.gui.operations import Operations
from editor.gui.settings import AppSettings


@dataclass
class DeskConfig:
    data: DataDir
    settings: AppSettings = field(default_factory=AppSettings)


@dataclass
class Desk:
    """Everything the running app is made of, so it can be reconfigured and closed in order."""

    window: MainWindow
    store: Store
    watcher: InboxWatcher
    operations: Operations

    def start_watcher(self, settings: AppSettings) -> None:
        window, store = self.window, self.store

        repeats = RepeatFilter()

        def take(path: Path) -> bool:  # on the watcher's thread; the store has one writer lock
            outcome = ingest_file(store, path, user=window.user, inbox=settings.inbox)
            if repeats.fresh(outcome):
                window.bridge.ingested.emit(outcome)
            return not outcome.retry_later

        self.watcher = InboxWatcher(
            settings.inbox,
            take,
            is_known=store.known_source,
            on_error=window.bridge.inbox_problem.emit,
            polling=settings.polling,
            stability_delay=settings.stability_delay,
        )
        self.watcher.start()

    def apply(self, settings: AppSettings) -> None:
        """New settings take effect at once: the watcher restarts if the inbox changed."""
        old = self.watcher
        if (old.folder, old.polling, old.stability_delay) != (
            settings.inbox.absolute(),
            settings.polling,
            settings.stability_delay,
        ):
            old.stop()
            self.start_watcher(settings)
        self.window.apply_settings(settings)

    def close(self) -> None:
        self.window.close()
        self.watcher.stop()
        self.operations.wait()
        self.store.close()


def build_desk(config: DeskConfig) -> Desk:
    """Create and wire the store, the watcher and the window (a QApplication must exist)."""
    settings = config.settings
    i18n.install(settings.language)
    store = open_store(config.data)
    operations = Operations()
    settings.inbox.mkdir(parents=True, exist_ok=True)
    window = MainWindow(store, operations, settings)
    operations.setParent(window)
    desk = Desk(window, store, None, operations)  # type: ignore[arg-type]
    desk.start_watcher(settings)
    window.settings_changed.connect(desk.apply)
    return desk


def run(inbox: Path | None = None, data: Path | None = None) -> int:
    """``jianxun`` with no command: open the main window."""
    QCoreApplication.setOrganizationName("jianxun")
    QCoreApplication.setApplicationName(QCoreApplication.translate("app", "简讯编审台"))
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if isinstance(app, QApplication):
        app.setWindowIcon(QIcon(str(resource_path("icons", "jianxun.png"))))
    settings = QSettings()
    chosen = AppSettings.load(settings)
    i18n.install(chosen.language)  # before the first dialog, so its buttons are Chinese too
    if inbox is not None:
        chosen.inbox = inbox
    config = DeskConfig(data=data_dir(data), settings=chosen)
    cannot_start = QCoreApplication.translate("app", "简讯编审台无法启动")
    try:  # first, so a folder it cannot write is not mistaken for "already running"
        config.data.ensure()
    except DataDirError as err:
        QMessageBox.critical(None, cannot_start, str(err))
        return 2
    lock = instance.acquire(config.data)
    if lock is None:
        QMessageBox.warning(
            None,
            QCoreApplication.translate("app", "简讯编审台已在运行"),
            QCoreApplication.translate(
                "app", "另一个编审台窗口正在使用这个数据目录：\n{0}\n请切换到那个窗口。"
            ).format(config.data.root),
        )
        return 3
    try:
        desk = build_desk(config)
    except (StoreError, SchemaTooNew, OSError) as err:
        lock.unlock()
        # The core's messages name the place in Chinese; an OSError's own text is English.
        message = (
            f"{err.filename or config.data.root}：{os_reason(err)}"
            if isinstance(err, OSError)
            else str(err)
        )
        QMessageBox.critical(None, cannot_start, message)
        return 2
    desk.window.restore_layout(settings)
    desk.window.show()
    code = app.exec()
    desk.close()
    lock.unlock()
    return int(code)
