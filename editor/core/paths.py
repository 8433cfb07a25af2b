"""Where the app keeps its data: one folder holding the database and the originals.

The user data directory from platformdirs, unless ``--data-dir`` or the
``JIANXUN_DATA_DIR`` environment variable say otherwise; the default inbox is
a folder in the user's documents.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP = "jianxun"
ENV_DATA_DIR = "JIANXUN_DATA_DIR"
DEFAULT_INBOX_NAME = "简讯收件箱"


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "jianxun.sqlite3"

    @property
    def originals(self) -> Path:
        return self.root / "originals"

    def ensure(self) -> DataDir:
        self.originals.mkdir(parents=True, exist_ok=True)
        return self


def data_dir(override: str | os.PathLike[str] | None = None) -> DataDir:
    """The data directory: the override, else $JIANXUN_DATA_DIR, else the platform's."""
    if override is not None:
        return DataDir(Path(override).expanduser())
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return DataDir(Path(env).expanduser())
    return DataDir(Path(platformdirs.user_data_dir(APP, appauthor=False)))


def default_inbox() -> Path:
    return Path(platformdirs.user_documents_dir()) / DEFAULT_INBOX_NAME
