"""One set of limits on what a single file may cost, for ``parse`` and ``ingest`` alike.

A bulletin is a few pages: ~10,000 characters, a few hundred lines. Declared
sizes say little (a 700 KB DOCX can hold a million tiny paragraphs, a PDF page
millions of characters), so every reader also counts the work it does and
checks a deadline inside its loops, through one :class:`Budget` per file. A
file over a limit is refused with a reason that names the limit; it is never
half-read. The figures leave room for an office's yearly compilation while
keeping any input of 20 MB or less decided in seconds and well under 500 MB.
"""

from __future__ import annotations

import time

from editor.core.errors import InputError

# (typing's own TYPE_CHECKING would import typing, which ``jianxun parse`` need not load;
# mypy reads a constant of this name the same way)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

MAX_FILE_BYTES: Final = 64 * 1024 * 1024
"""Any input file, text, DOCX or PDF."""
MAX_TEXT_CHARS: Final = 2_000_000
"""Characters of text a reader may hand to the parser (about 200 bulletins)."""
MAX_LINES: Final = 100_000
"""Lines (paragraphs, table rows, PDF text lines) a reader may hand to the parser."""
MAX_SECONDS: Final = 6.0
"""Reading and parsing one file; what is left of 10 s goes to starting, storing and a busy
machine (a real bulletin takes milliseconds)."""
MAX_PDF_PAGES: Final = 300
MAX_PAGE_CHARS: Final = 100_000
"""Characters on one PDF page (a dense A4 page holds a few thousand)."""
MAX_XML_BYTES: Final = 32 * 1024 * 1024
"""A DOCX's XML parts, uncompressed (a real bulletin's are well under 1 MB)."""
MAX_STYLE_DEPTH: Final = 32
"""How far a DOCX style's ``basedOn`` chain is followed (Word itself stops far sooner)."""


def format_size(size: int) -> str:
    """A byte count as a person reads it: 512 字节, 1.5 KB, 64 MB."""
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        value, unit = size / 1024, "KB"
    else:
        value, unit = size / (1024 * 1024), "MB"
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def too_large_reason(size: int, limit: int = MAX_FILE_BYTES) -> str:
    return f"文件过大（{format_size(size)}，上限 {format_size(limit)}）"


class Budget:
    """The work one file may still cost: a deadline, characters and lines.

    Readers call :meth:`tick` inside their loops and :meth:`take` for what they
    produce; either raises :class:`InputError` naming the file and the limit.
    """

    def __init__(
        self,
        source: str,
        *,
        seconds: float = MAX_SECONDS,
        chars: int = MAX_TEXT_CHARS,
        lines: int = MAX_LINES,
    ) -> None:
        self.source = source
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.chars_left = chars
        self.lines_left = lines
        self.max_chars = chars
        self.max_lines = lines

    def tick(self) -> None:
        """Raise when the file has taken longer than allowed."""
        if time.monotonic() > self.deadline:
            raise InputError(
                self.source, f"处理超时（超过 {self.seconds:g} 秒），文件过于复杂或可能是恶意文件"
            )

    def take(self, chars: int = 0, lines: int = 0) -> None:
        """Count produced text; raise when it is more than a bulletin can be."""
        self.chars_left -= chars
        self.lines_left -= lines
        if self.chars_left < 0:
            raise InputError(self.source, f"文字过多（超过 {self.max_chars} 字），不像是一份简报")
        if self.lines_left < 0:
            raise InputError(
                self.source, f"段落或行数过多（超过 {self.max_lines} 行），不像是一份简报"
            )
