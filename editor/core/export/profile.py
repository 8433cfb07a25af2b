"""The layout profile: fonts and the series' 期号 pattern, from TOML.

Offices differ (仿宋_GB2312 or 仿宋, 方正小标宋简体 or 方正小标宋_GBK), so the
defaults in ``resources/layout/default.toml`` can be overridden key by key by a
user's own file.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.errors import InputError, os_reason
from editor.core.resources import resource_path

DEFAULT_PROFILE = resource_path("layout", "default.toml")


@dataclass(frozen=True)
class Fonts:
    name: str
    issue: str
    body: str
    section: str
    title: str
    attribution: str
    imprint: str
    page_number: str


@dataclass(frozen=True)
class LayoutProfile:
    fonts: Fonts
    issue_pattern: str
    issue_pattern_without_total: str
    colour: str
    rule_size: int
    space_above_mm: float
    title_line_pitch_pt: float
    imprint_line_pitch_pt: float

    def issue_text(self, issue: int | None, total: int | None, year: int | None) -> str | None:
        """期号 as the series prints it: ``第12期（总第540期）``; None without an issue."""
        if issue is None:
            return None
        pattern = self.issue_pattern if total is not None else self.issue_pattern_without_total
        if "{year}" in pattern and year is None:
            pattern = pattern[pattern.index("第") :] if "第" in pattern else pattern
        return pattern.format(issue=issue, total_issue=total, year=year)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read(path: Path) -> dict[str, Any]:
    import tomllib  # here: importing the export package (for its names) reads no TOML

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as err:
        raise InputError(str(path), "版式配置文件不存在") from err
    except OSError as err:
        raise InputError(str(path), f"无法读取版式配置文件：{os_reason(err)}") from err
    except tomllib.TOMLDecodeError as err:
        raise InputError(str(path), f"版式配置文件格式有误：{err}") from err


def load_profile(override: str | os.PathLike[str] | None = None) -> LayoutProfile:
    """The default profile, with the keys of ``override`` (a TOML file) replacing its own."""
    if override is None:
        try:
            stat = DEFAULT_PROFILE.stat()
        except OSError:
            return _profile(_read(DEFAULT_PROFILE), str(DEFAULT_PROFILE))  # says what is wrong
        return _default_profile(stat.st_mtime_ns, stat.st_size)
    data = _merge(_read(DEFAULT_PROFILE), _read(Path(override)))
    return _profile(data, str(override))


@functools.lru_cache(maxsize=2)
def _default_profile(mtime_ns: int, size: int) -> LayoutProfile:
    """The default profile as the file is now (read again when it changes); a profile is
    frozen, so every export may share it."""
    return _profile(_read(DEFAULT_PROFILE), str(DEFAULT_PROFILE))


def _profile(data: dict[str, Any], source: str) -> LayoutProfile:
    try:
        fonts = Fonts(**{k: str(v) for k, v in data["fonts"].items()})
        masthead, body, imprint = data["masthead"], data["body"], data["imprint"]
        return LayoutProfile(
            fonts=fonts,
            issue_pattern=str(masthead["issue_pattern"]),
            issue_pattern_without_total=str(masthead["issue_pattern_without_total"]),
            colour=str(masthead["colour"]).lstrip("#").upper(),
            rule_size=int(masthead["rule_size"]),
            space_above_mm=float(masthead["space_above_mm"]),
            title_line_pitch_pt=float(body["title_line_pitch_pt"]),
            imprint_line_pitch_pt=float(imprint["line_pitch_pt"]),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise InputError(source, f"版式配置缺少或写错了一项：{err}") from err
