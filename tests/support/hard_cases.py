"""Bulletins that test the print-grade rules where they are hardest to keep.

Built from the fixtures' text (tests/fixtures/bulletins), never from the corpus:
long titles (two long given lines, 21 characters, none given), 30 short paragraphs
without 栏目, six 栏目, long multi-line 报/送/发 with a line that wraps at a comma
that may not start a line, and bodies cut to end at a chosen height of a chosen
page, so the 版记 falls on odd and even pages.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


def base() -> dict[str, Any]:
    return json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))


def sentences() -> list[str]:
    """The fixture's paragraphs, for filling bodies."""
    data = base()
    return [p for s in data["sections"] for a in s["articles"] for p in a["paragraphs"]]


def article(title: str | None, paragraphs: list[str], source: str | None) -> dict[str, Any]:
    return {"title": title, "paragraphs": paragraphs, "source": source}


def long_titles() -> dict[str, Any]:
    """Titles a typesetter must break: two long given lines, 21 characters, none given."""
    data = base()
    body = sentences()
    data["sections"] = [
        {
            "name": "工作动态",
            "articles": [
                article(
                    "四川省地方志工作办公室召开2022年全省年鉴编纂工作推进会暨业务培训会\n"
                    "传达学习全国地方志工作会议精神并研究部署下一阶段年鉴编纂出版重点任务",
                    body[0:2],
                    "省地方志办",
                ),
                article("省地方志办召开年鉴编纂质量提升专题推进会", body[2:4], "省地方志办"),
                article(
                    "全省地方志系统深入学习贯彻党的二十大精神扎实推进方志事业高质量发展",
                    body[4:6],
                    "省地方志办",
                ),
            ],
        }
    ]
    return data


def thirty_paragraphs() -> dict[str, Any]:
    """One article of 30 short paragraphs, and no 栏目 at all."""
    data = base()
    short = [s.split("，")[0] + "。" for s in sentences()]
    paragraphs = [short[i % len(short)] for i in range(30)]
    data["sections"] = [
        {
            "name": None,
            "articles": [
                article("全省地方志工作要点（三十条）", paragraphs, "省地方志办"),
                article("绵阳市史志办开展方志进校园活动", sentences()[-3:], "绵阳市史志办"),
            ],
        }
    ]
    return data


def six_columns() -> dict[str, Any]:
    data = base()
    body = sentences()
    names = ["特别关注", "工作动态", "市州动态", "志鉴编纂", "开发利用", "队伍建设"]
    data["sections"] = [
        {
            "name": name,
            "articles": [
                article(
                    f"{name}：省地方志办部署年鉴编纂工作",
                    body[i : i + 2],
                    "省地方志办",
                )
            ],
        }
        for i, name in enumerate(names)
    ]
    return data


KINSOKU_LINE = "省委办公厅，省人大常委会办公厅，省政府办公厅，省档案馆，省纪委监委机关"
"""A 送 line whose first line fills with 报/送's indent exactly up to a comma (the 30th
character of the line is ，, which may not start the next line)."""


def long_recipients() -> dict[str, Any]:
    """报/送/发 of several lines each, one of them wrapping at a kinsoku comma."""
    data = base()
    data["sections"] = data["sections"][:1]
    data["sections"][0]["articles"] = data["sections"][0]["articles"][:1]
    data["imprint"].update(
        {
            "report_to": "省委，省人大常委会，省人民政府，政协四川省委。\n"
            "中国地方志指导小组办公室。\n"
            "省委宣传部，省委党史研究室，省档案馆，省社会科学院，省图书馆，"
            "四川大学，西南民族大学。",
            "copy_to": KINSOKU_LINE + "。",
            "distribute_to": "各市（州）地方志办公室（党史地方志研究室，地方志编纂中心），"
            "巴蜀方志文化研究中心，办领导，办机关各处室、直属单位，四川年鉴社。",
        }
    )
    return data


def with_body_lines(extra: int, template: Callable[[], dict[str, Any]] = base) -> dict[str, Any]:
    """The fixture with ``extra`` one-line paragraphs added to its last article:
    each adds one body line, so a range of ``extra`` sweeps the body's end down a page."""
    data = copy.deepcopy(template())
    last = data["sections"][-1]["articles"][-1]
    filler = [f"第{i + 1}项工作按计划推进。" for i in range(extra)]
    last["paragraphs"] = last["paragraphs"] + filler
    return data


HARD_CASES: dict[str, Callable[[], dict[str, Any]]] = {
    "long_titles": long_titles,
    "thirty_paragraphs": thirty_paragraphs,
    "six_columns": six_columns,
    "long_recipients": long_recipients,
}
