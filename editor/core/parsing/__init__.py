"""Bulletin text -> :class:`~editor.core.model.Bulletin`.

The text is split into lines (page numbers and rules dropped), the masthead is
read from the top, the 版记 from the bottom, and what lies between is the body,
read against the layout estimated from the body itself.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from editor.core.errors import InputError, NeedsOcr
from editor.core.model import (
    Bulletin,
    Imprint,
    Masthead,
    ParseWarning,
    clean_text,
    removed_warning,
)
from editor.core.parsing.body import parse_body
from editor.core.parsing.imprint import find_imprint_start, parse_imprint
from editor.core.parsing.layout import estimate_layout
from editor.core.parsing.lines import LineHint, split_lines
from editor.core.parsing.masthead import parse_masthead
from editor.core.parsing.patterns import PAGE_NUMBER_RE

_NOT_YET = {
    ".doc": "不支持旧版 Word 文档（.doc），请另存为 .docx 后再试",
}

_DOCUMENT_SUFFIXES = frozenset((".txt", ".docx", ".pdf"))
"""What is read here, never a scan's picture (a scanned PDF is told by its reader)."""

_FIELD_LABELS = {
    "masthead.name": "报头名称",
    "masthead.issue": "期号",
    "masthead.total_issue": "总期号",
    "masthead.issuer": "编印单位",
    "masthead.date": "报头日期",
    "imprint.disclosure": "信息公开选项",
    "imprint.report_to": "报送单位（报）",
    "imprint.copy_to": "抄送单位（送）",
    "imprint.distribute_to": "分发单位（发）",
    "imprint.printer": "印发机关",
    "imprint.print_date": "印发日期",
    "imprint.copies": "印数（共印N份）",
}


def _missing_warnings(masthead: Masthead, imprint: Imprint) -> list[ParseWarning]:
    out: list[ParseWarning] = []
    for path, label in _FIELD_LABELS.items():
        part, key = path.split(".")
        holder: Masthead | Imprint = masthead if part == "masthead" else imprint
        if getattr(holder, key) is None:
            out.append(ParseWarning("missing_field", f"原文中没有找到{label}", None, path))
    return out


def parse_text(text: str, hints: Mapping[int, LineHint] | None = None) -> Bulletin:
    """Parse decoded bulletin text. Never raises on any string.

    ``hints`` (by line number) come from structured sources such as DOCX:
    alignment, indentation and manual line breaks the text alone does not show.
    """
    text, removed = clean_text(text)
    lines, artefacts = split_lines(text, hints)
    warnings: list[ParseWarning] = [removed_warning(removed)] if removed else []
    for line in artefacts:
        kind = "页码" if PAGE_NUMBER_RE.match(line.text) else "分隔线"
        warnings.append(ParseWarning("skipped_line", f"已略去{kind}：{line.text}", line.number))

    head = parse_masthead(lines)
    imprint_start = find_imprint_start(lines, head.consumed)
    tail = parse_imprint(lines[imprint_start:])
    body_lines = lines[head.consumed : imprint_start]
    body = parse_body(body_lines, estimate_layout(body_lines))

    bulletin = Bulletin(masthead=head.masthead, sections=body.sections, imprint=tail.imprint)
    bulletin.spans = {**head.spans, **body.spans, **tail.spans}
    warnings.extend(head.warnings)
    warnings.extend(body.warnings)
    warnings.extend(tail.warnings)
    warnings.extend(_missing_warnings(head.masthead, tail.imprint))
    if not bulletin.sections:
        warnings.append(ParseWarning("missing_body", "没有找到正文", None))
    warnings.sort(key=lambda w: (w.line is None, w.line or 0))
    bulletin.warnings = warnings
    return bulletin


def _refuse_picture(
    path: str | os.PathLike[str], name: str, suffix: str, data: bytes | None
) -> None:
    """NeedsOcr for a picture's suffix (read by OCR in editor.core.recognition, never here);
    InputError when the suffix says picture and the content is none."""
    from editor.core.reading.text import check_size, read_file_bytes
    from editor.core.recognition import IMAGE_SUFFIXES, is_image

    if suffix not in IMAGE_SUFFIXES:
        return
    if data is None:
        data = read_file_bytes(path)  # (a missing or unreadable file says so first)
    else:
        check_size(name, len(data))
    if not is_image(data):
        raise InputError(name, "扩展名是图片，内容却不是 PNG、JPEG 或 TIFF 图片")
    raise NeedsOcr(name, "这是扫描的图片，需要文字识别")


def parse_file(
    path: str | os.PathLike[str], *, source: str | None = None, data: bytes | None = None
) -> Bulletin:
    """Read a bulletin file and parse it; unreadable input raises InputError.

    ``source`` names the input in errors when ``path`` is a copy (the archive
    parses its kept original but reports the inbox file); ``data`` is the
    file's bytes when the caller has read them already (any type: the file is
    then not read again). One :class:`~editor.core.limits.Budget` bounds what
    the reader may cost. What the reader repaired on the way (NUL bytes
    removed, a bad byte replaced) is among the warnings.
    """
    # The readers build on the parser's line model, so they are imported here, not above;
    # the DOCX and PDF readers (lxml, pdfium) only for their own kind of file, and what
    # tells a scan (editor.core.recognition, its threads) not for a text file.
    from editor.core.limits import Budget
    from editor.core.reading.text import check_size, decode_bytes, read_text_file

    name = os.fspath(path) if source is None else source
    suffix = Path(path).suffix.lower()
    if suffix in _NOT_YET:
        raise InputError(name, _NOT_YET[suffix])
    if suffix not in _DOCUMENT_SUFFIXES:
        _refuse_picture(path, name, suffix, data)
    budget = Budget(name)
    try:
        if data is not None:
            check_size(name, len(data))
        if suffix in (".docx", ".pdf"):
            if suffix == ".docx":
                from editor.core.reading.docx import read_docx

                docx = read_docx(path, data=data, budget=budget)
                return parse_text(docx.text, docx.hints)
            from editor.core.reading.pdf import read_pdf

            pdf = read_pdf(path, data=data, budget=budget)
            return parse_text(pdf.text, pdf.hints)
        if data is None:
            decoded = read_text_file(path, budget=budget)
        else:
            decoded = decode_bytes(data, name, budget=budget)
    except InputError as err:
        raise type(err)(name, err.reason) from err  # (a scan stays NeedsOcr)
    bulletin = parse_text(decoded.text)
    notes = [ParseWarning("decode_note", note, None) for note in decoded.notes]
    bulletin.warnings = notes + bulletin.warnings
    return bulletin
