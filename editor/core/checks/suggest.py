"""Suggestions for what the source did not state, from the series and its history.

A suggestion is a warning with a fix that fills the field and marks it
inferred (in the bulletin's ``inferred`` list); an inferred value is an error
until the editor confirms it (or types over it), so nothing guessed is
printed unchecked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from editor.core.checks import ERROR, WARNING, Context, Fix, Problem
from editor.core.fieldpath import get_field, set_field
from editor.core.model import Bulletin
from editor.core.series import Series

INFERRED = "inferred"


def inferred_paths(bulletin: Bulletin) -> list[str]:
    value = bulletin.extra.get(INFERRED)
    return [str(v) for v in value] if isinstance(value, list) else []


def mark_inferred(bulletin: Bulletin, path: str) -> None:
    paths = inferred_paths(bulletin)
    if path not in paths:
        bulletin.extra[INFERRED] = [*paths, path]


def confirm(bulletin: Bulletin, path: str) -> None:
    paths = [p for p in inferred_paths(bulletin) if p != path]
    if paths:
        bulletin.extra[INFERRED] = paths
    else:
        bulletin.extra.pop(INFERRED, None)


def _take(path: str, value: Any) -> Fix:
    def apply(bulletin: Bulletin) -> None:
        set_field(bulletin, path, value)
        mark_inferred(bulletin, path)

    return Fix("采用建议", apply)


def _confirm(path: str) -> Fix:
    def apply(bulletin: Bulletin) -> None:
        confirm(bulletin, path)

    return Fix("确认", apply)


def _series_for(bulletin: Bulletin, series: list[Series]) -> Series | None:
    name = bulletin.masthead.name
    if name:
        return next((s for s in series if s.name == name), None)
    issuer = bulletin.masthead.issuer or ""
    printer = bulletin.imprint.printer or ""
    matches = [
        s
        for s in series
        if s.issuer and (s.issuer == issuer or (printer and printer.startswith(s.issuer)))
    ]
    if len(matches) == 1:
        return matches[0]
    return series[0] if len(series) == 1 else None


def _suggestions(bulletin: Bulletin, context: Context) -> Iterator[tuple[str, Any, str]]:
    series = _series_for(bulletin, context.series)
    m, imprint = bulletin.masthead, bulletin.imprint
    if m.date is None and imprint.print_date is not None:
        yield "masthead.date", imprint.print_date, "取自印发日期"
    if series is None:
        return
    if m.name is None:
        yield "masthead.name", series.name, f"系列“{series.name}”"
    if m.issuer is None and series.issuer:
        yield "masthead.issuer", series.issuer, f"系列“{series.name}”的编印单位"
    year = (m.date or imprint.print_date or "")[:4]
    history = [h for h in context.history if h.date]
    if m.issue is None and year:
        issues = [h.issue for h in history if (h.date or "")[:4] == year and h.issue is not None]
        yield "masthead.issue", max(issues, default=0) + 1, f"{year}年已有 {len(issues)} 期"
    if m.total_issue is None:
        totals = [h.total_issue for h in history if h.total_issue is not None]
        if totals:
            yield "masthead.total_issue", max(totals) + 1, f"上一期为总第{max(totals)}期"
    for key in ("disclosure", "report_to", "copy_to", "distribute_to", "printer", "copies"):
        default = getattr(series, key)
        if getattr(imprint, key) is None and default is not None:
            yield f"imprint.{key}", default, f"系列“{series.name}”的默认值"


def check(bulletin: Bulletin, context: Context) -> Iterator[Problem]:
    for path, value, reason in _suggestions(bulletin, context):
        if get_field(bulletin, path) is None:
            shown = str(value).replace("\n", " / ")
            yield Problem(
                "suggestion", path, f"建议填写“{shown}”（{reason}）", WARNING, (_take(path, value),)
            )
    for path in inferred_paths(bulletin):
        try:
            value = get_field(bulletin, path)
        except (KeyError, IndexError):
            continue
        yield Problem(
            INFERRED,
            path,
            f"“{str(value).replace(chr(10), ' / ')}”是推断值，请核对后确认",
            ERROR,
            (_confirm(path),),
        )
