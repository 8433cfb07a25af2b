"""Render a DOCX with real LibreOffice and measure the PDF with poppler.

The licensed fonts (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体, 宋体) are not
on Linux; a private fontconfig aliases them to open CJK fonts, so geometry is
measured on stand-ins of similar metrics. Outside CI a missing tool skips the
test with a message; with CI=true it fails, because CI must have them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from editor.core.export.pdf import convert_to_pdf, find_soffice

MM_PER_PT = 25.4 / 72

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{cache}</cachedir>
{aliases}
</fontconfig>
"""
ALIASES = {
    "方正小标宋简体": ("Noto Serif CJK SC", "black"),
    "方正小标宋_GBK": ("Noto Serif CJK SC", "black"),
    "仿宋_GB2312": ("Noto Serif CJK SC", None),
    "仿宋": ("Noto Serif CJK SC", None),
    "宋体": ("Noto Serif CJK SC", None),
    "黑体": ("Noto Sans CJK SC", None),
    "楷体_GB2312": ("AR PL UKai CN", None),
    "楷体": ("AR PL UKai CN", None),
}


def require(tool: str) -> str:
    """The tool's path; a skip outside CI, a failure in CI, when it is missing."""
    path = find_soffice() if tool == "soffice" else shutil.which(tool)
    if path:
        return path
    message = f"{tool} is not installed (scripts/setup.sh installs it as root)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must render: {message}")
    pytest.skip(message)


def fontconfig(folder: Path) -> Path:
    """A fonts.conf that maps the office's font names onto installed open fonts."""
    rules = []
    for name, (family, weight) in ALIASES.items():
        edit = (
            f'<edit name="family" mode="assign" binding="strong"><string>{family}</string></edit>'
        )
        if weight:
            edit += (
                f'<edit name="weight" mode="assign" binding="strong"><const>{weight}</const></edit>'
            )
        rules.append(
            f'  <match target="pattern"><test name="family"><string>{name}</string></test>'
            f"{edit}</match>"
        )
    (folder / "cache").mkdir(parents=True, exist_ok=True)
    path = folder / "fonts.conf"
    path.write_text(
        FONTS_CONF.format(cache=folder / "cache", aliases="\n".join(rules)), encoding="utf-8"
    )
    return path


def render_pdf(docx: Path, fonts_conf: Path) -> Path:
    require("soffice")
    env = dict(os.environ, FONTCONFIG_FILE=str(fonts_conf))
    return convert_to_pdf(docx, env=env)


@dataclass(frozen=True)
class TextLine:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def y_mid_mm(self) -> float:
        return (self.y0 + self.y1) / 2 * MM_PER_PT


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    lines: list[TextLine]


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_LINE = re.compile(
    r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S
)
_WORD = re.compile(r"<word[^>]*>(.*?)</word>", re.S)


def text_pages(pdf: Path) -> list[Page]:
    """Every page's text lines with their boxes (points, from the top left)."""
    require("pdftotext")
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    pages = []
    for width, height, body in _PAGE.findall(out):
        lines = [
            TextLine(float(a), float(b), float(c), float(d), "".join(_WORD.findall(words)))
            for a, b, c, d, words in _LINE.findall(body)
        ]
        pages.append(Page(float(width), float(height), lines))
    return pages


def fonts_used(pdf: Path, fonts_conf: Path) -> str:
    require("pdffonts")
    env = dict(os.environ, FONTCONFIG_FILE=str(fonts_conf))
    return subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, check=True, env=env
    ).stdout.decode("utf-8")


@dataclass(frozen=True)
class Raster:
    width: int
    height: int
    dpi: int
    pixels: bytes  # RGB

    def rgb(self, x: int, y: int) -> tuple[int, int, int]:
        i = (y * self.width + x) * 3
        return self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]

    def mm(self, px: float) -> float:
        return px / self.dpi * 25.4

    def px(self, mm: float) -> int:
        return round(mm / 25.4 * self.dpi)


def raster(pdf: Path, page: int, dpi: int = 100) -> Raster:
    """One page as RGB pixels (poppler's PPM output, read without PIL)."""
    require("pdftoppm")
    data = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    match = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert match, "pdftoppm did not produce a PPM"
    width, height = int(match[1]), int(match[2])
    return Raster(width, height, dpi, data[match.end() : match.end() + width * height * 3])


def horizontal_rules(image: Raster, min_length_mm: float) -> list[float]:
    """Heights (mm from the top) of horizontal dark lines at least this long."""
    need = image.px(min_length_mm)
    rows = []
    for y in range(image.height):
        run = best = 0
        row = image.pixels[y * image.width * 3 : (y + 1) * image.width * 3]
        for x in range(0, image.width):
            r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
            if r + g + b < 300:
                run += 1
                best = max(best, run)
            else:
                run = 0
        if best >= need:
            rows.append(image.mm(y))
    return rows


def red_pixels(image: Raster, box_mm: tuple[float, float, float, float]) -> int:
    """How many clearly red pixels lie in a box (x0, y0, x1, y1 in mm)."""
    x0, y0, x1, y1 = (image.px(v) for v in box_mm)
    count = 0
    for y in range(max(0, y0), min(image.height, y1)):
        for x in range(max(0, x0), min(image.width, x1)):
            r, g, b = image.rgb(x, y)
            if r > 180 and g < 90 and b < 90:
                count += 1
    return count
