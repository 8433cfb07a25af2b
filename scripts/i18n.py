"""Translations: update the .ts files from the sources, and build the .qm files from them.

    .venv/bin/python scripts/i18n.py update   # after changing user-visible strings
    .venv/bin/python scripts/i18n.py build    # .ts -> resources/i18n/*.qm (setup and tests run it)

The interface is written in Chinese; zh_CN is the source language, so its
translations are the sources themselves (kept complete by ``update``); en is
translated in i18n/jianxun_en.ts. The .qm files are built, never committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "i18n"
QM_DIR = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN", "en")


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def sources() -> list[str]:
    gui = ROOT / "editor" / "gui"
    return [str(p) for p in sorted(gui.rglob("*.py"))]


def lupdate(target: Path, language: str) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources(),
            "-source-language",
            "zh_CN",
            "-target-language",
            language,
            "-no-obsolete",
            "-ts",
            str(target),
        ],
        check=True,
        capture_output=True,
    )


def fill_source_language(path: Path) -> int:
    """zh_CN is the language the strings are written in: each translation is its source."""
    tree = ET.parse(path)
    filled = 0
    for message in tree.iter("message"):
        source = message.find("source")
        translation = message.find("translation")
        if source is None or translation is None:
            continue
        if translation.get("type") == "unfinished" or not (translation.text or "").strip():
            translation.text = source.text
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return filled


def update() -> None:
    for language in LANGUAGES:
        path = TS_DIR / f"jianxun_{language}.ts"
        lupdate(path, language)
        if language == "zh_CN":
            fill_source_language(path)
        print(path.relative_to(ROOT))


EXTRA = ("qt_extra_zh_CN",)
"""Qt's own strings missing from its zh_CN catalogue (kept by hand, not by lupdate)."""


def build() -> None:
    QM_DIR.mkdir(parents=True, exist_ok=True)
    for name in (*(f"jianxun_{language}" for language in LANGUAGES), *EXTRA):
        subprocess.run(
            [
                tool("pyside6-lrelease"),
                str(TS_DIR / f"{name}.ts"),
                "-qm",
                str(QM_DIR / f"{name}.qm"),
            ],
            check=True,
            capture_output=True,
        )


if __name__ == "__main__":
    {"update": update, "build": build}[sys.argv[1] if len(sys.argv) > 1 else "build"]()
