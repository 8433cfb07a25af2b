"""Load the interface's translations: the app's own and Qt's (qtbase: standard buttons, dialogs).

The language follows the system locale unless the settings name one. The
interface is written in Chinese, so Chinese needs no translation file to be
complete; English comes from i18n/jianxun_en.ts, built to resources/i18n.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from editor.core.resources import resource_path

_installed: list[QTranslator] = []


def resolve(language: str) -> str:
    """``system``, ``zh_CN`` or ``en`` -> the language the interface will use."""
    if language in ("zh_CN", "en"):
        return language
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


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
    QLocale.setDefault(QLocale(code))
    return code
