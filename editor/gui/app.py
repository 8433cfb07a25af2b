"""Start the desktop app: the one place where the parts are made and wired together.

The store, the operations runner, the inbox watcher and the window are
created here and handed to each other; nothing reaches for a global.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from editor import __version__
from editor.core.inbox import DEFAULT_STABILITY_DELAY, InboxWatcher
from editor.core.ingest import default_user, ingest_file
from editor.core.paths import DataDir, data_dir, default_inbox
from editor.core.store import Store, StoreError
from editor.core.store.schema import SchemaTooNew
from editor.gui.main_window import MainWindow
from editor.gui.operations import Operations


@dataclass
class DeskConfig:
    data: DataDir
    inbox: Path
    export_dir: Path = field(
        default_factory=lambda: Path(platformdirs.user_documents_dir()) / "简讯导出"
    )
    user: str = field(default_factory=default_user)
    polling: bool = False
    stability_delay: float = DEFAULT_STABILITY_DELAY


@dataclass
class Desk:
    """Everything the running app is made of, so it can be closed in order."""

    window: MainWindow
    store: Store
    watcher: InboxWatcher
    operations: Operations

    def close(self) -> None:
        self.window.close()
        self.watcher.stop()
        self.operations.wait()
        self.store.close()


def build_desk(config: DeskConfig) -> Desk:
    """Create and wire the store, the watcher and the window (a QApplication must exist)."""
    store = Store(config.data)
    operations = Operations()
    config.inbox.mkdir(parents=True, exist_ok=True)
    window = MainWindow(
        store, operations, inbox=config.inbox, export_dir=config.export_dir, user=config.user
    )
    operations.setParent(window)

    def take(path: Path) -> None:  # on the watcher's thread; the store has one writer lock
        window.bridge.ingested.emit(ingest_file(store, path, user=config.user))

    watcher = InboxWatcher(
        config.inbox,
        take,
        is_known=store.known_source,
        polling=config.polling,
        stability_delay=config.stability_delay,
    )
    watcher.start()
    return Desk(window, store, watcher, operations)


def run(inbox: Path | None = None, data: Path | None = None) -> int:
    """``jianxun`` with no command: open the main window."""
    QCoreApplication.setOrganizationName("jianxun")
    QCoreApplication.setApplicationName("简讯编审台")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = QSettings()
    inbox_dir = inbox or Path(str(settings.value("inbox", str(default_inbox()))))
    config = DeskConfig(data=data_dir(data), inbox=inbox_dir)
    config.polling = str(settings.value("polling", "false")).lower() == "true"
    try:
        desk = build_desk(config)
    except (StoreError, SchemaTooNew, OSError) as err:
        QMessageBox.critical(None, "简讯编审台无法启动", str(err))
        return 2
    geometry = settings.value("window/geometry")
    if geometry is not None:
        desk.window.restoreGeometry(geometry)
    desk.window.show()
    code = app.exec()
    desk.close()
    return int(code)
