"""Errors the core raises for input a user gave it.

Every such error names the file and says why in plain Chinese, so the CLI and
the GUI can show it as it is (never a traceback).
"""

from __future__ import annotations


class InputError(Exception):
    """A file that cannot be read as a bulletin: it names the file and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}：{reason}")
        self.source = source
        self.reason = reason
