"""Where the app's bundled files (samples, layout profile, translations) live.

From a source checkout they are in ``resources/`` beside the package; in the
PyInstaller bundle they are unpacked next to the executable; an installer or a
test may point elsewhere with ``JIANXUN_RESOURCES``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("JIANXUN_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
