"""The parser's doubts about paragraph breaks, as warnings with "join" / "split here" fixes.

A fix is offered only while the paragraphs around the doubt are still as the
parser made them; once the editor has changed them, the doubt is theirs.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.checks import WARNING, Context, Fix, Problem
from editor.core.model import Bulletin, paragraph_text, with_text
from editor.core.normalise import join_visual_lines
from editor.core.parsing.patterns import PAGE_NUMBER_RE


def _paragraph_at(parsed: Bulletin, line: int) -> tuple[int, int, int, int, int] | None:
    """(section, article, paragraph, first line, last line) of the paragraph holding a line."""
    for key, spans in parsed.spans.items():
        if ".paragraphs[" not in key:
            continue
        for first, last in spans:
            if first <= line <= last:
                head, _, index = key.rpartition(".paragraphs[")
                si = int(head.split("]")[0].removeprefix("sections["))
                ai = int(head.rsplit("[", 1)[1].rstrip("]"))
                return si, ai, int(index.rstrip("]")), first, last
    return None


def _join(si: int, ai: int, pi: int) -> Fix:
    def apply(bulletin: Bulletin) -> None:
        paragraphs = bulletin.sections[si].articles[ai].paragraphs
        before, after = paragraphs[pi - 1], paragraphs[pi]
        joined = paragraph_text(before) + paragraph_text(after)
        paragraphs[pi - 1 : pi + 1] = [with_text(before, joined)]

    return Fix("与上一段合并", apply)


def _split(si: int, ai: int, pi: int, cut: int) -> Fix:
    def apply(bulletin: Bulletin) -> None:
        paragraphs = bulletin.sections[si].articles[ai].paragraphs
        entry = paragraphs[pi]
        text = paragraph_text(entry)
        paragraphs[pi : pi + 1] = [with_text(entry, text[:cut]), text[cut:]]

    return Fix("在此分段", apply)


def check(bulletin: Bulletin, context: Context) -> Iterator[Problem]:
    parsed = context.parsed
    if parsed is None:
        return
    for warning in parsed.warnings:
        if warning.code != "paragraph_break_uncertain" or warning.line is None:
            continue
        found = _paragraph_at(parsed, warning.line)
        if found is None:
            continue
        si, ai, pi, first, _last = found
        path = f"sections[{si}].articles[{ai}].paragraphs"
        try:
            now = bulletin.sections[si].articles[ai].paragraphs
            was = parsed.sections[si].articles[ai].paragraphs
        except IndexError:
            continue
        unchanged = now == was
        fixes: tuple[Fix, ...] = ()
        if unchanged and warning.line == first and pi > 0:
            fixes = (_join(si, ai, pi),)
            message = f"第 {warning.line} 行起分了段，但也可能与上一段是同一段"
        else:
            message = f"第 {warning.line} 行处没有分段，但也可能是新的一段"
            if unchanged:  # (else the paragraph may be gone: the editor joined some)
                before = [
                    ln
                    for ln in context.source_lines[first - 1 : warning.line - 1]
                    if ln.strip() and not PAGE_NUMBER_RE.match(ln.strip())
                ]
                prefix = join_visual_lines(before)
                current = paragraph_text(now[pi])
                if prefix and current.startswith(prefix) and len(prefix) < len(current):
                    fixes = (_split(si, ai, pi, len(prefix)),)
        yield Problem("paragraph_break", path, message, WARNING, fixes)
