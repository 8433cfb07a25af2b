"""Which of the layout's fonts this computer lacks, and what will stand in for them.

An export always writes the profile's font names (the office's printer has the
fonts even when the clerk's laptop does not), but a clerk who proofs on a computer
without 方正小标宋简体 sees every title in a fallback font and should be told so
(layout.md, print-grade rule 9). On Linux fontconfig answers (``fc-list``,
``fc-match``); on Windows the font folders and the registry's font lists. Elsewhere,
or when the tools are missing, nothing is reported: no guess is better than a
false alarm.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from editor.core.export.profile import Fonts, LayoutProfile

ALIASES: dict[str, tuple[str, ...]] = {
    "宋体": ("SimSun",),
    "黑体": ("SimHei",),
    "仿宋": ("FangSong",),
    "楷体": ("KaiTi",),
    "仿宋_GB2312": ("FangSong_GB2312",),
    "楷体_GB2312": ("KaiTi_GB2312",),
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S",),
    "方正小标宋_GBK": ("FZXiaoBiaoSong-B05",),
    "华文中宋": ("STZhongsong",),
}
"""The same font under its other names (Windows lists some Chinese fonts in English)."""

SUBSTITUTES: dict[str, tuple[str, ...]] = {
    "方正小标宋简体": ("方正小标宋_GBK", "华文中宋"),
    "方正小标宋_GBK": ("方正小标宋简体", "华文中宋"),
    "仿宋_GB2312": ("仿宋",),
    "仿宋": ("仿宋_GB2312",),
    "楷体_GB2312": ("楷体",),
    "楷体": ("楷体_GB2312",),
}
"""The fonts an office sets in place of one it lacks, best first."""


def alt_name(font: str) -> str | None:
    """The font table's ``w:altName``: what Word and LibreOffice try when ``font`` is missing."""
    for names in (SUBSTITUTES.get(font, ()), ALIASES.get(font, ())):
        if names:
            return names[0]
    return None


ROLES = {
    "name": "简报名称",
    "issue": "期号",
    "body": "正文",
    "section": "栏目",
    "title": "文章标题",
    "attribution": "署名",
    "imprint": "版记",
    "page_number": "页码",
}

_TIMEOUT = 10


@dataclass(frozen=True)
class MissingFont:
    """A layout font this computer lacks: where the layout uses it, what stands in."""

    name: str
    roles: tuple[str, ...]
    stand_in: str | None

    def message(self) -> str:
        where = "、".join(self.roles)
        instead = f"将以“{self.stand_in}”代替" if self.stand_in else "将以系统默认字体代替"
        return (
            f"本机没有字体“{self.name}”（{where}），{instead}显示；"
            "文件中仍写明原字体，在装有该字体的电脑上打开或印刷即正常"
        )


def layout_fonts(fonts: Fonts) -> dict[str, tuple[str, ...]]:
    """Each font the layout names, with the roles it plays (in the profile's order)."""
    used: dict[str, list[str]] = {}
    for field in fields(Fonts):
        used.setdefault(getattr(fonts, field.name), []).append(ROLES.get(field.name, field.name))
    return {name: tuple(roles) for name, roles in used.items()}


def missing_fonts(profile: LayoutProfile) -> list[MissingFont]:
    """The layout's fonts this computer lacks (empty when it cannot tell)."""
    installed = installed_families()
    if installed is None:
        return []

    def present(font: str) -> bool:
        return any(_folded(n) in installed for n in (font, *ALIASES.get(font, ())))

    missing = []
    for name, roles in layout_fonts(profile.fonts).items():
        if present(name):
            continue
        substitutes = [s for s in SUBSTITUTES.get(name, ()) if present(s)]
        stand_in = substitutes[0] if substitutes else fallback_for(name)
        missing.append(MissingFont(name, roles, stand_in))
    return missing


def font_warnings(profile: LayoutProfile) -> list[str]:
    return [font.message() for font in missing_fonts(profile)]


def _folded(name: str) -> str:
    return "".join(name.split()).casefold()


def installed_families() -> frozenset[str] | None:
    """Font family names installed here (folded), or None when it cannot be found out."""
    return _installed(sys.platform)


@lru_cache(maxsize=4)
def _installed(platform: str) -> frozenset[str] | None:
    if platform == "win32":
        return _windows_families()
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        run = subprocess.run(
            [fc_list, "--format", "%{family}\\n"],
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if run.returncode != 0:
        return None
    families = set()
    for line in run.stdout.decode("utf-8", "replace").splitlines():
        for family in line.split(","):
            if family.strip():
                families.add(_folded(family.replace("\\-", "-")))
    return frozenset(families)


def fallback_for(name: str) -> str | None:
    """What the system sets text in when a font is missing (fontconfig's choice for Chinese)."""
    if sys.platform == "win32":
        return None
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    pattern = "".join("\\" + ch if ch in "\\-:,=" else ch for ch in name) + ":lang=zh-cn"
    try:
        run = subprocess.run(
            [fc_match, "--format", "%{family[0]}", pattern],
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    found = run.stdout.decode("utf-8", "replace").strip()
    return found or None


def _windows_families() -> frozenset[str] | None:
    """Windows: the registry's font lists (machine and user) and the font folders' files."""
    if sys.platform != "win32":
        return None
    import winreg

    names: set[str] = set()
    key = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(hive, key) as fonts:
                index = 0
                while True:
                    try:
                        value = winreg.EnumValue(fonts, index)
                    except OSError:
                        break
                    names.update(registry_names(str(value[0])))
                    index += 1
        except OSError:
            continue
    folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    for folder in folders:
        try:
            names.update(_folded(p.stem) for p in folder.iterdir())
        except OSError:
            continue
    return frozenset(names) if names else None


def registry_names(entry: str) -> Iterable[str]:
    """``仿宋_GB2312 (TrueType)`` or ``SimSun & NSimSun (TrueType)`` -> the family names."""
    bare = entry.rsplit("(", 1)[0] if entry.rstrip().endswith(")") else entry
    for name in bare.split("&"):
        if name.strip():
            yield _folded(name)
