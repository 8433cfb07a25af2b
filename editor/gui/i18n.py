"""Load the interface's translations: the app's own and Qt's (qtbase: standard buttons, dialogs).

The interface is Chinese first: English only when the settings name it or the
system locale is English (a C/POSIX or any other locale gets Chinese). It is
written in Chinese, so Chinese needs no translation file to be complete; English
comes from i18n/jianxun_en.ts, built to resources/i18n.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from editor.core.resources import resource_path

_installed: list[QTranslator] = []


def resolve(language: str, system: QLocale.Language | None = None) -> str:
    """``system``, ``zh_CN`` or ``en`` -> the language the interface will use."""
    if language in ("zh_CN", "en"):
        return language
    found = QLocale.system().language() if system is None else system
    return "en" if found == QLocale.Language.English else "zh_CN"


def install(language: str) -> str:
    """Install the translators for a language (replacing earlier ones); returns its code."""
    app = QCoreApplication.instance()
    code = resolve(language)
    if app is None:
        return code
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    ours = QTranslator(app)
    if ours.load(f"jianxun_{code}", str(resource_path("i18n"))):
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(code), "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    extra = QTranslator(app)  # what qtbase's catalogue lacks; installed last, asked first
    if extra.load(f"qt_extra_{code}", str(resource_path("i18n"))):
        app.installTranslator(extra)
        _installed.append(extra)
    QLocale.setDefault(QLocale(code))
    return code
