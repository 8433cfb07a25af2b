"""What a bulletin must have before it is typeset for printing.

Each problem names the field (as a path the review form understands) and says
in Chinese what is missing; the exporter refuses to write while any remain,
unless a draft is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.model import Bulletin


@dataclass(frozen=True)
class Problem:
    path: str
    message: str


_MASTHEAD = (
    ("name", "报头名称"),
    ("issue", "期号"),
    ("issuer", "编印单位"),
    ("date", "报头日期"),
)
_IMPRINT = (
    ("printer", "印发机关"),
    ("print_date", "印发日期"),
)


def export_problems(bulletin: Bulletin) -> list[Problem]:
    """Everything missing for an official (non-draft) export, in reading order."""
    problems: list[Problem] = []
    for key, label in _MASTHEAD:
        if getattr(bulletin.masthead, key) in (None, ""):
            problems.append(Problem(f"masthead.{key}", f"缺少{label}"))
    articles = [
        (si, ai, article)
        for si, section in enumerate(bulletin.sections)
        for ai, article in enumerate(section.articles)
    ]
    if not articles:
        problems.append(Problem("sections", "没有任何文章"))
    for number, (si, ai, article) in enumerate(articles, start=1):
        where = f"sections[{si}].articles[{ai}]"
        if not (article.title or "").strip():
            problems.append(Problem(f"{where}.title", f"第{number}篇文章缺少标题"))
        if not any(isinstance(p, str) and p.strip() for p in article.paragraphs):
            problems.append(Problem(f"{where}.paragraphs", f"第{number}篇文章没有正文段落"))
    for key, label in _IMPRINT:
        if getattr(bulletin.imprint, key) in (None, ""):
            problems.append(Problem(f"imprint.{key}", f"缺少{label}"))
    return problems
