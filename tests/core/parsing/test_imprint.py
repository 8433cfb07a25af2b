"""The 版记: labels, continuation lines, printer and date, copies."""

from __future__ import annotations

from editor.core.parsing import parse_text

BODY = "【工作动态】\n\n标题\n\n正文一段。\n\n（省地方志办）\n\n"


def test_full_imprint_with_continuations_and_deliberate_breaks() -> None:
    text = BODY + (
        "信息公开选项：主动公开\n"
        "报：省委，省人大常委会，省人民政府，\n"
        "政协四川省委。\n"
        "中国地方志指导小组办公室。\n"
        "送：省直各部门，各市（州）党委、市（州）人民政府。\n"
        "发：各市（州）地方志办公室（党史地方志研究室，地方志编纂中心），\n"
        "巴蜀方志文化研究中心。\n"
        "四川省地方志工作办公室综合处 2024年 1月 31日印发\n"
        "（共印 21份）\n"
    )
    imprint = parse_text(text).imprint
    assert imprint.disclosure == "主动公开"
    assert (
        imprint.report_to
        == "省委，省人大常委会，省人民政府，政协四川省委。\n中国地方志指导小组办公室。"
    )
    assert imprint.copy_to == "省直各部门，各市（州）党委、市（州）人民政府。"
    assert imprint.distribute_to == (
        "各市（州）地方志办公室（党史地方志研究室，地方志编纂中心），巴蜀方志文化研究中心。"
    )
    assert imprint.printer == "四川省地方志工作办公室综合处"
    assert imprint.print_date == "2024-01-31"
    assert imprint.copies == 21


def test_printer_and_date_on_two_lines_half_width_colons() -> None:
    text = BODY + (
        "信息公开选项:依申请公开\n\n报:省直机关工委。\n\n发:机关各处，四川年鉴社。\n\n"
        "四川省地方志工作办公室综合处\n\n2020年5月22日印发\n\n(共印12份)"
    )
    bulletin = parse_text(text)
    imprint = bulletin.imprint
    assert imprint.disclosure == "依申请公开"
    assert imprint.report_to == "省直机关工委。"
    assert imprint.copy_to is None
    assert imprint.distribute_to == "机关各处，四川年鉴社。"
    assert imprint.printer == "四川省地方志工作办公室综合处"
    assert imprint.print_date == "2020-05-22"
    assert imprint.copies == 12
    assert bulletin.spans["imprint.printer"] == [(15, 15)]


def test_missing_imprint_gives_nulls_and_warnings() -> None:
    bulletin = parse_text(BODY)
    assert bulletin.imprint.to_dict() == dict.fromkeys(bulletin.imprint.KEYS)
    missing = [w.message for w in bulletin.warnings if w.code == "missing_field"]
    assert "原文中没有找到印发日期" in missing
    assert bulletin.sections[0].articles[0].paragraphs == ["正文一段。"]


def test_a_body_line_starting_with_a_label_does_not_open_the_imprint() -> None:
    text = (
        "标题\n\n会议要求，全体干部要认真学习会议精神，切实把思想和行动统一到会议部署上来，"
        "结合各自岗位抓好贯彻落实。这次会议的材料由办公室统一印\n发：请各单位按时领取并认真学习。\n\n"
        "信息公开选项：主动公开\n发：机关各处。\n"
    )
    bulletin = parse_text(text)
    assert bulletin.sections[0].articles[0].paragraphs == [
        "会议要求，全体干部要认真学习会议精神，切实把思想和行动统一到会议部署上来，"
        "结合各自岗位抓好贯彻落实。这次会议的材料由办公室统一印发：请各单位按时领取并认真学习。"
    ]
    assert bulletin.imprint.distribute_to == "机关各处。"
