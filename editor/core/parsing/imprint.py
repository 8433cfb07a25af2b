"""版记: the block at the end — disclosure, 报/送/发, printer, date, copies.

Recipients run on over continuation lines until the next label; a line break
is kept only after a line ending in 。 (the author started a new line there).
The printer stands before the 印发 date, on the same line or the one above.
"""

from __future__ import annotations

from editor.core.model import Imprint, ParseWarning, Span
from editor.core.normalise import join_visual_lines, normalise_inline
from editor.core.parsing.lines import Line
from editor.core.parsing.patterns import (
    COPIES_RE,
    DATE_RE,
    DISCLOSURE_RE,
    IMPRINT_LABEL_FIRST,
    PRINT_DATE_LABEL_RE,
    PRINTER_LABEL_RE,
    RECIPIENT_RE,
    WHITE_RUN,
    date_from_match,
    ends_sentence,
    is_org_like,
    lazy,
    to_int,
)

_LABEL_KEY = {
    "报": "report_to",
    "抄报": "report_to",
    "报送": "report_to",
    "送": "copy_to",
    "抄送": "copy_to",
    "发": "distribute_to",
    "分送": "distribute_to",
}
_MAX_LINE_LENGTH = 300
_printed = lazy(r"印\s*发$")
_printer_tail = lazy(r"[，,、；;。]$")


class ImprintResult:
    """The 版记, where its fields came from, and its doubts."""

    __slots__ = ("imprint", "spans", "warnings")

    def __init__(
        self,
        imprint: Imprint,
        spans: dict[str, list[Span]] | None = None,
        warnings: list[ParseWarning] | None = None,
    ) -> None:
        self.imprint = imprint
        self.spans: dict[str, list[Span]] = {} if spans is None else spans
        self.warnings: list[ParseWarning] = [] if warnings is None else warnings


def is_imprint_start(line: Line) -> bool:
    """A line that can open the 版记: the disclosure option or a recipients label."""
    text = line.text
    if len(text) > _MAX_LINE_LENGTH or line.first not in IMPRINT_LABEL_FIRST:
        return False
    return bool(DISCLOSURE_RE.match(text) or RECIPIENT_RE.match(text))


def find_imprint_start(lines: list[Line], start: int) -> int:
    """Index of the first 版记 line at or after ``start``; ``len(lines)`` when none.

    A label counts only where a paragraph has ended before it, so a body line
    that happens to begin with 发： does not cut the body short. Without any
    label, the block opens at the printer / 印发 line.
    """
    labelled = [  # (what a label begins with: a first look)
        index
        for index, line in enumerate(lines[start:], start)
        if line.first in IMPRINT_LABEL_FIRST
    ]
    for index in labelled:
        line = lines[index]
        if is_imprint_start(line):
            previous = lines[index - 1].text if index > start else ""
            if not previous or ends_sentence(previous) or previous.endswith(("）", ")")):
                return index
    for index in range(len(lines) - 1, max(start, len(lines) - 6) - 1, -1):
        text = lines[index].text
        date = DATE_RE.search(text) if len(text) <= _MAX_LINE_LENGTH else None
        if date and _printed().search(text):
            head = text[: date.start()].strip()
            if not head and index - 1 >= start and _could_be_printer(lines[index - 1].text):
                return index - 1
            return index
    return len(lines)


def _could_be_printer(text: str) -> bool:
    return not _printer_tail().search(text) and len(text) <= 40


def _join_recipients(parts: list[str]) -> str:
    """Continuation lines joined; a new line only after one that ended in 。."""
    groups: list[list[str]] = [[]]
    for part in parts:
        if groups[-1] and groups[-1][-1].rstrip().endswith("。"):
            groups.append([])
        groups[-1].append(part)
    return "\n".join(joined for joined in map(join_visual_lines, groups) if joined)


def parse_imprint(lines: list[Line]) -> ImprintResult:
    """Read the 版记 from its lines (everything after the body)."""
    imprint = Imprint()
    spans: dict[str, list[Span]] = {}
    warnings: list[ParseWarning] = []
    recipients: dict[str, list[tuple[str, int]]] = {}
    current: str | None = None

    def mark(key: str, line: Line) -> None:
        first = spans.get(f"imprint.{key}", [(line.number, line.number)])[0][0]
        spans[f"imprint.{key}"] = [(first, line.number)]

    for line in lines:
        text = line.text
        if len(text) > _MAX_LINE_LENGTH:
            warnings.append(ParseWarning("skipped_line", "版记中有一行过长，已跳过", line.number))
            continue
        copies = COPIES_RE.search(text) if "份" in text else None  # (a quick look first)
        if copies:
            imprint.copies = to_int(copies["n"])
            mark("copies", line)
            text = (text[: copies.start()] + text[copies.end() :]).strip()
            if not text:
                current = None
                continue
        # (each pattern asked only when the ones before it did not match, and only of a
        # line that begins as its label does: 信息公开, 抄报/报送/分送/报/送/发, 印发)
        first = text[:1]
        labelled = first in IMPRINT_LABEL_FIRST
        disclosure = DISCLOSURE_RE.match(text) if labelled else None
        label = RECIPIENT_RE.match(text) if labelled and not disclosure else None
        printer_label = PRINTER_LABEL_RE.match(text) if first == "印" else None
        if disclosure:
            imprint.disclosure = normalise_inline(disclosure["value"]) or None
            mark("disclosure", line)
            current = None
        elif label:
            current = _LABEL_KEY[WHITE_RUN.sub("", label["label"])]
            recipients.setdefault(current, [])
            if label["rest"].strip():
                recipients[current].append((label["rest"], line.number))
            mark(current, line)
        elif printer_label:
            imprint.printer = normalise_inline(printer_label["value"]) or None
            mark("printer", line)
            current = None
        elif PRINT_DATE_LABEL_RE.match(text) or DATE_RE.search(text):
            date = DATE_RE.search(text)
            if date is None:
                warnings.append(ParseWarning("invalid_date", "印发日期无法识别", line.number))
                continue
            imprint.print_date = date_from_match(date)
            if imprint.print_date is None:
                warnings.append(
                    ParseWarning("invalid_date", f"印发日期“{date[0]}”不是有效日期", line.number)
                )
            mark("print_date", line)
            head = PRINT_DATE_LABEL_RE.sub("", text[: date.start()]).strip()
            head = PRINTER_LABEL_RE.sub(r"\g<value>", head).strip()
            if head:
                imprint.printer = normalise_inline(head)
                mark("printer", line)
            elif imprint.printer is None and current and recipients.get(current):
                last_text, last_number = recipients[current][-1]
                if _could_be_printer(last_text) and (
                    len(recipients[current]) > 1 or is_org_like(normalise_inline(last_text))
                ):
                    recipients[current].pop()
                    imprint.printer = normalise_inline(last_text)
                    spans["imprint.printer"] = [(last_number, last_number)]
                    spans[f"imprint.{current}"] = [
                        (spans[f"imprint.{current}"][0][0], last_number - 1)
                    ]
            current = None
        elif current is not None:
            recipients[current].append((text, line.number))
            mark(current, line)
        elif imprint.printer is None and is_org_like(normalise_inline(text)):
            imprint.printer = normalise_inline(text)
            mark("printer", line)
        else:
            warnings.append(
                ParseWarning("skipped_line", f"版记中无法识别的一行：{text}", line.number)
            )

    for key, parts in recipients.items():
        value = _join_recipients([t for t, _ in parts])
        setattr(imprint, key, value or None)
    return ImprintResult(imprint, spans, warnings)
