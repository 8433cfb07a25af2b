"""Required fields: what an official copy cannot go without (errors)."""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.checks import ERROR, Context, Problem
from editor.core.model import Bulletin
from editor.core.validation import export_problems


def check(bulletin: Bulletin, _context: Context) -> Iterator[Problem]:
    for problem in export_problems(bulletin):
        yield Problem("required", problem.path, problem.message, ERROR)
