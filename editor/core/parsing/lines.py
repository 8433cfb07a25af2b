"""Source lines with what the parser needs to know about each.

Every field the parser makes points back at line numbers of the decoded text,
so the review desk can highlight where a value came from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from editor.core.normalise import DIGITS, LATIN_LETTERS, line_width
from editor.core.parsing.patterns import (
    ARTEFACT_FIRST,
    MAY_END_SENTENCE,
    SENTENCE_ENDERS,
    ends_sentence,
    is_artefact,
)

# (typing's own TYPE_CHECKING would import typing, which ``jianxun parse`` need not load;
# mypy reads a constant of this name the same way)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_OPENERS = "（(《〈“‘「『【〔［"
_UNBREAKABLE = re.compile(rf"^(?:[A-Za-z0-9][A-Za-z0-9.,%+\-/:]*|[{_OPENERS}])")
_UNBREAKABLE_FIRST = frozenset(_OPENERS + LATIN_LETTERS + DIGITS)  # (what it begins with)
_LEAD_WIDTH = {" ": 1, "\t": 4, "\u3000": 2, "\u00a0": 1, "\f": 0}  # \f: pdftotext's page break
_MAX_CLASSIFIED = 400  # longer lines are body text, never a page number or rule


class LineHint:
    """What a structured source (DOCX, PDF) knows about a line beyond its text.

    ``align`` is ``"center"``, ``"right"`` or None; ``indent`` the first-line
    indent in columns (None: read it from leading spaces); ``soft`` marks a
    line that continues the previous one's paragraph (a manual line break).
    ``role`` is what the source's paragraph style says the line is, where it
    says so (our own export names them): ``"title"``, ``"byline"``, ``"body"``
    or ``"heading"`` with the subheading level in ``heading`` (1–4). The text
    alone cannot always tell a byline from a title line or a subheading from a
    short paragraph; a style can.

    Frozen, compared and hashed by its fields, as a frozen dataclass would be (written
    out: ``dataclasses`` costs ``jianxun parse`` milliseconds to import).
    """

    __slots__ = ("align", "heading", "indent", "role", "soft")
    align: str | None
    indent: int | None
    soft: bool
    role: str | None
    heading: int | None

    def __init__(
        self,
        align: str | None = None,
        indent: int | None = None,
        soft: bool = False,
        role: str | None = None,
        heading: int | None = None,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "align", align)
        set_field(self, "indent", indent)
        set_field(self, "soft", soft)
        set_field(self, "role", role)
        set_field(self, "heading", heading)

    def _values(self) -> tuple[str | None, int | None, bool, str | None, int | None]:
        return (self.align, self.indent, self.soft, self.role, self.heading)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[LineHint], tuple[Any, ...]]:
        return LineHint, self._values()  # (copy and pickle without setting fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not LineHint:
            return NotImplemented
        assert isinstance(other, LineHint)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        align, indent, soft, role, heading = self._values()
        return (
            f"LineHint(align={align!r}, indent={indent!r}, soft={soft!r}, role={role!r}, "
            f"heading={heading!r})"
        )


NO_HINT = LineHint()


class Line:
    """One non-blank source line.

    ``number`` is 1-based in the decoded text; ``text`` is stripped; ``lead`` is
    the width of its leading white space; ``blank_before`` says whether blank
    lines separate it from the previous non-blank line; ``ends`` whether it
    ends with a sentence end; ``reach`` the width the line could have filled:
    its own plus what could not fit. A Latin word is never split and an opening
    bracket never ends a line, so a full line looks short by the width of what
    begins the next one. ``first`` and ``last`` are its first and last characters,
    which many questions begin with.

    A plain class with slots rather than a dataclass: a bulletin makes one per
    line, and this is the parser's most frequent object. Treat it as read-only;
    only :func:`split_lines` sets ``reach``, once it has seen the next line.
    """

    __slots__ = (
        "blank_before",
        "ends",
        "first",
        "hint",
        "last",
        "lead",
        "number",
        "reach",
        "text",
        "width",
    )

    def __init__(
        self, number: int, text: str, lead: int, blank_before: bool, hint: LineHint = NO_HINT
    ) -> None:
        self.number = number
        self.text = text
        self.first = text[:1]
        self.last = last = text[-1:]
        self.lead = lead
        self.width: float = line_width(text)
        self.blank_before = blank_before
        # (most lines that end a sentence end on its mark: then no closing marks to count)
        self.ends: bool = last in MAY_END_SENTENCE and (
            last in SENTENCE_ENDERS or ends_sentence(text)
        )
        self.reach: float = self.width
        self.hint = hint

    def __repr__(self) -> str:
        return f"Line({self.number}, {self.text!r}, lead={self.lead}, width={self.width})"

    def with_text(self, text: str) -> Line:
        """The same line holding only part of its text (a split-off piece)."""
        return Line(self.number, text, self.lead, self.blank_before, self.hint)


def _lead_width(raw: str) -> int:
    width = 0
    for char in raw:
        step = _LEAD_WIDTH.get(char)
        if step is None:
            break
        width += step
    return width


def split_lines(
    text: str, hints: Mapping[int, LineHint] | None = None
) -> tuple[list[Line], list[Line]]:
    """The content lines, and the artefacts dropped from them.

    Artefacts are page numbers (``—4—``, ``- 4 -``, ``第4页``) and rules
    (``————``), which are not text. ``hints`` (by line number) carry what a
    structured source knows about its lines.
    """
    content: list[Line] = []
    artefacts: list[Line] = []
    blank = False
    after_artefact = False
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        # Blank lines around a page number are the page break, not a paragraph gap.
        lead = 0 if raw is stripped else _lead_width(raw)  # (strip gives back what it kept)
        hint = NO_HINT
        if hints:
            hint = hints.get(number, NO_HINT)
            if hint.indent is not None:
                lead = max(hint.indent, lead)
        line = Line(number, stripped, lead, blank and not after_artefact, hint)
        blank = False
        first = line.first
        if first in ARTEFACT_FIRST and len(stripped) <= _MAX_CLASSIFIED and is_artefact(stripped):
            artefacts.append(line)
            after_artefact = True
            continue
        after_artefact = False
        # What this line begins with and could not have ended the one before.
        if content and first in _UNBREAKABLE_FIRST:
            head = _UNBREAKABLE.match(stripped)
            if head:
                before = content[-1]
                before.reach = before.width + (
                    line_width(head[0]) + (0 if first in _OPENERS else 1)
                )
        content.append(line)
    return content, artefacts
