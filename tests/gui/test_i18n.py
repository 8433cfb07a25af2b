"""The Chinese interface: visible strings through tr(), complete translations, two languages."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from editor.gui import i18n
from editor.gui.app import Desk, DeskConfig, build_desk

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "editor" / "gui"
CJK = re.compile(r"[\u4e00-\u9fff]")
TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP"}
# a folder name on disk, and the export file name pattern: the same in every language
NOT_SHOWN = {"简讯导出", "{name}第{issue}期.docx"}


def untranslated(path: Path) -> list[str]:
    """CJK string literals in a GUI module that do not go through Qt's translation calls."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if not CJK.search(node.value) or node.value in NOT_SHOWN:
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Expr):
            continue  # a docstring
        call = parent
        while isinstance(call, ast.JoinedStr | ast.FormattedValue):
            call = parents.get(call)
        if isinstance(call, ast.Call):
            name = (
                call.func.attr
                if isinstance(call.func, ast.Attribute)
                else getattr(call.func, "id", "")
            )
            if name in TRANSLATING:
                continue
        found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    return found


CONSOLE = {"self_test.py"}  # a report on the console, like the command line: Chinese by design


def test_every_visible_string_goes_through_tr() -> None:
    problems = [
        line
        for path in sorted(GUI.rglob("*.py"))
        if path.name not in CONSOLE
        for line in untranslated(path)
    ]
    assert problems == []


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    out = {}
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            out[(name, source)] = message.find("translation")  # type: ignore[assignment]
    return out


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_translations_are_complete_and_current(tmp_path: Path, language: str) -> None:
    committed = messages(ROOT / "i18n" / f"jianxun_{language}.ts")
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run(
        [
            str(lupdate),
            *map(str, sorted(GUI.rglob("*.py"))),
            "-source-language",
            "zh_CN",
            "-target-language",
            language,
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    current = set(messages(fresh))
    missing = sorted(current - set(committed))
    assert missing == [], "run: .venv/bin/python scripts/i18n.py update"
    unfinished = [
        key
        for key, translation in committed.items()
        if key in current
        and (
            translation.get("type") in ("unfinished", "vanished")
            or not (translation.text or "").strip()
        )
    ]
    assert unfinished == []


def test_the_interface_follows_the_language_setting(
    qtbot: Any, make_desk: Callable[[], Desk], tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    chinese = make_desk()
    assert chinese.window.approve_action.text() == "批准"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert (
        box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    )  # Qt's own, translated
    chinese.watcher.stop()

    from editor.core.paths import DataDir
    from editor.gui.settings import AppSettings

    english = build_desk(
        DeskConfig(
            data=DataDir(tmp_path / "english-data"),
            settings=AppSettings(
                language="en", inbox=tmp_path / "inbox-en", export_dir=tmp_path / "out"
            ),
        )
    )
    qtbot.addWidget(english.window)
    try:
        text = english.window.approve_action.text()
        assert text.isascii()
        assert text
        assert english.window.model.headerData(
            0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal
        ).isascii()
    finally:
        english.watcher.stop()
        english.store.close()
    from editor.gui import i18n

    i18n.install("zh_CN")


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        ("Chinese", "zh_CN"),
        ("C", "zh_CN"),  # a bare POSIX locale, as on many Linux installs
        ("French", "zh_CN"),
        ("English", "en"),
    ],
)
def test_the_interface_is_chinese_unless_english_is_asked_for(system: str, expected: str) -> None:
    from PySide6.QtCore import QLocale

    from editor.gui.i18n import resolve

    assert resolve("system", getattr(QLocale.Language, system)) == expected
    assert resolve("en", QLocale.Language.Chinese) == "en"
    assert resolve("zh_CN", QLocale.Language.English) == "zh_CN"


def test_standard_dialogs_are_chinese(qtbot: Any) -> None:
    """Qt's own buttons and the folder picker, including what qtbase's Chinese lacks."""
    from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

    i18n.install("zh_CN")
    box = QMessageBox(QMessageBox.Icon.Warning, "标题", "正文", QMessageBox.StandardButton.Ok)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Ok).text() == "确定"
    picker = QFileDialog(None, "选择文件夹")
    picker.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(picker)
    labels = {label.text() for label in picker.findChildren(QLabel) if label.text()}
    assert "查找范围(&L)：" in labels
    assert "文件类型(&T)：" in labels
    assert not any(text.isascii() for text in labels)
