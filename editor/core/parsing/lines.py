"""Source lines with what the parser needs to know about each.

Every field the parser makes points back at line numbers of the decoded text,
so the review desk can highlight where a value came from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from editor.core.normalise import line_width
from editor.core.parsing.patterns import PAGE_NUMBER_RE, RULE_RE, ends_sentence

_OPENERS = "（(《〈“‘「『【〔［"
_UNBREAKABLE = re.compile(rf"^(?:[A-Za-z0-9][A-Za-z0-9.,%+\-/:]*|[{_OPENERS}])")
_LEAD_WIDTH = {" ": 1, "\t": 4, "\u3000": 2, "\u00a0": 1, "\f": 0}  # \f: pdftotext's page break
_MAX_CLASSIFIED = 400  # longer lines are body text, never a page number or rule


@dataclass(frozen=True, slots=True)
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
    """

    align: str | None = None
    indent: int | None = None
    soft: bool = False
    role: str | None = None
    heading: int | None = None


NO_HINT = LineHint()


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank source line.

    ``number`` is 1-based in the decoded text; ``text`` is stripped; ``lead`` is
    the width of its leading white space; ``blank_before`` says whether blank
    lines separate it from the previous non-blank line; ``ends`` whether it
    ends with a sentence end.
    """

    number: int
    text: str
    lead: int
    width: float
    blank_before: bool
    ends: bool
    slack: float = 0.0
    hint: LineHint = NO_HINT

    @classmethod
    def make(
        cls, number: int, text: str, lead: int, blank_before: bool, hint: LineHint = NO_HINT
    ) -> Line:
        width = line_width(text)
        return cls(number, text, lead, width, blank_before, ends_sentence(text), 0.0, hint)

    def with_text(self, text: str) -> Line:
        """The same line holding only part of its text (a split-off piece)."""
        return Line.make(self.number, text, self.lead, self.blank_before, self.hint)

    @property
    def reach(self) -> float:
        """The width the line could have filled: its own plus what could not fit.

        A Latin word is never split and an opening bracket never ends a line,
        so a full line looks short by the width of what begins the next one.
        """
        return self.width + self.slack


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
    hints = hints or {}
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
        hint = hints.get(number, NO_HINT)
        lead = _lead_width(raw) if hint.indent is None else max(hint.indent, _lead_width(raw))
        line = Line.make(number, stripped, lead, blank and not after_artefact, hint)
        blank = False
        if len(stripped) <= _MAX_CLASSIFIED and (
            PAGE_NUMBER_RE.match(stripped) or RULE_RE.match(stripped)
        ):
            artefacts.append(line)
            after_artefact = True
            continue
        after_artefact = False
        content.append(line)
    for index, line in enumerate(content[:-1]):
        head = _UNBREAKABLE.match(content[index + 1].text)
        if head:
            carried = line_width(head[0]) + (0 if head[0][0] in _OPENERS else 1)
            content[index] = replace(line, slack=carried)
    return content, artefacts
