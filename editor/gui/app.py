"""Start the desktop app: the one place where the parts are made and wired together.

The store, the operations runner, the inbox duty (its watcher), the change feed and the
window are created here and handed to each other; nothing reaches for a global.

At start (:func:`run`) the window comes first: only Qt and the window's own modules load
before it is painted. The archive (SQLite, with its code), the inbox's watcher and the change
feed follow on the next turn of the event loop, while the queue says the archive is being
opened; the exporter, OCR and PDF pages load when first used. A server's archive is opened
before the window (it may ask for the password), as ever.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from editor import __version__
from editor.core.paths import DataDir, DataDirError, data_dir
from editor.core.resources import resource_path
from editor.gui import i18n, instance
from editor.gui.settings import AppSettings

if TYPE_CHECKING:
    from editor.core.inbox import InboxWatcher
    from editor.core.store import Store
    from editor.gui.inbox_duty import InboxDuty
    from editor.gui.main_window import MainWindow
    from editor.gui.operations import Operations

ATTACH_ANYWAY_MS = 3000
"""A window that is not painted (minimised at start, say) gets its archive after this anyway."""


@dataclass
class DeskConfig:
    data: DataDir
    settings: AppSettings = field(default_factory=AppSettings)


@dataclass
class Desk:
    """Everything the running app is made of, so it can be reconfigured and closed in order."""

    window: MainWindow
    store: Store
    duty: InboxDuty
    operations: Operations

    @property
    def watcher(self) -> InboxWatcher:
        """The inbox's watcher (running while this desk takes the inbox)."""
        return self.duty.watcher

    def apply(self, settings: AppSettings) -> None:
        """New settings take effect at once: the watcher restarts if the inbox changed.

        Another archive (this computer's or a server's) is opened at the next start: this
        window keeps the one it has, and says so."""
        before = self.window.settings
        if (settings.archive, settings.server) != (before.archive, before.server):
            place = (
                settings.server.place
                if settings.on_server
                else QCoreApplication.translate("app", "本机档案")
            )
            self.window.notify(
                QCoreApplication.translate("app", "档案"),
                QCoreApplication.translate("app", "档案改为 {0}，重新启动编审台后生效。").format(
                    place
                ),
                QMessageBox.Icon.Information,
            )
        old = self.watcher
        if (old.folder, old.polling, old.stability_delay) != (
            settings.inbox.absolute(),
            settings.polling,
            settings.stability_delay,
        ):
            self.duty.restart(settings)
        self.window.apply_settings(settings)

    def close(self) -> None:
        self.duty.stop()  # no more files taken: nothing new to show
        self.window.close()  # saves the last edit, stops the change feed, lets go of the lease
        self.operations.wait()
        self.store.close()


def build_desk(config: DeskConfig, store: Store | None = None) -> Desk:
    """Create and wire the store (the archive the settings choose, unless ``store`` is
    given), the watcher and the window (a QApplication must exist)."""
    from editor.gui.main_window import MainWindow
    from editor.gui.operations import Operations

    settings = config.settings
    i18n.install(settings.language)
    if store is None:
        from editor.gui.archive_open import open_archive

        store = open_archive(settings, config.data)
    operations = Operations()
    settings.inbox.mkdir(parents=True, exist_ok=True)
    window = MainWindow(store, operations, settings)
    operations.setParent(window)
    return _wire(window, store, operations)


def _wire(window: MainWindow, store: Store, operations: Operations) -> Desk:
    """The inbox duty, the change feed and the settings, around a window that has its archive."""
    from editor.gui.inbox_duty import InboxDuty

    duty = InboxDuty(
        store,
        window.shared.desk,
        window.settings,
        user=lambda: window.user,
        on_outcome=window.bridge.ingested.emit,
        on_problem=window.bridge.inbox_problem.emit,
        parent=window,
    )
    duty.duty_changed.connect(window.show_inbox_duty)
    duty.duty_changed.connect(window.recognition.on_duty)  # the inbox's taker reads its scans
    desk = Desk(window, store, duty, operations)
    duty.start()
    window.shared.start()
    # The form's code for a first bulletin, once the queue has had its turn (not before the
    # first paint: editor.gui.form.bulletin_form.BulletinForm.warm_up).
    QTimer.singleShot(0, window, window.form.warm_up)
    window.settings_changed.connect(desk.apply)
    return desk


def _archive_errors() -> tuple[type[Exception], ...]:
    """What opening the archive may raise for a reason the user can act on (evaluated only
    when something was raised: the archive's code is not loaded for this)."""
    from editor.core.store import StoreError
    from editor.core.store.schema import SchemaTooNew

    return (StoreError, SchemaTooNew, OSError)


def _reason(err: Exception, data: DataDir) -> str:
    """The core's messages name the place in Chinese; an OSError's own text is English."""
    if isinstance(err, OSError):
        from editor.core.errors import os_reason

        return f"{err.filename or data.root}：{os_reason(err)}"
    return str(err)


def run(inbox: Path | None = None, data: Path | None = None) -> int:
    """``jianxun`` with no command: open the main window."""
    QCoreApplication.setOrganizationName("jianxun")
    QCoreApplication.setApplicationName(QCoreApplication.translate("app", "简讯编审台"))
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])

    def set_icon() -> None:
        """The program's icon: loading it makes Qt read every image-format plugin (tens of
        milliseconds from a cold disk), so it comes after the window's first paint, or just
        before a message that stops the start."""
        if isinstance(app, QApplication) and app.windowIcon().isNull():
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
        set_icon()
        QMessageBox.critical(None, cannot_start, str(err))
        return 2
    lock = instance.acquire(config.data)
    if lock is None:
        set_icon()
        QMessageBox.warning(
            None,
            QCoreApplication.translate("app", "简讯编审台已在运行"),
            QCoreApplication.translate(
                "app", "另一个编审台窗口正在使用这个数据目录：\n{0}\n请切换到那个窗口。"
            ).format(config.data.root),
        )
        return 3
    store: Store | None = None
    try:
        if chosen.on_server:  # it may ask for the server's password: before the window
            from editor.gui.archive_open import open_at_start

            set_icon()  # (its dialogs come before the window)
            store = open_at_start(chosen, config.data)
            if store is None:  # the server's archive could not be used, and the user quit
                lock.unlock()
                return 2
        from editor.gui.main_window import MainWindow
        from editor.gui.operations import Operations

        operations = Operations()
        chosen.inbox.mkdir(parents=True, exist_ok=True)
        window = MainWindow(None, operations, chosen)
        operations.setParent(window)
    except _archive_errors() as err:
        lock.unlock()
        set_icon()
        QMessageBox.critical(None, cannot_start, _reason(err, config.data))
        return 2
    desks: list[Desk] = []
    failed: list[str] = []

    def attach() -> None:
        """The archive, once the window is on the screen (this computer's is opened now)."""
        if desks or failed or not window.isVisible():
            return
        set_icon()
        try:
            if store is None:
                from editor.gui.archive_open import open_archive

                opened = open_archive(chosen, config.data)
            else:
                opened = store
            window.attach(opened)
        except _archive_errors() as err:
            # Said once the event loop has ended (a dialog in here, then quitting, would
            # leave Qt's timers stopped for whoever runs an event loop next).
            failed.append(_reason(err, config.data))
            window.hide()
            app.exit(2)
            return
        desks.append(_wire(window, opened, operations))

    window.painted.connect(attach)
    QTimer.singleShot(ATTACH_ANYWAY_MS, window, attach)
    window.restore_layout(settings)
    window.show()
    code = app.exec()
    if desks:
        desks[0].close()
    else:
        window.close()
        if store is not None:
            store.close()
    lock.unlock()
    if failed:
        set_icon()
        QMessageBox.critical(None, cannot_start, failed[0])
        return 2
    return int(code)
