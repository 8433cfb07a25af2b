"""The desk's settings, persisted with QSettings (the registry on Windows, an ini file on Linux).

The archive's place is one of them (this computer's, or the office's PostgreSQL server: host,
port, database, user); the server's password never is: it lives in the system's credential
store (:mod:`editor.core.credentials`).
"""

from __future__ import annotations

import dataclasses
import getpass
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings

from editor.core.paths import default_inbox
from editor.core.server_address import DEFAULT_PORT, LOCAL, SERVER, ServerAddress

if TYPE_CHECKING:  # the exporter loads when a profile is asked for, not with the settings
    from editor.core.export.profile import LayoutProfile

EXPORT_FOLDER = "简讯导出"  # a folder name on disk, the same in every language
DEFAULT_PATTERN = "{name}第{issue}期.docx"  # a file name pattern, the same in every language
"""editor.core.export.naming's, without loading the exporter before the window opens (a test
says they are the same)."""
DEFAULT_STABILITY_DELAY = 2.0
"""editor.core.inbox's, without loading the inbox's watcher before the window opens."""


def default_user() -> str:
    """The login name ("unknown" when there is none), as editor.core.ingest's default_user
    (a test says so) without loading the archive before the window opens."""
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "unknown"


LANGUAGES = {
    "system": str(QT_TRANSLATE_NOOP("settings", "跟随系统")),
    "zh_CN": str(QT_TRANSLATE_NOOP("settings", "中文")),
    "en": "English",
}


@dataclass
class AppSettings:
    user: str = field(default_factory=default_user)
    language: str = "system"
    inbox: Path = field(default_factory=default_inbox)
    polling: bool = False
    stability_delay: float = DEFAULT_STABILITY_DELAY
    export_dir: Path = field(
        default_factory=lambda: Path(platformdirs.user_documents_dir()) / EXPORT_FOLDER
    )
    file_pattern: str = DEFAULT_PATTERN
    fonts: dict[str, str] = field(default_factory=dict)  # overrides of the layout profile
    archive: str = LOCAL  # LOCAL (this computer's data directory) or SERVER
    server: ServerAddress = field(default_factory=ServerAddress)  # kept when LOCAL is chosen

    @property
    def on_server(self) -> bool:
        """The archive is the office server's (the address is in ``server``)."""
        return self.archive == SERVER

    def profile(self) -> LayoutProfile:
        from editor.core.export.profile import Fonts, load_profile

        base = load_profile()
        known = {f.name for f in dataclasses.fields(Fonts)}
        chosen = {k: v for k, v in self.fonts.items() if k in known and v.strip()}
        return dataclasses.replace(base, fonts=dataclasses.replace(base.fonts, **chosen))

    @classmethod
    def load(cls, settings: QSettings | None = None) -> AppSettings:
        s = settings or QSettings()
        default = cls()
        fonts = {}
        s.beginGroup("fonts")
        for key in s.childKeys():
            fonts[key] = str(s.value(key))
        s.endGroup()
        try:
            port = int(str(s.value("archive/port", DEFAULT_PORT)))
        except ValueError:
            port = DEFAULT_PORT
        return cls(
            user=str(s.value("user", default.user)),
            language=str(s.value("language", default.language)),
            inbox=Path(str(s.value("inbox", str(default.inbox)))),
            polling=str(s.value("polling", "false")).lower() == "true",
            stability_delay=float(str(s.value("stability_delay", default.stability_delay))),
            export_dir=Path(str(s.value("export_dir", str(default.export_dir)))),
            file_pattern=str(s.value("file_pattern", default.file_pattern)),
            fonts=fonts,
            archive=SERVER if str(s.value("archive/place", LOCAL)) == SERVER else LOCAL,
            server=ServerAddress(
                host=str(s.value("archive/host", "")),
                port=port,
                database=str(s.value("archive/database", "")),
                user=str(s.value("archive/user", "")),
            ),
        )

    def save(self, settings: QSettings | None = None) -> None:
        s = settings or QSettings()
        s.setValue("user", self.user)
        s.setValue("language", self.language)
        s.setValue("inbox", str(self.inbox))
        s.setValue("polling", "true" if self.polling else "false")
        s.setValue("stability_delay", self.stability_delay)
        s.setValue("export_dir", str(self.export_dir))
        s.setValue("file_pattern", self.file_pattern)
        s.remove("fonts")
        s.beginGroup("fonts")
        for key, value in self.fonts.items():
            if value.strip():
                s.setValue(key, value)
        s.endGroup()
        s.setValue("archive/place", self.archive)
        s.setValue("archive/host", self.server.host)
        s.setValue("archive/port", self.server.port)
        s.setValue("archive/database", self.server.database)
        s.setValue("archive/user", self.server.user)
        s.sync()
