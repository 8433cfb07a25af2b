"""The schema's normalisation rules, one by one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.normalise import (
    display_width,
    join_visual_lines,
    normalise_inline,
    split_title_line,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("2021年 7月 16日", "2021年7月16日"),
        ("召开 2021 年上半年", "召开2021年上半年"),
        ("阅读量 285.2 万", "阅读量285.2万"),
        ("增长 12.5% 以上", "增长12.5%以上"),
        ("“百年辉煌 百年荣光”", "“百年辉煌 百年荣光”"),
        ("《新时代   脱贫攻坚在四川》", "《新时代 脱贫攻坚在四川》"),
        ("  前后空白\u3000", "前后空白"),
        ("APP 端和 5G 网络", "APP端和5G网络"),
        ("Sichuan Local Chronicles", "Sichuan Local Chronicles"),
    ],
)
def test_normalise_inline(raw: str, clean: str) -> None:
    assert normalise_inline(raw) == clean


def test_visual_lines_join_with_nothing_between() -> None:
    assert join_visual_lines(["会议指出，2021 年上", " 半年工作取得良好成绩。"]) == (
        "会议指出，2021年上半年工作取得良好成绩。"
    )
    assert (
        join_visual_lines(["the Sichuan", "Provincial Office"]) == "the Sichuan Provincial Office"
    )


def test_title_split_outside_brackets_only() -> None:
    assert split_title_line("省地方志办召开会议 传达学习会议精神") == [
        "省地方志办召开会议",
        "传达学习会议精神",
    ]
    assert split_title_line("“百年辉煌 百年荣光”征文活动启动") == [
        "“百年辉煌 百年荣光”征文活动启动"
    ]
    assert split_title_line("澎湃政务号 2023年度传播案例") == ["澎湃政务号2023年度传播案例"]


def test_widths() -> None:
    assert display_width("四川") == 4
    assert display_width("“2021”") == 8
    assert display_width("ab") == 2


@given(st.text())
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalise_inline(text)
    assert normalise_inline(once) == once
