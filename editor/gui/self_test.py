"""``jianxun --self-test``: the whole journey on a bundled sample, for support staff.

Opens the desk (offscreen where there is no screen), drops the sample bulletin
into a fresh inbox, waits for it in the queue, approves it, exports the DOCX,
reads the DOCX back and compares; exit code 0 when all of it works. Nothing
outside a temporary folder is touched, and nothing goes to the network.

With ``--database URL`` (or $JIANXUN_DATABASE) the office server's archive is checked
first (:mod:`editor.core.store.pg_selftest`): connection, schema version, Chinese search,
and a write read back inside a transaction that is rolled back; a failure ends the run.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from editor.core.diff import flatten
from editor.core.paths import DataDir
from editor.core.resources import resource_path


def _say(line: str) -> None:
    text = line + "\n"
    if sys.stdout is not None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        except (OSError, UnicodeEncodeError):
            pass
    with (Path(tempfile.gettempdir()) / "jianxun-self-test.log").open("a", encoding="utf-8") as log:
        log.write(text)


def check_server(url: str) -> bool:
    """The server's checks, one line each; whether all passed."""
    try:
        from editor.core.store.pg_selftest import server_checks
    except ImportError as err:
        if not (err.name or "").startswith("psycopg"):
            raise
        _say("✗ 连接：这台电脑上的简讯编审台没有安装 PostgreSQL 支持（缺少 psycopg）")
        return False
    ok = True
    for check in server_checks(url):
        _say(check.line)
        ok = ok and check.ok
    return ok


def run(database: str | None = None) -> int:
    """The desk's journey in a temporary folder; with ``database`` (a ``postgresql://``
    address), the server's archive is checked first."""
    if database is not None and not check_server(database):
        return 1
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QSettings, QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from editor.core.parsing import parse_file
    from editor.gui.app import DeskConfig, build_desk
    from editor.gui.settings import AppSettings

    def quiet(kind: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message and kind != QtMsgType.QtDebugMsg:
            _say(f"Qt: {message}")

    qInstallMessageHandler(quiet)
    app = QApplication.instance() or QApplication(sys.argv[:1])

    def wait(condition: Callable[[], bool], seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents()
            if condition():
                return True
            time.sleep(0.02)
        return condition()

    sample = resource_path("samples", "sample-bulletin.txt")
    with tempfile.TemporaryDirectory(prefix="jianxun-self-test-") as temp:
        work = Path(temp)
        # The user's own settings are not touched: this run keeps its settings in the temp folder.
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings")
        )
        settings = AppSettings(
            user="自检",
            language="zh_CN",
            inbox=work / "收件箱",
            export_dir=work / "导出",
            stability_delay=0.3,
        )
        desk = build_desk(DeskConfig(data=DataDir(work / "data"), settings=settings))
        window = desk.window
        exported: list[str] = []
        window.exported.connect(exported.append)
        try:
            window.show()
            _say(f"简讯编审台自检（临时目录 {work}）")
            shutil.copy(sample, settings.inbox / "自检样稿.txt")
            if not wait(lambda: window.model.rowCount() == 1, 30):
                _say("✗ 收件箱：样稿没有出现在队列里")
                return 1
            _say("✓ 收件箱：样稿已收取并出现在队列里")
            window.table.selectRow(0)
            record = window.record
            if record is None or record.current is None or not record.current.masthead.name:
                _say("✗ 解析：样稿没有解析出报头")
                return 1
            _say(f"✓ 解析：{record.current.masthead.name} 第{record.current.masthead.issue}期")
            window.approve()
            if not wait(
                lambda: window.record is not None and window.record.status == "approved", 10
            ):
                _say("✗ 批准：没有成功")
                return 1
            _say("✓ 批准")
            window.export()
            if not wait(lambda: bool(exported), 60):
                _say("✗ 导出：没有写出 DOCX")
                return 1
            path = Path(exported[0])
            if zipfile.ZipFile(path).testzip() is not None:
                _say(f"✗ 导出：{path} 已损坏")
                return 1
            back = parse_file(path)
            if flatten(back) != flatten(record.current):
                _say("✗ 导出：DOCX 读回后与原稿不一致")
                return 1
            _say(f"✓ 导出：{path.name}（读回与原稿一致）")
            theme = "QPlatformTheme"  # Qt's own context (a variable: not one of our strings)
            ok = QCoreApplication.translate(theme, "OK")
            if ok == "OK":
                _say("✗ 界面：Qt 自带的中文翻译没有装上（标准对话框按钮会是英文）")
                return 1
            _say(f"✓ 界面：标准对话框为中文（“{ok}”）")
            for box in list(window.notices):
                box.close()
        finally:
            desk.close()
    _say("自检通过")
    return 0
